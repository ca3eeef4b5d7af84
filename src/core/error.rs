//! The one error type of the core. Every variant carries a message that names the
//! operation and the values that were wrong; [`Error::code`] is the stable code that the
//! JS binding exposes as `ExTensorError.code`.

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// An error from any tensor operation.
///
/// ```
/// use extensor::core::{DType, Tensor};
/// let t = Tensor::zeros(&[2, 3], DType::Float32).unwrap();
/// let err = t.reshape(&[4, 2]).unwrap_err();
/// assert_eq!(err.code(), "SHAPE_MISMATCH");
/// assert_eq!(err.to_string(), "reshape: cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A shape that is not valid on its own (negative, fractional, too large, two `-1`s).
    #[error("{0}")]
    InvalidShape(String),
    /// Shapes that do not fit together (reshape sizes, broadcasting, assignment).
    #[error("{0}")]
    ShapeMismatch(String),
    /// An index or slice item outside its axis, or more indices than axes.
    #[error("{0}")]
    IndexOutOfBounds(String),
    /// Any other bad argument: an axis, a step of 0, a malformed slice string.
    #[error("{0}")]
    InvalidArgument(String),
    /// An unknown dtype name, or a dtype an operation does not support.
    #[error("{0}")]
    DType(String),
    /// A write to a read-only (broadcast) view.
    #[error("{0}")]
    ReadOnly(String),
    /// The allocator could not provide the requested bytes.
    #[error("{0}")]
    OutOfMemory(String),
    /// An invariant of ExTensor itself broke: a bug, never the caller's doing. The contract
    /// has no code for it, so JS sees `INVALID_ARGUMENT`, with a message that says so.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// An [`Error::Internal`] in `op`: `what` names the invariant that broke.
    ///
    /// ```
    /// let e = extensor::core::Error::internal("add", "operand count");
    /// assert_eq!(e.to_string(), "add: internal error (operand count); this is a bug in ExTensor, please report it");
    /// ```
    pub fn internal(op: &str, what: &str) -> Error {
        Error::Internal(format!(
            "{op}: internal error ({what}); this is a bug in ExTensor, please report it"
        ))
    }

    /// The same error attributed to `op` when it was raised by a shared internal step
    /// (`shape:` validation or `alloc:`), so messages name the operation the user called.
    ///
    /// ```
    /// use extensor::core::Error;
    /// let e = Error::OutOfMemory("alloc: cannot allocate 8 bytes".into()).in_op("zeros");
    /// assert_eq!(e.to_string(), "zeros: cannot allocate 8 bytes");
    /// ```
    pub fn in_op(self, op: &str) -> Error {
        let rename = |m: String| match m.split_once(": ") {
            Some(("shape" | "alloc", rest)) => format!("{op}: {rest}"),
            _ => m,
        };
        match self {
            Error::InvalidShape(m) => Error::InvalidShape(rename(m)),
            Error::ShapeMismatch(m) => Error::ShapeMismatch(rename(m)),
            Error::IndexOutOfBounds(m) => Error::IndexOutOfBounds(rename(m)),
            Error::InvalidArgument(m) => Error::InvalidArgument(rename(m)),
            Error::DType(m) => Error::DType(rename(m)),
            Error::ReadOnly(m) => Error::ReadOnly(rename(m)),
            Error::OutOfMemory(m) => Error::OutOfMemory(rename(m)),
            Error::Internal(m) => Error::Internal(rename(m)),
        }
    }

    /// Every code [`Error::code`] can return (the JS layer's `ERROR_CODES` is tested equal).
    pub const CODES: [&'static str; 7] = [
        "INVALID_SHAPE",
        "SHAPE_MISMATCH",
        "INDEX_OUT_OF_BOUNDS",
        "INVALID_ARGUMENT",
        "DTYPE",
        "READ_ONLY",
        "OUT_OF_MEMORY",
    ];

    /// The stable code that JavaScript sees as `ExTensorError.code`.
    ///
    /// ```
    /// assert_eq!(extensor::core::Error::ReadOnly("x".into()).code(), "READ_ONLY");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidShape(_) => "INVALID_SHAPE",
            Error::ShapeMismatch(_) => "SHAPE_MISMATCH",
            Error::IndexOutOfBounds(_) => "INDEX_OUT_OF_BOUNDS",
            Error::InvalidArgument(_) | Error::Internal(_) => "INVALID_ARGUMENT",
            Error::DType(_) => "DTYPE",
            Error::ReadOnly(_) => "READ_ONLY",
            Error::OutOfMemory(_) => "OUT_OF_MEMORY",
        }
    }
}

/// A caller's text as a message quotes it: escaped, and cut to its first 40 characters, so
/// a megabyte-long argument does not make a megabyte-long message.
pub(crate) fn quoted(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
    }
}

/// Formats a shape the way every message shows it: `[2, 3]`.
pub(crate) fn fmt_dims<T: std::fmt::Display>(dims: &[T]) -> String {
    let parts: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_escaped_and_cut() {
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        let long = "x".repeat(1000);
        assert_eq!(quoted(&long), format!("{:?}…", "x".repeat(40)));
    }

    #[test]
    fn codes_lists_the_code_of_every_variant_once() {
        let all = [
            Error::InvalidShape(String::new()),
            Error::ShapeMismatch(String::new()),
            Error::IndexOutOfBounds(String::new()),
            Error::InvalidArgument(String::new()),
            Error::DType(String::new()),
            Error::ReadOnly(String::new()),
            Error::OutOfMemory(String::new()),
        ];
        let codes: Vec<&str> = all.iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
        assert!(Error::CODES.contains(&Error::internal("x", "y").code()));
    }
}
