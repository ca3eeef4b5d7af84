//! Tensor-level math: the front that validates arguments, resolves dtypes (NEP 50) and
//! shapes (broadcasting), does the dtype `match` once, and hands blocks to the kernels.

mod clip;
mod closeness;
mod copy;
mod cumulative;
mod einsum;
mod elementwise;
mod gather;
mod indexing;
mod join;
mod linalg;
mod linalg_decomp;
mod linalg_norm;
mod logic;
mod reduction;
mod shape_ops;
mod sort;
mod statistics;

pub use closeness::Tolerance;
pub use elementwise::{broadcast_shapes, Rhs};
pub use indexing::Index;
pub use linalg_norm::NormOrder;
pub use shape_ops::{pad_widths, PadMode, Split};

use super::dtype::DType;
use super::error::{Error, ErrorKind};

/// The dtype kernels compute in for a result dtype: half-precision floats compute in f32
/// (as NumPy does) and are rounded once at the end.
pub(crate) fn compute_dtype(result: DType) -> DType {
    match result {
        DType::Float16 | DType::BFloat16 => DType::Float32,
        other => other,
    }
}

/// Runs `$body` with `$T` bound to a numeric compute type (every dtype but bool and the
/// half floats, which never reach kernels as compute types; those are `DTYPE` errors).
macro_rules! with_numeric_type {
    ($dtype:expr, $op:expr, $T:ident => $body:expr) => {
        $crate::match_numeric_dtype!($dtype, $T => $body,
            other => Err($crate::core::ops::unsupported($op, other)),
        )
    };
}
pub(crate) use with_numeric_type;

pub(crate) fn unsupported(op: &str, dtype: DType) -> Error {
    Error::new(
        ErrorKind::DType,
        op,
        format!("not supported for dtype {dtype}"),
    )
}
