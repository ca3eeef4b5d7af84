//! NumPy's `linalg.norm`: vector norms over one axis, matrix norms over two, composed of
//! the elementwise ops and reductions as NumPy composes them (so dtypes follow: floats
//! keep theirs, integers and bool become float64). The matrix norms of `ord` 2, −2 and
//! `'nuc'` take singular values (kernels/singular.rs).

use super::linalg_decomp::linalg_dtype;
use crate::core::dtype::{DType, Scalar};
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::kernels::singular::singular_values;
use crate::core::kernels::{BinaryOp, CompareOp, ReduceOp, UnaryOp};
use crate::core::layout::normalize_axes;
use crate::core::tensor::Tensor;

use super::Rhs;

const OP: &str = "linalg.norm";

/// NumPy's `ord` argument of `linalg.norm`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrder {
    /// `None`: the 2-norm of vectors, the Frobenius norm of matrices.
    Default,
    /// `'fro'`: the Frobenius norm (of matrices only).
    Frobenius,
    /// `'nuc'`: the nuclear norm, the sum of the singular values (matrices only).
    Nuclear,
    /// A number: `p` for vectors (`inf`, `-inf`, `0` included); 1, −1, 2, −2, `inf`,
    /// `-inf` for matrices.
    Power(f64),
}

impl NormOrder {
    fn is(self, p: f64) -> bool {
        self == NormOrder::Power(p)
    }

    fn describe(self) -> String {
        match self {
            NormOrder::Default => "None".to_string(),
            NormOrder::Frobenius => "'fro'".to_string(),
            NormOrder::Nuclear => "'nuc'".to_string(),
            NormOrder::Power(p) => format!("{p}"),
        }
    }
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, OP, message)
}

impl Tensor {
    /// NumPy `linalg.norm(x, ord, axis, keepdims)`. Without `axes`, the 2-norm of all
    /// elements for [`NormOrder::Default`] (a 0-d result; the Frobenius norm of a matrix),
    /// else `ord`'s norm of the vector or matrix `x` is. One axis gives vector norms, two
    /// give matrix norms over those axes; `keep_dims` keeps them with length 1.
    ///
    /// ```
    /// use extensor::core::{NormOrder, Tensor};
    /// let x = Tensor::from_elements(&[2, 2], &[3.0f32, -4.0, 0.0, 1.0]).unwrap();
    /// let all = x.norm(NormOrder::Default, None, false).unwrap();
    /// assert_eq!(all.to_vec::<f32>().unwrap(), vec![26f32.sqrt()]);
    /// let rows = x.norm(NormOrder::Power(1.0), Some(&[1]), false).unwrap();
    /// assert_eq!(rows.to_vec::<f32>().unwrap(), vec![7.0, 1.0]);
    /// let max_column_sum = x.norm(NormOrder::Power(1.0), None, true).unwrap();
    /// assert_eq!(max_column_sum.shape(), &[1, 1]);
    /// assert_eq!(max_column_sum.to_vec::<f32>().unwrap(), vec![5.0]);
    /// ```
    pub fn norm(&self, ord: NormOrder, axes: Option<&[i64]>, keep_dims: bool) -> Result<Tensor> {
        let x = if self.dtype().is_float() {
            self.share()
        } else {
            self.astype(DType::Float64)?
        };
        let ndim = x.ndim();
        let Some(axes) = axes else {
            let whole = ord == NormOrder::Default
                || (ord == NormOrder::Frobenius && ndim == 2)
                || (ord.is(2.0) && ndim == 1);
            if whole {
                return x
                    .unary(UnaryOp::Square)?
                    .reduce(ReduceOp::Sum, None, keep_dims)?
                    .unary(UnaryOp::Sqrt);
            }
            let every: Vec<i64> = (0..ndim as i64).collect();
            return x.norm_over(ord, &every, keep_dims);
        };
        x.norm_over(ord, axes, keep_dims)
    }

    fn norm_over(&self, ord: NormOrder, axes: &[i64], keep_dims: bool) -> Result<Tensor> {
        match *axes {
            [axis] => self.vector_norm(ord, axis, keep_dims),
            [row, col] => {
                let [row, col] = [row, col].map(|a| normalize_axes(OP, &[a], self.ndim()));
                let (row, col) = (row?[0], col?[0]);
                if row == col {
                    return Err(invalid(format!("duplicate axes given ({row} and {col})")));
                }
                let norms = self.matrix_norm(ord, row, col)?;
                if !keep_dims {
                    return Ok(norms);
                }
                let mut kept: Vec<i64> = self.shape().iter().map(|&d| d as i64).collect();
                kept[row] = 1;
                kept[col] = 1;
                norms.reshape(&kept)
            }
            _ => Err(invalid(format!(
                "improper number of dimensions to norm: {} axes of a {}-d array",
                axes.len(),
                self.ndim()
            ))),
        }
    }

    fn vector_norm(&self, ord: NormOrder, axis: i64, keep_dims: bool) -> Result<Tensor> {
        let axes = [axis];
        let sum = |t: Tensor| t.reduce(ReduceOp::Sum, Some(&axes), keep_dims);
        match ord {
            NormOrder::Power(f64::INFINITY) => {
                largest_from_zero(&self.unary(UnaryOp::Abs)?, axis, keep_dims)
            }
            NormOrder::Power(f64::NEG_INFINITY) => {
                self.unary(UnaryOp::Abs)?
                    .reduce(ReduceOp::Min, Some(&axes), keep_dims)
            }
            NormOrder::Power(0.0) => sum(self
                .compare(CompareOp::NotEqual, Rhs::Scalar(Scalar::Float(0.0)))?
                .astype(self.dtype())?),
            NormOrder::Power(1.0) => sum(self.unary(UnaryOp::Abs)?),
            NormOrder::Default | NormOrder::Power(2.0) => {
                sum(self.unary(UnaryOp::Square)?)?.unary(UnaryOp::Sqrt)
            }
            NormOrder::Power(p) => {
                let powered = self
                    .unary(UnaryOp::Abs)?
                    .binary(BinaryOp::Pow, Rhs::Scalar(Scalar::Float(p)))?;
                // NumPy takes `reciprocal(ord, dtype=ret.dtype)`: 1/p rounded to the dtype.
                let total = sum(powered)?;
                let root = Tensor::full(&[], Scalar::Float(1.0 / p), total.dtype())?.item()?;
                total.binary(BinaryOp::Pow, Rhs::Scalar(root))
            }
            NormOrder::Frobenius | NormOrder::Nuclear => Err(invalid(format!(
                "invalid norm order {} for vectors",
                ord.describe()
            ))),
        }
    }

    /// The norms of the matrices over axes `row` and `col` (distinct, normalised), those
    /// two axes removed.
    fn matrix_norm(&self, ord: NormOrder, row: usize, col: usize) -> Result<Tensor> {
        // After reducing one axis, the other's index drops by one if it came after it.
        let after = |kept: usize, removed: usize| (kept - usize::from(kept > removed)) as i64;
        let abs_sums = |summed: usize| {
            self.unary(UnaryOp::Abs)?
                .reduce(ReduceOp::Sum, Some(&[summed as i64]), false)
        };
        let largest = |summed: usize, other: usize| {
            largest_from_zero(&abs_sums(summed)?, after(other, summed), false)
        };
        let smallest = |summed: usize, other: usize| {
            abs_sums(summed)?.reduce(ReduceOp::Min, Some(&[after(other, summed)]), false)
        };
        match ord {
            NormOrder::Power(1.0) => largest(row, col),
            NormOrder::Power(-1.0) => smallest(row, col),
            NormOrder::Power(f64::INFINITY) => largest(col, row),
            NormOrder::Power(f64::NEG_INFINITY) => smallest(col, row),
            NormOrder::Default | NormOrder::Frobenius => self
                .unary(UnaryOp::Square)?
                .reduce(ReduceOp::Sum, Some(&[row as i64, col as i64]), false)?
                .unary(UnaryOp::Sqrt),
            NormOrder::Power(2.0) | NormOrder::Power(-2.0) | NormOrder::Nuclear => {
                self.singular_value_norm(ord, row, col)
            }
            NormOrder::Power(_) => Err(invalid(format!(
                "invalid norm order {} for matrices",
                ord.describe()
            ))),
        }
    }

    /// The 2-norm (largest singular value), −2 (smallest) or nuclear norm (their sum) of
    /// each matrix; half floats are refused as NumPy's `svd` refuses them.
    fn singular_value_norm(&self, ord: NormOrder, row: usize, col: usize) -> Result<Tensor> {
        let dtype = linalg_dtype(OP, &[self.dtype()])?;
        let matrices = self.moveaxis(&[row as i64, col as i64], &[-2, -1])?;
        let [.., m, n] = *matrices.shape() else {
            return Err(Error::internal(OP, "a matrix norm of fewer than 2 axes"));
        };
        let batch = &matrices.shape()[..matrices.ndim() - 2];
        // NumPy 2 takes the largest and the sum from an initial 0, the smallest from none.
        if m.min(n) == 0 && ord.is(-2.0) {
            return Err(invalid(format!(
                "the {} norm of an empty {m} × {n} matrix has no value",
                ord.describe()
            )));
        }
        let values = matrices.to_vec::<f64>()?;
        let mut singular = vec![0.0; m.min(n)];
        let norms = Tensor::fresh_output::<f64>(batch, |out| {
            for (i, norm) in out.iter_mut().enumerate() {
                let matrix = &values[i * m * n..(i + 1) * m * n];
                // As LAPACK's gesdd under NumPy: NaN fails to converge, infinity gives NaN.
                if matrix.iter().any(|x| x.is_nan()) {
                    return Err(invalid(
                        "SVD did not converge (the matrix holds NaN)".into(),
                    ));
                }
                if matrix.iter().any(|x| x.is_infinite()) {
                    *norm = f64::NAN;
                    continue;
                }
                singular_values(matrix, m, n, &mut singular).map_err(|_| {
                    crate::core::memory::out_of_memory(OP, || {
                        format!("cannot allocate the work space of a {m} × {n} matrix")
                    })
                })?;
                *norm = match ord {
                    NormOrder::Nuclear => singular.iter().sum(),
                    NormOrder::Power(p) if p > 0.0 => singular.first().copied().unwrap_or(0.0),
                    _ => singular.last().copied().unwrap_or(f64::NAN),
                };
            }
            Ok(())
        })?;
        norms.astype(dtype)
    }
}

/// The largest of non-negative `t` along `axis`, from an initial 0 (NumPy 2's
/// `max(..., initial=0)`): an empty axis gives 0, where a plain maximum has no identity.
fn largest_from_zero(t: &Tensor, axis: i64, keep_dims: bool) -> Result<Tensor> {
    let normalized = normalize_axes(OP, &[axis], t.ndim())?[0];
    let op = if t.shape()[normalized] == 0 {
        ReduceOp::Sum // of nothing: 0, the initial value
    } else {
        ReduceOp::Max
    };
    t.reduce(op, Some(&[axis]), keep_dims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> Tensor {
        Tensor::from_elements(&[2, 3], &[1.0f64, -2.0, 3.0, -4.0, 5.0, -6.0]).unwrap()
    }

    fn values(t: &Tensor) -> Vec<f64> {
        t.to_vec::<f64>().unwrap()
    }

    #[test]
    fn linalg_norm_of_vectors_for_every_order() {
        let x = matrix();
        let row = |ord, want: [f64; 2]| {
            let got = values(&x.norm(ord, Some(&[-1]), false).unwrap());
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-12, "{ord:?}: {got:?} vs {want:?}");
            }
        };
        row(NormOrder::Default, [14f64.sqrt(), 77f64.sqrt()]);
        row(NormOrder::Power(1.0), [6.0, 15.0]);
        row(NormOrder::Power(f64::INFINITY), [3.0, 6.0]);
        row(NormOrder::Power(f64::NEG_INFINITY), [1.0, 4.0]);
        row(NormOrder::Power(0.0), [3.0, 3.0]);
        row(NormOrder::Power(3.0), [36f64.cbrt(), 405f64.cbrt()]);
        let harmonic = |v: [f64; 3]| 1.0 / v.iter().map(|x| 1.0 / x).sum::<f64>();
        row(
            NormOrder::Power(-1.0),
            [harmonic([1.0, 2.0, 3.0]), harmonic([4.0, 5.0, 6.0])],
        );
    }

    #[test]
    fn linalg_norm_of_matrices_for_every_order() {
        let x = matrix();
        let one = |ord| values(&x.norm(ord, None, false).unwrap())[0];
        assert_eq!(one(NormOrder::Power(1.0)), 9.0);
        assert_eq!(one(NormOrder::Power(-1.0)), 5.0);
        assert_eq!(one(NormOrder::Power(f64::INFINITY)), 15.0);
        assert_eq!(one(NormOrder::Power(f64::NEG_INFINITY)), 6.0);
        assert!((one(NormOrder::Frobenius) - 91f64.sqrt()).abs() < 1e-12);
        // NumPy: 9.508032000695724, 0.7728696356734843, 10.280901636369208.
        assert!((one(NormOrder::Power(2.0)) - 9.508032000695724).abs() < 1e-12);
        assert!((one(NormOrder::Power(-2.0)) - 0.7728696356734843).abs() < 1e-12);
        assert!((one(NormOrder::Nuclear) - 10.280901636369208).abs() < 1e-12);
        assert_eq!(
            x.norm(NormOrder::Power(3.0), None, false)
                .unwrap_err()
                .code(),
            "INVALID_ARGUMENT"
        );
    }

    #[test]
    fn linalg_norm_keeps_dims_and_dtypes() {
        let x = matrix().astype(DType::Float32).unwrap();
        let kept = x
            .norm(NormOrder::Power(f64::INFINITY), Some(&[1, 0]), true)
            .unwrap();
        assert_eq!(
            (kept.shape(), kept.dtype()),
            (&[1usize, 1][..], DType::Float32)
        );
        let ints = Tensor::from_elements(&[3], &[3i8, 4, 0]).unwrap();
        let n = ints.norm(NormOrder::Default, None, true).unwrap();
        assert_eq!((n.shape(), n.dtype()), (&[1usize][..], DType::Float64));
        assert_eq!(values(&n), vec![5.0]);
        let half = ints.astype(DType::Float16).unwrap();
        assert_eq!(
            half.norm(NormOrder::Default, None, false).unwrap().dtype(),
            DType::Float16
        );
        let stacked = half.reshape(&[1, 3, 1]).unwrap();
        let refused = stacked.norm(NormOrder::Nuclear, Some(&[1, 2]), false);
        assert_eq!(refused.unwrap_err().code(), "DTYPE");
    }

    #[test]
    fn linalg_norm_refuses_orders_and_axes_numpy_refuses() {
        let x = matrix();
        let cube = x.reshape(&[1, 2, 3]).unwrap();
        let vector = Tensor::from_elements(&[2], &[1.0f64, 2.0]).unwrap();
        for result in [
            vector.norm(NormOrder::Frobenius, None, false),
            x.norm(NormOrder::Power(1.0), Some(&[0, 0]), false),
            x.norm(NormOrder::Power(1.0), Some(&[0, 2]), false),
            cube.norm(NormOrder::Power(1.0), None, false),
            x.norm(NormOrder::Default, Some(&[]), false),
        ] {
            assert_eq!(result.unwrap_err().code(), "INVALID_ARGUMENT");
        }
        assert_eq!(
            values(&cube.norm(NormOrder::Default, None, false).unwrap()),
            vec![91f64.sqrt()]
        );
    }
}
