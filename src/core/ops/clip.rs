//! `clip`: NumPy's `np.clip`, bounds as tensors or weak scalars, either one optional.

use crate::core::dtype::DType;
use crate::core::error::Result;
use crate::core::kernels::BinaryOp;
use crate::core::ops::Rhs;
use crate::core::promote::{int_range, result_type, weak_int_value, weak_result_type};
use crate::core::tensor::Tensor;

impl Tensor {
    /// `min(max(self, lo), hi)` elementwise, as `np.clip`: the bounds broadcast, the result
    /// dtype is that of all three together (NEP 50: an `int32` tensor clipped to `[0, 2.5]`
    /// is `float64`), NaN propagates, and `lo > hi` gives `hi`. As NumPy, a JS integer bound
    /// beyond an integer tensor's range on its own side is no bound at all.
    ///
    /// ```
    /// use extensor::core::{DType, Rhs, Scalar, Tensor};
    /// let x = Tensor::arange(0.0, 5.0, 1.0, DType::Int8).unwrap();
    /// let y = x.clip(Some(Rhs::Scalar(Scalar::Float(1.0))), Some(Rhs::Scalar(Scalar::Float(1000.0)))).unwrap();
    /// assert_eq!(y.dtype(), DType::Int8);
    /// assert_eq!(y.to_vec::<i8>().unwrap(), vec![1, 1, 2, 3, 4]);
    /// ```
    pub fn clip(&self, lo: Option<Rhs>, hi: Option<Rhs>) -> Result<Tensor> {
        let lo = lo.filter(|&b| !self.beyond_range(b, false));
        let hi = hi.filter(|&b| !self.beyond_range(b, true));
        let bounds = [lo, hi];
        let result = self.clip_dtype(&bounds);
        let cast;
        let x = if self.dtype() == result || bounds.iter().all(Option::is_none) {
            self
        } else {
            cast = self.astype(result)?;
            &cast
        };
        match (lo, hi) {
            (None, None) => x.deep_copy(),
            (Some(l), None) => x.binary(BinaryOp::Maximum, l),
            (None, Some(h)) => x.binary(BinaryOp::Minimum, h),
            (Some(l), Some(h)) => x.binary(BinaryOp::Maximum, l)?.binary(BinaryOp::Minimum, h),
        }
    }

    /// Whether `bound` is a weak integer at or beyond this integer tensor's least value
    /// (`upper = false`) or greatest (`upper = true`): NumPy drops such a bound.
    fn beyond_range(&self, bound: Rhs, upper: bool) -> bool {
        let (Rhs::Scalar(s), Some((least, greatest))) = (bound, int_range(self.dtype())) else {
            return false;
        };
        weak_int_value(s).is_some_and(|v| if upper { v >= greatest } else { v <= least })
    }

    /// NEP 50 over the tensor and its bounds: strong dtypes first, then weak scalars.
    fn clip_dtype(&self, bounds: &[Option<Rhs>]) -> DType {
        let strong = bounds.iter().fold(self.dtype(), |d, b| match b {
            Some(Rhs::Tensor(t)) => result_type(d, t.dtype()),
            _ => d,
        });
        bounds.iter().fold(strong, |d, b| match b {
            Some(Rhs::Scalar(s)) => weak_result_type(d, *s),
            _ => d,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dtype::Scalar;

    fn num(x: f64) -> Option<Rhs<'static>> {
        Some(Rhs::Scalar(Scalar::Float(x)))
    }

    #[test]
    fn an_int_tensor_clipped_to_a_float_bound_is_float64() {
        let x = Tensor::from_elements(&[3], &[1i32, 5, 9]).unwrap();
        let y = x.clip(num(0.0), num(2.5)).unwrap();
        assert_eq!(y.dtype(), DType::Float64);
        assert_eq!(y.to_vec::<f64>().unwrap(), [1.0, 2.5, 2.5]);
    }

    #[test]
    fn integer_bounds_beyond_the_dtype_are_dropped_on_their_side_only() {
        let x = Tensor::from_elements(&[3], &[1i8, 5, -9]).unwrap();
        let y = x.clip(num(-1000.0), num(2.0)).unwrap();
        assert_eq!(y.to_vec::<i8>().unwrap(), [1, 2, -9]);
        let err = x.clip(num(-1000.0), num(-500.0)).unwrap_err();
        assert_eq!(err.code(), "INVALID_ARGUMENT");
    }

    #[test]
    fn lo_above_hi_gives_hi_and_nan_propagates() {
        let x = Tensor::from_elements(&[3], &[1.0f64, 5.0, f64::NAN]).unwrap();
        let y = x.clip(num(4.0), num(2.0)).unwrap().to_vec::<f64>().unwrap();
        assert_eq!(&y[..2], &[2.0, 2.0]);
        assert!(y[2].is_nan());
    }

    #[test]
    fn tensor_bounds_broadcast_and_promote() {
        let x = Tensor::from_elements(&[2, 2], &[0i8, 5, -5, 3]).unwrap();
        let lo = Tensor::from_elements(&[2], &[1.0f32, -1.0]).unwrap();
        let y = x.clip(Some(Rhs::Tensor(&lo)), None).unwrap();
        assert_eq!(y.dtype(), DType::Float32);
        assert_eq!(y.to_vec::<f32>().unwrap(), [1.0, 5.0, 1.0, 3.0]);
    }
}
