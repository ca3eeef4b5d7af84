//! Gather and shape-op bindings: `take`, `takeAlongAxis`, `oneHot`, `nonzero`, `split`,
//! `tile`, `repeat`, `pad`. Index tensors arrive as handle ids (the JS layer turns a JS
//! index array into a tensor first); results that are lists of tensors leave as lists of ids.

use super::convert::{dtype, integer, integers, js_result, scalar, JsResult};
use super::handle::{derive, stored};
use super::handles::{self, Id};
use crate::core::{out_of_memory, pad_widths, Error, ErrorKind, PadMode, Result, Split, Tensor};
use wasm_bindgen::prelude::*;

/// Stores every tensor as a new handle and returns their ids; on failure none stays stored.
fn stored_all(made: Result<Vec<Tensor>>) -> JsResult<Vec<f64>> {
    let tensors = js_result(made)?;
    let mut ids = Vec::new();
    if ids.try_reserve_exact(tensors.len()).is_err() {
        return js_result(Err(out_of_memory("alloc", || {
            format!("no room for {} tensor handles", tensors.len())
        })));
    }
    for t in tensors {
        match js_result(handles::insert(t)) {
            Ok(id) => ids.push(id),
            Err(e) => {
                for &id in &ids {
                    handles::remove(id);
                }
                return Err(e);
            }
        }
    }
    Ok(ids)
}

/// An optional axis: `None` unless `given`.
fn optional_axis(op: &str, given: bool, axis: f64) -> Result<Option<i64>> {
    given.then(|| integer(op, "axis", axis)).transpose()
}

/// `t.take(indices, axis?)`.
#[wasm_bindgen]
pub fn take(id: Id, indices: Id, given: bool, axis: f64) -> JsResult<Id> {
    let axis = js_result(optional_axis("take", given, axis))?;
    stored(handles::with2(id, indices, |t, i| t.take(i, axis)))
}

/// `t.takeAlongAxis(indices, axis)`; `given` false is NumPy's `axis=None`.
#[wasm_bindgen(js_name = takeAlongAxis)]
pub fn take_along_axis(id: Id, indices: Id, given: bool, axis: f64) -> JsResult<Id> {
    let axis = js_result(optional_axis("takeAlongAxis", given, axis))?;
    stored(handles::with2(id, indices, |t, i| {
        t.take_along_axis(i, axis)
    }))
}

/// `ex.oneHot(indices, depth, dtype)`.
#[wasm_bindgen(js_name = oneHot)]
pub fn one_hot(indices: Id, depth: f64, dtype_name: &str) -> JsResult<Id> {
    let depth = js_result(integers(
        "oneHot",
        "depth",
        &[depth],
        ErrorKind::InvalidArgument,
    ))?[0];
    let depth = js_result(usize::try_from(depth).map_err(|_| {
        Error::new(
            ErrorKind::InvalidArgument,
            "oneHot",
            format!("depth {depth} is not a valid length"),
        )
    }))?;
    let dtype = js_result(dtype("oneHot", dtype_name))?;
    derive(indices, |i| Tensor::one_hot(i, depth, dtype))
}

/// `ex.nonzero(t)`: one id per axis.
#[wasm_bindgen]
pub fn nonzero(id: Id) -> JsResult<Vec<f64>> {
    stored_all(handles::with(id, Tensor::nonzero))
}

/// `ex.split(t, sectionsOrIndices, axis)`: `sections` true when `values` holds the one
/// number of sections, false when it lists split positions.
#[wasm_bindgen]
pub fn split(id: Id, sections: bool, values: &[f64], axis: f64) -> JsResult<Vec<f64>> {
    let what = if sections { "sections" } else { "index" };
    let values = js_result(integers("split", what, values, ErrorKind::InvalidArgument))?;
    let axis = js_result(integer("split", "axis", axis))?;
    let spec = match (sections, values.as_slice()) {
        (true, &[n]) => Split::Sections(n),
        _ => Split::Indices(values),
    };
    stored_all(handles::with(id, |t| t.split(&spec, axis)))
}

/// `t.tile(reps)`.
#[wasm_bindgen]
pub fn tile(id: Id, reps: &[f64]) -> JsResult<Id> {
    let reps = js_result(integers("tile", "rep", reps, ErrorKind::InvalidArgument))?;
    derive(id, |t| t.tile(&reps))
}

/// `t.repeat(repeats, axis?)`: one count for all, or one per element.
#[wasm_bindgen]
pub fn repeat(id: Id, repeats: &[f64], given: bool, axis: f64) -> JsResult<Id> {
    let repeats = js_result(integers(
        "repeat",
        "count",
        repeats,
        ErrorKind::InvalidArgument,
    ))?;
    let axis = js_result(optional_axis("repeat", given, axis))?;
    derive(id, |t| t.repeat(&repeats, axis))
}

/// `t.pad(padWidth, { mode, value })`: the pad widths' values (C order) and their array's
/// shape; the constant encoded as `(kind, number, bits)` when `value_given`.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn pad(
    id: Id,
    widths: &[f64],
    widths_shape: &[f64],
    mode: &str,
    value_given: bool,
    kind: u32,
    number: f64,
    bits: i64,
) -> JsResult<Id> {
    let values = js_result(integers(
        "pad",
        "pad width",
        widths,
        ErrorKind::InvalidArgument,
    ))?;
    let shape: Vec<usize> = js_result(integers(
        "pad",
        "pad width dimension",
        widths_shape,
        ErrorKind::InvalidArgument,
    ))?
    .into_iter()
    .map(|d| usize::try_from(d).unwrap_or(usize::MAX))
    .collect();
    let value = match value_given {
        true => Some(js_result(scalar("pad", kind, number, bits))?),
        false => None,
    };
    let mode = js_result(PadMode::from_name(mode, value))?;
    derive(id, |t| {
        let widths = pad_widths(&values, &shape, t.ndim())?;
        t.pad(&widths, mode)
    })
}
