//! Gathers by integer indices: `take`, `take_along_axis`, `one_hot` and `nonzero`, with
//! NumPy's rules (negative indices count from the end; out of range is
//! `INDEX_OUT_OF_BOUNDS`). The moving is done by `kernels::gather`; this module resolves
//! indices, shapes and dtypes, and the source storage the kernel reads.

use crate::core::dtype::{DType, Element, Scalar};
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::kernels::gather::{gather_along, gather_by_tables, resolve_index};
use crate::core::layout::{normalize_axes, Layout};
use crate::core::tensor::Tensor;
use crate::with_element_type;
use std::borrow::Cow;

/// A `Vec` of `len` items whose allocation failure is `OUT_OF_MEMORY`, not an abort.
pub(super) fn try_vec<T>(op: &'static str, len: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        crate::core::memory::out_of_memory(op, || {
            format!("cannot allocate {len} temporary index entries")
        })
    })?;
    Ok(v)
}

/// Where a gather reads elements of type `T`: `values[base + Σ index·strides]`. Borrowed
/// straight from the storage (the span the layout covers); bool, whose bytes may be
/// anything JS wrote, is read once into a normalised C-ordered copy instead.
pub(super) struct Source<'a, T: Clone + 'static> {
    pub values: Cow<'a, [T]>,
    pub base: isize,
    pub strides: Vec<isize>,
}

impl<'a, T: Element> Source<'a, T> {
    pub fn of(t: &'a Tensor) -> Result<Source<'a, T>> {
        let (lo, len) = span(t.layout());
        if let Some(values) = t.borrow_elements::<T>(lo, len) {
            return Ok(Source {
                values: Cow::Borrowed(values),
                base: t.offset() as isize - lo as isize,
                strides: t.strides().to_vec(),
            });
        }
        // Copied out without to_vec's per-dtype conversion code (only bool, whose stored
        // bytes may be anything JS wrote, needs to_vec's normalising read).
        let values = if T::DTYPE == DType::Bool {
            t.to_vec::<T>()?
        } else {
            t.values_in_own_type::<T>()?
        };
        Ok(Source {
            values: Cow::Owned(values),
            base: 0,
            strides: Layout::c_contiguous(t.shape())?.strides().to_vec(),
        })
    }
}

/// The storage range `[lo, lo + len)` a layout's elements lie in.
fn span(layout: &Layout) -> (usize, usize) {
    if layout.size() == 0 {
        return (layout.offset(), 0);
    }
    let (mut lo, mut hi) = (layout.offset() as isize, layout.offset() as isize);
    for (&dim, &stride) in layout.shape().iter().zip(layout.strides()) {
        let reach = (dim as isize - 1) * stride;
        if reach < 0 {
            lo += reach;
        } else {
            hi += reach;
        }
    }
    // `attach` checked that the layout lies inside its storage: lo >= 0.
    (lo as usize, (hi - lo + 1) as usize)
}

/// Builds a gather's offset tables (one per output axis) from the source's strides.
pub(super) type TablesFor<'a> = dyn Fn(&[isize]) -> Result<Vec<Vec<isize>>> + 'a;

/// Fills a new tensor of `shape` with `src`'s elements by offset tables (see
/// `kernels::gather`); `tables` turns the source's strides into one table per output axis
/// (a C-order reshaping of `shape`: the product of their lengths is its size).
pub(super) fn gather_tables(
    op: &'static str,
    src: &Tensor,
    shape: &[usize],
    tables: &TablesFor,
) -> Result<Tensor> {
    with_element_type!(src.dtype(), T => {
        let source = Source::<T>::of(src)?;
        let tables = tables(&source.strides)?;
        Tensor::fresh_output_uninit::<T>(shape, |out| {
            match gather_by_tables(&source.values, source.base, &tables, out) {
                true => Ok(()),
                false => Err(Error::internal(op, "gather offsets outside the source")),
            }
        })
    })
}

/// One table per axis reading it whole, in order: `[0, s, 2s, …]`.
pub(super) fn identity_table(op: &'static str, dim: usize, stride: isize) -> Result<Vec<isize>> {
    let mut t = try_vec(op, dim)?;
    t.extend((0..dim).map(|i| i as isize * stride));
    Ok(t)
}

/// The values of an index tensor in C order, as i64 (uint64 values past i64's range become
/// `i64::MAX`: out of range of every axis). Integer dtypes only, and bool (as 0 and 1)
/// where NumPy casts it (`take`); floats are `DTYPE`, as NumPy's "cannot cast".
fn index_values(op: &'static str, indices: &Tensor, allow_bool: bool) -> Result<Vec<i64>> {
    match indices.dtype() {
        DType::UInt64 => Ok(indices
            .to_vec::<u64>()?
            .into_iter()
            .map(|u| i64::try_from(u).unwrap_or(i64::MAX))
            .collect()),
        DType::Bool if allow_bool => indices.to_vec::<i64>(),
        d if !d.is_float() && d != DType::Bool => indices.to_vec::<i64>(),
        d => Err(Error::new(
            ErrorKind::DType,
            op,
            format!("indices must be integers, got a tensor of dtype {d}"),
        )),
    }
}

/// Every index resolved into an axis of `len` elements (negative from the end).
fn resolve_all(op: &'static str, values: &[i64], len: usize, axis: usize) -> Result<Vec<usize>> {
    let mut out = try_vec(op, values.len())?;
    for &v in values {
        out.push(resolve_index(v, len).ok_or_else(|| {
            Error::new(
                ErrorKind::IndexOutOfBounds,
                op,
                format!("index {v} is out of bounds for axis {axis} with size {len}"),
            )
        })?);
    }
    Ok(out)
}

/// The tensor and axis an axis argument names, NumPy style: `None` is the flattened
/// tensor; a 0-d tensor is read as its one-element 1-D reshaping (`axis` 0 or -1).
fn along(op: &'static str, t: &Tensor, axis: Option<i64>) -> Result<(Tensor, usize)> {
    match axis {
        None => Ok((t.flatten()?, 0)),
        Some(a) if t.ndim() == 0 => {
            normalize_axes(op, &[a], 1)?;
            Ok((t.reshape(&[1])?, 0))
        }
        Some(a) => Ok((t.share(), normalize_axes(op, &[a], t.ndim())?[0])),
    }
}

impl Tensor {
    /// NumPy's `take`: the elements at `indices` along `axis` (of the flattened tensor when
    /// `None`). The result's shape is `shape[..axis] + indices.shape + shape[axis + 1..]`.
    /// Indices of any integer dtype (bool as 0/1, as NumPy casts it); negative ones count
    /// from the end; out of range is `INDEX_OUT_OF_BOUNDS` (unless the result is empty, as
    /// NumPy: then nothing is read), a float index tensor `DTYPE`.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// let idx = Tensor::from_elements(&[2], &[-1i64, 0]).unwrap();
    /// assert_eq!(t.take(&idx, Some(1)).unwrap().to_vec::<i32>().unwrap(), vec![2, 0, 5, 3]);
    /// assert_eq!(t.take(&idx, None).unwrap().to_vec::<i32>().unwrap(), vec![5, 0]);
    /// ```
    pub fn take(&self, indices: &Tensor, axis: Option<i64>) -> Result<Tensor> {
        const OP: &str = "take";
        let values = index_values(OP, indices, true)?;
        let (src, axis) = along(OP, self, axis)?;
        let (pre, post) = (&src.shape()[..axis], &src.shape()[axis + 1..]);
        let shape = [pre, indices.shape(), post].concat();
        if shape.contains(&0) {
            // Nothing is read, so no index is checked (as NumPy).
            return Tensor::zeros(&shape, src.dtype());
        }
        let resolved = resolve_all(OP, &values, src.shape()[axis], axis)?;
        let dims: Vec<usize> = [pre, &[resolved.len()], post].concat();
        gather_tables(OP, &src, &shape, &|strides| {
            dims.iter()
                .enumerate()
                .map(|(d, &dim)| match d == axis {
                    true => Ok(resolved.iter().map(|&i| i as isize * strides[d]).collect()),
                    false => identity_table(OP, dim, strides[d]),
                })
                .collect()
        })
    }

    /// NumPy's `take_along_axis`: `out[..., i, ...] = self[..., indices[..., i, ...], ...]`
    /// along `axis`; `indices` has this tensor's number of dimensions and broadcasts with it
    /// on the other axes. `None` takes from the flattened tensor (then `indices` is 1-D).
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::from_elements(&[2, 3], &[5i32, 1, 4, 2, 9, 0]).unwrap();
    /// let idx = Tensor::from_elements(&[2, 1], &[0i32, 1]).unwrap();
    /// assert_eq!(t.take_along_axis(&idx, Some(1)).unwrap().to_vec::<i32>().unwrap(), vec![5, 9]);
    /// ```
    pub fn take_along_axis(&self, indices: &Tensor, axis: Option<i64>) -> Result<Tensor> {
        const OP: &str = "takeAlongAxis";
        let values = index_values(OP, indices, false)?;
        if axis.is_none() && indices.ndim() != 1 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!(
                    "without an axis, indices must be 1-D; got shape {}",
                    fmt_dims(indices.shape())
                ),
            ));
        }
        let (src, axis) = match axis {
            None => (self.flatten()?, 0),
            Some(a) => (self.share(), normalize_axes(OP, &[a], self.ndim())?[0]),
        };
        if indices.ndim() != src.ndim() {
            return Err(Error::new(
                ErrorKind::ShapeMismatch,
                OP,
                format!(
                    "indices of shape {} do not have the {} dimension(s) of shape {}",
                    fmt_dims(indices.shape()),
                    src.ndim(),
                    fmt_dims(src.shape())
                ),
            ));
        }
        let shape = along_shape(OP, src.shape(), indices.shape(), axis)?;
        if shape.contains(&0) {
            // Nothing is read, so no index is checked (as NumPy).
            return Tensor::zeros(&shape, src.dtype());
        }
        let resolved = resolve_all(OP, &values, src.shape()[axis], axis)?;
        // The indices' C-order strides, 0 where they broadcast.
        let index_strides: Vec<isize> = Layout::c_contiguous(indices.shape())?
            .strides()
            .iter()
            .zip(indices.shape().iter().zip(&shape))
            .map(|(&s, (&n, &m))| if n == m { s } else { 0 })
            .collect();
        with_element_type!(src.dtype(), T => {
            let source = Source::<T>::of(&src)?;
            // The source's strides, 0 along `axis` (the index supplies it) and where it broadcasts.
            let src_strides: Vec<isize> = source
                .strides
                .iter()
                .enumerate()
                .map(|(d, &s)| if d == axis || src.shape()[d] != shape[d] { 0 } else { s })
                .collect();
            let axis_stride = source.strides[axis];
            Tensor::fresh_output_uninit::<T>(&shape, |out| {
                let ok = gather_along(
                    &source.values,
                    source.base,
                    &shape,
                    &src_strides,
                    &resolved,
                    &index_strides,
                    axis_stride,
                    out,
                );
                match ok {
                    true => Ok(()),
                    false => Err(Error::internal(OP, "gather offsets outside the source")),
                }
            })
        })
    }

    /// NumPy's `eye(depth, dtype)[indices]`: a new tensor of shape `indices.shape + [depth]`
    /// with a one where the last index equals the index (negative from the end) and zeros
    /// elsewhere. Indices of any integer dtype; out of range is `INDEX_OUT_OF_BOUNDS`.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let idx = Tensor::from_elements(&[2], &[2i32, -3]).unwrap();
    /// let h = Tensor::one_hot(&idx, 3, DType::UInt8).unwrap();
    /// assert_eq!(h.shape(), &[2, 3]);
    /// assert_eq!(h.to_vec::<u8>().unwrap(), vec![0, 0, 1, 1, 0, 0]);
    /// ```
    pub fn one_hot(indices: &Tensor, depth: usize, dtype: DType) -> Result<Tensor> {
        const OP: &str = "oneHot";
        let values = index_values(OP, indices, false)?;
        let hot = resolve_all(OP, &values, depth, 0)?;
        let shape = [indices.shape(), &[depth]].concat();
        with_element_type!(dtype, T => {
            let one = T::from_scalar(Scalar::Int(1));
            Tensor::fresh_output::<T>(&shape, |out| {
                for (row, &h) in out.chunks_exact_mut(depth.max(1)).zip(&hot) {
                    row[h] = one;
                }
                Ok(())
            })
        })
    }

    /// NumPy's `nonzero`: one int32 tensor per axis holding the indices of the non-zero
    /// elements (NaN counts as non-zero), in C order. A 0-d tensor is `INVALID_ARGUMENT`,
    /// as in NumPy 2.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[2, 2], &[0.0f32, 3.0, -1.0, 0.0]).unwrap();
    /// let [rows, cols] = <[Tensor; 2]>::try_from(t.nonzero().unwrap()).unwrap();
    /// assert_eq!(rows.to_vec::<i32>().unwrap(), vec![0, 1]);
    /// assert_eq!(cols.to_vec::<i32>().unwrap(), vec![1, 0]);
    /// ```
    pub fn nonzero(&self) -> Result<Vec<Tensor>> {
        const OP: &str = "nonzero";
        if self.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                "a 0-d tensor has no axes to index; reshape it to [1] first",
            ));
        }
        if let Some(&d) = self.shape().iter().find(|&&d| i32::try_from(d).is_err()) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!("axis of {d} elements: its indices do not fit int32"),
            ));
        }
        // Nonzero is true: one bool read, whatever the dtype (NaN counts, as NumPy).
        let flags: Vec<bool> = self.as_dtype(DType::Bool)?.to_vec::<bool>()?;
        let count = flags.iter().filter(|&&f| f).count();
        let ndim = self.ndim();
        let mut coords: Vec<i32> = try_vec(OP, count * ndim)?;
        let mut index = vec![0usize; ndim];
        for &flag in &flags {
            if flag {
                // Every extent fits i32 (checked above).
                coords.extend(index.iter().map(|&i| i as i32));
            }
            for axis in (0..ndim).rev() {
                index[axis] += 1;
                if index[axis] < self.shape()[axis] {
                    break;
                }
                index[axis] = 0;
            }
        }
        (0..ndim)
            .map(|axis| {
                Tensor::fresh_output_uninit::<i32>(&[count], |out| {
                    let column = coords.iter().skip(axis).step_by(ndim);
                    for (slot, &c) in out.iter_mut().zip(column) {
                        slot.write(c);
                    }
                    Ok(())
                })
            })
            .collect()
    }
}

/// `take_along_axis`'s result shape: the indices' extent along `axis`, elsewhere the
/// broadcast of both extents (1 stretches; others must agree: `SHAPE_MISMATCH`).
fn along_shape(op: &str, src: &[usize], idx: &[usize], axis: usize) -> Result<Vec<usize>> {
    src.iter()
        .zip(idx)
        .enumerate()
        .map(|(d, (&s, &i))| match (d == axis, s, i) {
            (true, _, i) => Ok(i),
            (false, s, i) if s == i || i == 1 => Ok(s),
            (false, 1, i) => Ok(i),
            _ => Err(Error::new(
                ErrorKind::ShapeMismatch,
                op,
                format!(
                    "indices of shape {} do not broadcast with shape {} outside axis {axis}",
                    fmt_dims(idx),
                    fmt_dims(src)
                ),
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(shape: &[usize], values: &[i64]) -> Tensor {
        Tensor::from_elements(shape, values).unwrap()
    }

    fn arange(n: usize, dtype: DType) -> Tensor {
        Tensor::arange(0.0, n as f64, 1.0, dtype).unwrap()
    }

    #[test]
    fn take_reads_strided_and_broadcast_sources() {
        let t = arange(12, DType::Int16).reshape(&[3, 4]).unwrap();
        let view = t.slice_str("::-1, 1::2").unwrap(); // [[9, 11], [5, 7], [1, 3]]
        let got = view.take(&ints(&[2], &[1, -1]), Some(0)).unwrap();
        assert_eq!(got.to_vec::<i16>().unwrap(), vec![5, 7, 1, 3]);
        let b = arange(3, DType::Float32).broadcast_to(&[4, 3]).unwrap();
        let got = b.take(&ints(&[2, 1], &[3, 0]), Some(0)).unwrap();
        assert_eq!(got.shape(), &[2, 1, 3]);
        assert_eq!(got.to_vec::<f32>().unwrap(), vec![0., 1., 2., 0., 1., 2.]);
    }

    #[test]
    fn take_of_bool_normalises_and_takes_bool_indices_as_integers() {
        let t = Tensor::from_elements(&[3], &[true, false, true]).unwrap();
        let idx = Tensor::from_elements(&[2], &[true, false]).unwrap();
        let got = t.take(&idx, None).unwrap();
        assert_eq!(got.dtype(), DType::Bool);
        assert_eq!(got.to_vec::<bool>().unwrap(), vec![false, true]);
    }

    #[test]
    fn take_refuses_out_of_range_and_float_indices() {
        let t = arange(3, DType::Int8);
        let oob = t.take(&ints(&[1], &[3]), None).unwrap_err();
        assert_eq!(oob.code(), "INDEX_OUT_OF_BOUNDS");
        let huge = Tensor::from_elements(&[1], &[u64::MAX]).unwrap();
        assert_eq!(
            t.take(&huge, None).unwrap_err().code(),
            "INDEX_OUT_OF_BOUNDS"
        );
        let f = Tensor::from_elements(&[1], &[0.0f32]).unwrap();
        assert_eq!(t.take(&f, None).unwrap_err().code(), "DTYPE");
        let empty = Tensor::zeros(&[0, 2], DType::Int8).unwrap();
        let e = empty.take(&ints(&[1], &[0]), Some(0)).unwrap_err();
        assert_eq!(e.code(), "INDEX_OUT_OF_BOUNDS");
    }

    #[test]
    fn take_of_a_zero_d_tensor_reads_it_as_one_element() {
        let t = Tensor::from_elements(&[], &[5i32]).unwrap();
        let got = t.take(&ints(&[2], &[0, -1]), Some(0)).unwrap();
        assert_eq!(got.to_vec::<i32>().unwrap(), vec![5, 5]);
        assert_eq!(
            t.take(&ints(&[], &[0]), None).unwrap().shape(),
            &[] as &[usize]
        );
    }

    #[test]
    fn take_along_axis_broadcasts_the_other_axes() {
        let t = Tensor::from_elements(&[1, 3], &[7u8, 8, 9]).unwrap();
        let idx = ints(&[2, 2], &[2, 0, -1, 1]);
        let got = t.take_along_axis(&idx, Some(1)).unwrap();
        assert_eq!(got.shape(), &[2, 2]);
        assert_eq!(got.to_vec::<u8>().unwrap(), vec![9, 7, 9, 8]);
        let bad = ints(&[2, 2], &[0, 0, 0, 0]);
        let t3 = Tensor::zeros(&[3, 3], DType::UInt8).unwrap();
        let e = t3.take_along_axis(&bad, Some(1)).unwrap_err();
        assert_eq!(e.code(), "SHAPE_MISMATCH");
    }

    #[test]
    fn one_hot_sets_one_element_per_row() {
        let idx = ints(&[2, 2], &[0, -1, 1, 2]);
        let h = Tensor::one_hot(&idx, 3, DType::Bool).unwrap();
        assert_eq!(h.shape(), &[2, 2, 3]);
        let want = [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1].map(|b| b == 1);
        assert_eq!(h.to_vec::<bool>().unwrap(), want);
        let e = Tensor::one_hot(&ints(&[1], &[0]), 0, DType::Float32).unwrap_err();
        assert_eq!(e.code(), "INDEX_OUT_OF_BOUNDS");
        let empty = Tensor::one_hot(&ints(&[0], &[]), 0, DType::Float32).unwrap();
        assert_eq!(empty.shape(), &[0, 0]);
    }

    #[test]
    fn nonzero_counts_nan_and_skips_negative_zero() {
        let t = Tensor::from_elements(&[2, 2], &[-0.0f64, f64::NAN, 0.0, 2.0]).unwrap();
        let got: Vec<Vec<i32>> = t
            .nonzero()
            .unwrap()
            .iter()
            .map(|x| x.to_vec::<i32>().unwrap())
            .collect();
        assert_eq!(got, vec![vec![0, 1], vec![1, 1]]);
        let zero_d = Tensor::from_elements(&[], &[1i8]).unwrap();
        assert_eq!(zero_d.nonzero().unwrap_err().code(), "INVALID_ARGUMENT");
    }
}
