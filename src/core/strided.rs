//! The one block splitter every kernel is fed by: it cuts the iteration over an output
//! shape into the longest runs along which each input is either contiguous, a repeated
//! single element (stride 0), or evenly strided — so kernels see slices and scalars, never
//! strides, and broadcast or strided inputs are never materialised whole.

use super::layout::Layout;

/// How one input is read along a block: from storage index `start`, then…
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// …the next `len` elements in order.
    Unit(usize),
    /// …the same element `len` times (broadcast).
    Repeat(usize),
    /// …every `step`-th element.
    Step(usize, isize),
}

impl Access {
    /// The storage index of the block's `i`-th element.
    pub fn element(self, i: usize) -> usize {
        match self {
            Access::Unit(s) => s + i,
            Access::Repeat(s) => s,
            Access::Step(s, step) => (s as isize + step * i as isize) as usize,
        }
    }

    /// The same access, starting `k` elements later.
    pub fn advance(self, k: usize) -> Access {
        match self {
            Access::Unit(s) => Access::Unit(s + k),
            Access::Repeat(s) => Access::Repeat(s),
            Access::Step(s, step) => Access::Step((s as isize + step * k as isize) as usize, step),
        }
    }
}

/// Calls `f(out_start, len, accesses)` for consecutive blocks covering `shape` in C order,
/// stopping at the first error `f` returns. Every input layout must already have `shape`
/// (use `Layout::broadcast_to`).
///
/// ```
/// use extensor::core::{for_each_block, Access, Layout};
/// let a = Layout::c_contiguous(&[2, 3]).unwrap();
/// let b = Layout::c_contiguous(&[3]).unwrap().broadcast_to(&[2, 3]).unwrap();
/// let mut blocks = vec![];
/// for_each_block(&[2, 3], &[&a, &b], |start, len, acc| {
///     blocks.push((start, len, acc.to_vec()));
///     Ok::<(), ()>(())
/// })
/// .unwrap();
/// assert_eq!(blocks, vec![
///     (0, 3, vec![Access::Unit(0), Access::Unit(0)]),
///     (3, 3, vec![Access::Unit(3), Access::Unit(0)]),
/// ]);
/// ```
pub fn for_each_block<E>(
    shape: &[usize],
    inputs: &[&Layout],
    mut f: impl FnMut(usize, usize, &[Access]) -> Result<(), E>,
) -> Result<(), E> {
    if shape.iter().product::<usize>() == 0 {
        return Ok(());
    }
    let plan = BlockPlan::new(shape, inputs);
    let mut outer = OuterOdometer::new(&shape[..plan.split], inputs);
    let mut accesses = Vec::with_capacity(inputs.len());
    for block in 0..plan.blocks {
        accesses.clear();
        accesses.extend(
            outer
                .offsets
                .iter()
                .zip(&plan.inner)
                .map(|(&start, &step)| plan.access(start as usize, step)),
        );
        f(block * plan.len, plan.len, &accesses)?;
        outer.step();
    }
    Ok(())
}

/// How `for_each_block` cuts a shape: the inner axes `split..` form one block, along which
/// input `k` moves `inner[k]` elements per item.
struct BlockPlan {
    split: usize,
    inner: Vec<isize>,
    len: usize,
    blocks: usize,
}

impl BlockPlan {
    /// Merges axes from the last one inwards while every input stays evenly strided.
    fn new(shape: &[usize], inputs: &[&Layout]) -> BlockPlan {
        let mut inner: Vec<isize> = vec![0; inputs.len()];
        let mut len = 1usize;
        let mut split = shape.len();
        let mut first = true;
        while split > 0 {
            let axis = split - 1;
            let dim = shape[axis];
            if dim != 1 {
                if first {
                    for (k, l) in inputs.iter().enumerate() {
                        inner[k] = l.strides()[axis];
                    }
                    first = false;
                } else if !inputs
                    .iter()
                    .enumerate()
                    .all(|(k, l)| l.strides()[axis] == inner[k].wrapping_mul(len as isize))
                {
                    break;
                }
                len *= dim;
            }
            split -= 1;
        }
        let blocks = shape.iter().product::<usize>() / len;
        BlockPlan {
            split,
            inner,
            len,
            blocks,
        }
    }

    /// How an input starting at `start` with inner step `step` is read along a block.
    fn access(&self, start: usize, step: isize) -> Access {
        match step {
            _ if self.len == 1 => Access::Unit(start),
            1 => Access::Unit(start),
            0 => Access::Repeat(start),
            s => Access::Step(start, s),
        }
    }
}

/// The outer axes' index, and each input's storage offset at it, stepped in C order.
struct OuterOdometer<'a> {
    shape: &'a [usize],
    inputs: &'a [&'a Layout],
    index: Vec<usize>,
    offsets: Vec<isize>,
}

impl<'a> OuterOdometer<'a> {
    fn new(shape: &'a [usize], inputs: &'a [&'a Layout]) -> Self {
        OuterOdometer {
            shape,
            inputs,
            index: vec![0; shape.len()],
            offsets: inputs.iter().map(|l| l.offset() as isize).collect(),
        }
    }

    /// Moves to the next outer index (past the last one it wraps to the first).
    fn step(&mut self) {
        for axis in (0..self.shape.len()).rev() {
            self.index[axis] += 1;
            for (o, l) in self.offsets.iter_mut().zip(self.inputs) {
                *o += l.strides()[axis];
            }
            if self.index[axis] < self.shape[axis] {
                return;
            }
            for (o, l) in self.offsets.iter_mut().zip(self.inputs) {
                *o -= l.strides()[axis] * self.shape[axis] as isize;
            }
            self.index[axis] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::IndexItem;

    fn collect(shape: &[usize], inputs: &[&Layout]) -> Vec<(usize, usize, Vec<Access>)> {
        let mut out = vec![];
        for_each_block(shape, inputs, |s, n, a| {
            out.push((s, n, a.to_vec()));
            Ok::<(), ()>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn contiguous_inputs_form_one_block() {
        let a = Layout::c_contiguous(&[4, 5, 6]).unwrap();
        assert_eq!(
            collect(&[4, 5, 6], &[&a, &a]),
            vec![(0, 120, vec![Access::Unit(0); 2])]
        );
    }

    #[test]
    fn a_scalar_broadcast_is_a_repeat() {
        let a = Layout::c_contiguous(&[4, 5]).unwrap();
        let s = Layout::c_contiguous(&[])
            .unwrap()
            .broadcast_to(&[4, 5])
            .unwrap();
        assert_eq!(
            collect(&[4, 5], &[&a, &s]),
            vec![(0, 20, vec![Access::Unit(0), Access::Repeat(0)])]
        );
    }

    #[test]
    fn a_transposed_input_is_strided() {
        let t = Layout::c_contiguous(&[3, 2])
            .unwrap()
            .transpose(None)
            .unwrap();
        let blocks = collect(&[2, 3], &[&t]);
        assert_eq!(
            blocks,
            vec![
                (0, 3, vec![Access::Step(0, 2)]),
                (3, 3, vec![Access::Step(1, 2)])
            ]
        );
    }

    #[test]
    fn blocks_visit_every_element_in_c_order() {
        let base = Layout::c_contiguous(&[4, 6]).unwrap();
        let v = base
            .slice(&IndexItem::parse_spec("::-1, 1::2").unwrap())
            .unwrap();
        let expected: Vec<usize> = v.offsets().collect();
        let mut seen = vec![];
        for_each_block(v.shape(), &[&v], |_, n, a| {
            seen.extend((0..n).map(|i| a[0].element(i)));
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(seen, expected);
    }
}
