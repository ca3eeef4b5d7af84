//! NumPy `.npy` interchange: read versions 1.0–3.0 (C or Fortran order, little- or
//! big-endian), write version 1.0 exactly as `numpy.save` does (64-byte-aligned header).
//! bfloat16 has no `.npy` descriptor and is refused.

use super::dtype::DType;
use super::error::{Error, ErrorKind, Result};
use super::layout::checked_size;
use super::tensor::Tensor;

const MAGIC: &[u8] = b"\x93NUMPY";

fn descr(dtype: DType) -> Result<&'static str> {
    Ok(match dtype {
        DType::Bool => "|b1",
        DType::Int8 => "|i1",
        DType::UInt8 => "|u1",
        DType::Int16 => "<i2",
        DType::UInt16 => "<u2",
        DType::Int32 => "<i4",
        DType::UInt32 => "<u4",
        DType::Int64 => "<i8",
        DType::UInt64 => "<u8",
        DType::Float16 => "<f2",
        DType::Float32 => "<f4",
        DType::Float64 => "<f8",
        DType::BFloat16 => {
            return Err(Error::new(
                ErrorKind::DType,
                "toNpy",
                "bfloat16 has no .npy descriptor",
            ))
        }
    })
}

fn bad(msg: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidArgument, "fromNpy", format!("{msg}"))
}

/// `(dtype, big_endian)` of a descriptor such as `'<f4'`.
fn parse_descr(d: &str) -> Result<(DType, bool)> {
    let (order, code) = d.split_at(d.len().min(1));
    let big = match order {
        ">" => true,
        "<" | "|" | "=" => false,
        _ => {
            return Err(Error::new(
                ErrorKind::DType,
                "fromNpy",
                format!("unsupported descriptor {d:?}"),
            ))
        }
    };
    let dtype = match code {
        "b1" => DType::Bool,
        "i1" => DType::Int8,
        "u1" => DType::UInt8,
        "i2" => DType::Int16,
        "u2" => DType::UInt16,
        "i4" => DType::Int32,
        "u4" => DType::UInt32,
        "i8" => DType::Int64,
        "u8" => DType::UInt64,
        "f2" => DType::Float16,
        "f4" => DType::Float32,
        "f8" => DType::Float64,
        _ => {
            return Err(Error::new(
                ErrorKind::DType,
                "fromNpy",
                format!("unsupported descriptor {d:?}"),
            ))
        }
    };
    Ok((dtype, big))
}

/// The text after `'key':` in the header dict.
fn field<'h>(header: &'h str, key: &str) -> Result<&'h str> {
    let pattern = format!("'{key}':");
    let at = header
        .find(&pattern)
        .ok_or_else(|| bad(format!("header has no {key:?}")))?;
    Ok(header[at + pattern.len()..].trim_start())
}

fn parse_header(header: &str) -> Result<(DType, bool, bool, Vec<usize>)> {
    let d = field(header, "descr")?;
    let d = d
        .strip_prefix('\'')
        .and_then(|r| r.split('\'').next())
        .ok_or_else(|| bad("malformed descr"))?;
    let (dtype, big) = parse_descr(d)?;
    let fortran = field(header, "fortran_order")?.starts_with("True");
    let shape_text = field(header, "shape")?;
    let inner = shape_text
        .strip_prefix('(')
        .and_then(|r| r.split(')').next())
        .ok_or_else(|| bad("malformed shape"))?;
    let shape = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| bad(format!("bad dimension {s:?}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((dtype, big, fortran, shape))
}

/// What a `.npy` header says: the layout of the data and where it starts.
struct Prelude {
    dtype: DType,
    big: bool,
    fortran: bool,
    shape: Vec<usize>,
    data_start: usize,
    nbytes: usize,
}

/// Reads the magic, version and header at the start of `bytes` (the data need not follow).
fn prelude(bytes: &[u8]) -> Result<Prelude> {
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err(bad("not a .npy file (no \\x93NUMPY magic)"));
    }
    let (len, start): (usize, usize) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        v => return Err(bad(format!("unsupported .npy version {v}"))),
    };
    let end = start
        .checked_add(len)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| bad("truncated header"))?;
    let header = std::str::from_utf8(&bytes[start..end]).map_err(|_| bad("header is not text"))?;
    let (dtype, big, fortran, shape) = parse_header(header)?;
    let size = checked_size("fromNpy", &shape)?;
    let nbytes = size
        .checked_mul(dtype.itemsize())
        .ok_or_else(|| crate::core::memory::out_of_memory("fromNpy", || "too large".into()))?;
    Ok(Prelude {
        dtype,
        big,
        fortran,
        shape,
        data_start: end,
        nbytes,
    })
}

/// The length of the whole `.npy` file whose header `prefix` holds (the data need not
/// follow): how `.npz` reading checks a member's declared size before inflating it.
pub(super) fn extent(prefix: &[u8]) -> Result<usize> {
    let p = prelude(prefix)?;
    p.data_start
        .checked_add(p.nbytes)
        .ok_or_else(|| bad("the data is too large"))
}

impl Tensor {
    /// Reads a `.npy` file's bytes.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int16).unwrap().reshape(&[2, 3]).unwrap();
    /// let back = Tensor::from_npy(&t.to_npy().unwrap()).unwrap();
    /// assert_eq!((back.shape(), back.dtype()), (&[2, 3][..], DType::Int16));
    /// assert_eq!(back.to_vec::<i16>().unwrap(), vec![0, 1, 2, 3, 4, 5]);
    /// ```
    pub fn from_npy(bytes: &[u8]) -> Result<Tensor> {
        let Prelude {
            dtype,
            big,
            fortran,
            shape,
            data_start: end,
            nbytes,
        } = prelude(bytes)?;
        let data_end = end.saturating_add(nbytes);
        let data = bytes
            .get(end..data_end)
            .filter(|_| bytes.len() - end == nbytes)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::ShapeMismatch,
                    "fromNpy",
                    format!(
                        "shape {shape:?} of {dtype} needs {nbytes} data bytes, the file has {}",
                        bytes.len() - end
                    ),
                )
            })?;
        let swapped;
        let data = if big && dtype.itemsize() > 1 {
            swapped = data
                .chunks_exact(dtype.itemsize())
                .flat_map(|c| c.iter().rev().copied())
                .collect::<Vec<u8>>();
            &swapped[..]
        } else {
            data
        };
        if fortran && shape.len() > 1 {
            // Column-major data is the C-order data of the reversed shape, transposed.
            let reversed: Vec<usize> = shape.iter().rev().copied().collect();
            Tensor::from_bytes(&reversed, dtype, data)?
                .transpose(None)?
                .deep_copy()
        } else {
            Tensor::from_bytes(&shape, dtype, data)
        }
    }

    /// The bytes of a version-1.0 `.npy` file holding this tensor in C order.
    pub fn to_npy(&self) -> Result<Vec<u8>> {
        let descr = descr(self.dtype())?;
        let dims: Vec<String> = self.shape().iter().map(|d| d.to_string()).collect();
        let shape = match dims.len() {
            1 => format!("({},)", dims[0]),
            _ => format!("({})", dims.join(", ")),
        };
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        // numpy.save pads with spaces and a newline so the data starts 64-byte aligned.
        let total = 10 + header.len() + 1;
        header.push_str(&" ".repeat((64 - total % 64) % 64));
        header.push('\n');
        let data = self.to_bytes()?;
        let mut out = Vec::new();
        out.try_reserve_exact(10 + header.len() + data.len())
            .map_err(|_| {
                crate::core::memory::out_of_memory("toNpy", || "cannot allocate the file".into())
            })?;
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[1, 0]);
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&data);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dtype_but_bfloat16_round_trips() {
        for dtype in DType::ALL {
            let t = Tensor::arange(0.0, 6.0, 1.0, dtype)
                .unwrap()
                .reshape(&[3, 2])
                .unwrap();
            match t.to_npy() {
                Ok(bytes) => {
                    assert_eq!(
                        (10 + u16::from_le_bytes([bytes[8], bytes[9]]) as usize) % 64,
                        0
                    );
                    let back = Tensor::from_npy(&bytes).unwrap();
                    assert_eq!(back.shape(), &[3, 2]);
                    assert_eq!(back.to_bytes().unwrap(), t.to_bytes().unwrap(), "{dtype}");
                }
                Err(e) => assert_eq!((dtype, e.code()), (DType::BFloat16, "DTYPE")),
            }
        }
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        for bytes in [
            &b""[..],
            b"\x93NUMPY",
            b"\x93NUMPY\x01\x00\xff\xff{",
            b"hello world, not npy",
        ] {
            assert!(Tensor::from_npy(bytes).is_err());
        }
        let t = Tensor::zeros(&[2], DType::Float32).unwrap();
        let mut bytes = t.to_npy().unwrap();
        bytes.pop();
        assert_eq!(
            Tensor::from_npy(&bytes).unwrap_err().code(),
            "SHAPE_MISMATCH"
        );
    }
}
