//! Math bindings: op codes from the loader's tables, operands converted, results wrapped.

use super::convert::{axes, integer, lift, scalar_from_js, JsResult};
use super::handle::RawTensor;
use crate::core::{BinaryOp, CompareOp, Error, ReduceOp, Result, Rhs, Scalar, Tensor, UnaryOp};
use wasm_bindgen::prelude::*;

/// The loader's op tables use these indices (js/tensor.js: BINARY_OPS …).
const BINARY: [BinaryOp; 7] = [
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::Div,
    BinaryOp::Pow,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
];
const COMPARE: [CompareOp; 6] = [
    CompareOp::Equal,
    CompareOp::NotEqual,
    CompareOp::Less,
    CompareOp::LessEqual,
    CompareOp::Greater,
    CompareOp::GreaterEqual,
];
const UNARY: [UnaryOp; 14] = [
    UnaryOp::Neg,
    UnaryOp::Abs,
    UnaryOp::Exp,
    UnaryOp::Log,
    UnaryOp::Sqrt,
    UnaryOp::Sin,
    UnaryOp::Cos,
    UnaryOp::Tanh,
    UnaryOp::Sigmoid,
    UnaryOp::Relu,
    UnaryOp::Square,
    UnaryOp::Floor,
    UnaryOp::Ceil,
    UnaryOp::Round,
];
const REDUCE: [ReduceOp; 7] = [
    ReduceOp::Sum,
    ReduceOp::Prod,
    ReduceOp::Mean,
    ReduceOp::Max,
    ReduceOp::Min,
    ReduceOp::ArgMax,
    ReduceOp::ArgMin,
];

fn pick<T: Copy>(table: &[T], code: u32) -> Result<T> {
    table
        .get(code as usize)
        .copied()
        .ok_or_else(|| Error::InvalidArgument(format!("internal: unknown op code {code}")))
}

fn wrap(r: Result<Tensor>) -> JsResult<RawTensor> {
    lift(r).map(RawTensor::from)
}

/// A list of operands for the n-ary functions (concat, stack, where): tensors hold a
/// shared handle while listed; free() the list after the call.
#[wasm_bindgen]
#[derive(Default)]
pub struct RawList {
    items: Vec<Arg>,
}

enum Arg {
    Tensor(Tensor),
    Scalar(Scalar),
}

#[wasm_bindgen]
impl RawList {
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawList {
        RawList::default()
    }
    #[wasm_bindgen(js_name = pushTensor)]
    pub fn push_tensor(&mut self, t: &RawTensor) {
        self.items.push(Arg::Tensor(t.tensor().share()));
    }
    #[wasm_bindgen(js_name = pushScalar)]
    pub fn push_scalar(&mut self, value: &JsValue) -> JsResult<()> {
        self.items
            .push(Arg::Scalar(lift(scalar_from_js("where", value))?));
        Ok(())
    }
}

impl RawList {
    fn tensors(&self, op: &str) -> Result<Vec<&Tensor>> {
        self.items
            .iter()
            .map(|a| match a {
                Arg::Tensor(t) => Ok(t),
                Arg::Scalar(_) => Err(Error::InvalidArgument(format!(
                    "{op}: expects tensors only"
                ))),
            })
            .collect()
    }

    fn rhs(&self, i: usize) -> Result<Rhs<'_>> {
        match self.items.get(i) {
            Some(Arg::Tensor(t)) => Ok(Rhs::Tensor(t)),
            Some(Arg::Scalar(s)) => Ok(Rhs::Scalar(*s)),
            None => Err(Error::InvalidArgument("where: needs two operands".into())),
        }
    }
}

#[wasm_bindgen]
impl RawTensor {
    #[wasm_bindgen(js_name = binaryTensor)]
    pub fn binary_tensor(&self, op: u32, other: &RawTensor) -> JsResult<RawTensor> {
        let op = lift(pick(&BINARY, op))?;
        wrap(self.tensor().binary(op, Rhs::Tensor(other.tensor())))
    }
    #[wasm_bindgen(js_name = binaryScalar)]
    pub fn binary_scalar(&self, op: u32, value: &JsValue) -> JsResult<RawTensor> {
        let op = lift(pick(&BINARY, op))?;
        let value = lift(scalar_from_js(op.name(), value))?;
        wrap(self.tensor().binary(op, Rhs::Scalar(value)))
    }
    #[wasm_bindgen(js_name = compareTensor)]
    pub fn compare_tensor(&self, op: u32, other: &RawTensor) -> JsResult<RawTensor> {
        let op = lift(pick(&COMPARE, op))?;
        wrap(self.tensor().compare(op, Rhs::Tensor(other.tensor())))
    }
    #[wasm_bindgen(js_name = compareScalar)]
    pub fn compare_scalar(&self, op: u32, value: &JsValue) -> JsResult<RawTensor> {
        let op = lift(pick(&COMPARE, op))?;
        let value = lift(scalar_from_js(op.name(), value))?;
        wrap(self.tensor().compare(op, Rhs::Scalar(value)))
    }
    pub fn unary(&self, op: u32) -> JsResult<RawTensor> {
        let op = lift(pick(&UNARY, op))?;
        wrap(self.tensor().unary(op))
    }
    pub fn reduce(&self, op: u32, axis: &JsValue, keep_dims: bool) -> JsResult<RawTensor> {
        let op = lift(pick(&REDUCE, op))?;
        let axis = lift(axes(op.name(), axis))?;
        wrap(self.tensor().reduce(op, axis.as_deref(), keep_dims))
    }
    pub fn matmul(&self, other: &RawTensor) -> JsResult<RawTensor> {
        wrap(self.tensor().matmul(other.tensor()))
    }
    pub fn softmax(&self, axis: &JsValue) -> JsResult<RawTensor> {
        let axis = if axis.is_undefined() || axis.is_null() {
            None
        } else {
            Some(lift(integer(
                "softmax",
                "axis",
                axis.as_f64().unwrap_or(f64::NAN),
            ))?)
        };
        wrap(self.tensor().softmax(axis))
    }
}

#[wasm_bindgen]
pub fn concat(list: &RawList, axis: f64) -> JsResult<RawTensor> {
    let axis = lift(integer("concat", "axis", axis))?;
    wrap(
        list.tensors("concat")
            .and_then(|ts| Tensor::concat(&ts, axis)),
    )
}

#[wasm_bindgen]
pub fn stack(list: &RawList, axis: f64) -> JsResult<RawTensor> {
    let axis = lift(integer("stack", "axis", axis))?;
    wrap(
        list.tensors("stack")
            .and_then(|ts| Tensor::stack(&ts, axis)),
    )
}

#[wasm_bindgen(js_name = whereOp)]
pub fn where_op(cond: &RawTensor, operands: &RawList) -> JsResult<RawTensor> {
    wrap(
        operands
            .rhs(0)
            .and_then(|a| Ok((a, operands.rhs(1)?)))
            .and_then(|(a, b)| Tensor::where_(cond.tensor(), a, b)),
    )
}
