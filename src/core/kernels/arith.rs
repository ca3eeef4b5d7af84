//! Per-element arithmetic for every compute type: integers wrap (two's complement, as
//! NumPy), floats follow IEEE 754 with NumPy's NaN rules for maximum/minimum.

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
        }
    )*};
}
float_arith!(f32, f64);

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
        }
    )*};
}
float_fns!(f32, f64);
