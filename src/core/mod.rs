//! The pure Rust core: storage, layout, views, dtypes. Knows nothing of JavaScript.

mod dtype;
mod error;
mod format;
mod index;
pub mod kernels;
mod layout;
mod memory;
mod npy;
mod npz;
mod ops;
pub mod parallel;
mod promote;
mod storage;
mod strided;
mod tensor;

pub use dtype::{DType, Element, Scalar};
pub use error::{Error, ErrorKind, Result};
pub use format::{format_element, format_scalar};
pub use index::IndexItem;
pub use kernels::{BinaryOp, CompareOp, LogicalOp, PredicateOp, ReduceOp, TruthOp, UnaryOp};
pub use layout::{checked_size, normalize_axes, Layout, Offsets, MAX_NDIM};
#[cfg(target_arch = "wasm32")]
pub(crate) use memory::out_of_memory;
pub use memory::{memory_stats, room_for, MemoryStats};
pub use npz::{from_npz, to_npz};
pub use ops::{broadcast_shapes, pad_widths, Index, NormOrder, PadMode, Rhs, Split, Tolerance};
pub use promote::{float_result, result_type, sum_dtype, weak_result_type};
pub use storage::{BytesPin, Storage};
pub use strided::{for_each_block, Access};
pub use tensor::Tensor;
