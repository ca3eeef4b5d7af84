//! Softmax along contiguous rows, fused: each row is done before the next (it stays in
//! cache) by its element type's [`FloatOps::softmax_row`]. The scalar path here runs the
//! same kernels in the same order as the unfused max → sub → exp → sum → div, so its
//! results are those bit for bit; f32's SIMD path (`simd128/softmax.rs`) fuses the exp
//! with the sum and multiplies by 1/sum, within a few ulp of it.

use super::arith::Float;
use super::op::{BinaryOp, UnaryOp};
use super::operand::Operand;
use super::vec_ops::{FloatOps, VecOps};
use crate::core::parallel;
use std::collections::TryReserveError;
use std::mem::MaybeUninit;

/// Writes the softmax of each `n`-element row of `x` into `out` (same length as `x`). Each
/// piece of rows reserves its row scratch first, fallibly: the only allocation, so a
/// failure is an error to report (OUT_OF_MEMORY), never an abort. Pieces of whole rows may
/// run on the thread pool; a row's values do not depend on its piece.
pub fn softmax_rows<C: FloatOps>(
    x: &[C],
    n: usize,
    out: &mut [MaybeUninit<C>],
) -> Result<(), TryReserveError> {
    if n == 0 {
        return Ok(());
    }
    let rows_per_piece = (parallel::ELEMENTWISE_PIECE / n).max(1);
    parallel::try_for_each_piece(out, rows_per_piece * n, x.len(), |start, dst| {
        let mut scratch: Vec<MaybeUninit<C>> = Vec::new();
        scratch.try_reserve_exact(n)?;
        let rows = x[start..start + dst.len()].chunks_exact(n);
        for (row, dst) in rows.zip(dst.chunks_exact_mut(n)) {
            C::softmax_row(row, dst, &mut scratch);
        }
        Ok(())
    })
}

/// The scalar path of [`FloatOps::softmax_row`]: `exps` is scratch with room reserved for
/// the row (resizing it then allocates nothing).
pub fn softmax_row_scalar<C: VecOps + Float>(
    row: &[C],
    dst: &mut [MaybeUninit<C>],
    exps: &mut Vec<MaybeUninit<C>>,
) {
    let Some(max) = C::extreme(row, true) else {
        return;
    };
    exps.resize(row.len(), MaybeUninit::uninit());
    C::binary(
        BinaryOp::Sub,
        Operand::Slice(row),
        Operand::Scalar(max),
        dst,
    );
    C::unary(UnaryOp::Exp, Operand::Slice(assume_init(dst)), exps);
    let exps = assume_init(exps);
    let total = C::pairwise_sum(exps);
    C::binary(
        BinaryOp::Div,
        Operand::Slice(exps),
        Operand::Scalar(total),
        dst,
    );
}

/// A slice the kernel before wrote entirely.
fn assume_init<C>(s: &[MaybeUninit<C>]) -> &[C] {
    // SAFETY: every caller passes a slice that a VecOps kernel has just written in full (a
    // kernel writes every element of its output); MaybeUninit<C> has C's layout.
    unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<C>(), s.len()) }
}
