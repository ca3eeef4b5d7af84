//! Elementwise binary kernels: arithmetic and comparisons over [`Operand`]s.

use super::arith::{Arith, Float};
use super::op::{BinaryOp, CompareOp};
use super::operand::{map2, Operand};
use std::mem::MaybeUninit;

/// Integer (and any non-division) arithmetic, scalar path. `Div` and `Atan2` never reach
/// integer kernels: they compute in a float dtype.
pub fn arith<T: Arith>(op: BinaryOp, a: Operand<T>, b: Operand<T>, out: &mut [MaybeUninit<T>]) {
    match op {
        BinaryOp::Add => map2(a, b, out, T::add),
        BinaryOp::Sub => map2(a, b, out, T::sub),
        BinaryOp::Mul => map2(a, b, out, T::mul),
        BinaryOp::Pow => map2(a, b, out, T::pow),
        BinaryOp::Maximum => map2(a, b, out, T::maximum),
        BinaryOp::Minimum => map2(a, b, out, T::minimum),
        BinaryOp::Mod => map2(a, b, out, T::rem_floor),
        BinaryOp::FloorDiv => map2(a, b, out, T::div_floor),
        BinaryOp::Div | BinaryOp::Atan2 => map2(a, b, out, |_, _| T::ZERO),
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
        BinaryOp::Atan2 => map2(a, b, out, T::atan2),
        _ => arith(op, a, b, out),
    }
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
    use super::super::operand::collect;
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
    fn integer_mod_and_floor_div_follow_numpy_including_zero_and_min() {
        let a: [i8; 4] = [-7, 7, -128, 5];
        let b: [i8; 4] = [2, -2, -1, 0];
        let run = |op| {
            collect(4, |o| {
                arith::<i8>(op, Operand::Slice(&a), Operand::Slice(&b), o)
            })
        };
        assert_eq!(run(BinaryOp::Mod), [1, -1, 0, 0]);
        assert_eq!(run(BinaryOp::FloorDiv), [-4, -4, -128, 0]);
    }

    #[test]
    fn float_mod_and_floor_div_follow_numpy_divmod() {
        let a = [-7.0, 7.0, 5.0, -0.0, f64::INFINITY, 1.0, -1.0];
        let b = [2.0, -2.0, 0.0, 3.0, 2.0, f64::INFINITY, f64::INFINITY];
        let run = |op| {
            collect(7, |o| {
                float_scalar::<f64>(op, Operand::Slice(&a), Operand::Slice(&b), o)
            })
        };
        let m = run(BinaryOp::Mod);
        assert_eq!(&m[..2], &[1.0, -1.0]);
        assert!(m[2].is_nan() && m[4].is_nan());
        assert_eq!(m[3], 0.0);
        assert_eq!(m[5], 1.0);
        let q = run(BinaryOp::FloorDiv);
        assert_eq!(&q[..2], &[-4.0, -4.0]);
        assert_eq!(q[2], f64::INFINITY);
        assert!(q[3] == 0.0 && q[3].is_sign_negative());
        assert!(q[4].is_nan());
        assert_eq!([q[5], q[6]], [0.0, -1.0]);
    }

    #[test]
    fn float_maximum_propagates_nan() {
        let a = [1.0, f32::NAN, 3.0];
        let b = [2.0, 0.0, f32::NAN];
        let out = collect(3, |o| {
            float_scalar::<f32>(BinaryOp::Maximum, Operand::Slice(&a), Operand::Slice(&b), o)
        });
        assert_eq!(out[0], 2.0);
        assert!(out[1].is_nan() && out[2].is_nan());
    }
}
