//! SIMD128 paths (wasm32 with `+simd128` only). Each function here has a scalar twin in
//! its family's file; `tests/wasm_common/kernels.rs` holds the two equal under
//! wasm-bindgen-test, since Miri and native tests cannot run wasm intrinsics.

use super::binary::BinaryOp;
use super::unary::UnaryOp;
use super::{Arith, Float, Operand};
use core::arch::wasm32::*;
use std::mem::MaybeUninit;

#[inline(always)]
fn load(s: &[f32], i: usize) -> v128 {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); v128_load accepts unaligned addresses.
    unsafe { v128_load(s.as_ptr().add(i).cast::<v128>()) }
}

#[inline(always)]
fn store(s: &mut [f32], i: usize, v: v128) {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); v128_store accepts unaligned addresses.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

#[inline(always)]
fn store_uninit(s: &mut [MaybeUninit<f32>], i: usize, v: v128) {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); MaybeUninit<f32> has f32's layout;
    // v128_store accepts unaligned addresses and initialises the four elements.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

/// The shared loop of the binary paths: one monomorphised loop per (op, operand kinds);
/// the tail (n % 4 elements) uses the scalar twin so both paths agree bit for bit there.
#[inline(always)]
fn run2(
    a: Operand<f32>,
    b: Operand<f32>,
    out: &mut [MaybeUninit<f32>],
    v: impl Fn(v128, v128) -> v128,
    s: impl Fn(f32, f32) -> f32,
) {
    let n = out.len();
    let body = n - n % 4;
    match (a, b) {
        (Operand::Slice(x), Operand::Slice(y)) => {
            let n = n.min(x.len()).min(y.len());
            let body = body.min(n - n % 4);
            let pairs = n - n % 8;
            let mut i = 0;
            while i < pairs {
                let (r0, r1) = (v(load(x, i), load(y, i)), v(load(x, i + 4), load(y, i + 4)));
                store_uninit(out, i, r0);
                store_uninit(out, i + 4, r1);
                i += 8;
            }
            while i < body {
                store_uninit(out, i, v(load(x, i), load(y, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j], y[j]));
            }
        }
        (Operand::Slice(x), Operand::Scalar(y)) => {
            let n = n.min(x.len());
            let body = body.min(n - n % 4);
            let yv = f32x4_splat(y);
            let mut i = 0;
            while i < body {
                store_uninit(out, i, v(load(x, i), yv));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j], y));
            }
        }
        (Operand::Scalar(x), Operand::Slice(y)) => {
            let n = n.min(y.len());
            let body = body.min(n - n % 4);
            let xv = f32x4_splat(x);
            let mut i = 0;
            while i < body {
                store_uninit(out, i, v(xv, load(y, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x, y[j]));
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => {
            let v = s(x, y);
            out.iter_mut().for_each(|o| {
                o.write(v);
            });
        }
    }
}

/// f32 binary arithmetic four lanes at a time; false when `op` has no SIMD path.
pub fn binary_f32(
    op: BinaryOp,
    a: Operand<f32>,
    b: Operand<f32>,
    out: &mut [MaybeUninit<f32>],
) -> bool {
    match op {
        BinaryOp::Add => run2(a, b, out, |x, y| f32x4_add(x, y), f32::add),
        BinaryOp::Sub => run2(a, b, out, |x, y| f32x4_sub(x, y), Arith::sub),
        BinaryOp::Mul => run2(a, b, out, |x, y| f32x4_mul(x, y), Arith::mul),
        BinaryOp::Div => run2(a, b, out, |x, y| f32x4_div(x, y), Float::div),
        // wasm's f32x4.max/min propagate NaN, like NumPy's maximum/minimum.
        BinaryOp::Maximum => run2(a, b, out, |x, y| f32x4_max(x, y), Arith::maximum),
        BinaryOp::Minimum => run2(a, b, out, |x, y| f32x4_min(x, y), Arith::minimum),
        BinaryOp::Pow => return false,
    }
    true
}

#[inline(always)]
fn run1(
    a: Operand<f32>,
    out: &mut [MaybeUninit<f32>],
    v: impl Fn(v128) -> v128,
    s: impl Fn(f32) -> f32,
) {
    match a {
        Operand::Slice(x) => {
            let n = out.len().min(x.len());
            let body = n - n % 4;
            let pairs = n - n % 8;
            let mut i = 0;
            // Two independent vectors per step: long polynomial chains (exp, log) overlap.
            while i < pairs {
                let (r0, r1) = (v(load(x, i)), v(load(x, i + 4)));
                store_uninit(out, i, r0);
                store_uninit(out, i + 4, r1);
                i += 8;
            }
            while i < body {
                store_uninit(out, i, v(load(x, i)));
                i += 4;
            }
            for j in body..n {
                out[j].write(s(x[j]));
            }
        }
        Operand::Scalar(x) => {
            let v = s(x);
            out.iter_mut().for_each(|o| {
                o.write(v);
            });
        }
    }
}

/// f32 unary ops four lanes at a time; false when `op` has no SIMD path (sin, cos).
pub fn unary_f32(op: UnaryOp, a: Operand<f32>, out: &mut [MaybeUninit<f32>]) -> bool {
    match op {
        UnaryOp::Neg => run1(a, out, |x| f32x4_neg(x), Arith::neg),
        UnaryOp::Abs => run1(a, out, |x| f32x4_abs(x), Arith::abs),
        UnaryOp::Square => run1(a, out, |x| f32x4_mul(x, x), |x| x * x),
        UnaryOp::Sqrt => run1(a, out, |x| f32x4_sqrt(x), f32::sqrt),
        UnaryOp::Floor => run1(a, out, |x| f32x4_floor(x), f32::floor),
        UnaryOp::Ceil => run1(a, out, |x| f32x4_ceil(x), f32::ceil),
        UnaryOp::Round => run1(a, out, |x| f32x4_nearest(x), f32::round_ties_even),
        UnaryOp::Relu => run1(
            a,
            out,
            relu4,
            |x| if x.is_nan() || x > 0.0 { x } else { 0.0 },
        ),
        UnaryOp::Exp => run1(a, out, exp4, |x| {
            f32x4_extract_lane::<0>(exp4(f32x4_splat(x)))
        }),
        UnaryOp::Log => run1(a, out, log4, |x| {
            f32x4_extract_lane::<0>(log4(f32x4_splat(x)))
        }),
        UnaryOp::Sigmoid => run1(a, out, sigmoid4, |x| {
            f32x4_extract_lane::<0>(sigmoid4(f32x4_splat(x)))
        }),
        UnaryOp::Tanh => run1(a, out, tanh4, |x| {
            f32x4_extract_lane::<0>(tanh4(f32x4_splat(x)))
        }),
        UnaryOp::Sin | UnaryOp::Cos => return false,
    }
    true
}

#[inline(always)]
fn relu4(x: v128) -> v128 {
    // NaN > 0 is false, so keep x where x > 0 or x is NaN (x != x).
    let keep = v128_or(f32x4_gt(x, f32x4_splat(0.0)), f32x4_ne(x, x));
    v128_and(x, keep)
}

/// Polynomial e^x (Cephes expf): x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite split), a
/// degree-6 polynomial for e^r, and 2^n applied in two halves so results near overflow
/// and in the subnormal range round correctly. Within 2 ulp of the exact value.
#[inline(always)]
#[allow(clippy::excessive_precision)] // Cephes' published coefficients, verbatim
pub fn exp4(x: v128) -> v128 {
    let x = f32x4_max(f32x4_min(x, f32x4_splat(89.0)), f32x4_splat(-104.0));
    let n = f32x4_floor(f32x4_add(
        f32x4_mul(x, f32x4_splat(core::f32::consts::LOG2_E)),
        f32x4_splat(0.5),
    ));
    let r = f32x4_sub(x, f32x4_mul(n, f32x4_splat(0.693_359_4)));
    let r = f32x4_sub(r, f32x4_mul(n, f32x4_splat(-2.121_944_4e-4)));
    let z = f32x4_mul(r, r);
    let mut p = f32x4_splat(1.987_569_1e-4);
    for c in [
        1.398_199_9e-3,
        8.333_452e-3,
        4.166_579_6e-2,
        1.666_666_5e-1,
        5.000_000_1e-1,
    ] {
        p = f32x4_add(f32x4_mul(p, r), f32x4_splat(c));
    }
    let y = f32x4_add(f32x4_add(f32x4_mul(p, z), r), f32x4_splat(1.0));
    // 2^n as 2^(n/2) · 2^(n - n/2): each half's exponent stays a normal float.
    let ni = i32x4_trunc_sat_f32x4(n);
    let n1 = i32x4_shr(ni, 1);
    let n2 = i32x4_sub(ni, n1);
    let pow2 = |k: v128| i32x4_shl(i32x4_add(k, i32x4_splat(127)), 23);
    let y = f32x4_mul(f32x4_mul(y, pow2(n1)), pow2(n2));
    // NaN in, NaN out (the clamp above turned it into a number).
    let is_nan = f32x4_ne(x, x);
    v128_bitselect(f32x4_splat(f32::NAN), y, is_nan)
}

/// Polynomial ln x (Cephes logf): x = m·2^e with m in [√½, √2), a degree-8 polynomial in
/// m − 1; subnormals are scaled first; 0 → −∞, negative → NaN, ∞ → ∞.
#[inline(always)]
#[allow(clippy::excessive_precision)] // Cephes' published coefficients, verbatim
pub fn log4(x_in: v128) -> v128 {
    let tiny = f32x4_lt(x_in, f32x4_splat(f32::MIN_POSITIVE));
    let scaled = f32x4_mul(x_in, f32x4_splat(8_388_608.0)); // 2^23
    let x = v128_bitselect(scaled, x_in, tiny);
    let bias = v128_bitselect(i32x4_splat(23), i32x4_splat(0), tiny);
    let bits = x;
    let e = i32x4_sub(i32x4_sub(u32x4_shr(bits, 23), i32x4_splat(126)), bias);
    // Mantissa in [0.5, 1).
    let m = v128_or(
        v128_and(bits, i32x4_splat(0x007f_ffff)),
        i32x4_splat(0x3f00_0000),
    );
    let small = f32x4_lt(m, f32x4_splat(core::f32::consts::FRAC_1_SQRT_2));
    let e = i32x4_add(e, v128_and(small, i32x4_splat(-1)));
    let m = f32x4_sub(f32x4_add(m, v128_and(small, m)), f32x4_splat(1.0));
    let ef = f32x4_convert_i32x4(e);
    let z = f32x4_mul(m, m);
    let mut p = f32x4_splat(7.037_683_6e-2);
    for c in [
        -1.151_461e-1,
        1.167_699_9e-1,
        -1.242_014_1e-1,
        1.424_932_3e-1,
        -1.666_805_8e-1,
        2.000_071_5e-1,
        -2.499_999_4e-1,
        3.333_333_1e-1,
    ] {
        p = f32x4_add(f32x4_mul(p, m), f32x4_splat(c));
    }
    let mut y = f32x4_mul(f32x4_mul(p, m), z);
    y = f32x4_add(y, f32x4_mul(ef, f32x4_splat(-2.121_944_4e-4)));
    y = f32x4_sub(y, f32x4_mul(z, f32x4_splat(0.5)));
    let mut r = f32x4_add(m, y);
    r = f32x4_add(r, f32x4_mul(ef, f32x4_splat(0.693_359_4)));
    // Special values.
    r = v128_bitselect(
        f32x4_splat(f32::NEG_INFINITY),
        r,
        f32x4_eq(x_in, f32x4_splat(0.0)),
    );
    r = v128_bitselect(
        f32x4_splat(f32::INFINITY),
        r,
        f32x4_eq(x_in, f32x4_splat(f32::INFINITY)),
    );
    let invalid = v128_or(f32x4_lt(x_in, f32x4_splat(0.0)), f32x4_ne(x_in, x_in));
    v128_bitselect(f32x4_splat(f32::NAN), r, invalid)
}

/// Logistic sigmoid from e = e^−|x|: 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0, so the
/// small results of negative x keep exp's relative accuracy.
#[inline(always)]
pub fn sigmoid4(x: v128) -> v128 {
    let one = f32x4_splat(1.0);
    let e = exp4(f32x4_neg(f32x4_abs(x)));
    let denominator = f32x4_add(one, e);
    let numerator = v128_bitselect(e, one, f32x4_lt(x, f32x4_splat(0.0)));
    f32x4_div(numerator, denominator)
}

/// tanh: a Cephes odd polynomial for |x| < 0.625, else 1 − 2/(e^{2|x|} + 1) with the sign.
#[inline(always)]
#[allow(clippy::excessive_precision)] // Cephes' published coefficients, verbatim
pub fn tanh4(x: v128) -> v128 {
    let ax = f32x4_abs(x);
    let z = f32x4_mul(x, x);
    let mut p = f32x4_splat(-5.704_988_7e-3);
    for c in [
        2.063_908_8e-2,
        -5.373_971_6e-2,
        1.333_144_2e-1,
        -3.333_328_2e-1,
    ] {
        p = f32x4_add(f32x4_mul(p, z), f32x4_splat(c));
    }
    let small = f32x4_add(x, f32x4_mul(f32x4_mul(p, z), x));
    let e = exp4(f32x4_add(ax, ax));
    let large = f32x4_sub(
        f32x4_splat(1.0),
        f32x4_div(f32x4_splat(2.0), f32x4_add(e, f32x4_splat(1.0))),
    );
    let sign = v128_and(x, i32x4_splat(i32::MIN));
    let large = v128_or(large, sign);
    v128_bitselect(small, large, f32x4_lt(ax, f32x4_splat(0.625)))
}

/// f32 pairwise sum with four f32x4 accumulators per 128-element block; None for other types.
pub fn try_pairwise_sum<C: Arith>(s: &[C]) -> Option<C> {
    if C::DTYPE != crate::core::DType::Float32 {
        return None;
    }
    // SAFETY: C is f32 (checked through its DTYPE just above), so the slice reinterprets
    // to the same bytes, length and alignment.
    let floats = unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<f32>(), s.len()) };
    let total = sum_f32(floats);
    Some(C::from_scalar(crate::core::Scalar::Float(total as f64)))
}

fn sum_f32(s: &[f32]) -> f32 {
    const BLOCK: usize = 128;
    if s.len() <= BLOCK {
        let mut acc = [f32x4_splat(0.0); 4];
        let body = s.len() - s.len() % 16;
        let mut i = 0;
        while i < body {
            for (k, a) in acc.iter_mut().enumerate() {
                *a = f32x4_add(*a, load(s, i + 4 * k));
            }
            i += 16;
        }
        let v = f32x4_add(f32x4_add(acc[0], acc[1]), f32x4_add(acc[2], acc[3]));
        let mut total = (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
            + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v));
        for &x in &s[body..] {
            total += x;
        }
        return total;
    }
    let mid = (s.len() / 2 / 16) * 16;
    sum_f32(&s[..mid]) + sum_f32(&s[mid..])
}

/// Rows of A per micro-tile.
const MR: usize = 4;
/// Columns of B per micro-tile (two f32x4).
const NR: usize = 8;
/// Depth of one packed block (keeps an A panel and a B panel in L1/L2).
const KC: usize = 256;
/// Rows of A per packed block.
const MC: usize = 64;

/// Packs `rows` rows × `kc` columns of row-major `a` (row stride `lda`) into MR-row panels:
/// for each panel, for each p, the MR values of column p (zero-padded past `rows`).
fn pack_a(a: &[f32], lda: usize, rows: usize, kc: usize, dst: &mut Vec<f32>) {
    dst.clear();
    for panel in (0..rows).step_by(MR) {
        for p in 0..kc {
            for r in 0..MR {
                let row = panel + r;
                dst.push(if row < rows { a[row * lda + p] } else { 0.0 });
            }
        }
    }
}

/// Packs `kc` rows × `cols` columns of row-major `b` (row stride `ldb`) into NR-column
/// panels: for each panel, for each p, the NR values of row p (zero-padded past `cols`).
fn pack_b(b: &[f32], ldb: usize, kc: usize, cols: usize, dst: &mut Vec<f32>) {
    dst.clear();
    for panel in (0..cols).step_by(NR) {
        for p in 0..kc {
            let row = &b[p * ldb..];
            for c in 0..NR {
                let col = panel + c;
                dst.push(if col < cols { row[col] } else { 0.0 });
            }
        }
    }
}

/// `a·b + c`: one fused multiply-add in the relaxed-SIMD build (the engine may fuse or
/// not, so results can differ from the SIMD build in the last bit), else a multiply and
/// an add.
#[inline(always)]
fn madd(a: v128, b: v128, c: v128) -> v128 {
    #[cfg(target_feature = "relaxed-simd")]
    {
        f32x4_relaxed_madd(a, b, c)
    }
    #[cfg(not(target_feature = "relaxed-simd"))]
    {
        f32x4_add(c, f32x4_mul(a, b))
    }
}

/// The 4×8 micro-kernel: eight f32x4 accumulators; per step two loads of B, four splats
/// of A, eight multiplies and adds. Returns the tile row-major in `tile`.
#[inline(always)]
fn micro_4x8(kc: usize, a: &[f32], b: &[f32], tile: &mut [v128; 8]) {
    let (a, b) = (&a[..kc * MR], &b[..kc * NR]);
    let mut acc = [f32x4_splat(0.0); 8];
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    for p in 0..kc {
        // SAFETY: after the re-slicing above, a has kc·MR and b kc·NR elements (the
        // packed panels always hold that many), so every offset read here is in bounds;
        // v128_load and v128_load32_splat accept unaligned addresses.
        unsafe {
            let b0 = v128_load(pb.add(p * NR).cast::<v128>());
            let b1 = v128_load(pb.add(p * NR + 4).cast::<v128>());
            let ap = pa.add(p * MR).cast::<u32>();
            let a0 = v128_load32_splat(ap);
            let a1 = v128_load32_splat(ap.add(1));
            let a2 = v128_load32_splat(ap.add(2));
            let a3 = v128_load32_splat(ap.add(3));
            acc[0] = madd(a0, b0, acc[0]);
            acc[1] = madd(a0, b1, acc[1]);
            acc[2] = madd(a1, b0, acc[2]);
            acc[3] = madd(a1, b1, acc[3]);
            acc[4] = madd(a2, b0, acc[4]);
            acc[5] = madd(a2, b1, acc[5]);
            acc[6] = madd(a3, b0, acc[6]);
            acc[7] = madd(a3, b1, acc[7]);
        }
    }
    *tile = acc;
}

/// Blocked, packed f32 GEMM: `out[m×n] = a[m×k] · b[k×n]`, all row-major and contiguous.
pub fn gemm_f32(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], out: &mut [f32]) -> bool {
    if k == 0 || a.len() < m * k || b.len() < k * n || out.len() < m * n {
        return false;
    }
    let (mut pa, mut pb) = (Vec::new(), Vec::new());
    let mut tile = [f32x4_splat(0.0); 8];
    for pc in (0..k).step_by(KC) {
        let kc = KC.min(k - pc);
        pack_b(&b[pc * n..], n, kc, n, &mut pb);
        for ic in (0..m).step_by(MC) {
            let mc = MC.min(m - ic);
            pack_a(&a[ic * k + pc..], k, mc, kc, &mut pa);
            for (jp, jr) in (0..n).step_by(NR).enumerate() {
                let bp = &pb[jp * kc * NR..];
                let cols = NR.min(n - jr);
                for (ip, ir) in (0..mc).step_by(MR).enumerate() {
                    micro_4x8(kc, &pa[ip * kc * MR..], bp, &mut tile);
                    let rows = MR.min(mc - ir);
                    // The first depth block writes the tile; later ones add to it.
                    let first = pc == 0;
                    for r in 0..rows {
                        let at = (ic + ir + r) * n + jr;
                        if cols == NR {
                            let (mut c0, mut c1) = (tile[2 * r], tile[2 * r + 1]);
                            if !first {
                                c0 = f32x4_add(load(out, at), c0);
                                c1 = f32x4_add(load(out, at + 4), c1);
                            }
                            store(out, at, c0);
                            store(out, at + 4, c1);
                        } else {
                            let mut lanes = [0f32; NR];
                            store(&mut lanes, 0, tile[2 * r]);
                            store(&mut lanes, 4, tile[2 * r + 1]);
                            for (c, v) in lanes.iter().take(cols).enumerate() {
                                out[at + c] = if first { *v } else { out[at + c] + v };
                            }
                        }
                    }
                }
            }
        }
    }
    true
}
