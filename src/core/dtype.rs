//! The 13 element types of the contract, the [`Element`] trait that ties each to a Rust
//! type, and [`Scalar`], the dtype-free value that crosses the API.

use super::error::{quoted, Error, ErrorKind, Result};
use half::{bf16, f16};

/// An element type.
///
/// ```
/// use extensor::core::DType;
/// let d = DType::parse("bfloat16").unwrap();
/// assert_eq!(d.itemsize(), 2);
/// assert_eq!(d.name(), "bfloat16");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    /// `bool`: one byte, 0 or 1.
    Bool,
    /// `int8`.
    Int8,
    /// `int16`.
    Int16,
    /// `int32`.
    Int32,
    /// `int64` (a JS `bigint`).
    Int64,
    /// `uint8`.
    UInt8,
    /// `uint16`.
    UInt16,
    /// `uint32`.
    UInt32,
    /// `uint64` (a JS `bigint`).
    UInt64,
    /// `float16` (IEEE binary16).
    Float16,
    /// `bfloat16` (brain float).
    BFloat16,
    /// `float32`, the default.
    Float32,
    /// `float64`.
    Float64,
}

impl DType {
    /// Every dtype, in the order the contract lists them.
    pub const ALL: [DType; 13] = [
        DType::Float32,
        DType::Float64,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Bool,
        DType::Float16,
        DType::BFloat16,
    ];

    /// The contract's name for this dtype.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float16 => "float16",
            DType::BFloat16 => "bfloat16",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
        }
    }

    /// Parses a contract dtype name; anything else is a `DTYPE` error.
    pub fn parse(name: &str) -> Result<DType> {
        DType::parse_for("dtype", name)
    }

    /// [`DType::parse`] with the operation named in the error.
    pub fn parse_for(op: &str, name: &str) -> Result<DType> {
        DType::ALL
            .iter()
            .copied()
            .find(|d| d.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = DType::ALL.iter().map(|d| d.name()).collect();
                Error::new(
                    ErrorKind::DType,
                    op,
                    format!(
                        "unknown dtype {}; expected one of {}",
                        quoted(name),
                        names.join(", ")
                    ),
                )
            })
    }

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 | DType::Float16 | DType::BFloat16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 => 8,
        }
    }

    /// True for the four floating-point dtypes.
    pub fn is_float(self) -> bool {
        matches!(
            self,
            DType::Float16 | DType::BFloat16 | DType::Float32 | DType::Float64
        )
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One element's value without its dtype: what `get`, `item`, `fill` and `full` exchange.
///
/// Converting a scalar into a dtype follows JavaScript typed-array semantics, which is
/// also what NumPy's `astype` does for in-range values: floats truncate toward zero,
/// integers wrap modulo 2^bits, NaN and ±Infinity become 0 in integer dtypes, and any
/// non-zero value is `true` in `bool`.
///
/// ```
/// use extensor::core::{Element, Scalar};
/// assert_eq!(i8::from_scalar(Scalar::Float(300.7)), 44);
/// assert_eq!(u8::from_scalar(Scalar::Int(-1)), 255);
/// assert!(bool::from_scalar(Scalar::Float(0.5)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
}

impl Scalar {
    /// The value as f64 (64-bit integers may round).
    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => f64::from(u8::from(b)),
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(x) => x,
        }
    }

    /// The value's low 64 bits as an integer, with float-to-int typed-array semantics.
    pub(crate) fn wrapped_bits(self) -> u64 {
        match self {
            Scalar::Bool(b) => u64::from(b),
            Scalar::Int(i) => i as u64,
            Scalar::UInt(u) => u,
            Scalar::Float(x) => float_to_wrapped_u64(x),
        }
    }
}

/// ECMAScript's ToInt64-style conversion: truncate, then wrap modulo 2^64; NaN and
/// infinities give 0. Done on the bits rather than with `%`, so it is exact everywhere.
fn float_to_wrapped_u64(x: f64) -> u64 {
    if !x.is_finite() {
        return 0;
    }
    let t = x.trunc();
    if t.abs() < 9_223_372_036_854_775_808.0 {
        return (t as i64) as u64;
    }
    // |t| >= 2^63: t = mantissa * 2^shift with shift >= 11; keep the low 64 bits.
    let bits = t.to_bits();
    let shift = ((bits >> 52) & 0x7ff) as u32 - 1075;
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let magnitude = if shift >= 64 { 0 } else { mantissa << shift };
    if t < 0.0 {
        magnitude.wrapping_neg()
    } else {
        magnitude
    }
}

/// A Rust type that stores one dtype's elements.
pub trait Element: Copy + PartialEq + std::fmt::Debug + Default + Send + Sync + 'static {
    /// The dtype stored by this type.
    const DTYPE: DType;
    /// Converts with typed-array semantics (see [`Scalar`]).
    fn from_scalar(s: Scalar) -> Self;
    /// The element as a scalar of its own kind.
    fn to_scalar(self) -> Scalar;

    /// Reads one element from storage.
    ///
    /// # Safety
    /// `p` must be valid for reading `size_of::<Self>()` bytes and aligned for `Self`.
    unsafe fn load(p: *const u8) -> Self {
        // SAFETY: the caller guarantees a valid, aligned pointer; every bit pattern is a
        // valid value of the numeric element types (bool overrides this method).
        unsafe { p.cast::<Self>().read() }
    }

    /// Writes one element to storage.
    ///
    /// # Safety
    /// `p` must be valid for writing `size_of::<Self>()` bytes and aligned for `Self`.
    unsafe fn store(self, p: *mut u8) {
        // SAFETY: the caller guarantees a valid, aligned pointer.
        unsafe { p.cast::<Self>().write(self) }
    }

    // The conversion lanes (`kernels/convert.rs`): each gives what the [`Scalar`] route
    // gives, without the enum, so a run of them is one plain loop LLVM can vectorise.

    /// The value as f64 (64-bit integers may round), as [`Scalar::as_f64`].
    fn as_f64(self) -> f64 {
        self.to_scalar().as_f64()
    }
    /// From f64 with typed-array semantics, as `from_scalar(Scalar::Float(x))`.
    fn from_float(x: f64) -> Self {
        Self::from_scalar(Scalar::Float(x))
    }
    /// The value's low 64 bits, as [`Scalar::wrapped_bits`] (integers only reach this).
    fn wrapped_bits(self) -> u64 {
        self.to_scalar().wrapped_bits()
    }
    /// From an integer's low 64 bits (integer types only reach this).
    fn from_wrapped_bits(bits: u64) -> Self {
        Self::from_scalar(Scalar::UInt(bits))
    }
    /// True when the value truncates to an i32 exactly (|x| < 2^31; false for NaN), so
    /// that [`Element::trunc_i32`] gives its integer part.
    fn fits_i32(self) -> bool {
        let x = self.as_f64();
        x.abs() < 2_147_483_648.0
    }
    /// The value truncated toward zero, saturating at the i32 range.
    fn trunc_i32(self) -> i32 {
        self.as_f64() as i32
    }
}

macro_rules! int_element {
    ($t:ty, $dtype:ident, $variant:ident, $wide:ty) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            fn from_scalar(s: Scalar) -> Self {
                s.wrapped_bits() as $t
            }
            fn to_scalar(self) -> Scalar {
                Scalar::$variant(self as $wide)
            }
            fn as_f64(self) -> f64 {
                self as f64
            }
            fn wrapped_bits(self) -> u64 {
                self as $wide as u64
            }
            fn from_wrapped_bits(bits: u64) -> Self {
                bits as $t
            }
        }
    };
}
int_element!(i8, Int8, Int, i64);
int_element!(i16, Int16, Int, i64);
int_element!(i32, Int32, Int, i64);
int_element!(i64, Int64, Int, i64);
int_element!(u8, UInt8, UInt, u64);
int_element!(u16, UInt16, UInt, u64);
int_element!(u32, UInt32, UInt, u64);
int_element!(u64, UInt64, UInt, u64);

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::UInt(u) => u != 0,
            // NaN is truthy in NumPy (`bool(np.nan)`) but falsy in JS; NumPy wins here.
            Scalar::Float(x) => x != 0.0,
        }
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    unsafe fn load(p: *const u8) -> Self {
        // A bool tensor's bytes are writable from JS through its Uint8Array window, so any
        // byte may be there: read it as u8, never as a Rust `bool` (2 would be UB).
        // SAFETY: the caller guarantees `p` is valid for one byte.
        unsafe { p.read() != 0 }
    }
}

impl Element for f32 {
    const DTYPE: DType = DType::Float32;
    fn from_scalar(s: Scalar) -> Self {
        s.as_f64() as f32
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Float(f64::from(self))
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
    fn from_float(x: f64) -> Self {
        x as f32
    }
    fn fits_i32(self) -> bool {
        self.abs() < 2_147_483_648.0
    }
    fn trunc_i32(self) -> i32 {
        self as i32
    }
}

impl Element for f64 {
    const DTYPE: DType = DType::Float64;
    fn from_scalar(s: Scalar) -> Self {
        s.as_f64()
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self)
    }
    fn as_f64(self) -> f64 {
        self
    }
    fn from_float(x: f64) -> Self {
        x
    }
    fn fits_i32(self) -> bool {
        self.abs() < 2_147_483_648.0
    }
    fn trunc_i32(self) -> i32 {
        self as i32
    }
}

impl Element for f16 {
    const DTYPE: DType = DType::Float16;
    fn from_scalar(s: Scalar) -> Self {
        f16::from_f64(s.as_f64())
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self.to_f64())
    }
    fn as_f64(self) -> f64 {
        self.to_f64()
    }
    fn from_float(x: f64) -> Self {
        f16::from_f64(x)
    }
}

impl Element for bf16 {
    const DTYPE: DType = DType::BFloat16;
    fn from_scalar(s: Scalar) -> Self {
        bf16::from_f64(s.as_f64())
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self.to_f64())
    }
    fn as_f64(self) -> f64 {
        self.to_f64()
    }
    fn from_float(x: f64) -> Self {
        bf16::from_f64(x)
    }
}

/// The dtype `match` with its ten numeric arms, written once: `$($rest)*` adds the arms
/// for bool and the half floats that each caller handles its own way.
#[macro_export]
#[doc(hidden)]
macro_rules! match_numeric_dtype {
    ($dtype:expr, $T:ident => $body:expr, $($rest:tt)*) => {{
        match $dtype {
            $crate::core::DType::Int8 => {
                type $T = i8;
                $body
            }
            $crate::core::DType::Int16 => {
                type $T = i16;
                $body
            }
            $crate::core::DType::Int32 => {
                type $T = i32;
                $body
            }
            $crate::core::DType::Int64 => {
                type $T = i64;
                $body
            }
            $crate::core::DType::UInt8 => {
                type $T = u8;
                $body
            }
            $crate::core::DType::UInt16 => {
                type $T = u16;
                $body
            }
            $crate::core::DType::UInt32 => {
                type $T = u32;
                $body
            }
            $crate::core::DType::UInt64 => {
                type $T = u64;
                $body
            }
            $crate::core::DType::Float32 => {
                type $T = f32;
                $body
            }
            $crate::core::DType::Float64 => {
                type $T = f64;
                $body
            }
            $($rest)*
        }
    }};
}

/// Runs `$body` with `$T` bound to the Rust element type of `$dtype`: the one place the
/// dtype `match` is completed, so every generic routine is dispatched the same way.
#[macro_export]
#[doc(hidden)]
macro_rules! with_element_type {
    ($dtype:expr, $T:ident => $body:expr) => {
        $crate::match_numeric_dtype!($dtype, $T => $body,
            $crate::core::DType::Bool => {
                type $T = bool;
                $body
            }
            $crate::core::DType::Float16 => {
                type $T = half::f16;
                $body
            }
            $crate::core::DType::BFloat16 => {
                type $T = half::bf16;
                $body
            }
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_to_int_conversion_truncates_and_wraps_like_typed_arrays() {
        assert_eq!(i8::from_scalar(Scalar::Float(-1.9)), -1);
        assert_eq!(i8::from_scalar(Scalar::Float(128.0)), -128);
        assert_eq!(u8::from_scalar(Scalar::Float(-1.0)), 255);
        assert_eq!(i32::from_scalar(Scalar::Float(f64::NAN)), 0);
        assert_eq!(u32::from_scalar(Scalar::Float(f64::INFINITY)), 0);
        // Powers of two written exactly (Miri deliberately perturbs `powi`).
        let two_63 = (1u64 << 63) as f64;
        let two_64 = (1u128 << 64) as f64;
        let two_80 = (1u128 << 80) as f64;
        assert_eq!(i64::from_scalar(Scalar::Float(two_64 + 4096.0)), 4096);
        assert_eq!(u64::from_scalar(Scalar::Float(-two_63)), 1 << 63);
        assert_eq!(u64::from_scalar(Scalar::Float(two_80)), 0);
        assert_eq!(i64::from_scalar(Scalar::Float(-(two_64 + 4096.0))), -4096);
        assert_eq!(u16::from_scalar(Scalar::Int(65537)), 1);
    }

    #[test]
    fn every_dtype_name_round_trips() {
        for d in DType::ALL {
            assert_eq!(DType::parse(d.name()).unwrap(), d);
        }
        assert_eq!(DType::parse("float").unwrap_err().code(), "DTYPE");
    }

    #[test]
    fn element_types_match_their_dtype_sizes() {
        for d in DType::ALL {
            let size = with_element_type!(d, T => std::mem::size_of::<T>());
            assert_eq!(size, d.itemsize(), "{d}");
            assert_eq!(with_element_type!(d, T => T::DTYPE), d);
        }
    }
}
