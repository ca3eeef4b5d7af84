// Starting the threaded build's workers, for both platforms: each worker says 'ready' once
// it has instantiated the module on the shared memory. One that fails, exits, or stays
// silent past the deadline fails the start, and every worker started so far is stopped,
// so `init` can fall back to a single-threaded build instead of waiting for ever.
import { ExTensorError } from './errors.js';

/** How long `init` waits for its workers to instantiate the module (a compiled module: milliseconds, normally). */
export const WORKER_START_TIMEOUT_MS = 20_000;

/** One started worker, as the platform made it. */
export interface StartedWorker {
  terminate(): void;
}

/**
 * Starts `count` workers with `spawn`, which makes one and calls `ready` on its first
 * message or `failed` with a reason; resolves once all are ready.
 */
export function startWorkerPool(
  count: number,
  spawn: (ready: () => void, failed: (why: string) => void) => StartedWorker,
  timeoutMs: number = WORKER_START_TIMEOUT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: StartedWorker[] = [];
    let pending = count;
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const worker of workers) worker.terminate();
      reject(new ExTensorError('INVALID_ARGUMENT', `init: a thread pool worker failed to start: ${why}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    const ready = () => {
      pending -= 1;
      if (pending === 0 && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve();
      }
    };
    if (count === 0) {
      settled = true;
      clearTimeout(timer);
      resolve();
      return;
    }
    try {
      for (let i = 0; i < count && !settled; i++) workers.push(spawn(ready, fail));
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  });
}
