//! Elementwise binary kernels: arithmetic and comparisons over [`Operand`]s.

use super::{map2, Arith, Float, Operand};
use std::mem::MaybeUninit;

/// The arithmetic binary operations of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `a + b`
    Add,
    /// `a - b`
    Sub,
    /// `a * b`
    Mul,
    /// `a / b` (true division: integer inputs give floats)
    Div,
    /// `a ** b`
    Pow,
    /// NumPy `maximum`
    Maximum,
    /// NumPy `minimum`
    Minimum,
}

impl BinaryOp {
    /// The contract's method name.
    pub fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
            BinaryOp::Pow => "pow",
            BinaryOp::Maximum => "maximum",
            BinaryOp::Minimum => "minimum",
        }
    }
}

/// The comparisons; each gives `bool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `a == b`
    Equal,
    /// `a != b`
    NotEqual,
    /// `a < b`
    Less,
    /// `a <= b`
    LessEqual,
    /// `a > b`
    Greater,
    /// `a >= b`
    GreaterEqual,
}

impl CompareOp {
    /// The contract's method name.
    pub fn name(self) -> &'static str {
        match self {
            CompareOp::Equal => "equal",
            CompareOp::NotEqual => "notEqual",
            CompareOp::Less => "less",
            CompareOp::LessEqual => "lessEqual",
            CompareOp::Greater => "greater",
            CompareOp::GreaterEqual => "greaterEqual",
        }
    }
}

/// Integer (and any non-division) arithmetic, scalar path. `Div` never reaches integer
/// kernels: true division computes in a float dtype.
pub fn arith<T: Arith>(op: BinaryOp, a: Operand<T>, b: Operand<T>, out: &mut [MaybeUninit<T>]) {
    match op {
        BinaryOp::Add => map2(a, b, out, T::add),
        BinaryOp::Sub => map2(a, b, out, T::sub),
        BinaryOp::Mul => map2(a, b, out, T::mul),
        BinaryOp::Pow => map2(a, b, out, T::pow),
        BinaryOp::Maximum => map2(a, b, out, T::maximum),
        BinaryOp::Minimum => map2(a, b, out, T::minimum),
        BinaryOp::Div => map2(a, b, out, |_, _| T::ZERO),
    }
}

/// Float arithmetic, scalar path.
pub fn float_scalar<T: Float>(
    op: BinaryOp,
    a: Operand<T>,
    b: Operand<T>,
    out: &mut [MaybeUninit<T>],
) {
    match op {
        BinaryOp::Div => map2(a, b, out, T::div),
        _ => arith(op, a, b, out),
    }
}

/// f32 arithmetic: the simd128 path where compiled in, else the scalar path.
pub fn float32(op: BinaryOp, a: Operand<f32>, b: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if super::simd128::binary_f32(op, a, b, out) {
        return;
    }
    float_scalar(op, a, b, out)
}

/// Comparisons, scalar path (NaN compares unequal to everything, as IEEE says).
pub fn compare<T: PartialOrd + Copy>(
    op: CompareOp,
    a: Operand<T>,
    b: Operand<T>,
    out: &mut [MaybeUninit<bool>],
) {
    match op {
        CompareOp::Equal => map2(a, b, out, |x, y| x == y),
        CompareOp::NotEqual => map2(a, b, out, |x, y| x != y),
        CompareOp::Less => map2(a, b, out, |x, y| x < y),
        CompareOp::LessEqual => map2(a, b, out, |x, y| x <= y),
        CompareOp::Greater => map2(a, b, out, |x, y| x > y),
        CompareOp::GreaterEqual => map2(a, b, out, |x, y| x >= y),
    }
}

#[cfg(test)]
mod tests {
    use super::super::collect;
    use super::*;

    #[test]
    fn integer_arithmetic_wraps() {
        let add = collect(2, |o| {
            arith::<i8>(
                BinaryOp::Add,
                Operand::Slice(&[127, -128]),
                Operand::Scalar(1),
                o,
            )
        });
        assert_eq!(add, [-128, -127]);
        let pow = collect(2, |o| {
            arith::<i8>(
                BinaryOp::Pow,
                Operand::Slice(&[2, 3]),
                Operand::Scalar(7),
                o,
            )
        });
        assert_eq!(pow, [-128, -117]); // 128 wraps; 2187 mod 256 = 139 -> -117
    }

    #[test]
    fn float_maximum_propagates_nan() {
        let a = [1.0, f32::NAN, 3.0];
        let b = [2.0, 0.0, f32::NAN];
        let out = collect(3, |o| {
            float32(BinaryOp::Maximum, Operand::Slice(&a), Operand::Slice(&b), o)
        });
        assert_eq!(out[0], 2.0);
        assert!(out[1].is_nan() && out[2].is_nan());
    }
}
