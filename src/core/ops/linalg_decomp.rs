//! NumPy's `linalg.inv`, `linalg.solve`, `linalg.det` and `linalg.cholesky` on stacks of
//! square matrices `[..., n, n]`: the leading axes are batch axes (broadcast together in
//! `solve`). Checks run in NumPy's order: `a`'s shape, then the dtypes, then `b`'s shape.

use super::elementwise::broadcast_shapes;
use crate::core::dtype::DType;
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::kernels::cholesky::cholesky_lower;
use crate::core::kernels::lu::{lu_determinant, lu_factor, lu_solve};
use crate::core::kernels::Float;
use crate::core::tensor::Tensor;

/// The dtype NumPy's linalg computes in and returns: float32 when every operand is float32,
/// else float64 (integers and bool included). float16 (and bfloat16) are refused, as
/// NumPy's "array type float16 is unsupported in linalg".
pub(super) fn linalg_dtype(op: &str, dtypes: &[DType]) -> Result<DType> {
    if let Some(&half) = dtypes
        .iter()
        .find(|d| matches!(d, DType::Float16 | DType::BFloat16))
    {
        return Err(Error::new(
            ErrorKind::DType,
            op,
            format!("array type {half} is unsupported in linalg"),
        ));
    }
    Ok(if dtypes.iter().all(|&d| d == DType::Float32) {
        DType::Float32
    } else {
        DType::Float64
    })
}

/// The order `n` of a stack of square matrices; fewer than two axes, or unequal last two,
/// are NumPy's LinAlgError (`INVALID_ARGUMENT`).
fn square_order(op: &str, t: &Tensor) -> Result<usize> {
    let shape = t.shape();
    let [.., rows, cols] = *shape else {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            op,
            format!(
                "{}-dimensional array given; it must be at least two-dimensional",
                shape.len()
            ),
        ));
    };
    if rows != cols {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            op,
            format!(
                "the last 2 dimensions of {} must be square",
                fmt_dims(shape)
            ),
        ));
    }
    Ok(rows)
}

fn singular(op: &str) -> Error {
    Error::new(ErrorKind::InvalidArgument, op, "singular matrix")
}

/// Runs `$body` with `$C` the compute type of a linalg dtype (float32 or float64).
macro_rules! with_linalg_type {
    ($dtype:expr, $C:ident => $body:expr) => {
        match $dtype {
            DType::Float32 => {
                type $C = f32;
                $body
            }
            _ => {
                type $C = f64;
                $body
            }
        }
    };
}

impl Tensor {
    /// NumPy `linalg.inv`: the inverse of each square matrix of `[..., n, n]`. Integers and
    /// bool give float64; a singular matrix (an exactly zero pivot) is `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let a = Tensor::from_elements(&[2, 2], &[4.0f64, 7.0, 2.0, 6.0]).unwrap();
    /// let inverse = a.inv().unwrap();
    /// let want = [0.6, -0.7, -0.2, 0.4];
    /// for (got, want) in inverse.to_vec::<f64>().unwrap().iter().zip(want) {
    ///     assert!((got - want).abs() < 1e-15);
    /// }
    /// ```
    pub fn inv(&self) -> Result<Tensor> {
        const OP: &str = "linalg.inv";
        let n = square_order(OP, self)?;
        let dtype = linalg_dtype(OP, &[self.dtype()])?;
        with_linalg_type!(dtype, C => self.inverse_in::<C>(OP, n))
    }

    fn inverse_in<C: Float>(&self, op: &str, n: usize) -> Result<Tensor> {
        let mut matrices = self.to_vec::<C>()?;
        let mut pivots = vec![0; n];
        Tensor::fresh_output::<C>(self.shape(), |out| {
            for (i, inverse) in matrix_chunks(out, n * n).enumerate() {
                let lu = &mut matrices[i * n * n..(i + 1) * n * n];
                if lu_factor(lu, n, &mut pivots).singular {
                    return Err(singular(op));
                }
                for d in 0..n {
                    inverse[d * n + d] = C::ONE;
                }
                lu_solve(lu, n, &pivots, inverse, n);
            }
            Ok(())
        })
    }

    /// NumPy `linalg.det`: the determinant of each square matrix of `[..., n, n]`, shape
    /// `[...]`. A singular matrix's is 0; a `0 × 0` matrix's is 1.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let a = Tensor::from_elements(&[2, 2, 2], &[1.0f32, 2.0, 3.0, 4.0, 2.0, 0.0, 0.0, 2.0]).unwrap();
    /// let d = a.det().unwrap();
    /// assert_eq!(d.shape(), &[2]);
    /// let d = d.to_vec::<f32>().unwrap();
    /// assert!((d[0] + 2.0).abs() < 1e-6 && d[1] == 4.0);
    /// ```
    pub fn det(&self) -> Result<Tensor> {
        const OP: &str = "linalg.det";
        let n = square_order(OP, self)?;
        let dtype = linalg_dtype(OP, &[self.dtype()])?;
        with_linalg_type!(dtype, C => self.determinant_in::<C>(n))
    }

    fn determinant_in<C: Float>(&self, n: usize) -> Result<Tensor> {
        let mut matrices = self.to_vec::<C>()?;
        let mut pivots = vec![0; n];
        let batch = &self.shape()[..self.ndim() - 2];
        Tensor::fresh_output::<C>(batch, |out| {
            for (i, det) in out.iter_mut().enumerate() {
                let lu = &mut matrices[i * n * n..(i + 1) * n * n];
                let facts = lu_factor(lu, n, &mut pivots);
                *det = lu_determinant(lu, n, facts);
            }
            Ok(())
        })
    }

    /// NumPy `linalg.cholesky`: the lower-triangular `L` with `L·Lᵀ = A` for each matrix of
    /// `[..., n, n]` (only the lower triangle of `A` is read). A matrix that is not
    /// positive-definite is `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let a = Tensor::from_elements(&[2, 2], &[4.0f64, 2.0, 2.0, 5.0]).unwrap();
    /// assert_eq!(a.cholesky().unwrap().to_vec::<f64>().unwrap(), vec![2.0, 0.0, 1.0, 2.0]);
    /// ```
    pub fn cholesky(&self) -> Result<Tensor> {
        const OP: &str = "linalg.cholesky";
        let n = square_order(OP, self)?;
        let dtype = linalg_dtype(OP, &[self.dtype()])?;
        with_linalg_type!(dtype, C => self.cholesky_in::<C>(OP, n))
    }

    fn cholesky_in<C: Float>(&self, op: &str, n: usize) -> Result<Tensor> {
        let matrices = self.to_vec::<C>()?;
        Tensor::fresh_output::<C>(self.shape(), |out| {
            for (i, lower) in matrix_chunks(out, n * n).enumerate() {
                let a = &matrices[i * n * n..(i + 1) * n * n];
                cholesky_lower(a, n, lower).map_err(|e| {
                    let message = format!(
                        "matrix is not positive definite (pivot {} is not positive)",
                        e.column
                    );
                    Error::new(ErrorKind::InvalidArgument, op, message)
                })?;
            }
            Ok(())
        })
    }

    /// NumPy 2 `linalg.solve(a, b)`: `X` with `a·X = b` for each matrix of `a`
    /// (`[..., n, n]`). `b` is `[..., n, k]` (result `[..., n, k]`), or `[n]`: one vector
    /// for every matrix (result `[..., n]`). Batch axes broadcast; mismatched core
    /// dimensions are `SHAPE_MISMATCH`; a singular `a` is `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let a = Tensor::from_elements(&[2, 2], &[2.0f64, 1.0, 1.0, 3.0]).unwrap();
    /// let b = Tensor::from_elements(&[2], &[3i32, 5]).unwrap();
    /// let x = a.solve(&b).unwrap();
    /// assert_eq!(x.shape(), &[2]);
    /// let x = x.to_vec::<f64>().unwrap();
    /// assert!((x[0] - 0.8).abs() < 1e-15 && (x[1] - 1.4).abs() < 1e-15);
    /// ```
    pub fn solve(&self, b: &Tensor) -> Result<Tensor> {
        const OP: &str = "linalg.solve";
        let n = square_order(OP, self)?;
        let dtype = linalg_dtype(OP, &[self.dtype(), b.dtype()])?;
        let (b_batch, rows, k) = match *b.shape() {
            [] => {
                return Err(Error::new(
                    ErrorKind::ShapeMismatch,
                    OP,
                    "b must have at least one dimension",
                ))
            }
            [rows] => (&[][..], rows, 1),
            [ref batch @ .., rows, k] => (batch, rows, k),
        };
        if rows != n {
            return Err(Error::new(
                ErrorKind::ShapeMismatch,
                OP,
                format!(
                    "a {} and b {}: b must have {n} rows, as a's matrices are {n} × {n}",
                    fmt_dims(self.shape()),
                    fmt_dims(b.shape())
                ),
            ));
        }
        let a_batch = &self.shape()[..self.ndim() - 2];
        let batch = broadcast_shapes(OP, &[a_batch, b_batch])?;
        let a = self.broadcast_to(&[&batch[..], &[n, n]].concat())?;
        let one_vector = b.ndim() == 1;
        let b = if one_vector {
            b.unsqueeze(1)?
        } else {
            b.share()
        };
        let b = b.broadcast_to(&[&batch[..], &[n, k]].concat())?;
        let out_shape = if one_vector {
            [&batch[..], &[n]].concat()
        } else {
            [&batch[..], &[n, k]].concat()
        };
        with_linalg_type!(dtype, C => solve_in::<C>(OP, &a, &b, n, k, &out_shape))
    }
}

/// Solves every matrix of `a` (`[..., n, n]`) against the same-batch `b` (`[..., n, k]`).
fn solve_in<C: Float>(
    op: &str,
    a: &Tensor,
    b: &Tensor,
    n: usize,
    k: usize,
    out_shape: &[usize],
) -> Result<Tensor> {
    let mut matrices = a.to_vec::<C>()?;
    let rhs = b.to_vec::<C>()?;
    let mut pivots = vec![0; n];
    let count = a.shape()[..a.ndim() - 2].iter().product::<usize>();
    Tensor::fresh_output::<C>(out_shape, |out| {
        out.copy_from_slice(&rhs);
        for i in 0..count {
            let lu = &mut matrices[i * n * n..(i + 1) * n * n];
            if lu_factor(lu, n, &mut pivots).singular {
                return Err(singular(op));
            }
            lu_solve(lu, n, &pivots, &mut out[i * n * k..(i + 1) * n * k], k);
        }
        Ok(())
    })
}

/// The `len`-element matrices of `out`: none when they are empty (`out` is empty then too;
/// `chunks_exact_mut(0)` would panic).
fn matrix_chunks<C>(out: &mut [C], len: usize) -> std::slice::ChunksExactMut<'_, C> {
    out.chunks_exact_mut(len.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(t: &Tensor) -> Vec<f64> {
        t.to_vec::<f64>().unwrap()
    }

    #[test]
    fn linalg_inv_of_a_batch_gives_identity_products() {
        let a = Tensor::from_elements(&[2, 2, 2], &[2.0f64, 1.0, 1.0, 3.0, 0.0, 1.0, 1.0, 0.0])
            .unwrap();
        let product = a.matmul(&a.inv().unwrap()).unwrap();
        let want = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0];
        for (got, want) in f64s(&product).iter().zip(want) {
            assert!((got - want).abs() < 1e-15);
        }
    }

    #[test]
    fn linalg_integer_input_promotes_to_float64_and_half_floats_are_refused() {
        let a = Tensor::from_elements(&[1, 1], &[4i16]).unwrap();
        assert_eq!(a.inv().unwrap().dtype(), DType::Float64);
        let half = a.astype(DType::Float16).unwrap();
        for result in [half.inv(), half.det(), half.cholesky(), a.solve(&half)] {
            assert_eq!(result.unwrap_err().code(), "DTYPE");
        }
    }

    #[test]
    fn linalg_singular_and_non_square_inputs_are_invalid_arguments() {
        let singular = Tensor::from_elements(&[2, 2], &[1.0f32, 2.0, 2.0, 4.0]).unwrap();
        assert_eq!(singular.inv().unwrap_err().code(), "INVALID_ARGUMENT");
        assert_eq!(singular.det().unwrap().to_vec::<f32>().unwrap(), vec![0.0]);
        let wide = Tensor::zeros(&[2, 3], DType::Float64).unwrap();
        let vector = Tensor::zeros(&[3], DType::Float64).unwrap();
        for result in [
            wide.inv(),
            wide.det(),
            vector.cholesky(),
            wide.solve(&vector),
        ] {
            assert_eq!(result.unwrap_err().code(), "INVALID_ARGUMENT");
        }
    }

    #[test]
    fn linalg_empty_matrices_follow_numpy() {
        let empty = Tensor::zeros(&[2, 0, 0], DType::Float64).unwrap();
        assert_eq!(empty.inv().unwrap().shape(), &[2, 0, 0]);
        assert_eq!(empty.cholesky().unwrap().shape(), &[2, 0, 0]);
        assert_eq!(f64s(&empty.det().unwrap()), vec![1.0, 1.0]);
        let no_batch = Tensor::zeros(&[0, 3, 3], DType::Float32).unwrap();
        assert_eq!(no_batch.det().unwrap().shape(), &[0]);
        let b = Tensor::zeros(&[3, 0], DType::Float32).unwrap();
        let eye = Tensor::eye(3, 3, 0, DType::Float32).unwrap();
        assert_eq!(eye.solve(&b).unwrap().shape(), &[3, 0]);
    }

    #[test]
    fn linalg_solve_broadcasts_batches_and_takes_one_vector_for_all() {
        let a = Tensor::from_elements(&[2, 1, 1], &[2.0f64, 4.0]).unwrap();
        let b = Tensor::from_elements(&[3, 1, 1], &[8.0f64, 16.0, 24.0]).unwrap();
        let x = a.unsqueeze(1).unwrap().solve(&b).unwrap();
        assert_eq!(x.shape(), &[2, 3, 1, 1]);
        assert_eq!(f64s(&x), vec![4.0, 8.0, 12.0, 2.0, 4.0, 6.0]);
        let v = Tensor::from_elements(&[1], &[8.0f64]).unwrap();
        assert_eq!(a.solve(&v).unwrap().shape(), &[2, 1]);
        let wrong = Tensor::zeros(&[2, 2], DType::Float64).unwrap();
        assert_eq!(a.solve(&wrong).unwrap_err().code(), "SHAPE_MISMATCH");
    }

    #[test]
    fn linalg_reads_strided_input() {
        // The transpose of [[4, 2], [2, 5]] stored column-major is itself; [[1, 2], [3, 4]]ᵀ is not.
        let a = Tensor::from_elements(&[2, 2], &[1.0f64, 2.0, 3.0, 4.0]).unwrap();
        let t = a.transpose(None).unwrap();
        assert!(!t.is_contiguous());
        assert!((f64s(&t.det().unwrap())[0] + 2.0).abs() < 1e-15);
        let want = [-2.0, 1.5, 1.0, -0.5];
        for (got, want) in f64s(&t.inv().unwrap()).iter().zip(want) {
            assert!((got - want).abs() < 1e-15);
        }
    }
}
