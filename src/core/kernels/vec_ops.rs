//! [`VecOps`]: which kernel each element type runs. Every method has the scalar path as its
//! default body; f64 and f32 take the float paths, and f32 on wasm32 builds with `+simd128`
//! overrides them with the `simd128` primitives (candle's `cpu/kernels.rs` is the model).
//! This is the one place where an element type meets its SIMD path, so no kernel checks a
//! dtype at run time and no slice is reinterpreted as another type.

use super::arith::{Arith, Float};
use super::op::{BinaryOp, UnaryOp};
use super::operand::Operand;
use super::{binary, matmul, pairwise, reduce, softmax, unary};
use crate::core::parallel;
use std::mem::MaybeUninit;

/// The kernels of one element type.
pub trait VecOps: Arith {
    /// Where [`VecOps::pairwise_sum`] splits a slice in two: at `(len / 2 / SPLIT) * SPLIT`.
    /// [`VecOps::sum`] splits at the same places, so its tree is the kernel's.
    const PAIRWISE_SPLIT: usize = 8;

    /// Elementwise arithmetic; `Div` never reaches integer types (true division computes in
    /// a float dtype).
    fn binary(op: BinaryOp, a: Operand<Self>, b: Operand<Self>, out: &mut [MaybeUninit<Self>]) {
        binary::arith(op, a, b, out)
    }
    /// Elementwise unary ops (float functions reach float types only).
    fn unary(op: UnaryOp, a: Operand<Self>, out: &mut [MaybeUninit<Self>]) {
        unary::arith(op, a, out)
    }
    /// `out[m×n] = a[m×k] · b[k×n]`, all row-major and contiguous.
    fn gemm(m: usize, n: usize, k: usize, a: &[Self], b: &[Self], out: &mut [Self]) {
        matmul::gemm_scalar(m, n, k, a, b, out)
    }
    /// Σ of `s`, summed pairwise.
    fn pairwise_sum(s: &[Self]) -> Self {
        pairwise::pairwise_sum_scalar(s)
    }
    /// Σ of `s`: [`VecOps::pairwise_sum`], with the top of its tree on the thread pool
    /// when `s` is long (the same tree, so the same bits at any thread count).
    fn sum(s: &[Self]) -> Self {
        parallel::pairwise_sum(
            s,
            Self::PAIRWISE_SPLIT,
            pairwise::PAIRWISE_BLOCK,
            &Self::pairwise_sum,
            &Self::add,
        )
    }
    /// The max (`max = true`) or min of `s`, NaN-propagating; None when empty.
    fn extreme(s: &[Self], max: bool) -> Option<Self> {
        reduce::extreme_scalar(s, max)
    }
}

/// The kernels only float types have (integers never reach them).
pub trait FloatOps: VecOps + Float {
    /// The softmax of one row into `dst` (same length); `scratch` is reusable space.
    fn softmax_row(
        row: &[Self],
        dst: &mut [MaybeUninit<Self>],
        scratch: &mut Vec<MaybeUninit<Self>>,
    ) {
        softmax::softmax_row_scalar(row, dst, scratch)
    }
}

impl FloatOps for f64 {}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl FloatOps for f32 {}

macro_rules! scalar_vec_ops {
    ($($t:ty),*) => {$(impl VecOps for $t {
        /// Wrapping integer sums are exact in any order: one plain loop, which LLVM
        /// vectorises, instead of the pairwise tree floats need.
        fn pairwise_sum(s: &[Self]) -> Self {
            s.iter().fold(0, |total, &x| total.wrapping_add(x))
        }
    })*};
}
scalar_vec_ops!(i8, i16, i32, i64, u8, u16, u32, u64);

impl VecOps for f64 {
    fn binary(op: BinaryOp, a: Operand<f64>, b: Operand<f64>, out: &mut [MaybeUninit<f64>]) {
        binary::float_scalar(op, a, b, out)
    }
    fn unary(op: UnaryOp, a: Operand<f64>, out: &mut [MaybeUninit<f64>]) {
        unary::float_scalar(op, a, out)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl VecOps for f32 {
    fn binary(op: BinaryOp, a: Operand<f32>, b: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
        binary::float_scalar(op, a, b, out)
    }
    fn unary(op: UnaryOp, a: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
        unary::float_scalar(op, a, out)
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd_f32 {
    use super::super::arith::{Arith, Float};
    use super::super::simd128::{
        exp4, extreme_f32, gemm_f32, log4, map1_f32, map2_f32, relu4, sigmoid4, softmax_row_f32,
        sum_f32, tanh4,
    };
    use super::*;
    use core::arch::wasm32::*;

    /// Lane 0 of a four-lane primitive: the scalar twin of a polynomial, so the tail of a
    /// slice gets exactly the values its body does.
    fn lane0(f: fn(v128) -> v128) -> impl Fn(f32) -> f32 {
        move |x| f32x4_extract_lane::<0>(f(f32x4_splat(x)))
    }

    impl VecOps for f32 {
        fn binary(op: BinaryOp, a: Operand<f32>, b: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
            match op {
                BinaryOp::Add => map2_f32(a, b, out, |x, y| f32x4_add(x, y), Arith::add),
                BinaryOp::Sub => map2_f32(a, b, out, |x, y| f32x4_sub(x, y), Arith::sub),
                BinaryOp::Mul => map2_f32(a, b, out, |x, y| f32x4_mul(x, y), Arith::mul),
                BinaryOp::Div => map2_f32(a, b, out, |x, y| f32x4_div(x, y), Float::div),
                // wasm's f32x4.max/min propagate NaN, like NumPy's maximum/minimum.
                BinaryOp::Maximum => map2_f32(a, b, out, |x, y| f32x4_max(x, y), Arith::maximum),
                BinaryOp::Minimum => map2_f32(a, b, out, |x, y| f32x4_min(x, y), Arith::minimum),
                BinaryOp::Pow | BinaryOp::Mod | BinaryOp::FloorDiv | BinaryOp::Atan2 => {
                    binary::float_scalar(op, a, b, out)
                }
            }
        }

        fn unary(op: UnaryOp, a: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
            match op {
                UnaryOp::Neg => map1_f32(a, out, |x| f32x4_neg(x), Arith::neg),
                UnaryOp::Abs => map1_f32(a, out, |x| f32x4_abs(x), Arith::abs),
                UnaryOp::Square => map1_f32(a, out, |x| f32x4_mul(x, x), |x| x * x),
                UnaryOp::Sqrt => map1_f32(a, out, |x| f32x4_sqrt(x), f32::sqrt),
                UnaryOp::Floor => map1_f32(a, out, |x| f32x4_floor(x), f32::floor),
                UnaryOp::Ceil => map1_f32(a, out, |x| f32x4_ceil(x), f32::ceil),
                UnaryOp::Round => map1_f32(a, out, |x| f32x4_nearest(x), f32::round_ties_even),
                UnaryOp::Relu => map1_f32(a, out, relu4, lane0(relu4)),
                UnaryOp::Exp => map1_f32(a, out, exp4, lane0(exp4)),
                UnaryOp::Log => map1_f32(a, out, log4, lane0(log4)),
                UnaryOp::Sigmoid => map1_f32(a, out, sigmoid4, lane0(sigmoid4)),
                UnaryOp::Tanh => map1_f32(a, out, tanh4, lane0(tanh4)),
                UnaryOp::Trunc => map1_f32(a, out, |x| f32x4_trunc(x), f32::trunc),
                _ => unary::float_scalar(op, a, out),
            }
        }

        fn gemm(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], out: &mut [f32]) {
            if !gemm_f32(m, n, k, a, b, out) {
                matmul::gemm_scalar(m, n, k, a, b, out)
            }
        }

        const PAIRWISE_SPLIT: usize = 16;

        fn pairwise_sum(s: &[f32]) -> f32 {
            sum_f32(s)
        }

        fn extreme(s: &[f32], max: bool) -> Option<f32> {
            extreme_f32(s, max, if max { Arith::maximum } else { Arith::minimum })
        }
    }

    impl FloatOps for f32 {
        fn softmax_row(row: &[f32], dst: &mut [MaybeUninit<f32>], _: &mut Vec<MaybeUninit<f32>>) {
            softmax_row_f32(row, dst, Arith::maximum)
        }
    }
}
