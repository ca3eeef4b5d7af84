//! NEP 50 type promotion: the result dtype of an operation between two tensors, or between
//! a tensor and a *weak* scalar (a JS number: its value never widens the tensor's dtype).
//!
//! bfloat16 follows ml_dtypes: it promotes with float16 to float32, and with integers like
//! float16 does.

use super::dtype::{DType, Scalar};
use super::error::{Error, ErrorKind, Result};

/// The kind order NumPy promotes along.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Bool,
    Unsigned,
    Signed,
    Float,
}

fn kind(d: DType) -> Kind {
    match d {
        DType::Bool => Kind::Bool,
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Kind::Unsigned,
        DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Kind::Signed,
        _ => Kind::Float,
    }
}

fn signed_of_size(bytes: usize) -> Option<DType> {
    match bytes {
        1 => Some(DType::Int8),
        2 => Some(DType::Int16),
        4 => Some(DType::Int32),
        8 => Some(DType::Int64),
        _ => None,
    }
}

/// The smallest float that holds every value of an integer dtype of `bytes` bytes
/// (NumPy's rule: int8 → float16, int16 → float32, wider → float64).
fn float_for_int_size(bytes: usize) -> DType {
    match bytes {
        1 => DType::Float16,
        2 => DType::Float32,
        _ => DType::Float64,
    }
}

fn float_rank(d: DType) -> u8 {
    match d {
        DType::Float16 | DType::BFloat16 => 2,
        DType::Float32 => 4,
        _ => 8,
    }
}

/// The result dtype of two strong (tensor) dtypes.
///
/// ```
/// use extensor::core::{result_type, DType};
/// assert_eq!(result_type(DType::Int32, DType::Float32), DType::Float64);
/// assert_eq!(result_type(DType::UInt8, DType::Int8), DType::Int16);
/// assert_eq!(result_type(DType::Float16, DType::BFloat16), DType::Float32);
/// ```
pub fn result_type(a: DType, b: DType) -> DType {
    if a == b {
        return a;
    }
    let (lo, hi) = if kind(a) <= kind(b) { (a, b) } else { (b, a) };
    match (kind(lo), kind(hi)) {
        (Kind::Bool, _) => hi,
        (Kind::Unsigned, Kind::Unsigned) | (Kind::Signed, Kind::Signed) => {
            if lo.itemsize() >= hi.itemsize() {
                lo
            } else {
                hi
            }
        }
        (Kind::Unsigned, Kind::Signed) => {
            if hi.itemsize() > lo.itemsize() {
                hi
            } else {
                signed_of_size(lo.itemsize() * 2).unwrap_or(DType::Float64)
            }
        }
        (Kind::Unsigned | Kind::Signed, Kind::Float) => {
            let needed = float_for_int_size(lo.itemsize());
            let float = if float_rank(needed) > float_rank(hi) {
                needed
            } else {
                hi
            };
            // bfloat16 has float16's rank but cannot hold int16 exactly either.
            if float == DType::Float16 && hi == DType::BFloat16 {
                DType::BFloat16
            } else {
                float
            }
        }
        (Kind::Float, Kind::Float) => match (float_rank(lo), float_rank(hi)) {
            (2, 2) => DType::Float32, // float16 with bfloat16
            (x, y) if x >= y => lo,
            _ => hi,
        },
        // kind(lo) <= kind(hi), so nothing else is possible.
        _ => hi,
    }
}

/// A weak scalar's kind: JS integers are Python ints, other numbers Python floats.
pub fn weak_kind_is_float(s: Scalar) -> bool {
    match s {
        Scalar::Float(x) => x.fract() != 0.0 || !x.is_finite(),
        _ => false,
    }
}

/// The result dtype of a tensor of `dtype` with a weak scalar (NEP 50).
///
/// ```
/// use extensor::core::{weak_result_type, DType, Scalar};
/// assert_eq!(weak_result_type(DType::UInt8, Scalar::Float(0.5)), DType::Float64);
/// assert_eq!(weak_result_type(DType::UInt8, Scalar::Float(3.0)), DType::UInt8);
/// assert_eq!(weak_result_type(DType::Float32, Scalar::Float(0.5)), DType::Float32);
/// ```
pub fn weak_result_type(dtype: DType, scalar: Scalar) -> DType {
    match (kind(dtype), scalar) {
        (Kind::Bool, Scalar::Bool(_)) => DType::Bool,
        (_, Scalar::Bool(_)) => dtype,
        (Kind::Float, _) => dtype,
        (_, s) if weak_kind_is_float(s) => DType::Float64,
        (Kind::Bool, _) => DType::Int64,
        _ => dtype,
    }
}

/// Whether the integer value of weak scalar `s` is representable in integer `dtype`;
/// NumPy 2 refuses arithmetic with an out-of-range Python int (`uint8 + 300`).
pub fn weak_int_fits(dtype: DType, s: Scalar) -> bool {
    match (weak_int_value(s), int_range(dtype)) {
        (Some(v), Some((lo, hi))) => v >= lo && v <= hi,
        _ => true,
    }
}

/// The value of a weak scalar that is a Python `int` (a JS integer or bigint), else None.
/// Integers beyond ±1e30 saturate: they are out of every dtype's range either way.
pub(crate) fn weak_int_value(s: Scalar) -> Option<i128> {
    match s {
        Scalar::Int(i) => Some(i as i128),
        Scalar::UInt(u) => Some(u as i128),
        Scalar::Float(x) if !weak_kind_is_float(s) => Some(x.clamp(-1e30, 1e30) as i128),
        _ => None,
    }
}

/// The least and greatest values of an integer dtype; None for the others.
pub(crate) fn int_range(dtype: DType) -> Option<(i128, i128)> {
    Some(match dtype {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        _ => return None,
    })
}

/// `OverflowError` of NumPy 2 as an error value.
pub fn weak_int_overflow(op: &str, dtype: DType, s: Scalar) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        op,
        format!(
            "the number {} is out of bounds for {dtype}",
            super::format::format_scalar(s)
        ),
    )
}

/// The floating dtype a unary float function (exp, log, …) returns for `dtype`.
pub fn float_result(dtype: DType) -> DType {
    match kind(dtype) {
        Kind::Float => dtype,
        Kind::Bool => DType::Float16,
        _ => float_for_int_size(dtype.itemsize()),
    }
}

/// Checks a weak scalar against an integer result dtype.
pub fn check_weak(op: &str, dtype: DType, s: Scalar) -> Result<()> {
    if matches!(kind(dtype), Kind::Signed | Kind::Unsigned) && !weak_int_fits(dtype, s) {
        return Err(weak_int_overflow(op, dtype, s));
    }
    Ok(())
}

/// NumPy's default dtype for `sum`/`prod` (and `cumsum`/`cumprod`) of `dtype`: bool and
/// signed integers narrower than 64 bits accumulate in int64, unsigned ones in uint64;
/// 64-bit integers and floats keep their dtype.
///
/// ```
/// use extensor::core::{sum_dtype, DType};
/// assert_eq!(sum_dtype(DType::UInt8), DType::UInt64);
/// assert_eq!(sum_dtype(DType::Bool), DType::Int64);
/// assert_eq!(sum_dtype(DType::Float32), DType::Float32);
/// ```
pub fn sum_dtype(dtype: DType) -> DType {
    match dtype {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 => DType::UInt64,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn promotion_matches_numpy_for_the_integer_lattice() {
        assert_eq!(result_type(Int16, UInt32), Int64);
        assert_eq!(result_type(Int8, UInt8), Int16);
        assert_eq!(result_type(Int32, UInt16), Int32);
        assert_eq!(result_type(UInt64, Int8), Float64);
        assert_eq!(result_type(Bool, UInt16), UInt16);
    }

    #[test]
    fn promotion_matches_numpy_for_ints_with_floats() {
        assert_eq!(result_type(Float32, UInt8), Float32);
        assert_eq!(result_type(Float32, Int16), Float32);
        assert_eq!(result_type(Float32, UInt32), Float64);
        assert_eq!(result_type(Float16, Int8), Float16);
        assert_eq!(result_type(Float16, Int16), Float32);
        assert_eq!(result_type(BFloat16, UInt8), BFloat16);
        assert_eq!(result_type(Float64, Int64), Float64);
    }

    #[test]
    fn promotion_is_symmetric() {
        for a in DType::ALL {
            for b in DType::ALL {
                assert_eq!(result_type(a, b), result_type(b, a), "{a} {b}");
            }
        }
    }

    #[test]
    fn weak_scalars_do_not_widen() {
        assert_eq!(weak_result_type(Int8, Scalar::Float(2.0)), Int8);
        assert_eq!(weak_result_type(Int8, Scalar::Float(2.5)), Float64);
        assert_eq!(weak_result_type(Bool, Scalar::Float(2.0)), Int64);
        assert_eq!(weak_result_type(Float16, Scalar::Float(1e10)), Float16);
        assert!(!weak_int_fits(UInt8, Scalar::Float(300.0)));
        assert!(!weak_int_fits(UInt8, Scalar::Float(-1.0)));
        assert!(weak_int_fits(Int64, Scalar::Int(i64::MIN)));
    }
}
