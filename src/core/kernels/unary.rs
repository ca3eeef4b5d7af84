//! Elementwise unary kernels.

use super::{map1, Arith, Float, Operand};
use std::mem::MaybeUninit;

/// The unary operations of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `|x|`
    Abs,
    /// `x * x`
    Square,
    /// `max(x, 0)`
    Relu,
    /// e^x
    Exp,
    /// ln x
    Log,
    /// √x
    Sqrt,
    /// sin x
    Sin,
    /// cos x
    Cos,
    /// tanh x
    Tanh,
    /// 1 / (1 + e^-x)
    Sigmoid,
    /// ⌊x⌋
    Floor,
    /// ⌈x⌉
    Ceil,
    /// round half to even
    Round,
}

impl UnaryOp {
    /// The contract's method name.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Neg => "neg",
            UnaryOp::Abs => "abs",
            UnaryOp::Square => "square",
            UnaryOp::Relu => "relu",
            UnaryOp::Exp => "exp",
            UnaryOp::Log => "log",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
            UnaryOp::Tanh => "tanh",
            UnaryOp::Sigmoid => "sigmoid",
            UnaryOp::Floor => "floor",
            UnaryOp::Ceil => "ceil",
            UnaryOp::Round => "round",
        }
    }

    /// Whether the result is a float even for integer input (NumPy's float ufuncs).
    pub fn is_float_function(self) -> bool {
        matches!(
            self,
            UnaryOp::Exp
                | UnaryOp::Log
                | UnaryOp::Sqrt
                | UnaryOp::Sin
                | UnaryOp::Cos
                | UnaryOp::Tanh
                | UnaryOp::Sigmoid
        )
    }

    /// Whether the op is the identity on integers (floor, ceil, round).
    pub fn is_integer_identity(self) -> bool {
        matches!(self, UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round)
    }
}

/// The ops that need no float: neg, abs, square, relu (integers and floats).
pub fn arith<T: Arith>(op: UnaryOp, a: Operand<T>, out: &mut [MaybeUninit<T>]) {
    match op {
        UnaryOp::Neg => map1(a, out, T::neg),
        UnaryOp::Abs => map1(a, out, T::abs),
        UnaryOp::Square => map1(a, out, |x| x.mul(x)),
        UnaryOp::Relu => map1(a, out, |x| {
            if x.is_nan() || x > T::ZERO {
                x
            } else {
                T::ZERO
            }
        }),
        // Identity on integers; the float ops below handle floats.
        _ => map1(a, out, |x| x),
    }
}

/// Every op on floats, scalar path.
pub fn float_scalar<T: Float>(op: UnaryOp, a: Operand<T>, out: &mut [MaybeUninit<T>]) {
    match op {
        UnaryOp::Exp => map1(a, out, T::exp),
        UnaryOp::Log => map1(a, out, T::ln),
        UnaryOp::Sqrt => map1(a, out, T::sqrt),
        UnaryOp::Sin => map1(a, out, T::sin),
        UnaryOp::Cos => map1(a, out, T::cos),
        UnaryOp::Tanh => map1(a, out, T::tanh),
        UnaryOp::Sigmoid => map1(a, out, |x| {
            // e = e^-|x|; e/(1+e) for negative x keeps small results accurate.
            let e = x.abs().neg().exp();
            let numerator = if x < T::ZERO { e } else { T::ONE };
            numerator.div(T::ONE.add(e))
        }),
        UnaryOp::Floor => map1(a, out, T::floor),
        UnaryOp::Ceil => map1(a, out, T::ceil),
        UnaryOp::Round => map1(a, out, T::round_even),
        _ => arith(op, a, out),
    }
}

/// f32: the simd128 path where compiled in, else the scalar path.
pub fn float32(op: UnaryOp, a: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if super::simd128::unary_f32(op, a, out) {
        return;
    }
    float_scalar(op, a, out)
}

#[cfg(test)]
mod tests {
    use super::super::collect;
    use super::*;

    #[test]
    fn round_is_half_to_even_like_numpy() {
        let x = [0.5, 1.5, 2.5, -0.5];
        let out = collect(4, |o| {
            float_scalar::<f64>(UnaryOp::Round, Operand::Slice(&x), o)
        });
        assert_eq!(out, [0.0, 2.0, 2.0, -0.0]);
    }

    #[test]
    fn relu_keeps_nan_and_zeroes_negatives() {
        let x = [-1.0, 2.0, f32::NAN];
        let out = collect(3, |o| float32(UnaryOp::Relu, Operand::Slice(&x), o));
        assert_eq!(&out[..2], &[0.0, 2.0]);
        assert!(out[2].is_nan());
    }
}
