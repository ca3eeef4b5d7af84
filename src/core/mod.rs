//! The pure Rust core: storage, layout, views, dtypes. Knows nothing of JavaScript.

mod dtype;
mod error;
mod format;
mod index;
mod layout;
mod memory;
mod storage;
mod tensor;

pub use dtype::{DType, Element, Scalar};
pub use error::{Error, Result};
pub use format::format_scalar;
pub use index::IndexItem;
pub use layout::{checked_size, normalize_axes, Layout, Offsets};
pub use memory::{memory_stats, MemoryStats};
pub use storage::Storage;
pub use tensor::Tensor;
