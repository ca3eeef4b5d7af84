//! The wasm-bindgen layer: plain data in, plain data out, and nothing more. No tensor
//! logic lives here.
//!
//! # The boundary rule
//!
//! JavaScript values are untrusted input: a Proxy, a getter or a `valueOf` can run user
//! code, which may free a tensor, grow wasm memory or throw. So no binding takes a
//! `JsValue`, an `Array` or any object that can run user code, and none calls into JS:
//!
//! - arguments are numbers, booleans, strings and typed arrays that the JS layer
//!   (`src/ts/boundary.ts`) built itself after reading the caller's values exactly once;
//! - a tensor is named by a number, its id in the [`handles`] table; JS never holds a Rust
//!   object, so there is no pointer to forge and no borrow that a JS exception could leave
//!   set;
//! - results are numbers, strings, `Vec`s (copied out by the glue) and new ids; errors are
//!   the text `CODE message`, thrown by the glue after Rust has returned.
//!
//! So no user code runs while Rust holds a tensor, and re-entrancy is impossible by
//! construction rather than checked case by case.

mod convert;
mod creation;
mod einsum;
mod gather;
mod handle;
mod handles;
mod linalg;
mod math;
mod threads;
