//! What the kernel-facing ops need: fresh outputs and input blocks.

use super::Tensor;
use crate::core::dtype::{DType, Element, Scalar};
use crate::core::error::{Error, Result};
use crate::core::kernels::convert::convert_into;
use crate::core::kernels::Operand;
use crate::core::layout::Layout;
use crate::core::storage::Storage;
use crate::core::strided::{for_each_block, Access};
use crate::with_element_type;
use std::mem::MaybeUninit;
use std::sync::Arc;

/// Elements written per block piece, bounding the converted-source scratch.
const WRITE_CHUNK: usize = 8192;

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
        // SAFETY: the storage is handed to `fill` as MaybeUninit (never read as T), and the
        // tensor is returned only after `fill` reported Ok, whose contract is that it wrote
        // every element; on Err it is dropped without being read.
        let out = unsafe { Tensor::uninit(shape, T::DTYPE)? };
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

    /// A C-contiguous tensor whose storage is not initialised.
    ///
    /// # Safety
    /// The caller writes every element (through `assign` or `write_blocks` on views of it)
    /// before anything reads it or it is returned; on an error it drops the tensor unread.
    // Not inlined: every output of every kernel is made here, and its callers are generic
    // over element type and closure, so inlining would copy it into each of them.
    #[inline(never)]
    pub(crate) unsafe fn uninit(shape: &[usize], dtype: DType) -> Result<Tensor> {
        let layout = Layout::c_contiguous(shape)?;
        let nbytes = Tensor::storage_bytes(&layout, dtype)?;
        // SAFETY: the caller's contract above: every byte is written before it is read.
        let storage = Arc::new(unsafe { Storage::try_uninit(nbytes)? });
        Tensor::attach(storage, layout, dtype, false, true)
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
                        let convert = |x: S| C::from_scalar(x.to_scalar());
                        // A contiguous run converts as one slice loop (which LLVM
                        // vectorises); bool goes element by element, read as 0/1.
                        match (access, self.borrow_elements::<S>(access.element(0), len)) {
                            (Access::Unit(_), Some(run)) => {
                                let spare = &mut scratch.spare_capacity_mut()[..len];
                                if convert_into(run, spare) != len {
                                    return Err(crate::core::error::Error::internal("convert", "short run"));
                                }
                                // SAFETY: convert_into wrote all `len` elements of the spare
                                // capacity (checked just above), which `try_reserve` made room for.
                                unsafe { scratch.set_len(len) }
                            }
                            (Access::Unit(start), None) if self.dtype == DType::Bool => {
                                let bytes = self.bool_bytes(start, len)?;
                                scratch.extend(bytes.iter().map(|&b| C::from_scalar(Scalar::Bool(b != 0))))
                            }
                            _ => scratch.extend((0..len).map(|i| convert(self.load::<S>(access.element(i))))),
                        }
                    });
                }
                Ok(Operand::Slice(scratch))
            }
        }
    }

    /// The elements in C order as a `Vec<C>`, where `C` is already this tensor's dtype (or,
    /// for bool, u8 after `astype`): a copy out of a contiguous form, without the per-dtype
    /// conversion code `to_vec` carries (generic callers instantiate this once per type).
    pub(crate) fn values_in_own_type<C: Element>(&self) -> Result<Vec<C>> {
        let own = self.contiguous()?;
        own.borrow_elements::<C>(own.offset(), own.size())
            .map(<[C]>::to_vec)
            .ok_or_else(|| Error::internal("values", "not stored as the requested type"))
    }

    /// Every element of the storage as `C` (None unless `C` is the dtype): what a kernel
    /// running on other threads reads through the layouts of its piece, since a `Tensor`
    /// may not cross threads.
    #[cfg(feature = "threads")]
    pub(crate) fn borrow_storage<C: Element>(&self) -> Option<&[C]> {
        self.borrow_elements::<C>(0, self.storage.nbytes() / self.dtype.itemsize())
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

    /// Writes `source` (this shape, storage apart from this one's) converted to `T` (this
    /// tensor's element type), block by block: contiguous runs as one copy each.
    pub(crate) fn write_blocks<T: Element>(&self, source: &Tensor) -> Result<()> {
        debug_assert_eq!(T::DTYPE, self.dtype);
        let mut scratch: Vec<T> = Vec::new();
        for_each_block(
            self.shape(),
            &[self.layout(), source.layout()],
            |_, len, accesses| {
                let mut done = 0;
                while done < len {
                    let n = WRITE_CHUNK.min(len - done);
                    let target = accesses[0].advance(done);
                    let operand =
                        source.block_operand::<T>(accesses[1].advance(done), n, &mut scratch)?;
                    // SAFETY (both arms): `target` walks this handle's layout, whose elements
                    // `attach` checked lie inside the storage, n of them from `done`; T is the
                    // dtype (store writes T as is, so a run of T values is a byte copy); the
                    // source's storage is another allocation (callers check), so the ranges do
                    // not overlap and no reference into this storage is alive while it is written.
                    match (target, operand) {
                        (Access::Unit(_), Operand::Slice(values)) if values.len() != n => {
                            return Err(crate::core::error::Error::internal(
                                "assign",
                                "short block",
                            ));
                        }
                        // SAFETY: the comment above the match: n elements of T from `start`
                        // lie in this storage, and `values` (n long, checked by the arm
                        // above) lives in another allocation.
                        (Access::Unit(start), Operand::Slice(values)) => unsafe {
                            let to = self.storage_ptr(start).cast::<T>();
                            std::ptr::copy_nonoverlapping(values.as_ptr(), to, n);
                        },
                        _ => {
                            for i in 0..n {
                                // SAFETY: as for the arm above: element i of `target` lies
                                // inside this storage and is T, the dtype.
                                unsafe { operand.at(i).store(self.storage_ptr(target.element(i))) }
                            }
                        }
                    }
                    done += n;
                }
                Ok(())
            },
        )
    }

    /// The bytes of bool elements `start..start+len`, any value (JS may have written
    /// any through a window): read them as `b != 0`.
    fn bool_bytes(&self, start: usize, len: usize) -> Result<&[u8]> {
        let end = start
            .checked_add(len)
            .filter(|&e| e <= self.storage.nbytes());
        if self.dtype != DType::Bool || end.is_none() {
            return Err(crate::core::error::Error::internal(
                "convert",
                "bool run out of range",
            ));
        }
        // SAFETY: [start, start+len) lies inside the storage (checked just above; bool is
        // one byte), u8 is valid for any byte, and no `&mut` to the storage exists while
        // kernels read their inputs (writes go through raw pointers within single methods).
        Ok(unsafe { std::slice::from_raw_parts(self.storage_ptr(start), len) })
    }

    /// One element, converted to `C`.
    pub(crate) fn load_converted<C: Element>(&self, element: usize) -> C {
        with_element_type!(self.dtype, S => C::from_scalar(self.load::<S>(element).to_scalar()))
    }
}
