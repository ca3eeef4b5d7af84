//! `isclose`/`allclose` (NumPy's asymmetric tolerance test) and `bincount`.

use super::compute_dtype;
use super::elementwise::{zip_map, Input};
use crate::core::dtype::{DType, Scalar};
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::kernels::{map2, Float, TruthOp};
use crate::core::promote::{result_type, weak_result_type};
use crate::core::tensor::Tensor;

/// NumPy's `isclose` tolerances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// Relative tolerance, times `|b|` (default 1e-5).
    pub rtol: f64,
    /// Absolute tolerance (default 1e-8).
    pub atol: f64,
    /// Whether NaN is close to NaN (default false).
    pub equal_nan: bool,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            rtol: 1e-5,
            atol: 1e-8,
            equal_nan: false,
        }
    }
}

impl Tensor {
    /// NumPy `isclose(self, other)`: `|a − b| <= atol + rtol·|b|` elementwise (asymmetric in
    /// `b`), an infinity close only to itself, NaN to NaN only with `equal_nan`. The operands
    /// broadcast and compute in their promoted float dtype (integers in float64).
    ///
    /// ```
    /// use extensor::core::{Tensor, Tolerance};
    /// let a = Tensor::from_elements(&[3], &[1.0f64, f64::NAN, f64::INFINITY]).unwrap();
    /// let b = Tensor::from_elements(&[3], &[1.000001f64, f64::NAN, f64::INFINITY]).unwrap();
    /// let close = a.isclose(&b, Tolerance::default()).unwrap();
    /// assert_eq!(close.to_vec::<bool>().unwrap(), vec![true, false, true]);
    /// ```
    pub fn isclose(&self, other: &Tensor, tol: Tolerance) -> Result<Tensor> {
        for (what, v) in [("rtol", tol.rtol), ("atol", tol.atol)] {
            if v.is_nan() {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "isclose",
                    format!("{what} is NaN"),
                ));
            }
        }
        let dtype = weak_result_type(result_type(self.dtype(), other.dtype()), Scalar::Float(0.5));
        // One pass over both operands, in their promoted float type (the half floats in f32).
        match compute_dtype(dtype) {
            DType::Float32 => close_in::<f32>(self, other, tol),
            _ => close_in::<f64>(self, other, tol),
        }
    }

    /// NumPy `allclose`: whether [`Tensor::isclose`] holds everywhere.
    ///
    /// ```
    /// use extensor::core::{Tensor, Tolerance};
    /// let a = Tensor::from_elements(&[2], &[1.0f32, 2.0]).unwrap();
    /// assert!(a.allclose(&a, Tolerance::default()).unwrap());
    /// ```
    pub fn allclose(&self, other: &Tensor, tol: Tolerance) -> Result<bool> {
        let all = self
            .isclose(other, tol)?
            .truth_reduce(TruthOp::All, None, false)?;
        Ok(matches!(all.item()?, Scalar::Bool(true)))
    }

    /// NumPy `bincount`: how often each value `0..=max` occurs in this 1-D tensor of
    /// non-negative integers (int64), or the sum of `weights` at each (float64); at least
    /// `minlength` bins. A negative value is `INVALID_ARGUMENT`; floats and uint64 (which
    /// NumPy will not cast safely to its index type) are `DTYPE`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let x = Tensor::from_elements(&[4], &[0i32, 2, 2, 3]).unwrap();
    /// let counts = x.bincount(None, 0).unwrap();
    /// assert_eq!(counts.to_vec::<i64>().unwrap(), vec![1, 0, 2, 1]);
    /// ```
    pub fn bincount(&self, weights: Option<&Tensor>, minlength: i64) -> Result<Tensor> {
        const OP: &str = "bincount";
        if self.dtype().is_float() || self.dtype() == DType::UInt64 {
            return Err(Error::new(
                ErrorKind::DType,
                OP,
                format!(
                    "cannot count values of dtype {} (integers only)",
                    self.dtype()
                ),
            ));
        }
        if self.ndim() != 1 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!("the input must be 1-D, got {} dimensions", self.ndim()),
            ));
        }
        if minlength < 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!("minlength {minlength} is negative"),
            ));
        }
        let values = self.to_vec::<i64>()?;
        if let Some(&negative) = values.iter().find(|&&v| v < 0) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!("the input holds a negative value ({negative})"),
            ));
        }
        let bins = values
            .iter()
            .map(|&v| v as u64 + 1)
            .max()
            .unwrap_or(0)
            .max(minlength as u64);
        let too_many = || {
            Error::new(
                ErrorKind::OutOfMemory,
                OP,
                format!("{bins} bins do not fit in memory"),
            )
        };
        let bins = usize::try_from(bins).map_err(|_| too_many())?;
        crate::core::room_for(OP, bins.checked_mul(8).ok_or_else(too_many)?)?;
        match weights {
            None => {
                let mut counts = vec![0i64; bins];
                for &v in &values {
                    counts[v as usize] += 1;
                }
                Tensor::from_elements(&[bins], &counts)
            }
            Some(w) => {
                if w.shape() != self.shape() {
                    return Err(Error::new(
                        ErrorKind::ShapeMismatch,
                        OP,
                        format!(
                            "weights of shape {:?} for an input of shape {:?}",
                            w.shape(),
                            self.shape()
                        ),
                    ));
                }
                let w = w.to_vec::<f64>()?;
                let mut sums = vec![0f64; bins];
                for (&v, &x) in values.iter().zip(&w) {
                    sums[v as usize] += x;
                }
                Tensor::from_elements(&[bins], &sums)
            }
        }
    }
}

/// `isclose` computed in `T`: `|a − b| <= atol + rtol·|b|` where `b` is finite, or `a == b`
/// (the same infinity), or both NaN when `equal_nan`.
fn close_in<T: Float>(a: &Tensor, b: &Tensor, tol: Tolerance) -> Result<Tensor> {
    let (rtol, atol) = (T::from_f64(tol.rtol), T::from_f64(tol.atol));
    let equal_nan = tol.equal_nan;
    let inputs = [Input::Tensor(a), Input::Tensor(b)];
    zip_map::<T, bool>("isclose", &inputs, |ops, out| {
        map2(ops[0], ops[1], out, |x: T, y: T| {
            let within = x.sub(y).abs() <= atol.add(rtol.mul(y.abs())) && y.is_finite();
            within || x == y || (equal_nan && x.is_nan() && y.is_nan())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isclose_is_asymmetric_in_b_as_numpy() {
        let a = Tensor::from_elements(&[1], &[1.0f64]).unwrap();
        let b = Tensor::from_elements(&[1], &[1.1f64]).unwrap();
        let tol = Tolerance {
            rtol: 0.095,
            atol: 0.0,
            equal_nan: false,
        };
        // |a - b| = 0.1 <= 0.095 * 1.1 = 0.1045, but not <= 0.095 * 1.0.
        assert_eq!(
            a.isclose(&b, tol).unwrap().to_vec::<bool>().unwrap(),
            [true]
        );
        assert_eq!(
            b.isclose(&a, tol).unwrap().to_vec::<bool>().unwrap(),
            [false]
        );
    }

    #[test]
    fn bincount_refuses_negative_values_and_float_input() {
        let x = Tensor::from_elements(&[3], &[1i32, -1, 2]).unwrap();
        assert_eq!(x.bincount(None, 0).unwrap_err().code(), "INVALID_ARGUMENT");
        let f = Tensor::from_elements(&[1], &[1.0f32]).unwrap();
        assert_eq!(f.bincount(None, 0).unwrap_err().code(), "DTYPE");
        let empty = Tensor::zeros(&[0], DType::Int8).unwrap();
        assert_eq!(
            empty.bincount(None, 2).unwrap().to_vec::<i64>().unwrap(),
            [0, 0]
        );
    }
}
