//! Argument and error conversion shared by every binding: one function per kind of value.

use crate::core::{DType, Error, IndexItem, Result, Scalar};
use wasm_bindgen::prelude::*;

/// Every binding returns this: the `Err` is a JS `Error` named `ExTensorError` with `code`.
pub type JsResult<T> = std::result::Result<T, JsValue>;

/// The single core-error-to-JS conversion. The JS loader rewraps it as `ExTensorError`.
pub fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("ExTensorError");
    // Setting a property on a fresh plain Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    err.into()
}

/// Lifts a core result into a binding result.
pub fn lift<T>(r: Result<T>) -> JsResult<T> {
    r.map_err(js_error)
}

fn is_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0
}

fn list(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// A shape from JS numbers: each a non-negative integer.
pub fn dims(op: &str, values: &[f64]) -> Result<Vec<usize>> {
    values
        .iter()
        .map(|&d| {
            if !is_integer(d) || d < 0.0 {
                Err(Error::InvalidShape(format!(
                    "{op}: dimension {d} in {} is not a non-negative integer",
                    list(values)
                )))
            } else if d > isize::MAX as f64 {
                Err(Error::InvalidShape(format!(
                    "{op}: dimension {d} in {} is larger than {}, the most elements wasm32 can address",
                    list(values),
                    isize::MAX
                )))
            } else {
                Ok(d as usize)
            }
        })
        .collect()
}

/// Integers from JS numbers (axes, indices, reshape targets); `invalid` builds the error.
pub fn integers(
    op: &str,
    what: &str,
    values: &[f64],
    invalid: fn(String) -> Error,
) -> Result<Vec<i64>> {
    values
        .iter()
        .map(|&v| {
            if is_integer(v) {
                Ok(v as i64)
            } else {
                Err(invalid(format!(
                    "{op}: {what} {v} in {} is not an integer",
                    list(values)
                )))
            }
        })
        .collect()
}

/// One integer from a JS number.
pub fn integer(op: &str, what: &str, value: f64) -> Result<i64> {
    Ok(integers(op, what, &[value], Error::InvalidArgument)?[0])
}

/// A dtype from its JS name.
pub fn dtype(name: &str) -> Result<DType> {
    DType::parse(name)
}

/// A JS number, bigint or boolean as a scalar.
pub fn scalar_from_js(op: &str, value: &JsValue) -> Result<Scalar> {
    if let Some(x) = value.as_f64() {
        return Ok(Scalar::Float(x));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Scalar::Bool(b));
    }
    if value.is_bigint() {
        if let Ok(i) = i64::try_from(value.clone()) {
            return Ok(Scalar::Int(i));
        }
        if let Ok(u) = u64::try_from(value.clone()) {
            return Ok(Scalar::UInt(u));
        }
        return Err(Error::InvalidArgument(format!(
            "{op}: bigint {value:?} does not fit 64 bits"
        )));
    }
    Err(Error::InvalidArgument(format!(
        "{op}: expected a number, bigint or boolean, got {value:?}"
    )))
}

/// A scalar as the JS value its dtype reads back as: `bigint` for 64-bit integers,
/// `boolean` for bool, `number` otherwise.
pub fn scalar_to_js(dtype: DType, value: Scalar) -> JsValue {
    match (dtype, value) {
        (_, Scalar::Bool(b)) => JsValue::from_bool(b),
        (DType::Int64, Scalar::Int(i)) => JsValue::from(i),
        (DType::UInt64, Scalar::UInt(u)) => JsValue::from(u),
        (_, v) => JsValue::from_f64(v.as_f64()),
    }
}

/// The array form of a slice: numbers are indices, `[start, stop, step]` arrays (with
/// `null`/`undefined` parts) are slices, `null` is a new axis, strings are parsed items
/// (`'...'`, `':'`, `'1:3'`).
pub fn index_items(items: &js_sys::Array) -> Result<Vec<IndexItem>> {
    let part = |v: JsValue| -> Result<Option<i64>> {
        if v.is_null() || v.is_undefined() {
            Ok(None)
        } else if let Some(x) = v.as_f64() {
            Ok(Some(integer("slice", "slice bound", x)?))
        } else {
            Err(Error::InvalidArgument(format!(
                "slice: slice bound {v:?} is not an integer or null"
            )))
        }
    };
    items
        .iter()
        .map(|item| {
            if item.is_null() || item.is_undefined() {
                Ok(IndexItem::NewAxis)
            } else if let Some(x) = item.as_f64() {
                Ok(IndexItem::Index(integer("slice", "index", x)?))
            } else if let Some(text) = item.as_string() {
                IndexItem::parse_item(&text, &text)
            } else if js_sys::Array::is_array(&item) {
                let bounds = js_sys::Array::from(&item);
                if bounds.length() > 3 {
                    return Err(Error::InvalidArgument(
                        "slice: a slice array is [start, stop, step] at most".into(),
                    ));
                }
                Ok(IndexItem::Slice {
                    start: part(bounds.get(0))?,
                    stop: part(bounds.get(1))?,
                    step: part(bounds.get(2))?,
                })
            } else {
                Err(Error::InvalidArgument(format!(
                    "slice: cannot index with {item:?}"
                )))
            }
        })
        .collect()
}

/// Optional axes: `undefined`/`null` for all, a number, or an array of numbers.
pub fn axes(op: &str, value: &JsValue) -> Result<Option<Vec<i64>>> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if let Some(x) = value.as_f64() {
        return Ok(Some(vec![integer(op, "axis", x)?]));
    }
    if js_sys::Array::is_array(value) {
        let values: Vec<f64> = js_sys::Array::from(value)
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect();
        return integers(op, "axis", &values, Error::InvalidArgument).map(Some);
    }
    Err(Error::InvalidArgument(format!(
        "{op}: axis must be a number or an array of numbers, got {value:?}"
    )))
}
