//! The `einsum` binding: the subscripts text and the operands' handle ids.

use super::convert::JsResult;
use super::handle::stored;
use super::handles;
use super::handles::Id;
use crate::core::Tensor;
use wasm_bindgen::prelude::*;

/// NumPy `einsum` of the tensors `ids` (each held for the call) under `subscripts`.
#[wasm_bindgen]
pub fn einsum(subscripts: &str, ids: &[f64]) -> JsResult<Id> {
    stored(handles::with_all(ids, |ts| Tensor::einsum(subscripts, ts)))
}
