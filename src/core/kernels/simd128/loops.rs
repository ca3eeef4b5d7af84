//! The elementwise vector loops that every f32 op of `vec_ops.rs` runs through.

use super::super::operand::Operand;
use super::lanes::{load, store_uninit};
use core::arch::wasm32::*;
use std::mem::MaybeUninit;

/// The binary vector loop: `v` on four lanes at a time, `s` (the scalar twin) on the tail
/// (n % 4 elements), so both paths agree bit for bit there. One monomorphised loop per
/// (op, operand kinds).
#[inline(always)]
pub fn map2_f32(
    a: Operand<f32>,
    b: Operand<f32>,
    out: &mut [MaybeUninit<f32>],
    v: impl Fn(v128, v128) -> v128,
    s: impl Fn(f32, f32) -> f32,
) {
    let n = out.len();
    let body = n - n % 4;
    match (a, b) {
        (Operand::Slice(x), Operand::Slice(y)) => {
            let n = n.min(x.len()).min(y.len());
            let body = body.min(n - n % 4);
            let pairs = n - n % 8;
            let mut i = 0;
            while i < pairs {
                let (r0, r1) = (v(load(x, i), load(y, i)), v(load(x, i + 4), load(y, i + 4)));
                store_uninit(out, i, r0);
                store_uninit(out, i + 4, r1);
                i += 8;
            }
            while i < body {
                store_uninit(out, i, v(load(x, i), load(y, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j], y[j]));
            }
        }
        (Operand::Slice(x), Operand::Scalar(y)) => {
            let n = n.min(x.len());
            let body = body.min(n - n % 4);
            let yv = f32x4_splat(y);
            let mut i = 0;
            while i < body {
                store_uninit(out, i, v(load(x, i), yv));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j], y));
            }
        }
        (Operand::Scalar(x), Operand::Slice(y)) => {
            let n = n.min(y.len());
            let body = body.min(n - n % 4);
            let xv = f32x4_splat(x);
            let mut i = 0;
            while i < body {
                store_uninit(out, i, v(xv, load(y, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x, y[j]));
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => {
            let v = s(x, y);
            out.iter_mut().for_each(|o| {
                o.write(v);
            });
        }
    }
}

/// The unary vector loop: `v` on four lanes at a time (two vectors per step, so long
/// polynomial chains overlap), `s` (the scalar twin) on the tail.
#[inline(always)]
pub fn map1_f32(
    a: Operand<f32>,
    out: &mut [MaybeUninit<f32>],
    v: impl Fn(v128) -> v128,
    s: impl Fn(f32) -> f32,
) {
    match a {
        Operand::Slice(x) => {
            let n = out.len().min(x.len());
            let body = n - n % 4;
            let pairs = n - n % 8;
            let mut i = 0;
            // Two independent vectors per step: long polynomial chains (exp, log) overlap.
            while i < pairs {
                let (r0, r1) = (v(load(x, i)), v(load(x, i + 4)));
                store_uninit(out, i, r0);
                store_uninit(out, i + 4, r1);
                i += 8;
            }
            while i < body {
                store_uninit(out, i, v(load(x, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j]));
            }
        }
        Operand::Scalar(x) => {
            let v = s(x);
            out.iter_mut().for_each(|o| {
                o.write(v);
            });
        }
    }
}
