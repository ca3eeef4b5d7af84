//! Creation: zeros, full, from elements, scalars or bytes, ranges, eye, random.

use super::Tensor;
use crate::core::dtype::{DType, Element, Scalar};
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::format::format_scalar;
use crate::core::layout::{checked_size, Layout};
use crate::core::storage::Storage;
use crate::with_element_type;
use std::sync::Arc;

/// SHAPE_MISMATCH for data that does not fill `shape`: "`given` given for shape [..] `expected`".
fn mismatch(given: String, shape: &[usize], expected: String) -> Error {
    let message = format!("{given} given for shape {} {expected}", fmt_dims(shape));
    Error::new(ErrorKind::ShapeMismatch, "tensor", message)
}

/// Creation.
impl Tensor {
    /// A new zero-filled C-contiguous tensor.
    // Not inlined: the kernels' zeroed outputs (`fresh_output`) come from here too.
    #[inline(never)]
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<Tensor> {
        let layout = Layout::c_contiguous(shape)?;
        let nbytes = Tensor::storage_bytes(&layout, dtype)?;
        let storage = Arc::new(Storage::try_zeroed(nbytes)?);
        Tensor::attach(storage, layout, dtype, false, true)
    }

    /// A new tensor with every element `value`.
    pub fn full(shape: &[usize], value: Scalar, dtype: DType) -> Result<Tensor> {
        with_element_type!(dtype, T => {
            let v = T::from_scalar(value);
            Tensor::fresh_output_uninit::<T>(shape, |out| {
                out.iter_mut().for_each(|slot| {
                    slot.write(v);
                });
                Ok(())
            })
        })
    }

    /// A new tensor from C-ordered elements.
    ///
    /// ```
    /// use extensor::core::Tensor;
    /// let t = Tensor::from_elements(&[2, 2], &[1.5f32, 2.0, 3.0, 4.0]).unwrap();
    /// assert_eq!(t.to_vec::<f32>().unwrap(), vec![1.5, 2.0, 3.0, 4.0]);
    /// ```
    pub fn from_elements<T: Element>(shape: &[usize], values: &[T]) -> Result<Tensor> {
        let size = Layout::c_contiguous(shape)?.size();
        if values.len() != size {
            let given = format!("{} values", values.len());
            return Err(mismatch(given, shape, format!("({size} elements)")));
        }
        Tensor::fresh_output_uninit::<T>(shape, |out| {
            for (o, &v) in out.iter_mut().zip(values) {
                o.write(v);
            }
            Ok(())
        })
    }

    /// A new tensor from C-ordered scalars converted to `dtype` (typed-array semantics).
    pub fn from_scalars(
        shape: &[usize],
        dtype: DType,
        values: impl ExactSizeIterator<Item = Scalar>,
    ) -> Result<Tensor> {
        let t = Tensor::zeros(shape, dtype)?;
        t.check_len("tensor", values.len())?;
        with_element_type!(dtype, T => t.write_all(values.map(T::from_scalar)));
        Ok(t)
    }

    /// A new tensor from the raw little-endian bytes of its elements, in C order.
    pub fn from_bytes(shape: &[usize], dtype: DType, bytes: &[u8]) -> Result<Tensor> {
        let layout = Layout::c_contiguous(shape)?;
        let nbytes = Tensor::storage_bytes(&layout, dtype)?;
        if bytes.len() != nbytes {
            let given = format!("{} bytes", bytes.len());
            return Err(mismatch(
                given,
                shape,
                format!("of {dtype} ({nbytes} bytes)"),
            ));
        }
        with_element_type!(dtype, T => Tensor::fresh_output_uninit::<T>(shape, |out| {
            if dtype == DType::Bool {
                // Keep bool storage canonical (0/1) for everything that reads it as bytes.
                for (o, &b) in out.iter_mut().zip(bytes) {
                    o.write(T::from_scalar(Scalar::Bool(b != 0)));
                }
            } else {
                // SAFETY: `out` spans exactly nbytes == bytes.len() bytes (C-contiguous, T's
                // size times size()); a fresh storage cannot overlap `bytes`, and every bit
                // pattern is a valid value of the non-bool element types.
                unsafe {
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.as_mut_ptr().cast::<u8>(), bytes.len());
                }
            }
            Ok(())
        }))
    }

    /// A new tensor whose storage is not initialised, that `nbytes` bytes of elements are
    /// about to be copied into (the JS layer copies a typed array straight into its
    /// storage): SHAPE_MISMATCH unless `nbytes` is exactly its size, as
    /// [`Tensor::from_bytes`] says it.
    ///
    /// # Safety
    /// The caller writes every byte of the storage before anything reads it, and drops
    /// (frees) the tensor unread if it cannot.
    pub unsafe fn uninit_for_bytes(shape: &[usize], dtype: DType, nbytes: usize) -> Result<Tensor> {
        let expected = Tensor::storage_bytes(&Layout::c_contiguous(shape)?, dtype)?;
        if nbytes != expected {
            let given = format!("{nbytes} bytes");
            return Err(mismatch(
                given,
                shape,
                format!("of {dtype} ({expected} bytes)"),
            ));
        }
        // SAFETY: the caller's contract above is `uninit`'s.
        unsafe { Tensor::uninit(shape, dtype) }
    }

    /// `start, start+step, …` below `stop` (NumPy `arange`).
    pub fn arange(start: f64, stop: f64, step: f64, dtype: DType) -> Result<Tensor> {
        if step == 0.0 || !step.is_finite() || !start.is_finite() || !stop.is_finite() {
            let [start, stop, step] = [start, stop, step].map(|x| format_scalar(Scalar::Float(x)));
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "arange",
                format!("start {start}, stop {stop} and step {step} must be finite, step non-zero"),
            ));
        }
        let count = ((stop - start) / step).ceil().max(0.0);
        let len = shape_len("arange", count)?;
        Tensor::from_scalars(
            &[len],
            dtype,
            (0..len).map(|i| Scalar::Float(start + i as f64 * step)),
        )
    }

    /// `num` evenly spaced values from `start` to `stop` inclusive (NumPy `linspace`).
    pub fn linspace(start: f64, stop: f64, num: usize, dtype: DType) -> Result<Tensor> {
        let step = if num > 1 {
            (stop - start) / (num - 1) as f64
        } else {
            0.0
        };
        // Each value computed in float64 and converted once (NumPy's), written straight
        // into the output: a loop LLVM vectorises.
        with_element_type!(dtype, T => Tensor::fresh_output_uninit::<T>(&[num], |out| {
            for (i, slot) in out.iter_mut().enumerate() {
                slot.write(T::from_float(start + i as f64 * step));
            }
            if let (true, Some(last)) = (num > 1, out.last_mut()) {
                last.write(T::from_float(stop));
            }
            Ok(())
        }))
    }

    /// An `n × m` matrix with ones on diagonal `k` (NumPy `eye`).
    pub fn eye(n: usize, m: usize, k: i64, dtype: DType) -> Result<Tensor> {
        let t = Tensor::zeros(&[n, m], dtype)?;
        let one = Scalar::Int(1);
        for row in 0..n {
            let col = row as i128 + k as i128;
            if col >= 0 && col < m as i128 {
                t.set(one, &[row as i64, col as i64])?;
            }
        }
        Ok(t)
    }

    /// Uniform values in `[0, 1)` from a seeded PCG generator (same values on every platform).
    /// Float dtypes only, as NumPy's `Generator.random`: a `[0, 1)` value cast to an integer
    /// would be 0.
    pub fn rand(shape: &[usize], seed: u64, dtype: DType) -> Result<Tensor> {
        use rand::{Rng, SeedableRng};
        require_float_dtype("rand", dtype)?;
        let size = checked_size("rand", shape)?;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        Tensor::from_scalars(
            shape,
            dtype,
            (0..size).map(|_| Scalar::Float(rng.random::<f64>())),
        )
    }

    /// Standard normal values from a seeded PCG generator.
    pub fn randn(shape: &[usize], seed: u64, dtype: DType) -> Result<Tensor> {
        use rand::{Rng, SeedableRng};
        require_float_dtype("randn", dtype)?;
        let size = checked_size("randn", shape)?;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        Tensor::from_scalars(
            shape,
            dtype,
            (0..size).map(|_| Scalar::Float(rng.sample::<f64, _>(rand_distr::StandardNormal))),
        )
    }
}

fn require_float_dtype(op: &str, dtype: DType) -> Result<()> {
    if dtype.is_float() {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DType,
            op,
            format!("dtype must be a float dtype, got {}", dtype.name()),
        ))
    }
}

fn shape_len(op: &str, value: f64) -> Result<usize> {
    if value > (isize::MAX as f64) {
        return Err(Error::new(
            ErrorKind::InvalidShape,
            op,
            format!(
                "{} elements are too many",
                format_scalar(Scalar::Float(value))
            ),
        ));
    }
    Ok(value as usize)
}
