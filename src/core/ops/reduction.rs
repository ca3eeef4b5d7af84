//! Reductions over any axes: sum, prod, mean, max, min, argMax, argMin.

use super::{compute_dtype, with_numeric_type};
use crate::core::dtype::{DType, Element};
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::kernels::reduce::{
    arg_fold_row, fold_rows, fold_rows_widening, wide_sum, ArgExtreme, Extreme, Mean, Prod,
    Reducer, Sum, WideSum,
};
use crate::core::kernels::{Arith, BinaryOp, Float, Operand, ReduceOp};
use crate::core::layout::{normalize_axes, Layout};
use crate::core::parallel;
use crate::core::promote::sum_dtype;
use crate::core::strided::{for_each_block, Access};
use crate::core::tensor::Tensor;

/// Elements per kernel call, as in the elementwise front.
const CHUNK: usize = 8192;

/// The result and compute dtypes of a reduction of `dtype`; `requested` is NumPy's `dtype=`
/// (sum, prod and mean take one: the result dtype, accumulated in its compute type).
fn dtypes(op: ReduceOp, dtype: DType, requested: Option<DType>) -> (DType, DType) {
    match op {
        ReduceOp::Sum | ReduceOp::Prod => {
            let result = requested.unwrap_or_else(|| sum_dtype(dtype));
            // A bool accumulator is NumPy's logical or (and): accumulate in int64, then
            // the cast to bool says whether any (or every) element was nonzero.
            let compute = if result == DType::Bool {
                DType::Int64
            } else {
                compute_dtype(result)
            };
            (result, compute)
        }
        ReduceOp::Mean => {
            let fallback = if dtype.is_float() {
                dtype
            } else {
                DType::Float64
            };
            let result = requested.unwrap_or(fallback);
            // An integer mean dtype divides in float64, then casts (NumPy truncates too).
            let compute = if result.is_float() {
                compute_dtype(result)
            } else {
                DType::Float64
            };
            (result, compute)
        }
        ReduceOp::Max | ReduceOp::Min => {
            let compute = if dtype == DType::Bool {
                DType::UInt8
            } else {
                compute_dtype(dtype)
            };
            (dtype, compute)
        }
        ReduceOp::ArgMax | ReduceOp::ArgMin => {
            let compute = if dtype == DType::Bool {
                DType::UInt8
            } else {
                compute_dtype(dtype)
            };
            (DType::Int32, compute)
        }
    }
}

impl Tensor {
    /// Reduces over `axes` (all when `None`). argMax/argMin take one axis (the flattened
    /// tensor when `None`).
    ///
    /// `sum`/`prod` follow NumPy's default dtypes ([`sum_dtype`]: int32 sums to int64).
    ///
    /// ```
    /// use extensor::core::{DType, ReduceOp, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(t.reduce(ReduceOp::Sum, Some(&[1]), false).unwrap().to_vec::<i64>().unwrap(), vec![3, 12]);
    /// assert_eq!(t.reduce(ReduceOp::ArgMax, Some(&[0]), false).unwrap().to_vec::<i32>().unwrap(), vec![1, 1, 1]);
    /// let m = t.reduce(ReduceOp::Mean, None, true).unwrap();
    /// assert_eq!((m.shape(), m.dtype()), (&[1, 1][..], DType::Float64));
    /// ```
    pub fn reduce(&self, op: ReduceOp, axes: Option<&[i64]>, keep_dims: bool) -> Result<Tensor> {
        self.reduce_as(op, axes, keep_dims, None)
    }

    /// [`Tensor::reduce`] with NumPy's `dtype=`: the result dtype of `sum`, `prod` and `mean`,
    /// accumulated in that dtype (its compute type for the half floats). Other reductions
    /// refuse one (`INVALID_ARGUMENT`).
    ///
    /// ```
    /// use extensor::core::{DType, ReduceOp, Tensor};
    /// let t = Tensor::full(&[300], extensor::core::Scalar::Int(200), DType::UInt8).unwrap();
    /// assert_eq!(t.reduce(ReduceOp::Sum, None, false).unwrap().to_vec::<u64>().unwrap(), vec![60_000]);
    /// let wrapped = t.reduce_as(ReduceOp::Sum, None, false, Some(DType::UInt8)).unwrap();
    /// assert_eq!(wrapped.to_vec::<u8>().unwrap(), vec![(60_000 % 256) as u8]);
    /// ```
    pub fn reduce_as(
        &self,
        op: ReduceOp,
        axes: Option<&[i64]>,
        keep_dims: bool,
        dtype: Option<DType>,
    ) -> Result<Tensor> {
        let name = op.name();
        if dtype.is_some() && !matches!(op, ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Mean) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                name,
                "takes no dtype (only sum, prod and mean do)".to_string(),
            ));
        }
        if let Some(out) = dtype.and_then(|d| self.reduce_in_dtype(op, axes, keep_dims, d)) {
            return out;
        }
        let is_arg = matches!(op, ReduceOp::ArgMax | ReduceOp::ArgMin);
        if is_arg {
            if let Some(a) = axes {
                if a.len() != 1 {
                    return Err(Error::new(
                        ErrorKind::InvalidArgument,
                        name,
                        format!("takes one axis, got {}", a.len()),
                    ));
                }
            } else if self.ndim() != 1 {
                // NumPy: argmax of the flattened tensor.
                let flat = self.reshape(&[-1])?;
                let r = flat.reduce(op, Some(&[0]), false)?;
                return if keep_dims {
                    r.reshape(&vec![1; self.ndim()])
                } else {
                    Ok(r)
                };
            }
        }
        let plan = ReducePlan::new(self, name, axes, keep_dims)?;
        let (ordered, inner, out_shape) = (&plan.ordered, plan.inner, &plan.out_shape[..]);
        let outer: usize = out_shape.iter().product();
        if inner == 0
            && outer > 0
            && matches!(
                op,
                ReduceOp::Max | ReduceOp::Min | ReduceOp::ArgMax | ReduceOp::ArgMin
            )
        {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                name,
                format!(
                    "zero-size reduction has no identity (shape {:?}, axes {:?})",
                    self.shape(),
                    plan.axes
                ),
            ));
        }
        let (result, compute) = dtypes(op, self.dtype(), dtype);
        if let Some(out) = self.wide_sum(&plan, op, compute) {
            return out.and_then(|out| out.astype(result));
        }
        // The row path reads rows in the tensor's own dtype: only when that is the compute
        // dtype and the result (an int32 sum accumulates in int64, never in int32).
        if compute == self.dtype() && (result == compute || is_arg) {
            if let Some(out) = self.reduce_rows(op, &plan) {
                return out;
            }
        }
        let out = with_numeric_type!(compute, name, C => match op {
            ReduceOp::Sum => self.reduce_with::<C, _>(ordered, inner, out_shape, Sum::<C>::default()),
            ReduceOp::Prod => self.reduce_with::<C, _>(ordered, inner, out_shape, Prod::<C>::default()),
            ReduceOp::Max => self.reduce_with::<C, _>(ordered, inner, out_shape, Extreme::<C>::new(true)),
            ReduceOp::Min => self.reduce_with::<C, _>(ordered, inner, out_shape, Extreme::<C>::new(false)),
            ReduceOp::ArgMax => self.reduce_with::<C, _>(ordered, inner, out_shape, ArgExtreme::<C>::new(true)),
            ReduceOp::ArgMin => self.reduce_with::<C, _>(ordered, inner, out_shape, ArgExtreme::<C>::new(false)),
            ReduceOp::Mean => mean_of::<C>(self, ordered, inner, out_shape),
        })?;
        if out.dtype() == result {
            Ok(out)
        } else {
            out.astype(result)
        }
    }

    /// Sums over `axes` (all when `None`), in NumPy's default dtype ([`sum_dtype`]).
    pub fn sum(&self, axes: Option<&[i64]>, keep_dims: bool) -> Result<Tensor> {
        self.reduce(ReduceOp::Sum, axes, keep_dims)
    }

    /// Feeds the `ordered` layout (kept axes first, reduced last) to `reducer`, closing one
    /// output every `inner` elements.
    fn reduce_with<C: Element, R: Reducer<C> + Clone + Send + Sync>(
        &self,
        ordered: &Layout,
        inner: usize,
        out_shape: &[usize],
        mut reducer: R,
    ) -> Result<Tensor> {
        if let Some(out) = self.reduce_rows_borrowed::<C, R>(ordered, inner, out_shape, &reducer) {
            return out;
        }
        Tensor::fresh_output::<R::Out>(out_shape, |out| {
            if inner == 0 {
                for o in out.iter_mut() {
                    *o = reducer.take(0);
                }
                return Ok(());
            }
            let mut scratch: Vec<C> = Vec::new();
            for_each_block(ordered.shape(), &[ordered], |start, len, accesses| {
                let mut pos = start;
                let end = start + len;
                while pos < end {
                    let output = pos / inner;
                    let boundary = (output + 1) * inner;
                    let access = accesses[0].advance(pos - start);
                    let whole = boundary.min(end) - pos;
                    // A contiguous segment is fed whole (pairwise sums stay accurate);
                    // anything converted or gathered goes through scratch in chunks.
                    let direct = match access {
                        Access::Unit(first) => self.borrow_elements::<C>(first, whole),
                        _ => None,
                    };
                    let n = if direct.is_some() {
                        whole
                    } else {
                        whole.min(CHUNK)
                    };
                    let operand = match direct {
                        Some(slice) => Operand::Slice(slice),
                        None => self.block_operand::<C>(access, n, &mut scratch)?,
                    };
                    match operand {
                        Operand::Slice(seg) => reducer.feed(seg, pos - output * inner),
                        Operand::Scalar(v) => reducer.feed(&vec![v; n], pos - output * inner),
                    }
                    pos += n;
                    if pos == boundary {
                        if let Some(o) = out.get_mut(output) {
                            *o = reducer.take(inner);
                        }
                    }
                }
                Ok(())
            })
        })
    }
}

impl Tensor {
    /// [`Tensor::reduce_with`] when every output's elements are one contiguous run of
    /// storage already in the compute type: each run is fed whole, as the general path
    /// feeds it, by a fresh reducer per piece of outputs, and the pieces may run on the
    /// thread pool. None otherwise.
    fn reduce_rows_borrowed<C: Element, R: Reducer<C> + Clone + Send + Sync>(
        &self,
        ordered: &Layout,
        inner: usize,
        out_shape: &[usize],
        reducer: &R,
    ) -> Option<Result<Tensor>> {
        let outputs = ordered.size().checked_div(inner)?;
        if outputs < 2 || !ordered.is_c_contiguous() {
            return None;
        }
        let whole = self.borrow_elements::<C>(ordered.offset(), ordered.size())?;
        let rows_per_piece = (parallel::ELEMENTWISE_PIECE / inner).max(1);
        Some(Tensor::fresh_output::<R::Out>(out_shape, |out| {
            let out = out
                .get_mut(..outputs)
                .ok_or_else(|| Error::internal("reduce", "output size"))?;
            parallel::for_each_piece(out, rows_per_piece, whole.len(), |first, dst| {
                let mut reducer = reducer.clone();
                let rows = whole[first * inner..].chunks_exact(inner);
                for (o, row) in dst.iter_mut().zip(rows) {
                    reducer.feed(row, 0);
                    *o = reducer.take(inner);
                }
            });
            Ok(())
        }))
    }
}

/// Inner-axis chunk of `reduce_rows`: its accumulators stay in L1 cache.
const ROW_CHUNK: usize = 2048;

/// The shortest rows `reduce_rows` combines.
const MIN_ROW: usize = 16;

impl Tensor {
    /// The outer-axis case NumPy also treats apart: a C-contiguous tensor reduced over a run
    /// of axes followed by kept axes, so every output element combines equally spaced
    /// contiguous rows. The rows are combined elementwise (the SIMD binary kernels) instead of
    /// gathering each output's column. None when the layout or op does not fit; then the
    /// general path runs.
    fn reduce_rows(&self, op: ReduceOp, plan: &ReducePlan) -> Option<Result<Tensor>> {
        let combine = match op {
            ReduceOp::Sum | ReduceOp::Mean => BinaryOp::Add,
            ReduceOp::Prod => BinaryOp::Mul,
            ReduceOp::Max => BinaryOp::Maximum,
            ReduceOp::Min => BinaryOp::Minimum,
            ReduceOp::ArgMax | ReduceOp::ArgMin => BinaryOp::Maximum, // unused: arg_rows
        };
        let dims = self.row_dims(plan)?;
        let out_shape = &plan.out_shape[..];
        if let ReduceOp::ArgMax | ReduceOp::ArgMin = op {
            let max = op == ReduceOp::ArgMax;
            return crate::match_numeric_dtype!(self.dtype(),
                C => Some(self.arg_rows::<C>(max, dims, out_shape)),
                _ => None,
            );
        }
        let mean = op == ReduceOp::Mean;
        let count = dims[1] as f64;
        match self.dtype() {
            DType::Float32 if mean => {
                Some(self.combine_rows(combine, dims, out_shape, |a: f32| {
                    a.div(f32::from_f64(count))
                }))
            }
            DType::Float64 if mean => {
                Some(self.combine_rows(combine, dims, out_shape, |a: f64| a.div(count)))
            }
            _ if mean => None,
            dtype => crate::match_numeric_dtype!(dtype,
                C => Some(self.combine_rows::<C>(combine, dims, out_shape, |a| a)),
                _ => None,
            ),
        }
    }

    /// `out[o, j] = finish(row(o, 0)[j] ∘ row(o, 1)[j] ∘ …)` for `[outer, rows, inner]`
    /// elements, in chunks of ROW_CHUNK along the row, folded in row order ([`fold_rows`]).
    fn combine_rows<C: Arith>(
        &self,
        combine: BinaryOp,
        [outer, rows, inner]: [usize; 3],
        out_shape: &[usize],
        finish: impl Fn(C) -> C,
    ) -> Result<Tensor> {
        let row = |o: usize, r: usize, start: usize, len: usize| {
            self.borrow_elements::<C>(self.offset() + (o * rows + r) * inner + start, len)
                .ok_or_else(|| Error::internal("reduce", "row out of range"))
        };
        Tensor::fresh_output_uninit::<C>(out_shape, |out| {
            let mut acc: Vec<C> = Vec::new();
            let mut group: Vec<&[C]> = Vec::with_capacity(ROW_GROUP);
            for o in 0..outer {
                let mut start = 0;
                while start < inner {
                    let len = ROW_CHUNK.min(inner - start);
                    acc.clear();
                    acc.extend_from_slice(row(o, 0, start, len)?);
                    let mut r = 1;
                    while r < rows {
                        group.clear();
                        for k in r..(r + ROW_GROUP).min(rows) {
                            group.push(row(o, k, start, len)?);
                        }
                        fold_rows(combine, &mut acc, &group);
                        r += group.len();
                    }
                    let dst = out
                        .get_mut(o * inner + start..o * inner + start + len)
                        .ok_or_else(|| Error::internal("reduce", "output out of range"))?;
                    for (d, &a) in dst.iter_mut().zip(&acc) {
                        d.write(finish(a));
                    }
                    start += len;
                }
            }
            Ok(())
        })
    }
}

impl Tensor {
    /// The sum of a narrow integer tensor in int64 (NumPy's int64/uint64 default, the
    /// caller casts): whole runs summed straight from storage ([`WideSum`]), or, for an
    /// outer-axis reduction of a contiguous tensor, rows added into int64 accumulators.
    /// None for other dtypes, ops and layouts.
    fn wide_sum(&self, plan: &ReducePlan, op: ReduceOp, compute: DType) -> Option<Result<Tensor>> {
        if op != ReduceOp::Sum || !matches!(compute, DType::Int64 | DType::UInt64) {
            return None;
        }
        let (ordered, inner, out_shape) = (&plan.ordered, plan.inner, &plan.out_shape[..]);
        let rows = self.row_dims(plan);
        macro_rules! narrow {
            ($($dtype:ident => $t:ty, $widen:expr;)*) => {
                match self.dtype() {
                    $(DType::$dtype => Some(match rows {
                        Some(dims) => self.widen_rows::<$t>(dims, out_shape, i64::from),
                        None => self.reduce_with::<$t, _>(ordered, inner, out_shape, WideSum::new($widen)),
                    }),)*
                    _ => None,
                }
            };
        }
        narrow! {
            Int8 => i8, wide_sum::i8s;
            UInt8 => u8, wide_sum::u8s;
            Int16 => i16, wide_sum::i16s;
            UInt16 => u16, wide_sum::u16s;
            Int32 => i32, wide_sum::i32s;
            UInt32 => u32, wide_sum::u32s;
        }
    }

    /// `[outer, rows, inner]` when the reduction is the row case: a C-contiguous tensor
    /// reduced over one run of axes (given in any order) followed by kept axes. Short rows
    /// stay on the general path: there sums are pairwise along each output's run (rows
    /// combined one after another would lose that, as NumPy's outer-axis loop does only
    /// when its rows are long), and one kernel call per element would be slow.
    fn row_dims(&self, plan: &ReducePlan) -> Option<[usize; 3]> {
        let mut axes = plan.axes.clone();
        axes.sort_unstable();
        let (&first, &last) = (axes.first()?, axes.last()?);
        let run = axes.windows(2).all(|w| w[1] == w[0] + 1);
        if !run || last + 1 >= self.ndim() || !self.is_contiguous() {
            return None;
        }
        let shape = self.shape();
        let outer: usize = shape[..first].iter().product();
        let rows: usize = shape[first..=last].iter().product();
        let inner: usize = shape[last + 1..].iter().product();
        let out_size: usize = plan.out_shape.iter().product();
        (rows > 0 && inner >= MIN_ROW && outer * inner == out_size).then_some([outer, rows, inner])
    }

    /// Σ over the middle axis of `[outer, rows, inner]` elements of `S`, in int64.
    fn widen_rows<S: Element>(
        &self,
        [outer, rows, inner]: [usize; 3],
        out_shape: &[usize],
        widen: impl Fn(S) -> i64,
    ) -> Result<Tensor> {
        let row = |o: usize, r: usize, start: usize, len: usize| {
            self.borrow_elements::<S>(self.offset() + (o * rows + r) * inner + start, len)
                .ok_or_else(|| Error::internal("sum", "row out of range"))
        };
        Tensor::fresh_output::<i64>(out_shape, |out| {
            let mut group: Vec<&[S]> = Vec::with_capacity(ROW_GROUP);
            for o in 0..outer {
                let mut start = 0;
                while start < inner {
                    let len = ROW_CHUNK.min(inner - start);
                    let acc = out
                        .get_mut(o * inner + start..o * inner + start + len)
                        .ok_or_else(|| Error::internal("sum", "output out of range"))?;
                    let mut r = 0;
                    while r < rows {
                        group.clear();
                        for k in r..(r + ROW_GROUP).min(rows) {
                            group.push(row(o, k, start, len)?);
                        }
                        fold_rows_widening(acc, &group, &widen);
                        r += group.len();
                    }
                    start += len;
                }
            }
            Ok(())
        })
    }
}

/// Rows `combine_rows` hands to one `fold_rows` call.
const ROW_GROUP: usize = 64;

impl Tensor {
    /// argMax/argMin over `[outer, rows, inner]` elements along the middle axis: rows folded
    /// into the best values and row numbers elementwise ([`arg_fold_row`]), in chunks of
    /// ROW_CHUNK along the row.
    fn arg_rows<C: Arith>(
        &self,
        max: bool,
        [outer, rows, inner]: [usize; 3],
        out_shape: &[usize],
    ) -> Result<Tensor> {
        let row = |o: usize, r: usize, start: usize, len: usize| {
            self.borrow_elements::<C>(self.offset() + (o * rows + r) * inner + start, len)
                .ok_or_else(|| Error::internal("reduce", "row out of range"))
        };
        let last_row = i32::try_from(rows)
            .map_err(|_| Error::internal("reduce", "axis too long for an int32 index"))?;
        Tensor::fresh_output::<i32>(out_shape, |out| {
            let mut best: Vec<C> = Vec::new();
            for o in 0..outer {
                let mut start = 0;
                while start < inner {
                    let len = ROW_CHUNK.min(inner - start);
                    best.clear();
                    best.extend_from_slice(row(o, 0, start, len)?);
                    let index = out
                        .get_mut(o * inner + start..o * inner + start + len)
                        .ok_or_else(|| Error::internal("reduce", "output out of range"))?;
                    for r in 1..last_row {
                        arg_fold_row(&mut best, index, row(o, r as usize, start, len)?, r, max);
                    }
                    start += len;
                }
            }
            Ok(())
        })
    }
}

/// What a reduction reads and writes: the layout with the kept axes first and the reduced
/// ones last, how many elements make one output, and the output shape.
struct ReducePlan {
    axes: Vec<usize>,
    ordered: Layout,
    inner: usize,
    out_shape: Vec<usize>,
}

impl ReducePlan {
    fn new(t: &Tensor, name: &str, axes: Option<&[i64]>, keep_dims: bool) -> Result<ReducePlan> {
        let all: Vec<i64> = (0..t.ndim() as i64).collect();
        let axes = normalize_axes(name, axes.unwrap_or(&all), t.ndim())?;
        let kept: Vec<usize> = (0..t.ndim()).filter(|a| !axes.contains(a)).collect();
        let perm: Vec<i64> = kept.iter().chain(&axes).map(|&a| a as i64).collect();
        let ordered = t.layout().transpose(Some(&perm))?;
        let inner = axes.iter().map(|&a| t.shape()[a]).product();
        let out_shape = if keep_dims {
            (0..t.ndim())
                .map(|a| if axes.contains(&a) { 1 } else { t.shape()[a] })
                .collect()
        } else {
            kept.iter().map(|&a| t.shape()[a]).collect()
        };
        Ok(ReducePlan {
            axes,
            ordered,
            inner,
            out_shape,
        })
    }
}

fn mean_of<C: Element>(
    t: &Tensor,
    ordered: &Layout,
    inner: usize,
    out_shape: &[usize],
) -> Result<Tensor> {
    // Mean needs float division: integers never reach here (their compute dtype is f64).
    match C::DTYPE {
        DType::Float32 => {
            t.reduce_with::<f32, _>(ordered, inner, out_shape, Mean::<f32>::default())
        }
        _ => t.reduce_with::<f64, _>(ordered, inner, out_shape, Mean::<f64>::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same reduction on the row path (a contiguous tensor) and on the general path
    /// (the same values through a transposed view, which the row path declines).
    fn both_paths(values: &[f32], shape: [usize; 2], op: ReduceOp) -> (Tensor, Tensor) {
        let t = Tensor::from_elements(&shape, values).unwrap();
        let plan = ReducePlan::new(&t, op.name(), Some(&[0]), false).unwrap();
        let fast = t.reduce_rows(op, &plan).expect("row path taken").unwrap();
        let transposed = t.transpose(None).unwrap().contiguous().unwrap();
        let view = transposed.transpose(None).unwrap();
        assert!(!view.is_contiguous());
        let general = view.reduce(op, Some(&[0]), false).unwrap();
        (fast, general)
    }

    #[test]
    fn outer_axis_arg_reductions_match_the_general_path_with_ties_and_nans() {
        let (rows, cols) = (37usize, 40usize);
        let mut values: Vec<f32> = (0..rows * cols).map(|k| ((k * 7919) % 13) as f32).collect();
        // A column of equal values (ties keep the first row), columns with NaN (the first
        // NaN wins), a column of infinities.
        for r in 0..rows {
            values[r * cols] = 5.0;
            values[r * cols + 3] = f32::NEG_INFINITY;
        }
        values[9 * cols + 1] = f32::NAN;
        values[20 * cols + 1] = f32::NAN;
        values[36 * cols + 2] = f32::NAN;
        for op in [ReduceOp::ArgMax, ReduceOp::ArgMin] {
            let (fast, general) = both_paths(&values, [rows, cols], op);
            assert_eq!(fast.dtype(), DType::Int32);
            let got = fast.to_vec::<i32>().unwrap();
            assert_eq!(got, general.to_vec::<i32>().unwrap(), "{op:?}");
            assert_eq!((got[0], got[1], got[2], got[3]), (0, 9, 36, 0), "{op:?}");
        }
    }

    #[test]
    fn products_in_eight_lanes_match_the_running_product() {
        let values: Vec<f32> = (0..1003)
            .map(|k| 1.0 + ((k % 17) as f32 - 8.0) / 1000.0)
            .collect();
        let t = Tensor::from_elements(&[values.len()], &values).unwrap();
        let got = t
            .reduce(ReduceOp::Prod, None, false)
            .unwrap()
            .to_vec::<f32>()
            .unwrap()[0];
        let running = values.iter().fold(1.0f64, |acc, &x| acc * x as f64);
        assert!(
            ((got as f64) - running).abs() <= running.abs() * 1e-5,
            "{got} vs {running}"
        );
        let ints: Vec<i32> = (0..1003i32).map(|k| k.wrapping_mul(2654435) | 1).collect();
        let t = Tensor::from_elements(&[ints.len()], &ints).unwrap();
        // int32 multiplies in int64 (NumPy's default), wrapping there.
        let wrapped = ints
            .iter()
            .fold(1i64, |acc, &x| acc.wrapping_mul(i64::from(x)));
        let got = t
            .reduce(ReduceOp::Prod, None, false)
            .unwrap()
            .to_vec::<i64>()
            .unwrap()[0];
        assert_eq!(got, wrapped);
    }
    #[test]
    fn narrow_integer_sums_widen_to_int64_or_uint64_on_every_path() {
        use crate::core::dtype::Scalar;
        let n = if cfg!(miri) { 300 } else { 70_000 }; // past one 2^16 block natively
        let cases = [
            (DType::Int8, Scalar::Int(-128), DType::Int64),
            (DType::UInt8, Scalar::Int(200), DType::UInt64),
            (DType::Int16, Scalar::Int(-32768), DType::Int64),
            (DType::UInt16, Scalar::Int(65535), DType::UInt64),
            (DType::Int32, Scalar::Int(i32::MAX as i64), DType::Int64),
            (DType::UInt32, Scalar::Int(u32::MAX as i64), DType::UInt64),
        ];
        for (dtype, value, want_dtype) in cases {
            let v = value.as_f64() as i128;
            // Whole run, inner axis (runs), outer axis (rows), and a transposed view.
            let flat = Tensor::full(&[n], value, dtype).unwrap();
            let grid = Tensor::full(&[20, n / 20], value, dtype).unwrap();
            let expect = |t: Tensor, count: i128| {
                assert_eq!(t.dtype(), want_dtype, "{dtype}");
                for s in t.to_scalars().unwrap() {
                    let got = match s {
                        Scalar::Int(i) => i as i128,
                        Scalar::UInt(u) => u as i128,
                        other => panic!("{other:?}"),
                    };
                    assert_eq!(got, v * count, "{dtype}");
                }
            };
            expect(flat.sum(None, false).unwrap(), n as i128);
            expect(grid.sum(Some(&[1]), false).unwrap(), (n / 20) as i128);
            expect(grid.sum(Some(&[0]), false).unwrap(), 20);
            expect(
                grid.transpose(None)
                    .unwrap()
                    .sum(Some(&[1]), false)
                    .unwrap(),
                20,
            );
        }
    }
}
