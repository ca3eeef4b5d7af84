//! Deterministic data parallelism: work is cut at boundaries that depend only on the
//! problem's size, never on the number of threads, and partial results are combined in a
//! fixed order. So a result is the same, bit for bit, at every thread count — and in the
//! builds without the `threads` feature, which run the same pieces one after another.
//!
//! With the feature, the pieces run on rayon's global pool (the threaded wasm build builds
//! it from workers that share the instance's memory; natively it is rayon's default pool,
//! or one a test installs). Work below [`MIN_PARALLEL_ELEMENTS`] never leaves the calling
//! thread, so small ops pay nothing for the pool.
//!
//! Only plain slices cross threads: kernels read and write `&[T]` / `&mut [T]` borrowed
//! from tensors that the calling thread holds for the whole call, so no storage can be
//! freed (and no `Tensor`, which is `!Send`, is touched) while a piece runs.

use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};

/// Elements (or multiply-adds, for matmul) below which a loop stays on the calling thread.
pub const MIN_PARALLEL_ELEMENTS: usize = 1 << 16;

/// Elements per piece of an elementwise op: a multiple of every SIMD kernel's unrolled
/// width (16 f32), so pieces split no vector and every element takes the path it takes in
/// one whole-array call.
pub const ELEMENTWISE_PIECE: usize = 1 << 15;

/// The number of threads the pool runs (1 without the `threads` feature).
///
/// ```
/// assert!(extensor::core::parallel::threads() >= 1);
/// ```
pub fn threads() -> usize {
    #[cfg(feature = "threads")]
    {
        rayon::current_num_threads()
    }
    #[cfg(not(feature = "threads"))]
    {
        1
    }
}

/// Locks `mutex` without ever waiting in the engine: a thread that finds it held spins
/// until it is free. A browser's main thread may not block (`Atomics.wait` traps there), and
/// in the threaded wasm build a contended `Mutex::lock` would wait; every lock a parallel
/// kernel or the allocator's bookkeeping takes goes through here. A poisoned lock is taken
/// as it is: its data is a plain value no panic left half-written.
///
/// ```
/// use std::sync::Mutex;
/// let counter = Mutex::new(1);
/// *extensor::core::parallel::lock_spinning(&counter) += 1;
/// assert_eq!(*counter.lock().unwrap(), 2);
/// ```
pub fn lock_spinning<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    loop {
        match mutex.try_lock() {
            Ok(guard) => return guard,
            Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => std::hint::spin_loop(),
        }
    }
}

/// Whether `work` is worth sending to the pool.
fn worth_it(work: usize) -> bool {
    work >= MIN_PARALLEL_ELEMENTS && threads() > 1
}

/// Calls `f(start, piece)` for consecutive pieces of `out` of `piece` elements (the last
/// may be shorter), where `start` is the piece's first index. The pieces are the same
/// whatever the thread count; with the `threads` feature and enough work they run on the
/// pool, else in order on this thread.
///
/// ```
/// use extensor::core::parallel::for_each_piece;
/// let mut out = vec![0u32; 10];
/// for_each_piece(&mut out, 4, 10, |start, piece| {
///     for (i, o) in piece.iter_mut().enumerate() {
///         *o = (start + i) as u32 * 2;
///     }
/// });
/// assert_eq!(out, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
/// ```
pub fn for_each_piece<T: Send>(
    out: &mut [T],
    piece: usize,
    work: usize,
    f: impl Fn(usize, &mut [T]) + Sync + Send,
) {
    let piece = piece.max(1);
    #[cfg(feature = "threads")]
    if worth_it(work) && out.len() > piece {
        use rayon::prelude::*;
        out.par_chunks_mut(piece)
            .enumerate()
            .for_each(|(i, chunk)| f(i * piece, chunk));
        return;
    }
    let _ = work;
    for (i, chunk) in out.chunks_mut(piece).enumerate() {
        f(i * piece, chunk);
    }
}

/// [`for_each_piece`] for work that can fail: every piece runs, and the error returned is
/// the one of the first failing piece in order, so which error a call reports does not
/// depend on the thread count either.
///
/// ```
/// use extensor::core::parallel::try_for_each_piece;
/// let mut out = vec![0u8; 10];
/// let result = try_for_each_piece(&mut out, 3, 10, |start, _| if start >= 3 { Err(start) } else { Ok(()) });
/// assert_eq!(result, Err(3));
/// ```
pub fn try_for_each_piece<T: Send, E: Send>(
    out: &mut [T],
    piece: usize,
    work: usize,
    f: impl Fn(usize, &mut [T]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    let first: Mutex<Option<(usize, E)>> = Mutex::new(None);
    for_each_piece(out, piece, work, |start, chunk| {
        if let Err(e) = f(start, chunk) {
            let mut slot = lock_spinning(&first);
            if slot.as_ref().is_none_or(|(at, _)| start < *at) {
                *slot = Some((start, e));
            }
        }
    });
    match first.into_inner().unwrap_or_else(PoisonError::into_inner) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// Runs `a` and `b`, on two threads when `work` is worth it, and returns both results.
///
/// ```
/// use extensor::core::parallel::join;
/// assert_eq!(join(1 << 20, || 1 + 1, || "two"), (2, "two"));
/// ```
pub fn join<RA: Send, RB: Send>(
    work: usize,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    #[cfg(feature = "threads")]
    if worth_it(work) {
        return rayon::join(a, b);
    }
    let _ = work;
    (a(), b())
}

/// A pairwise sum split exactly where the sequential one splits: halves at
/// `(len / 2 / split) * split` until a half is below [`MIN_PARALLEL_ELEMENTS`], the halves
/// summed by `sum` (the sequential pairwise kernel, whose recursion uses the same `split`)
/// and added left + right. The tree, and so every rounding, is the sequential kernel's:
/// the result equals `sum(s)` bit for bit at any thread count.
///
/// ```
/// use extensor::core::kernels::pairwise::pairwise_sum_scalar;
/// use extensor::core::parallel::pairwise_sum;
/// let v: Vec<f64> = (0..300_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
/// let s = pairwise_sum(&v, 8, 128, &pairwise_sum_scalar, &|a, b| a + b);
/// assert_eq!(s.to_bits(), pairwise_sum_scalar(&v).to_bits());
/// ```
pub fn pairwise_sum<C: Copy + Send + Sync>(
    s: &[C],
    split: usize,
    block: usize,
    sum: &(impl Fn(&[C]) -> C + Sync),
    add: &(impl Fn(C, C) -> C + Sync),
) -> C {
    if s.len() <= block || !worth_it(s.len()) {
        return sum(s);
    }
    let mid = (s.len() / 2 / split) * split;
    let (left, right) = s.split_at(mid);
    let (l, r) = join(
        s.len(),
        || pairwise_sum(left, split, block, sum, add),
        || pairwise_sum(right, split, block, sum, add),
    );
    add(l, r)
}

/// Sorts `s` (unstably), on the pool when it is long. Callers sort items that are all
/// distinct (a key with its index), so the sorted order is the one order there is: the
/// same at any thread count.
///
/// ```
/// let mut v = vec![(3u64, 0u32), (1, 1), (2, 2)];
/// extensor::core::parallel::sort_unstable(&mut v);
/// assert_eq!(v, [(1, 1), (2, 2), (3, 0)]);
/// ```
pub fn sort_unstable<T: Ord + Send>(s: &mut [T]) {
    #[cfg(feature = "threads")]
    if worth_it(s.len()) {
        use rayon::slice::ParallelSliceMut;
        return s.par_sort_unstable();
    }
    s.sort_unstable();
}
