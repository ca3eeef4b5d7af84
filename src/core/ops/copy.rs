//! Copies and dtype conversions: `contiguous`, `clone` (deep_copy) and `astype`, fed by the
//! same block splitter as every elementwise op, so a contiguous source is one slice copy
//! and a conversion runs chunk by chunk in cache.

use super::elementwise::{zip_map, Input};
use crate::core::dtype::DType;
use crate::core::error::Result;
use crate::core::kernels::map1;
use crate::core::tensor::Tensor;
use crate::with_element_type;

impl Tensor {
    /// This tensor itself (a new handle) when C-contiguous, else a C-ordered copy.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// let c = t.transpose(None).unwrap().contiguous().unwrap();
    /// assert!(c.is_contiguous());
    /// assert_eq!(c.to_vec::<i32>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
    /// ```
    pub fn contiguous(&self) -> Result<Tensor> {
        if self.is_contiguous() {
            Ok(self.share())
        } else {
            self.deep_copy()
        }
    }

    /// A C-ordered copy in new storage.
    pub fn deep_copy(&self) -> Result<Tensor> {
        self.astype(self.dtype())
    }

    /// A C-ordered copy converted to `dtype` (NumPy's `astype` casts: floats to integers
    /// truncate toward zero, anything to bool is `!= 0`).
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(-1.5, 2.0, 1.0, DType::Float64).unwrap();
    /// assert_eq!(t.astype(DType::Int32).unwrap().to_vec::<i32>().unwrap(), vec![-1, 0, 0, 1]);
    /// ```
    pub fn astype(&self, dtype: DType) -> Result<Tensor> {
        with_element_type!(dtype, T => zip_map::<T, T>(
            "astype",
            &[Input::Tensor(self)],
            |operands, out| map1(operands[0], out, |x| x),
        ))
    }
}
