//! SIMD128 paths (wasm32 with `+simd128` only). Each function here has a scalar twin in
//! its family's file; `tests/wasm_common/kernels.rs` holds the two equal under
//! wasm-bindgen-test, since Miri and native tests cannot run wasm intrinsics.

use super::binary::BinaryOp;
use super::Operand;
use core::arch::wasm32::*;

#[inline(always)]
fn load(s: &[f32], i: usize) -> v128 {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: callers pass i + 4 <= s.len(); v128_load accepts unaligned addresses.
    unsafe { v128_load(s.as_ptr().add(i).cast::<v128>()) }
}

#[inline(always)]
fn store(s: &mut [f32], i: usize, v: v128) {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: callers pass i + 4 <= s.len(); v128_store accepts unaligned addresses.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

#[inline(always)]
fn lanes(op: BinaryOp) -> Option<fn(v128, v128) -> v128> {
    Some(match op {
        BinaryOp::Add => f32x4_add,
        BinaryOp::Sub => f32x4_sub,
        BinaryOp::Mul => f32x4_mul,
        BinaryOp::Div => f32x4_div,
        // f32x4_max/min propagate NaN, like NumPy's maximum/minimum.
        BinaryOp::Maximum => f32x4_max,
        BinaryOp::Minimum => f32x4_min,
        BinaryOp::Pow => return None,
    })
}

/// f32 binary arithmetic four lanes at a time; false when `op` has no SIMD path.
pub fn binary_f32(op: BinaryOp, a: Operand<f32>, b: Operand<f32>, out: &mut [f32]) -> bool {
    let Some(f) = lanes(op) else { return false };
    let n = out.len();
    let body = n - n % 4;
    let get = |o: &Operand<f32>, i: usize| match o {
        Operand::Slice(s) => load(s, i),
        Operand::Scalar(v) => f32x4_splat(*v),
    };
    let mut i = 0;
    while i < body {
        let v = f(get(&a, i), get(&b, i));
        store(out, i, v);
        i += 4;
    }
    for j in body..n {
        let lane = f(f32x4_splat(a.at(j)), f32x4_splat(b.at(j)));
        out[j] = f32x4_extract_lane::<0>(lane);
    }
    true
}

/// f32 unary ops four lanes at a time; false when `op` has no SIMD path.
pub fn unary_f32(op: super::unary::UnaryOp, a: Operand<f32>, out: &mut [f32]) -> bool {
    use super::unary::UnaryOp as U;
    let f: fn(v128) -> v128 = match op {
        U::Neg => f32x4_neg,
        U::Abs => f32x4_abs,
        U::Square => |x| f32x4_mul(x, x),
        U::Sqrt => f32x4_sqrt,
        U::Floor => f32x4_floor,
        U::Ceil => f32x4_ceil,
        U::Round => f32x4_nearest,
        _ => return false,
    };
    let n = out.len();
    let body = n - n % 4;
    let mut i = 0;
    while i < body {
        let x = match &a {
            Operand::Slice(s) => load(s, i),
            Operand::Scalar(v) => f32x4_splat(*v),
        };
        store(out, i, f(x));
        i += 4;
    }
    for j in body..n {
        out[j] = f32x4_extract_lane::<0>(f(f32x4_splat(a.at(j))));
    }
    true
}

/// f32 pairwise sum with four f32x4 accumulators per 128-element block; None for other types.
pub fn try_pairwise_sum<C: super::Arith>(s: &[C]) -> Option<C> {
    if C::DTYPE != crate::core::DType::Float32 {
        return None;
    }
    // SAFETY: C is f32 (checked through its DTYPE just above), so the slice reinterprets
    // to the same bytes, length and alignment.
    let floats = unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<f32>(), s.len()) };
    let total = sum_f32(floats);
    Some(C::from_scalar(crate::core::Scalar::Float(total as f64)))
}

fn sum_f32(s: &[f32]) -> f32 {
    const BLOCK: usize = 128;
    if s.len() <= BLOCK {
        let mut acc = [f32x4_splat(0.0); 4];
        let body = s.len() - s.len() % 16;
        let mut i = 0;
        while i < body {
            for (k, a) in acc.iter_mut().enumerate() {
                *a = f32x4_add(*a, load(s, i + 4 * k));
            }
            i += 16;
        }
        let v = f32x4_add(f32x4_add(acc[0], acc[1]), f32x4_add(acc[2], acc[3]));
        let mut total = (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
            + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v));
        for &x in &s[body..] {
            total += x;
        }
        return total;
    }
    let mid = (s.len() / 2 / 16) * 16;
    sum_f32(&s[..mid]) + sum_f32(&s[mid..])
}

/// Placeholder until the blocked micro-kernel lands: no SIMD path yet.
pub fn gemm_f32(_m: usize, _n: usize, _k: usize, _a: &[f32], _b: &[f32], _out: &mut [f32]) -> bool {
    false
}
