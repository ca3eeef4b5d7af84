//! SIMD128 primitives (wasm32 with `+simd128` only): vector loops, polynomials, the
//! pairwise sum, max/min, the softmax row and the GEMM micro-kernel, all over f32. A leaf:
//! it knows no op enum and no element trait; `vec_ops.rs` maps each op of f32 to a primitive here. Each primitive has
//! a scalar twin in its family's file; `tests/wasm_common/kernels.rs` holds the two equal
//! under wasm-bindgen-test, since Miri and native tests cannot run wasm intrinsics.

pub mod convert;
mod extreme;
mod gemm;
mod lanes;
mod loops;
mod poly;
mod softmax;
mod sum;
pub mod transpose;

pub use extreme::extreme_f32;
pub use gemm::gemm_f32;
pub use loops::{map1_f32, map2_f32};
pub use poly::{exp4, log4, relu4, sigmoid4, tanh4};
pub use softmax::softmax_row_f32;
pub use sum::sum_f32;
