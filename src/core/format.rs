//! `toString()`: `ExTensor([[0, 1], [2, 3]], dtype=int32)`, summarised NumPy-style above
//! 1000 elements (the first and last 3 along each axis around `...`).

use super::dtype::{DType, Scalar};
use super::tensor::Tensor;

/// Above this many elements the text is summarised (NumPy's `threshold`).
pub const SUMMARY_THRESHOLD: usize = 1000;
/// Items kept at each end of a summarised axis (NumPy's `edgeitems`).
pub const EDGE_ITEMS: usize = 3;

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

/// Reads Rust's `{:e}` text of a non-negative finite number, e.g. `1.25e-3`.
fn decimal_of(scientific: &str) -> Decimal {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_end_matches('0');
    Decimal {
        digits: if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        },
        point: exponent.parse::<i32>().unwrap_or(0) + 1,
    }
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
/// takes the one nearer the exact value of `x`, the even one on a tie, so check the
/// neighbours of Rust's choice against the exact expansion.
fn shortest_f64(x: f64) -> Decimal {
    let short = decimal_of(&format!("{x:e}"));
    let round_trips = |digits: &str| format!("0.{digits}e{}", short.point).parse::<f64>() == Ok(x);
    let Some(other) = [-1, 1]
        .into_iter()
        .filter_map(|delta| step_last_digit(&short.digits, delta))
        .find(|candidate| round_trips(candidate))
    else {
        return short;
    };
    let k = short.digits.len();
    // Rust prints exact digits at any precision; 1100 covers every f64 (at most 767).
    let exact = decimal_of(&format!("{x:.1100e}"));
    let lower = short.digits.clone().min(other.clone());
    if exact.point != short.point || exact.digits.len() <= k || exact.digits[..k] != lower {
        return short;
    }
    let upper = short.digits.clone().max(other);
    let rest = &exact.digits[k..];
    let above_half = rest > "5";
    let exactly_half = rest == "5";
    let lower_is_even = (lower.as_bytes()[k - 1] - b'0') % 2 == 0;
    let digits = if above_half || (exactly_half && !lower_is_even) {
        upper
    } else {
        lower
    };
    Decimal {
        digits: digits.trim_end_matches('0').to_string(),
        point: short.point,
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
/// `x` (a half float has at most 5 significant decimal digits, so this ends quickly).
fn shortest_round_trip(x: f64, round: impl Fn(f64) -> u16) -> String {
    let bits = round(x);
    for digits in 1..=17 {
        let candidate: f64 = format!("{x:.*e}", digits - 1).parse().unwrap_or(x);
        if round(candidate) == bits {
            return format_scalar(Scalar::Float(candidate));
        }
    }
    format_scalar(Scalar::Float(x))
}

impl std::fmt::Display for Tensor {
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 4.0, 1.0, DType::Int32).unwrap().reshape(&[2, 2]).unwrap();
    /// assert_eq!(t.to_string(), "ExTensor([[0, 1], [2, 3]], dtype=int32)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.size() == 0 && self.ndim() > 1 {
            // "[]" alone would lose the shape, so NumPy names it: array([], shape=(0, 3), …).
            let dims: Vec<String> = self.shape().iter().map(|d| d.to_string()).collect();
            return write!(
                f,
                "ExTensor([], shape=[{}], dtype={})",
                dims.join(", "),
                self.dtype()
            );
        }
        let summarise = self.size() > SUMMARY_THRESHOLD;
        let mut body = String::new();
        write_axis(self, &mut Vec::new(), summarise, &mut body);
        write!(f, "ExTensor({body}, dtype={})", self.dtype())
    }
}

/// Writes the sub-tensor at `prefix` (indices of the leading axes) into `out`.
fn write_axis(t: &Tensor, prefix: &mut Vec<i64>, summarise: bool, out: &mut String) {
    let axis = prefix.len();
    if axis == t.ndim() {
        // The prefix is a full, in-range index by construction.
        let text = t
            .get(prefix)
            .map(|s| format_element(t.dtype(), s))
            .unwrap_or_else(|e| e.to_string());
        out.push_str(&text);
        return;
    }
    let n = t.shape()[axis];
    let positions: Vec<Option<usize>> = if summarise && n > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS)
            .map(Some)
            .chain(std::iter::once(None))
            .chain((n - EDGE_ITEMS..n).map(Some))
            .collect()
    } else {
        (0..n).map(Some).collect()
    };
    out.push('[');
    for (k, position) in positions.into_iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        match position {
            None => out.push_str("..."),
            Some(i) => {
                prefix.push(i as i64);
                write_axis(t, prefix, summarise, out);
                prefix.pop();
            }
        }
    }
    out.push(']');
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

    #[test]
    fn empty_tensors_name_their_shape_past_one_axis() {
        let t = Tensor::zeros(&[0, 3], DType::Float32).unwrap();
        assert_eq!(t.to_string(), "ExTensor([], shape=[0, 3], dtype=float32)");
        let t = Tensor::zeros(&[3, 0], DType::Int8).unwrap();
        assert_eq!(t.to_string(), "ExTensor([], shape=[3, 0], dtype=int8)");
        let t = Tensor::zeros(&[0], DType::Float32).unwrap();
        assert_eq!(t.to_string(), "ExTensor([], dtype=float32)");
    }

    #[test]
    fn large_tensors_are_summarised_with_edge_items() {
        let t = Tensor::arange(0.0, 2000.0, 1.0, DType::Int32)
            .unwrap()
            .reshape(&[2, 1000])
            .unwrap();
        assert_eq!(
            t.to_string(),
            "ExTensor([[0, 1, 2, ..., 997, 998, 999], [1000, 1001, 1002, ..., 1997, 1998, 1999]], dtype=int32)"
        );
    }
}
