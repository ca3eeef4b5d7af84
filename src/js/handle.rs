//! `RawTensor`: the wasm-bindgen object behind each JS `ExTensor`. One `RawTensor` owns one
//! core `Tensor` handle; wasm-bindgen's `free()` drops it, which decrements the storage's
//! reference count. The JS loader wraps it to make `free()` idempotent and use-after-free a
//! `FREED` error.

use super::convert::{
    axes, dims, index_items, integer, integers, js_error, lift, scalar_from_js, scalar_to_js,
    JsResult,
};
use crate::core::{DType, Error, Scalar, Tensor};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use wasm_bindgen::prelude::*;

/// One handle on a shared storage.
#[wasm_bindgen]
pub struct RawTensor {
    inner: Tensor,
}

impl RawTensor {
    /// The core handle behind this object.
    pub(crate) fn tensor(&self) -> &Tensor {
        &self.inner
    }
}

impl From<Tensor> for RawTensor {
    fn from(inner: Tensor) -> Self {
        RawTensor { inner }
    }
}

fn wrap(r: crate::core::Result<Tensor>) -> JsResult<RawTensor> {
    lift(r).map(RawTensor::from)
}

fn to_f64s<T: Copy + Into<i64>>(values: &[T]) -> Vec<f64> {
    values.iter().map(|&v| v.into() as f64).collect()
}

#[wasm_bindgen]
impl RawTensor {
    /// Extent per axis.
    pub fn shape(&self) -> Vec<f64> {
        self.inner.shape().iter().map(|&d| d as f64).collect()
    }
    /// Strides in elements.
    pub fn strides(&self) -> Vec<f64> {
        to_f64s(
            &self
                .inner
                .strides()
                .iter()
                .map(|&s| s as i64)
                .collect::<Vec<_>>(),
        )
    }
    /// Offset in elements.
    pub fn offset(&self) -> f64 {
        self.inner.offset() as f64
    }
    /// dtype name.
    pub fn dtype(&self) -> String {
        self.inner.dtype().name().to_string()
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.inner.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> f64 {
        self.inner.size() as f64
    }
    /// Bytes of the elements.
    pub fn nbytes(&self) -> f64 {
        self.inner.nbytes() as f64
    }
    #[wasm_bindgen(js_name = isContiguous)]
    pub fn is_contiguous(&self) -> bool {
        self.inner.is_contiguous()
    }
    #[wasm_bindgen(js_name = isView)]
    pub fn is_view(&self) -> bool {
        self.inner.is_view()
    }
    #[wasm_bindgen(js_name = isWritable)]
    pub fn is_writable(&self) -> bool {
        self.inner.is_writable()
    }
    #[wasm_bindgen(js_name = refCount)]
    pub fn ref_count(&self) -> usize {
        self.inner.ref_count()
    }
    #[wasm_bindgen(js_name = sharesMemory)]
    pub fn shares_memory(&self, other: &RawTensor) -> bool {
        self.inner.shares_memory(&other.inner)
    }

    pub fn share(&self) -> RawTensor {
        self.inner.share().into()
    }
    #[wasm_bindgen(js_name = deepCopy)]
    pub fn deep_copy(&self) -> JsResult<RawTensor> {
        wrap(self.inner.deep_copy())
    }
    pub fn reshape(&self, shape: &[f64]) -> JsResult<RawTensor> {
        let shape = lift(integers("reshape", "dimension", shape, Error::InvalidShape))?;
        wrap(self.inner.reshape(&shape))
    }
    #[wasm_bindgen(js_name = sliceString)]
    pub fn slice_string(&self, spec: &str) -> JsResult<RawTensor> {
        wrap(self.inner.slice_str(spec))
    }
    #[wasm_bindgen(js_name = sliceItems)]
    pub fn slice_items(&self, items: &js_sys::Array) -> JsResult<RawTensor> {
        let items = lift(index_items(items))?;
        wrap(self.inner.slice(&items))
    }
    pub fn transpose(&self, order: &JsValue) -> JsResult<RawTensor> {
        let order = lift(axes("transpose", order))?;
        wrap(self.inner.transpose(order.as_deref()))
    }
    pub fn squeeze(&self, axis: &JsValue) -> JsResult<RawTensor> {
        let axis = lift(axes("squeeze", axis))?;
        wrap(self.inner.squeeze(axis.as_deref()))
    }
    pub fn unsqueeze(&self, axis: f64) -> JsResult<RawTensor> {
        let axis = lift(integer("unsqueeze", "axis", axis))?;
        wrap(self.inner.unsqueeze(axis))
    }
    #[wasm_bindgen(js_name = broadcastTo)]
    pub fn broadcast_to(&self, shape: &[f64]) -> JsResult<RawTensor> {
        let shape = lift(dims("broadcastTo", shape))?;
        wrap(self.inner.broadcast_to(&shape))
    }
    pub fn flatten(&self) -> JsResult<RawTensor> {
        wrap(self.inner.flatten())
    }
    pub fn contiguous(&self) -> JsResult<RawTensor> {
        wrap(self.inner.contiguous())
    }
    pub fn astype(&self, dtype: &str) -> JsResult<RawTensor> {
        let dtype = lift(DType::parse_for("astype", dtype))?;
        wrap(self.inner.astype(dtype))
    }
    pub fn get(&self, index: &[f64]) -> JsResult<JsValue> {
        let index = lift(integers("get", "index", index, Error::IndexOutOfBounds))?;
        let value = lift(self.inner.get(&index))?;
        Ok(scalar_to_js(self.inner.dtype(), value))
    }
    pub fn set(&self, value: &JsValue, index: &[f64]) -> JsResult<()> {
        let value = lift(scalar_from_js("set", value))?;
        let index = lift(integers("set", "index", index, Error::IndexOutOfBounds))?;
        lift(self.inner.set(value, &index))
    }
    pub fn item(&self) -> JsResult<JsValue> {
        let value = lift(self.inner.item())?;
        Ok(scalar_to_js(self.inner.dtype(), value))
    }
    pub fn fill(&self, value: &JsValue) -> JsResult<()> {
        let value = lift(scalar_from_js("fill", value))?;
        lift(self.inner.fill(value))
    }
    pub fn assign(&self, other: &RawTensor) -> JsResult<()> {
        lift(self.inner.assign(&other.inner))
    }

    /// NumPy-style text.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.inner.to_string()
    }
    /// Nested JS arrays of numbers, bigints or booleans.
    #[wasm_bindgen(js_name = toArray)]
    pub fn to_array(&self) -> JsResult<JsValue> {
        let values = lift(self.inner.to_scalars())?;
        let nested = Nested {
            dtype: self.inner.dtype(),
            shape: self.inner.shape(),
            values: &values,
        };
        let serializer =
            serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true);
        nested
            .serialize(&serializer)
            .map_err(|e| js_error(Error::InvalidArgument(format!("toArray: {e}"))))
    }
    /// The bytes of a version-1.0 `.npy` file of this tensor.
    #[wasm_bindgen(js_name = toNpy)]
    pub fn to_npy(&self) -> JsResult<Vec<u8>> {
        lift(self.inner.to_npy())
    }
    /// The elements' bytes in C order (a copy).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> JsResult<Vec<u8>> {
        lift(self.inner.to_bytes())
    }
    /// `[byteOffset, length]` of the zero-copy window in wasm memory.
    #[wasm_bindgen(js_name = dataWindow)]
    pub fn data_window(&self) -> JsResult<Vec<f64>> {
        let (ptr, len) = lift(self.inner.data_window())?;
        Ok(vec![ptr as usize as f64, len as f64])
    }
}

/// A tensor's C-ordered values seen as nested sequences, for serde-wasm-bindgen.
struct Nested<'a> {
    dtype: DType,
    shape: &'a [usize],
    values: &'a [Scalar],
}

impl Serialize for Nested<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.shape.split_first() {
            None => match (self.dtype, self.values.first().copied()) {
                (_, None) => s.serialize_unit(),
                (_, Some(Scalar::Bool(b))) => s.serialize_bool(b),
                (DType::Int64, Some(Scalar::Int(i))) => s.serialize_i64(i),
                (DType::UInt64, Some(Scalar::UInt(u))) => s.serialize_u64(u),
                (_, Some(v)) => s.serialize_f64(v.as_f64()),
            },
            Some((&n, rest)) => {
                let stride: usize = rest.iter().product();
                let mut seq = s.serialize_seq(Some(n))?;
                for i in 0..n {
                    let start = i * stride;
                    seq.serialize_element(&Nested {
                        dtype: self.dtype,
                        shape: rest,
                        values: self.values.get(start..start + stride).unwrap_or(&[]),
                    })?;
                }
                seq.end()
            }
        }
    }
}
