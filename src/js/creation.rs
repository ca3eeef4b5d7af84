//! Creation functions and process-wide queries.

use super::convert::{dims, dtype, integer, lift, scalar_from_js, JsResult};
use super::handle::RawTensor;
use crate::core::{memory_stats, Scalar, Tensor};
use wasm_bindgen::prelude::*;

fn wrap_op(op: &str, r: crate::core::Result<Tensor>) -> JsResult<RawTensor> {
    lift(r.map_err(|e| e.in_op(op))).map(RawTensor::from)
}

#[wasm_bindgen]
pub fn zeros(shape: &[f64], dtype_name: &str) -> JsResult<RawTensor> {
    let shape = lift(dims("zeros", shape))?;
    wrap_op("zeros", Tensor::zeros(&shape, lift(dtype(dtype_name))?))
}

#[wasm_bindgen]
pub fn full(shape: &[f64], value: &JsValue, dtype_name: &str) -> JsResult<RawTensor> {
    let shape = lift(dims("full", shape))?;
    let value = lift(scalar_from_js("full", value))?;
    wrap_op(
        "full",
        Tensor::full(&shape, value, lift(dtype(dtype_name))?),
    )
}

/// Numbers (or booleans as 0/1) converted to `dtype` with typed-array semantics.
#[wasm_bindgen(js_name = fromNumbers)]
pub fn from_numbers(shape: &[f64], dtype_name: &str, values: &[f64]) -> JsResult<RawTensor> {
    let shape = lift(dims("tensor", shape))?;
    let values = values.iter().map(|&x| Scalar::Float(x));
    wrap_op(
        "tensor",
        Tensor::from_scalars(&shape, lift(dtype(dtype_name))?, values),
    )
}

/// Bigints (already wrapped to 64 bits by the loader) converted to `dtype`.
#[wasm_bindgen(js_name = fromBigInts)]
pub fn from_bigints(shape: &[f64], dtype_name: &str, values: &[i64]) -> JsResult<RawTensor> {
    let shape = lift(dims("tensor", shape))?;
    let values = values.iter().map(|&i| Scalar::Int(i));
    wrap_op(
        "tensor",
        Tensor::from_scalars(&shape, lift(dtype(dtype_name))?, values),
    )
}

/// The raw little-endian bytes of the elements (a typed array of the same dtype).
#[wasm_bindgen(js_name = fromBytes)]
pub fn from_bytes(shape: &[f64], dtype_name: &str, bytes: &[u8]) -> JsResult<RawTensor> {
    let shape = lift(dims("tensor", shape))?;
    wrap_op(
        "tensor",
        Tensor::from_bytes(&shape, lift(dtype(dtype_name))?, bytes),
    )
}

#[wasm_bindgen]
pub fn arange(start: f64, stop: f64, step: f64, dtype_name: &str) -> JsResult<RawTensor> {
    wrap_op(
        "arange",
        Tensor::arange(start, stop, step, lift(dtype(dtype_name))?),
    )
}

#[wasm_bindgen]
pub fn linspace(start: f64, stop: f64, num: f64, dtype_name: &str) -> JsResult<RawTensor> {
    let num = lift(dims("linspace", &[num]))?[0];
    wrap_op(
        "linspace",
        Tensor::linspace(start, stop, num, lift(dtype(dtype_name))?),
    )
}

#[wasm_bindgen]
pub fn eye(n: f64, m: f64, k: f64, dtype_name: &str) -> JsResult<RawTensor> {
    let nm = lift(dims("eye", &[n, m]))?;
    let k = lift(integer("eye", "k", k))?;
    wrap_op(
        "eye",
        Tensor::eye(nm[0], nm[1], k, lift(dtype(dtype_name))?),
    )
}

fn seed(op: &str, seed: f64) -> JsResult<u64> {
    let s = lift(integer(op, "seed", seed))?;
    Ok(s as u64)
}

#[wasm_bindgen]
pub fn rand(shape: &[f64], seed_value: f64, dtype_name: &str) -> JsResult<RawTensor> {
    let shape = lift(dims("rand", shape))?;
    wrap_op(
        "rand",
        Tensor::rand(&shape, seed("rand", seed_value)?, lift(dtype(dtype_name))?),
    )
}

#[wasm_bindgen]
pub fn randn(shape: &[f64], seed_value: f64, dtype_name: &str) -> JsResult<RawTensor> {
    let shape = lift(dims("randn", shape))?;
    wrap_op(
        "randn",
        Tensor::randn(&shape, seed("randn", seed_value)?, lift(dtype(dtype_name))?),
    )
}

/// `[liveHandles, liveStorages, storageBytes, peakStorageBytes]`.
#[wasm_bindgen(js_name = memoryStats)]
pub fn memory_stats_js() -> Vec<f64> {
    let m = memory_stats();
    vec![
        m.live_handles as f64,
        m.live_storages as f64,
        m.storage_bytes as f64,
        m.peak_storage_bytes as f64,
    ]
}

/// Whether this build was compiled with relaxed SIMD (fused multiply-add in matmul).
#[wasm_bindgen(js_name = buildHasRelaxedSimd)]
pub fn build_has_relaxed_simd() -> bool {
    cfg!(target_feature = "relaxed-simd")
}

/// Whether this build was compiled with SIMD128.
#[wasm_bindgen(js_name = buildHasSimd)]
pub fn build_has_simd() -> bool {
    cfg!(target_feature = "simd128")
}

/// A tensor from the bytes of a NumPy `.npy` file.
#[wasm_bindgen(js_name = fromNpy)]
pub fn from_npy(bytes: &[u8]) -> JsResult<RawTensor> {
    wrap_op("fromNpy", Tensor::from_npy(bytes))
}
