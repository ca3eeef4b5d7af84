//! max and min of a slice, four lanes at a time. The lanes keep their running extreme
//! with pmax/pmin (one instruction each on x64, where V8 expands the NaN-propagating
//! f32x4.max/min into a fix-up sequence) and, beside it, whether any lane has seen a NaN.

use super::lanes::load;
use core::arch::wasm32::*;

/// The max (`max = true`) or min of `s`, NaN if any element is NaN; None when empty. The
/// lanes and the tail are combined by `pick`, the scalar twin's NaN-propagating choice.
pub fn extreme_f32(s: &[f32], max: bool, pick: impl Fn(f32, f32) -> f32) -> Option<f32> {
    let (&first, _) = s.split_first()?;
    let body = s.len() - s.len() % 16;
    let mut total = first;
    if body > 0 {
        let v = |acc, x| {
            if max {
                f32x4_pmax(acc, x)
            } else {
                f32x4_pmin(acc, x)
            }
        };
        let mut acc = [load(s, 0), load(s, 4), load(s, 8), load(s, 12)];
        let mut nan = acc
            .iter()
            .fold(i32x4_splat(0), |seen, &a| v128_or(seen, f32x4_ne(a, a)));
        let mut i = 16;
        while i < body {
            for (k, a) in acc.iter_mut().enumerate() {
                let x = load(s, i + 4 * k);
                nan = v128_or(nan, f32x4_ne(x, x));
                *a = v(*a, x);
            }
            i += 16;
        }
        if v128_any_true(nan) {
            return Some(f32::NAN);
        }
        let lanes = v(v(acc[0], acc[1]), v(acc[2], acc[3]));
        for x in [
            f32x4_extract_lane::<0>(lanes),
            f32x4_extract_lane::<1>(lanes),
            f32x4_extract_lane::<2>(lanes),
            f32x4_extract_lane::<3>(lanes),
        ] {
            total = pick(total, x);
        }
    }
    Some(s[body..].iter().fold(total, |t, &x| pick(t, x)))
}
