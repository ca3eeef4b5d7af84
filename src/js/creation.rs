//! Creation functions and process-wide queries.

use super::convert::{dims, dtype, integer, js_result, scalar, JsResult};
use super::handle::stored;
use super::handles::{self, Id};
use crate::core::{memory_stats, room_for, Error, ErrorKind, Scalar, Tensor, MAX_NDIM};
use wasm_bindgen::prelude::*;

/// Stores a created tensor, its errors attributed to `op`.
fn created(op: &str, r: crate::core::Result<Tensor>) -> JsResult<Id> {
    stored(r.map_err(|e| e.in_op(op)))
}

#[wasm_bindgen]
pub fn zeros(shape: &[f64], dtype_name: &str) -> JsResult<Id> {
    let shape = js_result(dims("zeros", shape))?;
    let dtype = js_result(dtype("zeros", dtype_name))?;
    created("zeros", Tensor::zeros(&shape, dtype))
}

/// Every element the scalar encoded as `(kind, number, bits)`.
#[wasm_bindgen]
pub fn full(shape: &[f64], kind: u32, number: f64, bits: i64, dtype_name: &str) -> JsResult<Id> {
    let shape = js_result(dims("full", shape))?;
    let value = js_result(scalar("full", kind, number, bits))?;
    let dtype = js_result(dtype("full", dtype_name))?;
    created("full", Tensor::full(&shape, value, dtype))
}

/// Numbers (or booleans as 0/1) converted to `dtype` with typed-array semantics.
#[wasm_bindgen(js_name = fromNumbers)]
pub fn from_numbers(shape: &[f64], dtype_name: &str, values: &[f64]) -> JsResult<Id> {
    let shape = js_result(dims("tensor", shape))?;
    let dtype = js_result(dtype("tensor", dtype_name))?;
    let values = values.iter().map(|&x| Scalar::Float(x));
    created("tensor", Tensor::from_scalars(&shape, dtype, values))
}

/// Bigints (already wrapped to 64 bits by the JS layer) converted to `dtype`.
#[wasm_bindgen(js_name = fromBigInts)]
pub fn from_bigints(shape: &[f64], dtype_name: &str, values: &[i64]) -> JsResult<Id> {
    let shape = js_result(dims("tensor", shape))?;
    let dtype = js_result(dtype("tensor", dtype_name))?;
    let values = values.iter().map(|&i| Scalar::Int(i));
    created("tensor", Tensor::from_scalars(&shape, dtype, values))
}

/// A tensor with uninitialised storage that JS copies `nbytes` bytes of a same-layout typed
/// array into, before anything else.
#[wasm_bindgen(js_name = uninitForBytes)]
pub fn uninit_for_bytes(shape: &[f64], dtype_name: &str, nbytes: f64) -> JsResult<Id> {
    let shape = js_result(dims("tensor", shape))?;
    let dtype = js_result(dtype("tensor", dtype_name))?;
    // SAFETY: the only caller, `copiedIn` in src/ts/creation.ts, copies all `nbytes` bytes
    // into the storage right after this returns (the one wasm call in between,
    // contiguousAddress, reads only the storage's address), with no user code in between,
    // and frees the tensor unread if that copy throws.
    let tensor = unsafe { Tensor::uninit_for_bytes(&shape, dtype, nbytes as usize) };
    created("tensor", tensor)
}

#[wasm_bindgen]
pub fn arange(start: f64, stop: f64, step: f64, dtype_name: &str) -> JsResult<Id> {
    let dtype = js_result(dtype("arange", dtype_name))?;
    created("arange", Tensor::arange(start, stop, step, dtype))
}

#[wasm_bindgen]
pub fn linspace(start: f64, stop: f64, num: f64, dtype_name: &str) -> JsResult<Id> {
    let num = js_result(dims("linspace", &[num]))?[0];
    let dtype = js_result(dtype("linspace", dtype_name))?;
    created("linspace", Tensor::linspace(start, stop, num, dtype))
}

#[wasm_bindgen]
pub fn eye(n: f64, m: f64, k: f64, dtype_name: &str) -> JsResult<Id> {
    let nm = js_result(dims("eye", &[n, m]))?;
    let k = js_result(integer("eye", "k", k))?;
    let dtype = js_result(dtype("eye", dtype_name))?;
    created("eye", Tensor::eye(nm[0], nm[1], k, dtype))
}

fn seed(op: &str, seed: f64) -> JsResult<u64> {
    let s = js_result(integer(op, "seed", seed))?;
    Ok(s as u64)
}

#[wasm_bindgen]
pub fn rand(shape: &[f64], seed_value: f64, dtype_name: &str) -> JsResult<Id> {
    let shape = js_result(dims("rand", shape))?;
    let dtype = js_result(dtype("rand", dtype_name))?;
    created(
        "rand",
        Tensor::rand(&shape, seed("rand", seed_value)?, dtype),
    )
}

#[wasm_bindgen]
pub fn randn(shape: &[f64], seed_value: f64, dtype_name: &str) -> JsResult<Id> {
    let shape = js_result(dims("randn", shape))?;
    let dtype = js_result(dtype("randn", dtype_name))?;
    created(
        "randn",
        Tensor::randn(&shape, seed("randn", seed_value)?, dtype),
    )
}

/// A tensor from the bytes of a NumPy `.npy` file.
#[wasm_bindgen(js_name = fromNpy)]
pub fn from_npy(bytes: &[u8]) -> JsResult<Id> {
    created("fromNpy", Tensor::from_npy(bytes))
}

/// The arrays of a NumPy `.npz` archive as plain numbers: for each member in archive order,
/// its new handle id, its key's length in UTF-16 code units, then those code units. On an
/// error no handle is left behind.
#[wasm_bindgen(js_name = fromNpz)]
pub fn from_npz(bytes: &[u8]) -> JsResult<Vec<f64>> {
    let members = js_result(crate::core::from_npz(bytes))?;
    let mut ids = Vec::with_capacity(members.len());
    let mut out = Vec::new();
    for (key, tensor) in members {
        match handles::insert(tensor) {
            Ok(id) => {
                ids.push(id);
                let units: Vec<u16> = key.encode_utf16().collect();
                out.push(id);
                out.push(units.len() as f64);
                out.extend(units.into_iter().map(f64::from));
            }
            Err(e) => {
                for id in ids {
                    handles::remove(id);
                }
                return js_result(Err(e));
            }
        }
    }
    Ok(out)
}

/// The bytes of a `.npz` archive of the handles `ids`, member `i` named by the next
/// `key_lengths[i]` UTF-16 code units of `keys` (all the keys joined; the JS layer read them
/// from the caller's record once and refused lone surrogates, so each ends on a character).
#[wasm_bindgen(js_name = toNpz)]
pub fn to_npz(keys: &str, key_lengths: &[f64], ids: &[f64], compress: bool) -> JsResult<Vec<u8>> {
    let keys = js_result(split_keys(keys, key_lengths))?;
    js_result(handles::with_all(ids, |tensors| {
        if keys.len() != tensors.len() {
            return Err(Error::internal("toNpz", "one key per tensor"));
        }
        let members: Vec<(&str, &Tensor)> =
            keys.iter().copied().zip(tensors.iter().copied()).collect();
        crate::core::to_npz(&members, compress)
    }))
}

/// `joined` cut into keys of the given UTF-16 lengths.
fn split_keys<'a>(joined: &'a str, lengths: &[f64]) -> crate::core::Result<Vec<&'a str>> {
    let mut keys = Vec::with_capacity(lengths.len());
    let mut rest = joined;
    for &length in lengths {
        let (mut units, mut cut) = (0.0, 0);
        for c in rest.chars() {
            if units >= length {
                break;
            }
            units += c.len_utf16() as f64;
            cut += c.len_utf8();
        }
        if units != length {
            return Err(Error::internal("toNpz", "key lengths"));
        }
        keys.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        return Err(Error::internal("toNpz", "key lengths"));
    }
    Ok(keys)
}

/// `[liveHandles, liveStorages, storageBytes, peakStorageBytes, quarantinedBytes]`.
#[wasm_bindgen(js_name = memoryStats)]
pub fn memory_stats_js() -> Vec<f64> {
    let m = memory_stats();
    vec![
        m.live_handles as f64,
        m.live_storages as f64,
        m.storage_bytes as f64,
        m.peak_storage_bytes as f64,
        m.quarantined_bytes as f64,
    ]
}

/// Whether an argument of `bytes` bytes can be copied into wasm memory now. The glue's
/// allocator aborts the instance where Rust's reports `OUT_OF_MEMORY`, so the JS layer asks
/// first for every large argument.
#[wasm_bindgen(js_name = ensureRoom)]
pub fn ensure_room(bytes: f64) -> JsResult<()> {
    js_result(room_for("alloc", bytes as usize))
}

/// The core's error codes (the JS layer adds `FREED`, which only it raises); a test holds
/// `ERROR_CODES` equal to them.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorKind::CONTRACT
        .iter()
        .map(|k| k.code().to_string())
        .collect()
}

/// The most axes a tensor may have; a test holds the JS `MAX_NDIM` equal to it.
#[wasm_bindgen(js_name = maxNdim)]
pub fn max_ndim() -> u32 {
    MAX_NDIM as u32
}

/// The crate's version; a test holds the JS `VERSION` and package.json equal to it.
#[wasm_bindgen(js_name = crateVersion)]
pub fn crate_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
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
