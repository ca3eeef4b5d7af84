//! Shape-building ops: `split` (views), `tile`, `repeat` and `pad` (copies), with NumPy's
//! rules. `tile`, `repeat` and the `edge`/`reflect` pads are gathers by offset tables
//! (`kernels::gather`): each output axis reads its source positions from one table.

use super::gather::{gather_tables, identity_table, try_vec};
use crate::core::dtype::Scalar;
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::index::IndexItem;
use crate::core::kernels::gather::reflect_index;
use crate::core::layout::normalize_axes;
use crate::core::tensor::Tensor;

/// How [`Tensor::split`] cuts an axis: NumPy's `indices_or_sections`.
#[derive(Clone, Debug, PartialEq)]
pub enum Split {
    /// This many pieces, as equal as possible (`array_split`: the first `len % n` pieces
    /// one element longer).
    Sections(i64),
    /// Pieces between these positions (Python slice semantics: negative from the end,
    /// clamped, an empty piece where a position does not exceed the previous one).
    Indices(Vec<i64>),
}

/// `pad`'s modes (NumPy's `mode=`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PadMode {
    /// Every padded element is this value (cast to the dtype as `astype` casts).
    Constant(Scalar),
    /// The edge element repeated.
    Edge,
    /// Mirrored about the edge element without repeating it (NumPy's default `reflect`),
    /// periodically for pads wider than the axis.
    Reflect,
}

impl PadMode {
    /// NumPy's name for the mode.
    pub fn name(self) -> &'static str {
        match self {
            PadMode::Constant(_) => "constant",
            PadMode::Edge => "edge",
            PadMode::Reflect => "reflect",
        }
    }

    /// The mode named `name` (`constant`, `edge`, `reflect`); `value` is the constant
    /// (default 0), given only for `constant`, as NumPy's `constant_values`.
    ///
    /// ```
    /// use extensor::core::{PadMode, Scalar};
    /// assert_eq!(PadMode::from_name("edge", None).unwrap(), PadMode::Edge);
    /// assert_eq!(PadMode::from_name("constant", None).unwrap(), PadMode::Constant(Scalar::Int(0)));
    /// assert!(PadMode::from_name("wrap", None).is_err());
    /// ```
    pub fn from_name(name: &str, value: Option<Scalar>) -> Result<PadMode> {
        let mode = match name {
            "constant" => return Ok(PadMode::Constant(value.unwrap_or(Scalar::Int(0)))),
            "edge" => PadMode::Edge,
            "reflect" => PadMode::Reflect,
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "pad",
                    format!(
                        "mode {} is not supported; expected 'constant', 'edge' or 'reflect'",
                        crate::core::error::quoted(other)
                    ),
                ))
            }
        };
        match value {
            None => Ok(mode),
            Some(_) => Err(Error::new(
                ErrorKind::InvalidArgument,
                "pad",
                format!("a value is only taken by mode 'constant', not {name:?}"),
            )),
        }
    }
}

/// NumPy's `pad_width` broadcast to one `(before, after)` per axis of an `ndim`-D tensor:
/// `values` (C order) of an array of shape `shape` — `[]` one number for every side, `[2]`
/// `[before, after]` for every axis, `[ndim, 2]` one pair per axis, or any shape that
/// broadcasts to `[ndim, 2]`. Negative widths, and shapes that do not broadcast, are
/// `INVALID_ARGUMENT`.
///
/// ```
/// use extensor::core::pad_widths;
/// assert_eq!(pad_widths(&[1, 2], &[2], 2).unwrap(), vec![(1, 2), (1, 2)]);
/// assert_eq!(pad_widths(&[3], &[], 1).unwrap(), vec![(3, 3)]);
/// assert!(pad_widths(&[1, 2, 3], &[3], 2).is_err());
/// ```
pub fn pad_widths(values: &[i64], shape: &[usize], ndim: usize) -> Result<Vec<(usize, usize)>> {
    let bad = |why: String| Error::new(ErrorKind::InvalidArgument, "pad", why);
    let target = [ndim, 2];
    let fits = shape.len() <= 2
        && shape.iter().product::<usize>() == values.len()
        && shape
            .iter()
            .rev()
            .zip(target.iter().rev())
            .all(|(&s, &t)| s == 1 || s == t);
    if !fits {
        return Err(bad(format!(
            "pad width of shape {} does not broadcast to [{ndim}, 2] (one [before, after] per axis)",
            fmt_dims(shape)
        )));
    }
    if let Some(v) = values.iter().find(|&&v| v < 0) {
        return Err(bad(format!("pad width {v} is negative")));
    }
    // C-order strides of `shape` aligned to [ndim, 2], 0 where it broadcasts.
    let mut strides = [0usize; 2];
    let mut step = 1;
    for (k, &s) in shape.iter().enumerate().rev() {
        if s != 1 {
            strides[2 - shape.len() + k] = step;
        }
        step *= s;
    }
    let width = |axis: usize, side: usize| -> Result<usize> {
        let v = values[axis * strides[0] + side * strides[1]];
        usize::try_from(v)
            .ok()
            .filter(|&w| w <= isize::MAX as usize)
            .ok_or_else(|| bad(format!("pad width {v} is too large")))
    };
    (0..ndim)
        .map(|a| Ok((width(a, 0)?, width(a, 1)?)))
        .collect()
}

fn negative(op: &str, what: &str, values: &[i64]) -> Result<()> {
    match values.iter().find(|&&v| v < 0) {
        Some(v) => Err(Error::new(
            ErrorKind::InvalidArgument,
            op,
            format!("{what} {v} in {} is negative", fmt_dims(values)),
        )),
        None => Ok(()),
    }
}

/// Non-negative counts (checked by `negative`) as lengths; past `usize` (wasm32: 2^32) no
/// result could hold them: `INVALID_SHAPE`, never a wrapped count.
fn lengths(op: &str, counts: &[i64]) -> Result<Vec<usize>> {
    counts
        .iter()
        .map(|&c| usize::try_from(c).map_err(|_| too_large(op)))
        .collect()
}

fn too_large(op: &str) -> Error {
    Error::new(
        ErrorKind::InvalidShape,
        op,
        "the result has more elements than this platform can index",
    )
}

impl Tensor {
    /// NumPy's `split` (and `array_split` when the sections do not divide the axis): views
    /// of consecutive pieces along `axis`. Zero or negative sections are `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::{DType, Split, Tensor};
    /// let t = Tensor::arange(0.0, 5.0, 1.0, DType::Int32).unwrap();
    /// let parts = t.split(&Split::Sections(2), 0).unwrap();
    /// assert_eq!(parts[0].to_vec::<i32>().unwrap(), vec![0, 1, 2]);
    /// assert_eq!(parts[1].to_vec::<i32>().unwrap(), vec![3, 4]);
    /// assert!(parts[1].shares_memory(&t));
    /// let parts = t.split(&Split::Indices(vec![1, -1]), 0).unwrap();
    /// assert_eq!(parts.iter().map(|p| p.size()).collect::<Vec<_>>(), vec![1, 3, 1]);
    /// ```
    pub fn split(&self, spec: &Split, axis: i64) -> Result<Vec<Tensor>> {
        const OP: &str = "split";
        let axis = normalize_axes(OP, &[axis], self.ndim())?[0];
        let len = self.shape()[axis] as i64;
        let bounds: Vec<(i64, i64)> = match spec {
            Split::Sections(n) if *n <= 0 => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    OP,
                    format!("the number of sections must be positive, got {n}"),
                ))
            }
            Split::Sections(n) => {
                let (each, extra) = (len / n, len % n);
                let mut start = 0;
                let mut out = try_vec(OP, usize::try_from(*n).unwrap_or(usize::MAX))?;
                for k in 0..*n {
                    let stop = start + each + i64::from(k < extra);
                    out.push((start, stop));
                    start = stop;
                }
                out
            }
            Split::Indices(points) => {
                let starts = std::iter::once(0).chain(points.iter().copied());
                let stops = points.iter().copied().chain(std::iter::once(len));
                starts.zip(stops).collect()
            }
        };
        bounds
            .into_iter()
            .map(|(start, stop)| {
                let mut items = vec![IndexItem::FULL; axis];
                items.push(IndexItem::Slice {
                    start: Some(start),
                    stop: Some(stop),
                    step: None,
                });
                self.slice(&items)
            })
            .collect()
    }

    /// NumPy's `tile`: this tensor repeated `reps[d]` times along each axis; `reps` shorter
    /// than the shape is padded with leading 1s, longer prepends axes of length 1 to the
    /// tensor. Negative reps are `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 2.0, 1.0, DType::UInt8).unwrap();
    /// let r = t.tile(&[2, 2]).unwrap();
    /// assert_eq!(r.shape(), &[2, 4]);
    /// assert_eq!(r.to_vec::<u8>().unwrap(), vec![0, 1, 0, 1, 0, 1, 0, 1]);
    /// ```
    pub fn tile(&self, reps: &[i64]) -> Result<Tensor> {
        const OP: &str = "tile";
        negative(OP, "rep", reps)?;
        let ndim = self.ndim().max(reps.len());
        let pad = |v: &[usize]| -> Vec<usize> {
            let mut out = vec![1; ndim - v.len()];
            out.extend_from_slice(v);
            out
        };
        let reps: Vec<usize> = pad(&lengths(OP, reps)?);
        let dims = pad(self.shape());
        let shape = dims
            .iter()
            .zip(&reps)
            .map(|(&d, &r)| d.checked_mul(r).ok_or_else(|| too_large(OP)))
            .collect::<Result<Vec<usize>>>()?;
        crate::core::layout::checked_size(OP, &shape)?;
        let lead = ndim - self.ndim();
        gather_tables(OP, self, &shape, &|strides| {
            (0..ndim)
                .map(|a| {
                    let stride = if a < lead { 0 } else { strides[a - lead] };
                    let mut t = try_vec(OP, shape[a])?;
                    t.extend((0..shape[a]).map(|o| (o % dims[a]) as isize * stride));
                    Ok(t)
                })
                .collect()
        })
    }

    /// NumPy's `repeat`: each element repeated along `axis` (of the flattened tensor when
    /// `None`), `repeats` one count for all or one per element. A count list of another
    /// length is `SHAPE_MISMATCH`, a negative count `INVALID_ARGUMENT`.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 3.0, 1.0, DType::Int64).unwrap();
    /// assert_eq!(t.repeat(&[2], None).unwrap().to_vec::<i64>().unwrap(), vec![0, 0, 1, 1, 2, 2]);
    /// assert_eq!(t.repeat(&[0, 1, 2], Some(0)).unwrap().to_vec::<i64>().unwrap(), vec![1, 2, 2]);
    /// ```
    pub fn repeat(&self, repeats: &[i64], axis: Option<i64>) -> Result<Tensor> {
        const OP: &str = "repeat";
        negative(OP, "count", repeats)?;
        let (src, axis) = match axis {
            None => (self.flatten()?, 0),
            Some(a) if self.ndim() == 0 => {
                normalize_axes(OP, &[a], 1)?;
                (self.reshape(&[1])?, 0)
            }
            Some(a) => (self.share(), normalize_axes(OP, &[a], self.ndim())?[0]),
        };
        let n = src.shape()[axis];
        let repeats = lengths(OP, repeats)?;
        // One count for all, or one per element.
        let count = |j: usize| repeats[if repeats.len() == 1 { 0 } else { j }];
        match repeats.len() {
            1 => {}
            k if k == n => {}
            k => {
                return Err(Error::new(
                    ErrorKind::ShapeMismatch,
                    OP,
                    format!("{k} counts do not broadcast to axis {axis} of {n} elements"),
                ))
            }
        }
        let total = (0..n)
            .try_fold(0usize, |sum, j| sum.checked_add(count(j)))
            .filter(|&t| t <= isize::MAX as usize)
            .ok_or_else(|| too_large(OP))?;
        let mut shape = src.shape().to_vec();
        shape[axis] = total;
        crate::core::layout::checked_size(OP, &shape)?;
        gather_tables(OP, &src, &shape, &|strides| {
            (0..shape.len())
                .map(|a| match a == axis {
                    true => {
                        let mut t = try_vec(OP, total)?;
                        for j in 0..n {
                            t.extend(std::iter::repeat_n(j as isize * strides[a], count(j)));
                        }
                        Ok(t)
                    }
                    false => identity_table(OP, shape[a], strides[a]),
                })
                .collect()
        })
    }

    /// NumPy's `pad`: a new tensor with `widths[d] = (before, after)` elements added on each
    /// side of axis `d` (one pair per axis; see [`pad_widths`] for NumPy's short forms),
    /// filled by `mode`. `edge` and `reflect` cannot extend an empty axis
    /// (`INVALID_ARGUMENT`).
    ///
    /// ```
    /// use extensor::core::{DType, PadMode, Scalar, Tensor};
    /// let t = Tensor::arange(1.0, 4.0, 1.0, DType::Int32).unwrap();
    /// let c = t.pad(&[(1, 2)], PadMode::Constant(Scalar::Int(9))).unwrap();
    /// assert_eq!(c.to_vec::<i32>().unwrap(), vec![9, 1, 2, 3, 9, 9]);
    /// let r = t.pad(&[(2, 2)], PadMode::Reflect).unwrap();
    /// assert_eq!(r.to_vec::<i32>().unwrap(), vec![3, 2, 1, 2, 3, 2, 1]);
    /// ```
    pub fn pad(&self, widths: &[(usize, usize)], mode: PadMode) -> Result<Tensor> {
        const OP: &str = "pad";
        if widths.len() != self.ndim() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!(
                    "{} pad widths for a tensor of {} dimension(s)",
                    widths.len(),
                    self.ndim()
                ),
            ));
        }
        let shape = self
            .shape()
            .iter()
            .zip(widths)
            .map(|(&d, &(b, a))| d.checked_add(b)?.checked_add(a))
            .collect::<Option<Vec<usize>>>()
            .ok_or_else(|| too_large(OP))?;
        crate::core::layout::checked_size(OP, &shape)?;
        if let PadMode::Constant(value) = mode {
            let out = Tensor::full(&shape, value, self.dtype())?;
            if self.size() > 0 {
                let interior: Vec<IndexItem> = widths
                    .iter()
                    .zip(self.shape())
                    .map(|(&(b, _), &d)| IndexItem::Slice {
                        start: Some(b as i64),
                        stop: Some((b + d) as i64),
                        step: None,
                    })
                    .collect();
                out.slice(&interior)?.assign(self)?;
            }
            return Ok(out);
        }
        if let Some(axis) = (0..self.ndim()).find(|&a| self.shape()[a] == 0 && shape[a] > 0) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                OP,
                format!(
                    "cannot extend the empty axis {axis} with mode '{}'; only 'constant' can",
                    mode.name()
                ),
            ));
        }
        gather_tables(OP, self, &shape, &|strides| {
            (0..shape.len())
                .map(|a| {
                    let (n, before) = (self.shape()[a], widths[a].0 as i64);
                    let mut t = try_vec(OP, shape[a])?;
                    t.extend((0..shape[a]).map(|o| {
                        let at = o as i64 - before;
                        let from = match mode {
                            PadMode::Reflect => reflect_index(at, n),
                            _ => at.clamp(0, n as i64 - 1) as usize,
                        };
                        from as isize * strides[a]
                    }));
                    Ok(t)
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::DType;

    fn arange(n: usize, dtype: DType) -> Tensor {
        Tensor::arange(0.0, n as f64, 1.0, dtype).unwrap()
    }

    #[test]
    fn split_sections_follow_array_split() {
        let t = arange(5, DType::UInt8).reshape(&[5, 1]).unwrap();
        let parts = t.split(&Split::Sections(2), -1).unwrap();
        let shapes: Vec<&[usize]> = parts.iter().map(|p| p.shape()).collect();
        assert_eq!(shapes, vec![&[5, 1][..], &[5, 0][..]]);
        assert!(parts.iter().all(|p| p.is_view()));
        let e = t.split(&Split::Sections(0), 0).unwrap_err();
        assert_eq!(e.code(), "INVALID_ARGUMENT");
    }

    #[test]
    fn split_indices_slice_as_python_does() {
        let t = arange(5, DType::Int32);
        let parts = t.split(&Split::Indices(vec![3, 1]), 0).unwrap();
        let got: Vec<Vec<i32>> = parts.iter().map(|p| p.to_vec().unwrap()).collect();
        assert_eq!(got, vec![vec![0, 1, 2], vec![], vec![1, 2, 3, 4]]);
    }

    #[test]
    fn tile_reads_views_and_prepends_axes() {
        let t = arange(4, DType::Int16)
            .reshape(&[2, 2])
            .unwrap()
            .transpose(None)
            .unwrap();
        let r = t.tile(&[2, 1, 2]).unwrap();
        assert_eq!(r.shape(), &[2, 2, 4]);
        let row = [0, 2, 0, 2, 1, 3, 1, 3];
        let want: Vec<i16> = row.iter().chain(&row).copied().collect();
        assert_eq!(r.to_vec::<i16>().unwrap(), want);
        assert_eq!(t.tile(&[-1]).unwrap_err().code(), "INVALID_ARGUMENT");
    }

    #[test]
    fn repeat_checks_counts_and_repeats_along_an_axis() {
        let t = arange(6, DType::Float32).reshape(&[2, 3]).unwrap();
        let r = t.repeat(&[1, 0, 2], Some(-1)).unwrap();
        assert_eq!(r.to_vec::<f32>().unwrap(), vec![0., 2., 2., 3., 5., 5.]);
        assert_eq!(
            t.repeat(&[1, 2], Some(1)).unwrap_err().code(),
            "SHAPE_MISMATCH"
        );
        assert_eq!(
            t.repeat(&[-1], None).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        let s = Tensor::from_elements(&[], &[true]).unwrap();
        assert_eq!(
            s.repeat(&[2], Some(0)).unwrap().to_vec::<bool>().unwrap(),
            vec![true; 2]
        );
    }

    #[test]
    fn pad_edge_and_reflect_wider_than_the_axis() {
        let t = arange(3, DType::Int8);
        let e = t.pad(&[(2, 1)], PadMode::Edge).unwrap();
        assert_eq!(e.to_vec::<i8>().unwrap(), vec![0, 0, 0, 1, 2, 2]);
        let r = t.pad(&[(5, 0)], PadMode::Reflect).unwrap();
        assert_eq!(r.to_vec::<i8>().unwrap(), vec![1, 0, 1, 2, 1, 0, 1, 2]);
        let empty = Tensor::zeros(&[0, 2], DType::Int8).unwrap();
        assert_eq!(
            empty
                .pad(&[(1, 0), (0, 0)], PadMode::Edge)
                .unwrap_err()
                .code(),
            "INVALID_ARGUMENT"
        );
        let c = empty
            .pad(&[(1, 0), (0, 1)], PadMode::Constant(Scalar::Int(-1)))
            .unwrap();
        assert_eq!(c.to_vec::<i8>().unwrap(), vec![-1, -1, -1]);
    }

    #[test]
    fn pad_widths_broadcast_numpy_forms() {
        assert_eq!(pad_widths(&[1, 2], &[1, 2], 2).unwrap(), vec![(1, 2); 2]);
        assert_eq!(
            pad_widths(&[1, 2, 3, 4], &[2, 2], 2).unwrap(),
            vec![(1, 2), (3, 4)]
        );
        assert_eq!(
            pad_widths(&[1, 2], &[2, 1], 2).unwrap(),
            vec![(1, 1), (2, 2)]
        );
        assert_eq!(pad_widths(&[1, 2], &[2], 0).unwrap(), vec![]);
        assert!(pad_widths(&[-1], &[], 1).is_err());
        assert!(pad_widths(&[1, 2, 3, 4, 5, 6], &[3, 2], 2).is_err());
    }
}
