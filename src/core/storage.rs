//! The reference-counted, 16-byte-aligned element buffer: the only place that owns raw
//! memory. A [`Storage`] is always held in an `Arc`; the last `Arc` to drop frees it, once,
//! through the base pointer it was allocated with (never through a view's offset).

use super::error::{Error, Result};
use super::memory;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ptr::NonNull;

/// The allocation unit: 16 bytes, 16-aligned, so every buffer suits SIMD128 loads and any
/// element type's alignment.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
struct Block([u8; 16]);

/// A zero-initialised byte buffer whose elements may be read and written through any
/// handle that shares it.
///
/// Access goes through raw pointers from [`Storage::base_ptr`]: the buffer is never
/// borrowed as `&`/`&mut` beyond one call, which keeps aliasing between views sound.
///
/// ```
/// use extensor::core::Storage;
/// let s = Storage::try_zeroed(10).unwrap();
/// assert_eq!(s.nbytes(), 10);
/// assert_eq!(s.base_ptr() as usize % 16, 0);
/// ```
pub struct Storage {
    base: NonNull<MaybeUninit<Block>>,
    blocks: usize,
    capacity: usize,
    nbytes: usize,
}

// SAFETY: Storage owns its allocation like a Vec<Block> does; sending it to another
// thread moves that ownership. Handles that write through it are `!Send` (see Tensor).
unsafe impl Send for Storage {}
// SAFETY: &Storage only hands out the base pointer and sizes; all element access is
// through `Tensor`, which is `!Sync`, so no two threads can touch the bytes at once.
unsafe impl Sync for Storage {}

impl Storage {
    /// Allocates `nbytes` zeroed bytes; `OUT_OF_MEMORY` when the allocator refuses.
    pub fn try_zeroed(nbytes: usize) -> Result<Storage> {
        Storage::try_alloc(nbytes, true)
    }

    /// Allocates `nbytes` bytes without initialising them.
    ///
    /// # Safety
    /// Every byte of the first `nbytes` must be written before any is read (as a Rust
    /// value or through a JS window): reading uninitialised memory is undefined behaviour.
    pub(crate) unsafe fn try_uninit(nbytes: usize) -> Result<Storage> {
        Storage::try_alloc(nbytes, false)
    }

    fn try_alloc(nbytes: usize, zeroed: bool) -> Result<Storage> {
        let blocks = nbytes.div_ceil(16);
        let mut buffer: Vec<MaybeUninit<Block>> = Vec::new();
        buffer
            .try_reserve_exact(blocks)
            .map_err(|_| Error::OutOfMemory(format!("alloc: cannot allocate {nbytes} bytes")))?;
        if zeroed {
            // No reallocation: the capacity is already there.
            buffer.resize(blocks, MaybeUninit::new(Block([0; 16])));
        } else {
            // SAFETY: the capacity holds `blocks` elements (reserved above) and
            // MaybeUninit<Block> needs no initialisation.
            unsafe { buffer.set_len(blocks) };
        }
        let mut buffer = ManuallyDrop::new(buffer);
        let capacity = buffer.capacity();
        let base = NonNull::new(buffer.as_mut_ptr()).unwrap_or(NonNull::dangling());
        memory::storage_allocated(nbytes);
        Ok(Storage {
            base,
            blocks,
            capacity,
            nbytes,
        })
    }

    /// The size in bytes that was asked for.
    pub fn nbytes(&self) -> usize {
        self.nbytes
    }

    /// The first byte. Valid for reads and writes of `nbytes()` bytes while `self` lives.
    pub fn base_ptr(&self) -> *mut u8 {
        self.base.as_ptr().cast::<u8>()
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        // SAFETY: base/blocks/capacity are exactly the parts of the Vec built in
        // `try_zeroed` and never changed; Drop runs once, so the Vec is rebuilt once and
        // the allocation is freed from its own base pointer exactly once.
        unsafe {
            drop(Vec::from_raw_parts(
                self.base.as_ptr(),
                self.blocks,
                self.capacity,
            ));
        }
        memory::storage_released(self.nbytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_is_zeroed_and_aligned() {
        let s = Storage::try_zeroed(33).unwrap();
        assert_eq!(s.base_ptr() as usize % 16, 0);
        for i in 0..33 {
            // SAFETY: i < nbytes.
            assert_eq!(unsafe { s.base_ptr().add(i).read() }, 0);
        }
    }

    #[test]
    fn zero_byte_storage_is_fine() {
        let s = Storage::try_zeroed(0).unwrap();
        assert_eq!(s.nbytes(), 0);
    }

    #[test]
    #[cfg_attr(miri, ignore)] // Miri aborts on huge allocations instead of failing them.
    fn impossible_allocation_is_out_of_memory_not_abort() {
        let err = Storage::try_zeroed(usize::MAX - 64).err().unwrap();
        assert_eq!(err.code(), "OUT_OF_MEMORY");
    }
}
