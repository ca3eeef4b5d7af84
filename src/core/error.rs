//! The one error type of the core, candle-style: what kind of error (its stable code), in
//! which operation (a field, so a shared step's error can be attributed to the operation the
//! user called without editing text), and a message naming the values that were wrong.
//! [`Error::code`] is what the JS binding exposes as `ExTensorError.code`.

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// The kinds of error, one per stable code (and one for ExTensor's own bugs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A shape that is not valid on its own (negative, fractional, too large, two `-1`s).
    InvalidShape,
    /// Shapes that do not fit together (reshape sizes, broadcasting, assignment).
    ShapeMismatch,
    /// An index or slice item outside its axis, or more indices than axes.
    IndexOutOfBounds,
    /// Any other bad argument: an axis, a step of 0, a malformed slice string.
    InvalidArgument,
    /// An unknown dtype name, or a dtype an operation does not support.
    DType,
    /// A write to a read-only (broadcast) view.
    ReadOnly,
    /// The allocator could not provide the requested bytes.
    OutOfMemory,
    /// An invariant of ExTensor itself broke: a bug, never the caller's doing. The contract
    /// has no code for it, so JS sees `INVALID_ARGUMENT`, with a message that says so.
    Internal,
}

impl ErrorKind {
    /// The kinds with a code of their own in the contract (all but `Internal`).
    pub const CONTRACT: [ErrorKind; 7] = [
        ErrorKind::InvalidShape,
        ErrorKind::ShapeMismatch,
        ErrorKind::IndexOutOfBounds,
        ErrorKind::InvalidArgument,
        ErrorKind::DType,
        ErrorKind::ReadOnly,
        ErrorKind::OutOfMemory,
    ];

    /// The stable code JavaScript sees as `ExTensorError.code` (the JS layer's
    /// `ERROR_CODES` is tested equal to the codes of [`ErrorKind::CONTRACT`], plus `FREED`).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidShape => "INVALID_SHAPE",
            ErrorKind::ShapeMismatch => "SHAPE_MISMATCH",
            ErrorKind::IndexOutOfBounds => "INDEX_OUT_OF_BOUNDS",
            ErrorKind::InvalidArgument | ErrorKind::Internal => "INVALID_ARGUMENT",
            ErrorKind::DType => "DTYPE",
            ErrorKind::ReadOnly => "READ_ONLY",
            ErrorKind::OutOfMemory => "OUT_OF_MEMORY",
        }
    }
}

/// An error from any tensor operation.
///
/// ```
/// use extensor::core::{DType, ErrorKind, Tensor};
/// let t = Tensor::zeros(&[2, 3], DType::Float32).unwrap();
/// let err = t.reshape(&[4, 2]).unwrap_err();
/// assert_eq!((err.kind(), err.code(), err.op()), (ErrorKind::ShapeMismatch, "SHAPE_MISMATCH", "reshape"));
/// assert_eq!(err.to_string(), "reshape: cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{op}: {message}")]
pub struct Error {
    kind: ErrorKind,
    op: String,
    message: String,
}

impl Error {
    /// An error of `kind` in `op`.
    pub fn new(kind: ErrorKind, op: &str, message: impl Into<String>) -> Error {
        Error {
            kind,
            op: op.to_string(),
            message: message.into(),
        }
    }

    /// An [`ErrorKind::Internal`] error in `op`: `what` names the invariant that broke.
    ///
    /// ```
    /// let e = extensor::core::Error::internal("add", "operand count");
    /// assert_eq!(e.to_string(), "add: internal error (operand count); this is a bug in ExTensor, please report it");
    /// ```
    pub fn internal(op: &str, what: &str) -> Error {
        Error::new(
            ErrorKind::Internal,
            op,
            format!("internal error ({what}); this is a bug in ExTensor, please report it"),
        )
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The operation it happened in.
    pub fn op(&self) -> &str {
        &self.op
    }

    /// What was wrong, without the operation.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error attributed to `op` when it was raised by a shared internal step
    /// (`shape` validation or `alloc`), so messages name the operation the user called.
    ///
    /// ```
    /// use extensor::core::{Error, ErrorKind};
    /// let e = Error::new(ErrorKind::OutOfMemory, "alloc", "cannot allocate 8 bytes").in_op("zeros");
    /// assert_eq!(e.to_string(), "zeros: cannot allocate 8 bytes");
    /// ```
    pub fn in_op(self, op: &str) -> Error {
        if matches!(&*self.op, "shape" | "alloc") {
            Error {
                op: op.to_string(),
                ..self
            }
        } else {
            self
        }
    }

    /// The stable code that JavaScript sees as `ExTensorError.code`.
    ///
    /// ```
    /// use extensor::core::{Error, ErrorKind};
    /// assert_eq!(Error::new(ErrorKind::ReadOnly, "fill", "x").code(), "READ_ONLY");
    /// ```
    pub fn code(&self) -> &'static str {
        self.kind.code()
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
    fn contract_kinds_have_distinct_codes_and_internal_errors_use_one_of_them() {
        let codes: Vec<&str> = ErrorKind::CONTRACT.iter().map(|k| k.code()).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        assert!(codes.contains(&Error::internal("x", "y").code()));
    }
}
