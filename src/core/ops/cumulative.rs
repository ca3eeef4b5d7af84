//! `cumsum` and `cumprod`, as NumPy's: the flattened tensor when no axis is given, the
//! dtypes of `sum`/`prod` (or the `dtype=` asked for), integers wrapping.

use super::{compute_dtype, with_numeric_type};
use crate::core::dtype::{DType, Element};
use crate::core::error::Result;
use crate::core::kernels::cumulative::accumulate;
use crate::core::kernels::Arith;
use crate::core::layout::normalize_axes;
use crate::core::promote::sum_dtype;
use crate::core::tensor::Tensor;

impl Tensor {
    /// The running sum (`product = false`) or product along `axis` (the flattened tensor
    /// when None, and for a 0-d tensor along axis 0 or -1, as NumPy), in `dtype` or NumPy's
    /// default (that of `sum`). Half-float results round
    /// at every step, as NumPy's half loops do; a bool dtype accumulates or (and).
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::from_elements(&[2, 2], &[1u8, 2, 3, 4]).unwrap();
    /// let c = t.cumulate(false, Some(0), None).unwrap();
    /// assert_eq!(c.dtype(), DType::UInt64);
    /// assert_eq!(c.to_vec::<u64>().unwrap(), vec![1, 2, 4, 6]);
    /// assert_eq!(t.cumulate(true, None, None).unwrap().to_vec::<u64>().unwrap(), vec![1, 2, 6, 24]);
    /// ```
    pub fn cumulate(
        &self,
        product: bool,
        axis: Option<i64>,
        dtype: Option<DType>,
    ) -> Result<Tensor> {
        let name = if product { "cumprod" } else { "cumsum" };
        // NumPy treats a 0-d input as one element along axis 0 (or -1), as with no axis.
        let x = match axis {
            Some(_) if self.ndim() > 0 => self.share(),
            _ => self.reshape(&[-1])?,
        };
        let axis = normalize_axes(name, &[axis.unwrap_or(0)], x.ndim())?[0];
        let result = dtype.unwrap_or_else(|| sum_dtype(x.dtype()));
        let len = x.shape()[axis];
        let inner: usize = x.shape()[axis + 1..].iter().product();
        if result == DType::Bool {
            // Logical or (and) of 0/1 values: max (min) in uint8.
            let bits = x.as_dtype(DType::Bool)?.astype(DType::UInt8)?;
            let out = run::<u8>(
                &bits,
                len,
                inner,
                |a, b| if product { a.min(b) } else { a.max(b) },
            )?;
            return out.astype(DType::Bool);
        }
        let compute = compute_dtype(result);
        let xc = x.as_dtype(compute)?;
        let half = compute != result;
        let out = with_numeric_type!(compute, name, C => {
            let step = |a: C, b: C| if product { a.mul(b) } else { a.add(b) };
            if half {
                let round = |v: C| C::from_scalar(Tensor::round_to(result, v.to_scalar()));
                run::<C>(&xc, len, inner, |a, b| round(step(a, b)))
            } else {
                run::<C>(&xc, len, inner, step)
            }
        })?;
        out.as_dtype(result)
    }

    /// `v` rounded to `dtype`'s precision (the half floats), as a scalar again.
    fn round_to(dtype: DType, v: crate::core::dtype::Scalar) -> crate::core::dtype::Scalar {
        use crate::core::dtype::Scalar;
        let x = v.as_f64();
        Scalar::Float(match dtype {
            DType::Float16 => half::f16::from_f64(x).to_f64(),
            DType::BFloat16 => half::bf16::from_f64(x).to_f64(),
            _ => x,
        })
    }
}

/// The C-order values of `x` (already in type `C`) accumulated along the middle axis of
/// `[outer, len, inner]`, as a new tensor of `x`'s shape.
fn run<C: Element>(x: &Tensor, len: usize, inner: usize, f: impl Fn(C, C) -> C) -> Result<Tensor> {
    let values = x.values_in_own_type::<C>()?;
    Tensor::fresh_output::<C>(x.shape(), |out| {
        out.copy_from_slice(&values);
        accumulate(out, len, inner, f);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bool_cumsum_counts_in_int64_and_a_bool_dtype_accumulates_or() {
        let t = Tensor::from_elements(&[3], &[true, false, true]).unwrap();
        let c = t.cumulate(false, None, None).unwrap();
        assert_eq!(c.to_vec::<i64>().unwrap(), [1, 1, 2]);
        let b = t.cumulate(true, None, Some(DType::Bool)).unwrap();
        assert_eq!(b.to_vec::<bool>().unwrap(), [true, false, false]);
    }

    #[test]
    fn a_half_float_cumsum_rounds_at_every_step() {
        let t = Tensor::from_elements(&[3], &[2048.0f32, 1.0, 1.0]).unwrap();
        let c = t.cumulate(false, None, Some(DType::Float16)).unwrap();
        // 2048 + 1 rounds back to 2048 in float16, each time.
        let v = c.astype(DType::Float32).unwrap().to_vec::<f32>().unwrap();
        assert_eq!(v, [2048.0, 2048.0, 2048.0]);
    }

    #[test]
    fn a_zero_d_tensor_flattens_along_axis_0_or_minus_1_and_another_axis_is_refused() {
        let t = Tensor::from_elements(&[], &[5i32]).unwrap();
        for axis in [None, Some(0), Some(-1)] {
            let c = t.cumulate(false, axis, None).unwrap();
            assert_eq!(c.shape(), &[1]);
            assert_eq!(c.to_vec::<i64>().unwrap(), [5]);
        }
        assert_eq!(
            t.cumulate(false, Some(1), None).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
