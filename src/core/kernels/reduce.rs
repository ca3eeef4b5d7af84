//! Reduction kernels over contiguous segments. A reduced output may span several
//! segments (its elements are not contiguous in storage), so each reducer accumulates
//! across `feed` calls until `take` closes one output.

use super::arith::{Arith, Float};
use super::op::BinaryOp;
use super::vec_ops::VecOps;
use crate::core::dtype::Element;

/// Accumulates one output over one or more segments.
pub trait Reducer<C> {
    /// The output element type.
    type Out: Element;
    /// Adds `segment`, whose first element is element `position` of this output's run.
    fn feed(&mut self, segment: &[C], position: usize);
    /// Closes the output (its run had `count` elements) and resets for the next.
    fn take(&mut self, count: usize) -> Self::Out;
}

/// Σ in the compute type. Each segment is summed pairwise and the segment sums are kept
/// and summed pairwise at the end, so a run split into many segments stays accurate too.
#[derive(Clone)]
pub struct Sum<C>(Vec<C>);

impl<C> Default for Sum<C> {
    fn default() -> Self {
        Sum(Vec::new())
    }
}

impl<C: VecOps> Reducer<C> for Sum<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        self.0.push(C::sum(segment));
    }
    fn take(&mut self, _: usize) -> C {
        let total = C::pairwise_sum(&self.0);
        self.0.clear();
        total
    }
}

/// Σ of a narrow integer type in int64, wrapping there (NumPy's default sum dtype: the
/// caller casts to uint64 for unsigned inputs, whose bits are the same). Each segment is
/// summed by `widen`, one of the [`wide_sum`] functions.
#[derive(Clone)]
pub struct WideSum<S> {
    total: i64,
    widen: fn(&[S]) -> i64,
}

impl<S> WideSum<S> {
    /// A sum whose segments `widen` adds up.
    pub fn new(widen: fn(&[S]) -> i64) -> Self {
        WideSum { total: 0, widen }
    }
}

impl<S> Reducer<S> for WideSum<S> {
    type Out = i64;
    fn feed(&mut self, segment: &[S], _: usize) {
        self.total = self.total.wrapping_add((self.widen)(segment));
    }
    fn take(&mut self, _: usize) -> i64 {
        std::mem::take(&mut self.total)
    }
}

/// Sums of narrow integers in int64: blocks summed in a 32-bit accumulator that cannot
/// overflow (2^16 elements of at most 16 bits), so the loops vectorise at four lanes.
pub mod wide_sum {
    const BLOCK: usize = 1 << 16;

    /// Bytes summed into sixteen 16-bit lanes before they widen: 128 per lane, so a
    /// lane holds at most 128 · 255 (or 128 · −128), well inside 16 bits.
    const BYTE_BLOCK: usize = 16 * 128;

    /// Σ of bytes widened by `widen`: sixteen 16-bit lanes per block (eight bytes' work
    /// per vector add), then the lanes into the int64 total.
    #[inline(always)]
    fn bytes<B: Copy>(s: &[B], widen: impl Fn(B) -> i16) -> i64 {
        let mut total = 0i64;
        for block in s.chunks(BYTE_BLOCK) {
            let mut lanes = [0i16; 16];
            let mut groups = block.chunks_exact(16);
            for group in &mut groups {
                for (lane, &x) in lanes.iter_mut().zip(group) {
                    *lane = lane.wrapping_add(widen(x));
                }
            }
            // Read back as the 16-bit values they are: u8 sums reach 32 640 at most, so
            // i16 holds them (i8 sums lie in −16 384..=16 256).
            total += lanes.iter().map(|&l| i64::from(l)).sum::<i64>();
            total += groups
                .remainder()
                .iter()
                .map(|&x| i64::from(widen(x)))
                .sum::<i64>();
        }
        total
    }

    /// Σ of i8 values.
    pub fn i8s(s: &[i8]) -> i64 {
        bytes(s, i16::from)
    }
    /// Σ of u8 values.
    pub fn u8s(s: &[u8]) -> i64 {
        bytes(s, i16::from)
    }
    /// Σ of i16 values.
    pub fn i16s(s: &[i16]) -> i64 {
        s.chunks(BLOCK)
            .map(|b| i64::from(b.iter().fold(0i32, |a, &x| a + i32::from(x))))
            .sum()
    }
    /// Σ of u16 values.
    pub fn u16s(s: &[u16]) -> i64 {
        s.chunks(BLOCK)
            .map(|b| i64::from(b.iter().fold(0u32, |a, &x| a + u32::from(x))))
            .sum()
    }
    /// Σ of i32 values (in int64, which fewer than 2^32 of them cannot overflow).
    pub fn i32s(s: &[i32]) -> i64 {
        s.iter().fold(0i64, |a, &x| a + i64::from(x))
    }
    /// Σ of u32 values.
    pub fn u32s(s: &[u32]) -> i64 {
        s.iter().fold(0u64, |a, &x| a + u64::from(x)) as i64
    }
}

/// Adds `rows` of a narrow integer type into the int64 `acc`, elementwise, in row order:
/// the outer-axis form of [`WideSum`].
pub fn fold_rows_widening<S: Copy>(acc: &mut [i64], rows: &[&[S]], widen: impl Fn(S) -> i64) {
    let n = acc.len();
    for row in rows {
        for (a, &x) in acc.iter_mut().zip(&row[..n]) {
            *a = a.wrapping_add(widen(x));
        }
    }
}

/// Π in the compute type.
#[derive(Default, Clone)]
pub struct Prod<C>(Option<C>);

/// Π of `s` over eight interleaved partial products (element i goes to product i mod 8),
/// multiplied together at the end: independent chains LLVM vectorises, where one running
/// product waits on each multiply in turn. Integer products wrap, the same in any order.
pub fn product<C: Arith>(s: &[C]) -> C {
    let mut lanes = [C::ONE; 8];
    let mut groups = s.chunks_exact(8);
    for group in &mut groups {
        for (lane, &x) in lanes.iter_mut().zip(group) {
            *lane = lane.mul(x);
        }
    }
    let tail = groups.remainder().iter().fold(C::ONE, |acc, &x| acc.mul(x));
    let [a, b, c, d, e, f, g, h] = lanes;
    a.mul(e).mul(b.mul(f)).mul(c.mul(g).mul(d.mul(h))).mul(tail)
}

impl<C: Arith> Reducer<C> for Prod<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        let part = product(segment);
        self.0 = Some(self.0.map_or(part, |acc| acc.mul(part)));
    }
    fn take(&mut self, _: usize) -> C {
        self.0.take().unwrap_or(C::ONE)
    }
}

/// Σ / n in a float compute type (NaN for an empty run, as NumPy).
#[derive(Clone)]
pub struct Mean<C>(Sum<C>);

impl<C> Default for Mean<C> {
    fn default() -> Self {
        Mean(Sum::default())
    }
}

impl<C: Float + VecOps> Reducer<C> for Mean<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], position: usize) {
        self.0.feed(segment, position);
    }
    fn take(&mut self, count: usize) -> C {
        self.0.take(count).div(C::from_f64(count as f64))
    }
}

/// max or min, NaN-propagating (the caller rejects empty runs).
#[derive(Clone)]
pub struct Extreme<C> {
    best: Option<C>,
    max: bool,
}

impl<C> Extreme<C> {
    /// `max = true` for max, false for min.
    pub fn new(max: bool) -> Self {
        Extreme { best: None, max }
    }
}

/// The max (`max = true`) or min of `s`, NaN-propagating; None when empty. The scalar
/// path of [`VecOps::extreme`].
pub fn extreme_scalar<C: Arith>(s: &[C], max: bool) -> Option<C> {
    let (&first, rest) = s.split_first()?;
    // Plain compare-and-select folds with the NaN check beside them, rather than the
    // NaN-propagating `maximum` per element: loops LLVM vectorises (f64 too). Ties keep
    // the earlier element, as `maximum`/`minimum` do.
    let seen = (first, first.is_nan());
    let (best, nan) = if max {
        rest.iter().fold(seen, |(b, nan), &x| {
            (if x > b { x } else { b }, nan | x.is_nan())
        })
    } else {
        rest.iter().fold(seen, |(b, nan), &x| {
            (if x < b { x } else { b }, nan | x.is_nan())
        })
    };
    if nan {
        return s.iter().copied().find(|x| x.is_nan());
    }
    Some(best)
}

impl<C: VecOps> Reducer<C> for Extreme<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        let pick = if self.max { C::maximum } else { C::minimum };
        if let Some(part) = C::extreme(segment, self.max) {
            self.best = Some(self.best.map_or(part, |best| pick(best, part)));
        }
    }
    fn take(&mut self, _: usize) -> C {
        self.best.take().unwrap_or(C::ZERO)
    }
}

/// The index of the first max/min (NumPy: the first NaN wins).
#[derive(Clone)]
pub struct ArgExtreme<C> {
    best: Option<(C, usize)>,
    max: bool,
}

impl<C> ArgExtreme<C> {
    /// `max = true` for argMax, false for argMin.
    pub fn new(max: bool) -> Self {
        ArgExtreme { best: None, max }
    }
}

impl<C: VecOps> Reducer<C> for ArgExtreme<C> {
    type Out = i32;
    fn feed(&mut self, segment: &[C], position: usize) {
        // Two passes over the segment, both vectorised: its extreme (NaN if it holds one),
        // then the first index holding it; then one comparison with the best so far.
        let Some(value) = C::extreme(segment, self.max) else {
            return;
        };
        let found = if value.is_nan() {
            first_index(segment, |x| x.is_nan())
        } else {
            first_index(segment, |x| x == value)
        };
        let Some(offset) = found else {
            return;
        };
        let better = match self.best {
            None => true,
            Some((b, _)) if b.is_nan() => false,
            Some((b, _)) => value.is_nan() || if self.max { value > b } else { value < b },
        };
        if better {
            self.best = Some((value, position + offset));
        }
    }
    fn take(&mut self, _: usize) -> i32 {
        self.best.take().map_or(0, |(_, i)| i as i32)
    }
}

/// Folds `rows` into `acc` elementwise, in row order: `acc[j] = (acc[j] ∘ rows[0][j]) ∘
/// rows[1][j] ∘ …`, the operations and order of one binary kernel call per row, but four
/// rows per pass over `acc` (a loop LLVM vectorises). `combine` is Add, Mul, Maximum or
/// Minimum; every row is at least as long as `acc`.
pub fn fold_rows<C: Arith>(combine: BinaryOp, acc: &mut [C], rows: &[&[C]]) {
    match combine {
        BinaryOp::Add => fold_rows_with(acc, rows, C::add),
        BinaryOp::Mul => fold_rows_with(acc, rows, C::mul),
        BinaryOp::Maximum => fold_rows_with(acc, rows, C::maximum),
        BinaryOp::Minimum => fold_rows_with(acc, rows, C::minimum),
        _ => debug_assert!(false, "fold_rows: {combine:?} is not a reduction"),
    }
}

#[inline(always)]
fn fold_rows_with<C: Copy>(acc: &mut [C], rows: &[&[C]], f: impl Fn(C, C) -> C) {
    let n = acc.len();
    let mut groups = rows.chunks_exact(4);
    for group in &mut groups {
        let (a, b, c, d) = (
            &group[0][..n],
            &group[1][..n],
            &group[2][..n],
            &group[3][..n],
        );
        for j in 0..n {
            acc[j] = f(f(f(f(acc[j], a[j]), b[j]), c[j]), d[j]);
        }
    }
    for row in groups.remainder() {
        for (x, &y) in acc.iter_mut().zip(&row[..n]) {
            *x = f(*x, y);
        }
    }
}

/// The index of the first element of `s` that `hit` accepts, found a block at a time: a
/// whole block is tested without an early exit (a loop LLVM vectorises), and only the
/// block that holds a hit is searched element by element.
fn first_index<C: Copy>(s: &[C], hit: impl Fn(C) -> bool) -> Option<usize> {
    const BLOCK: usize = 64;
    s.chunks(BLOCK).enumerate().find_map(|(k, block)| {
        let any = block.iter().fold(false, |any, &x| any | hit(x));
        any.then(|| block.iter().position(|&x| hit(x)))
            .flatten()
            .map(|i| k * BLOCK + i)
    })
}

/// Row-wise argMax/argMin: folds `row` (row number `r` of the reduced axis) into the best
/// values and their row numbers so far, elementwise. A row wins a slot when its value is
/// strictly better or is the slot's first NaN (NumPy: the first NaN wins), so ties keep
/// the earliest row.
pub fn arg_fold_row<C: Arith>(best: &mut [C], index: &mut [i32], row: &[C], r: i32, max: bool) {
    let better = |x: C, b: C| {
        let strictly = if max { x > b } else { x < b };
        strictly | (x.is_nan() & !b.is_nan())
    };
    for ((b, i), &x) in best.iter_mut().zip(index.iter_mut()).zip(row) {
        let win = better(x, *b);
        *b = if win { x } else { *b };
        *i = if win { r } else { *i };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reducers_accumulate_across_segments() {
        let mut s = Sum::<i32>::default();
        s.feed(&[1, 2], 0);
        s.feed(&[3], 2);
        assert_eq!(s.take(3), 6);
        let mut a = ArgExtreme::<f64>::new(true);
        a.feed(&[1.0, 5.0], 0);
        a.feed(&[5.0, 7.0], 2);
        assert_eq!(a.take(4), 3);
        let mut a = ArgExtreme::<f64>::new(false);
        a.feed(&[1.0, f64::NAN, -3.0], 0);
        assert_eq!(a.take(3), 1);
    }
}
