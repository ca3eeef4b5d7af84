//! Singular values by one-sided Jacobi (Hestenes) rotations, for the matrix norms that need
//! them (`ord` 2, −2 and `'nuc'`). Always in f64: the rotations converge to f64 precision,
//! and an f32 caller rounds the result once.

use std::collections::TryReserveError;

/// The most sweeps over all column pairs; Jacobi converges quadratically, so well-scaled
/// matrices need under ten. A matrix holding NaN or infinity stops when this runs out.
const MAX_SWEEPS: usize = 64;

/// Writes the singular values of `a` (row-major `m × n`) into `out` (length `min(m, n)`),
/// largest first. The one allocation, a copy of `a`'s columns (or rows), is fallible.
///
/// ```
/// use extensor::core::kernels::singular::singular_values;
/// let a = [3.0, 0.0, 0.0, 0.0, -4.0, 0.0]; // 2 × 3
/// let mut s = [0.0; 2];
/// singular_values(&a, 2, 3, &mut s).unwrap();
/// assert_eq!(s, [4.0, 3.0]);
/// ```
pub fn singular_values(
    a: &[f64],
    m: usize,
    n: usize,
    out: &mut [f64],
) -> Result<(), TryReserveError> {
    debug_assert!(a.len() == m * n && out.len() == m.min(n));
    let (count, length) = (m.min(n), m.max(n));
    if count == 0 {
        return Ok(());
    }
    // The vectors to orthogonalise, each contiguous: A's columns when it is tall, else its
    // rows (the singular values of Aᵀ are A's).
    let mut vectors = Vec::new();
    vectors.try_reserve_exact(count * length)?;
    if m >= n {
        vectors.extend((0..n).flat_map(|j| (0..m).map(move |i| a[i * n + j])));
    } else {
        vectors.extend_from_slice(a);
    }
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for i in 0..count {
            for j in i + 1..count {
                let (head, tail) = vectors.split_at_mut(j * length);
                rotated |=
                    orthogonalise(&mut head[i * length..(i + 1) * length], &mut tail[..length]);
            }
        }
        if !rotated {
            break;
        }
    }
    for (value, vector) in out.iter_mut().zip(vectors.chunks_exact(length)) {
        *value = vector.iter().map(|x| x * x).sum::<f64>().sqrt();
    }
    out.sort_unstable_by(|x, y| y.total_cmp(x));
    Ok(())
}

/// Rotates the pair `x`, `y` to be orthogonal; false when they already are (to f64
/// precision).
fn orthogonalise(x: &mut [f64], y: &mut [f64]) -> bool {
    let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
    for (&p, &q) in x.iter().zip(y.iter()) {
        alpha += p * p;
        beta += q * q;
        gamma += p * q;
    }
    // A NaN pair compares as unordered, and is left alone.
    let threshold = f64::EPSILON * (alpha * beta).sqrt();
    if gamma.abs().partial_cmp(&threshold) != Some(std::cmp::Ordering::Greater) {
        return false;
    }
    let zeta = (beta - alpha) / (2.0 * gamma);
    let t = zeta.signum() / (zeta.abs() + 1f64.hypot(zeta));
    let c = 1.0 / 1f64.hypot(t);
    let s = c * t;
    for (p, q) in x.iter_mut().zip(y.iter_mut()) {
        let (u, v) = (*p, *q);
        *p = c * u - s * v;
        *q = s * u + c * v;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linalg_singular_values_of_a_known_matrix() {
        // [[1, 2], [3, 4]]: σ = sqrt(15 ± sqrt(221)).
        let mut s = [0.0; 2];
        singular_values(&[1.0, 2.0, 3.0, 4.0], 2, 2, &mut s).unwrap();
        let root = 221f64.sqrt();
        assert!((s[0] - (15.0 + root).sqrt()).abs() < 1e-14);
        assert!((s[1] - (15.0 - root).sqrt()).abs() < 1e-14);
    }

    #[test]
    fn linalg_singular_values_of_tall_wide_and_rank_deficient_matrices() {
        let tall = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]; // 3 × 2 of ones: σ = √6, 0
        let mut s = [0.0; 2];
        singular_values(&tall, 3, 2, &mut s).unwrap();
        assert!((s[0] - 6f64.sqrt()).abs() < 1e-14 && s[1].abs() < 1e-7);
        let mut wide = [0.0; 2];
        singular_values(&tall, 2, 3, &mut wide).unwrap();
        assert!((wide[0] - 6f64.sqrt()).abs() < 1e-14 && wide[1].abs() < 1e-7);
        singular_values(&[], 0, 3, &mut []).unwrap();
    }
}
