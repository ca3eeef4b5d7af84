//! Matrix multiply with NumPy's `matmul` rules, and softmax.

use super::{compute_dtype, elementwise::broadcast_shapes, with_numeric_type};
use crate::core::dtype::{DType, Element};
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::index::IndexItem;
use crate::core::kernels::softmax::softmax_rows;
use crate::core::kernels::{BinaryOp, FloatOps, ReduceOp, UnaryOp, VecOps};
use crate::core::layout::normalize_axes;
use crate::core::parallel;
use crate::core::promote::{float_result, result_type};
use crate::core::tensor::Tensor;

use super::Rhs;

impl Tensor {
    /// NumPy `matmul`: 1-D operands are promoted to matrices and the added axis removed
    /// afterwards; leading (batch) axes broadcast.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let a = Tensor::arange(0.0, 6.0, 1.0, DType::Float32).unwrap().reshape(&[2, 3]).unwrap();
    /// let v = Tensor::arange(0.0, 3.0, 1.0, DType::Float32).unwrap();
    /// let y = a.matmul(&v).unwrap();
    /// assert_eq!(y.shape(), &[2]);
    /// assert_eq!(y.to_vec::<f32>().unwrap(), vec![5.0, 14.0]);
    /// ```
    pub fn matmul(&self, other: &Tensor) -> Result<Tensor> {
        if self.ndim() == 0 || other.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "matmul",
                "operands must have at least one dimension",
            ));
        }
        let a = if self.ndim() == 1 {
            self.unsqueeze(0)?
        } else {
            self.share()
        };
        let b = if other.ndim() == 1 {
            other.unsqueeze(1)?
        } else {
            other.share()
        };
        let (m, k) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
        let (k2, n) = (b.shape()[b.ndim() - 2], b.shape()[b.ndim() - 1]);
        if k != k2 {
            return Err(Error::new(
                ErrorKind::ShapeMismatch,
                "matmul",
                format!(
                    "{} and {}: inner dimensions {k} and {k2} differ",
                    fmt_dims(self.shape()),
                    fmt_dims(other.shape())
                ),
            ));
        }
        let batch = broadcast_shapes(
            "matmul",
            &[&a.shape()[..a.ndim() - 2], &b.shape()[..b.ndim() - 2]],
        )?;
        let a = a.broadcast_to(&[batch.clone(), vec![m, k]].concat())?;
        let b = b.broadcast_to(&[batch.clone(), vec![k, n]].concat())?;
        let result = result_type(self.dtype(), other.dtype());
        let compute = if result == DType::Bool {
            DType::Int32
        } else {
            compute_dtype(result)
        };
        let mut out_shape = [batch.clone(), vec![m, n]].concat();
        let out = with_numeric_type!(compute, "matmul", C => batched_gemm::<C>(&a, &b, &batch, m, n, k, &out_shape))?;
        if self.ndim() == 1 {
            out_shape.remove(out_shape.len() - 2);
        }
        if other.ndim() == 1 {
            out_shape.pop();
        }
        let shaped = out.reshape(&out_shape.iter().map(|&d| d as i64).collect::<Vec<_>>())?;
        if shaped.dtype() == result {
            Ok(shaped)
        } else {
            shaped.astype(result)
        }
    }

    /// A contiguous `C` copy or borrow of the whole tensor.
    fn whole_operand<'s, C: Element>(&'s self, scratch: &'s mut Vec<C>) -> Result<&'s [C]> {
        if self.is_contiguous() {
            if let Some(s) = self.borrow_elements::<C>(self.offset(), self.size()) {
                return Ok(s);
            }
        }
        *scratch = self.to_vec::<C>()?;
        Ok(scratch)
    }

    /// Softmax along `axis` (default the last): `exp(x - max) / sum(exp(x - max))`.
    /// Integer inputs give NumPy's float dtype for them.
    pub fn softmax(&self, axis: Option<i64>) -> Result<Tensor> {
        if self.ndim() == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "softmax",
                "needs at least one dimension",
            ));
        }
        let axis = [axis.unwrap_or(-1)];
        let last = normalize_axes("softmax", &axis, self.ndim())?[0] + 1 == self.ndim();
        let x = if self.dtype().is_float() {
            self.share()
        } else {
            self.astype(float_result(self.dtype()))?
        };
        if x.size() == 0 {
            // Nothing to normalise, on any axis (the max of an empty axis has no identity).
            return x.deep_copy();
        }
        if last && x.is_contiguous() {
            let n = x.shape()[x.ndim() - 1];
            match x.dtype() {
                DType::Float32 => return x.softmax_rows::<f32>(n),
                DType::Float64 => return x.softmax_rows::<f64>(n),
                _ => {}
            }
        }
        let max = x.reduce(ReduceOp::Max, Some(&axis), true)?;
        let e = x
            .binary(BinaryOp::Sub, Rhs::Tensor(&max))?
            .unary(UnaryOp::Exp)?;
        let total = e.reduce(ReduceOp::Sum, Some(&axis), true)?;
        e.binary(BinaryOp::Div, Rhs::Tensor(&total))
    }
}

impl Tensor {
    /// Softmax of each contiguous `n`-element row, fused (kernels/softmax.rs).
    fn softmax_rows<C: FloatOps>(&self, n: usize) -> Result<Tensor> {
        let x = self
            .borrow_elements::<C>(self.offset(), self.size())
            .ok_or_else(|| Error::internal("softmax", "rows not borrowable"))?;
        Tensor::fresh_output_uninit::<C>(self.shape(), |out| {
            softmax_rows(x, n, out).map_err(|_| {
                crate::core::memory::out_of_memory("softmax", || {
                    format!("cannot allocate a row of {n} elements")
                })
            })
        })
    }
}

/// Output rows per parallel piece of a large matmul: a multiple of every GEMM kernel's row
/// blocking (the f32 SIMD kernel packs A 64 rows at a time).
const GEMM_PIECE_ROWS: usize = 64;

/// Multiply-adds a piece must hold before a matmul is split: above the f32 kernel's
/// unpacked limit (128³), so every piece takes the packed path the whole product takes.
const GEMM_PIECE_WORK: usize = 1 << 21;

/// `C::gemm` of the whole product, or of [`GEMM_PIECE_ROWS`]-row pieces of the output on
/// the thread pool when each piece is large. Whether to split depends on the shapes only,
/// and a row's result does not depend on the piece it is in, so the bits are the same at
/// any thread count.
fn gemm_in_pieces<C: VecOps>(m: usize, n: usize, k: usize, a: &[C], b: &[C], out: &mut [C]) {
    if m <= GEMM_PIECE_ROWS || GEMM_PIECE_ROWS * n * k <= GEMM_PIECE_WORK {
        return C::gemm(m, n, k, a, b, out);
    }
    parallel::for_each_piece(
        &mut out[..m * n],
        GEMM_PIECE_ROWS * n,
        m * n * k,
        |start, piece| {
            let (first, rows) = (start / n, piece.len() / n);
            C::gemm(rows, n, k, &a[first * k..(first + rows) * k], b, piece);
        },
    );
}

fn batched_gemm<C: VecOps>(
    a: &Tensor,
    b: &Tensor,
    batch: &[usize],
    m: usize,
    n: usize,
    k: usize,
    out_shape: &[usize],
) -> Result<Tensor> {
    Tensor::fresh_output::<C>(out_shape, |out| {
        let count: usize = batch.iter().product();
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        let mut index = vec![0usize; batch.len()];
        for (i, tile) in out.chunks_mut((m * n).max(1)).take(count).enumerate() {
            if i > 0 {
                for axis in (0..batch.len()).rev() {
                    index[axis] += 1;
                    if index[axis] < batch[axis] {
                        break;
                    }
                    index[axis] = 0;
                }
            }
            let items: Vec<IndexItem> = index.iter().map(|&i| IndexItem::Index(i as i64)).collect();
            let (av, bv) = (a.slice(&items)?, b.slice(&items)?);
            let (am, bm) = (
                av.whole_operand::<C>(&mut sa)?,
                bv.whole_operand::<C>(&mut sb)?,
            );
            if m * n > 0 {
                gemm_in_pieces::<C>(m, n, k, am, bm, tile);
            }
        }
        Ok(())
    })
}
