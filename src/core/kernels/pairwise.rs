//! Pairwise summation, the scalar path: every sum of the reductions goes through it or
//! its SIMD twin, so float error grows with log n rather than n.

use super::arith::Arith;

/// The longest slice a pairwise sum adds up directly (with 8 or 16 accumulators); longer
/// ones are split in two. The scalar and SIMD kernels share it.
pub const PAIRWISE_BLOCK: usize = 128;

/// Pairwise (cascade) summation: blocks of 128 summed with 8 independent accumulators,
/// halves combined recursively, so float error grows with log n rather than n.
///
/// The scalar path of [`VecOps::pairwise_sum`](super::VecOps::pairwise_sum).
///
/// ```
/// use extensor::core::kernels::pairwise::pairwise_sum_scalar;
/// let v = vec![0.1f32; 10_000_000];
/// let s = pairwise_sum_scalar(&v);
/// assert!((s - 1_000_000.0).abs() < 1.0, "{s}");
/// ```
pub fn pairwise_sum_scalar<C: Arith>(s: &[C]) -> C {
    if s.len() <= PAIRWISE_BLOCK {
        let mut acc = [C::ZERO; 8];
        let chunks = s.chunks_exact(8);
        let rest = chunks.remainder();
        for c in chunks {
            for (a, &x) in acc.iter_mut().zip(c) {
                *a = a.add(x);
            }
        }
        let mut total = ((acc[0].add(acc[1])).add(acc[2].add(acc[3])))
            .add((acc[4].add(acc[5])).add(acc[6].add(acc[7])));
        for &x in rest {
            total = total.add(x);
        }
        return total;
    }
    let mid = (s.len() / 2 / 8) * 8;
    pairwise_sum_scalar(&s[..mid]).add(pairwise_sum_scalar(&s[mid..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_sum_matches_naive_on_integers() {
        let v: Vec<i64> = (0..1000).collect();
        assert_eq!(pairwise_sum_scalar(&v), 999 * 1000 / 2);
    }
}
