//! Process-wide counters of live handles and storages: the evidence behind `ex.memory()`.
//!
//! Updated only by [`Storage`](super::Storage) allocation/release, by the freeing of its
//! bytes, and by
//! [`Tensor`](super::Tensor) creation/drop, so they cannot disagree with what exists.

use std::sync::atomic::{AtomicUsize, Ordering};

static LIVE_HANDLES: AtomicUsize = AtomicUsize::new(0);
static LIVE_STORAGES: AtomicUsize = AtomicUsize::new(0);
static STORAGE_BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK_STORAGE_BYTES: AtomicUsize = AtomicUsize::new(0);
static QUARANTINED_BYTES: AtomicUsize = AtomicUsize::new(0);

/// A snapshot of the counters.
///
/// ```
/// use extensor::core::{memory_stats, DType, Tensor};
/// let before = memory_stats();
/// let t = Tensor::zeros(&[4], DType::Float64).unwrap();
/// assert!(memory_stats().peak_storage_bytes >= 32);
/// drop(t);
/// # let _ = before;
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
