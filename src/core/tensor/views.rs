//! Views: zero-copy handles on the same storage, and the copies that reshape-like ops fall back to.

use super::Tensor;
use crate::core::error::Result;
use crate::core::index::IndexItem;
use crate::core::layout::Layout;
use std::sync::Arc;

/// Views: zero-copy, sharing the storage.
impl Tensor {
    /// A new handle on the same tensor: the design's copy constructor.
    pub fn share(&self) -> Tensor {
        self.clone()
    }

    /// A view with a new shape when the strides allow it, else a C-ordered copy.
    pub fn reshape(&self, shape: &[i64]) -> Result<Tensor> {
        let shape = Layout::resolve_shape("reshape", self.size(), shape, self.shape())?;
        match self.layout.reshaped(&shape) {
            Some(layout) => self.view(layout, self.writable),
            None => {
                let copy = self.deep_copy()?;
                let layout = Layout::c_contiguous(&shape)?;
                Tensor::attach(Arc::clone(&copy.storage), layout, self.dtype, false, true)
            }
        }
    }

    /// NumPy basic indexing.
    pub fn slice(&self, items: &[IndexItem]) -> Result<Tensor> {
        self.view(self.layout.slice(items)?, self.writable)
    }

    /// NumPy basic indexing from a string such as `"1:3, ::-1, ..., None"`.
    pub fn slice_str(&self, spec: &str) -> Result<Tensor> {
        self.slice(&IndexItem::parse_spec(spec)?)
    }

    /// Permutes the axes (reverses them when `axes` is `None`).
    pub fn transpose(&self, axes: Option<&[i64]>) -> Result<Tensor> {
        self.view(self.layout.transpose(axes)?, self.writable)
    }

    /// Reverses the elements along `axes` (all when `None`): a view with negative strides.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(t.flip(Some(&[1])).unwrap().to_vec::<i32>().unwrap(), vec![2, 1, 0, 5, 4, 3]);
    /// assert_eq!(t.flip(None).unwrap().to_vec::<i32>().unwrap(), vec![5, 4, 3, 2, 1, 0]);
    /// ```
    pub fn flip(&self, axes: Option<&[i64]>) -> Result<Tensor> {
        self.view(self.layout.flip(axes)?, self.writable)
    }

    /// Moves axes `source` to positions `destination` (NumPy's `moveaxis`): a view.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::zeros(&[2, 3, 4], DType::Float32).unwrap();
    /// assert_eq!(t.moveaxis(&[0], &[-1]).unwrap().shape(), &[3, 4, 2]);
    /// ```
    pub fn moveaxis(&self, source: &[i64], destination: &[i64]) -> Result<Tensor> {
        self.view(self.layout.moveaxis(source, destination)?, self.writable)
    }

    /// Removes axes of length 1 (all, or the given ones).
    pub fn squeeze(&self, axes: Option<&[i64]>) -> Result<Tensor> {
        self.view(self.layout.squeeze(axes)?, self.writable)
    }

    /// Inserts an axis of length 1.
    pub fn unsqueeze(&self, axis: i64) -> Result<Tensor> {
        self.view(self.layout.unsqueeze(axis)?, self.writable)
    }

    /// The view along the common diagonal of `axes` (see [`Layout::diagonal`]), merged
    /// into the first of them.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 9.0, 1.0, DType::Int32).unwrap().reshape(&[3, 3]).unwrap();
    /// assert_eq!(t.diagonal_axes(&[0, 1]).unwrap().to_vec::<i32>().unwrap(), vec![0, 4, 8]);
    /// ```
    pub fn diagonal_axes(&self, axes: &[usize]) -> Result<Tensor> {
        self.view(self.layout.diagonal(axes)?, self.writable)
    }

    /// A read-only view broadcast to `shape`.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Tensor> {
        self.view(self.layout.broadcast_to(shape)?, false)
    }

    /// `reshape([-1])`.
    pub fn flatten(&self) -> Result<Tensor> {
        self.reshape(&[-1])
    }
}

#[cfg(test)]
mod flip_tests {
    use crate::core::{DType, Tensor};

    #[test]
    fn flipping_reversed_empty_views_gives_empty_views() {
        let t = Tensor::zeros(&[3, 0], DType::Float32).unwrap();
        let f = t.slice_str("::-1").unwrap().flip(None).unwrap();
        assert_eq!((f.shape(), f.size()), (&[3, 0][..], 0));
        let u = Tensor::zeros(&[2, 0, 4], DType::Int8).unwrap();
        let g = u
            .slice_str("::-1, :, ::3")
            .unwrap()
            .flip(Some(&[0]))
            .unwrap();
        assert_eq!(g.shape(), &[2, 0, 2]);
        assert!(g.to_vec::<i8>().unwrap().is_empty());
    }
}
