//! NumPy indexing with advanced items: `a[idx]` and `a[idx] = v` where items may be integer
//! or bool tensors besides the basic ones (integers, slices, `...`, `None`).
//!
//! Both go the same way: the basic items (with a full slice standing in for each advanced
//! one) make a view; the advanced index arrays broadcast to one shape `B`; the result has
//! `B` where the advanced dimensions were when those were adjacent, else first (NumPy's
//! rule for separated advanced indices).

use super::elementwise::broadcast_shapes;
use crate::core::dtype::DType;
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::index::IndexItem;
use crate::core::ops::Rhs;
use crate::core::tensor::Tensor;

/// One item of a NumPy index.
#[derive(Clone, Copy, Debug)]
pub enum Index<'a> {
    /// A basic item: an integer, a slice, `...` or `None`.
    Basic(IndexItem),
    /// An index array: integers (advanced indexing) or bools (a mask over its dimensions).
    Array(&'a Tensor),
}

/// What the basic view and the advanced arrays give.
struct Plan {
    /// The basic view, with a full slice at each advanced dimension.
    view: Tensor,
    /// The view's dimensions the advanced arrays index, in order (ascending).
    positions: Vec<usize>,
    /// One flat index list per advanced dimension (in range), all of `shape`'s size.
    indices: Vec<Vec<usize>>,
    /// The broadcast shape of the index arrays.
    shape: Vec<usize>,
}

impl Plan {
    /// Whether the advanced dimensions were adjacent (then `B` stays in their place).
    fn adjacent(&self) -> bool {
        self.positions.windows(2).all(|w| w[1] == w[0] + 1)
    }

    /// The view's other dimensions, in order.
    fn rest(&self) -> Vec<usize> {
        (0..self.view.ndim())
            .filter(|d| !self.positions.contains(d))
            .collect()
    }

    /// The view with the advanced dimensions first.
    fn advanced_first(&self) -> Result<Tensor> {
        let perm: Vec<i64> = self
            .positions
            .iter()
            .chain(&self.rest())
            .map(|&d| d as i64)
            .collect();
        self.view.transpose(Some(&perm))
    }

    /// The result in `B`-first order moved to NumPy's order.
    fn place(&self, b_first: Tensor) -> Result<Tensor> {
        let Some(&first) = self.positions.first() else {
            return Ok(b_first);
        };
        if !self.adjacent() || first == 0 || self.shape.is_empty() {
            return Ok(b_first);
        }
        let k = self.shape.len() as i64;
        let source: Vec<i64> = (0..k).collect();
        let destination: Vec<i64> = (0..k).map(|i| first as i64 + i).collect();
        b_first.moveaxis(&source, &destination)
    }

    /// The shape of `a[idx]`.
    fn result_shape(&self) -> Vec<usize> {
        let rest: Vec<usize> = self.rest().iter().map(|&d| self.view.shape()[d]).collect();
        if let (true, Some(&first)) = (self.adjacent(), self.positions.first()) {
            let mut shape: Vec<usize> = self.view.shape()[..first].to_vec();
            shape.extend(&self.shape);
            shape.extend(&rest[first..]);
            shape
        } else {
            self.shape.iter().chain(&rest).copied().collect()
        }
    }
}

impl Tensor {
    /// `a[items]` as NumPy: basic items alone give a view (as `slice`); with an index array
    /// the result is a copy laid out by NumPy's advanced-indexing rules.
    ///
    /// ```
    /// use extensor::core::{DType, Index, IndexItem, Tensor};
    /// let a = Tensor::arange(0.0, 12.0, 1.0, DType::Int32).unwrap().reshape(&[3, 4]).unwrap();
    /// let rows = Tensor::from_elements(&[2], &[2i64, 0]).unwrap();
    /// let picked = a.index(&[Index::Array(&rows), Index::Basic(IndexItem::Index(1))]).unwrap();
    /// assert_eq!(picked.to_vec::<i32>().unwrap(), vec![9, 1]);
    /// ```
    pub fn index(&self, items: &[Index]) -> Result<Tensor> {
        let Some(plan) = self.plan_index("index", items)? else {
            return self.slice(&basic_items(items));
        };
        let source = plan.advanced_first()?.contiguous()?;
        let itemsize = self.dtype().itemsize();
        let strides = row_strides(&source.shape()[..plan.positions.len()]);
        let row: usize = source.shape()[plan.positions.len()..].iter().product();
        let row_bytes = row * itemsize;
        let bytes = source.to_bytes()?;
        let count: usize = plan.shape.iter().product();
        let mut out = Vec::new();
        out.try_reserve_exact(count.saturating_mul(row_bytes))
            .map_err(|_| {
                Error::new(
                    ErrorKind::OutOfMemory,
                    "index",
                    "the result does not fit in memory",
                )
            })?;
        for b in 0..count {
            let at: usize = plan
                .indices
                .iter()
                .zip(&strides)
                .map(|(ix, s)| ix[b] * s)
                .sum();
            out.extend_from_slice(&bytes[at * row_bytes..(at + 1) * row_bytes]);
        }
        let shape: Vec<usize> = plan
            .shape
            .iter()
            .chain(&source.shape()[plan.positions.len()..])
            .copied()
            .collect();
        let b_first = Tensor::from_bytes(&shape, self.dtype(), &out)?;
        plan.place(b_first)?.contiguous()
    }

    /// `a[items] = value` as NumPy: `value` broadcast to the shape `a[items]` has and cast to
    /// this dtype; with repeated indices the last write wins.
    ///
    /// ```
    /// use extensor::core::{DType, Index, Rhs, Scalar, Tensor};
    /// let a = Tensor::zeros(&[4], DType::Float32).unwrap();
    /// let at = Tensor::from_elements(&[3], &[1i64, 3, 1]).unwrap();
    /// a.index_set(&[Index::Array(&at)], Rhs::Scalar(Scalar::Float(7.0))).unwrap();
    /// assert_eq!(a.to_vec::<f32>().unwrap(), vec![0.0, 7.0, 0.0, 7.0]);
    /// ```
    pub fn index_set(&self, items: &[Index], value: Rhs) -> Result<()> {
        let Some(plan) = self.plan_index("indexSet", items)? else {
            let target = self.slice(&basic_items(items))?;
            return match value {
                Rhs::Scalar(s) => target.fill(s),
                Rhs::Tensor(v) => target.assign(v),
            };
        };
        self.check_writable("indexSet")?;
        let target = plan.advanced_first()?;
        let k = plan.positions.len();
        let count: usize = plan.shape.iter().product();
        // The value in B-first order, read before any write when it overlaps this tensor.
        let source = match value {
            Rhs::Scalar(_) => None,
            Rhs::Tensor(v) => {
                let shape = plan.result_shape();
                let spread = v.broadcast_to(&shape).map_err(|_| {
                    Error::new(
                        ErrorKind::ShapeMismatch,
                        "indexSet",
                        format!(
                            "cannot broadcast a value of shape {} to the indexed shape {}",
                            fmt_dims(v.shape()),
                            fmt_dims(&shape)
                        ),
                    )
                })?;
                let spread = if spread.shares_memory(self) {
                    spread.deep_copy()?
                } else {
                    spread
                };
                Some(b_first_order(&plan, spread)?)
            }
        };
        let b_strides = row_strides(&plan.shape);
        for b in 0..count {
            let at: Vec<IndexItem> = plan
                .indices
                .iter()
                .map(|ix| IndexItem::Index(ix[b] as i64))
                .collect();
            let row = target.slice(&at)?;
            match (&source, value) {
                (Some(src), _) => {
                    let here: Vec<IndexItem> = b_strides
                        .iter()
                        .zip(&plan.shape)
                        .map(|(s, &n)| IndexItem::Index(((b / s) % n.max(1)) as i64))
                        .collect();
                    row.assign(&src.slice(&here)?)?;
                }
                (None, Rhs::Scalar(s)) => row.fill(s)?,
                (None, Rhs::Tensor(_)) => return Err(Error::internal("indexSet", "value lost")),
            }
        }
        debug_assert!(k > 0);
        Ok(())
    }

    /// The view and the advanced arrays of `items`; None when every item is basic.
    fn plan_index(&self, op: &str, items: &[Index]) -> Result<Option<Plan>> {
        if !items.iter().any(|i| matches!(i, Index::Array(_))) {
            return Ok(None);
        }
        // The dimensions each item consumes; `...` takes what the others leave.
        let consumed = |i: &Index| match i {
            Index::Basic(IndexItem::Index(_) | IndexItem::Slice { .. }) => 1,
            Index::Basic(_) => 0,
            Index::Array(t) if t.dtype() == DType::Bool => t.ndim(),
            Index::Array(_) => 1,
        };
        let used: usize = items.iter().map(consumed).sum();
        if used > self.ndim() {
            return Err(Error::new(
                ErrorKind::IndexOutOfBounds,
                op,
                format!(
                    "too many indices: {used} for a tensor of {} dimensions",
                    self.ndim()
                ),
            ));
        }
        let fill = self.ndim() - used;
        let mut basic = Vec::new();
        let mut arrays: Vec<(usize, Tensor)> = Vec::new(); // (view dimension, int64 indices)
        let (mut in_dim, mut out_dim) = (0usize, 0usize);
        for item in items {
            match *item {
                Index::Basic(IndexItem::Ellipsis) => {
                    basic.push(IndexItem::Ellipsis);
                    in_dim += fill;
                    out_dim += fill;
                }
                Index::Basic(IndexItem::NewAxis) => {
                    basic.push(IndexItem::NewAxis);
                    out_dim += 1;
                }
                Index::Basic(s @ IndexItem::Slice { .. }) => {
                    basic.push(s);
                    in_dim += 1;
                    out_dim += 1;
                }
                // With an index array present, an integer is a 0-d index array too.
                Index::Basic(IndexItem::Index(i)) => {
                    basic.push(IndexItem::FULL);
                    arrays.push((out_dim, Tensor::from_elements(&[], &[i])?));
                    in_dim += 1;
                    out_dim += 1;
                }
                // A 0-d mask (NumPy's a[True] / a[False]): a new axis of length 1, kept
                // (index 0) or dropped (no index).
                Index::Array(mask) if mask.dtype() == DType::Bool && mask.ndim() == 0 => {
                    basic.push(IndexItem::NewAxis);
                    let keep = matches!(mask.item()?, crate::core::dtype::Scalar::Bool(true));
                    let at: &[i64] = if keep { &[0] } else { &[] };
                    arrays.push((out_dim, Tensor::from_elements(&[at.len()], at)?));
                    out_dim += 1;
                }
                Index::Array(mask) if mask.dtype() == DType::Bool => {
                    let covered = &self.shape()[in_dim..in_dim + mask.ndim()];
                    if mask.shape() != covered {
                        return Err(Error::new(
                            ErrorKind::IndexOutOfBounds,
                            op,
                            format!("a boolean index of shape {} does not match the indexed dimensions {}", fmt_dims(mask.shape()), fmt_dims(covered)),
                        ));
                    }
                    for coordinate in mask.nonzero_coordinates()? {
                        basic.push(IndexItem::FULL);
                        arrays.push((out_dim, coordinate));
                        out_dim += 1;
                    }
                    in_dim += mask.ndim();
                }
                Index::Array(ix) => {
                    if ix.dtype().is_float() {
                        return Err(Error::new(
                            ErrorKind::IndexOutOfBounds,
                            op,
                            format!(
                                "arrays used as indices must be of integer or boolean type, not {}",
                                ix.dtype()
                            ),
                        ));
                    }
                    basic.push(IndexItem::FULL);
                    arrays.push((out_dim, ix.as_dtype(DType::Int64)?));
                    in_dim += 1;
                    out_dim += 1;
                }
            }
        }
        // Ellipsis not written: the remaining dimensions are full slices already.
        let view = self.slice(&basic)?;
        let shapes: Vec<&[usize]> = arrays.iter().map(|(_, t)| t.shape()).collect();
        let shape = broadcast_shapes(op, &shapes)?;
        let mut indices = Vec::with_capacity(arrays.len());
        for (dim, t) in &arrays {
            let n = view.shape()[*dim];
            let spread = t.broadcast_to(&shape)?.to_vec::<i64>()?;
            let normal = spread
                .iter()
                .map(|&i| {
                    let j = if i < 0 { i + n as i64 } else { i };
                    usize::try_from(j).ok().filter(|&j| j < n).ok_or_else(|| {
                        Error::new(
                            ErrorKind::IndexOutOfBounds,
                            op,
                            format!("index {i} is out of bounds for axis {dim} with size {n}"),
                        )
                    })
                })
                .collect::<Result<Vec<usize>>>()?;
            indices.push(normal);
        }
        let positions = arrays.iter().map(|(d, _)| *d).collect();
        Ok(Some(Plan {
            view,
            positions,
            indices,
            shape,
        }))
    }

    /// For each dimension, the int64 coordinates of this tensor's true elements (NumPy's
    /// `nonzero`), in C order.
    pub(crate) fn nonzero_coordinates(&self) -> Result<Vec<Tensor>> {
        let truth = self.as_dtype(DType::Bool)?.to_vec::<bool>()?;
        let strides = row_strides(self.shape());
        let mut coordinates: Vec<Vec<i64>> = vec![Vec::new(); self.ndim()];
        for (flat, _) in truth.iter().enumerate().filter(|(_, &t)| t) {
            for (d, (s, &n)) in strides.iter().zip(self.shape()).enumerate() {
                coordinates[d].push(((flat / s) % n) as i64);
            }
        }
        coordinates
            .iter()
            .map(|c| Tensor::from_elements(&[c.len()], c))
            .collect()
    }
}

/// The basic items alone (no index arrays among them).
fn basic_items(items: &[Index]) -> Vec<IndexItem> {
    items
        .iter()
        .filter_map(|i| match i {
            Index::Basic(b) => Some(*b),
            Index::Array(_) => None,
        })
        .collect()
}

/// C-order strides (in elements) of `shape`.
fn row_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * shape[d + 1];
    }
    strides
}

/// `value` (in `a[idx]`'s order) reordered with the broadcast dimensions first.
fn b_first_order(plan: &Plan, value: Tensor) -> Result<Tensor> {
    let Some(&first) = plan.positions.first() else {
        return Ok(value);
    };
    if !plan.adjacent() || first == 0 || plan.shape.is_empty() {
        return Ok(value);
    }
    let k = plan.shape.len() as i64;
    let source: Vec<i64> = (0..k).map(|i| first as i64 + i).collect();
    let destination: Vec<i64> = (0..k).collect();
    value.moveaxis(&source, &destination)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dtype::Scalar;

    fn arange(shape: &[usize]) -> Tensor {
        let n: usize = shape.iter().product();
        Tensor::arange(0.0, n as f64, 1.0, DType::Int32)
            .unwrap()
            .reshape(&shape.iter().map(|&d| d as i64).collect::<Vec<_>>())
            .unwrap()
    }

    fn ints(v: &[i64]) -> Tensor {
        Tensor::from_elements(&[v.len()], v).unwrap()
    }

    #[test]
    fn separated_index_arrays_put_their_dimensions_first() {
        // NumPy: a[0, :, [0, 1, 2]] on [2, 3, 4] has shape (3, 3).
        let a = arange(&[2, 3, 4]);
        let ix = ints(&[0, 1, 2]);
        let r = a
            .index(&[
                Index::Basic(IndexItem::Index(0)),
                Index::Basic(IndexItem::FULL),
                Index::Array(&ix),
            ])
            .unwrap();
        assert_eq!(r.shape(), &[3, 3]);
        assert_eq!(r.to_vec::<i32>().unwrap(), [0, 4, 8, 1, 5, 9, 2, 6, 10]);
    }

    #[test]
    fn adjacent_index_arrays_stay_in_place() {
        let a = arange(&[2, 3, 4]);
        let (i, j) = (ints(&[0, 2]), ints(&[1, 3]));
        let r = a
            .index(&[
                Index::Basic(IndexItem::FULL),
                Index::Array(&i),
                Index::Array(&j),
            ])
            .unwrap();
        assert_eq!(r.shape(), &[2, 2]);
        assert_eq!(r.to_vec::<i32>().unwrap(), [1, 11, 13, 23]);
    }

    #[test]
    fn a_bool_mask_selects_and_out_of_range_indices_are_refused() {
        let a = arange(&[4]);
        let mask = Tensor::from_elements(&[4], &[true, false, true, false]).unwrap();
        assert_eq!(
            a.index(&[Index::Array(&mask)])
                .unwrap()
                .to_vec::<i32>()
                .unwrap(),
            [0, 2]
        );
        let far = ints(&[4]);
        assert_eq!(
            a.index(&[Index::Array(&far)]).unwrap_err().code(),
            "INDEX_OUT_OF_BOUNDS"
        );
    }

    #[test]
    fn a_zero_d_mask_adds_an_axis_of_one_or_none_as_numpy() {
        let a = arange(&[2, 3]);
        let yes = Tensor::from_elements(&[], &[true]).unwrap();
        let no = Tensor::from_elements(&[], &[false]).unwrap();
        assert_eq!(a.index(&[Index::Array(&yes)]).unwrap().shape(), &[1, 2, 3]);
        assert_eq!(a.index(&[Index::Array(&no)]).unwrap().shape(), &[0, 2, 3]);
        let s = Tensor::from_elements(&[], &[5i32]).unwrap();
        assert_eq!(
            s.index(&[Index::Array(&yes)])
                .unwrap()
                .to_vec::<i32>()
                .unwrap(),
            [5]
        );
    }

    #[test]
    fn repeated_indices_in_index_set_let_the_last_write_win() {
        let a = Tensor::zeros(&[3], DType::Int32).unwrap();
        let at = ints(&[1, 1]);
        let v = Tensor::from_elements(&[2], &[5i32, 9]).unwrap();
        a.index_set(&[Index::Array(&at)], Rhs::Tensor(&v)).unwrap();
        assert_eq!(a.to_vec::<i32>().unwrap(), [0, 9, 0]);
        a.index_set(&[Index::Array(&at)], Rhs::Scalar(Scalar::Float(2.0)))
            .unwrap();
        assert_eq!(a.to_vec::<i32>().unwrap(), [0, 2, 0]);
    }
}
