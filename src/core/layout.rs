//! Shape, strides (in elements, negative allowed) and offset, and every view operation as
//! a pure function `&Layout -> Result<Layout>`: no storage is touched here, so each rule is
//! unit-tested without allocating.

use super::error::{fmt_dims, Error, ErrorKind, Result};
use super::index::{resolve_slice, IndexItem};

/// How a tensor's elements are found in its storage: element `[i, j, …]` lives at
/// `offset + i*strides[0] + j*strides[1] + …`.
///
/// ```
/// use extensor::core::Layout;
/// let l = Layout::c_contiguous(&[2, 3]).unwrap();
/// assert_eq!(l.strides(), &[3, 1]);
/// let t = l.transpose(None).unwrap();
/// assert_eq!((t.shape(), t.strides()), (&[3, 2][..], &[1, 3][..]));
/// assert!(!t.is_c_contiguous());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
}

/// The most axes a tensor may have (NumPy's limit): deeper shapes would only exhaust the
/// stack of recursive formatting and serialisation.
pub const MAX_NDIM: usize = 64;

fn too_many_dims(op: &str, ndim: usize) -> Error {
    Error::new(
        ErrorKind::InvalidShape,
        op,
        format!("{ndim} dimensions; at most {MAX_NDIM} are supported"),
    )
}

/// The number of elements of `shape`, or `INVALID_SHAPE` when it does not fit `isize`
/// (on wasm32 that is 2^31: shape products past it are refused, never wrapped).
pub fn checked_size(op: &str, shape: &[usize]) -> Result<usize> {
    if shape.len() > MAX_NDIM {
        return Err(too_many_dims(op, shape.len()));
    }
    // A zero anywhere makes the tensor empty, however large the other dimensions (NumPy
    // allows `zeros((2**20, 2**20, 0))`): the product is not formed left to right.
    if shape.contains(&0) {
        return Ok(0);
    }
    shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidShape,
                op,
                format!(
                    "shape {} has more elements than this platform can index",
                    fmt_dims(shape)
                ),
            )
        })
}

fn normalize_axis(op: &str, axis: i64, ndim: usize) -> Result<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            op,
            format!("axis {axis} is out of range for a tensor of {ndim} dimension(s)"),
        ));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// Normalises a list of axes (negative counts from the end); duplicates are an error.
pub fn normalize_axes(op: &str, axes: &[i64], ndim: usize) -> Result<Vec<usize>> {
    let mut seen = vec![false; ndim];
    axes.iter()
        .map(|&a| {
            let axis = normalize_axis(op, a, ndim)?;
            if std::mem::replace(&mut seen[axis], true) {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    op,
                    format!("axis {a} is repeated in {}", fmt_dims(axes)),
                ));
            }
            Ok(axis)
        })
        .collect()
}

impl Layout {
    /// The C-ordered (row-major) layout of `shape` at offset 0.
    pub fn c_contiguous(shape: &[usize]) -> Result<Layout> {
        checked_size("shape", shape)?;
        let mut strides = vec![0isize; shape.len()];
        let mut step = Some(1isize);
        for (stride, &dim) in strides.iter_mut().zip(shape).rev() {
            // A non-empty shape's product fits isize (checked above), so `step` only runs
            // out for an empty one, whose strides address nothing: those become 0.
            *stride = step.unwrap_or(0);
            step = step.and_then(|s| isize::try_from(dim.max(1)).ok()?.checked_mul(s));
        }
        Ok(Layout {
            shape: shape.to_vec(),
            strides,
            offset: 0,
        })
    }

    /// Rows `first..first + count` of axis 0 (the caller keeps them within the shape): the
    /// layout of one piece of a large elementwise op.
    #[cfg(feature = "threads")]
    pub(crate) fn rows(&self, first: usize, count: usize) -> Layout {
        let mut rows = self.clone();
        if let (Some(extent), Some(&stride)) = (rows.shape.first_mut(), self.strides.first()) {
            *extent = count;
            rows.offset = (self.offset as isize + first as isize * stride) as usize;
        }
        rows
    }

    /// Extent per axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Step per axis, in elements.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }

    /// Index of the first element in the storage, in elements.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements (every constructor checked that it fits).
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// C-contiguous as NumPy defines it: axes of length 1 are ignored, empty is contiguous.
    pub fn is_c_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected = 1isize;
        for (&dim, &stride) in self.shape.iter().zip(&self.strides).rev() {
            if dim != 1 {
                if stride != expected {
                    return false;
                }
                expected *= dim as isize;
            }
        }
        true
    }

    /// True when some element is reachable by two indices (a stride 0 on a longer axis),
    /// as after `broadcast_to`.
    pub fn has_zero_stride(&self) -> bool {
        self.shape
            .iter()
            .zip(&self.strides)
            .any(|(&d, &s)| d > 1 && s == 0)
    }

    /// Whether every element lies inside a buffer of `len` elements. Checked each time a
    /// layout is attached to a storage, so element access can never leave the buffer.
    pub fn fits_in(&self, len: usize) -> bool {
        if self.size() == 0 {
            return true;
        }
        let (mut lo, mut hi) = (self.offset as i128, self.offset as i128);
        for (&dim, &stride) in self.shape.iter().zip(&self.strides) {
            let reach = (dim as i128 - 1) * stride as i128;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        lo >= 0 && hi < len as i128
    }

    /// Resolves a requested shape with at most one `-1` against `size` elements.
    pub fn resolve_shape(
        op: &str,
        size: usize,
        requested: &[i64],
        from: &[usize],
    ) -> Result<Vec<usize>> {
        let unknowns = requested.iter().filter(|&&d| d == -1).count();
        if unknowns > 1 {
            return Err(Error::new(
                ErrorKind::InvalidShape,
                op,
                format!(
                    "can only specify one unknown dimension (-1), got {}",
                    fmt_dims(requested)
                ),
            ));
        }
        if let Some(bad) = requested.iter().find(|&&d| d < -1) {
            return Err(Error::new(
                ErrorKind::InvalidShape,
                op,
                format!("negative dimension {bad} in {}", fmt_dims(requested)),
            ));
        }
        if requested.len() > MAX_NDIM {
            return Err(too_many_dims(op, requested.len()));
        }
        // try_from, not `as`: on wasm32 a dimension of 2^32 must not wrap to 0.
        let known: Vec<usize> = requested
            .iter()
            .filter(|&&d| d != -1)
            .map(|&d| {
                // Each dimension must be addressable on its own, as in `zeros`, even
                // when a 0 elsewhere makes the tensor empty.
                usize::try_from(d)
                    .ok()
                    .filter(|&d| d <= isize::MAX as usize)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidShape,
                            op,
                            format!("dimension {d} in {} is too large", fmt_dims(requested)),
                        )
                    })
            })
            .collect::<Result<_>>()?;
        let known_size = checked_size(op, &known)?;
        let mismatch = || {
            Error::new(
                ErrorKind::ShapeMismatch,
                op,
                format!(
                    "cannot reshape {} ({size} elements) into {} ({} elements)",
                    fmt_dims(from),
                    fmt_dims(requested),
                    if unknowns == 1 {
                        "?".to_string()
                    } else {
                        known_size.to_string()
                    }
                ),
            )
        };
        if unknowns == 0 {
            return if known_size == size {
                Ok(known)
            } else {
                Err(mismatch())
            };
        }
        if known_size == 0 || size % known_size != 0 {
            return Err(mismatch());
        }
        let fill = size / known_size;
        Ok(requested
            .iter()
            .map(|&d| if d == -1 { fill } else { d as usize }) // checked above
            .collect())
    }

    /// The layout of the same elements in `shape` (same size), or `None` when the strides
    /// do not allow a view and the data must be copied (NumPy's no-copy reshape rule).
    pub fn reshaped(&self, shape: &[usize]) -> Option<Layout> {
        if self.size() == 0 || self.is_c_contiguous() {
            let mut l = Layout::c_contiguous(shape).ok()?;
            l.offset = self.offset;
            return Some(l);
        }
        // Axes of length 1 carry no stride information.
        let (old_dims, old_strides): (Vec<usize>, Vec<isize>) = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(&d, _)| d != 1)
            .map(|(&d, &s)| (d, s))
            .unzip();
        let mut new_strides = vec![0isize; shape.len()];
        let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
        while ni < shape.len() && oi < old_dims.len() {
            let mut new_prod = shape[ni];
            let mut old_prod = old_dims[oi];
            while new_prod != old_prod {
                if new_prod < old_prod {
                    new_prod *= *shape.get(nj)?;
                    nj += 1;
                } else {
                    old_prod *= *old_dims.get(oj)?;
                    oj += 1;
                }
            }
            // The old axes oi..oj must be one contiguous run to be re-split.
            for k in oi..oj - 1 {
                if old_strides[k] != old_strides[k + 1] * old_dims[k + 1] as isize {
                    return None;
                }
            }
            new_strides[nj - 1] = old_strides[oj - 1];
            for k in (ni + 1..nj).rev() {
                new_strides[k - 1] = new_strides[k] * shape[k] as isize;
            }
            ni = nj;
            nj += 1;
            oi = oj;
            oj += 1;
        }
        // Trailing axes of length 1: any stride works; use the last one for tidiness.
        let last = if ni > 0 { new_strides[ni - 1] } else { 1 };
        for stride in new_strides.iter_mut().skip(ni) {
            *stride = last;
        }
        Some(Layout {
            shape: shape.to_vec(),
            strides: new_strides,
            offset: self.offset,
        })
    }

    /// NumPy basic indexing.
    pub fn slice(&self, items: &[IndexItem]) -> Result<Layout> {
        let mut shape = Vec::new();
        let mut strides = Vec::new();
        let mut offset = self.offset as i128;
        let mut axis = 0usize;
        for item in self.expand_ellipsis(items)? {
            match item {
                IndexItem::Index(i) => {
                    offset += self.resolve_index(axis, i)? as i128 * self.strides[axis] as i128;
                    axis += 1;
                }
                IndexItem::Slice { start, stop, step } => {
                    let r = resolve_slice(start, stop, step, self.shape[axis])?;
                    if r.len > 0 {
                        offset += r.start as i128 * self.strides[axis] as i128;
                    }
                    shape.push(r.len);
                    // A stride only matters when the axis has 2+ elements, and then the
                    // product lies within the parent's span. Empty tensors may carry any
                    // stride, so wrap rather than overflow-panic there.
                    strides.push(if r.len > 1 {
                        self.strides[axis].wrapping_mul(r.step as isize)
                    } else {
                        self.strides[axis]
                    });
                    axis += 1;
                }
                IndexItem::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                // Expanded into full slices by expand_ellipsis.
                IndexItem::Ellipsis => {}
            }
        }
        let size = checked_size("slice", &shape)?;
        Ok(Layout {
            shape,
            strides,
            // An empty result keeps the parent's offset: nothing is ever read through it.
            offset: if size == 0 {
                self.offset
            } else {
                offset as usize
            },
        })
    }

    /// The items with `...` (or, without one, the end) replaced by full slices of the axes
    /// no item indexes; at most one `...`, and no more indexing items than axes.
    fn expand_ellipsis(&self, items: &[IndexItem]) -> Result<Vec<IndexItem>> {
        let ellipses = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Ellipsis))
            .count();
        if ellipses > 1 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "slice",
                "an index can only have a single ellipsis ('...')",
            ));
        }
        let indexing = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Index(_) | IndexItem::Slice { .. }))
            .count();
        if indexing > self.ndim() {
            return Err(Error::new(
                ErrorKind::IndexOutOfBounds,
                "slice",
                format!(
                    "too many indices: tensor is {}-dimensional, but {indexing} were indexed",
                    self.ndim()
                ),
            ));
        }
        let fill = self.ndim() - indexing;
        let mut expanded: Vec<IndexItem> = Vec::with_capacity(items.len() + fill);
        for &item in items {
            if item == IndexItem::Ellipsis {
                expanded.extend(std::iter::repeat_n(IndexItem::FULL, fill));
            } else {
                expanded.push(item);
            }
        }
        if ellipses == 0 {
            expanded.extend(std::iter::repeat_n(IndexItem::FULL, fill));
        }
        Ok(expanded)
    }

    /// Index `i` of `axis` (negative counts from the end), or INDEX_OUT_OF_BOUNDS.
    fn resolve_index(&self, axis: usize, i: i64) -> Result<i64> {
        let n = self.shape[axis] as i64;
        if i < -n || i >= n {
            return Err(Error::new(
                ErrorKind::IndexOutOfBounds,
                "slice",
                format!("index {i} is out of bounds for axis {axis} with size {n}"),
            ));
        }
        Ok(if i < 0 { i + n } else { i })
    }

    /// Permutes the axes; `None` reverses them.
    pub fn transpose(&self, axes: Option<&[i64]>) -> Result<Layout> {
        let perm: Vec<usize> = match axes {
            None => (0..self.ndim()).rev().collect(),
            Some(axes) => {
                if axes.len() != self.ndim() {
                    return Err(Error::new(
                        ErrorKind::InvalidArgument,
                        "transpose",
                        format!(
                            "axes {} do not match a tensor of {} dimension(s)",
                            fmt_dims(axes),
                            self.ndim()
                        ),
                    ));
                }
                normalize_axes("transpose", axes, self.ndim())?
            }
        };
        Ok(Layout {
            shape: perm.iter().map(|&a| self.shape[a]).collect(),
            strides: perm.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        })
    }

    /// Reverses the order of elements along `axes` (all when `None`): each such stride
    /// negated, the offset moved to the axis's last element (NumPy's `flip`).
    pub fn flip(&self, axes: Option<&[i64]>) -> Result<Layout> {
        let axes = match axes {
            None => (0..self.ndim()).collect(),
            Some(axes) => normalize_axes("flip", axes, self.ndim())?,
        };
        let mut out = self.clone();
        // An empty view addresses no element: only its strides turn (its offset may lie
        // past the storage already, and moving it would mean nothing).
        let empty = self.shape.contains(&0);
        for a in axes {
            if empty {
                out.strides[a] = -self.strides[a];
                continue;
            }
            let last = self.shape[a].saturating_sub(1) as isize;
            out.offset = (out.offset as isize)
                .checked_add(last * self.strides[a])
                .and_then(|o| usize::try_from(o).ok())
                .ok_or_else(|| Error::internal("flip", "offset out of range"))?;
            out.strides[a] = -self.strides[a];
        }
        Ok(out)
    }

    /// Moves axes `source` to positions `destination` (equal-length lists, each without
    /// repeats), the others keeping their order: NumPy's `moveaxis`, a transpose.
    pub fn moveaxis(&self, source: &[i64], destination: &[i64]) -> Result<Layout> {
        if source.len() != destination.len() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "moveaxis",
                format!(
                    "source {} and destination {} must have the same number of axes",
                    fmt_dims(source),
                    fmt_dims(destination)
                ),
            ));
        }
        let source = normalize_axes("moveaxis", source, self.ndim())?;
        let destination = normalize_axes("moveaxis", destination, self.ndim())?;
        let mut order: Vec<usize> = (0..self.ndim()).filter(|a| !source.contains(a)).collect();
        let mut moves: Vec<(usize, usize)> = destination.into_iter().zip(source).collect();
        moves.sort_unstable();
        for (to, from) in moves {
            order.insert(to, from);
        }
        let perm: Vec<i64> = order.into_iter().map(|a| a as i64).collect();
        self.transpose(Some(&perm))
    }

    /// Removes axes of length 1: all of them, or the given ones (each must have length 1).
    pub fn squeeze(&self, axes: Option<&[i64]>) -> Result<Layout> {
        let drop: Vec<usize> = match axes {
            None => (0..self.ndim()).filter(|&a| self.shape[a] == 1).collect(),
            Some(axes) => {
                let axes_n = normalize_axes("squeeze", axes, self.ndim())?;
                if let Some(&a) = axes_n.iter().find(|&&a| self.shape[a] != 1) {
                    return Err(Error::new(
                        ErrorKind::InvalidArgument,
                        "squeeze",
                        format!(
                            "cannot squeeze axis {a} of length {} in shape {}",
                            self.shape[a],
                            fmt_dims(&self.shape)
                        ),
                    ));
                }
                axes_n
            }
        };
        let keep = |a: &usize| !drop.contains(a);
        Ok(Layout {
            shape: (0..self.ndim())
                .filter(keep)
                .map(|a| self.shape[a])
                .collect(),
            strides: (0..self.ndim())
                .filter(keep)
                .map(|a| self.strides[a])
                .collect(),
            offset: self.offset,
        })
    }

    /// Inserts an axis of length 1 at `axis` (in `-(ndim+1)..=ndim`).
    pub fn unsqueeze(&self, axis: i64) -> Result<Layout> {
        if self.ndim() >= MAX_NDIM {
            return Err(too_many_dims("unsqueeze", self.ndim() + 1));
        }
        let axis = normalize_axis("unsqueeze", axis, self.ndim() + 1)?;
        // Any stride is valid for a length-1 axis; wrapping keeps empty layouts panic-free.
        let stride = if axis < self.ndim() {
            self.strides[axis].wrapping_mul(self.shape[axis] as isize)
        } else {
            1
        };
        let mut l = self.clone();
        l.shape.insert(axis, 1);
        l.strides.insert(axis, stride);
        Ok(l)
    }

    /// Merges `axes` (two or more distinct axes of one extent) into one axis that walks
    /// their common diagonal, placed where the first of them was: each step moves along
    /// every merged axis at once, so its stride is their sum (`einsum`'s repeated labels).
    ///
    /// ```
    /// use extensor::core::Layout;
    /// let d = Layout::c_contiguous(&[3, 2, 3]).unwrap().diagonal(&[0, 2]).unwrap();
    /// assert_eq!((d.shape(), d.strides()), (&[3, 2][..], &[7, 3][..]));
    /// ```
    pub fn diagonal(&self, axes: &[usize]) -> Result<Layout> {
        let invalid = |msg: String| Error::new(ErrorKind::InvalidArgument, "diagonal", msg);
        let (&first, rest) = axes
            .split_first()
            .filter(|(_, rest)| !rest.is_empty())
            .ok_or_else(|| invalid(format!("needs two or more axes, got {}", axes.len())))?;
        let mut seen = vec![false; self.ndim()];
        for &a in axes {
            if a >= self.ndim() || std::mem::replace(&mut seen[a], true) {
                return Err(invalid(format!(
                    "axes {axes:?} must be distinct axes of a tensor of {} dimension(s)",
                    self.ndim()
                )));
            }
        }
        let extent = self.shape[first];
        if let Some(&a) = rest.iter().find(|&&a| self.shape[a] != extent) {
            return Err(Error::new(
                ErrorKind::ShapeMismatch,
                "diagonal",
                format!(
                    "axes {first} and {a} of shape {} differ in length",
                    fmt_dims(&self.shape)
                ),
            ));
        }
        // The diagonal's last element lies inside the parent's span, so the sum cannot
        // overflow unless the axis is empty or has one element, where any stride works.
        let stride = axes
            .iter()
            .fold(0isize, |acc, &a| acc.wrapping_add(self.strides[a]));
        let mut out = Layout {
            shape: Vec::with_capacity(self.ndim()),
            strides: Vec::with_capacity(self.ndim()),
            offset: self.offset,
        };
        for a in (0..self.ndim()).filter(|a| !rest.contains(a)) {
            out.shape.push(self.shape[a]);
            out.strides
                .push(if a == first { stride } else { self.strides[a] });
        }
        Ok(out)
    }

    /// Broadcasts to `shape` with NumPy's rules; repeated elements get stride 0.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        checked_size("broadcastTo", shape)?;
        let mismatch = || {
            Error::new(
                ErrorKind::ShapeMismatch,
                "broadcastTo",
                format!(
                    "cannot broadcast shape {} to {}",
                    fmt_dims(&self.shape),
                    fmt_dims(shape)
                ),
            )
        };
        if shape.len() < self.ndim() {
            return Err(mismatch());
        }
        let lead = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        for (axis, &target) in shape.iter().enumerate().skip(lead) {
            let (dim, stride) = (self.shape[axis - lead], self.strides[axis - lead]);
            strides[axis] = if dim == target {
                stride
            } else if dim == 1 {
                0
            } else {
                return Err(mismatch());
            };
        }
        Ok(Layout {
            shape: shape.to_vec(),
            strides,
            offset: self.offset,
        })
    }

    /// The storage index of every element, in C order.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets::new(self)
    }
}

/// Iterator over storage indices in C order (an odometer over the shape).
pub struct Offsets<'a> {
    layout: &'a Layout,
    index: Vec<usize>,
    next: isize,
    remaining: usize,
}

impl<'a> Offsets<'a> {
    fn new(layout: &'a Layout) -> Self {
        Offsets {
            layout,
            index: vec![0; layout.ndim()],
            next: layout.offset as isize,
            remaining: layout.size(),
        }
    }
}

impl Iterator for Offsets<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let current = self.next as usize;
        for axis in (0..self.index.len()).rev() {
            self.index[axis] += 1;
            self.next += self.layout.strides[axis];
            if self.index[axis] < self.layout.shape[axis] {
                break;
            }
            self.next -= self.layout.strides[axis] * self.layout.shape[axis] as isize;
            self.index[axis] = 0;
        }
        Some(current)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Offsets<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(shape: &[usize]) -> Layout {
        Layout::c_contiguous(shape).unwrap()
    }

    #[test]
    fn reshape_of_contiguous_is_a_view() {
        let l = c(&[2, 3]).reshaped(&[3, 2]).unwrap();
        assert_eq!(l.strides(), &[2, 1]);
    }

    #[test]
    fn reshape_of_transposed_needs_a_copy() {
        assert!(c(&[2, 3]).transpose(None).unwrap().reshaped(&[6]).is_none());
    }

    #[test]
    fn reshape_splitting_a_strided_axis_is_a_view() {
        // a[:, ::2] of shape (4, 6) -> (4, 3), strides (6, 2); reshape to (2, 2, 3).
        let s = c(&[4, 6])
            .slice(&IndexItem::parse_spec(":, ::2").unwrap())
            .unwrap();
        let r = s.reshaped(&[2, 2, 3]).unwrap();
        assert_eq!(r.strides(), &[12, 6, 2]);
    }

    #[test]
    fn resolve_shape_rejects_two_unknowns_and_mismatches() {
        let e = Layout::resolve_shape("reshape", 6, &[-1, -1], &[2, 3]).unwrap_err();
        assert_eq!(e.code(), "INVALID_SHAPE");
        let e = Layout::resolve_shape("reshape", 6, &[4, 2], &[2, 3]).unwrap_err();
        assert_eq!(e.code(), "SHAPE_MISMATCH");
        assert_eq!(
            Layout::resolve_shape("reshape", 6, &[3, -1], &[2, 3]).unwrap(),
            vec![3, 2]
        );
    }

    #[test]
    fn negative_step_slice_points_at_the_last_element() {
        let l = c(&[5])
            .slice(&[IndexItem::Slice {
                start: None,
                stop: None,
                step: Some(-2),
            }])
            .unwrap();
        assert_eq!(
            (l.shape(), l.strides(), l.offset()),
            (&[3][..], &[-2][..], 4)
        );
        assert_eq!(l.offsets().collect::<Vec<_>>(), vec![4, 2, 0]);
    }

    #[test]
    fn integer_indices_on_every_axis_give_a_zero_d_view() {
        let l = c(&[2, 3])
            .slice(&IndexItem::parse_spec("1, 2").unwrap())
            .unwrap();
        assert_eq!((l.ndim(), l.offset()), (0, 5));
        assert_eq!(l.offsets().collect::<Vec<_>>(), vec![5]);
    }

    #[test]
    fn too_many_indices_is_out_of_bounds() {
        let e = c(&[2, 3])
            .slice(&IndexItem::parse_spec("0, 0, 0").unwrap())
            .unwrap_err();
        assert_eq!(e.code(), "INDEX_OUT_OF_BOUNDS");
    }

    #[test]
    fn broadcast_gives_zero_strides_and_checks_shapes() {
        let l = c(&[3, 1]).broadcast_to(&[2, 3, 4]).unwrap();
        assert_eq!(l.strides(), &[0, 1, 0]);
        assert!(l.has_zero_stride());
        assert_eq!(
            c(&[2, 3]).broadcast_to(&[2, 4]).unwrap_err().code(),
            "SHAPE_MISMATCH"
        );
    }

    #[test]
    fn transpose_and_unsqueeze_validate_axes() {
        assert_eq!(
            c(&[2, 3]).transpose(Some(&[0, 0])).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(
            c(&[2, 3]).unsqueeze(5).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(c(&[2, 3]).unsqueeze(-3).unwrap().shape(), &[1, 2, 3]);
    }

    #[test]
    fn squeeze_removes_length_one_axes() {
        assert_eq!(c(&[1, 2, 1]).squeeze(None).unwrap().shape(), &[2]);
        assert_eq!(c(&[1, 2, 1]).squeeze(Some(&[-1])).unwrap().shape(), &[1, 2]);
        assert_eq!(
            c(&[1, 2]).squeeze(Some(&[1])).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }

    #[test]
    fn shape_products_past_isize_are_invalid_shape() {
        let e = Layout::c_contiguous(&[usize::MAX / 2, 3]).unwrap_err();
        assert_eq!(e.code(), "INVALID_SHAPE");
    }

    #[test]
    fn fits_in_checks_both_ends() {
        let rev = c(&[4])
            .slice(&IndexItem::parse_spec("::-1").unwrap())
            .unwrap();
        assert!(rev.fits_in(4));
        assert!(!rev.fits_in(3));
    }
}

#[cfg(test)]
mod flip_and_moveaxis_tests {
    use super::*;

    #[test]
    fn flip_negates_strides_and_starts_at_the_last_element_and_keeps_empty_views_valid() {
        let l = Layout::c_contiguous(&[2, 3]).unwrap();
        let f = l.flip(Some(&[-1])).unwrap();
        assert_eq!((f.strides(), f.offset()), (&[3, -1][..], 2));
        let both = l.flip(None).unwrap();
        assert_eq!((both.strides(), both.offset()), (&[-3, -1][..], 5));
        assert_eq!(
            both.flip(None).unwrap(),
            l,
            "flipping twice is the identity"
        );
        let empty = Layout::c_contiguous(&[0, 3]).unwrap().flip(None).unwrap();
        assert_eq!(empty.offset(), 0, "an empty view keeps its offset");
        assert_eq!(empty.strides(), &[-3, -1]);
        assert_eq!(
            l.flip(Some(&[0, -2])).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(l.flip(Some(&[2])).unwrap_err().code(), "INVALID_ARGUMENT");
    }

    #[test]
    fn diagonal_sums_the_merged_strides_and_checks_its_axes() {
        let c = |shape: &[usize]| Layout::c_contiguous(shape).unwrap();
        let flipped = c(&[3, 3]).flip(Some(&[1])).unwrap();
        let d = flipped.diagonal(&[0, 1]).unwrap();
        // The anti-diagonal of the original: elements 2, 4, 6.
        assert_eq!(
            (d.shape(), d.strides(), d.offset()),
            (&[3][..], &[2][..], 2)
        );
        let three = c(&[2, 4, 2, 2]).diagonal(&[0, 2, 3]).unwrap();
        assert_eq!(
            (three.shape(), three.strides()),
            (&[2, 4][..], &[16 + 2 + 1, 4][..])
        );
        let kind = |r: Result<Layout>| r.unwrap_err().kind();
        assert_eq!(kind(c(&[2, 3]).diagonal(&[0, 1])), ErrorKind::ShapeMismatch);
        assert_eq!(kind(c(&[2, 2]).diagonal(&[0])), ErrorKind::InvalidArgument);
        assert_eq!(
            kind(c(&[2, 2]).diagonal(&[0, 0])),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            kind(c(&[2, 2]).diagonal(&[0, 2])),
            ErrorKind::InvalidArgument
        );
        assert!(c(&[0, 0]).diagonal(&[0, 1]).unwrap().fits_in(0));
    }

    #[test]
    fn moveaxis_inserts_the_moved_axes_in_destination_order() {
        let l = Layout::c_contiguous(&[2, 3, 4, 5]).unwrap();
        assert_eq!(l.moveaxis(&[0], &[-1]).unwrap().shape(), &[3, 4, 5, 2]);
        assert_eq!(
            l.moveaxis(&[-1, 0], &[0, 1]).unwrap().shape(),
            &[5, 2, 3, 4]
        );
        assert_eq!(
            l.moveaxis(&[0, 1], &[1]).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(
            l.moveaxis(&[0, 0], &[1, 2]).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
