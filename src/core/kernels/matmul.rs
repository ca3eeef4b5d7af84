//! Matrix multiply kernels over contiguous row-major operands: `out[m×n] = a[m×k] · b[k×n]`.

use super::arith::Arith;

/// Scalar path: for each row of `a`, accumulate `a[i,p] · b[p,:]` into the output row —
/// unit-stride inner loop that LLVM vectorises where it can.
pub fn gemm_scalar<T: Arith>(m: usize, n: usize, k: usize, a: &[T], b: &[T], out: &mut [T]) {
    for (i, row) in out.chunks_exact_mut(n.max(1)).take(m).enumerate() {
        row.iter_mut().for_each(|o| *o = T::ZERO);
        for p in 0..k {
            let av = a[i * k + p];
            let brow = &b[p * n..p * n + n];
            for (o, &bv) in row.iter_mut().zip(brow) {
                *o = o.add(av.mul(bv));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_product_is_right() {
        let a = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]; // 2x3
        let b = [7.0f32, 8.0, 9.0, 10.0, 11.0, 12.0]; // 3x2
        let mut out = [0f32; 4];
        gemm_scalar(2, 2, 3, &a, &b, &mut out);
        assert_eq!(out, [58.0, 64.0, 139.0, 154.0]);
    }
}
