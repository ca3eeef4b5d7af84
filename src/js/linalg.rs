//! `ex.linalg` bindings: handle ids in, new ids out; `norm`'s `ord` arrives as a kind code
//! and its number or text (src/ts/linalg.ts reads it once).

use super::convert::{axes, js_result, JsResult};
use super::handle::{derive, stored};
use super::handles::{self, Id};
use crate::core::{Error, ErrorKind, NormOrder, Result};
use wasm_bindgen::prelude::*;

/// `ord` omitted or `null`: NumPy's `None`.
pub const NORM_ORDER_DEFAULT: u32 = 0;
/// `ord` is a number, in `number`.
pub const NORM_ORDER_NUMBER: u32 = 1;
/// `ord` is a string, in `text` (`'fro'` or `'nuc'`).
pub const NORM_ORDER_TEXT: u32 = 2;

/// The `[NORM_ORDER_DEFAULT, NORM_ORDER_NUMBER, NORM_ORDER_TEXT]` codes, which the JS layer
/// checks against its own at init.
#[wasm_bindgen(js_name = normOrderCodes)]
pub fn norm_order_codes() -> Vec<u32> {
    vec![NORM_ORDER_DEFAULT, NORM_ORDER_NUMBER, NORM_ORDER_TEXT]
}

fn norm_order(kind: u32, number: f64, text: &str) -> Result<NormOrder> {
    const OP: &str = "linalg.norm";
    match (kind, text) {
        (NORM_ORDER_DEFAULT, _) => Ok(NormOrder::Default),
        (NORM_ORDER_NUMBER, _) => Ok(NormOrder::Power(number)),
        (NORM_ORDER_TEXT, "fro") => Ok(NormOrder::Frobenius),
        (NORM_ORDER_TEXT, "nuc") => Ok(NormOrder::Nuclear),
        (NORM_ORDER_TEXT, other) => Err(Error::new(
            ErrorKind::InvalidArgument,
            OP,
            format!("invalid norm order {other:?}; the string orders are 'fro' and 'nuc'"),
        )),
        _ => Err(Error::internal(OP, &format!("unknown ord kind {kind}"))),
    }
}

#[wasm_bindgen(js_name = linalgInv)]
pub fn linalg_inv(id: Id) -> JsResult<Id> {
    derive(id, |t| t.inv())
}

#[wasm_bindgen(js_name = linalgDet)]
pub fn linalg_det(id: Id) -> JsResult<Id> {
    derive(id, |t| t.det())
}

#[wasm_bindgen(js_name = linalgCholesky)]
pub fn linalg_cholesky(id: Id) -> JsResult<Id> {
    derive(id, |t| t.cholesky())
}

#[wasm_bindgen(js_name = linalgSolve)]
pub fn linalg_solve(a: Id, b: Id) -> JsResult<Id> {
    stored(handles::with2(a, b, |x, y| x.solve(y)))
}

#[wasm_bindgen(js_name = linalgNorm)]
pub fn linalg_norm(
    id: Id,
    ord_kind: u32,
    ord_number: f64,
    ord_text: &str,
    axis_given: bool,
    axis: &[f64],
    keep_dims: bool,
) -> JsResult<Id> {
    let ord = js_result(norm_order(ord_kind, ord_number, ord_text))?;
    let axis = js_result(axes("linalg.norm", axis_given, axis))?;
    derive(id, |t| t.norm(ord, axis.as_deref(), keep_dims))
}
