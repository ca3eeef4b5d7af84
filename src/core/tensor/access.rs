//! Element access, copies out and the typed-array window.

use super::{try_collect, Tensor};
use crate::core::dtype::{DType, Element, Scalar};
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::storage::BytesPin;
use crate::with_element_type;

/// Element access.
impl Tensor {
    pub(super) fn storage_ptr(&self, element: usize) -> *mut u8 {
        // Offsets come from a layout checked by `attach` to lie inside the storage.
        self.storage
            .base_ptr()
            .wrapping_add(element * self.dtype.itemsize())
    }

    /// The storage's first element as a `T` pointer (T is the dtype; storage is 16-aligned),
    /// for kernels that walk a layout's indices themselves.
    pub(crate) fn typed_base<T: Element>(&self) -> *const T {
        debug_assert_eq!(T::DTYPE, self.dtype);
        self.storage.base_ptr().cast::<T>()
    }

    /// Reads the element at storage index `element`.
    pub(crate) fn load<T: Element>(&self, element: usize) -> T {
        debug_assert_eq!(T::DTYPE, self.dtype);
        // SAFETY: `element` comes from this handle's layout, which `attach` checked lies
        // inside the storage; T is this tensor's element type (every caller dispatches
        // with `with_element_type!(self.dtype, …)`), so the pointer is aligned and the
        // bytes are valid for T. No reference to the storage is alive.
        unsafe { T::load(self.storage_ptr(element)) }
    }

    pub(crate) fn check_writable(&self, op: &str) -> Result<()> {
        if self.writable {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::ReadOnly, op, format!(
                "tensor of shape {} is a read-only broadcast view; call contiguous() or clone() for a writable copy",
                fmt_dims(self.shape())
            )))
        }
    }

    pub(super) fn check_len(&self, op: &str, len: usize) -> Result<()> {
        if len == self.size() {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::ShapeMismatch,
                op,
                format!(
                    "{len} values given for shape {} ({} elements)",
                    fmt_dims(self.shape()),
                    self.size()
                ),
            ))
        }
    }

    /// Writes C-ordered values into this handle's elements (callers checked writability
    /// and that `values` yields `size()` items of this dtype).
    pub(super) fn write_all<T: Element>(&self, values: impl IntoIterator<Item = T>) {
        debug_assert_eq!(T::DTYPE, self.dtype);
        if self.is_contiguous() {
            // One run from the first element: a slice loop, no odometer per element.
            // SAFETY: a C-contiguous layout covers storage indices offset..offset+size(),
            // which `attach` checked lie inside the (16-aligned) storage; T is the dtype;
            // no other reference into the storage is alive while this one is (callers pass
            // values that do not borrow it), and MaybeUninit<T> is valid for any bytes.
            let run = unsafe {
                std::slice::from_raw_parts_mut(
                    self.storage_ptr(self.offset())
                        .cast::<std::mem::MaybeUninit<T>>(),
                    self.size(),
                )
            };
            for (slot, value) in run.iter_mut().zip(values) {
                slot.write(value);
            }
            return;
        }
        for (element, value) in self.layout.offsets().zip(values) {
            // SAFETY: as in `load`: in-bounds, aligned, T is the dtype, no live references.
            unsafe { value.store(self.storage_ptr(element)) }
        }
    }

    /// The elements in C order, converted to `T`. Always a copy, so it may be taken from a
    /// tensor that overlaps the one about to be written.
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        with_element_type!(self.dtype, S => try_collect(
            self.size(),
            self.layout.offsets().map(|e| T::from_scalar(self.load::<S>(e).to_scalar())),
        ))
    }

    /// The elements in C order as scalars.
    pub fn to_scalars(&self) -> Result<Vec<Scalar>> {
        with_element_type!(self.dtype, S => try_collect(
            self.size(),
            self.layout.offsets().map(|e| self.load::<S>(e).to_scalar()),
        ))
    }

    /// The elements' bytes in C order (bool as 0/1).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let itemsize = self.dtype.itemsize();
        let nbytes = usize::try_from(self.nbytes())
            .ok()
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| {
                crate::core::memory::out_of_memory("toBytes", || {
                    format!("{} bytes do not fit in memory", self.nbytes())
                })
            })?;
        let mut bytes = try_collect(nbytes, std::iter::empty())?;
        if self.is_contiguous() && self.dtype != DType::Bool {
            // SAFETY: a C-contiguous layout spans nbytes bytes from its first element, inside
            // the storage (checked by `attach`); the slice lives only for this copy and no
            // `&mut` to the storage exists during it.
            let src =
                unsafe { std::slice::from_raw_parts(self.storage_ptr(self.offset()), nbytes) };
            bytes.extend_from_slice(src);
            return Ok(bytes);
        }
        for e in self.layout.offsets() {
            if self.dtype == DType::Bool {
                bytes.push(u8::from(self.load::<bool>(e)));
            } else {
                // SAFETY: in-bounds element (see `load`); the slice lives only for this copy
                // and no `&mut` to the storage exists during it.
                let src = unsafe { std::slice::from_raw_parts(self.storage_ptr(e), itemsize) };
                bytes.extend_from_slice(src);
            }
        }
        Ok(bytes)
    }

    pub(super) fn element_index(&self, op: &str, index: &[i64]) -> Result<usize> {
        if index.len() > self.ndim() {
            return Err(Error::new(
                ErrorKind::IndexOutOfBounds,
                op,
                format!(
                    "too many indices: tensor is {}-dimensional, but {} were given",
                    self.ndim(),
                    index.len()
                ),
            ));
        }
        if index.len() < self.ndim() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                op,
                format!(
                    "expected {} indices for shape {}, got {}",
                    self.ndim(),
                    fmt_dims(self.shape()),
                    index.len()
                ),
            ));
        }
        let mut element = self.offset() as isize;
        for (axis, (&i, (&dim, &stride))) in index
            .iter()
            .zip(self.shape().iter().zip(self.strides()))
            .enumerate()
        {
            let n = dim as i64;
            if i < -n || i >= n {
                return Err(Error::new(
                    ErrorKind::IndexOutOfBounds,
                    op,
                    format!("index {i} is out of bounds for axis {axis} with size {dim}"),
                ));
            }
            let i = if i < 0 { i + n } else { i };
            element += i as isize * stride;
        }
        Ok(element as usize)
    }

    /// The element at `index` (negative indices count from the end).
    pub fn get(&self, index: &[i64]) -> Result<Scalar> {
        let e = self.element_index("get", index)?;
        Ok(with_element_type!(self.dtype, T => self.load::<T>(e).to_scalar()))
    }

    /// Writes `value` (converted to the dtype) at `index`.
    pub fn set(&self, value: Scalar, index: &[i64]) -> Result<()> {
        self.check_writable("set")?;
        let e = self.element_index("set", index)?;
        with_element_type!(self.dtype, T => {
            // SAFETY: `e` was bounds-checked against this layout, which fits the storage.
            unsafe { T::from_scalar(value).store(self.storage_ptr(e)) }
        });
        Ok(())
    }

    /// The only element of a size-1 tensor.
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "item",
                format!(
                    "only a tensor of one element converts to a scalar; shape {} has {}",
                    fmt_dims(self.shape()),
                    self.size()
                ),
            ));
        }
        let e = self.offset();
        Ok(with_element_type!(self.dtype, T => self.load::<T>(e).to_scalar()))
    }

    /// Writes `value` into every element of this tensor or view.
    pub fn fill(&self, value: Scalar) -> Result<()> {
        self.check_writable("fill")?;
        with_element_type!(self.dtype, T => {
            let v = T::from_scalar(value);
            self.write_all(std::iter::repeat_n(v, self.size()));
        });
        Ok(())
    }

    /// Writes `other` (broadcast to this shape, converted to this dtype) into this tensor.
    /// Overlapping source and destination give NumPy's result: the source is read first.
    pub fn assign(&self, other: &Tensor) -> Result<()> {
        self.check_writable("assign")?;
        let source = other.broadcast_to(self.shape()).map_err(|_| {
            Error::new(
                ErrorKind::ShapeMismatch,
                "assign",
                format!(
                    "cannot broadcast shape {} into {}",
                    fmt_dims(other.shape()),
                    fmt_dims(self.shape())
                ),
            )
        })?;
        if self.shares_memory(&source) {
            // Source and destination may overlap: read the whole source first.
            with_element_type!(self.dtype, T => self.write_all(source.to_vec::<T>()?));
            return Ok(());
        }
        with_element_type!(self.dtype, T => self.write_blocks::<T>(&source))
    }

    /// The raw window onto this tensor's elements: `(pointer, element count)`.
    /// Only C-contiguous, writable tensors have one; it is valid until the storage is freed
    /// and, for JS, until wasm memory grows.
    pub fn data_window(&self) -> Result<(*mut u8, usize)> {
        if !self.is_contiguous() {
            return Err(Error::new(ErrorKind::InvalidArgument, "data", format!(
                "tensor with shape {} and strides {} is not C-contiguous; call contiguous() first or use toTypedArray()",
                fmt_dims(self.shape()),
                fmt_dims(self.strides())
            )));
        }
        self.check_writable("data")?;
        if self.size() == 0 {
            return Ok((self.storage.base_ptr(), 0));
        }
        Ok((self.storage_ptr(self.offset()), self.size()))
    }

    /// The address of the first element of a C-contiguous tensor (any writability), for a
    /// copy out that runs before anything else can touch the storage; None otherwise.
    pub fn contiguous_address(&self) -> Option<*const u8> {
        match (self.is_contiguous(), self.size()) {
            (false, _) => None,
            (true, 0) => Some(self.storage.base_ptr()),
            (true, _) => Some(self.storage_ptr(self.offset())),
        }
    }

    /// Keeps this tensor's storage bytes allocated, and unused by any other storage, until
    /// the pin drops (see [`BytesPin`]): taken for every window onto them.
    pub fn pin_bytes(&self) -> BytesPin {
        self.storage.pin_bytes()
    }
}
