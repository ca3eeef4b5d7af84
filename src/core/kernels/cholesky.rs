//! Cholesky factorisation `A = L·Lᵀ` (LAPACK's `potrf` with `uplo = 'L'`, unblocked).

use super::arith::Float;

/// The matrix is not positive-definite: the pivot of this column was not positive (or NaN).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotPositiveDefinite {
    /// The column whose pivot failed.
    pub column: usize,
}

/// Writes the lower-triangular `L` of `a` (row-major `n × n`; only its lower triangle is
/// read, as NumPy's `cholesky`) into `out`, whose upper triangle is left as it is (the
/// caller passes zeros).
///
/// ```
/// use extensor::core::kernels::cholesky::cholesky_lower;
/// let a = [4.0f64, 99.0, 2.0, 5.0]; // the 99 above the diagonal is never read
/// let mut l = [0.0; 4];
/// cholesky_lower(&a, 2, &mut l).unwrap();
/// assert_eq!(l, [2.0, 0.0, 1.0, 2.0]);
/// ```
pub fn cholesky_lower<C: Float>(
    a: &[C],
    n: usize,
    out: &mut [C],
) -> Result<(), NotPositiveDefinite> {
    debug_assert!(a.len() == n * n && out.len() == n * n);
    for j in 0..n {
        let (row_j, below) = out[j * n..].split_at_mut(n);
        let pivot = a[j * n + j].sub(dot(&row_j[..j], &row_j[..j]));
        // Not greater than zero, NaN included, as LAPACK's `ajj <= 0 || isnan(ajj)`.
        if pivot.partial_cmp(&C::ZERO) != Some(std::cmp::Ordering::Greater) {
            return Err(NotPositiveDefinite { column: j });
        }
        let diagonal = pivot.sqrt();
        row_j[j] = diagonal;
        for (offset, row_i) in below.chunks_exact_mut(n).enumerate() {
            let i = j + 1 + offset;
            let value = a[i * n + j].sub(dot(&row_i[..j], &row_j[..j]));
            row_i[j] = value.div(diagonal);
        }
    }
    Ok(())
}

fn dot<C: Float>(x: &[C], y: &[C]) -> C {
    x.iter()
        .zip(y)
        .fold(C::ZERO, |acc, (&a, &b)| acc.add(a.mul(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linalg_cholesky_reproduces_the_matrix() {
        let a = [4.0, 2.0, -2.0, 2.0, 10.0, 2.0, -2.0, 2.0, 6.0];
        let mut l = [0.0f64; 9];
        cholesky_lower(&a, 3, &mut l).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((product - a[i * 3 + j]).abs() < 1e-14);
            }
        }
        assert_eq!([l[1], l[2], l[5]], [0.0; 3], "upper triangle stays zero");
    }

    #[test]
    fn linalg_cholesky_refuses_an_indefinite_or_nan_matrix() {
        let mut l = [0.0f32; 4];
        assert_eq!(
            cholesky_lower(&[-1.0, 1.0, 1.0, 1.0], 2, &mut l),
            Err(NotPositiveDefinite { column: 0 })
        );
        assert_eq!(
            cholesky_lower(&[1.0, 0.0, 2.0, 1.0], 2, &mut l),
            Err(NotPositiveDefinite { column: 1 })
        );
        assert!(cholesky_lower(&[f32::NAN], 1, &mut [0.0]).is_err());
    }
}
