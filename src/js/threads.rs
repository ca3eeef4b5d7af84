//! The threaded build's worker pool: rayon's global pool, built by the calling (main)
//! thread, which joins it (`use_current_thread`), and `workers` more threads that JS runs
//! in Web Workers or Node `worker_threads`, each on the same module and shared memory.
//!
//! Why our own builder and not wasm-bindgen-rayon: its worker script does not run in Node,
//! and its builder cannot set `use_current_thread`, without which a browser's main thread
//! does none of the work it waits for (README, "Threads").
//!
//! The hand-over: JS starts the workers first; each calls [`thread_pool_worker`], which
//! waits for a `rayon::ThreadBuilder`. Then the main thread calls [`thread_pool_build`]:
//! rayon's spawn handler queues one builder per worker and wakes them, and `build_global`
//! returns once every worker runs. The main thread never blocks on the queue's lock (a
//! browser's main thread may not `Atomics.wait`): it spins on `try_lock`; rayon's own
//! waits spin there through its `web_spin_lock` feature.
//!
//! The exports exist in every build, so the four builds' glues name the same functions; the
//! single-threaded builds report one thread and refuse to build a pool.

use super::convert::JsResult;
use wasm_bindgen::prelude::*;

#[cfg(feature = "threads")]
mod pool {
    use crate::core::parallel::lock_spinning;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};

    /// The pool's thread count once built, else 0. Asking rayon before the pool is built
    /// would build its default pool (one thread here) and refuse ours.
    static POOL_THREADS: AtomicUsize = AtomicUsize::new(0);

    pub fn threads() -> usize {
        POOL_THREADS.load(Ordering::Acquire)
    }

    /// Builders the spawn handler made and no worker has taken yet.
    static QUEUE: Mutex<Vec<rayon::ThreadBuilder>> = Mutex::new(Vec::new());
    static QUEUED: Condvar = Condvar::new();

    pub fn build(workers: usize) -> Result<usize, String> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(workers + 1)
            .use_current_thread()
            .thread_name(|i| format!("extensor-{i}"))
            .spawn_handler(|thread| {
                lock_spinning(&QUEUE).push(thread);
                QUEUED.notify_one();
                Ok(())
            })
            .build_global()
            .map_err(|e| e.to_string())?;
        let threads = rayon::current_num_threads();
        POOL_THREADS.store(threads, Ordering::Release);
        Ok(threads)
    }

    pub fn run_worker() {
        let thread = {
            let mut queue = QUEUE.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if let Some(thread) = queue.pop() {
                    break thread;
                }
                queue = QUEUED.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
        };
        thread.run();
    }

    /// `[threads in the pool, distinct pool threads that ran items of one par_iter]`.
    pub fn probe(items: usize) -> Vec<f64> {
        use rayon::prelude::*;
        use std::sync::atomic::AtomicU64;
        let threads = self::threads();
        if threads == 0 {
            return vec![1.0, 1.0];
        }
        let seen = AtomicU64::new(0);
        (0..items.max(1)).into_par_iter().for_each(|_| {
            let index = rayon::current_thread_index().unwrap_or(0) % 64;
            seen.fetch_or(1 << index, Ordering::Relaxed);
            // Keep each item busy until a second thread has joined in (or a long while
            // has passed), so an idle worker has time to steal.
            let mut spins = 0u64;
            while seen.load(Ordering::Relaxed).count_ones() < 2
                && threads > 1
                && spins < 200_000_000
            {
                std::hint::spin_loop();
                spins += 1;
            }
        });
        vec![threads as f64, f64::from(seen.into_inner().count_ones())]
    }
}

/// Builds rayon's global pool: the calling thread and `workers` workers, which must already
/// be waiting in [`thread_pool_worker`]. Returns the pool's thread count.
#[wasm_bindgen(js_name = threadPoolBuild)]
pub fn thread_pool_build(workers: u32) -> JsResult<u32> {
    #[cfg(feature = "threads")]
    {
        pool::build(workers as usize)
            .map(|n| n as u32)
            .map_err(|e| format!("INVALID_ARGUMENT threads: cannot start the thread pool: {e}"))
    }
    #[cfg(not(feature = "threads"))]
    {
        let _ = workers;
        Err("INVALID_ARGUMENT threads: this build is single-threaded".into())
    }
}

/// A worker's entry: waits for its rayon thread and runs it until the pool ends (never,
/// for the global pool). The single-threaded builds return at once.
#[wasm_bindgen(js_name = threadPoolWorker)]
pub fn thread_pool_worker() {
    #[cfg(feature = "threads")]
    pool::run_worker();
}

/// The threads rayon's pool runs on (1 in the single-threaded builds, and before the pool).
#[wasm_bindgen(js_name = threadPoolSize)]
pub fn thread_pool_size() -> u32 {
    #[cfg(feature = "threads")]
    {
        pool::threads().max(1) as u32
    }
    #[cfg(not(feature = "threads"))]
    {
        1
    }
}

/// Test support: `[pool threads, distinct threads that ran items of one parallel loop of
/// `items` items]`; `[1, 1]` in the single-threaded builds.
#[wasm_bindgen(js_name = threadPoolProbe)]
pub fn thread_pool_probe(items: u32) -> Vec<f64> {
    #[cfg(feature = "threads")]
    {
        pool::probe(items as usize)
    }
    #[cfg(not(feature = "threads"))]
    {
        let _ = items;
        vec![1.0, 1.0]
    }
}
