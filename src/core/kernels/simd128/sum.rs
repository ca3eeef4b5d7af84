//! The pairwise sum, four lanes at a time.

use super::lanes::load;
use crate::core::kernels::pairwise::PAIRWISE_BLOCK;
use core::arch::wasm32::*;

/// Pairwise sum with four f32x4 accumulators per 128-element block; the halves of a longer
/// slice are summed recursively, as the scalar path does.
pub fn sum_f32(s: &[f32]) -> f32 {
    if s.len() <= PAIRWISE_BLOCK {
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
