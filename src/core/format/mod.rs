//! `toString()`: `ExTensor([[0, 1], [2, 3]], dtype=int32)`, summarised NumPy-style above
//! 1000 elements (the first and last 3 along each axis around `...`).

mod number;

pub use number::{format_element, format_scalar};

use super::tensor::Tensor;

/// Above this many elements the text is summarised (NumPy's `threshold`).
pub const SUMMARY_THRESHOLD: usize = 1000;
/// Items kept at each end of a summarised axis (NumPy's `edgeitems`).
pub const EDGE_ITEMS: usize = 3;

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
    use crate::core::{DType, Tensor};

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
