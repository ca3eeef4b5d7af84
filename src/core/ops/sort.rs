//! `sort`, `argsort` and `topk` along one axis.

use super::{compute_dtype, with_numeric_type};
use crate::core::dtype::{DType, Element};
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::kernels::sort::{order_lane, SortKey};
use crate::core::layout::normalize_axes;
use crate::core::tensor::Tensor;

impl Tensor {
    /// Sorts along `axis` (default −1), stably: the sorted values (C-contiguous, this dtype)
    /// and, for each, its index along the axis (int32). Ascending puts NaN last, as NumPy;
    /// descending is the mirrored order (NaN first), equal elements still in index order.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::from_elements(&[4], &[3i16, 1, 3, 2]).unwrap();
    /// let (values, indices) = t.sort(None, true).unwrap();
    /// assert_eq!(values.to_vec::<i16>().unwrap(), vec![3, 3, 2, 1]);
    /// assert_eq!(indices.dtype(), DType::Int32);
    /// assert_eq!(indices.to_vec::<i32>().unwrap(), vec![0, 2, 3, 1]);
    /// ```
    pub fn sort(&self, axis: Option<i64>, descending: bool) -> Result<(Tensor, Tensor)> {
        self.sorted_prefix("sort", axis, descending, None)
    }

    /// The `k` first elements along `axis` (default −1) of the order [`Tensor::sort`] gives
    /// (largest first when `largest`), with their int32 indices: ties go to the lowest index.
    /// `k` beyond the axis length is `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[5], &[1.0f32, 5.0, 3.0, 5.0, 0.0]).unwrap();
    /// let (values, indices) = t.topk(2, None, true).unwrap();
    /// assert_eq!(values.to_vec::<f32>().unwrap(), vec![5.0, 5.0]);
    /// assert_eq!(indices.to_vec::<i32>().unwrap(), vec![1, 3]);
    /// ```
    pub fn topk(&self, k: i64, axis: Option<i64>, largest: bool) -> Result<(Tensor, Tensor)> {
        self.sorted_prefix("topk", axis, largest, Some(k))
    }

    fn sorted_prefix(
        &self,
        op: &str,
        axis: Option<i64>,
        descending: bool,
        k: Option<i64>,
    ) -> Result<(Tensor, Tensor)> {
        if self.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                op,
                "needs at least one dimension",
            ));
        }
        let requested = axis.unwrap_or(-1);
        let axis = normalize_axes(op, &[requested], self.ndim())?[0];
        let n = self.shape()[axis];
        let keep = match k {
            None => n,
            Some(k) if k >= 0 && (k as u64) <= n as u64 => k as usize,
            Some(k) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    op,
                    format!("k = {k} is not within the {n} elements of axis {requested}"),
                ))
            }
        };
        // Lanes last and contiguous: each lane is one run of `n` elements.
        let last = self.ndim() as i64 - 1;
        let moved = self.moveaxis(&[axis as i64], &[last])?;
        let compute = match self.dtype() {
            DType::Bool => DType::UInt8,
            d => compute_dtype(d),
        };
        let mut shape = moved.shape().to_vec();
        shape[self.ndim() - 1] = keep;
        let (values, indices) = with_numeric_type!(compute, op, C => sort_lanes::<C>(&moved, n, keep, descending, &shape))?;
        let back = |t: Tensor| t.moveaxis(&[last], &[axis as i64])?.contiguous();
        Ok((back(values.as_dtype(self.dtype())?)?, back(indices)?))
    }
}

/// Sorts every lane of `x` (lanes last, `n` long) and keeps the first `keep` of each.
fn sort_lanes<C: Element + SortKey>(
    x: &Tensor,
    n: usize,
    keep: usize,
    descending: bool,
    shape: &[usize],
) -> Result<(Tensor, Tensor)> {
    let data = x.as_dtype(C::DTYPE)?.values_in_own_type::<C>()?;
    let lanes = data.len().checked_div(n).unwrap_or(0);
    let mut values = Vec::with_capacity(lanes * keep);
    let mut indices = Vec::with_capacity(lanes * keep);
    let mut scratch = Vec::with_capacity(n);
    for lane in data.chunks_exact(n.max(1)).take(lanes) {
        order_lane(lane, keep, descending, &mut scratch);
        for &(_, at) in &scratch[..keep] {
            values.push(lane[at as usize]);
            indices.push(at as i32);
        }
    }
    Ok((
        Tensor::from_elements(shape, &values)?,
        Tensor::from_elements(shape, &indices)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_along_an_inner_axis_of_a_strided_view() {
        let t = Tensor::from_elements(&[2, 3], &[3.0f64, 1.0, 2.0, 0.0, 5.0, 4.0]).unwrap();
        let view = t.transpose(None).unwrap(); // [3, 2], not contiguous
        let (v, i) = view.sort(Some(0), false).unwrap();
        assert_eq!(v.shape(), &[3, 2]);
        assert_eq!(v.to_vec::<f64>().unwrap(), [1.0, 0.0, 2.0, 4.0, 3.0, 5.0]);
        assert_eq!(i.to_vec::<i32>().unwrap(), [1, 0, 2, 2, 0, 1]);
    }

    #[test]
    fn topk_refuses_k_beyond_the_axis_and_keeps_bool_dtype() {
        let t = Tensor::from_elements(&[3], &[false, true, false]).unwrap();
        let (v, i) = t.topk(1, None, true).unwrap();
        assert_eq!(
            (v.to_vec::<bool>().unwrap(), i.to_vec::<i32>().unwrap()),
            (vec![true], vec![1])
        );
        assert_eq!(
            t.topk(4, None, true).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(
            t.topk(-1, None, true).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }

    #[test]
    fn empty_lanes_sort_to_empty_results() {
        let t = Tensor::zeros(&[0, 3], DType::Int8).unwrap();
        let (v, i) = t.sort(Some(0), false).unwrap();
        assert_eq!((v.shape(), i.shape()), (&[0, 3][..], &[0, 3][..]));
        let (v, _) = t.topk(0, Some(1), false).unwrap();
        assert_eq!(v.shape(), &[0, 0]);
    }
}
