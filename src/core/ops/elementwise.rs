//! Elementwise ops: binary arithmetic, comparisons, unary functions, `where`.

use super::{compute_dtype, unsupported, with_numeric_type};
use crate::core::dtype::{DType, Element, Scalar};
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::kernels::binary::compare;
use crate::core::kernels::{map2, Arith, BinaryOp, CompareOp, Operand, UnaryOp, VecOps};
use crate::core::layout::Layout;
use crate::core::parallel;
use crate::core::promote::{
    check_weak, float_result, result_type, weak_int_fits, weak_result_type,
};
use crate::core::strided::{for_each_block, Access};
use crate::core::tensor::Tensor;
use crate::with_element_type;
use std::mem::MaybeUninit;

/// The other operand of a binary op: a tensor, or a weak scalar (a JS number).
#[derive(Clone, Copy, Debug)]
pub enum Rhs<'a> {
    /// A tensor: promotes as a strong dtype.
    Tensor(&'a Tensor),
    /// A weak scalar: never widens the tensor's dtype (NEP 50).
    Scalar(Scalar),
}

/// One input of an elementwise op.
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    Tensor(&'a Tensor),
    Scalar(Scalar),
}

impl<'a> From<Rhs<'a>> for Input<'a> {
    fn from(r: Rhs<'a>) -> Self {
        match r {
            Rhs::Tensor(t) => Input::Tensor(t),
            Rhs::Scalar(s) => Input::Scalar(s),
        }
    }
}

/// NumPy's broadcast of several shapes.
///
/// ```
/// use extensor::core::broadcast_shapes;
/// assert_eq!(broadcast_shapes("add", &[&[5, 1, 4], &[3, 1]]).unwrap(), vec![5, 3, 4]);
/// assert_eq!(broadcast_shapes("add", &[&[2], &[3]]).unwrap_err().code(), "SHAPE_MISMATCH");
/// ```
pub fn broadcast_shapes(op: &str, shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for shape in shapes {
        let lead = ndim - shape.len();
        for (axis, &d) in shape.iter().enumerate() {
            let o = &mut out[lead + axis];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let all: Vec<String> = shapes.iter().map(|s| fmt_dims(s)).collect();
                return Err(Error::new(
                    ErrorKind::ShapeMismatch,
                    op,
                    format!("shapes {} cannot be broadcast together", all.join(" and ")),
                ));
            }
        }
    }
    Ok(out)
}

/// Elements per kernel call: bounds the scratch of converted or gathered inputs.
const CHUNK: usize = 8192;

/// Broadcasts the inputs, allocates the output, and calls `kernel` on every chunk of
/// every block with one operand per input, in compute type `C`, writing `O`.
pub(crate) fn zip_map<C: Element, O: Element>(
    op: &str,
    inputs: &[Input],
    kernel: impl Fn(&[Operand<C>], &mut [MaybeUninit<O>]) + Sync + Send,
) -> Result<Tensor> {
    let tensors: Vec<&Tensor> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Tensor(t) => Some(*t),
            Input::Scalar(_) => None,
        })
        .collect();
    let slots = Slots::of(inputs);
    if let Some(out) = zip_map_contiguous(op, &slots, &tensors, &kernel) {
        return out;
    }
    let shapes: Vec<&[usize]> = tensors.iter().map(|t| t.shape()).collect();
    let shape = broadcast_shapes(op, &shapes)?;
    let layouts: Vec<Layout> = tensors
        .iter()
        .map(|t| t.layout().broadcast_to(&shape))
        .collect::<Result<_>>()?;
    Tensor::fresh_output_uninit::<O>(&shape, |out| {
        #[cfg(feature = "threads")]
        if let Some(done) =
            zip_map_in_row_pieces(op, &slots, &tensors, &shape, &layouts, &kernel, out)
        {
            return done;
        }
        let layout_refs: Vec<&Layout> = layouts.iter().collect();
        zip_blocks(
            op,
            &slots,
            &shape,
            &layout_refs,
            &TensorSources(&tensors),
            &kernel,
            out,
        )
    })
}

/// Where the general path reads tensor input `k`'s chunk at `access`: the tensors
/// themselves (converting, gathering), or, on the thread pool, their storages as slices.
trait BlockSource<C: Element> {
    fn operand<'a>(
        &'a self,
        k: usize,
        access: Access,
        n: usize,
        scratch: &'a mut Vec<C>,
    ) -> Result<Operand<'a, C>>;
}

struct TensorSources<'t>(&'t [&'t Tensor]);

impl<C: Element> BlockSource<C> for TensorSources<'_> {
    fn operand<'a>(
        &'a self,
        k: usize,
        access: Access,
        n: usize,
        scratch: &'a mut Vec<C>,
    ) -> Result<Operand<'a, C>> {
        let tensor = self
            .0
            .get(k)
            .ok_or_else(|| Error::internal("elementwise", "operand count"))?;
        tensor.block_operand(access, n, scratch)
    }
}

/// Storages already in the compute type, read as plain slices: what may cross threads.
#[cfg(feature = "threads")]
struct SliceSources<'s, C>(Vec<&'s [C]>);

#[cfg(feature = "threads")]
impl<C: Element> BlockSource<C> for SliceSources<'_, C> {
    fn operand<'a>(
        &'a self,
        k: usize,
        access: Access,
        n: usize,
        scratch: &'a mut Vec<C>,
    ) -> Result<Operand<'a, C>> {
        let out_of_range = || Error::internal("elementwise", "block outside its storage");
        let all = self.0.get(k).ok_or_else(out_of_range)?;
        match access {
            Access::Unit(start) => all
                .get(start..start + n)
                .map(Operand::Slice)
                .ok_or_else(out_of_range),
            Access::Repeat(at) => all
                .get(at)
                .map(|&v| Operand::Scalar(v))
                .ok_or_else(out_of_range),
            Access::Step(..) => {
                scratch.clear();
                scratch.try_reserve(n).map_err(|_| {
                    crate::core::memory::out_of_memory("alloc", || {
                        format!("cannot allocate a block of {n} elements")
                    })
                })?;
                for i in 0..n {
                    scratch.push(*all.get(access.element(i)).ok_or_else(out_of_range)?);
                }
                Ok(Operand::Slice(scratch))
            }
        }
    }
}

/// The general path's loop for `out` laid out as `shape` (C order): `kernel` on every chunk
/// of every block, one operand per input.
fn zip_blocks<C: Element, O: Element>(
    op: &str,
    slots: &Slots,
    shape: &[usize],
    layouts: &[&Layout],
    sources: &impl BlockSource<C>,
    kernel: &impl Fn(&[Operand<C>], &mut [MaybeUninit<O>]),
    out: &mut [MaybeUninit<O>],
) -> Result<()> {
    let mut scratch: Vec<Vec<C>> = layouts.iter().map(|_| Vec::new()).collect();
    for_each_block(shape, layouts, |start, len, accesses| {
        let mut done = 0;
        while done < len {
            let n = CHUNK.min(len - done);
            let chunks = accesses.iter().zip(scratch.iter_mut()).enumerate();
            let operands = operands_of(
                slots,
                chunks.map(|(k, (access, sc))| sources.operand(k, access.advance(done), n, sc)),
            )?;
            // Kernels write one element per output slot and read operand i; a slice
            // shorter than the chunk would leave slots unwritten, so refuse it.
            let complete = operands.iter().all(|o| match o {
                Operand::Slice(s) => s.len() == n,
                Operand::Scalar(_) => true,
            });
            match out.get_mut(start + done..start + done + n) {
                Some(dst) if complete => kernel(&operands, dst),
                _ => return Err(Error::internal(op, "block out of range")),
            }
            done += n;
        }
        Ok(())
    })
}

/// [`zip_map`]'s general path (broadcast, strided) cut into pieces of whole rows of axis 0
/// that may run on the thread pool, when the output is large and floating-point, and every tensor input is
/// already in the compute type, so its storage is read as a slice (a `Tensor` may not cross
/// threads). Elementwise kernels give each element the same value in any block or piece,
/// so the bits are the sequential path's. None when it does not apply.
#[cfg(feature = "threads")]
fn zip_map_in_row_pieces<C: Element, O: Element>(
    op: &str,
    slots: &Slots,
    tensors: &[&Tensor],
    shape: &[usize],
    layouts: &[Layout],
    kernel: &(impl Fn(&[Operand<C>], &mut [MaybeUninit<O>]) + Sync + Send),
    out: &mut [MaybeUninit<O>],
) -> Option<Result<()>> {
    // Float outputs only (bias adds, scalings, activations of views): a compile-time test,
    // so the other dtypes' ops carry no second copy of the block loop (the .wasm's size).
    if !matches!(O::DTYPE, DType::Float32 | DType::Float64) {
        return None;
    }
    let size = out.len();
    let rows = *shape.first()?;
    if rows < 2 || size < parallel::MIN_PARALLEL_ELEMENTS || parallel::threads() < 2 {
        return None;
    }
    let sources = SliceSources(
        tensors
            .iter()
            .map(|t| t.borrow_storage::<C>())
            .collect::<Option<_>>()?,
    );
    let row_size = size / rows;
    let rows_per_piece = (parallel::ELEMENTWISE_PIECE / row_size).max(1);
    Some(parallel::try_for_each_piece(
        out,
        rows_per_piece * row_size,
        size,
        |start, piece| {
            let (first, count) = (start / row_size, piece.len() / row_size);
            let piece_layouts: Vec<Layout> = layouts.iter().map(|l| l.rows(first, count)).collect();
            let refs: Vec<&Layout> = piece_layouts.iter().collect();
            let mut piece_shape = shape.to_vec();
            piece_shape[0] = count;
            zip_blocks(op, slots, &piece_shape, &refs, &sources, kernel, piece)
        },
    ))
}

/// The most inputs an elementwise op has (`where`: condition and two values).
const MAX_INPUTS: usize = 3;

/// The operands of one chunk, held inline: no allocation per block.
struct Operands<'s, C> {
    items: [Operand<'s, C>; MAX_INPUTS],
    len: usize,
}

impl<'s, C> std::ops::Deref for Operands<'s, C> {
    type Target = [Operand<'s, C>];
    fn deref(&self) -> &Self::Target {
        &self.items[..self.len]
    }
}

/// Each input's scalar, or None where the input is a tensor: all the kernels' pieces need
/// of the inputs (a `Tensor` may not cross threads). Held inline, no allocation.
#[derive(Clone, Copy)]
struct Slots {
    items: [Option<Scalar>; MAX_INPUTS],
    /// How many inputs the op was given (more than [`MAX_INPUTS`] is an internal error).
    given: usize,
}

impl Slots {
    fn of(inputs: &[Input]) -> Slots {
        let mut slots = Slots {
            items: [None; MAX_INPUTS],
            given: inputs.len(),
        };
        for (slot, input) in slots.items.iter_mut().zip(inputs) {
            *slot = match input {
                Input::Scalar(s) => Some(*s),
                Input::Tensor(_) => None,
            };
        }
        slots
    }
}

/// One operand per input, in order: scalars as they are, tensors from `blocks` (one item
/// per tensor input, in order).
fn operands_of<'s, C: Element>(
    slots: &Slots,
    mut blocks: impl Iterator<Item = Result<Operand<'s, C>>>,
) -> Result<Operands<'s, C>> {
    let mut operands = Operands {
        items: [Operand::Scalar(C::default()); MAX_INPUTS],
        len: 0,
    };
    for (slot, input) in operands
        .items
        .iter_mut()
        .zip(&slots.items[..slots.given.min(MAX_INPUTS)])
    {
        *slot = match input {
            Some(s) => Operand::Scalar(C::from_scalar(*s)),
            None => blocks
                .next()
                .unwrap_or_else(|| Err(Error::internal("elementwise", "operand count")))?,
        };
        operands.len += 1;
    }
    if operands.len != slots.given {
        return Err(Error::internal("elementwise", "too many inputs"));
    }
    Ok(operands)
}

/// The common case without the block machinery: every tensor input is C-contiguous with
/// one shape, so chunk `i` of the output reads chunk `i` of each input. None otherwise.
fn zip_map_contiguous<C: Element, O: Element>(
    op: &str,
    slots: &Slots,
    tensors: &[&Tensor],
    kernel: &(impl Fn(&[Operand<C>], &mut [MaybeUninit<O>]) + Sync + Send),
) -> Option<Result<Tensor>> {
    let first = tensors.first()?;
    let shape = first.shape();
    if !tensors
        .iter()
        .all(|t| t.is_contiguous() && t.shape() == shape)
    {
        return None;
    }
    let size = first.size();
    // Inputs already in the compute type are borrowed, not copied: one kernel call then
    // covers everything. Converted inputs go through chunk-sized scratch.
    let borrowed = tensors
        .iter()
        .all(|t| t.dtype() == C::DTYPE && C::DTYPE != DType::Bool);
    if borrowed {
        return Some(Tensor::fresh_output_uninit::<O>(shape, |out| {
            zip_map_borrowed(op, slots, tensors, kernel, out)
        }));
    }
    let chunk = CHUNK;
    Some(Tensor::fresh_output_uninit::<O>(shape, |out| {
        let mut scratch: Vec<Vec<C>> = tensors.iter().map(|_| Vec::new()).collect();
        let mut done = 0;
        while done < size {
            let n = chunk.min(size - done);
            let sources = tensors.iter().zip(scratch.iter_mut());
            let operands = operands_of(
                slots,
                sources.map(|(t, sc)| t.block_operand(Access::Unit(t.offset() + done), n, sc)),
            )?;
            let dst = out
                .get_mut(done..done + n)
                .ok_or_else(|| Error::internal(op, "chunk out of range"))?;
            kernel(&operands, dst);
            done += n;
        }
        Ok(())
    }))
}

/// [`zip_map_contiguous`] when every tensor input is already in the compute type: the
/// inputs are borrowed whole, and the output is cut into [`parallel::ELEMENTWISE_PIECE`]
/// pieces that may run on the thread pool, each reading the same range of every input
/// (elementwise kernels give each element the same value in any piece).
fn zip_map_borrowed<C: Element, O: Element>(
    op: &str,
    slots: &Slots,
    tensors: &[&Tensor],
    kernel: &(impl Fn(&[Operand<C>], &mut [MaybeUninit<O>]) + Sync + Send),
    out: &mut [MaybeUninit<O>],
) -> Result<()> {
    let size = out.len();
    let mut no_scratch: Vec<Vec<C>> = tensors.iter().map(|_| Vec::new()).collect();
    let whole = operands_of(
        slots,
        tensors
            .iter()
            .zip(no_scratch.iter_mut())
            .map(|(t, sc)| t.block_operand(Access::Unit(t.offset()), size, sc)),
    )?;
    if whole
        .iter()
        .any(|o| matches!(o, Operand::Slice(s) if s.len() != size))
    {
        return Err(Error::internal(op, "operand of the wrong length"));
    }
    // The inline operands are shared by the pieces as they are: no copy on the hot path.
    let whole: &[Operand<C>] = &whole;
    parallel::for_each_piece(out, parallel::ELEMENTWISE_PIECE, size, |start, dst| {
        let piece: Operands<C> = piece_of(whole, start, dst.len());
        kernel(&piece, dst);
    });
    Ok(())
}

/// Elements `start..start + len` of each operand (a scalar stays itself).
fn piece_of<'s, C: Copy + Default>(
    whole: &[Operand<'s, C>],
    start: usize,
    len: usize,
) -> Operands<'s, C> {
    let mut piece = Operands {
        items: [Operand::Scalar(C::default()); MAX_INPUTS],
        len: whole.len(),
    };
    for (slot, operand) in piece.items.iter_mut().zip(whole) {
        *slot = match operand {
            Operand::Slice(s) => Operand::Slice(&s[start..start + len]),
            Operand::Scalar(v) => Operand::Scalar(*v),
        };
    }
    piece
}

fn operand_pair<'a, C: Copy>(ops: &[Operand<'a, C>]) -> (Operand<'a, C>, Operand<'a, C>) {
    (ops[0], ops[1])
}

impl Tensor {
    /// Elementwise arithmetic with NumPy broadcasting and NEP 50 promotion.
    ///
    /// ```
    /// use extensor::core::{BinaryOp, DType, Rhs, Scalar, Tensor};
    /// let a = Tensor::arange(0.0, 3.0, 1.0, DType::Int32).unwrap();
    /// let b = a.binary(BinaryOp::Add, Rhs::Scalar(Scalar::Float(0.5))).unwrap();
    /// assert_eq!(b.dtype(), DType::Float64); // int + weak float -> float64
    /// assert_eq!(b.to_vec::<f64>().unwrap(), vec![0.5, 1.5, 2.5]);
    /// ```
    pub fn binary(&self, op: BinaryOp, rhs: Rhs) -> Result<Tensor> {
        let name = op.name();
        let mut result = match rhs {
            Rhs::Tensor(t) => result_type(self.dtype(), t.dtype()),
            Rhs::Scalar(s) => weak_result_type(self.dtype(), s),
        };
        if op == BinaryOp::Div && !result.is_float() {
            result = DType::Float64; // true division
        }
        if op.is_float_function() {
            result = float_result(result);
        }
        if result == DType::Bool && matches!(op, BinaryOp::Mod | BinaryOp::FloorDiv) {
            result = DType::Int8; // NumPy has no bool loop for these: bools act as int8
        }
        if let Rhs::Scalar(s) = rhs {
            check_weak(name, result, s)?;
        }
        let inputs = [Input::Tensor(self), Input::from(rhs)];
        if result == DType::Bool {
            let f: fn(bool, bool) -> bool = match op {
                BinaryOp::Add | BinaryOp::Maximum => |x, y| x | y,
                BinaryOp::Mul | BinaryOp::Minimum => |x, y| x & y,
                _ => {
                    return Err(Error::new(
                        ErrorKind::DType,
                        name,
                        "not supported for two bool operands; convert with astype first",
                    ))
                }
            };
            return zip_map::<bool, bool>(name, &inputs, |ops, out| {
                let (a, b) = operand_pair(ops);
                map2(a, b, out, f)
            });
        }
        let compute = compute_dtype(result);
        let out = with_numeric_type!(compute, name, T => {
            if op == BinaryOp::Pow && !compute.is_float() {
                self.check_no_negative_exponent::<T>(rhs)?;
            }
            zip_map::<T, T>(name, &inputs, |ops, out| {
                let (a, b) = operand_pair(ops);
                T::binary(op, a, b, out)
            })
        })?;
        finish(out, result)
    }

    /// `s <op> self` with a weak scalar on the left, as NumPy's `np.subtract(1, t)`:
    /// commutative ops swap their operands, and the others take `s` as a 0-d tensor of the
    /// dtype NEP 50 gives it beside `self` (an integer that dtype cannot hold is
    /// `INVALID_ARGUMENT`, as for `t.sub(s)`).
    ///
    /// ```
    /// use extensor::core::{BinaryOp, DType, Scalar, Tensor};
    /// let p = Tensor::from_elements(&[2], &[0.25f32, 1.0]).unwrap();
    /// let q = p.binary_scalar_first(BinaryOp::Sub, Scalar::Float(1.0)).unwrap();
    /// assert_eq!(q.dtype(), DType::Float32);
    /// assert_eq!(q.to_vec::<f32>().unwrap(), vec![0.75, 0.0]);
    /// ```
    pub fn binary_scalar_first(&self, op: BinaryOp, s: Scalar) -> Result<Tensor> {
        if matches!(
            op,
            BinaryOp::Add | BinaryOp::Mul | BinaryOp::Maximum | BinaryOp::Minimum
        ) {
            return self.binary(op, Rhs::Scalar(s));
        }
        let dtype = weak_result_type(self.dtype(), s);
        check_weak(op.name(), dtype, s)?;
        Tensor::full(&[], s, dtype)?.binary(op, Rhs::Tensor(self))
    }

    /// `s <op> self` for a comparison: the mirrored comparison (`s < t` is `t > s`).
    pub fn compare_scalar_first(&self, op: CompareOp, s: Scalar) -> Result<Tensor> {
        self.compare(op.mirrored(), Rhs::Scalar(s))
    }

    fn check_no_negative_exponent<T: Arith>(&self, rhs: Rhs) -> Result<()> {
        let negative = match rhs {
            Rhs::Scalar(s) => T::from_scalar(s).is_negative(),
            Rhs::Tensor(t) => t.to_vec::<T>()?.iter().any(|x| x.is_negative()),
        };
        if negative {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "pow",
                "integers to negative integer powers are not allowed",
            ));
        }
        Ok(())
    }

    /// Elementwise comparison, giving bool.
    pub fn compare(&self, op: CompareOp, rhs: Rhs) -> Result<Tensor> {
        let name = op.name();
        let compute = match rhs {
            Rhs::Tensor(t) => result_type(self.dtype(), t.dtype()),
            Rhs::Scalar(s) => {
                let r = weak_result_type(self.dtype(), s);
                // NumPy 2 compares out-of-range Python ints correctly: do it in float64.
                if !r.is_float() && r != DType::Bool && !weak_int_fits(r, s) {
                    DType::Float64
                } else {
                    r
                }
            }
        };
        let inputs = [Input::Tensor(self), Input::from(rhs)];
        with_element_type!(compute_dtype(compute), T => zip_map::<T, bool>(name, &inputs, |ops, out| {
            let (a, b) = operand_pair(ops);
            compare(op, a, b, out)
        }))
    }

    /// Elementwise unary function. Float functions (exp, log, …) of integers give NumPy's
    /// float dtype (int8 → float16, int16 → float32, wider → float64); floor, ceil and
    /// round leave integers unchanged.
    pub fn unary(&self, op: UnaryOp) -> Result<Tensor> {
        let name = op.name();
        let dtype = self.dtype();
        if !dtype.is_float() && op.is_integer_identity() {
            return self.deep_copy();
        }
        if dtype == DType::Bool {
            return match op {
                UnaryOp::Abs | UnaryOp::Square | UnaryOp::Relu => self.deep_copy(),
                // NumPy has no bool loop: bools act as int8 (1 / True is 1, 1 / False 0).
                UnaryOp::Reciprocal => self.astype(DType::Int8)?.unary(op),
                _ if op.is_float_function() => self.astype(float_result(dtype))?.unary(op),
                _ => Err(unsupported(name, dtype)),
            };
        }
        let result = if op.is_float_function() {
            float_result(dtype)
        } else {
            dtype
        };
        let compute = compute_dtype(result);
        let inputs = [Input::Tensor(self)];
        let out = with_numeric_type!(compute, name, T => zip_map::<T, T>(name, &inputs, |ops, out| T::unary(op, ops[0], out)))?;
        finish(out, result)
    }

    /// `where(cond, a, b)`: elements of `a` where `cond` is truthy, else of `b`; all three
    /// broadcast together; `a` and `b` promote like a binary op.
    pub fn where_(cond: &Tensor, a: Rhs, b: Rhs) -> Result<Tensor> {
        let result = match (a, b) {
            (Rhs::Tensor(x), Rhs::Tensor(y)) => result_type(x.dtype(), y.dtype()),
            (Rhs::Tensor(x), Rhs::Scalar(s)) | (Rhs::Scalar(s), Rhs::Tensor(x)) => {
                let result = weak_result_type(x.dtype(), s);
                check_weak("where", result, s)?;
                result
            }
            (Rhs::Scalar(x), Rhs::Scalar(y)) => {
                let float = crate::core::promote::weak_kind_is_float(x)
                    || crate::core::promote::weak_kind_is_float(y);
                if float {
                    DType::Float64
                } else {
                    DType::Int64
                }
            }
        };
        let truth;
        let cond = if cond.dtype() == DType::Bool {
            cond
        } else {
            truth = cond.astype(DType::Bool)?;
            &truth
        };
        let inputs = [Input::Tensor(cond), Input::from(a), Input::from(b)];
        let out = with_element_type!(compute_dtype(result), T => zip_map::<T, T>("where", &inputs, |ops, out| {
            let zero = T::from_scalar(Scalar::Bool(false));
            match (ops[0], ops[1], ops[2]) {
                // Three slices (the common case) as one plain loop LLVM vectorises.
                (Operand::Slice(c), Operand::Slice(x), Operand::Slice(y)) => {
                    for (((o, &c), &x), &y) in out.iter_mut().zip(c).zip(x).zip(y) {
                        o.write(if c != zero { x } else { y });
                    }
                }
                (c, x, y) => {
                    for (i, o) in out.iter_mut().enumerate() {
                        o.write(if c.at(i) != zero { x.at(i) } else { y.at(i) });
                    }
                }
            }
        }))?;
        finish(out, result)
    }
}

/// Rounds a result computed in f32 to its half-precision dtype.
fn finish(out: Tensor, result: DType) -> Result<Tensor> {
    if out.dtype() == result {
        Ok(out)
    } else {
        out.astype(result)
    }
}

#[cfg(test)]
mod tests {
    //! Small cases that Miri also runs: outputs start uninitialised, so any element a
    //! kernel failed to write would be an uninitialised read here.
    use super::*;

    fn arange(n: usize, dtype: DType) -> Tensor {
        Tensor::arange(0.0, n as f64, 1.0, dtype).unwrap()
    }

    #[test]
    fn broadcast_strided_and_mixed_inputs_fill_every_output_element() {
        let a = arange(6, DType::Int16)
            .reshape(&[2, 3])
            .unwrap()
            .transpose(None)
            .unwrap();
        let b = arange(2, DType::Float32);
        let c = a.binary(BinaryOp::Add, Rhs::Tensor(&b)).unwrap();
        assert_eq!(c.dtype(), DType::Float32);
        assert_eq!(
            c.to_vec::<f32>().unwrap(),
            vec![0.0, 4.0, 1.0, 5.0, 2.0, 6.0]
        );
        let d = a
            .compare(CompareOp::Greater, Rhs::Scalar(Scalar::Float(2.0)))
            .unwrap();
        assert_eq!(
            d.to_vec::<bool>().unwrap(),
            vec![false, true, false, true, false, true]
        );
        let e = b.unary(UnaryOp::Exp).unwrap();
        assert_eq!(e.to_vec::<f32>().unwrap()[0], 1.0);
        let f = Tensor::where_(&d, Rhs::Tensor(&a), Rhs::Scalar(Scalar::Float(-1.0))).unwrap();
        assert_eq!(f.to_vec::<i16>().unwrap(), vec![-1, 3, -1, 4, -1, 5]);
    }

    #[test]
    fn half_precision_computes_in_f32_and_rounds_once() {
        let h = arange(3, DType::Float16);
        let r = h
            .binary(BinaryOp::Mul, Rhs::Scalar(Scalar::Float(0.5)))
            .unwrap();
        assert_eq!(r.dtype(), DType::Float16);
        assert_eq!(r.to_vec::<f64>().unwrap(), vec![0.0, 0.5, 1.0]);
    }

    #[test]
    fn empty_and_zero_d_operands_work() {
        let e = Tensor::zeros(&[0, 3], DType::Float32).unwrap();
        assert_eq!(
            e.binary(BinaryOp::Add, Rhs::Scalar(Scalar::Float(1.0)))
                .unwrap()
                .shape(),
            &[0, 3]
        );
        let s = Tensor::from_elements(&[], &[2.0f64]).unwrap();
        let v = arange(3, DType::Float64)
            .binary(BinaryOp::Mul, Rhs::Tensor(&s))
            .unwrap();
        assert_eq!(v.to_vec::<f64>().unwrap(), vec![0.0, 2.0, 4.0]);
    }
}
