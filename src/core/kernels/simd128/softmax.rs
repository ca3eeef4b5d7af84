//! Softmax of one row, four lanes at a time, in three passes over the row: the max; `e =
//! exp(x - max)` stored while its sum accumulates; `e · (1 / sum)`. The exponential is a
//! cheaper variant of `exp4` for the arguments softmax gives it (≤ 0): one 2^n scale, no
//! special values but NaN (which the arithmetic carries), and 0 below ln(2^-126) (those
//! shares are below 2^-126 of the largest).

use super::extreme::extreme_f32;
use super::lanes::{load, store_uninit};
use core::arch::wasm32::*;
use std::mem::MaybeUninit;

/// e^x for x ≤ 0 (Cephes' polynomial as in `exp4`; n by the magic-number rounding, and
/// 2^n built straight from n's bits, valid since x ≥ −87.33 keeps n ≥ −126).
#[inline(always)]
#[allow(clippy::excessive_precision)] // Cephes' published coefficients, verbatim
fn exp_nonpositive4(x_in: v128) -> v128 {
    // pmax keeps NaN (NaN < c is false), so NaN rows stay NaN; below the cutoff (−∞
    // included) the result is 0.
    let cutoff = f32x4_splat(-87.336_55);
    let x = f32x4_pmax(x_in, cutoff);
    // 1.5·2^23 + 127: the rounded n lands in the low mantissa bits already biased by 127.
    const MAGIC: f32 = 12_583_039.0;
    let t = f32x4_add(
        f32x4_mul(x, f32x4_splat(core::f32::consts::LOG2_E)),
        f32x4_splat(MAGIC),
    );
    let n = f32x4_sub(t, f32x4_splat(MAGIC));
    let r = f32x4_sub(x, f32x4_mul(n, f32x4_splat(0.693_359_4)));
    let r = f32x4_sub(r, f32x4_mul(n, f32x4_splat(-2.121_944_4e-4)));
    let z = f32x4_mul(r, r);
    let mut p = f32x4_splat(1.987_569_1e-4);
    for c in [
        1.398_199_9e-3,
        8.333_452e-3,
        4.166_579_6e-2,
        1.666_666_5e-1,
        5.000_000_1e-1,
    ] {
        p = f32x4_add(f32x4_mul(p, r), f32x4_splat(c));
    }
    let y = f32x4_add(f32x4_add(f32x4_mul(p, z), r), f32x4_splat(1.0));
    let y = f32x4_mul(y, i32x4_shl(t, 23));
    v128_andnot(y, f32x4_lt(x_in, cutoff))
}

/// The scalar twin for the tail: lane 0 of the same vector function.
fn exp_nonpositive(x: f32) -> f32 {
    f32x4_extract_lane::<0>(exp_nonpositive4(f32x4_splat(x)))
}

/// Writes the softmax of `x` into `out` (same length); `pick` is the scalar max with NaN
/// propagation, for lanes and tails. An empty row writes nothing.
pub fn softmax_row_f32(x: &[f32], out: &mut [MaybeUninit<f32>], pick: impl Fn(f32, f32) -> f32) {
    let Some(max) = extreme_f32(x, true, pick) else {
        return;
    };
    let n = x.len().min(out.len());
    let body = n - n % 4;
    let m = f32x4_splat(max);
    let mut acc = [f32x4_splat(0.0); 2];
    let mut i = 0;
    while i + 8 <= body {
        let e0 = exp_nonpositive4(f32x4_sub(load(x, i), m));
        let e1 = exp_nonpositive4(f32x4_sub(load(x, i + 4), m));
        store_uninit(out, i, e0);
        store_uninit(out, i + 4, e1);
        acc[0] = f32x4_add(acc[0], e0);
        acc[1] = f32x4_add(acc[1], e1);
        i += 8;
    }
    while i < body {
        let e = exp_nonpositive4(f32x4_sub(load(x, i), m));
        store_uninit(out, i, e);
        acc[0] = f32x4_add(acc[0], e);
        i += 4;
    }
    let v = f32x4_add(acc[0], acc[1]);
    let mut total = (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
        + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v));
    for j in body..n {
        let e = exp_nonpositive(x[j] - max);
        out[j].write(e);
        total += e;
    }
    let scale = 1.0 / total;
    let s = f32x4_splat(scale);
    let mut i = 0;
    while i < body {
        // SAFETY: elements 0..n were written just above; MaybeUninit<f32> has f32's layout
        // and v128 loads accept unaligned addresses.
        let e = unsafe { v128_load(out.as_ptr().add(i).cast::<v128>()) };
        store_uninit(out, i, f32x4_mul(e, s));
        i += 4;
    }
    for slot in &mut out[body..n] {
        // SAFETY: written in the tail loop above.
        let e = unsafe { slot.assume_init() };
        slot.write(e * scale);
    }
}
