//! What the kernel-facing ops need: fresh outputs and input blocks.

use super::Tensor;
use crate::core::dtype::{DType, Element};
use crate::core::error::Result;
use crate::core::kernels::Operand;
use crate::core::layout::Layout;
use crate::core::storage::Storage;
use crate::core::strided::Access;
use crate::with_element_type;
use std::mem::MaybeUninit;
use std::sync::Arc;

/// What the kernel-facing ops need: fresh outputs and input blocks.
impl Tensor {
    /// Creates a zeroed C-contiguous tensor of `T` and lets `fill` write all of it.
    pub(crate) fn fresh_output<T: Element>(
        shape: &[usize],
        fill: impl FnOnce(&mut [T]) -> Result<()>,
    ) -> Result<Tensor> {
        let out = Tensor::zeros(shape, T::DTYPE)?;
        // SAFETY: `out` was allocated just above: its storage is reachable only through
        // `out`, which does not escape before `fill` returns, so this is the only reference
        // to those bytes. It is C-contiguous at offset 0 with `size()` zeroed elements of
        // T (T::DTYPE is its dtype), and zero bytes are a valid value of every element type.
        let slice = unsafe {
            std::slice::from_raw_parts_mut(out.storage.base_ptr().cast::<T>(), out.size())
        };
        fill(slice)?;
        Ok(out)
    }

    /// Creates an uninitialised C-contiguous tensor of `T` that `fill` must write entirely
    /// (every element of the slice it is given) before returning `Ok`. On `Err` the tensor
    /// is dropped unread.
    pub(crate) fn fresh_output_uninit<T: Element>(
        shape: &[usize],
        fill: impl FnOnce(&mut [MaybeUninit<T>]) -> Result<()>,
    ) -> Result<Tensor> {
        let layout = Layout::c_contiguous(shape)?;
        let nbytes = Tensor::storage_bytes(&layout, T::DTYPE)?;
        // SAFETY: the storage is handed to `fill` as MaybeUninit (never read as T), and the
        // tensor is returned only after `fill` reported Ok, whose contract is that it wrote
        // every element; on Err it is dropped without being read.
        let storage = Arc::new(unsafe { Storage::try_uninit(nbytes)? });
        let out = Tensor::attach(storage, layout, T::DTYPE, false, true)?;
        // SAFETY: `out` was created just above and has not escaped: this is the only
        // reference to its bytes. It is C-contiguous at offset 0 with size() elements of
        // T's size and alignment (16-aligned storage).
        let slice = unsafe {
            std::slice::from_raw_parts_mut(
                out.storage.base_ptr().cast::<MaybeUninit<T>>(),
                out.size(),
            )
        };
        fill(slice)?;
        Ok(out)
    }

    /// The `len` elements of a block as compute type `C`: borrowed straight from storage
    /// when the block is contiguous and already of type `C`, one repeated value for a
    /// broadcast block, else converted into `scratch`.
    pub(crate) fn block_operand<'s, C: Element>(
        &'s self,
        access: Access,
        len: usize,
        scratch: &'s mut Vec<C>,
    ) -> Result<Operand<'s, C>> {
        if let Access::Unit(start) = access {
            if let Some(slice) = self.borrow_elements::<C>(start, len) {
                return Ok(Operand::Slice(slice));
            }
        }
        match access {
            Access::Repeat(start) => Ok(Operand::Scalar(self.load_converted::<C>(start))),
            _ => {
                scratch.clear();
                scratch.try_reserve(len).map_err(|_| {
                    crate::core::memory::out_of_memory("alloc", || {
                        format!("cannot allocate a block of {len} elements")
                    })
                })?;
                if self.dtype == C::DTYPE {
                    // Same type: a plain strided gather, no conversion.
                    scratch.extend((0..len).map(|i| self.load::<C>(access.element(i))));
                } else {
                    with_element_type!(self.dtype, S => {
                        for i in 0..len {
                            let e = access.element(i);
                            scratch.push(C::from_scalar(self.load::<S>(e).to_scalar()));
                        }
                    });
                }
                Ok(Operand::Slice(scratch))
            }
        }
    }

    /// Elements `start..start+len` of the storage as `&[C]`, when `C` is the storage's own
    /// element type (and not bool, whose bytes may be anything JS wrote) and the range
    /// lies inside this handle's layout span.
    pub(crate) fn borrow_elements<C: Element>(&self, start: usize, len: usize) -> Option<&[C]> {
        if self.dtype != C::DTYPE || C::DTYPE == DType::Bool {
            return None;
        }
        let storage_len = self.storage.nbytes() / self.dtype.itemsize();
        if start.checked_add(len)? > storage_len {
            return None;
        }
        // SAFETY: [start, start+len) lies inside the storage (checked just above); C is its
        // element type, so the slice is aligned and every bit pattern is a valid C. Kernels
        // only read it; the output they write is a different, freshly allocated storage, and
        // no `&mut` to this storage exists for the duration of the call (all writes go
        // through raw pointers within single methods).
        Some(unsafe { std::slice::from_raw_parts(self.storage_ptr(start).cast::<C>(), len) })
    }

    /// One element, converted to `C`.
    pub(crate) fn load_converted<C: Element>(&self, element: usize) -> C {
        with_element_type!(self.dtype, S => C::from_scalar(self.load::<S>(element).to_scalar()))
    }
}
