//! Plain data in, plain data out: the conversions every binding shares, one function per
//! kind of value. Arguments arrive as numbers, strings and typed arrays that the JS layer
//! built itself (src/ts/boundary.ts); errors leave as the text `CODE message`, which the JS
//! layer turns into an `ExTensorError`.

use crate::core::{format_scalar, DType, Error, ErrorKind, Result, Scalar};

/// Every binding returns this; wasm-bindgen throws the `Err` text as a JS string.
pub type JsResult<T> = std::result::Result<T, String>;

/// A core result as a binding result: the error becomes the text `CODE op: message`.
pub fn js_result<T>(r: Result<T>) -> JsResult<T> {
    r.map_err(|e| format!("{} {e}", e.code()))
}

/// A JS number as JavaScript prints it (`5e-324`, `1e+300`), so messages stay short.
fn number(x: f64) -> String {
    format_scalar(Scalar::Float(x))
}

fn is_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0
}

fn list(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|&v| number(v)).collect();
    format!("[{}]", parts.join(", "))
}

/// A shape from JS numbers: each a non-negative integer.
pub fn dims(op: &str, values: &[f64]) -> Result<Vec<usize>> {
    values
        .iter()
        .map(|&d| {
            if !is_integer(d) || d < 0.0 {
                Err(Error::new(
                    ErrorKind::InvalidShape,
                    op,
                    format!(
                        "dimension {} in {} is not a non-negative integer",
                        number(d),
                        list(values)
                    ),
                ))
            } else if d > isize::MAX as f64 {
                Err(Error::new(
                    ErrorKind::InvalidShape,
                    op,
                    format!(
                    "dimension {} in {} is larger than {}, the most elements wasm32 can address",
                    number(d),
                    list(values),
                    isize::MAX
                ),
                ))
            } else {
                Ok(d as usize)
            }
        })
        .collect()
}

/// Integers from JS numbers (axes, indices, reshape targets); a non-integer is a `kind` error.
pub fn integers(op: &str, what: &str, values: &[f64], kind: ErrorKind) -> Result<Vec<i64>> {
    values
        .iter()
        .map(|&v| {
            if is_integer(v) {
                Ok(v as i64)
            } else {
                Err(Error::new(
                    kind,
                    op,
                    format!("{what} {} in {} is not an integer", number(v), list(values)),
                ))
            }
        })
        .collect()
}

/// One integer from a JS number.
pub fn integer(op: &str, what: &str, value: f64) -> Result<i64> {
    Ok(integers(op, what, &[value], ErrorKind::InvalidArgument)?[0])
}

/// Optional axes: `None` when `given` is false (all axes), else the integers of `values`.
pub fn axes(op: &str, given: bool, values: &[f64]) -> Result<Option<Vec<i64>>> {
    if !given {
        return Ok(None);
    }
    integers(op, "axis", values, ErrorKind::InvalidArgument).map(Some)
}

/// A dtype from its JS name.
pub fn dtype(op: &str, name: &str) -> Result<DType> {
    DType::parse_for(op, name)
}

/// How the JS layer encodes a scalar (src/ts/boundary.ts `encodeScalar`): `kind` says which of
/// `number` or the 64 `bits` hold the value.
pub const SCALAR_NUMBER: u32 = 0;
/// A boolean: `number` is 0 or 1.
pub const SCALAR_BOOL: u32 = 1;
/// A bigint in the int64 range: `bits` is its two's-complement value.
pub const SCALAR_INT: u32 = 2;
/// A bigint in (int64 max, uint64 max]: `bits` reinterpreted as unsigned.
pub const SCALAR_UINT: u32 = 3;

/// The scalar the JS layer encoded as `(kind, number, bits)`.
pub fn scalar(op: &str, kind: u32, number: f64, bits: i64) -> Result<Scalar> {
    match kind {
        SCALAR_NUMBER => Ok(Scalar::Float(number)),
        SCALAR_BOOL => Ok(Scalar::Bool(number != 0.0)),
        SCALAR_INT => Ok(Scalar::Int(bits)),
        SCALAR_UINT => Ok(Scalar::UInt(bits as u64)),
        _ => Err(Error::internal(op, &format!("unknown scalar kind {kind}"))),
    }
}
