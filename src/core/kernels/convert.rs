//! Dtype conversion of a contiguous run: what `astype`, mixed-dtype operands and every
//! conversion on a block go through. Each lane gives exactly what converting one element
//! through [`Scalar`](crate::core::dtype::Scalar) gives (typed-array semantics), as a
//! plain loop LLVM vectorises: to a float through f64, between integers on the low bits,
//! float to integer by an i32 truncation for the chunks whose values all fit in one.

use crate::core::dtype::{DType, Element};
use std::mem::MaybeUninit;

/// Float-to-integer runs are checked and converted this many elements at a time: small
/// enough to stay in L1 between the check and the conversion.
const CHUNK: usize = 1024;

/// Writes `src` converted to `C` into `out`, element by element, and returns how many it
/// wrote: the shorter length of the two (callers check it is the whole run).
///
/// ```
/// use extensor::core::kernels::convert::convert_into;
/// use std::mem::MaybeUninit;
/// let mut out = [MaybeUninit::<u8>::uninit(); 4];
/// assert_eq!(convert_into(&[-1.5f32, 300.0, f32::NAN, 3e9], &mut out), 4);
/// // Truncated, then wrapped modulo 2^8 as Uint8Array does; NaN is 0.
/// // SAFETY: convert_into wrote all four (it returned 4).
/// assert_eq!(out.map(|x| unsafe { x.assume_init() }), [255, 44, 0, 0]);
/// ```
// Not inlined: one copy per dtype pair, shared by every caller (169 pairs).
#[inline(never)]
pub fn convert_into<S: Element, C: Element>(src: &[S], out: &mut [MaybeUninit<C>]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if let Some(n) = vector_lanes::convert(src, out) {
        return n;
    }
    convert_into_scalar(src, out)
}

/// The scalar path of [`convert_into`], which SIMD builds run for the pairs without a
/// vector lane (and the vector lanes' twin in the wasm tests).
pub fn convert_into_scalar<S: Element, C: Element>(src: &[S], out: &mut [MaybeUninit<C>]) -> usize {
    let n = src.len().min(out.len());
    let (src, out) = (&src[..n], &mut out[..n]);
    if C::DTYPE == DType::Bool || S::DTYPE == DType::Bool {
        write_each(src, out, |x| C::from_scalar(x.to_scalar()));
    } else if C::DTYPE.is_float() {
        write_each(src, out, |x| C::from_float(x.as_f64()));
    } else if S::DTYPE.is_float() {
        for (src, out) in src.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
            // `&`, not `&&`: no early exit, so the check vectorises too.
            if src.iter().fold(true, |all, &x| all & x.fits_i32()) {
                write_each(src, out, |x| {
                    C::from_wrapped_bits(i64::from(x.trunc_i32()) as u64)
                });
            } else {
                write_each(src, out, |x| C::from_float(x.as_f64()));
            }
        }
    } else {
        write_each(src, out, |x| C::from_wrapped_bits(x.wrapped_bits()));
    }
    n
}

/// The one place a run meets its SIMD lane: `S` and `C` are matched against the element
/// types the lanes take by [`TypeId`](std::any::TypeId), so a slice is only ever viewed
/// as the type it already is.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod vector_lanes {
    use super::super::simd128::convert as lanes;
    use super::convert_into_scalar;
    use crate::core::dtype::Element;
    use std::any::TypeId;
    use std::mem::MaybeUninit;

    /// `s` as `&[B]` when `A` is `B`.
    fn same<A: 'static, B: 'static>(s: &[A]) -> Option<&[B]> {
        // SAFETY: A and B are the same type (equal TypeIds), so this is the slice itself.
        (TypeId::of::<A>() == TypeId::of::<B>())
            .then(|| unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<B>(), s.len()) })
    }

    /// `s` as `&mut [MaybeUninit<B>]` when `A` is `B`.
    fn same_mut<A: 'static, B: 'static>(s: &mut [MaybeUninit<A>]) -> Option<&mut [MaybeUninit<B>]> {
        // SAFETY: A and B are the same type (equal TypeIds), so this is the slice itself,
        // reborrowed for as long as the borrow it came from.
        (TypeId::of::<A>() == TypeId::of::<B>()).then(|| unsafe {
            std::slice::from_raw_parts_mut(s.as_mut_ptr().cast::<MaybeUninit<B>>(), s.len())
        })
    }

    /// Element-by-element conversion of one f32, the lanes' fallback for groups that do
    /// not fit i32.
    fn one<C: Element>(x: f32) -> C {
        let mut slot = [MaybeUninit::<C>::uninit()];
        convert_into_scalar(&[x], &mut slot);
        // SAFETY: convert_into_scalar wrote the one element.
        unsafe { slot[0].assume_init() }
    }

    pub fn convert<S: Element, C: Element>(src: &[S], out: &mut [MaybeUninit<C>]) -> Option<usize> {
        let n = src.len().min(out.len());
        if let Some(src) = same::<S, f32>(src) {
            if let Some(out) = same_mut::<C, f64>(out) {
                lanes::f32_to_f64(src, out);
            } else if let Some(out) = same_mut::<C, i32>(out) {
                lanes::f32_to_i32(src, out, one::<i32>);
            } else {
                return None;
            }
        } else if let Some(out) = same_mut::<C, f32>(out) {
            if let Some(src) = same::<S, f64>(src) {
                lanes::f64_to_f32(src, out);
            } else if let Some(src) = same::<S, i32>(src) {
                lanes::i32_to_f32(src, out);
            } else if let Some(src) = same::<S, u8>(src) {
                lanes::u8_to_f32(src, out);
            } else {
                return None;
            }
        } else {
            return None;
        }
        Some(n)
    }
}

#[inline(always)]
fn write_each<S: Copy, C>(src: &[S], out: &mut [MaybeUninit<C>], f: impl Fn(S) -> C) {
    for (o, &x) in out.iter_mut().zip(src) {
        o.write(f(x));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use half::{bf16, f16};

    /// Every conversion lane against the element-by-element Scalar route.
    fn agrees_with_scalar_route<S: Element, C: Element>(values: &[S]) {
        let mut out = vec![MaybeUninit::<C>::uninit(); values.len()];
        assert_eq!(convert_into(values, &mut out), values.len());
        // SAFETY: convert_into wrote all of them (asserted just above).
        let fast: Vec<C> = out
            .into_iter()
            .map(|x| unsafe { x.assume_init() })
            .collect();
        let slow: Vec<C> = values
            .iter()
            .map(|&x| C::from_scalar(x.to_scalar()))
            .collect();
        // Compare bits through Scalar so NaN == NaN.
        let bits =
            |v: &[C]| -> Vec<String> { v.iter().map(|x| format!("{:?}", x.to_scalar())).collect() };
        assert_eq!(bits(&fast), bits(&slow), "{} -> {}", S::DTYPE, C::DTYPE);
    }

    fn floats() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.9,
            127.0,
            128.0,
            255.9,
            256.0,
            -129.0,
            65535.5,
            2147483647.0,
            2147483648.0,
            -2147483648.0,
            -2147483649.0,
            4294967296.5,
            1e19,
            -1e19,
            3e38,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-300,
            9.3e18,
        ];
        // Long enough for several chunks, with the out-of-range values in one of them.
        v.extend((0..3000).map(|i| (i as f64 - 1500.0) * 1.37));
        v
    }

    fn ints() -> Vec<i64> {
        let mut v = vec![
            0,
            1,
            -1,
            127,
            128,
            255,
            256,
            -129,
            65535,
            65536,
            i32::MAX as i64,
            i32::MIN as i64,
            i64::MAX,
            i64::MIN,
            1 << 53,
            (1 << 53) + 1,
        ];
        v.extend((0..2100).map(|i| i * 7919 - 7_000_000));
        v
    }

    macro_rules! to_every_dtype {
        ($src:expr, $S:ty) => {{
            let src: Vec<$S> = $src;
            agrees_with_scalar_route::<$S, bool>(&src);
            agrees_with_scalar_route::<$S, i8>(&src);
            agrees_with_scalar_route::<$S, i16>(&src);
            agrees_with_scalar_route::<$S, i32>(&src);
            agrees_with_scalar_route::<$S, i64>(&src);
            agrees_with_scalar_route::<$S, u8>(&src);
            agrees_with_scalar_route::<$S, u16>(&src);
            agrees_with_scalar_route::<$S, u32>(&src);
            agrees_with_scalar_route::<$S, u64>(&src);
            agrees_with_scalar_route::<$S, f16>(&src);
            agrees_with_scalar_route::<$S, bf16>(&src);
            agrees_with_scalar_route::<$S, f32>(&src);
            agrees_with_scalar_route::<$S, f64>(&src);
        }};
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "169 dtype pairs element by element; the scalar lanes hold no unsafe"
    )]
    fn every_lane_converts_as_the_scalar_route_does() {
        let f = floats();
        let i = ints();
        to_every_dtype!(f.clone(), f64);
        to_every_dtype!(f.iter().map(|&x| x as f32).collect(), f32);
        to_every_dtype!(f.iter().map(|&x| f16::from_f64(x)).collect(), f16);
        to_every_dtype!(f.iter().map(|&x| bf16::from_f64(x)).collect(), bf16);
        to_every_dtype!(i.clone(), i64);
        to_every_dtype!(i.iter().map(|&x| x as u64).collect(), u64);
        to_every_dtype!(i.iter().map(|&x| x as i32).collect(), i32);
        to_every_dtype!(i.iter().map(|&x| x as u32).collect(), u32);
        to_every_dtype!(i.iter().map(|&x| x as i16).collect(), i16);
        to_every_dtype!(i.iter().map(|&x| x as u16).collect(), u16);
        to_every_dtype!(i.iter().map(|&x| x as i8).collect(), i8);
        to_every_dtype!(i.iter().map(|&x| x as u8).collect(), u8);
        to_every_dtype!(i.iter().map(|&x| x & 1 == 0).collect(), bool);
    }
}
