//! LU factorisation with partial pivoting (LAPACK's `getrf`, unblocked) and the solves and
//! determinant built on it. Matrices are row-major `n × n` slices; right-hand sides are
//! row-major `n × k`.

use super::arith::Float;

/// What [`lu_factor`] learned besides the factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LuFacts {
    /// A pivot was exactly zero (LAPACK's `info > 0`): the matrix is singular.
    pub singular: bool,
    /// An odd number of row swaps: the determinant changes sign.
    pub odd_swaps: bool,
}

/// Factors `a` (row-major `n × n`) in place into `P·A = L·U`: `U` on and above the diagonal,
/// `L`'s multipliers (unit diagonal implied) below it. `pivots[i]` is the row swapped with
/// row `i` at step `i`, as LAPACK's `ipiv`. The pivot of a column is its first entry of
/// largest magnitude; a column that is zero from the diagonal down is left as it is, and
/// factoring goes on (so the determinant of a singular matrix is 0, as `getrf`'s).
///
/// ```
/// use extensor::core::kernels::lu::lu_factor;
/// let mut a = [1.0f64, 2.0, 3.0, 4.0];
/// let mut pivots = [0usize; 2];
/// let facts = lu_factor(&mut a, 2, &mut pivots);
/// assert_eq!(pivots, [1, 1]);
/// assert_eq!(a, [3.0, 4.0, 1.0 / 3.0, 2.0 - (1.0 / 3.0) * 4.0]);
/// assert!(facts.odd_swaps && !facts.singular);
/// ```
pub fn lu_factor<C: Float>(a: &mut [C], n: usize, pivots: &mut [usize]) -> LuFacts {
    debug_assert!(a.len() == n * n && pivots.len() == n);
    let mut facts = LuFacts {
        singular: false,
        odd_swaps: false,
    };
    for col in 0..n {
        let pivot = pivot_row(a, n, col);
        pivots[col] = pivot;
        if pivot != col {
            swap_rows(a, n, pivot, col);
            facts.odd_swaps = !facts.odd_swaps;
        }
        let diagonal = a[col * n + col];
        if diagonal == C::ZERO {
            facts.singular = true;
            continue;
        }
        let (done, rest) = a.split_at_mut((col + 1) * n);
        let pivot_tail = &done[col * n + col + 1..(col + 1) * n];
        for row in rest.chunks_exact_mut(n) {
            let multiplier = row[col].div(diagonal);
            row[col] = multiplier;
            if multiplier != C::ZERO {
                for (x, &u) in row[col + 1..].iter_mut().zip(pivot_tail) {
                    *x = x.sub(multiplier.mul(u));
                }
            }
        }
    }
    facts
}

/// The first row at or below `col` whose entry in `col` has the largest magnitude (a NaN is
/// never larger, as `idamax` compares).
fn pivot_row<C: Float>(a: &[C], n: usize, col: usize) -> usize {
    let mut best = col;
    let mut largest = a[col * n + col].abs();
    for row in col + 1..n {
        let x = a[row * n + col].abs();
        if x > largest {
            best = row;
            largest = x;
        }
    }
    best
}

fn swap_rows<C: Copy>(a: &mut [C], width: usize, i: usize, j: usize) {
    let (low, high) = (i.min(j), i.max(j));
    let (head, tail) = a.split_at_mut(high * width);
    head[low * width..(low + 1) * width].swap_with_slice(&mut tail[..width]);
}

/// Solves `A·X = B` in place in `b` (row-major `n × k`) from [`lu_factor`]'s factors of a
/// non-singular `A`: the row swaps, then forward substitution with `L`, then back
/// substitution with `U`.
///
/// ```
/// use extensor::core::kernels::lu::{lu_factor, lu_solve};
/// let mut a = [2.0f64, 1.0, 1.0, 3.0];
/// let mut pivots = [0usize; 2];
/// lu_factor(&mut a, 2, &mut pivots);
/// let mut b = [3.0, 5.0]; // A·[0.8, 1.4] = [3, 5]
/// lu_solve(&a, 2, &pivots, &mut b, 1);
/// assert!((b[0] - 0.8).abs() < 1e-15 && (b[1] - 1.4).abs() < 1e-15);
/// ```
pub fn lu_solve<C: Float>(lu: &[C], n: usize, pivots: &[usize], b: &mut [C], k: usize) {
    debug_assert!(lu.len() == n * n && pivots.len() == n && b.len() == n * k);
    if k == 0 {
        return;
    }
    for (row, &pivot) in pivots.iter().enumerate() {
        if pivot != row {
            swap_rows(b, k, row, pivot);
        }
    }
    for i in 1..n {
        let (solved, rest) = b.split_at_mut(i * k);
        let target = &mut rest[..k];
        for (j, source) in solved.chunks_exact(k).enumerate() {
            subtract_multiple(target, lu[i * n + j], source);
        }
    }
    for i in (0..n).rev() {
        let (head, solved) = b.split_at_mut((i + 1) * k);
        let target = &mut head[i * k..];
        for (j, source) in solved.chunks_exact(k).enumerate() {
            subtract_multiple(target, lu[i * n + i + 1 + j], source);
        }
        let diagonal = lu[i * n + i];
        for x in target.iter_mut() {
            *x = x.div(diagonal);
        }
    }
}

/// `target -= factor · source`, skipped for a zero factor (as LAPACK's `trsm`).
fn subtract_multiple<C: Float>(target: &mut [C], factor: C, source: &[C]) {
    if factor == C::ZERO {
        return;
    }
    for (t, &s) in target.iter_mut().zip(source) {
        *t = t.sub(factor.mul(s));
    }
}

/// The determinant from [`lu_factor`]'s factors: the product of `U`'s diagonal, negated
/// for an odd number of swaps.
///
/// ```
/// use extensor::core::kernels::lu::{lu_determinant, lu_factor};
/// let mut a = [1.0f64, 2.0, 3.0, 4.0];
/// let mut pivots = [0usize; 2];
/// let facts = lu_factor(&mut a, 2, &mut pivots);
/// assert!((lu_determinant(&a, 2, facts) + 2.0).abs() < 1e-15);
/// ```
pub fn lu_determinant<C: Float>(lu: &[C], n: usize, facts: LuFacts) -> C {
    let product = (0..n).fold(C::ONE, |acc, i| acc.mul(lu[i * n + i]));
    if facts.odd_swaps {
        product.neg()
    } else {
        product
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(a: &[f64], n: usize) -> (Vec<f64>, Vec<usize>, LuFacts) {
        let mut lu = a.to_vec();
        let mut pivots = vec![0; n];
        let facts = lu_factor(&mut lu, n, &mut pivots);
        (lu, pivots, facts)
    }

    #[test]
    fn linalg_lu_solves_a_pivoting_system() {
        // The zero in the corner forces a swap on the first column.
        let a = [0.0, 2.0, 1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 3.0];
        let (lu, pivots, facts) = factor(&a, 3);
        assert!(!facts.singular);
        let x = [1.0, -2.0, 0.5];
        let mut b: Vec<f64> = (0..3)
            .map(|i| (0..3).map(|j| a[i * 3 + j] * x[j]).sum())
            .collect();
        lu_solve(&lu, 3, &pivots, &mut b, 1);
        for (got, want) in b.iter().zip(x) {
            assert!((got - want).abs() < 1e-14, "{got} vs {want}");
        }
    }

    #[test]
    fn linalg_lu_reports_an_exactly_zero_pivot_and_a_zero_determinant() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 1.0, 2.0, 3.0];
        let (lu, _, facts) = factor(&a, 3);
        assert!(facts.singular);
        assert_eq!(lu_determinant(&lu, 3, facts), 0.0);
    }

    #[test]
    fn linalg_lu_determinant_counts_swaps() {
        let a = [0.0f32, 1.0, 1.0, 0.0];
        let mut lu = a;
        let mut pivots = [0; 2];
        let facts = lu_factor(&mut lu, 2, &mut pivots);
        assert_eq!(lu_determinant(&lu, 2, facts), -1.0);
    }

    #[test]
    fn linalg_lu_solves_several_right_hand_sides_and_empty_ones() {
        let a = [4.0, 1.0, 2.0, 3.0];
        let (lu, pivots, _) = factor(&a, 2);
        let mut identity = [1.0, 0.0, 0.0, 1.0];
        lu_solve(&lu, 2, &pivots, &mut identity, 2);
        let want = [0.3, -0.1, -0.2, 0.4];
        for (got, want) in identity.iter().zip(want) {
            assert!((got - want).abs() < 1e-15);
        }
        let mut none: [f64; 0] = [];
        lu_solve(&lu, 2, &pivots, &mut none, 0);
    }
}
