// Min-of-runs timing with an adaptive batch: the batch grows until one batch takes at least
// `minBatchMs`; the calibration batches double as warm-up. Then `runs` batches are timed
// (as many as fit in `budgetMs`, between minRuns and maxRuns) and the fastest gives the
// per-op time. Environment-agnostic: the global `performance` (Node and browsers).

/** Values returned by timed functions land here so the JIT cannot drop the work. */
export let sink;

export const DEFAULTS = { minBatchMs: 15, minRuns: 3, maxRuns: 9, budgetMs: 200 };

function timeBatch(fn, batch) {
  const start = performance.now();
  for (let i = 0; i < batch; i++) sink = fn();
  return performance.now() - start;
}

async function timeBatchAsync(fn, batch) {
  const start = performance.now();
  for (let i = 0; i < batch; i++) sink = await fn();
  return performance.now() - start;
}

const nextBatch = (batch, t, minBatchMs) => {
  const guess = t > 0 ? Math.ceil((batch * minBatchMs * 1.25) / t) : batch * 16;
  return Math.max(batch * 2, Math.min(guess, batch * 16));
};

/**
 * Times `fn` (one op per call).
 * @returns {{ ms: number, batch: number, runs: number }} ms = min-of-runs time per op
 */
export function measure(fn, opts = {}) {
  const { minBatchMs, minRuns, maxRuns, budgetMs } = { ...DEFAULTS, ...opts };
  sink = fn(); // first call: compile, first allocation
  let batch = 1;
  let t = timeBatch(fn, batch);
  while (t < minBatchMs) {
    batch = nextBatch(batch, t, minBatchMs);
    t = timeBatch(fn, batch);
  }
  if (t < 100) t = Math.min(t, timeBatch(fn, batch)); // one more warm-up batch for fast ops
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / t)));
  let best = Infinity;
  for (let r = 0; r < runs; r++) best = Math.min(best, timeBatch(fn, batch));
  return { ms: best / batch, batch, runs };
}

/** measure() for a function returning a promise (each call awaited before the next). */
export async function measureAsync(fn, opts = {}) {
  const { minBatchMs, minRuns, maxRuns, budgetMs } = { ...DEFAULTS, ...opts };
  sink = await fn();
  let batch = 1;
  let t = await timeBatchAsync(fn, batch);
  while (t < minBatchMs) {
    batch = nextBatch(batch, t, minBatchMs);
    t = await timeBatchAsync(fn, batch);
  }
  if (t < 100) t = Math.min(t, await timeBatchAsync(fn, batch));
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / t)));
  let best = Infinity;
  for (let r = 0; r < runs; r++) best = Math.min(best, await timeBatchAsync(fn, batch));
  return { ms: best / batch, batch, runs };
}
