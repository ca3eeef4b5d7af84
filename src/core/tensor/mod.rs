//! `Tensor`: one handle = a shared `Arc<Storage>` plus this handle's own `Layout`.
//!
//! Why `Arc` and raw-pointer access rather than `Arc<RefCell<..>>` or `Arc<Mutex<..>>`:
//! NumPy semantics let every handle on a storage write to it, and JS may write through a
//! typed-array window at any time between calls. A `RefCell` borrow cannot span that, and a
//! lock buys nothing on one thread. So the storage is never borrowed as a Rust reference
//! beyond a single element read or write; the handle is `!Send + !Sync`, which confines
//! all access to one thread; and every layout attached to a storage is checked to lie
//! inside it ([`Layout::fits_in`]) before any element is touched.

//!
//! The methods are split by theme, as ndarray's `impl_*.rs`: `creation.rs`, `views.rs`,
//! `access.rs` (elements, copies out, windows), `kernel_io.rs` (what the ops feed kernels).

mod access;
mod creation;
mod kernel_io;
mod views;

use super::dtype::DType;
use super::error::{Error, Result};
use super::layout::Layout;
use super::memory;
use super::storage::Storage;
use std::marker::PhantomData;
use std::sync::Arc;

/// A handle on a reference-counted tensor storage.
///
/// Cloning a handle (`share`) increments the count; dropping it decrements; the storage is
/// freed with the last handle. Views share the storage and so keep it alive.
///
/// ```
/// use extensor::core::{DType, Tensor, Scalar};
/// let view = {
///     let parent = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap();
///     parent.reshape(&[2, 3]).unwrap()
///     // parent dropped here; the view keeps the storage alive
/// };
/// assert_eq!(view.ref_count(), 1);
/// assert_eq!(view.get(&[1, 2]).unwrap(), Scalar::Int(5));
/// ```
pub struct Tensor {
    storage: Arc<Storage>,
    layout: Layout,
    dtype: DType,
    is_view: bool,
    writable: bool,
    /// Writes through shared handles are unsynchronised: keep every handle on one thread.
    _single_thread: PhantomData<*const ()>,
}

impl Clone for Tensor {
    /// `share()`: another handle on the same storage and layout.
    fn clone(&self) -> Self {
        memory::handle_created();
        Tensor {
            storage: Arc::clone(&self.storage),
            layout: self.layout.clone(),
            dtype: self.dtype,
            is_view: self.is_view,
            writable: self.writable,
            _single_thread: PhantomData,
        }
    }
}

impl Drop for Tensor {
    fn drop(&mut self) {
        memory::handle_dropped();
    }
}

impl std::fmt::Debug for Tensor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tensor")
            .field("dtype", &self.dtype)
            .field("layout", &self.layout)
            .field("ref_count", &self.ref_count())
            .finish()
    }
}

/// Construction: every handle is attached to its storage here, its layout checked.
impl Tensor {
    pub(super) fn attach(
        storage: Arc<Storage>,
        layout: Layout,
        dtype: DType,
        is_view: bool,
        writable: bool,
    ) -> Result<Tensor> {
        let len = storage.nbytes() / dtype.itemsize();
        if !layout.fits_in(len) {
            // Unreachable by construction; checked so a layout bug is an error, not UB.
            return Err(Error::internal(
                "attach",
                &format!("layout {layout:?} does not fit a storage of {len} elements"),
            ));
        }
        memory::handle_created();
        Ok(Tensor {
            storage,
            layout,
            dtype,
            is_view,
            writable,
            _single_thread: PhantomData,
        })
    }

    /// A view of this tensor's storage with another layout.
    pub(super) fn view(&self, layout: Layout, writable: bool) -> Result<Tensor> {
        Tensor::attach(
            Arc::clone(&self.storage),
            layout,
            self.dtype,
            true,
            writable,
        )
    }

    pub(super) fn storage_bytes(layout: &Layout, dtype: DType) -> Result<usize> {
        layout
            .size()
            .checked_mul(dtype.itemsize())
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| {
                crate::core::memory::out_of_memory("alloc", || {
                    format!("{} elements of {dtype} do not fit in memory", layout.size())
                })
            })
    }
}

/// Collects `len` items into a vector whose allocation failure is `OUT_OF_MEMORY`, not an abort.
pub(super) fn try_collect<T>(len: usize, items: impl Iterator<Item = T>) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        crate::core::memory::out_of_memory("alloc", || {
            format!(
                "cannot allocate {len} temporary elements of {} bytes",
                std::mem::size_of::<T>()
            )
        })
    })?;
    v.extend(items);
    Ok(v)
}

/// Metadata.
impl Tensor {
    /// Extent per axis.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    /// Step per axis, in elements (negative for reversed axes, 0 for broadcast).
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
    /// Storage index of the first element.
    pub fn offset(&self) -> usize {
        self.layout.offset()
    }
    /// Shape, strides and offset together.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// Element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }
    /// Bytes of this tensor's elements (not of its whole storage). A u64: a broadcast view
    /// may describe more bytes than wasm32's usize can count.
    pub fn nbytes(&self) -> u64 {
        self.size() as u64 * self.dtype.itemsize() as u64
    }
    /// C-contiguous as NumPy defines it.
    pub fn is_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
    /// Came from a view operation on another tensor's storage (NumPy's `base is not None`).
    pub fn is_view(&self) -> bool {
        self.is_view
    }
    /// False for broadcast views (and views of them).
    pub fn is_writable(&self) -> bool {
        self.writable
    }
    /// Live handles on this storage.
    pub fn ref_count(&self) -> usize {
        Arc::strong_count(&self.storage)
    }
    /// Whether both handles reach the same storage.
    pub fn shares_memory(&self, other: &Tensor) -> bool {
        Arc::ptr_eq(&self.storage, &other.storage)
    }
    /// A weak observer of the storage, for tests that prove when it is freed.
    pub fn storage_observer(&self) -> std::sync::Weak<Storage> {
        Arc::downgrade(&self.storage)
    }
}
