//! Process-wide counters of live handles and storages: the evidence behind `ex.memory()`.
//!
//! Updated only by [`Storage`](super::Storage) allocation/release, by the freeing of its
//! bytes, and by
//! [`Tensor`](super::Tensor) creation/drop, so they cannot disagree with what exists.

use super::error::{Error, ErrorKind};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;

static LIVE_HANDLES: AtomicUsize = AtomicUsize::new(0);
static LIVE_STORAGES: AtomicUsize = AtomicUsize::new(0);
static STORAGE_BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK_STORAGE_BYTES: AtomicUsize = AtomicUsize::new(0);
static QUARANTINED_BYTES: AtomicUsize = AtomicUsize::new(0);

/// A snapshot of the counters.
///
/// ```
/// use extensor::core::{memory_stats, DType, Tensor};
/// let t = Tensor::zeros(&[4], DType::Float64).unwrap();
/// let now = memory_stats();
/// assert!(now.live_handles >= 1 && now.peak_storage_bytes >= 32);
/// drop(t);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MemoryStats {
    /// Tensor handles alive (each `share()` and each view is one).
    pub live_handles: usize,
    /// Storage buffers alive.
    pub live_storages: usize,
    /// Bytes held by live storage buffers.
    pub storage_bytes: usize,
    /// The most `storage_bytes` has ever been.
    pub peak_storage_bytes: usize,
    /// Bytes of released storages still allocated because a
    /// [`BytesPin`](super::storage::BytesPin) (a JS typed-array window) may reach them.
    pub quarantined_bytes: usize,
}

/// Reads the counters.
pub fn memory_stats() -> MemoryStats {
    MemoryStats {
        live_handles: LIVE_HANDLES.load(Ordering::Relaxed),
        live_storages: LIVE_STORAGES.load(Ordering::Relaxed),
        storage_bytes: STORAGE_BYTES.load(Ordering::Relaxed),
        peak_storage_bytes: PEAK_STORAGE_BYTES.load(Ordering::Relaxed),
        quarantined_bytes: QUARANTINED_BYTES.load(Ordering::Relaxed),
    }
}

pub(crate) fn handle_created() {
    LIVE_HANDLES.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn handle_dropped() {
    LIVE_HANDLES.fetch_sub(1, Ordering::Relaxed);
}

pub(crate) fn storage_allocated(bytes: usize) {
    LIVE_STORAGES.fetch_add(1, Ordering::Relaxed);
    let now = STORAGE_BYTES.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK_STORAGE_BYTES.fetch_max(now, Ordering::Relaxed);
}

/// The storage's last handle dropped: its bytes stay allocated until the allocation is freed.
pub(crate) fn storage_released(bytes: usize) {
    LIVE_STORAGES.fetch_sub(1, Ordering::Relaxed);
    STORAGE_BYTES.fetch_sub(bytes, Ordering::Relaxed);
    QUARANTINED_BYTES.fetch_add(bytes, Ordering::Relaxed);
}

/// A released storage's bytes went back to the allocator.
pub(crate) fn allocation_freed(bytes: usize) {
    QUARANTINED_BYTES.fetch_sub(bytes, Ordering::Relaxed);
}

/// Bytes held back so that, once an allocation fails, everything after it can still
/// allocate what it must (the error message, the binding's bookkeeping, the JS glue's
/// copies of the next call's arguments): in wasm an allocation that cannot fail gracefully
/// aborts the whole instance. On a failure the reserve goes back to the allocator, and new
/// storage is refused for as long as the reserve cannot be taken back, so a program that
/// keeps allocating after `OUT_OF_MEMORY` gets `OUT_OF_MEMORY` each time instead of eating
/// the reserve and then trapping.
const RESERVE_BYTES: usize = 1 << 20;
static RESERVE: Mutex<Option<Vec<u8>>> = Mutex::new(None);
static RESERVE_STATE: AtomicU8 = AtomicU8::new(RESERVE_NEVER_TAKEN);
const RESERVE_NEVER_TAKEN: u8 = 0;
const RESERVE_HELD: u8 = 1;
const RESERVE_SPENT: u8 = 2;

fn reserve_slot() -> std::sync::MutexGuard<'static, Option<Vec<u8>>> {
    crate::core::parallel::lock_spinning(&RESERVE)
}

/// Takes the reserve if it is not held. Never fails: without room it stays as it was.
pub(crate) fn hold_reserve() {
    if RESERVE_STATE.load(Ordering::Relaxed) == RESERVE_HELD {
        return;
    }
    let mut reserve = reserve_slot();
    if reserve.is_none() {
        let mut bytes = Vec::new();
        if bytes.try_reserve_exact(RESERVE_BYTES).is_ok() {
            *reserve = Some(bytes);
            RESERVE_STATE.store(RESERVE_HELD, Ordering::Relaxed);
        }
    }
}

/// Whether new storage may be allocated: false after a failure until the reserve could
/// be taken again.
pub(crate) fn may_allocate() -> bool {
    if RESERVE_STATE.load(Ordering::Relaxed) == RESERVE_SPENT {
        hold_reserve();
    }
    RESERVE_STATE.load(Ordering::Relaxed) != RESERVE_SPENT
}

/// After storage was allocated: the first one takes the reserve.
pub(crate) fn after_allocation() {
    if RESERVE_STATE.load(Ordering::Relaxed) == RESERVE_NEVER_TAKEN {
        hold_reserve();
    }
}

/// After a storage's bytes went back to the allocator: a spent reserve is taken again if
/// there is room now.
pub(crate) fn after_release() {
    if RESERVE_STATE.load(Ordering::Relaxed) == RESERVE_SPENT {
        hold_reserve();
    }
}

/// Whether `nbytes` more can be allocated now, checked with an allocation that may fail and
/// is given straight back: what the JS glue is about to copy an argument of that size into
/// wasm memory with, since its allocator cannot report a failure.
pub fn room_for(op: &'static str, nbytes: usize) -> Result<(), Error> {
    if !may_allocate() {
        return Err(out_of_memory(op, || {
            format!("cannot take {nbytes} bytes of arguments")
        }));
    }
    let mut probe: Vec<u8> = Vec::new();
    probe
        .try_reserve_exact(nbytes)
        .map_err(|_| out_of_memory(op, || format!("cannot take {nbytes} bytes of arguments")))
}

/// The `OUT_OF_MEMORY` error for a failed allocation: the reserve is given back to the
/// allocator first, so building the message and everything after it can allocate.
pub(crate) fn out_of_memory(op: &'static str, message: impl FnOnce() -> String) -> Error {
    RESERVE_STATE.store(RESERVE_SPENT, Ordering::Relaxed);
    let released = reserve_slot().take();
    drop(released);
    Error::new(ErrorKind::OutOfMemory, op, message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_spends_the_reserve_and_the_next_allocation_takes_it_again() {
        hold_reserve();
        assert_eq!(RESERVE_STATE.load(Ordering::Relaxed), RESERVE_HELD);
        let e = out_of_memory("alloc", || "test".into());
        assert_eq!(e.code(), "OUT_OF_MEMORY");
        // Natively there is room again at once, so allocation may go on.
        assert!(may_allocate());
        assert_eq!(RESERVE_STATE.load(Ordering::Relaxed), RESERVE_HELD);
    }
}
