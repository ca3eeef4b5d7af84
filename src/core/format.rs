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
        Scalar::Float(x) => x.to_string(),
    }
}

/// Formats an element at its own precision: a float32 prints the shortest text that
/// round-trips as float32 (`0.1`, not `0.10000000149011612`).
pub fn format_element(dtype: DType, s: Scalar) -> String {
    match (dtype, s) {
        (DType::Float32 | DType::Float16 | DType::BFloat16, Scalar::Float(x)) if x.is_finite() => {
            let short = match dtype {
                DType::Float16 => half::f16::from_f64(x).to_f32(),
                DType::BFloat16 => half::bf16::from_f64(x).to_f32(),
                _ => x as f32,
            };
            short.to_string()
        }
        _ => format_scalar(s),
    }
}

impl std::fmt::Display for Tensor {
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let t = Tensor::arange(0.0, 4.0, 1.0, DType::Int32).unwrap().reshape(&[2, 2]).unwrap();
    /// assert_eq!(t.to_string(), "ExTensor([[0, 1], [2, 3]], dtype=int32)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
    use crate::core::{DType, Tensor};

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
