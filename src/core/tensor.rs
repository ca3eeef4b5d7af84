//! `Tensor`: one handle = a shared `Arc<Storage>` plus this handle's own `Layout`.
//!
//! Why `Arc` and raw-pointer access rather than `Arc<RefCell<..>>` or `Arc<Mutex<..>>`:
//! NumPy semantics let every handle on a storage write to it, and JS may write through a
//! typed-array window at any time between calls. A `RefCell` borrow cannot span that, and a
//! lock buys nothing on one thread. So the storage is never borrowed as a Rust reference
//! beyond a single element read or write; the handle is `!Send + !Sync`, which confines
//! all access to one thread; and every layout attached to a storage is checked to lie
//! inside it ([`Layout::fits_in`]) before any element is touched.

use super::dtype::{DType, Element, Scalar};
use super::error::{fmt_dims, Error, Result};
use super::index::IndexItem;
use super::kernels::Operand;
use super::layout::{checked_size, Layout};
use super::memory;
use super::storage::{BytesPin, Storage};
use super::strided::Access;
use crate::with_element_type;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
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

/// Creation.
impl Tensor {
    fn attach(
        storage: Arc<Storage>,
        layout: Layout,
        dtype: DType,
        is_view: bool,
        writable: bool,
    ) -> Result<Tensor> {
        let len = storage.nbytes() / dtype.itemsize();
        if !layout.fits_in(len) {
            // Unreachable by construction; checked so a layout bug is an error, not UB.
            return Err(Error::InvalidArgument(format!(
                "internal: layout {layout:?} does not fit a storage of {len} elements"
            )));
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
    fn view(&self, layout: Layout, writable: bool) -> Result<Tensor> {
        Tensor::attach(
            Arc::clone(&self.storage),
            layout,
            self.dtype,
            true,
            writable,
        )
    }

    fn storage_bytes(layout: &Layout, dtype: DType) -> Result<usize> {
        layout
            .size()
            .checked_mul(dtype.itemsize())
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| {
                Error::OutOfMemory(format!(
                    "alloc: {} elements of {dtype} do not fit in memory",
                    layout.size()
                ))
            })
    }

    /// A new zero-filled C-contiguous tensor.
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<Tensor> {
        let layout = Layout::c_contiguous(shape)?;
        let nbytes = Tensor::storage_bytes(&layout, dtype)?;
        let storage = Arc::new(Storage::try_zeroed(nbytes)?);
        Tensor::attach(storage, layout, dtype, false, true)
    }

    /// A new tensor with every element `value`.
    pub fn full(shape: &[usize], value: Scalar, dtype: DType) -> Result<Tensor> {
        let t = Tensor::zeros(shape, dtype)?;
        t.fill(value)?;
        Ok(t)
    }

    /// A new tensor from C-ordered elements.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[2, 2], &[1.5f32, 2.0, 3.0, 4.0]).unwrap();
    /// assert_eq!(t.to_vec::<f32>().unwrap(), vec![1.5, 2.0, 3.0, 4.0]);
    /// ```
    pub fn from_elements<T: Element>(shape: &[usize], values: &[T]) -> Result<Tensor> {
        let t = Tensor::zeros(shape, T::DTYPE)?;
        t.check_len("tensor", values.len())?;
        t.write_all(values.iter().copied());
        Ok(t)
    }

    /// A new tensor from C-ordered scalars converted to `dtype` (typed-array semantics).
    pub fn from_scalars(
        shape: &[usize],
        dtype: DType,
        values: impl ExactSizeIterator<Item = Scalar>,
    ) -> Result<Tensor> {
        let t = Tensor::zeros(shape, dtype)?;
        t.check_len("tensor", values.len())?;
        with_element_type!(dtype, T => t.write_all(values.map(T::from_scalar)));
        Ok(t)
    }

    /// A new tensor from the raw little-endian bytes of its elements, in C order.
    pub fn from_bytes(shape: &[usize], dtype: DType, bytes: &[u8]) -> Result<Tensor> {
        let t = Tensor::zeros(shape, dtype)?;
        if bytes.len() as u64 != t.nbytes() {
            return Err(Error::ShapeMismatch(format!(
                "tensor: {} bytes given for shape {} of {dtype} ({} bytes)",
                bytes.len(),
                fmt_dims(shape),
                t.nbytes()
            )));
        }
        // SAFETY: the storage is fresh, owned only by `t`, and holds exactly
        // `bytes.len()` bytes; source and destination cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), t.storage.base_ptr(), bytes.len());
        }
        if dtype == DType::Bool {
            // Keep bool storage canonical (0/1) for everything that reads it as bytes.
            t.write_all(t.to_vec::<bool>()?);
        }
        Ok(t)
    }

    /// `start, start+step, …` below `stop` (NumPy `arange`).
    pub fn arange(start: f64, stop: f64, step: f64, dtype: DType) -> Result<Tensor> {
        if step == 0.0 || !step.is_finite() || !start.is_finite() || !stop.is_finite() {
            return Err(Error::InvalidArgument(format!(
                "arange: start {start}, stop {stop} and step {step} must be finite, step non-zero"
            )));
        }
        let count = ((stop - start) / step).ceil().max(0.0);
        let len = shape_len("arange", count)?;
        Tensor::from_scalars(
            &[len],
            dtype,
            (0..len).map(|i| Scalar::Float(start + i as f64 * step)),
        )
    }

    /// `num` evenly spaced values from `start` to `stop` inclusive (NumPy `linspace`).
    pub fn linspace(start: f64, stop: f64, num: usize, dtype: DType) -> Result<Tensor> {
        let step = if num > 1 {
            (stop - start) / (num - 1) as f64
        } else {
            0.0
        };
        Tensor::from_scalars(
            &[num],
            dtype,
            (0..num).map(|i| {
                Scalar::Float(if i + 1 == num && num > 1 {
                    stop
                } else {
                    start + i as f64 * step
                })
            }),
        )
    }

    /// An `n × m` matrix with ones on diagonal `k` (NumPy `eye`).
    pub fn eye(n: usize, m: usize, k: i64, dtype: DType) -> Result<Tensor> {
        let t = Tensor::zeros(&[n, m], dtype)?;
        let one = Scalar::Int(1);
        for row in 0..n {
            let col = row as i128 + k as i128;
            if col >= 0 && col < m as i128 {
                t.set(one, &[row as i64, col as i64])?;
            }
        }
        Ok(t)
    }

    /// Uniform values in `[0, 1)` from a seeded PCG generator (same values on every platform).
    /// Float dtypes only, as NumPy's `Generator.random`: a `[0, 1)` value cast to an integer
    /// would be 0.
    pub fn rand(shape: &[usize], seed: u64, dtype: DType) -> Result<Tensor> {
        use rand::{Rng, SeedableRng};
        require_float_dtype("rand", dtype)?;
        let size = checked_size("rand", shape)?;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        Tensor::from_scalars(
            shape,
            dtype,
            (0..size).map(|_| Scalar::Float(rng.random::<f64>())),
        )
    }

    /// Standard normal values from a seeded PCG generator.
    pub fn randn(shape: &[usize], seed: u64, dtype: DType) -> Result<Tensor> {
        use rand::{Rng, SeedableRng};
        require_float_dtype("randn", dtype)?;
        let size = checked_size("randn", shape)?;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        Tensor::from_scalars(
            shape,
            dtype,
            (0..size).map(|_| Scalar::Float(rng.sample::<f64, _>(rand_distr::StandardNormal))),
        )
    }
}

fn require_float_dtype(op: &str, dtype: DType) -> Result<()> {
    if dtype.is_float() {
        Ok(())
    } else {
        Err(Error::DType(format!(
            "{op}: dtype must be a float dtype, got {}",
            dtype.name()
        )))
    }
}

/// Collects `len` items into a vector whose allocation failure is `OUT_OF_MEMORY`, not an abort.
fn try_collect<T>(len: usize, items: impl Iterator<Item = T>) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Error::OutOfMemory(format!(
            "alloc: cannot allocate {len} temporary elements of {} bytes",
            std::mem::size_of::<T>()
        ))
    })?;
    v.extend(items);
    Ok(v)
}

fn shape_len(op: &str, value: f64) -> Result<usize> {
    if value > (isize::MAX as f64) {
        return Err(Error::InvalidShape(format!(
            "{op}: {value} elements are too many"
        )));
    }
    Ok(value as usize)
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

    /// Removes axes of length 1 (all, or the given ones).
    pub fn squeeze(&self, axes: Option<&[i64]>) -> Result<Tensor> {
        self.view(self.layout.squeeze(axes)?, self.writable)
    }

    /// Inserts an axis of length 1.
    pub fn unsqueeze(&self, axis: i64) -> Result<Tensor> {
        self.view(self.layout.unsqueeze(axis)?, self.writable)
    }

    /// A read-only view broadcast to `shape`.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Tensor> {
        self.view(self.layout.broadcast_to(shape)?, false)
    }

    /// `reshape([-1])`.
    pub fn flatten(&self) -> Result<Tensor> {
        self.reshape(&[-1])
    }

    /// This tensor itself (a new handle) when C-contiguous, else a C-ordered copy.
    pub fn contiguous(&self) -> Result<Tensor> {
        if self.is_contiguous() {
            Ok(self.share())
        } else {
            self.deep_copy()
        }
    }

    /// A C-ordered copy in new storage.
    pub fn deep_copy(&self) -> Result<Tensor> {
        self.astype(self.dtype)
    }

    /// A C-ordered copy converted to `dtype`.
    pub fn astype(&self, dtype: DType) -> Result<Tensor> {
        let out = Tensor::zeros(self.shape(), dtype)?;
        with_element_type!(dtype, T => out.write_all(self.to_vec::<T>()?));
        Ok(out)
    }
}

/// Element access.
impl Tensor {
    fn storage_ptr(&self, element: usize) -> *mut u8 {
        // Offsets come from a layout checked by `attach` to lie inside the storage.
        self.storage
            .base_ptr()
            .wrapping_add(element * self.dtype.itemsize())
    }

    /// Reads the element at storage index `element`.
    fn load<T: Element>(&self, element: usize) -> T {
        debug_assert_eq!(T::DTYPE, self.dtype);
        // SAFETY: `element` comes from this handle's layout, which `attach` checked lies
        // inside the storage; T is this tensor's element type (every caller dispatches
        // with `with_element_type!(self.dtype, …)`), so the pointer is aligned and the
        // bytes are valid for T. No reference to the storage is alive.
        unsafe { T::load(self.storage_ptr(element)) }
    }

    fn check_writable(&self, op: &str) -> Result<()> {
        if self.writable {
            Ok(())
        } else {
            Err(Error::ReadOnly(format!(
                "{op}: tensor of shape {} is a read-only broadcast view; call contiguous() or clone() for a writable copy",
                fmt_dims(self.shape())
            )))
        }
    }

    fn check_len(&self, op: &str, len: usize) -> Result<()> {
        if len == self.size() {
            Ok(())
        } else {
            Err(Error::ShapeMismatch(format!(
                "{op}: {len} values given for shape {} ({} elements)",
                fmt_dims(self.shape()),
                self.size()
            )))
        }
    }

    /// Writes C-ordered values into this handle's elements (callers checked writability
    /// and that `values` yields `size()` items of this dtype).
    fn write_all<T: Element>(&self, values: impl IntoIterator<Item = T>) {
        debug_assert_eq!(T::DTYPE, self.dtype);
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
                Error::OutOfMemory(format!(
                    "toBytes: {} bytes do not fit in memory",
                    self.nbytes()
                ))
            })?;
        let mut bytes = try_collect(nbytes, std::iter::empty())?;
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

    fn element_index(&self, op: &str, index: &[i64]) -> Result<usize> {
        if index.len() > self.ndim() {
            return Err(Error::IndexOutOfBounds(format!(
                "{op}: too many indices: tensor is {}-dimensional, but {} were given",
                self.ndim(),
                index.len()
            )));
        }
        if index.len() < self.ndim() {
            return Err(Error::InvalidArgument(format!(
                "{op}: expected {} indices for shape {}, got {}",
                self.ndim(),
                fmt_dims(self.shape()),
                index.len()
            )));
        }
        let mut element = self.offset() as isize;
        for (axis, (&i, (&dim, &stride))) in index
            .iter()
            .zip(self.shape().iter().zip(self.strides()))
            .enumerate()
        {
            let n = dim as i64;
            if i < -n || i >= n {
                return Err(Error::IndexOutOfBounds(format!(
                    "{op}: index {i} is out of bounds for axis {axis} with size {dim}"
                )));
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
            return Err(Error::InvalidArgument(format!(
                "item: only a tensor of one element converts to a scalar; shape {} has {}",
                fmt_dims(self.shape()),
                self.size()
            )));
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
            Error::ShapeMismatch(format!(
                "assign: cannot broadcast shape {} into {}",
                fmt_dims(other.shape()),
                fmt_dims(self.shape())
            ))
        })?;
        with_element_type!(self.dtype, T => self.write_all(source.to_vec::<T>()?));
        Ok(())
    }

    /// The raw window onto this tensor's elements: `(pointer, element count)`.
    /// Only C-contiguous, writable tensors have one; it is valid until the storage is freed
    /// and, for JS, until wasm memory grows.
    pub fn data_window(&self) -> Result<(*mut u8, usize)> {
        if !self.is_contiguous() {
            return Err(Error::InvalidArgument(format!(
                "data: tensor with shape {} and strides {} is not C-contiguous; call contiguous() first or use toTypedArray()",
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

    /// Keeps this tensor's storage bytes allocated, and unused by any other storage, until
    /// the pin drops (see [`BytesPin`]): taken for every window onto them.
    pub fn pin_bytes(&self) -> BytesPin {
        self.storage.pin_bytes()
    }
}

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
                    Error::OutOfMemory(format!("alloc: cannot allocate a block of {len} elements"))
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
