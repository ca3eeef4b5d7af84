//! Compute kernels: one family per file, each with a scalar path that compiles everywhere
//! (and is what Miri checks); [`VecOps`] routes each element type to its kernels, with SIMD
//! overrides for f32 on wasm32 builds with `+simd128` (`simd128/`, a leaf of vector
//! primitives). Kernels see contiguous slices and scalars only ([`Operand`]); the block
//! splitter in `strided.rs` feeds them. The dtype `match` happens once, in the tensor-level
//! ops.
//!
//! Imports run one way: `op`, `operand`, `arith` and `convert` are leaves; the families (`binary`,
//! `unary`, `matmul`, `pairwise`, `reduce`) build on them, `softmax` on `vec_ops`; `vec_ops` picks a family's
//! scalar path or a `simd128` primitive per type. The linear-algebra families (`lu`,
//! `cholesky`, `singular`) build on `arith` alone, scalar loops only (no SIMD path).

pub mod arith;
pub mod binary;
pub mod cholesky;
pub mod convert;
pub mod cumulative;
pub mod gather;
pub mod lu;
pub mod matmul;
pub mod op;
pub mod operand;
pub mod pairwise;
pub mod reduce;
pub mod singular;
pub mod softmax;
pub mod sort;
pub mod unary;
pub mod vec_ops;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;

pub use arith::{Arith, Float};
pub use op::{BinaryOp, CompareOp, LogicalOp, PredicateOp, ReduceOp, TruthOp, UnaryOp};
pub use operand::{map1, map2, Operand};
pub use vec_ops::{FloatOps, VecOps};
