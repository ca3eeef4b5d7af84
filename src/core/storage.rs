//! The reference-counted, 16-byte-aligned element buffer: the only place that owns raw
//! memory. A [`Storage`] is always held in an `Arc`; the last `Arc` to drop releases it,
//! once. Its bytes live in an [`Allocation`] that is freed through the base pointer it was
//! allocated with (never through a view's offset) when the storage is released, unless a
//! [`BytesPin`] still holds them: then they stay allocated, and are given to no other
//! storage, until the last pin drops. The JS binding pins the bytes behind every
//! typed-array window it hands out, so a window kept past `free()` can never see or write
//! another tensor's elements.

use super::error::Result;
use super::memory;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ptr::NonNull;
use std::sync::Arc;

/// The allocation unit: 16 bytes, 16-aligned, so every buffer suits SIMD128 loads and any
/// element type's alignment.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
struct Block([u8; 16]);

/// The raw bytes of one storage: the parts of the `Vec<Block>` they were allocated as.
struct Allocation {
    base: NonNull<MaybeUninit<Block>>,
    blocks: usize,
    capacity: usize,
    nbytes: usize,
}

// SAFETY: Allocation owns its bytes like a Vec<Block> does; sending it to another thread
// moves that ownership.
unsafe impl Send for Allocation {}
// SAFETY: &Allocation hands out nothing but its sizes and base pointer; element access is
// through `Tensor`, which is `!Sync`.
unsafe impl Sync for Allocation {}

impl Drop for Allocation {
    fn drop(&mut self) {
        // SAFETY: base/blocks/capacity are exactly the parts of the Vec built in
        // `Storage::try_alloc` and never changed; Drop runs once, so the Vec is rebuilt
        // once and the allocation is freed from its own base pointer exactly once.
        unsafe {
            drop(Vec::from_raw_parts(
                self.base.as_ptr(),
                self.blocks,
                self.capacity,
            ));
        }
        memory::allocation_freed(self.nbytes);
        // The bytes are back with the allocator: a spent reserve may be retaken now.
        memory::after_release();
    }
}

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
    allocation: Arc<Allocation>,
}

/// Keeps a released storage's bytes allocated (and unused) while it lives: the Rust side of
/// a typed-array window that JavaScript may still hold after the storage was freed.
///
/// ```
/// use extensor::core::{memory_stats, Storage};
/// let before = memory_stats().quarantined_bytes;
/// let storage = Storage::try_zeroed(64).unwrap();
/// let pin = storage.pin_bytes();
/// drop(storage); // released: no longer a live storage, but its 64 bytes stay allocated
/// assert_eq!(memory_stats().quarantined_bytes, before + 64);
/// drop(pin); // now they are freed
/// assert_eq!(memory_stats().quarantined_bytes, before);
/// ```
pub struct BytesPin {
    _allocation: Arc<Allocation>,
}

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
        let alloc_error =
            || memory::out_of_memory("alloc", || format!("cannot allocate {nbytes} bytes"));
        if !memory::may_allocate() {
            return Err(alloc_error());
        }
        let blocks = nbytes.div_ceil(16);
        let mut buffer: Vec<MaybeUninit<Block>> = Vec::new();
        buffer
            .try_reserve_exact(blocks)
            .map_err(|_| alloc_error())?;
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
        let allocation = Allocation {
            base,
            blocks,
            capacity,
            nbytes,
        };
        memory::storage_allocated(nbytes);
        memory::after_allocation();
        Ok(Storage {
            allocation: Arc::new(allocation),
        })
    }

    /// The size in bytes that was asked for.
    pub fn nbytes(&self) -> usize {
        self.allocation.nbytes
    }

    /// The first byte. Valid for reads and writes of `nbytes()` bytes while `self` lives.
    pub fn base_ptr(&self) -> *mut u8 {
        self.allocation.base.as_ptr().cast::<u8>()
    }

    /// Keeps these bytes allocated, and given to no other storage, until the pin drops,
    /// even after this storage is released.
    pub fn pin_bytes(&self) -> BytesPin {
        BytesPin {
            _allocation: Arc::clone(&self.allocation),
        }
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        // The allocation itself is freed when its last Arc drops: right after this, unless
        // a BytesPin holds it. Until then the counters show its bytes as quarantined.
        memory::storage_released(self.allocation.nbytes);
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
    fn pinned_bytes_outlive_the_storage_and_are_freed_with_the_last_pin() {
        let s = Storage::try_zeroed(32).unwrap();
        let ptr = s.base_ptr();
        let first = s.pin_bytes();
        let second = s.pin_bytes();
        drop(s);
        // SAFETY: the pins keep the 32 bytes allocated; nothing else can reach them.
        unsafe {
            ptr.write(7);
            assert_eq!(ptr.read(), 7);
        }
        drop(first);
        // SAFETY: `second` still holds the allocation.
        unsafe { ptr.add(31).write(1) };
        drop(second);
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
