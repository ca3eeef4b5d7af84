//! Per-element arithmetic for every compute type: integers wrap (two's complement, as
//! NumPy), floats follow IEEE 754 with NumPy's NaN rules for maximum/minimum.

use super::op::UnaryOp;
use crate::core::dtype::Element;

/// Arithmetic shared by integers and floats.
pub trait Arith: Element + PartialOrd {
    /// Additive identity.
    const ZERO: Self;
    /// Multiplicative identity.
    const ONE: Self;
    /// `a + b` (wrapping for integers).
    fn add(self, o: Self) -> Self;
    /// `a - b` (wrapping for integers).
    fn sub(self, o: Self) -> Self;
    /// `a * b` (wrapping for integers).
    fn mul(self, o: Self) -> Self;
    /// `a ** b`; integers need `b >= 0` (checked by the caller).
    fn pow(self, o: Self) -> Self;
    /// NumPy `maximum`: NaN if either is NaN.
    fn maximum(self, o: Self) -> Self;
    /// NumPy `minimum`: NaN if either is NaN.
    fn minimum(self, o: Self) -> Self;
    /// `-a` (wrapping for integers).
    fn neg(self) -> Self;
    /// `|a|` (wrapping: `abs(i8::MIN) == i8::MIN`, as NumPy).
    fn abs(self) -> Self;
    /// True for NaN.
    fn is_nan(self) -> bool {
        false
    }
    /// True when the exponent of an integer power is negative.
    fn is_negative(self) -> bool;
    /// NumPy `remainder`: the sign of the divisor; integer `x % 0` is 0.
    fn rem_floor(self, o: Self) -> Self;
    /// NumPy `floor_divide`; integer `x // 0` is 0 and `MIN // -1` wraps.
    fn div_floor(self, o: Self) -> Self;
    /// −1, 0 or 1 (NaN stays NaN, and both zeros give +0).
    fn sign(self) -> Self;
    /// `1 / x`; integers truncate toward zero and give 0 for 0, as NumPy.
    fn reciprocal(self) -> Self;
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            #[inline(always)] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline(always)] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline(always)] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline(always)] fn pow(self, o: Self) -> Self {
                // Exponentiation by squaring with wrapping; o >= 0 is checked by the caller.
                let (mut base, mut exp, mut acc) = (self, o, 1 as $t);
                #[allow(unused_comparisons)]
                while exp > 0 {
                    if exp & 1 == 1 { acc = acc.wrapping_mul(base); }
                    base = base.wrapping_mul(base);
                    exp >>= 1;
                }
                acc
            }
            #[inline(always)] fn maximum(self, o: Self) -> Self { if self >= o { self } else { o } }
            #[inline(always)] fn minimum(self, o: Self) -> Self { if self <= o { self } else { o } }
            #[inline(always)] fn neg(self) -> Self { (0 as $t).wrapping_sub(self) }
            #[inline(always)] #[allow(unused_comparisons)] fn abs(self) -> Self { if self < 0 { self.neg() } else { self } }
            #[inline(always)] #[allow(unused_comparisons)] fn is_negative(self) -> bool { self < 0 }
            #[inline(always)] #[allow(unused_comparisons)] fn rem_floor(self, o: Self) -> Self {
                if o == 0 { return 0; }
                let r = self.wrapping_rem(o);
                if r != 0 && ((r < 0) != (o < 0)) { r.wrapping_add(o) } else { r }
            }
            #[inline(always)] #[allow(unused_comparisons)] fn div_floor(self, o: Self) -> Self {
                if o == 0 { return 0; }
                let q = self.wrapping_div(o);
                let r = self.wrapping_rem(o);
                if r != 0 && ((r < 0) != (o < 0)) { q.wrapping_sub(1) } else { q }
            }
            #[inline(always)] #[allow(unused_comparisons)] fn sign(self) -> Self {
                if self > 0 { 1 } else if self < 0 { (0 as $t).wrapping_sub(1) } else { 0 }
            }
            #[inline(always)] fn reciprocal(self) -> Self {
                if self == 0 { 0 } else { (1 as $t).wrapping_div(self) }
            }
        }
    )*};
}
int_arith!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            #[inline(always)] fn add(self, o: Self) -> Self { self + o }
            #[inline(always)] fn sub(self, o: Self) -> Self { self - o }
            #[inline(always)] fn mul(self, o: Self) -> Self { self * o }
            #[inline(always)] fn pow(self, o: Self) -> Self { self.powf(o) }
            #[inline(always)] fn maximum(self, o: Self) -> Self {
                if self.is_nan() || o.is_nan() { Self::NAN } else if self >= o { self } else { o }
            }
            #[inline(always)] fn minimum(self, o: Self) -> Self {
                if self.is_nan() || o.is_nan() { Self::NAN } else if self <= o { self } else { o }
            }
            #[inline(always)] fn neg(self) -> Self { -self }
            #[inline(always)] fn abs(self) -> Self { <$t>::abs(self) }
            #[inline(always)] fn is_nan(self) -> bool { <$t>::is_nan(self) }
            #[inline(always)] fn is_negative(self) -> bool { false }
            #[inline(always)] fn rem_floor(self, o: Self) -> Self { divmod(self, o).1 }
            #[inline(always)] fn div_floor(self, o: Self) -> Self {
                if o == 0.0 { self / o } else { divmod(self, o).0 }
            }
            #[inline(always)] fn sign(self) -> Self {
                if self > 0.0 { 1.0 } else if self < 0.0 { -1.0 } else if self.is_nan() { self } else { 0.0 }
            }
            #[inline(always)] fn reciprocal(self) -> Self { 1.0 / self }
        }
    )*};
}
float_arith!(f32, f64);

/// NumPy's `npy_divmod`: the floored quotient and the remainder with the divisor's sign,
/// both from one `fmod`, so `q·b + r` stays as close to `a` as floats allow.
#[inline(always)]
fn divmod<T: Float>(a: T, b: T) -> (T, T) {
    let mut r = a.fmod(b);
    if b == T::ZERO {
        return (a.div(b), r);
    }
    let mut div = a.sub(r).div(b);
    if r != T::ZERO {
        if (b < T::ZERO) != (r < T::ZERO) {
            r = r.add(b);
            div = div.sub(T::ONE);
        }
    } else {
        r = T::ZERO.copysign(b);
    }
    let q = if div != T::ZERO {
        let f = div.floor();
        if div.sub(f) > T::from_f64(0.5) {
            f.add(T::ONE)
        } else {
            f
        }
    } else {
        T::ZERO.copysign(a.div(b))
    };
    (q, r)
}

/// The float functions of the unary family.
pub trait Float: Arith {
    /// From f64 (rounding).
    fn from_f64(x: f64) -> Self;
    /// `a / b`.
    fn div(self, o: Self) -> Self;
    /// e^x
    fn exp(self) -> Self;
    /// ln x
    fn ln(self) -> Self;
    /// √x
    fn sqrt(self) -> Self;
    /// sin x
    fn sin(self) -> Self;
    /// cos x
    fn cos(self) -> Self;
    /// tanh x
    fn tanh(self) -> Self;
    /// ⌊x⌋
    fn floor(self) -> Self;
    /// ⌈x⌉
    fn ceil(self) -> Self;
    /// Round half to even, as NumPy's `round`.
    fn round_even(self) -> Self;
    /// C `fmod`: the remainder with the dividend's sign.
    fn fmod(self, o: Self) -> Self;
    /// |self| with the sign of `sign`.
    fn copysign(self, sign: Self) -> Self;
    /// Round toward zero.
    fn trunc(self) -> Self;
    /// Whether the value is ±∞.
    fn is_infinite(self) -> bool;
    /// Whether the value is neither NaN nor ±∞.
    fn is_finite(self) -> bool;
    /// The float functions without a SIMD path, by op (`op` is one of them).
    fn libm(self, op: UnaryOp) -> Self;
    /// `atan2(self, x)`.
    fn atan2(self, x: Self) -> Self;
}

macro_rules! float_fns {
    ($($t:ty),*) => {$(
        impl Float for $t {
            #[inline(always)] fn from_f64(x: f64) -> Self { x as $t }
            #[inline(always)] fn div(self, o: Self) -> Self { self / o }
            #[inline(always)] fn exp(self) -> Self { <$t>::exp(self) }
            #[inline(always)] fn ln(self) -> Self { <$t>::ln(self) }
            #[inline(always)] fn sqrt(self) -> Self { <$t>::sqrt(self) }
            #[inline(always)] fn sin(self) -> Self { <$t>::sin(self) }
            #[inline(always)] fn cos(self) -> Self { <$t>::cos(self) }
            #[inline(always)] fn tanh(self) -> Self { <$t>::tanh(self) }
            #[inline(always)] fn floor(self) -> Self { <$t>::floor(self) }
            #[inline(always)] fn ceil(self) -> Self { <$t>::ceil(self) }
            #[inline(always)] fn round_even(self) -> Self { <$t>::round_ties_even(self) }
            #[inline(always)] fn fmod(self, o: Self) -> Self { self % o }
            #[inline(always)] fn copysign(self, sign: Self) -> Self { <$t>::copysign(self, sign) }
            #[inline(always)] fn trunc(self) -> Self { <$t>::trunc(self) }
            #[inline(always)] fn is_infinite(self) -> bool { <$t>::is_infinite(self) }
            #[inline(always)] fn is_finite(self) -> bool { <$t>::is_finite(self) }
            #[inline(always)] fn atan2(self, x: Self) -> Self { <$t>::atan2(self, x) }
            fn libm(self, op: UnaryOp) -> Self {
                match op {
                    UnaryOp::Log1p => self.ln_1p(),
                    UnaryOp::Expm1 => self.exp_m1(),
                    UnaryOp::Log2 => self.log2(),
                    UnaryOp::Log10 => self.log10(),
                    UnaryOp::Exp2 => self.exp2(),
                    UnaryOp::Tan => self.tan(),
                    UnaryOp::Asin => self.asin(),
                    UnaryOp::Acos => self.acos(),
                    UnaryOp::Atan => self.atan(),
                    UnaryOp::Sinh => self.sinh(),
                    UnaryOp::Cosh => self.cosh(),
                    UnaryOp::Asinh => Libm::asinh_of(self),
                    UnaryOp::Acosh => Libm::acosh_of(self),
                    UnaryOp::Atanh => Libm::atanh_of(self),
                    UnaryOp::Erf => Libm::erf_of(self),
                    _ => <$t>::NAN,
                }
            }
        }
    )*};
}
float_fns!(f32, f64);

/// Functions taken from the `libm` crate, one pinned implementation in every build: erf
/// (std has none) and the inverse hyperbolics, which std computes in Rust code of its own
/// that changed between toolchains (the threaded build's nightly std gave other bits than
/// the stable std of the other builds).
trait Libm: Sized {
    fn erf_of(self) -> Self;
    fn asinh_of(self) -> Self;
    fn acosh_of(self) -> Self;
    fn atanh_of(self) -> Self;
}
impl Libm for f32 {
    fn erf_of(self) -> Self {
        libm::erff(self)
    }
    fn asinh_of(self) -> Self {
        libm::asinhf(self)
    }
    fn acosh_of(self) -> Self {
        libm::acoshf(self)
    }
    fn atanh_of(self) -> Self {
        libm::atanhf(self)
    }
}
impl Libm for f64 {
    fn erf_of(self) -> Self {
        libm::erf(self)
    }
    fn asinh_of(self) -> Self {
        libm::asinh(self)
    }
    fn acosh_of(self) -> Self {
        libm::acosh(self)
    }
    fn atanh_of(self) -> Self {
        libm::atanh(self)
    }
}
