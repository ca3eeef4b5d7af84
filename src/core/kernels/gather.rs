//! Gathers: data movement by precomputed offset tables, the one kernel behind `take`,
//! `repeat`, `tile` and the `edge`/`reflect` modes of `pad`.
//!
//! Output element `[i0, i1, …, ik]` (C order) is `src[base + t0[i0] + t1[i1] + … + tk[ik]]`:
//! each output axis has its own table of source offsets (in elements). The last axis's table
//! is cut once into runs of consecutive offsets, so a row of a `take` along axis 0, a tile
//! of a contiguous row or an unpadded stretch is one slice copy. Only movement: no SIMD
//! path, a slice copy is already the fastest the target has.

use std::mem::MaybeUninit;

/// A stretch of the last axis: output positions `start..start + len` read source offsets
/// `delta..delta + len` (relative to the row's base).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    start: usize,
    delta: isize,
    len: usize,
}

/// The maximal runs of consecutive offsets in `table`.
fn runs(table: &[isize]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &delta) in table.iter().enumerate() {
        match out.last_mut() {
            Some(run) if run.delta + run.len as isize == delta => run.len += 1,
            _ => out.push(Run {
                start: i,
                delta,
                len: 1,
            }),
        }
    }
    out
}

/// Fills `out` (the product of the tables' lengths, in C order) from `src` by the offset
/// tables (one per output axis; none for a 0-d output). Returns false, with `out` partly
/// written, when an offset falls outside `src` or `out` has the wrong length: callers build
/// tables that stay inside, so false is a bug they report.
///
/// ```
/// use extensor::core::kernels::gather::gather_by_tables;
/// use std::mem::MaybeUninit;
/// // A [2, 3] source, C order; output [3, 2] = its transpose, by tables.
/// let src = [0, 1, 2, 3, 4, 5];
/// let tables = [vec![0, 1, 2], vec![0, 3]];
/// let mut out = [MaybeUninit::new(0); 6];
/// assert!(gather_by_tables(&src, 0, &tables, &mut out));
/// let got: Vec<i32> = out.iter().map(|x| unsafe { x.assume_init() }).collect();
/// assert_eq!(got, vec![0, 3, 1, 4, 2, 5]);
/// ```
pub fn gather_by_tables<T: Copy>(
    src: &[T],
    base: isize,
    tables: &[Vec<isize>],
    out: &mut [MaybeUninit<T>],
) -> bool {
    let size = tables
        .iter()
        .try_fold(1usize, |n, t| n.checked_mul(t.len()));
    if size != Some(out.len()) {
        return false;
    }
    let Some((last, outer)) = tables.split_last() else {
        return copy_run(src, base, &mut out[..]);
    };
    if out.is_empty() {
        return true;
    }
    let row_runs = runs(last);
    let row = last.len();
    let mut index = vec![0usize; outer.len()];
    let mut row_base = base + outer.iter().map(|t| t[0]).sum::<isize>();
    for row_out in out.chunks_exact_mut(row) {
        for run in &row_runs {
            let Some(slots) = row_out.get_mut(run.start..run.start + run.len) else {
                return false;
            };
            if !copy_run(src, row_base + run.delta, slots) {
                return false;
            }
        }
        // Odometer over the outer axes, keeping `row_base` in step.
        for axis in (0..outer.len()).rev() {
            let table = &outer[axis];
            row_base -= table[index[axis]];
            index[axis] += 1;
            if index[axis] < table.len() {
                row_base += table[index[axis]];
                break;
            }
            index[axis] = 0;
            row_base += table[0];
        }
    }
    true
}

/// Fills `out` (`shape`, C order) for `take_along_axis`: element `c` is
/// `src[base + Σ c·src_strides + index[Σ c·index_strides] · axis_stride]`, the index
/// tensor and the source each walked with their own strides (0 where they broadcast, and
/// the source's 0 along the axis the index supplies). Returns false, with `out` partly
/// written, when a position falls outside `src` or `index`, or `out` has the wrong length.
///
/// ```
/// use extensor::core::kernels::gather::gather_along;
/// use std::mem::MaybeUninit;
/// // A [2, 3] source; indices [[2], [0]] along axis 1.
/// let src = [10, 11, 12, 20, 21, 22];
/// let mut out = [MaybeUninit::new(0); 2];
/// assert!(gather_along(&src, 0, &[2, 1], &[3, 0], &[2, 0], &[1, 0], 1, &mut out));
/// let got: Vec<i32> = out.iter().map(|x| unsafe { x.assume_init() }).collect();
/// assert_eq!(got, vec![12, 20]);
/// ```
#[allow(clippy::too_many_arguments)]
pub fn gather_along<T: Copy>(
    src: &[T],
    base: isize,
    shape: &[usize],
    src_strides: &[isize],
    index: &[usize],
    index_strides: &[isize],
    axis_stride: isize,
    out: &mut [MaybeUninit<T>],
) -> bool {
    let ndim = shape.len();
    let size = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
    if size != Some(out.len()) || src_strides.len() != ndim || index_strides.len() != ndim {
        return false;
    }
    let mut at = vec![0usize; ndim];
    let (mut s, mut k) = (base, 0isize);
    for slot in out.iter_mut() {
        let value = usize::try_from(k)
            .ok()
            .and_then(|k| index.get(k))
            .and_then(|&i| usize::try_from(s + i as isize * axis_stride).ok())
            .and_then(|p| src.get(p));
        let Some(&value) = value else {
            return false;
        };
        slot.write(value);
        for axis in (0..ndim).rev() {
            at[axis] += 1;
            s += src_strides[axis];
            k += index_strides[axis];
            if at[axis] < shape[axis] {
                break;
            }
            s -= src_strides[axis] * shape[axis] as isize;
            k -= index_strides[axis] * shape[axis] as isize;
            at[axis] = 0;
        }
    }
    true
}

/// Copies `src[from..from + slots.len()]` into `slots`; false when that lies outside `src`.
fn copy_run<T: Copy>(src: &[T], from: isize, slots: &mut [MaybeUninit<T>]) -> bool {
    let Ok(from) = usize::try_from(from) else {
        return false;
    };
    let Some(values) = from
        .checked_add(slots.len())
        .and_then(|end| src.get(from..end))
    else {
        return false;
    };
    for (slot, &v) in slots.iter_mut().zip(values) {
        slot.write(v);
    }
    true
}

/// Resolves an index into an axis of `len` elements, negative counting from the end
/// (NumPy's rule); `None` when it is outside `-len..len`.
///
/// ```
/// use extensor::core::kernels::gather::resolve_index;
/// assert_eq!(resolve_index(-1, 4), Some(3));
/// assert_eq!(resolve_index(4, 4), None);
/// assert_eq!(resolve_index(-5, 4), None);
/// ```
pub fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let n = i64::try_from(len).ok()?;
    match index {
        i if (0..n).contains(&i) => Some(i as usize),
        i if (-n..0).contains(&i) => Some((i + n) as usize),
        _ => None,
    }
}

/// NumPy's `reflect` padding: the source position of output position `o` (which may lie
/// before the axis, negative, or past it) on an axis of `len` elements, mirrored about the
/// first and last elements without repeating them, periodically for pads wider than the
/// axis. An axis of one element repeats it.
///
/// ```
/// use extensor::core::kernels::gather::reflect_index;
/// let got: Vec<usize> = (-5..8).map(|o| reflect_index(o, 3)).collect();
/// assert_eq!(got, vec![1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1]);
/// ```
pub fn reflect_index(o: i64, len: usize) -> usize {
    if len <= 1 {
        return 0;
    }
    let period = 2 * (len as i64 - 1);
    let k = o.rem_euclid(period);
    if k < len as i64 {
        k as usize
    } else {
        (period - k) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gather(src: &[i32], base: isize, tables: &[Vec<isize>]) -> Option<Vec<i32>> {
        let size = tables.iter().map(Vec::len).product();
        let mut out = vec![MaybeUninit::new(-1); size];
        gather_by_tables(src, base, tables, &mut out)
            // SAFETY: every element was initialised (to -1) before the call.
            .then(|| out.iter().map(|x| unsafe { x.assume_init() }).collect())
    }

    #[test]
    fn runs_merge_consecutive_offsets_only() {
        let got = runs(&[4, 5, 6, 0, 0, 1]);
        let want =
            [(0, 4, 3), (3, 0, 1), (4, 0, 2)].map(|(start, delta, len)| Run { start, delta, len });
        assert_eq!(got, want);
    }

    #[test]
    fn a_row_gather_copies_whole_rows() {
        // take([2, 0, 2], axis 0) of a [3, 2] source.
        let src = [0, 1, 10, 11, 20, 21];
        let got = gather(&src, 0, &[vec![4, 0, 4], vec![0, 1]]).unwrap();
        assert_eq!(got, vec![20, 21, 0, 1, 20, 21]);
    }

    #[test]
    fn a_zero_d_output_copies_the_base_element() {
        assert_eq!(gather(&[7, 8], 1, &[]).unwrap(), vec![8]);
    }

    #[test]
    fn an_empty_axis_writes_nothing() {
        assert_eq!(gather(&[7], 0, &[vec![0, 0], vec![]]).unwrap(), vec![]);
    }

    #[test]
    fn offsets_outside_the_source_are_refused() {
        assert!(gather(&[1, 2], 0, &[vec![0, 2]]).is_none());
        assert!(gather(&[1, 2], -1, &[vec![0]]).is_none());
        let mut short = [MaybeUninit::new(0); 1];
        assert!(!gather_by_tables(&[1, 2], 0, &[vec![0, 1]], &mut short));
    }

    #[test]
    fn the_outer_odometer_visits_rows_in_c_order() {
        // A [2, 2, 3] source read as its [2, 2, 3] identity, then with axis 1 reversed.
        let src: Vec<i32> = (0..12).collect();
        let id = [vec![0, 6], vec![0, 3], vec![0, 1, 2]];
        assert_eq!(gather(&src, 0, &id).unwrap(), src);
        let flipped = [vec![0, 6], vec![3, 0], vec![0, 1, 2]];
        let got = gather(&src, 0, &flipped).unwrap();
        assert_eq!(got, vec![3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8]);
    }

    #[test]
    fn reflect_index_matches_numpy_for_short_axes() {
        // np.pad([0, 1], (5, 4), 'reflect') and np.pad([0], (2, 3), 'reflect').
        let two: Vec<usize> = (-5..6).map(|o| reflect_index(o, 2)).collect();
        assert_eq!(two, vec![1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
        assert!((-2..4).all(|o| reflect_index(o, 1) == 0));
    }
}
