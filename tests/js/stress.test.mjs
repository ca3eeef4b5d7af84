// Stress, sized for the regular suite (a few seconds): a 100 000-cycle create/view/free
// churn keeps WebAssembly memory flat and the live counters at zero; handles dropped
// without free() are reclaimed by the FinalizationRegistry backstop; ex.tidy nested 100 deep
// frees everything and hands back what the innermost level kept. The long version of the
// churn is `node --expose-gc scripts/stress.mjs` (1 000 000 cycles), which runs this `churn`.
import assert from 'node:assert/strict';
import test from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';
import { churn, HANDLES_PER_CYCLE, WARMUP } from '../../scripts/stress.mjs';

checkMemoryReturnsToZero();

function assertCountersAtZero(when) {
  const m = ex.memory();
  assert.equal(m.liveHandles, 0, `${when}: live handles ${JSON.stringify(ex.debug.leaks())}`);
  assert.equal(m.liveStorages, 0, `${when}: live storages`);
  assert.equal(m.storageBytes, 0, `${when}: storage bytes`);
}

/** gc() and yield to the event loop until `done()` or `rounds` run out (finalizers run as tasks). */
async function collectUntil(done, rounds = 50) {
  for (let i = 0; i < rounds && !done(); i++) {
    globalThis.gc();
    await sleep(10);
  }
}

test('a 100 000-cycle create/view/free churn keeps WebAssembly memory flat and the live counters at zero', () => {
  const CYCLES = 100_000;
  const finalizedBefore = ex.memory().reclaimedByFinalizer;
  churn(0, WARMUP); // the allocator reaches its steady state for every size class
  assertCountersAtZero('after warm-up');
  const wasmBefore = ex.memory().wasmMemoryBytes;
  const STEP = 10_000;
  for (let done = 0; done < CYCLES; done += STEP) {
    churn(WARMUP + done, WARMUP + done + STEP);
    assert.equal(ex.memory().wasmMemoryBytes, wasmBefore, `wasm memory grew during cycles ${done}..${done + STEP}`);
    assertCountersAtZero(`after ${done + STEP} cycles`);
  }
  assert.equal(ex.memory().reclaimedByFinalizer, finalizedBefore, `all ${CYCLES * HANDLES_PER_CYCLE} handles were freed explicitly`);
});

test('handles dropped without free() are reclaimed by the FinalizationRegistry backstop after gc()', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  const before = ex.memory();
  const ROUNDS = 1000;
  // A view whose parent is dropped: the storage must outlive the reclaimed parent handle.
  const survivor = (() => ex.arange(12, 'int32').reshape([3, 4]).slice('1:, ::-1'))();
  (() => {
    for (let i = 0; i < ROUNDS; i++) {
      const t = ex.arange(64).reshape([8, 8]);
      t.slice('1:, ::2');
      t.transpose().contiguous();
      ex.ones([4]).share();
    }
  })();
  const dropped = ROUNDS * 7 + 2; // arange, reshape, slice, transpose, contiguous, ones, share; survivor's two parents
  assert.equal(ex.memory().liveHandles - before.liveHandles, dropped + 1, 'every dropped handle is live until collected');

  await collectUntil(() => ex.memory().liveHandles === before.liveHandles + 1);
  const after = ex.memory();
  assert.equal(after.liveHandles, before.liveHandles + 1, 'only the survivor is left');
  assert.equal(after.liveStorages, before.liveStorages + 1);
  assert.equal(after.storageBytes, before.storageBytes + 12 * 4, "the survivor's storage");
  assert.equal(after.reclaimedByFinalizer - before.reclaimedByFinalizer, dropped);

  assert.equal(survivor.refCount, 1, 'its parents were reclaimed');
  assert.deepEqual(survivor.toArray(), [[7, 6, 5, 4], [11, 10, 9, 8]]);
  survivor.free();
  assertCountersAtZero('after freeing the survivor');
  // Freed handles are not finalized a second time.
  await collectUntil(() => false, 3);
  assert.equal(ex.memory().reclaimedByFinalizer - before.reclaimedByFinalizer, dropped);
});

test('the backstop keeps up with a churn that never calls free()', async () => {
  const before = ex.memory();
  const wasmBefore = before.wasmMemoryBytes;
  const BATCHES = 20;
  const PER_BATCH = 500;
  for (let b = 0; b < BATCHES; b++) {
    (() => {
      for (let i = 0; i < PER_BATCH; i++) ex.arange(256).reshape([16, 16]).transpose().contiguous();
    })();
    await collectUntil(() => ex.memory().liveHandles === 0, 20);
  }
  await collectUntil(() => ex.memory().liveHandles === 0);
  assertCountersAtZero('after the dropped churn');
  assert.equal(ex.memory().reclaimedByFinalizer - before.reclaimedByFinalizer, BATCHES * PER_BATCH * 4);
  // Each batch is about 1 MB of storage; reclaiming as it goes keeps wasm memory near its start.
  assert.ok(ex.memory().wasmMemoryBytes - wasmBefore <= 8 * 2 ** 20, `wasm memory grew by ${ex.memory().wasmMemoryBytes - wasmBefore} bytes`);
});

test('ex.tidy nested 100 deep frees everything and returns the innermost kept tensor intact', () => {
  const DEPTH = 100;
  let innermost = null;
  const nest = (level) => ex.tidy(() => {
    ex.ones([level]).reshape([-1]).slice('::-1'); // garbage at every level
    if (level === DEPTH) {
      innermost = ex.arange(6, 'int32').reshape([2, 3]).add(level);
      return innermost;
    }
    const inner = nest(level + 1);
    assert.equal(inner.isFreed, false, `level ${level} received a live tensor`);
    inner.sum(); // garbage that touches the kept tensor
    return inner;
  });
  const result = nest(1);
  assert.equal(result, innermost, 'the same handle comes back');
  assert.deepEqual(result.toArray(), [[100, 101, 102], [103, 104, 105]]);
  assert.equal(result.refCount, 1);
  assert.equal(ex.memory().liveHandles, 1, 'only the returned tensor is left');
  result.free();
  assertCountersAtZero('after the 100-deep tidy');
});

test('ex.tidy nested 100 deep keeps what every level returns inside arrays and objects', () => {
  const DEPTH = 100;
  const nest = (level) => ex.tidy(() => {
    ex.zeros([3]).transpose();
    const mine = ex.full([2], level, 'int32');
    if (level === DEPTH) return { kept: [mine], deepest: { view: mine.slice('::-1') } };
    const inner = nest(level + 1);
    return { kept: [...inner.kept, mine], deepest: inner.deepest };
  });
  const { kept, deepest } = nest(1);
  assert.equal(kept.length, DEPTH);
  assert.equal(ex.memory().liveHandles, DEPTH + 1, 'one tensor per level plus the deepest view');
  kept.forEach((t, i) => assert.deepEqual(t.toArray(), [DEPTH - i, DEPTH - i]));
  assert.deepEqual(deepest.view.toArray(), [DEPTH, DEPTH]);
  for (const t of kept) t.free();
  assert.deepEqual(deepest.view.toArray(), [DEPTH, DEPTH], 'the view outlives its parent');
  deepest.view.free();
  assertCountersAtZero('after freeing what was kept');
});

test('ex.tidy nested 100 deep frees every level when the innermost throws', () => {
  const DEPTH = 100;
  const boom = new Error('boom at the bottom');
  const nest = (level) => ex.tidy(() => {
    const t = ex.ones([4]);
    t.reshape([2, 2]);
    if (level === DEPTH) throw boom;
    return nest(level + 1);
  });
  assert.throws(() => nest(1), (e) => e === boom);
  assertCountersAtZero('after the throw');
  // A view returned through 100 levels outlives a parent created at the top level.
  const base = ex.arange(10, 'float64');
  const deep = (level) => ex.tidy(() => (level === DEPTH ? base.slice('2:5') : deep(level + 1)));
  const view = deep(1);
  base.free();
  assert.deepEqual(view.toArray(), [2, 3, 4]);
  view.free();
  assertCountersAtZero('after the view');
});
