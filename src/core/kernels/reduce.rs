//! Reduction kernels over contiguous segments. A reduced output may span several
//! segments (its elements are not contiguous in storage), so each reducer accumulates
//! across `feed` calls until `take` closes one output.

use super::{Arith, Float};
use crate::core::dtype::Element;

/// The reductions of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp {
    /// Σ
    Sum,
    /// Π
    Prod,
    /// Σ / n
    Mean,
    /// maximum (NaN propagates)
    Max,
    /// minimum (NaN propagates)
    Min,
    /// index of the first maximum (of the first NaN, if any)
    ArgMax,
    /// index of the first minimum (of the first NaN, if any)
    ArgMin,
}

impl ReduceOp {
    /// The contract's method name.
    pub fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "sum",
            ReduceOp::Prod => "prod",
            ReduceOp::Mean => "mean",
            ReduceOp::Max => "max",
            ReduceOp::Min => "min",
            ReduceOp::ArgMax => "argMax",
            ReduceOp::ArgMin => "argMin",
        }
    }
}

/// Accumulates one output over one or more segments.
pub trait Reducer<C> {
    /// The output element type.
    type Out: Element;
    /// Adds `segment`, whose first element is element `position` of this output's run.
    fn feed(&mut self, segment: &[C], position: usize);
    /// Closes the output (its run had `count` elements) and resets for the next.
    fn take(&mut self, count: usize) -> Self::Out;
}

/// Pairwise (cascade) summation: blocks of 128 summed with 8 independent accumulators,
/// halves combined recursively, so float error grows with log n rather than n.
///
/// ```
/// use extensor::core::kernels::reduce::pairwise_sum;
/// let v = vec![0.1f32; 10_000_000];
/// let s = pairwise_sum(&v);
/// assert!((s - 1_000_000.0).abs() < 1.0, "{s}");
/// ```
pub fn pairwise_sum<C: Arith>(s: &[C]) -> C {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let Some(total) = super::simd128::try_pairwise_sum(s) {
        return total;
    }
    pairwise_sum_scalar(s)
}

/// The scalar path of [`pairwise_sum`].
pub fn pairwise_sum_scalar<C: Arith>(s: &[C]) -> C {
    const BLOCK: usize = 128;
    if s.len() <= BLOCK {
        let mut acc = [C::ZERO; 8];
        let chunks = s.chunks_exact(8);
        let rest = chunks.remainder();
        for c in chunks {
            for (a, &x) in acc.iter_mut().zip(c) {
                *a = a.add(x);
            }
        }
        let mut total = ((acc[0].add(acc[1])).add(acc[2].add(acc[3])))
            .add((acc[4].add(acc[5])).add(acc[6].add(acc[7])));
        for &x in rest {
            total = total.add(x);
        }
        return total;
    }
    let mid = (s.len() / 2 / 8) * 8;
    pairwise_sum_scalar(&s[..mid]).add(pairwise_sum_scalar(&s[mid..]))
}

/// Σ in the compute type. Each segment is summed pairwise and the segment sums are kept
/// and summed pairwise at the end, so a run split into many segments stays accurate too.
pub struct Sum<C>(Vec<C>);

impl<C> Default for Sum<C> {
    fn default() -> Self {
        Sum(Vec::new())
    }
}

impl<C: Arith> Reducer<C> for Sum<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        self.0.push(pairwise_sum(segment));
    }
    fn take(&mut self, _: usize) -> C {
        let total = pairwise_sum(&self.0);
        self.0.clear();
        total
    }
}

/// Π in the compute type.
#[derive(Default)]
pub struct Prod<C>(Option<C>);

impl<C: Arith> Reducer<C> for Prod<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        let part = segment.iter().fold(C::ONE, |acc, &x| acc.mul(x));
        self.0 = Some(self.0.map_or(part, |acc| acc.mul(part)));
    }
    fn take(&mut self, _: usize) -> C {
        self.0.take().unwrap_or(C::ONE)
    }
}

/// Σ / n in a float compute type (NaN for an empty run, as NumPy).
pub struct Mean<C>(Sum<C>);

impl<C> Default for Mean<C> {
    fn default() -> Self {
        Mean(Sum::default())
    }
}

impl<C: Float> Reducer<C> for Mean<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], position: usize) {
        self.0.feed(segment, position);
    }
    fn take(&mut self, count: usize) -> C {
        self.0.take(count).div(C::from_f64(count as f64))
    }
}

/// max or min, NaN-propagating (the caller rejects empty runs).
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

impl<C: Arith> Reducer<C> for Extreme<C> {
    type Out = C;
    fn feed(&mut self, segment: &[C], _: usize) {
        let pick = if self.max { C::maximum } else { C::minimum };
        let mut iter = segment.iter().copied();
        let start = match self.best.or_else(|| iter.next()) {
            Some(v) => v,
            None => return,
        };
        self.best = Some(iter.fold(start, pick));
    }
    fn take(&mut self, _: usize) -> C {
        self.best.take().unwrap_or(C::ZERO)
    }
}

/// The index of the first max/min (NumPy: the first NaN wins).
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

impl<C: Arith> Reducer<C> for ArgExtreme<C> {
    type Out = i32;
    fn feed(&mut self, segment: &[C], position: usize) {
        for (i, &x) in segment.iter().enumerate() {
            let index = position + i;
            match self.best {
                None => self.best = Some((x, index)),
                Some((b, _)) if b.is_nan() => return,
                Some((b, _)) => {
                    let better = x.is_nan() || if self.max { x > b } else { x < b };
                    if better {
                        self.best = Some((x, index));
                    }
                }
            }
        }
    }
    fn take(&mut self, _: usize) -> i32 {
        self.best.take().map_or(0, |(_, i)| i as i32)
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

    #[test]
    fn pairwise_sum_matches_naive_on_integers() {
        let v: Vec<i64> = (0..1000).collect();
        assert_eq!(pairwise_sum(&v), 999 * 1000 / 2);
    }
}
