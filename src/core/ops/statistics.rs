//! The reductions built from the others: `any`/`all`, `var`/`std`, `logSumExp`,
//! `logSoftmax`, and NumPy's `dtype=` rule for `sum`/`prod`/`mean` (elements cast first).

use super::compute_dtype;
use crate::core::dtype::{DType, Scalar};
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::kernels::{BinaryOp, CompareOp, PredicateOp, ReduceOp, TruthOp, UnaryOp};
use crate::core::layout::normalize_axes;
use crate::core::ops::Rhs;
use crate::core::promote::float_result;
use crate::core::tensor::Tensor;

impl Tensor {
    /// NumPy `any` / `all` over `axes` (all axes when None), giving `bool`: an element is
    /// true where nonzero (NaN included). Empty: `any` is false, `all` true.
    ///
    /// ```
    /// use extensor::core::{Tensor, TruthOp};
    /// let t = Tensor::from_elements(&[2, 2], &[0i32, 3, 0, 0]).unwrap();
    /// let any = t.truth_reduce(TruthOp::Any, Some(&[1]), false).unwrap();
    /// assert_eq!(any.to_vec::<bool>().unwrap(), vec![true, false]);
    /// ```
    pub fn truth_reduce(
        &self,
        op: TruthOp,
        axes: Option<&[i64]>,
        keep_dims: bool,
    ) -> Result<Tensor> {
        // Counting the elements that decide (true for any, false for all) needs an identity
        // for empty axes, which sum has and max has not.
        let deciding = match op {
            TruthOp::Any => CompareOp::NotEqual,
            TruthOp::All => CompareOp::Equal,
        };
        let hits = self.compare(deciding, Rhs::Scalar(Scalar::Bool(false)))?;
        let count = hits
            .astype(DType::UInt8)?
            .reduce(ReduceOp::Sum, axes, keep_dims)?;
        let found = count.compare(CompareOp::NotEqual, Rhs::Scalar(Scalar::Int(0)))?;
        match op {
            TruthOp::Any => Ok(found),
            TruthOp::All => found.predicate(PredicateOp::LogicalNot),
        }
    }

    /// NumPy `var` (`sqrt = false`) or `std` (`sqrt = true`) over `axes` with `ddof`:
    /// `Σ|x − mean|² / (n − ddof)` (`n − ddof` at least 0). Float dtypes keep theirs (the half
    /// floats compute in float32), integers and bool give float64.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 4.0, 1.0, DType::Int32).unwrap();
    /// let v = t.variance(None, false, 1.0, false).unwrap();
    /// assert_eq!(v.dtype(), DType::Float64);
    /// assert!((v.to_vec::<f64>().unwrap()[0] - 5.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn variance(
        &self,
        axes: Option<&[i64]>,
        keep_dims: bool,
        ddof: f64,
        sqrt: bool,
    ) -> Result<Tensor> {
        let name = if sqrt { "std" } else { "var" };
        if !ddof.is_finite() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                name,
                format!("ddof must be a finite number, got {ddof}"),
            ));
        }
        let result = if self.dtype().is_float() {
            self.dtype()
        } else {
            DType::Float64
        };
        let x = self.as_dtype(compute_dtype(result))?;
        let mean = x.reduce(ReduceOp::Mean, axes, true)?;
        let deviation = x.binary(BinaryOp::Sub, Rhs::Tensor(&mean))?;
        let squares = deviation.binary(BinaryOp::Mul, Rhs::Tensor(&deviation))?;
        let total = squares.reduce(ReduceOp::Sum, axes, keep_dims)?;
        let n = self.reduced_count(name, axes)? as f64;
        let var = total.binary(
            BinaryOp::Div,
            Rhs::Scalar(Scalar::Float((n - ddof).max(0.0))),
        )?;
        let out = if sqrt { var.unary(UnaryOp::Sqrt)? } else { var };
        out.as_dtype(result)
    }

    /// `log(Σ exp(x))` over `axes`, shifted by the maximum so that it neither overflows nor
    /// underflows (SciPy's `logsumexp`); integers take the float dtype `exp` gives.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[2], &[1000.0f64, 1000.0]).unwrap();
    /// let r = t.log_sum_exp(None, false).unwrap().to_vec::<f64>().unwrap();
    /// assert!((r[0] - (1000.0 + 2f64.ln())).abs() < 1e-9);
    /// ```
    pub fn log_sum_exp(&self, axes: Option<&[i64]>, keep_dims: bool) -> Result<Tensor> {
        let x = self.as_dtype(float_result(self.dtype()))?;
        let shift = x.finite_max(axes)?;
        let total = x
            .binary(BinaryOp::Sub, Rhs::Tensor(&shift))?
            .unary(UnaryOp::Exp)?
            .reduce(ReduceOp::Sum, axes, keep_dims)?;
        let shift = if keep_dims {
            shift
        } else {
            shift.reduce(ReduceOp::Max, axes, false)?
        };
        total
            .unary(UnaryOp::Log)?
            .binary(BinaryOp::Add, Rhs::Tensor(&shift))
    }

    /// `x − logSumExp(x)` along `axis` (default −1), SciPy's `log_softmax`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[2], &[0.0f64, 0.0]).unwrap();
    /// let r = t.log_softmax(None).unwrap().to_vec::<f64>().unwrap();
    /// assert!((r[0] + 2f64.ln()).abs() < 1e-12);
    /// ```
    pub fn log_softmax(&self, axis: Option<i64>) -> Result<Tensor> {
        if self.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "logSoftmax",
                "needs at least one dimension",
            ));
        }
        let axis = [axis.unwrap_or(-1)];
        normalize_axes("logSoftmax", &axis, self.ndim())?;
        let x = self.as_dtype(float_result(self.dtype()))?;
        let lse = x.log_sum_exp(Some(&axis), true)?;
        x.binary(BinaryOp::Sub, Rhs::Tensor(&lse))
    }

    /// The maximum over `axes` with dims kept, where every non-finite maximum is 0 (the
    /// shift of `logSumExp`: an all −∞ row must give −∞, not NaN).
    fn finite_max(&self, axes: Option<&[i64]>) -> Result<Tensor> {
        if self.size() == 0 {
            let mut shape = self.shape().to_vec();
            let all: Vec<usize> = (0..self.ndim()).collect();
            let reduced = match axes {
                Some(a) => normalize_axes("logSumExp", a, self.ndim())?,
                None => all,
            };
            for a in reduced {
                shape[a] = 1;
            }
            return Tensor::zeros(&shape, self.dtype());
        }
        let max = self.reduce(ReduceOp::Max, axes, true)?;
        let finite = max.predicate(PredicateOp::IsFinite)?;
        Tensor::where_(&finite, Rhs::Tensor(&max), Rhs::Scalar(Scalar::Float(0.0)))
    }

    /// The number of elements each output element of a reduction over `axes` covers.
    pub(crate) fn reduced_count(&self, op: &str, axes: Option<&[i64]>) -> Result<usize> {
        Ok(match axes {
            None => self.size(),
            Some(a) => normalize_axes(op, a, self.ndim())?
                .iter()
                .map(|&i| self.shape()[i])
                .product(),
        })
    }

    /// The tensor in `dtype`: a new handle on the same storage when it has it already.
    pub(crate) fn as_dtype(&self, dtype: DType) -> Result<Tensor> {
        if self.dtype() == dtype {
            Ok(self.share())
        } else {
            self.astype(dtype)
        }
    }

    /// `sum`/`prod`/`mean` with NumPy's `dtype=` naming another dtype than the tensor's:
    /// each element is cast to it first, then reduced in it (integers wrap, a bool sum is
    /// `any` and a bool product `all`); an integer or half-float mean is that sum divided
    /// by the count, cast back. None when the plain path applies.
    pub(crate) fn reduce_in_dtype(
        &self,
        op: ReduceOp,
        axes: Option<&[i64]>,
        keep_dims: bool,
        dtype: DType,
    ) -> Option<Result<Tensor>> {
        if !matches!(op, ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Mean) {
            return None;
        }
        if dtype == DType::Bool {
            let truth = if op == ReduceOp::Prod {
                TruthOp::All
            } else {
                TruthOp::Any
            };
            return Some(self.truth_reduce(truth, axes, keep_dims));
        }
        if self.dtype() != dtype {
            return Some(
                self.astype(dtype)
                    .and_then(|x| x.reduce_as(op, axes, keep_dims, Some(dtype))),
            );
        }
        if op == ReduceOp::Mean && !matches!(dtype, DType::Float32 | DType::Float64) {
            let mean = || {
                let total = self.reduce_as(ReduceOp::Sum, axes, keep_dims, Some(dtype))?;
                let n = self.reduced_count("mean", axes)? as f64;
                let quotient = if dtype.is_float() {
                    total.binary(BinaryOp::Div, Rhs::Scalar(Scalar::Float(n)))?
                } else {
                    total
                        .astype(DType::Float64)?
                        .binary(BinaryOp::Div, Rhs::Scalar(Scalar::Float(n)))?
                };
                quotient.as_dtype(dtype)
            };
            return Some(mean());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_and_all_of_empty_axes_are_false_and_true() {
        let t = Tensor::zeros(&[2, 0], DType::Float32).unwrap();
        let any = t.truth_reduce(TruthOp::Any, Some(&[1]), false).unwrap();
        let all = t.truth_reduce(TruthOp::All, Some(&[1]), false).unwrap();
        assert_eq!(any.to_vec::<bool>().unwrap(), [false, false]);
        assert_eq!(all.to_vec::<bool>().unwrap(), [true, true]);
    }

    #[test]
    fn an_integer_mean_dtype_sums_wrapping_in_it_then_divides() {
        let t = Tensor::from_elements(&[3], &[100i8, 100, 100]).unwrap();
        let m = t
            .reduce_as(ReduceOp::Mean, None, false, Some(DType::Int8))
            .unwrap();
        assert_eq!(m.to_vec::<i8>().unwrap(), [14]); // 300 wraps to 44; 44 / 3
    }

    #[test]
    fn a_bool_sum_dtype_is_any_and_a_bool_prod_dtype_is_all() {
        let t = Tensor::from_elements(&[2], &[2i8, -2]).unwrap();
        let sum = t
            .reduce_as(ReduceOp::Sum, None, false, Some(DType::Bool))
            .unwrap();
        assert_eq!(sum.to_vec::<bool>().unwrap(), [true]);
        let half = Tensor::from_elements(&[2], &[0.5f32, -0.5]).unwrap();
        let prod = half
            .reduce_as(ReduceOp::Prod, None, false, Some(DType::Bool))
            .unwrap();
        assert_eq!(prod.to_vec::<bool>().unwrap(), [true]);
    }

    #[test]
    fn elements_are_cast_to_the_dtype_before_they_are_summed() {
        let t = Tensor::from_elements(&[2], &[100_000i32, -100_000]).unwrap();
        let s = t
            .reduce_as(ReduceOp::Sum, None, false, Some(DType::Float16))
            .unwrap();
        assert!(s.astype(DType::Float64).unwrap().to_vec::<f64>().unwrap()[0].is_nan());
    }

    #[test]
    fn log_sum_exp_of_an_all_minus_infinity_row_is_minus_infinity() {
        let t = Tensor::from_elements(&[2, 2], &[f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0, 0.0])
            .unwrap();
        let r = t
            .log_sum_exp(Some(&[1]), false)
            .unwrap()
            .to_vec::<f64>()
            .unwrap();
        assert_eq!(r[0], f64::NEG_INFINITY);
        assert!((r[1] - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn var_with_ddof_at_least_n_is_infinite_or_nan_as_numpy() {
        let t = Tensor::from_elements(&[2], &[1.0f64, 3.0]).unwrap();
        let v = t
            .variance(None, false, 2.0, false)
            .unwrap()
            .to_vec::<f64>()
            .unwrap();
        assert_eq!(v[0], f64::INFINITY);
    }
}
