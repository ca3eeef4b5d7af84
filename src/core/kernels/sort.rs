//! Stable sorting of lanes: the order NumPy's `sort(kind='stable')` gives (NaN last), or
//! its mirror for descending order (NaN first), equal elements keeping their index order
//! both ways.
//!
//! Every element type sorts through one code path: each value becomes an order-preserving
//! `u64` key, and the lane sorts `(key, index)` pairs. The index breaks ties, so an unstable
//! sort (or a selection, for `topk`) gives exactly the stable order, and the sort itself is
//! compiled once rather than once per element type.

/// An order-preserving `u64` key: `a < b` exactly when `key(a) < key(b)`; NaN above every
/// number (all NaNs equal); `-0.0` and `0.0` equal.
pub trait SortKey: Copy {
    /// The key.
    fn sort_key(self) -> u64;
}

macro_rules! signed_key {
    ($($t:ty),*) => {$(impl SortKey for $t {
        #[inline(always)]
        fn sort_key(self) -> u64 { (self as i64 as u64) ^ (1 << 63) }
    })*};
}
signed_key!(i8, i16, i32, i64);

macro_rules! unsigned_key {
    ($($t:ty),*) => {$(impl SortKey for $t {
        #[inline(always)]
        fn sort_key(self) -> u64 { self as u64 }
    })*};
}
unsigned_key!(u8, u16, u32, u64);

impl SortKey for f64 {
    #[inline(always)]
    fn sort_key(self) -> u64 {
        if self.is_nan() {
            return u64::MAX;
        }
        let bits = if self == 0.0 { 0 } else { self.to_bits() };
        // Negative numbers: all bits flipped (larger magnitude, smaller key); positive: the
        // sign bit set, above every negative.
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | (1 << 63)
        }
    }
}

impl SortKey for f32 {
    #[inline(always)]
    fn sort_key(self) -> u64 {
        // Exact: every f32 is an f64, in the same order.
        f64::from(self).sort_key()
    }
}

/// The positions of `lane`'s first `keep` elements in sorted order (ascending, or the
/// mirrored descending order), into `scratch`'s first `keep` pairs `(key, index)`.
/// Without sorting what lies past `keep`: a selection, then a sort of the prefix.
pub fn order_lane<T: SortKey>(
    lane: &[T],
    keep: usize,
    descending: bool,
    scratch: &mut Vec<(u64, u32)>,
) {
    scratch.clear();
    let flip = if descending { u64::MAX } else { 0 };
    scratch.extend(
        lane.iter()
            .enumerate()
            .map(|(i, &x)| (x.sort_key() ^ flip, i as u32)),
    );
    order_pairs(scratch, keep);
}

/// Orders the first `keep` pairs (the one instantiation every element type shares).
#[inline(never)]
fn order_pairs(pairs: &mut [(u64, u32)], keep: usize) {
    if keep == 0 {
        return;
    }
    if keep < pairs.len() {
        pairs.select_nth_unstable(keep - 1);
    }
    // The pairs are distinct (each has its own index): one sorted order, at any thread count.
    crate::core::parallel::sort_unstable(&mut pairs[..keep]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lane: &[f64], descending: bool, keep: usize) -> Vec<u32> {
        let mut scratch = Vec::new();
        order_lane(lane, keep, descending, &mut scratch);
        scratch[..keep].iter().map(|p| p.1).collect()
    }

    #[test]
    fn nan_sorts_last_ascending_and_first_descending() {
        assert_eq!(sorted(&[2.0, f64::NAN, 1.0], false, 3), [2, 0, 1]);
        assert_eq!(sorted(&[2.0, f64::NAN, 1.0], true, 3), [1, 0, 2]);
    }

    #[test]
    fn ties_keep_their_index_order_in_both_directions_and_zeros_are_equal() {
        assert_eq!(sorted(&[1.0, 0.0, 1.0, -0.0], false, 4), [1, 3, 0, 2]);
        assert_eq!(sorted(&[1.0, 0.0, 1.0, -0.0], true, 4), [0, 2, 1, 3]);
    }

    #[test]
    fn selection_gives_the_prefix_of_the_full_order() {
        let lane = [1.0, 5.0, f64::NAN, 5.0, 0.0, -3.5, f64::NEG_INFINITY, 5.0];
        for descending in [false, true] {
            let full = sorted(&lane, descending, lane.len());
            for keep in 0..=lane.len() {
                assert_eq!(sorted(&lane, descending, keep), &full[..keep]);
            }
        }
    }

    #[test]
    fn keys_preserve_the_order_of_every_integer_type() {
        assert!((-128i8).sort_key() < (-1i8).sort_key() && (-1i8).sort_key() < 0i8.sort_key());
        assert!(i64::MIN.sort_key() < i64::MAX.sort_key());
        assert!(0u64.sort_key() < u64::MAX.sort_key());
        assert!(f32::NEG_INFINITY.sort_key() < (-0.0f32).sort_key());
        assert!(f32::MAX.sort_key() < f32::INFINITY.sort_key());
        assert!(f32::INFINITY.sort_key() < f32::NAN.sort_key());
    }
}
