//! One handle's queries, views, element access and copies out. Every function takes the
//! handle's id (see `handles`) and plain data, and returns plain data or a new id.

use super::convert::{axes, dims, dtype, integer, integers, js_result, scalar, JsResult};
use super::handles::{self, Id};
use crate::core::{DType, ErrorKind, Result, Scalar, Tensor};
use wasm_bindgen::prelude::*;

/// Runs `f` on handle `id` and lifts its result.
pub(super) fn query<R>(id: Id, f: impl FnOnce(&Tensor) -> Result<R>) -> JsResult<R> {
    js_result(handles::with(id, f))
}

/// Stores the tensor an operation made as a new handle, or lifts its error.
pub(super) fn stored(made: Result<Tensor>) -> JsResult<Id> {
    js_result(made.and_then(handles::insert))
}

/// Runs `f` on handle `id` and stores the tensor it makes as a new handle.
pub(super) fn derive(id: Id, f: impl FnOnce(&Tensor) -> Result<Tensor>) -> JsResult<Id> {
    stored(handles::with(id, f))
}

/// The 64 bits of an int64/uint64 element (the JS layer reads them as a bigint).
fn bits(value: Scalar) -> i64 {
    match value {
        Scalar::Int(i) => i,
        Scalar::UInt(u) => u as i64,
        Scalar::Bool(b) => i64::from(b),
        Scalar::Float(x) => x as i64,
    }
}

/// Releases a handle. Returns the bytes now quarantined behind windows (see
/// src/ts/windows.ts), or -1 when `id` names no live handle. Never fails.
#[wasm_bindgen(js_name = freeHandle)]
pub fn free_handle(id: Id) -> f64 {
    if handles::remove(id) {
        crate::core::memory_stats().quarantined_bytes as f64
    } else {
        -1.0
    }
}

/// What never changes about a handle, for the JS layer to cache: `[offset, nbytes, flags,
/// dtype, ndim, ...shape, ...strides]`, flags being [`META_CONTIGUOUS`] | [`META_VIEW`] |
/// [`META_WRITABLE`] and dtype an index into [`dtype_names`].
#[wasm_bindgen]
pub fn meta(id: Id) -> JsResult<Vec<f64>> {
    query(id, |t| {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = flag(t.is_contiguous(), META_CONTIGUOUS)
            | flag(t.is_view(), META_VIEW)
            | flag(t.is_writable(), META_WRITABLE);
        let dtype = DType::ALL.iter().position(|&d| d == t.dtype()).unwrap_or(0);
        let mut out = vec![
            t.offset() as f64,
            t.nbytes() as f64,
            f64::from(flags),
            dtype as f64,
            t.ndim() as f64,
        ];
        out.extend(t.shape().iter().map(|&d| d as f64));
        out.extend(t.strides().iter().map(|&s| s as f64));
        Ok(out)
    })
}

/// The dtype names in the order `meta` numbers them.
#[wasm_bindgen(js_name = dtypeNames)]
pub fn dtype_names() -> Vec<String> {
    DType::ALL.iter().map(|d| d.name().to_string()).collect()
}

/// `meta` flag: C-contiguous as NumPy defines it.
pub const META_CONTIGUOUS: u8 = 1;
/// `meta` flag: made by a view operation on another handle's storage.
pub const META_VIEW: u8 = 2;
/// `meta` flag: writable (false for broadcast views).
pub const META_WRITABLE: u8 = 4;

/// Live handles on this handle's storage.
#[wasm_bindgen(js_name = refCount)]
pub fn ref_count(id: Id) -> JsResult<f64> {
    query(id, |t| Ok(t.ref_count() as f64))
}

/// Whether both handles reach the same storage.
#[wasm_bindgen(js_name = sharesMemory)]
pub fn shares_memory(a: Id, b: Id) -> JsResult<bool> {
    js_result(handles::with2(a, b, |x, y| Ok(x.shares_memory(y))))
}

/// A new handle on the same storage and layout.
#[wasm_bindgen]
pub fn share(id: Id) -> JsResult<Id> {
    derive(id, |t| Ok(t.share()))
}

/// A deep copy in new storage.
#[wasm_bindgen(js_name = deepCopy)]
pub fn deep_copy(id: Id) -> JsResult<Id> {
    derive(id, Tensor::deep_copy)
}

#[wasm_bindgen]
pub fn reshape(id: Id, shape: &[f64]) -> JsResult<Id> {
    let shape = js_result(integers(
        "reshape",
        "dimension",
        shape,
        ErrorKind::InvalidShape,
    ))?;
    derive(id, |t| t.reshape(&shape))
}

/// NumPy basic indexing from its text form (the JS layer writes the array form as text).
#[wasm_bindgen]
pub fn slice(id: Id, spec: &str) -> JsResult<Id> {
    derive(id, |t| t.slice_str(spec))
}

#[wasm_bindgen]
pub fn transpose(id: Id, given: bool, order: &[f64]) -> JsResult<Id> {
    let order = js_result(axes("transpose", given, order))?;
    derive(id, |t| t.transpose(order.as_deref()))
}

#[wasm_bindgen]
pub fn flip(id: Id, given: bool, axis: &[f64]) -> JsResult<Id> {
    let axis = js_result(axes("flip", given, axis))?;
    derive(id, |t| t.flip(axis.as_deref()))
}

#[wasm_bindgen]
pub fn moveaxis(id: Id, source: &[f64], destination: &[f64]) -> JsResult<Id> {
    let source = js_result(axes("moveaxis", true, source))?.unwrap_or_default();
    let destination = js_result(axes("moveaxis", true, destination))?.unwrap_or_default();
    derive(id, |t| t.moveaxis(&source, &destination))
}

#[wasm_bindgen]
pub fn squeeze(id: Id, given: bool, axis: &[f64]) -> JsResult<Id> {
    let axis = js_result(axes("squeeze", given, axis))?;
    derive(id, |t| t.squeeze(axis.as_deref()))
}

#[wasm_bindgen]
pub fn unsqueeze(id: Id, axis: f64) -> JsResult<Id> {
    let axis = js_result(integer("unsqueeze", "axis", axis))?;
    derive(id, |t| t.unsqueeze(axis))
}

#[wasm_bindgen(js_name = broadcastTo)]
pub fn broadcast_to(id: Id, shape: &[f64]) -> JsResult<Id> {
    let shape = js_result(dims("broadcastTo", shape))?;
    derive(id, |t| t.broadcast_to(&shape))
}

#[wasm_bindgen]
pub fn flatten(id: Id) -> JsResult<Id> {
    derive(id, Tensor::flatten)
}

#[wasm_bindgen]
pub fn contiguous(id: Id) -> JsResult<Id> {
    derive(id, Tensor::contiguous)
}

#[wasm_bindgen]
pub fn astype(id: Id, dtype_name: &str) -> JsResult<Id> {
    let dtype = js_result(dtype("astype", dtype_name))?;
    derive(id, |t| t.astype(dtype))
}

/// The element at `index` as a number (bool as 0/1); 64-bit integers use `getBits`.
#[wasm_bindgen]
pub fn get(id: Id, index: &[f64]) -> JsResult<f64> {
    let index = js_result(integers("get", "index", index, ErrorKind::IndexOutOfBounds))?;
    query(id, |t| Ok(t.get(&index)?.as_f64()))
}

/// The 64 bits of the int64/uint64 element at `index`.
#[wasm_bindgen(js_name = getBits)]
pub fn get_bits(id: Id, index: &[f64]) -> JsResult<i64> {
    let index = js_result(integers("get", "index", index, ErrorKind::IndexOutOfBounds))?;
    query(id, |t| Ok(bits(t.get(&index)?)))
}

/// Writes the scalar encoded as `(kind, number, bits)` at `index`.
#[wasm_bindgen]
pub fn set(id: Id, index: &[f64], kind: u32, number: f64, bits: i64) -> JsResult<()> {
    let index = js_result(integers("set", "index", index, ErrorKind::IndexOutOfBounds))?;
    let value = js_result(scalar("set", kind, number, bits))?;
    query(id, |t| t.set(value, &index))
}

/// The only element of a size-1 tensor as a number (bool as 0/1).
#[wasm_bindgen]
pub fn item(id: Id) -> JsResult<f64> {
    query(id, |t| Ok(t.item()?.as_f64()))
}

/// The 64 bits of the only element of a size-1 int64/uint64 tensor.
#[wasm_bindgen(js_name = itemBits)]
pub fn item_bits(id: Id) -> JsResult<i64> {
    query(id, |t| Ok(bits(t.item()?)))
}

/// Writes the scalar encoded as `(kind, number, bits)` into every element.
#[wasm_bindgen]
pub fn fill(id: Id, kind: u32, number: f64, bits: i64) -> JsResult<()> {
    let value = js_result(scalar("fill", kind, number, bits))?;
    query(id, |t| t.fill(value))
}

/// Copies `source` (broadcast) into the tensor `id`.
#[wasm_bindgen]
pub fn assign(id: Id, source: Id) -> JsResult<()> {
    js_result(handles::with2(id, source, |t, s| t.assign(s)))
}

/// NumPy-style text.
#[wasm_bindgen(js_name = toText)]
pub fn to_text(id: Id) -> JsResult<String> {
    query(id, |t| Ok(t.to_string()))
}

/// The elements in C order as numbers (bool as 0/1, half floats widened exactly), in one
/// fallible pass.
#[wasm_bindgen(js_name = toNumbers)]
pub fn to_numbers(id: Id) -> JsResult<Vec<f64>> {
    query(id, Tensor::to_vec::<f64>)
}

/// The bytes of a version-1.0 `.npy` file of this tensor.
#[wasm_bindgen(js_name = toNpy)]
pub fn to_npy(id: Id) -> JsResult<Vec<u8>> {
    query(id, Tensor::to_npy)
}

/// The elements' bytes in C order (a copy).
/// The address of a C-contiguous tensor's first element, which JS copies out of at once
/// (`toTypedArray`); -1 when it is not C-contiguous.
#[wasm_bindgen(js_name = contiguousAddress)]
pub fn contiguous_address(id: Id) -> JsResult<f64> {
    query(id, |t| {
        Ok(t.contiguous_address().map_or(-1.0, |p| p as usize as f64))
    })
}

#[wasm_bindgen(js_name = toBytes)]
pub fn to_bytes(id: Id) -> JsResult<Vec<u8>> {
    query(id, Tensor::to_bytes)
}

/// The byte offset in wasm memory of the zero-copy window onto handle `id` (its length is
/// the handle's size). Its bytes are pinned: when the storage is freed they stay allocated,
/// and unused, until JS has detached every window and calls `releaseWindows`.
#[wasm_bindgen(js_name = openWindow)]
pub fn open_window(id: Id) -> JsResult<f64> {
    let (ptr, _) = query(id, Tensor::data_window)?;
    js_result(handles::pin(id))?;
    Ok(ptr as usize as f64)
}

/// The threaded build's window onto handle `id`: `[byte offset, pin key]`. Its bytes stay
/// pinned until JS passes the key to `releaseWindowPin` once the window is collected.
#[wasm_bindgen(js_name = openSharedWindow)]
pub fn open_shared_window(id: Id) -> JsResult<Vec<f64>> {
    let (ptr, _) = query(id, Tensor::data_window)?;
    let key = js_result(handles::pin_window(id))?;
    Ok(vec![ptr as usize as f64, f64::from(key)])
}

/// Drops the pin of a collected window of the threaded build (see `openSharedWindow`).
#[wasm_bindgen(js_name = releaseWindowPin)]
pub fn release_window_pin(key: u32) {
    handles::release_window_pin(key);
}

/// Detaches every window, then drops every pin. Growing wasm memory by zero pages
/// detaches every ArrayBuffer over it, in Node and in Chromium alike, so no window can reach
/// a pinned storage's bytes once they are given back, whoever calls this.
#[wasm_bindgen(js_name = releaseWindows)]
pub fn release_windows() {
    core::arch::wasm32::memory_grow::<0>(0);
    handles::release_pins();
}
