//! What an elementwise kernel reads ([`Operand`]: a slice or one repeated value) and the
//! generic loops over it that every scalar path shares.

use std::mem::MaybeUninit;

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
pub fn map2<A: Copy, O: Copy>(
    a: Operand<A>,
    b: Operand<A>,
    out: &mut [MaybeUninit<O>],
    f: impl Fn(A, A) -> O,
) {
    match (a, b) {
        (Operand::Slice(x), Operand::Slice(y)) => {
            for ((o, &x), &y) in out.iter_mut().zip(x).zip(y) {
                o.write(f(x, y));
            }
        }
        (Operand::Slice(x), Operand::Scalar(y)) => {
            for (o, &x) in out.iter_mut().zip(x) {
                o.write(f(x, y));
            }
        }
        (Operand::Scalar(x), Operand::Slice(y)) => {
            for (o, &y) in out.iter_mut().zip(y) {
                o.write(f(x, y));
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => {
            let v = f(x, y);
            for o in out.iter_mut() {
                o.write(v);
            }
        }
    }
}

/// Applies `f` elementwise to one operand.
#[inline(always)]
pub fn map1<A: Copy, O: Copy>(a: Operand<A>, out: &mut [MaybeUninit<O>], f: impl Fn(A) -> O) {
    match a {
        Operand::Slice(x) => {
            for (o, &x) in out.iter_mut().zip(x) {
                o.write(f(x));
            }
        }
        Operand::Scalar(x) => {
            let v = f(x);
            for o in out.iter_mut() {
                o.write(v);
            }
        }
    }
}

/// Runs an elementwise kernel into a new vector: the unit tests' way to call one.
#[cfg(test)]
pub(crate) fn collect<O: Copy + Default>(
    n: usize,
    kernel: impl FnOnce(&mut [MaybeUninit<O>]),
) -> Vec<O> {
    let mut out = vec![MaybeUninit::new(O::default()); n];
    kernel(&mut out);
    // SAFETY: every element was initialised by `vec!` above; the kernel only overwrote them
    // with `MaybeUninit::write`, which keeps them initialised.
    out.into_iter()
        .map(|v| unsafe { v.assume_init() })
        .collect()
}
