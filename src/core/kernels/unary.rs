//! Elementwise unary kernels.

use super::arith::{Arith, Float};
use super::op::UnaryOp;
use super::operand::{map1, Operand};
use std::mem::MaybeUninit;

/// The ops that need no float: neg, abs, square, relu, sign, reciprocal (integers and floats).
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
        UnaryOp::Sign => map1(a, out, T::sign),
        UnaryOp::Reciprocal => map1(a, out, T::reciprocal),
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
        UnaryOp::Trunc => map1(a, out, T::trunc),
        _ if op.is_float_function() => map1(a, out, |x| x.libm(op)),
        _ => arith(op, a, out),
    }
}

#[cfg(test)]
mod tests {
    use super::super::operand::collect;
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
    fn integer_sign_and_reciprocal_keep_the_dtype_like_numpy() {
        let x: [i8; 5] = [-128, -1, 0, 2, 1];
        let sign = collect(5, |o| arith::<i8>(UnaryOp::Sign, Operand::Slice(&x), o));
        assert_eq!(sign, [-1, -1, 0, 1, 1]);
        let recip = collect(5, |o| {
            arith::<i8>(UnaryOp::Reciprocal, Operand::Slice(&x), o)
        });
        assert_eq!(recip, [0, -1, 0, 0, 1]);
        let u: [u8; 3] = [0, 1, 255];
        assert_eq!(
            collect(3, |o| arith::<u8>(UnaryOp::Sign, Operand::Slice(&u), o)),
            [0, 1, 1]
        );
    }

    #[test]
    fn float_sign_keeps_nan_and_gives_positive_zero() {
        let x = [-0.0, 0.0, f64::NAN, -3.0, f64::INFINITY];
        let out = collect(5, |o| {
            float_scalar::<f64>(UnaryOp::Sign, Operand::Slice(&x), o)
        });
        assert!(out[0] == 0.0 && out[0].is_sign_positive());
        assert!(out[2].is_nan());
        assert_eq!([out[1], out[3], out[4]], [0.0, -1.0, 1.0]);
    }

    #[test]
    fn erf_matches_scipy() {
        let x = [3.0f32, -0.625];
        let out = collect(2, |o| {
            float_scalar::<f32>(UnaryOp::Erf, Operand::Slice(&x), o)
        });
        assert!((out[0] - 0.999_977_9).abs() < 1e-6 && (out[1] + 0.623_240_9).abs() < 1e-6);
    }

    #[test]
    fn relu_keeps_nan_and_zeroes_negatives() {
        let x = [-1.0, 2.0, f32::NAN];
        let out = collect(3, |o| {
            float_scalar::<f32>(UnaryOp::Relu, Operand::Slice(&x), o)
        });
        assert_eq!(&out[..2], &[0.0, 2.0]);
        assert!(out[2].is_nan());
    }
}
