//! Stable sorting of lanes: the order NumPy's `sort(kind='stable')` gives (NaN last), or
//! its mirror for descending order (NaN first), equal elements keeping their index order
//! both ways.

use super::arith::Arith;
use std::cmp::Ordering;

/// Ascending order with NaN after every number (NumPy's), NaNs equal to each other.
#[inline]
pub fn ascending<T: Arith>(a: T, b: T) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
    }
}

/// Sorts `lane` stably and writes the sorted values and their original positions.
/// `values` and `indices` are as long as `lane`; `scratch` is reusable space.
pub fn sort_lane<T: Arith>(
    lane: &[T],
    descending: bool,
    scratch: &mut Vec<(T, u32)>,
    values: &mut [T],
    indices: &mut [i32],
) {
    scratch.clear();
    scratch.extend(lane.iter().enumerate().map(|(i, &x)| (x, i as u32)));
    if descending {
        // The reversed comparison, not a reversed result: ties keep their index order.
        scratch.sort_by(|a, b| ascending(b.0, a.0));
    } else {
        scratch.sort_by(|a, b| ascending(a.0, b.0));
    }
    for ((v, i), &(x, at)) in values
        .iter_mut()
        .zip(indices.iter_mut())
        .zip(scratch.iter())
    {
        *v = x;
        *i = at as i32;
    }
}

/// The first `keep` elements of the order [`sort_lane`] gives, without sorting the rest: a
/// selection on (value, index) — the index breaks ties, so the prefix is exactly the stable
/// order's — then a sort of the prefix alone.
pub fn select_lane<T: Arith>(
    lane: &[T],
    keep: usize,
    descending: bool,
    scratch: &mut Vec<(T, u32)>,
    values: &mut [T],
    indices: &mut [i32],
) {
    scratch.clear();
    scratch.extend(lane.iter().enumerate().map(|(i, &x)| (x, i as u32)));
    let order = |a: &(T, u32), b: &(T, u32)| {
        let by_value = if descending {
            ascending(b.0, a.0)
        } else {
            ascending(a.0, b.0)
        };
        by_value.then(a.1.cmp(&b.1))
    };
    if keep < scratch.len() && keep > 0 {
        scratch.select_nth_unstable_by(keep - 1, order);
    }
    let prefix = &mut scratch[..keep];
    prefix.sort_unstable_by(order);
    for ((v, i), &(x, at)) in values.iter_mut().zip(indices.iter_mut()).zip(prefix.iter()) {
        *v = x;
        *i = at as i32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lane: &[f64], descending: bool) -> (Vec<f64>, Vec<i32>) {
        let mut v = vec![0.0; lane.len()];
        let mut i = vec![0; lane.len()];
        sort_lane(lane, descending, &mut Vec::new(), &mut v, &mut i);
        (v, i)
    }

    #[test]
    fn nan_sorts_last_ascending_and_first_descending() {
        let (v, i) = sorted(&[2.0, f64::NAN, 1.0], false);
        assert_eq!((&v[..2], &i[..]), (&[1.0, 2.0][..], &[2, 0, 1][..]));
        assert!(v[2].is_nan());
        let (v, i) = sorted(&[2.0, f64::NAN, 1.0], true);
        assert!(v[0].is_nan());
        assert_eq!(i, [1, 0, 2]);
    }

    #[test]
    fn selection_gives_the_prefix_of_the_stable_order() {
        let lane = [1.0, 5.0, f64::NAN, 5.0, 0.0, 5.0];
        for descending in [false, true] {
            let (v, i) = sorted(&lane, descending);
            for keep in 0..=lane.len() {
                let (mut sv, mut si) = (vec![0.0; keep], vec![0; keep]);
                select_lane(&lane, keep, descending, &mut Vec::new(), &mut sv, &mut si);
                assert_eq!(si, &i[..keep], "keep {keep}, descending {descending}");
                assert!(sv
                    .iter()
                    .zip(&v)
                    .all(|(a, b)| a == b || a.is_nan() && b.is_nan()));
            }
        }
    }

    #[test]
    fn ties_keep_their_index_order_in_both_directions() {
        let (_, up) = sorted(&[1.0, 0.0, 1.0, 0.0], false);
        assert_eq!(up, [1, 3, 0, 2]);
        let (_, down) = sorted(&[1.0, 0.0, 1.0, 0.0], true);
        assert_eq!(down, [0, 2, 1, 3]);
    }
}
