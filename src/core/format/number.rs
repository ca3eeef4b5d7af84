//! Numbers as text: JavaScript's `String(x)` for float64 (shortest round-trip digits, the
//! exponent form outside [1e-7, 1e21), checked exactly with a small big-natural
//! comparison), and the shortest text that round-trips for float32 and the half floats.

use crate::core::dtype::{DType, Scalar};
use std::cmp::Ordering;

/// Formats one element as JavaScript would print the value.
pub fn format_scalar(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::UInt(u) => u.to_string(),
        Scalar::Float(x) if x.is_nan() => "NaN".into(),
        Scalar::Float(x) if x.is_infinite() => {
            if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
        }
        Scalar::Float(x) => js_layout(x < 0.0, &shortest_f64(x.abs())),
    }
}

/// Formats an element at its own precision: the shortest text that round-trips in the
/// element's dtype, as NumPy prints (`0.1`, not `0.10000000149011612` for float32, nor
/// `0.099975586` for float16), laid out as JavaScript lays out numbers.
pub fn format_element(dtype: DType, s: Scalar) -> String {
    match (dtype, s) {
        (DType::Float32, Scalar::Float(x)) if x.is_finite() => {
            let short = (x as f32).abs();
            js_layout(x < 0.0, &decimal_of(&format!("{short:e}")))
        }
        (DType::Float16, Scalar::Float(x)) if x.is_finite() => {
            shortest_round_trip(x, |v| half::f16::from_f64(v).to_bits())
        }
        (DType::BFloat16, Scalar::Float(x)) if x.is_finite() => {
            shortest_round_trip(x, |v| half::bf16::from_f64(v).to_bits())
        }
        _ => format_scalar(s),
    }
}

/// A non-negative decimal `0.d₁d₂…dₖ × 10^point`: ECMAScript's digits `s` (k of them) and `n`.
struct Decimal {
    digits: String,
    point: i32,
}

impl Decimal {
    /// Digits without trailing zeros (which do not change the value), `"0"` for zero.
    fn new(digits: &str, point: i32) -> Decimal {
        let trimmed = digits.trim_end_matches('0');
        let digits = if trimmed.is_empty() { "0" } else { trimmed };
        Decimal {
            digits: digits.into(),
            point,
        }
    }
}

/// Reads Rust's `{:e}` text of a non-negative finite number, e.g. `1.25e-3`.
fn decimal_of(scientific: &str) -> Decimal {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    Decimal::new(&digits, exponent.parse::<i32>().unwrap_or(0) + 1)
}

/// ECMAScript's `Number::toString` layout of sign, digits and point (ECMA-262 §6.1.6.1.20):
/// plain from 1e-6 up to 1e21, else `1.5e-7` / `1e+21`.
fn js_layout(negative: bool, d: &Decimal) -> String {
    let (k, n) = (d.digits.len() as i32, d.point);
    let body = if d.digits == "0" {
        "0".to_string()
    } else if k <= n && n <= 21 {
        format!("{}{}", d.digits, "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &d.digits[..n as usize], &d.digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{}", "0".repeat((-n) as usize), d.digits)
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        let (first, rest) = d.digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{first}{dot}{rest}e{sign}{}", e.abs())
    };
    if negative && body != "0" {
        format!("-{body}")
    } else {
        body
    }
}

/// The shortest digits that round-trip to `x` (finite, non-negative). Rust and ECMAScript
/// both take the fewest digits; when two candidates of that length round-trip, ECMAScript
/// takes the one nearer the exact value of `x`, the even one on a tie, so a neighbour of
/// Rust's choice that also round-trips is weighed against `x` exactly.
fn shortest_f64(x: f64) -> Decimal {
    let short = decimal_of(&format!("{x:e}"));
    if x == 0.0 {
        return short;
    }
    let k = short.digits.len() as i32;
    let power = short.point - k;
    let Some(other) = [-1, 1]
        .into_iter()
        .filter_map(|delta| step_last_digit(&short.digits, delta))
        .find(|candidate| candidate.parse().is_ok_and(|d| round_trips(x, d, power)))
    else {
        return short;
    };
    let (lower, upper) = if other < short.digits {
        (other, short.digits)
    } else {
        (short.digits, other)
    };
    let Ok(lower_value) = lower.parse::<u64>() else {
        return Decimal::new(&upper, short.point);
    };
    // The midpoint of the two candidates is (2·lower + 1) / 2 · 10^power; compare 2·x with it.
    let (mantissa, exponent) = binary_parts(x);
    let digits = match compare_scaled(mantissa, exponent + 1, 2 * lower_value + 1, power) {
        Ordering::Greater => upper,
        Ordering::Less => lower,
        Ordering::Equal if (lower_value % 2) == 0 => lower,
        Ordering::Equal => upper,
    };
    Decimal::new(&digits, short.point)
}

/// `x` (finite, positive) as mantissa · 2^exponent.
fn binary_parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// Whether `digits` · 10^`power` reads back as `x` (finite, positive) under round-half-even:
/// it must lie between the midpoints to `x`'s neighbours (on one only if `x`'s mantissa is
/// even). Exact arithmetic, so no float parser is linked into the wasm.
fn round_trips(x: f64, digits: u64, power: i32) -> bool {
    let (mantissa, exponent) = binary_parts(x);
    let even = mantissa % 2 == 0;
    // Below the smallest normal mantissa of a binade the lower neighbour is twice as close.
    let (low, low_twos) = if mantissa == 1 << 52 && exponent > -1074 {
        (4 * mantissa - 1, exponent - 2)
    } else {
        (2 * mantissa - 1, exponent - 1)
    };
    let above_low = match compare_scaled(low, low_twos, digits, power) {
        Ordering::Less => true,
        Ordering::Equal => even,
        Ordering::Greater => false,
    };
    let below_high = match compare_scaled(2 * mantissa + 1, exponent - 1, digits, power) {
        Ordering::Greater => true,
        Ordering::Equal => even,
        Ordering::Less => false,
    };
    above_low && below_high
}

/// Compares `a` · 2^`twos` with `b` · 10^`tens` exactly.
fn compare_scaled(a: u64, twos: i32, b: u64, tens: i32) -> Ordering {
    let (mut lhs, mut rhs) = (BigNat::from(a), BigNat::from(b));
    // Move negative exponents to the other side.
    if twos >= 0 {
        lhs.shift_left(twos as u32);
    } else {
        rhs.shift_left(twos.unsigned_abs());
    }
    let scaled = if tens >= 0 { &mut rhs } else { &mut lhs };
    for _ in 0..tens.unsigned_abs() {
        scaled.multiply(10);
    }
    lhs.cmp(&rhs)
}

/// Just enough of a big natural number for `compare_scaled` (limbs little-endian).
#[derive(PartialEq, Eq)]
struct BigNat(Vec<u32>);

impl BigNat {
    fn from(value: u64) -> BigNat {
        BigNat(vec![value as u32, (value >> 32) as u32])
    }

    fn multiply(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = *limb as u64 * factor as u64 + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn shift_left(&mut self, bits: u32) {
        let (limbs, rest) = ((bits / 32) as usize, bits % 32);
        if rest > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let shifted = ((*limb as u64) << rest) | carry as u64;
                *limb = shifted as u32;
                carry = (shifted >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn significant(&self) -> &[u32] {
        let end = self
            .0
            .iter()
            .rposition(|&limb| limb != 0)
            .map_or(0, |i| i + 1);
        &self.0[..end]
    }
}

impl PartialOrd for BigNat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigNat {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.significant(), other.significant());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

/// `digits` with its last digit moved by ±1, if that keeps its length and leading digit.
fn step_last_digit(digits: &str, delta: i32) -> Option<String> {
    let mut bytes = digits.as_bytes().to_vec();
    let last = bytes.len() - 1;
    let stepped = (bytes[last] - b'0') as i32 + delta;
    if !(0..=9).contains(&stepped) || (last == 0 && stepped == 0) {
        return None;
    }
    bytes[last] = b'0' + stepped as u8;
    String::from_utf8(bytes).ok()
}

/// The decimal with the fewest significant digits that `round` maps to the same bits as
/// `x`: `x` rounded to 1, 2, … significant digits until one round-trips (a half float
/// needs at most 5, bfloat16 at most 4).
fn shortest_round_trip(x: f64, round: impl Fn(f64) -> u16) -> String {
    let bits = round(x);
    let magnitude = x.abs();
    if magnitude == 0.0 {
        return "0".into();
    }
    let leading = magnitude.log10().floor() as i32;
    for digits in 1..=17 {
        let scale = digits - 1 - leading;
        let rounded = (magnitude * 10f64.powi(scale)).round();
        // Within a few f64 ulps of the decimal: far finer than a half float's rounding.
        let value = if scale >= 0 {
            rounded / 10f64.powi(scale)
        } else {
            rounded * 10f64.powi(-scale)
        };
        if round(value.copysign(x)) == bits {
            let text = (rounded as u64).to_string();
            let decimal = Decimal::new(&text, text.len() as i32 - scale);
            return js_layout(x < 0.0, &decimal);
        }
    }
    format_scalar(Scalar::Float(x))
}

#[cfg(test)]
mod tests {
    use crate::core::{DType, Scalar, Tensor};

    #[test]
    fn zero_d_and_floats_print_like_javascript() {
        let t = Tensor::from_elements(&[], &[1.5f64]).unwrap();
        assert_eq!(t.to_string(), "ExTensor(1.5, dtype=float64)");
        let t = Tensor::from_elements(&[3], &[f32::NAN, f32::NEG_INFINITY, 2.0]).unwrap();
        assert_eq!(
            t.to_string(),
            "ExTensor([NaN, -Infinity, 2], dtype=float32)"
        );
    }

    #[test]
    fn very_small_and_very_large_numbers_use_javascripts_exponent_form() {
        let values = [1e-7, 1.5e-7, 0.000001, 1e20, 1e21, -2.5e22, 0.0];
        let t = Tensor::from_elements(&[7], &values).unwrap();
        assert_eq!(
            t.to_string(),
            "ExTensor([1e-7, 1.5e-7, 0.000001, 100000000000000000000, 1e+21, -2.5e+22, 0], dtype=float64)"
        );
        let t = Tensor::from_elements(&[2], &[1e-7f32, 3e38f32]).unwrap();
        assert_eq!(t.to_string(), "ExTensor([1e-7, 3e+38], dtype=float32)");
    }

    #[test]
    fn half_floats_print_the_shortest_text_that_round_trips() {
        let values = [0.1, 1.0 / 3.0, 65504.0, 6e-8, -2.5, 1e-4];
        let t = Tensor::from_scalars(&[6], DType::Float16, values.map(Scalar::Float).into_iter())
            .unwrap();
        assert_eq!(
            t.to_string(),
            "ExTensor([0.1, 0.3333, 65500, 6e-8, -2.5, 0.0001], dtype=float16)"
        );
        let t = Tensor::from_scalars(
            &[2],
            DType::BFloat16,
            [0.1, 3.0].map(Scalar::Float).into_iter(),
        )
        .unwrap();
        assert_eq!(t.to_string(), "ExTensor([0.1, 3], dtype=bfloat16)");
    }
}
