//! Softmax of one row, four lanes at a time, in three passes over the row: the max; `e =
//! exp(x - max)` stored while its sum accumulates; `e · (1 / sum)`. The exponential is
//! `exp_nonpositive4`, the cheaper variant of `exp4` for the arguments softmax gives it
//! (≤ 0), 0 below ln(2^-126) (those shares are below 2^-126 of the largest).

use super::extreme::extreme_f32;
use super::lanes::{load, store_uninit};
use super::poly::exp_nonpositive4;
use core::arch::wasm32::*;
use std::mem::MaybeUninit;

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
