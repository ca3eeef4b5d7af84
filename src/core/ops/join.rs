//! Joining tensors: concat and stack.

use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::index::IndexItem;
use crate::core::layout::normalize_axes;
use crate::core::promote::result_type;
use crate::core::tensor::Tensor;

impl Tensor {
    /// Joins tensors along an existing axis; dtypes promote.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let a = Tensor::zeros(&[2, 2], DType::Int32).unwrap();
    /// let b = Tensor::zeros(&[1, 2], DType::Float32).unwrap();
    /// let c = Tensor::concat(&[&a, &b], 0).unwrap();
    /// assert_eq!((c.shape(), c.dtype()), (&[3, 2][..], DType::Float64));
    /// ```
    pub fn concat(tensors: &[&Tensor], axis: i64) -> Result<Tensor> {
        let first = tensors.first().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "concat",
                "needs at least one tensor",
            )
        })?;
        if first.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "concat",
                "zero-dimensional tensors cannot be concatenated",
            ));
        }
        let axis = normalize_axes("concat", &[axis], first.ndim())?[0];
        let mut shape = first.shape().to_vec();
        shape[axis] = 0;
        let mut dtype = first.dtype();
        for t in tensors {
            let compatible = t.ndim() == first.ndim()
                && t.shape()
                    .iter()
                    .zip(first.shape())
                    .enumerate()
                    .all(|(a, (x, y))| a == axis || x == y);
            if !compatible {
                return Err(Error::new(
                    ErrorKind::ShapeMismatch,
                    "concat",
                    format!(
                        "shape {} does not match {} outside axis {axis}",
                        fmt_dims(t.shape()),
                        fmt_dims(first.shape())
                    ),
                ));
            }
            shape[axis] += t.shape()[axis];
            dtype = result_type(dtype, t.dtype());
        }
        // SAFETY: the pieces below tile `axis` exactly (each input's extent, in order), so
        // the assigns write every element; an error drops `out` unread.
        let out = unsafe { Tensor::uninit(&shape, dtype)? };
        let mut start = 0i64;
        for t in tensors {
            let len = t.shape()[axis] as i64;
            let mut items = vec![IndexItem::FULL; axis];
            items.push(IndexItem::Slice {
                start: Some(start),
                stop: Some(start + len),
                step: None,
            });
            out.slice(&items)?.assign(t)?;
            start += len;
        }
        Ok(out)
    }

    /// Joins tensors of one shape along a new axis.
    pub fn stack(tensors: &[&Tensor], axis: i64) -> Result<Tensor> {
        let first = tensors.first().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "stack",
                "needs at least one tensor",
            )
        })?;
        if let Some(t) = tensors.iter().find(|t| t.shape() != first.shape()) {
            return Err(Error::new(
                ErrorKind::ShapeMismatch,
                "stack",
                format!(
                    "all tensors need one shape; {} differs from {}",
                    fmt_dims(t.shape()),
                    fmt_dims(first.shape())
                ),
            ));
        }
        normalize_axes("stack", &[axis], first.ndim() + 1)?;
        let expanded: Vec<Tensor> = tensors
            .iter()
            .map(|t| t.unsqueeze(axis))
            .collect::<Result<_>>()?;
        let refs: Vec<&Tensor> = expanded.iter().collect();
        Tensor::concat(&refs, axis)
    }
}
