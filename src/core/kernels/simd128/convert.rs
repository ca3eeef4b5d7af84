//! Four-lane dtype conversions of runs, for the pairs users hit: f32 ↔ f64, i32 → f32,
//! u8 → f32 and f32 → i32. f32 → i32 converts a group only when all its lanes truncate into
//! i32 exactly (|x| < 2^31), as the scalar lane does, and hands other groups to `scalar`,
//! the caller's element-by-element conversion. (An f32 → u8 lane, truncating then narrowing
//! with i16x8/i8x16 narrows, measured slower in V8 than the scalar lane LLVM vectorises.)

use core::arch::wasm32::*;
use std::mem::MaybeUninit;

/// |x| below this truncates into i32 exactly.
const I32_LIMIT: f32 = 2_147_483_648.0;

#[inline(always)]
fn load<T>(s: &[T], i: usize) -> v128 {
    debug_assert!(i * std::mem::size_of::<T>() + 16 <= std::mem::size_of_val(s));
    // SAFETY: every caller reads 16 bytes from element i inside `s` (its loop bound keeps
    // them in range); v128_load accepts unaligned addresses.
    unsafe { v128_load(s.as_ptr().add(i).cast::<v128>()) }
}

#[inline(always)]
fn store<T>(s: &mut [MaybeUninit<T>], i: usize, v: v128) {
    // SAFETY: every caller writes 16 bytes from element i inside `s` (its loop bound keeps
    // them in range); v128_store accepts unaligned addresses and initialises those bytes.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

/// The tail (or a group the vector lanes leave): element by element.
#[inline(always)]
fn each<S: Copy, C>(src: &[S], out: &mut [MaybeUninit<C>], f: impl Fn(S) -> C) {
    for (o, &x) in out.iter_mut().zip(src) {
        o.write(f(x));
    }
}

/// f32 → f64, exactly.
pub fn f32_to_f64(src: &[f32], out: &mut [MaybeUninit<f64>]) {
    let n = src.len().min(out.len());
    let body = n - n % 4;
    for i in (0..body).step_by(4) {
        let v = load(src, i);
        store(out, i, f64x2_promote_low_f32x4(v));
        store(
            out,
            i + 2,
            f64x2_promote_low_f32x4(i64x2_shuffle::<1, 1>(v, v)),
        );
    }
    each(&src[body..n], &mut out[body..n], f64::from);
}

/// f64 → f32, rounding to nearest.
pub fn f64_to_f32(src: &[f64], out: &mut [MaybeUninit<f32>]) {
    let n = src.len().min(out.len());
    let body = n - n % 4;
    for i in (0..body).step_by(4) {
        // Two 8-byte stores rather than a shuffle and one store: V8 expands most shuffles.
        for k in [0, 2] {
            let pair = f32x4_demote_f64x2_zero(load(src, i + k));
            // SAFETY: elements i+k, i+k+1 lie inside `out` (i + 4 <= body <= out.len()).
            unsafe { v128_store64_lane::<0>(pair, out.as_mut_ptr().add(i + k).cast::<u64>()) };
        }
    }
    each(&src[body..n], &mut out[body..n], |x| x as f32);
}

/// i32 → f32, rounding to nearest.
pub fn i32_to_f32(src: &[i32], out: &mut [MaybeUninit<f32>]) {
    let n = src.len().min(out.len());
    let body = n - n % 4;
    for i in (0..body).step_by(4) {
        store(out, i, f32x4_convert_i32x4(load(src, i)));
    }
    each(&src[body..n], &mut out[body..n], |x| x as f32);
}

/// u8 → f32, exactly.
pub fn u8_to_f32(src: &[u8], out: &mut [MaybeUninit<f32>]) {
    let n = src.len().min(out.len());
    let body = n - n % 16;
    for i in (0..body).step_by(16) {
        let bytes = load(src, i);
        let (lo, hi) = (
            u16x8_extend_low_u8x16(bytes),
            u16x8_extend_high_u8x16(bytes),
        );
        for (k, half) in [lo, hi].into_iter().enumerate() {
            store(
                out,
                i + 8 * k,
                f32x4_convert_i32x4(u32x4_extend_low_u16x8(half)),
            );
            store(
                out,
                i + 8 * k + 4,
                f32x4_convert_i32x4(u32x4_extend_high_u16x8(half)),
            );
        }
    }
    each(&src[body..n], &mut out[body..n], f32::from);
}

/// |x| below 2^22: `truncate_small` applies.
const SMALL_LIMIT: f32 = 4_194_304.0;
/// 1.5·2^23: added to an integer-valued float of magnitude below 2^22, it leaves that
/// integer in the low mantissa bits.
const MAGIC: f32 = 12_582_912.0;

/// The four vectors of `src[i..i + 16]` truncated toward zero, when all their lanes fit
/// i32: by the magic constant when all are below 2^22 in magnitude (cheaper than the
/// saturating conversion, which V8 expands to a fix-up sequence), else by that conversion;
/// None when a lane does not fit i32 (or is NaN).
#[inline(always)]
fn truncate16(src: &[f32], i: usize) -> Option<(v128, v128, v128, v128)> {
    let (a, b, c, d) = (
        load(src, i),
        load(src, i + 4),
        load(src, i + 8),
        load(src, i + 12),
    );
    let below = |limit: f32| {
        let limit = f32x4_splat(limit);
        let lt = |v: v128| f32x4_lt(f32x4_abs(v), limit);
        i32x4_all_true(v128_and(v128_and(lt(a), lt(b)), v128_and(lt(c), lt(d))))
    };
    if below(SMALL_LIMIT) {
        let magic = f32x4_splat(MAGIC);
        let bits = i32x4_splat(MAGIC.to_bits() as i32);
        let t = |v: v128| i32x4_sub(f32x4_add(f32x4_trunc(v), magic), bits);
        Some((t(a), t(b), t(c), t(d)))
    } else if below(I32_LIMIT) {
        let t = |v: v128| i32x4_trunc_sat_f32x4(v);
        Some((t(a), t(b), t(c), t(d)))
    } else {
        None
    }
}

/// f32 → i32, truncating; `scalar` takes the groups with a lane outside i32.
pub fn f32_to_i32(src: &[f32], out: &mut [MaybeUninit<i32>], scalar: impl Fn(f32) -> i32) {
    let n = src.len().min(out.len());
    let body = n - n % 16;
    for i in (0..body).step_by(16) {
        match truncate16(src, i) {
            Some((a, b, c, d)) => {
                store(out, i, a);
                store(out, i + 4, b);
                store(out, i + 8, c);
                store(out, i + 12, d);
            }
            None => each(&src[i..i + 16], &mut out[i..i + 16], &scalar),
        }
    }
    each(&src[body..n], &mut out[body..n], scalar);
}
