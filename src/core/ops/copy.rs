//! Copies and dtype conversions: `contiguous`, `clone` (deep_copy) and `astype`, fed by the
//! same block splitter as every elementwise op, so a contiguous source is one slice copy
//! and a conversion runs chunk by chunk in cache.

use super::elementwise::{zip_map, Input};
use crate::core::dtype::{DType, Element};
use crate::core::error::{Error, Result};
use crate::core::kernels::convert::convert_into;
use crate::core::kernels::map1;
use crate::core::layout::Layout;
use crate::core::parallel;
use crate::core::tensor::Tensor;
use crate::{match_numeric_dtype, with_element_type};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Tile edge of the transposing copy for one-byte elements; wider ones use 32 bytes' worth,
/// at least 8. Small tiles keep the strided side to a few cache lines, which matters more
/// than reuse: a power-of-two row stride maps a tall tile's lines to one L1 set.
const TILE: usize = 32;

/// The tile edge for elements of type `T`.
fn tile_for<T>() -> usize {
    (TILE / std::mem::size_of::<T>()).max(8)
}

/// When a copy is a transpose worth tiling: the axis with stride 1 (`unit`) is not the
/// last, and both it and the last axis are long.
struct TransposePlan {
    unit: usize,
}

impl TransposePlan {
    fn new(t: &Tensor) -> Option<TransposePlan> {
        let (shape, strides) = (t.shape(), t.strides());
        let last = shape.len().checked_sub(1)?;
        let unit = strides.iter().position(|&s| s == 1)?;
        let long = |a: usize| shape[a] >= TILE;
        let fits = unit != last && long(unit) && long(last) && t.dtype() != DType::Bool;
        // Two axes may both have stride 1 only when one has extent 1; then no tiling.
        fits.then_some(TransposePlan { unit })
    }
}

/// The source's base pointer, shared by the bands of a parallel transposing copy.
#[derive(Clone, Copy)]
struct SourceBase<T>(*const T);

impl<T> SourceBase<T> {
    /// The pointer (a method, so a closure captures the whole Sync wrapper, not its field).
    fn get(self) -> *const T {
        self.0
    }
}
// SAFETY: the bands only read, through it, elements of the layout `attach` checked lies
// inside the storage, which the calling thread keeps alive (and unwritten: the output is a
// fresh storage) for the whole parallel call.
unsafe impl<T: Sync> Sync for SourceBase<T> {}
// SAFETY: as for Sync: a read-only pointer into a storage that outlives every band.
unsafe impl<T: Sync> Send for SourceBase<T> {}

/// Copies rows `rows` of the unit axis of one slab of a transposing copy, in square tiles:
/// element (r, c) is `base[src + r + c·source_step]` in the source and `out[dst + (r −
/// first_row)·row_stride + c]` in the output (`out` may be a band that starts at row
/// `first_row`).
#[allow(clippy::too_many_arguments)]
fn copy_tile_rows<T: Element>(
    base: *const T,
    src: isize,
    source_step: isize,
    out: &mut [MaybeUninit<T>],
    dst: usize,
    row_stride: usize,
    first_row: usize,
    rows: std::ops::Range<usize>,
    cols: usize,
    tile: usize,
) -> Result<()> {
    for r0 in rows.clone().step_by(tile) {
        for c0 in (0..cols).step_by(tile) {
            let c1 = (c0 + tile).min(cols);
            let r1 = (r0 + tile).min(rows.end);
            let (src, step) = (src + r0 as isize + c0 as isize * source_step, source_step);
            let dst = dst + (r0 - first_row) * row_stride + c0;
            if transpose_tile_simd::<T>(base, src, step, out, dst, row_stride, r1 - r0, c1 - c0) {
                continue;
            }
            let (src, dst) = (
                src - r0 as isize - c0 as isize * step,
                dst - (r0 - first_row) * row_stride - c0,
            );
            for r in r0..r1 {
                let line = dst + (r - first_row) * row_stride;
                let slots = out
                    .get_mut(line + c0..line + c1)
                    .ok_or_else(|| Error::internal("contiguous", "tile out of range"))?;
                let mut element = src + r as isize + c0 as isize * source_step;
                for slot in slots {
                    // SAFETY: `element` walks this handle's layout (unit axis
                    // index r, last axis index c), which `attach` checked lies
                    // inside the storage; T is the dtype, so `base` is aligned.
                    slot.write(unsafe { base.offset(element).read() });
                    element += source_step;
                }
            }
        }
    }
    Ok(())
}

/// Copies one full tile of a transposing copy with the SIMD block transposes: element
/// (r, c) of the tile is `base[src + r + c·step]` in the source and `out[dst + r·row_stride
/// + c]` in the output. Returns false (nothing written) unless the build has SIMD, the
/// elements are 1, 4 or 8 bytes and the tile is whole blocks (8×8, 4×4, 2×2) lying inside
/// `out`.
#[allow(clippy::too_many_arguments)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(unused_variables)
)]
fn transpose_tile_simd<T: Element>(
    base: *const T,
    src: isize,
    step: isize,
    out: &mut [MaybeUninit<T>],
    dst: usize,
    row_stride: usize,
    rows: usize,
    cols: usize,
) -> bool {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use crate::core::kernels::simd128::transpose::{
            transpose2x2_64, transpose4x4_32, transpose8x8_8,
        };
        let size = std::mem::size_of::<T>();
        type Kernel = unsafe fn(*const u8, isize, *mut u8, usize);
        let (block, kernel): (usize, Kernel) = match size {
            1 => (8, transpose8x8_8),
            4 => (4, transpose4x4_32),
            8 => (2, transpose2x2_64),
            _ => return false,
        };
        let last = dst + (rows.max(1) - 1) * row_stride + cols;
        if rows % block != 0 || cols % block != 0 || last > out.len() {
            return false;
        }
        let out = out.as_mut_ptr();
        for r in (0..rows).step_by(block) {
            for c in (0..cols).step_by(block) {
                // SAFETY: the source vectors are elements (r..r+block, c+k) of the tile,
                // which walk this handle's layout (`attach` checked it lies inside the
                // storage); the destination rows lie inside `out` (`last` checked above),
                // a fresh storage apart from the source's; T is a numeric element type of
                // `size` bytes, valid for any bits.
                unsafe {
                    kernel(
                        base.offset(src + r as isize + c as isize * step).cast(),
                        step * size as isize,
                        out.add(dst + r * row_stride + c).cast(),
                        row_stride * size,
                    )
                }
            }
        }
        return true;
    }
    #[allow(unreachable_code)]
    false
}

impl Tensor {
    /// This tensor itself (a new handle) when C-contiguous, else a C-ordered copy.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// let c = t.transpose(None).unwrap().contiguous().unwrap();
    /// assert!(c.is_contiguous());
    /// assert_eq!(c.to_vec::<i32>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
    /// ```
    pub fn contiguous(&self) -> Result<Tensor> {
        if self.is_contiguous() {
            Ok(self.share())
        } else {
            self.deep_copy()
        }
    }

    /// A C-ordered copy in new storage.
    pub fn deep_copy(&self) -> Result<Tensor> {
        if let Some(plan) = TransposePlan::new(self) {
            return match_numeric_dtype!(self.dtype(),
                T => self.tiled_copy::<T>(&plan),
                _ => self.astype(self.dtype()),
            );
        }
        self.astype(self.dtype())
    }

    /// The copy of a transposed layout (the element next in storage is along axis
    /// `plan.unit`, not the last): square tiles of both the input's and the output's
    /// innermost axes, so reads and writes both stay in cache.
    fn tiled_copy<T: Element>(&self, plan: &TransposePlan) -> Result<Tensor> {
        let (shape, strides) = (self.shape(), self.strides());
        let ndim = shape.len();
        let (unit, last) = (plan.unit, ndim - 1);
        let (rows, cols) = (shape[unit], shape[last]);
        let source_step = strides[last];
        let out_strides = Layout::c_contiguous(shape)?.strides().to_vec();
        let row_stride = out_strides[unit] as usize;
        // Every axis but the two tiled ones, walked by an odometer.
        let others: Vec<usize> = (0..ndim).filter(|&a| a != unit && a != last).collect();
        let mut index = vec![0usize; others.len()];
        let count: usize = others.iter().map(|&a| shape[a]).product();
        let base = self.typed_base::<T>();
        let tile = tile_for::<T>();
        Tensor::fresh_output_uninit::<T>(shape, |out| {
            if others.is_empty() {
                // A matrix: bands of whole tile rows of the output, which may run on the
                // thread pool (a copy is exact, so the bands change no bit).
                let band = (parallel::ELEMENTWISE_PIECE / cols).max(1).div_ceil(tile) * tile;
                let source = SourceBase(base);
                let src = self.offset() as isize;
                return parallel::try_for_each_piece(
                    out,
                    band * row_stride,
                    rows * cols,
                    |start, piece| {
                        let first = start / row_stride;
                        let last = first + piece.len() / row_stride;
                        copy_tile_rows(
                            source.get(),
                            src,
                            source_step,
                            piece,
                            0,
                            row_stride,
                            first,
                            first..last,
                            cols,
                            tile,
                        )
                    },
                );
            }
            for _ in 0..count {
                let mut src = self.offset() as isize;
                let mut dst = 0usize;
                for (k, &a) in others.iter().enumerate() {
                    src += strides[a] * index[k] as isize;
                    dst += out_strides[a] as usize * index[k];
                }
                copy_tile_rows(
                    base,
                    src,
                    source_step,
                    out,
                    dst,
                    row_stride,
                    0,
                    0..rows,
                    cols,
                    tile,
                )?;
                for k in (0..index.len()).rev() {
                    index[k] += 1;
                    if index[k] < shape[others[k]] {
                        break;
                    }
                    index[k] = 0;
                }
            }
            Ok(())
        })
    }

    /// A C-ordered copy converted to `dtype` (NumPy's `astype` casts: floats to integers
    /// truncate toward zero, anything to bool is `!= 0`).
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(-1.5, 2.0, 1.0, DType::Float64).unwrap();
    /// assert_eq!(t.astype(DType::Int32).unwrap().to_vec::<i32>().unwrap(), vec![-1, 0, 0, 1]);
    /// ```
    pub fn astype(&self, dtype: DType) -> Result<Tensor> {
        if self.is_contiguous() && self.dtype() != dtype {
            if let Some(out) = with_element_type!(dtype, T => self.convert_contiguous::<T>()) {
                return out;
            }
        }
        with_element_type!(dtype, T => zip_map::<T, T>(
            "astype",
            &[Input::Tensor(self)],
            |operands, out| map1(operands[0], out, |x| x),
        ))
    }
    /// The conversion of a C-contiguous tensor of a numeric dtype (None for bool and the
    /// half floats): one pass from its storage straight into the output, no scratch.
    fn convert_contiguous<C: Element>(&self) -> Option<Result<Tensor>> {
        let size = self.size();
        match_numeric_dtype!(self.dtype(),
            S => {
                let src = self.borrow_elements::<S>(self.offset(), size)?;
                Some(Tensor::fresh_output_uninit::<C>(self.shape(), |out| {
                    // Pieces on the thread pool: each element converts on its own.
                    let written = AtomicUsize::new(0);
                    parallel::for_each_piece(out, parallel::ELEMENTWISE_PIECE, size, |start, dst| {
                        let n = convert_into(&src[start..start + dst.len()], dst);
                        written.fetch_add(n, Ordering::Relaxed);
                    });
                    match written.into_inner() == size {
                        true => Ok(()),
                        false => Err(Error::internal("astype", "short conversion")),
                    }
                }))
            },
            _ => None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dtype::Scalar;

    #[test]
    fn tiled_copy_of_a_transpose_is_the_transpose() {
        let (rows, cols) = (40usize, 33usize);
        let t = Tensor::arange(0.0, (rows * cols) as f64, 1.0, DType::Int32)
            .and_then(|t| t.reshape(&[rows as i64, cols as i64]))
            .unwrap();
        let view = t.transpose(None).unwrap();
        assert!(TransposePlan::new(&view).is_some());
        let copy = view.contiguous().unwrap();
        let got = copy.to_vec::<i32>().unwrap();
        for (k, &v) in got.iter().enumerate() {
            let (i, j) = (k / rows, k % rows);
            assert_eq!(v as usize, j * cols + i);
        }
    }

    #[test]
    fn astype_converts_every_dtype_to_every_dtype_contiguous_or_not() {
        // Under Miri, one dtype of each kind (it interprets every element).
        let dtypes: &[DType] = if cfg!(miri) {
            &[
                DType::Bool,
                DType::Int8,
                DType::UInt64,
                DType::Float16,
                DType::Float32,
            ]
        } else {
            &DType::ALL
        };
        for &from in dtypes {
            let t = Tensor::arange(-3.0, 3.0, 0.75, DType::Float64)
                .and_then(|t| t.astype(from))
                .and_then(|t| t.reshape(&[2, 4]))
                .unwrap();
            let mut views = vec![t.share(), t.transpose(None).unwrap()];
            if !cfg!(miri) {
                views.push(t.reshape(&[8, 1]).unwrap());
            }
            for view in views {
                for &to in dtypes {
                    let got = view.astype(to).unwrap();
                    let want: Vec<Scalar> = view
                        .to_scalars()
                        .unwrap()
                        .into_iter()
                        .map(|s| with_element_type!(to, T => T::from_scalar(s).to_scalar()))
                        .collect();
                    assert_eq!(got.to_scalars().unwrap(), want, "{from} -> {to}");
                }
            }
        }
    }

    #[test]
    fn astype_of_a_contiguous_tensor_converts_each_element() {
        let t = Tensor::from_elements(&[4], &[-1.5f32, 0.0, 2.9, 300.0]).unwrap();
        let u = t.astype(DType::UInt8).unwrap();
        let want: Vec<Scalar> = [-1.5f32, 0.0, 2.9, 300.0]
            .iter()
            .map(|&x| Scalar::UInt(u8::from_scalar(Scalar::Float(x as f64)) as u64))
            .collect();
        assert_eq!(u.to_scalars().unwrap(), want);
    }
}
