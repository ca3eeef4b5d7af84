//! The small transposes that the tiled transposing copy (`ops/copy.rs`) runs on full
//! tiles: 8×8 one-byte, 4×4 four-byte and 2×2 eight-byte elements, each a few vector
//! loads, unpack shuffles (patterns V8 emits as one instruction each) and stores.

use core::arch::wasm32::*;

/// Writes row j of a 4×4 block (4 elements at `dst + j·dst_step` bytes) from element j of
/// the four 4-element vectors at `src + k·src_step` bytes, k = 0..4: out[j][k] = in[k][j].
///
/// # Safety
/// Each `src + k·src_step` (k < 4) is valid for reading 16 bytes and each `dst + j·dst_step`
/// (j < 4) for writing 16 bytes, and the written bytes do not overlap the read ones. The
/// element type accepts any bit pattern.
#[inline(always)]
pub unsafe fn transpose4x4_32(src: *const u8, src_step: isize, dst: *mut u8, dst_step: usize) {
    // SAFETY: the caller's contract: four readable 16-byte vectors (unaligned loads are fine).
    let v = [0isize, 1, 2, 3].map(|k| unsafe { v128_load(src.offset(k * src_step).cast()) });
    let lo01 = i32x4_shuffle::<0, 4, 1, 5>(v[0], v[1]);
    let lo23 = i32x4_shuffle::<0, 4, 1, 5>(v[2], v[3]);
    let hi01 = i32x4_shuffle::<2, 6, 3, 7>(v[0], v[1]);
    let hi23 = i32x4_shuffle::<2, 6, 3, 7>(v[2], v[3]);
    let rows = [
        i64x2_shuffle::<0, 2>(lo01, lo23),
        i64x2_shuffle::<1, 3>(lo01, lo23),
        i64x2_shuffle::<0, 2>(hi01, hi23),
        i64x2_shuffle::<1, 3>(hi01, hi23),
    ];
    for (j, row) in rows.into_iter().enumerate() {
        // SAFETY: the caller's contract: four writable 16-byte rows.
        unsafe { v128_store(dst.add(j * dst_step).cast(), row) };
    }
}

/// [`transpose4x4_32`] for one-byte elements, 8×8: eight 8-byte loads, three rounds of
/// unpacks (bytes, pairs, quads), eight 8-byte stores.
///
/// # Safety
/// As [`transpose4x4_32`], with 8 bytes per vector and eight of each.
#[inline(always)]
pub unsafe fn transpose8x8_8(src: *const u8, src_step: isize, dst: *mut u8, dst_step: usize) {
    // SAFETY: the caller's contract: eight readable 8-byte vectors.
    let v = [0isize, 1, 2, 3, 4, 5, 6, 7]
        .map(|k| unsafe { v128_load64_zero(src.offset(k * src_step).cast()) });
    let bytes =
        |a, b| i8x16_shuffle::<0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23>(a, b);
    let (t0, t1, t2, t3) = (
        bytes(v[0], v[1]),
        bytes(v[2], v[3]),
        bytes(v[4], v[5]),
        bytes(v[6], v[7]),
    );
    let (u0, u1) = (
        i16x8_shuffle::<0, 8, 1, 9, 2, 10, 3, 11>(t0, t1),
        i16x8_shuffle::<4, 12, 5, 13, 6, 14, 7, 15>(t0, t1),
    );
    let (u2, u3) = (
        i16x8_shuffle::<0, 8, 1, 9, 2, 10, 3, 11>(t2, t3),
        i16x8_shuffle::<4, 12, 5, 13, 6, 14, 7, 15>(t2, t3),
    );
    // Each of these holds two output rows: columns (0, 1), (2, 3), (4, 5), (6, 7).
    let pairs = [
        i32x4_shuffle::<0, 4, 1, 5>(u0, u2),
        i32x4_shuffle::<2, 6, 3, 7>(u0, u2),
        i32x4_shuffle::<0, 4, 1, 5>(u1, u3),
        i32x4_shuffle::<2, 6, 3, 7>(u1, u3),
    ];
    for (j, pair) in pairs.into_iter().enumerate() {
        // SAFETY: the caller's contract: eight writable 8-byte rows.
        unsafe {
            v128_store64_lane::<0>(pair, dst.add(2 * j * dst_step).cast());
            v128_store64_lane::<1>(pair, dst.add((2 * j + 1) * dst_step).cast());
        }
    }
}

/// [`transpose4x4_32`] for eight-byte elements, 2×2.
///
/// # Safety
/// As [`transpose4x4_32`], with two vectors of each.
#[inline(always)]
pub unsafe fn transpose2x2_64(src: *const u8, src_step: isize, dst: *mut u8, dst_step: usize) {
    // SAFETY: the caller's contract: two readable 16-byte vectors.
    let (a, b) = unsafe {
        (
            v128_load(src.cast()),
            v128_load(src.offset(src_step).cast()),
        )
    };
    // SAFETY: the caller's contract: two writable 16-byte rows.
    unsafe {
        v128_store(dst.cast(), i64x2_shuffle::<0, 2>(a, b));
        v128_store(dst.add(dst_step).cast(), i64x2_shuffle::<1, 3>(a, b));
    }
}
