//! Running sums and products along one axis (`cumsum`, `cumprod`).

/// Accumulates `data` in place along the middle axis of its C-order shape `[outer, len,
/// inner]`: element `i` of each lane becomes `f(element i − 1, element i)`. Each step
/// combines whole rows of `inner` elements (a loop LLVM vectorises); `inner == 1` is the
/// sequential scan.
pub fn accumulate<T: Copy>(data: &mut [T], len: usize, inner: usize, f: impl Fn(T, T) -> T) {
    let lane = len * inner;
    if lane == 0 {
        return;
    }
    if inner == 1 {
        // One running value per lane: a plain scan, no row machinery per element.
        for block in data.chunks_exact_mut(lane) {
            let mut acc = block[0];
            for x in &mut block[1..] {
                acc = f(acc, *x);
                *x = acc;
            }
        }
        return;
    }
    for block in data.chunks_exact_mut(lane) {
        for i in 1..len {
            let (done, rest) = block.split_at_mut(i * inner);
            let previous = &done[(i - 1) * inner..];
            for (x, &p) in rest[..inner].iter_mut().zip(previous) {
                *x = f(p, *x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accumulates_along_the_middle_axis_only() {
        // shape [2, 3, 2]
        let mut d: Vec<i32> = (0..12).collect();
        accumulate(&mut d, 3, 2, |a, b| a + b);
        assert_eq!(d, [0, 1, 2, 4, 6, 9, 6, 7, 14, 16, 24, 27]);
    }

    #[test]
    fn integer_overflow_wraps_as_numpy() {
        let mut d: Vec<i8> = vec![100, 100, 100];
        accumulate(&mut d, 3, 1, i8::wrapping_add);
        assert_eq!(d, [100, -56, 44]);
    }
}
