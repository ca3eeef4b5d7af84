// Min-of-runs timing with an adaptive batch: the batch doubles (or jumps) until one
// batch takes at least `minBatchMs`; the calibration batches double as warm-up. Then
// `runs` batches are timed and the fastest gives the per-op time.
import { performance } from 'node:perf_hooks';

/** Values returned by timed functions land here so the JIT cannot drop the work. */
export let sink;

function timeBatch(fn, batch) {
  const start = performance.now();
  for (let i = 0; i < batch; i++) sink = fn();
  return performance.now() - start;
}

/**
 * Times `fn` (one op per call).
 * @returns {{ ms: number, batch: number, runs: number }} ms = min-of-runs time per op
 */
export function measure(fn, { minBatchMs = 20, minRuns = 3, maxRuns = 9, budgetMs = 900 } = {}) {
  sink = fn(); // first call: compile, first allocation
  let batch = 1;
  let t = timeBatch(fn, batch);
  while (t < minBatchMs) {
    const guess = t > 0 ? Math.ceil((batch * minBatchMs * 1.25) / t) : batch * 16;
    batch = Math.max(batch * 2, Math.min(guess, batch * 16));
    t = timeBatch(fn, batch);
  }
  if (t < 200) t = Math.min(t, timeBatch(fn, batch)); // one more warm-up batch for fast ops
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / t)));
  let best = Infinity;
  for (let r = 0; r < runs; r++) best = Math.min(best, timeBatch(fn, batch));
  return { ms: best / batch, batch, runs };
}
