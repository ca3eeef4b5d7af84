//! max and min of a slice, four lanes at a time (wasm's f32x4.max/min propagate NaN).

use super::lanes::load;
use core::arch::wasm32::*;

/// The max (`max = true`) or min of `s`, NaN if any element is NaN; None when empty. The
/// lanes and the tail are combined by `pick`, the scalar twin's NaN-propagating choice.
pub fn extreme_f32(s: &[f32], max: bool, pick: impl Fn(f32, f32) -> f32) -> Option<f32> {
    let (&first, _) = s.split_first()?;
    let body = s.len() - s.len() % 16;
    let mut total = first;
    if body > 0 {
        let v = |a, b| {
            if max {
                f32x4_max(a, b)
            } else {
                f32x4_min(a, b)
            }
        };
        let mut acc = [load(s, 0), load(s, 4), load(s, 8), load(s, 12)];
        let mut i = 16;
        while i < body {
            for (k, a) in acc.iter_mut().enumerate() {
                *a = v(*a, load(s, i + 4 * k));
            }
            i += 16;
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
