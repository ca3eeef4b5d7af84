//! Four-lane f32 functions: relu, and the Cephes polynomials for exp (general, and for
//! x ≤ 0), log, sigmoid, tanh.

use core::arch::wasm32::*;

/// max(x, 0) that keeps NaN, as the scalar relu.
#[inline(always)]
pub fn relu4(x: v128) -> v128 {
    // NaN > 0 is false, so keep x where x > 0 or x is NaN (x != x).
    let keep = v128_or(f32x4_gt(x, f32x4_splat(0.0)), f32x4_ne(x, x));
    v128_and(x, keep)
}

/// The shared body of the exponentials: for x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite
/// split), returns `t` = x·log2 e + `magic`, which holds the rounded n in its low mantissa
/// bits (adding 1.5·2^23 rounds to an integer: no floor, no float-to-int conversion), and
/// e^r from Cephes' degree-6 polynomial. NaN stays NaN through every step.
#[inline(always)]
#[allow(clippy::excessive_precision)] // Cephes' published coefficients, verbatim
fn exp_reduced(x: v128, magic: f32) -> (v128, v128) {
    let t = f32x4_add(
        f32x4_mul(x, f32x4_splat(core::f32::consts::LOG2_E)),
        f32x4_splat(magic),
    );
    let n = f32x4_sub(t, f32x4_splat(magic));
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
    (
        t,
        f32x4_add(f32x4_add(f32x4_mul(p, z), r), f32x4_splat(1.0)),
    )
}

/// 1.5·2^23: `exp_reduced`'s rounding constant.
const ROUND: f32 = 12_582_912.0;

/// Polynomial e^x (Cephes expf) with 2^n applied in two halves, so results near overflow
/// and in the subnormal range round correctly. Within 2 ulp of the exact value.
#[inline(always)]
pub fn exp4(x: v128) -> v128 {
    // pmin/pmax (one instruction each on x64, unlike min/max) keep NaN, which the
    // arithmetic then carries to the result.
    let x = f32x4_pmax(f32x4_pmin(x, f32x4_splat(89.0)), f32x4_splat(-104.0));
    let (t, y) = exp_reduced(x, ROUND);
    // 2^n as 2^(n/2) · 2^(n - n/2): each half's exponent stays a normal float.
    let ni = i32x4_sub(t, i32x4_splat(ROUND.to_bits() as i32));
    let n1 = i32x4_shr(ni, 1);
    let n2 = i32x4_sub(ni, n1);
    let pow2 = |k: v128| i32x4_shl(i32x4_add(k, i32x4_splat(127)), 23);
    f32x4_mul(f32x4_mul(y, pow2(n1)), pow2(n2))
}

/// e^x for x ≤ 0, as softmax needs it: one 2^n scale built straight from n's bits (the
/// rounding constant carries the exponent bias 127, and x ≥ −87.34 keeps n ≥ −126), and 0
/// below that cutoff (−∞ included). NaN stays NaN.
#[inline(always)]
pub fn exp_nonpositive4(x_in: v128) -> v128 {
    let cutoff = f32x4_splat(-87.336_55);
    let x = f32x4_pmax(x_in, cutoff);
    let (t, y) = exp_reduced(x, ROUND + 127.0);
    let y = f32x4_mul(y, i32x4_shl(t, 23));
    v128_andnot(y, f32x4_lt(x_in, cutoff))
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
