//! Math bindings: ops by code (an index into the core's op lists, which JS reads once),
//! operands as handle ids or encoded scalars, results as new ids.

use super::convert::{
    axes, dtype, integer, js_result, scalar, JsResult, SCALAR_BOOL, SCALAR_INT, SCALAR_NUMBER,
    SCALAR_UINT,
};
use super::handle::{derive, stored};
use super::handles::{self, Id};
use crate::core::{
    BinaryOp, CompareOp, Error, Index, IndexItem, LogicalOp, PredicateOp, ReduceOp, Result, Rhs,
    Tensor, Tolerance, TruthOp, UnaryOp,
};
use wasm_bindgen::prelude::*;

/// The names of `ops` in code order: an op's code is its index in its enum's `ALL`, and the
/// JS layer reads these lists once, at init, so each op name is written only in the core.
fn names<T: Copy>(ops: &[T], name: fn(T) -> &'static str) -> Vec<String> {
    ops.iter().map(|&op| name(op).to_string()).collect()
}

/// Binary op names; `binaryTensor`/`binaryScalar` take the index as the op code.
#[wasm_bindgen(js_name = binaryOpNames)]
pub fn binary_op_names() -> Vec<String> {
    names(BinaryOp::ALL, BinaryOp::name)
}

/// Comparison names; `compareTensor`/`compareScalar` take the index as the op code.
#[wasm_bindgen(js_name = compareOpNames)]
pub fn compare_op_names() -> Vec<String> {
    names(CompareOp::ALL, CompareOp::name)
}

/// Unary op names; `unary` takes the index as the op code.
#[wasm_bindgen(js_name = unaryOpNames)]
pub fn unary_op_names() -> Vec<String> {
    names(UnaryOp::ALL, UnaryOp::name)
}

/// Reduction names; `reduce` takes the index as the op code.
#[wasm_bindgen(js_name = reduceOpNames)]
pub fn reduce_op_names() -> Vec<String> {
    names(ReduceOp::ALL, ReduceOp::name)
}

fn pick<T: Copy>(table: &[T], code: u32) -> Result<T> {
    table
        .get(code as usize)
        .copied()
        .ok_or_else(|| Error::internal("op", &format!("unknown op code {code}")))
}

/// An operand of `where`: a tensor handle, or a scalar in the `(kind, number, bits)`
/// encoding of `convert::scalar` (then `kind` is not [`OPERAND_TENSOR`]).
pub const OPERAND_TENSOR: u32 = 4;

fn operand<'a>(kind: u32, number: f64, bits: i64, tensor: Option<&'a Tensor>) -> Result<Rhs<'a>> {
    match tensor {
        Some(t) => Ok(Rhs::Tensor(t)),
        None => Ok(Rhs::Scalar(scalar("where", kind, number, bits)?)),
    }
}

/// The plain-data encodings' numbers, `[SCALAR_NUMBER, SCALAR_BOOL, SCALAR_INT, SCALAR_UINT,
/// OPERAND_TENSOR, OPERAND_NONE]`: the JS layer refuses to start when its own disagree.
#[wasm_bindgen(js_name = encodingCodes)]
pub fn encoding_codes() -> Vec<u32> {
    vec![
        SCALAR_NUMBER,
        SCALAR_BOOL,
        SCALAR_INT,
        SCALAR_UINT,
        OPERAND_TENSOR,
        OPERAND_NONE,
    ]
}

#[wasm_bindgen(js_name = binaryTensor)]
pub fn binary_tensor(id: Id, op: u32, other: Id) -> JsResult<Id> {
    let op = js_result(pick(BinaryOp::ALL, op))?;
    stored(handles::with2(id, other, |a, b| {
        a.binary(op, Rhs::Tensor(b))
    }))
}

#[wasm_bindgen(js_name = binaryScalar)]
pub fn binary_scalar(id: Id, op: u32, kind: u32, number: f64, bits: i64) -> JsResult<Id> {
    let op = js_result(pick(BinaryOp::ALL, op))?;
    let value = js_result(scalar(op.name(), kind, number, bits))?;
    derive(id, |t| t.binary(op, Rhs::Scalar(value)))
}

#[wasm_bindgen(js_name = compareTensor)]
pub fn compare_tensor(id: Id, op: u32, other: Id) -> JsResult<Id> {
    let op = js_result(pick(CompareOp::ALL, op))?;
    stored(handles::with2(id, other, |a, b| {
        a.compare(op, Rhs::Tensor(b))
    }))
}

#[wasm_bindgen(js_name = compareScalar)]
pub fn compare_scalar(id: Id, op: u32, kind: u32, number: f64, bits: i64) -> JsResult<Id> {
    let op = js_result(pick(CompareOp::ALL, op))?;
    let value = js_result(scalar(op.name(), kind, number, bits))?;
    derive(id, |t| t.compare(op, Rhs::Scalar(value)))
}

#[wasm_bindgen]
pub fn unary(id: Id, op: u32) -> JsResult<Id> {
    let op = js_result(pick(UnaryOp::ALL, op))?;
    derive(id, |t| t.unary(op))
}

#[wasm_bindgen]
pub fn reduce(
    id: Id,
    op: u32,
    given: bool,
    axis: &[f64],
    keep_dims: bool,
    dtype_name: &str,
) -> JsResult<Id> {
    let op = js_result(pick(ReduceOp::ALL, op))?;
    let axis = js_result(axes(op.name(), given, axis))?;
    // '' is the default dtype; anything else names NumPy's `dtype=`.
    let dtype = match dtype_name {
        "" => None,
        name => Some(js_result(dtype(op.name(), name))?),
    };
    derive(id, |t| t.reduce_as(op, axis.as_deref(), keep_dims, dtype))
}

#[wasm_bindgen]
pub fn matmul(a: Id, b: Id) -> JsResult<Id> {
    stored(handles::with2(a, b, |x, y| x.matmul(y)))
}

#[wasm_bindgen]
pub fn softmax(id: Id, given: bool, axis: f64) -> JsResult<Id> {
    let axis = if given {
        Some(js_result(integer("softmax", "axis", axis))?)
    } else {
        None
    };
    derive(id, |t| t.softmax(axis))
}

#[wasm_bindgen]
pub fn concat(ids: &[f64], axis: f64) -> JsResult<Id> {
    let axis = js_result(integer("concat", "axis", axis))?;
    stored(handles::with_all(ids, |ts| Tensor::concat(ts, axis)))
}

#[wasm_bindgen]
pub fn stack(ids: &[f64], axis: f64) -> JsResult<Id> {
    let axis = js_result(integer("stack", "axis", axis))?;
    stored(handles::with_all(ids, |ts| Tensor::stack(ts, axis)))
}

/// An absent operand (a `clip` bound given as `null`).
pub const OPERAND_NONE: u32 = 5;

/// An encoded operand: `(kind, number, bits)`; a handle when `kind` is [`OPERAND_TENSOR`]
/// (the id in `number`), nothing when [`OPERAND_NONE`], else a scalar.
type Encoded = (u32, f64, i64);

/// Runs `f` on the tensor `first` and the decoded `encoded` operands, every handle among
/// them held for the call.
fn with_operands(
    first: Id,
    encoded: &[Encoded],
    f: impl FnOnce(&Tensor, Vec<Option<Rhs>>) -> Result<Tensor>,
) -> JsResult<Id> {
    let ids: Vec<Id> = std::iter::once(first)
        .chain(
            encoded
                .iter()
                .filter(|(kind, ..)| *kind == OPERAND_TENSOR)
                .map(|&(_, id, _)| id),
        )
        .collect();
    stored(handles::with_all(&ids, |ts| {
        let mut tensors = ts[1..].iter().copied();
        let rhs = encoded
            .iter()
            .map(|&(kind, number, bits)| match kind {
                OPERAND_NONE => Ok(None),
                OPERAND_TENSOR => operand(kind, number, bits, tensors.next()).map(Some),
                _ => operand(kind, number, bits, None).map(Some),
            })
            .collect::<Result<Vec<_>>>()?;
        f(ts[0], rhs)
    }))
}

fn required<'a>(op: &str, rhs: Option<Rhs<'a>>) -> Result<Rhs<'a>> {
    rhs.ok_or_else(|| Error::internal(op, "missing operand"))
}

/// `where(cond, a, b)`; `a` and `b` encoded operands.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = whereOp)]
pub fn where_op(
    cond: Id,
    a_kind: u32,
    a_number: f64,
    a_bits: i64,
    b_kind: u32,
    b_number: f64,
    b_bits: i64,
) -> JsResult<Id> {
    let encoded = [(a_kind, a_number, a_bits), (b_kind, b_number, b_bits)];
    with_operands(cond, &encoded, |c, mut rhs| {
        let b = required("where", rhs.pop().flatten())?;
        let a = required("where", rhs.pop().flatten())?;
        Tensor::where_(c, a, b)
    })
}

/// `clip(t, lo, hi)`; each bound an encoded operand, [`OPERAND_NONE`] for none.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn clip(
    id: Id,
    lo_kind: u32,
    lo_number: f64,
    lo_bits: i64,
    hi_kind: u32,
    hi_number: f64,
    hi_bits: i64,
) -> JsResult<Id> {
    let encoded = [(lo_kind, lo_number, lo_bits), (hi_kind, hi_number, hi_bits)];
    with_operands(id, &encoded, |t, mut rhs| {
        let hi = rhs.pop().flatten();
        let lo = rhs.pop().flatten();
        t.clip(lo, hi)
    })
}

/// Test names; `predicate` takes the index as the op code.
#[wasm_bindgen(js_name = predicateOpNames)]
pub fn predicate_op_names() -> Vec<String> {
    names(PredicateOp::ALL, PredicateOp::name)
}

/// Logical op names; `logicalTensor`/`logicalScalar` take the index as the op code.
#[wasm_bindgen(js_name = logicalOpNames)]
pub fn logical_op_names() -> Vec<String> {
    names(LogicalOp::ALL, LogicalOp::name)
}

#[wasm_bindgen]
pub fn predicate(id: Id, op: u32) -> JsResult<Id> {
    let op = js_result(pick(PredicateOp::ALL, op))?;
    derive(id, |t| t.predicate(op))
}

#[wasm_bindgen(js_name = logicalTensor)]
pub fn logical_tensor(id: Id, op: u32, other: Id) -> JsResult<Id> {
    let op = js_result(pick(LogicalOp::ALL, op))?;
    stored(handles::with2(id, other, |a, b| {
        a.logical(op, Rhs::Tensor(b))
    }))
}

#[wasm_bindgen(js_name = logicalScalar)]
pub fn logical_scalar(id: Id, op: u32, kind: u32, number: f64, bits: i64) -> JsResult<Id> {
    let op = js_result(pick(LogicalOp::ALL, op))?;
    let value = js_result(scalar(op.name(), kind, number, bits))?;
    derive(id, |t| t.logical(op, Rhs::Scalar(value)))
}

/// `s <op> t`, the scalar first (`ex.sub(1, p)`).
#[wasm_bindgen(js_name = binaryScalarFirst)]
pub fn binary_scalar_first(id: Id, op: u32, kind: u32, number: f64, bits: i64) -> JsResult<Id> {
    let op = js_result(pick(BinaryOp::ALL, op))?;
    let value = js_result(scalar(op.name(), kind, number, bits))?;
    derive(id, |t| t.binary_scalar_first(op, value))
}

/// `s <op> t` for a comparison, the scalar first (`ex.less(0, t)`).
#[wasm_bindgen(js_name = compareScalarFirst)]
pub fn compare_scalar_first(id: Id, op: u32, kind: u32, number: f64, bits: i64) -> JsResult<Id> {
    let op = js_result(pick(CompareOp::ALL, op))?;
    let value = js_result(scalar(op.name(), kind, number, bits))?;
    derive(id, |t| t.compare_scalar_first(op, value))
}

/// `any`/`all` names; `truthReduce` takes the index as the op code.
#[wasm_bindgen(js_name = truthOpNames)]
pub fn truth_op_names() -> Vec<String> {
    names(TruthOp::ALL, TruthOp::name)
}

#[wasm_bindgen(js_name = truthReduce)]
pub fn truth_reduce(id: Id, op: u32, given: bool, axis: &[f64], keep_dims: bool) -> JsResult<Id> {
    let op = js_result(pick(TruthOp::ALL, op))?;
    let axis = js_result(axes(op.name(), given, axis))?;
    derive(id, |t| t.truth_reduce(op, axis.as_deref(), keep_dims))
}

/// `var` (`sqrt` false) or `std` with `ddof`.
#[wasm_bindgen]
pub fn variance(
    id: Id,
    sqrt: bool,
    given: bool,
    axis: &[f64],
    keep_dims: bool,
    ddof: f64,
) -> JsResult<Id> {
    let name = if sqrt { "std" } else { "var" };
    let axis = js_result(axes(name, given, axis))?;
    derive(id, |t| t.variance(axis.as_deref(), keep_dims, ddof, sqrt))
}

#[wasm_bindgen(js_name = logSumExp)]
pub fn log_sum_exp(id: Id, given: bool, axis: &[f64], keep_dims: bool) -> JsResult<Id> {
    let axis = js_result(axes("logSumExp", given, axis))?;
    derive(id, |t| t.log_sum_exp(axis.as_deref(), keep_dims))
}

#[wasm_bindgen(js_name = logSoftmax)]
pub fn log_softmax(id: Id, given: bool, axis: f64) -> JsResult<Id> {
    let axis = if given {
        Some(js_result(integer("logSoftmax", "axis", axis))?)
    } else {
        None
    };
    derive(id, |t| t.log_softmax(axis))
}

/// `cumsum` (`product` false) or `cumprod`; `dtype_name` '' for the default.
#[wasm_bindgen]
pub fn cumulate(id: Id, product: bool, given: bool, axis: f64, dtype_name: &str) -> JsResult<Id> {
    let name = if product { "cumprod" } else { "cumsum" };
    let axis = if given {
        Some(js_result(integer(name, "axis", axis))?)
    } else {
        None
    };
    let dtype = match dtype_name {
        "" => None,
        d => Some(js_result(dtype(name, d))?),
    };
    derive(id, |t| t.cumulate(product, axis, dtype))
}

/// `sort` (the values) or `argsort` (`indices`: the int32 indices) along `axis`: one new
/// handle, the other result dropped in the core rather than wrapped and freed by JS.
#[wasm_bindgen]
pub fn sort(id: Id, given: bool, axis: f64, descending: bool, indices: bool) -> JsResult<Id> {
    let op = if indices { "argsort" } else { "sort" };
    let axis = if given {
        Some(js_result(integer(op, "axis", axis))?)
    } else {
        None
    };
    derive(id, |t| {
        let (values, order) = t.sort(axis, descending)?;
        Ok(if indices { order } else { values })
    })
}

/// `topk(k, { axis, largest })`: `[values id, indices id]`.
#[wasm_bindgen]
pub fn topk(id: Id, k: f64, given: bool, axis: f64, largest: bool) -> JsResult<Vec<f64>> {
    let k = js_result(integer("topk", "k", k))?;
    let axis = if given {
        Some(js_result(integer("topk", "axis", axis))?)
    } else {
        None
    };
    pair(handles::with(id, |t| t.topk(k, axis, largest)))
}

/// Two tensors an operation made, stored as handles (both or neither).
fn pair(made: Result<(Tensor, Tensor)>) -> JsResult<Vec<f64>> {
    let (a, b) = js_result(made)?;
    let first = js_result(handles::insert(a))?;
    match handles::insert(b) {
        Ok(second) => Ok(vec![first, second]),
        Err(e) => {
            handles::remove(first);
            js_result(Err(e))
        }
    }
}

fn tolerance(rtol: f64, atol: f64, equal_nan: bool) -> Tolerance {
    Tolerance {
        rtol,
        atol,
        equal_nan,
    }
}

#[wasm_bindgen]
pub fn isclose(a: Id, b: Id, rtol: f64, atol: f64, equal_nan: bool) -> JsResult<Id> {
    let tol = tolerance(rtol, atol, equal_nan);
    stored(handles::with2(a, b, |x, y| x.isclose(y, tol)))
}

#[wasm_bindgen]
pub fn allclose(a: Id, b: Id, rtol: f64, atol: f64, equal_nan: bool) -> JsResult<bool> {
    let tol = tolerance(rtol, atol, equal_nan);
    js_result(handles::with2(a, b, |x, y| x.allclose(y, tol)))
}

/// `bincount(x, { minlength, weights })`; `weights` is read only when `weighted`.
#[wasm_bindgen]
pub fn bincount(x: Id, weighted: bool, weights: Id, minlength: f64) -> JsResult<Id> {
    let minlength = js_result(integer("bincount", "minlength", minlength))?;
    if weighted {
        stored(handles::with2(x, weights, |t, w| {
            t.bincount(Some(w), minlength)
        }))
    } else {
        derive(x, |t| t.bincount(None, minlength))
    }
}

/// The items of an index spec in text: basic items as the slice grammar writes them, `@`
/// for the next index array of `arrays`.
fn index_items<'a>(spec: &str, arrays: &[&'a Tensor]) -> Result<Vec<Index<'a>>> {
    if spec.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut next = arrays.iter();
    spec.split(',')
        .map(|part| match part.trim() {
            "@" => next
                .next()
                .map(|t| Index::Array(t))
                .ok_or_else(|| Error::internal("index", "more placeholders than arrays")),
            _ => IndexItem::parse_item(part, spec).map(Index::Basic),
        })
        .collect()
}

/// `t.index(spec)`: `spec` in text with `@` for each of the index arrays `arrays` (ids).
#[wasm_bindgen(js_name = indexGet)]
pub fn index_get(id: Id, spec: &str, arrays: &[f64]) -> JsResult<Id> {
    let ids: Vec<Id> = std::iter::once(id).chain(arrays.iter().copied()).collect();
    stored(handles::with_all(&ids, |ts| {
        ts[0].index(&index_items(spec, &ts[1..])?)
    }))
}

/// `t.indexSet(spec, value)`; `value` an encoded operand (a handle when `value_kind` is
/// [`OPERAND_TENSOR`]).
#[wasm_bindgen(js_name = indexSet)]
pub fn index_set(
    id: Id,
    spec: &str,
    arrays: &[f64],
    value_kind: u32,
    value_number: f64,
    value_bits: i64,
) -> JsResult<()> {
    let ids: Vec<Id> = std::iter::once(id).chain(arrays.iter().copied()).collect();
    let encoded = [(value_kind, value_number, value_bits)];
    // The value handle (if any) is held last, after the receiver and the index arrays.
    let mut ids_with_value = ids.clone();
    if value_kind == OPERAND_TENSOR {
        ids_with_value.push(value_number);
    }
    js_result(handles::with_all(&ids_with_value, |ts| {
        let n = ids.len();
        let value = match encoded[0] {
            (OPERAND_TENSOR, ..) => Rhs::Tensor(ts[n]),
            (kind, number, bits) => Rhs::Scalar(scalar("indexSet", kind, number, bits)?),
        };
        ts[0].index_set(&index_items(spec, &ts[1..n])?, value)
    }))
}
