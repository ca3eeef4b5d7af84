//! # ExTensor
//!
//! Memory-safe n-dimensional tensors. Tensors and their views share one reference-counted
//! storage buffer: a view never outlives its data, the last handle frees the storage
//! exactly once, and `share()` increments the count.
//!
//! The [`core`] module is pure Rust and tested natively (including under Miri and
//! Valgrind); the `js` module, compiled only for `wasm32`, is the thin wasm-bindgen layer.
//!
//! ```
//! use extensor::core::{DType, Tensor};
//! let t = Tensor::zeros(&[2, 3], DType::Float32).unwrap();
//! let v = t.transpose(None).unwrap();
//! assert_eq!(t.ref_count(), 2);
//! assert!(v.shares_memory(&t));
//! ```
#![warn(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
mod js;
