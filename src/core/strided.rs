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
    /// The storage index of the block's first element.
    pub fn start(self) -> usize {
        match self {
            Access::Unit(s) | Access::Repeat(s) | Access::Step(s, _) => s,
        }
    }

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

/// Calls `f(out_start, len, accesses)` for consecutive blocks covering `shape` in C order.
/// Every input layout must already have `shape` (use `Layout::broadcast_to`).
///
/// ```
/// use extensor::core::{for_each_block, Access, Layout};
/// let a = Layout::c_contiguous(&[2, 3]).unwrap();
/// let b = Layout::c_contiguous(&[3]).unwrap().broadcast_to(&[2, 3]).unwrap();
/// let mut blocks = vec![];
/// for_each_block(&[2, 3], &[&a, &b], |start, len, acc| blocks.push((start, len, acc.to_vec())));
/// assert_eq!(blocks, vec![
///     (0, 3, vec![Access::Unit(0), Access::Unit(0)]),
///     (3, 3, vec![Access::Unit(3), Access::Unit(0)]),
/// ]);
/// ```
pub fn for_each_block(
    shape: &[usize],
    inputs: &[&Layout],
    mut f: impl FnMut(usize, usize, &[Access]),
) {
    let size: usize = shape.iter().product();
    if size == 0 {
        return;
    }
    let ndim = shape.len();
    // Inner stride per input along the block (elements between consecutive block items).
    let mut inner: Vec<isize> = vec![0; inputs.len()];
    let mut block_len = 1usize;
    let mut split = ndim; // axes split.. are inside the block
    let mut first = true;
    while split > 0 {
        let axis = split - 1;
        let dim = shape[axis];
        if dim == 1 {
            split -= 1;
            continue;
        }
        if first {
            for (k, l) in inputs.iter().enumerate() {
                inner[k] = l.strides()[axis];
            }
            first = false;
        } else {
            let mergeable = inputs
                .iter()
                .enumerate()
                .all(|(k, l)| l.strides()[axis] == inner[k].wrapping_mul(block_len as isize));
            if !mergeable {
                break;
            }
        }
        block_len *= dim;
        split -= 1;
    }
    let accesses_at = |offsets: &[usize]| -> Vec<Access> {
        offsets
            .iter()
            .zip(&inner)
            .map(|(&start, &step)| match step {
                _ if block_len == 1 => Access::Unit(start),
                1 => Access::Unit(start),
                0 => Access::Repeat(start),
                s => Access::Step(start, s),
            })
            .collect()
    };
    // Odometer over the outer axes 0..split.
    let outer_shape = &shape[..split];
    let mut index = vec![0usize; split];
    let mut offsets: Vec<isize> = inputs.iter().map(|l| l.offset() as isize).collect();
    let blocks = size / block_len;
    let mut acc = Vec::with_capacity(inputs.len());
    let mut current: Vec<usize> = vec![0; inputs.len()];
    for b in 0..blocks {
        for (c, &o) in current.iter_mut().zip(&offsets) {
            *c = o as usize;
        }
        acc.clear();
        acc.extend(accesses_at(&current));
        f(b * block_len, block_len, &acc);
        for axis in (0..split).rev() {
            index[axis] += 1;
            for (o, l) in offsets.iter_mut().zip(inputs) {
                *o += l.strides()[axis];
            }
            if index[axis] < outer_shape[axis] {
                break;
            }
            for (o, l) in offsets.iter_mut().zip(inputs) {
                *o -= l.strides()[axis] * outer_shape[axis] as isize;
            }
            index[axis] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::IndexItem;

    fn collect(shape: &[usize], inputs: &[&Layout]) -> Vec<(usize, usize, Vec<Access>)> {
        let mut out = vec![];
        for_each_block(shape, inputs, |s, n, a| out.push((s, n, a.to_vec())));
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
            for i in 0..n {
                seen.push(match a[0] {
                    Access::Unit(s) => s + i,
                    Access::Repeat(s) => s,
                    Access::Step(s, st) => (s as isize + st * i as isize) as usize,
                });
            }
        });
        assert_eq!(seen, expected);
    }
}
