//! The wasm-bindgen layer: converts JS arguments into core types and core errors into JS
//! errors, and nothing more. No tensor logic lives here.

mod convert;
mod creation;
mod handle;
mod math;
