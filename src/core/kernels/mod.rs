//! Compute kernels: one family per file, each with a scalar path that compiles everywhere
//! (and is what Miri checks) and a `simd128` path beside it for wasm32 builds with SIMD.
//! Kernels see contiguous slices and scalars only ([`Operand`]); the block splitter in
//! `strided.rs` feeds them. The dtype `match` happens once, in the tensor-level ops.

pub mod binary;
pub mod matmul;
pub mod reduce;
pub mod scalar;
pub mod unary;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;

pub use scalar::{Arith, Float};

/// One input of an elementwise kernel over a block: a slice of the block's length, or one
/// value repeated (a broadcast input or a JS scalar).
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a, T> {
    /// One value per output element.
    Slice(&'a [T]),
    /// The same value for every output element.
    Scalar(T),
}

impl<T: Copy> Operand<'_, T> {
    /// The value for output element `i`.
    #[inline(always)]
    pub fn at(&self, i: usize) -> T {
        match self {
            Operand::Slice(s) => s[i],
            Operand::Scalar(v) => *v,
        }
    }
}

/// Applies `f` elementwise: the generic loop that the scalar paths share. Each case is a
/// plain slice loop, which LLVM vectorises where the target allows.
#[inline(always)]
pub fn map2<A: Copy, O: Copy>(a: Operand<A>, b: Operand<A>, out: &mut [O], f: impl Fn(A, A) -> O) {
    match (a, b) {
        (Operand::Slice(x), Operand::Slice(y)) => {
            for ((o, &x), &y) in out.iter_mut().zip(x).zip(y) {
                *o = f(x, y);
            }
        }
        (Operand::Slice(x), Operand::Scalar(y)) => {
            for (o, &x) in out.iter_mut().zip(x) {
                *o = f(x, y);
            }
        }
        (Operand::Scalar(x), Operand::Slice(y)) => {
            for (o, &y) in out.iter_mut().zip(y) {
                *o = f(x, y);
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => {
            let v = f(x, y);
            for o in out.iter_mut() {
                *o = v;
            }
        }
    }
}

/// Applies `f` elementwise to one operand.
#[inline(always)]
pub fn map1<A: Copy, O: Copy>(a: Operand<A>, out: &mut [O], f: impl Fn(A) -> O) {
    match a {
        Operand::Slice(x) => {
            for (o, &x) in out.iter_mut().zip(x) {
                *o = f(x);
            }
        }
        Operand::Scalar(x) => {
            let v = f(x);
            for o in out.iter_mut() {
                *o = v;
            }
        }
    }
}
