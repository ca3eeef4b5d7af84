// The memory-safety design's tests, through the JS API: handles, views, free, FREED.
import assert from 'node:assert/strict';
import test from 'node:test';
import { BUILD, ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

test('share increments the refCount and free decrements it', () => {
  const a = ex.zeros([10]);
  const b = a.share();
  assert.equal(a.refCount, 2);
  assert.ok(b.sharesMemory(a));
  a.free();
  assert.equal(b.refCount, 1);
  assert.equal(ex.memory().liveStorages, 1);
  b.free();
  assert.equal(ex.memory().liveStorages, 0);
});

test('a view outlives its parent and reads the right values', () => {
  const parent = ex.arange(0, 100, 1, 'float32');
  const view = parent.reshape([10, 10]);
  parent.free();
  assert.equal(view.refCount, 1);
  assert.equal(view.get(0, 0), 0);
  assert.equal(view.get(9, 9), 99);
  assert.equal(view.get(-1, 3), 93);
  view.free();
});

test('a slice outlives its parent and its storage is freed with it', () => {
  const parent = ex.arange(16, 'float64');
  const tail = parent.slice('8:');
  parent.free();
  assert.equal(tail.offset, 8);
  assert.deepEqual(tail.toArray(), [8, 9, 10, 11, 12, 13, 14, 15]);
  tail.free();
  assert.equal(ex.memory().storageBytes, 0);
});

test('free is idempotent: no double free', () => {
  const a = ex.zeros([4]);
  const v = a.transpose();
  a.free();
  a.free();
  a[Symbol.dispose]();
  assert.equal(v.refCount, 1, 'a second free of a did not decrement again');
  v.free();
  v.free();
  assert.equal(ex.memory().liveHandles, 0);
});

test('any use of a freed handle throws FREED, as receiver and as argument', () => {
  const a = ex.zeros([2, 2]);
  const b = ex.ones([2, 2]);
  a.free();
  assert.equal(a.isFreed, true);
  for (const use of [
    () => a.shape, () => a.data, () => a.refCount, () => a.reshape([4]), () => a.slice('0'),
    () => a.get(0, 0), () => a.set(1, 0, 0), () => a.toArray(), () => a.share(), () => a.clone(),
    () => a.sum(), () => a.item(), () => a.fill(1),
  ]) {
    throwsCode(use, 'FREED');
  }
  throwsCode(() => b.assign(a), 'FREED', /assign/);
  throwsCode(() => b.sharesMemory(a), 'FREED');
  assert.equal(String(a), 'ExTensor(<freed>)');
  // The instance is intact: b still computes.
  assert.equal(ex.tidy(() => b.sum().item()), 4);
  b.free();
});

test('no leak on the error path: failed ops leave the counters unchanged', () => {
  const t = ex.zeros([10]);
  const before = ex.memory();
  throwsCode(() => t.reshape([3, 4]), 'SHAPE_MISMATCH');
  throwsCode(() => t.slice('20'), 'INDEX_OUT_OF_BOUNDS');
  throwsCode(() => t.broadcastTo([3, 4]), 'SHAPE_MISMATCH');
  throwsCode(() => ex.zeros([2 ** 20, 2 ** 20]), 'INVALID_SHAPE');
  throwsCode(() => ex.tensor([1, 2, 3], { shape: [2, 2] }), 'SHAPE_MISMATCH');
  const after = ex.memory();
  assert.equal(after.liveHandles, before.liveHandles);
  assert.equal(after.liveStorages, before.liveStorages);
  assert.equal(after.storageBytes, before.storageBytes);
  assert.equal(t.refCount, 1);
  t.free();
});

test('views of views of slices read the right values after their parents are freed', () => {
  const flat = ex.arange(60, 'int32');
  const base = flat.reshape([3, 4, 5]);
  flat.free();
  const s1 = base.slice('1:, ::-1, 1::2');
  const s2 = s1.transpose([2, 0, 1]);
  const s3 = s2.slice([-1, [null, null], [1, 3]]);
  base.free();
  s1.free();
  s2.free();
  assert.deepEqual(s3.toArray(), [[33, 28], [53, 48]]);
  assert.equal(s3.refCount, 1, 'only s3 holds the storage now');
  s3.free();
});

test('writes through a view are seen by every handle; overlapping assign is NumPy-exact', () => {
  const a = ex.zeros([2, 3], 'int32');
  const col = a.slice(':, 1');
  col.fill(7);
  assert.deepEqual(a.toArray(), [[0, 7, 0], [0, 7, 0]]);
  const r = ex.arange(5, 'int32');
  const rev = r.slice('::-1');
  r.assign(rev);
  assert.deepEqual(r.toArray(), [4, 3, 2, 1, 0]);
  for (const t of [a, col, r, rev]) t.free();
});

test('Symbol.dispose frees the handle', () => {
  const t = ex.zeros([3]);
  t[Symbol.dispose]();
  assert.equal(t.isFreed, true);
  assert.equal(ex.memory().liveHandles, 0);
});

test('tidy frees what was created inside except what is returned', () => {
  const outer = ex.zeros([2]);
  const kept = ex.tidy(() => {
    const a = ex.ones([4]);
    const b = a.reshape([2, 2]);
    const c = b.transpose();
    return { c, list: [a.share()] };
  });
  assert.equal(ex.memory().liveHandles, 3, 'outer, c, and the shared handle');
  assert.deepEqual(kept.c.shape, [2, 2]);
  kept.c.free();
  kept.list[0].free();
  outer.free();
});

test('nested tidy hands returned tensors to the enclosing scope', () => {
  ex.tidy(() => {
    const inner = ex.tidy(() => ex.ones([3]));
    assert.equal(inner.isFreed, false);
    return undefined;
  });
  assert.equal(ex.memory().liveHandles, 0, 'the inner result was freed by the outer tidy');
});

test('tidy frees on throw too', () => {
  assert.throws(() => ex.tidy(() => {
    ex.ones([3]);
    throw new Error('boom');
  }), /boom/);
  assert.equal(ex.memory().liveHandles, 0);
});

test('debug.leaks lists live handles with shape, dtype and creation stack', () => {
  ex.debug.trackLeaks(true);
  const t = ex.zeros([2, 5], 'int16');
  const leaks = ex.debug.leaks();
  assert.equal(leaks.length, 1);
  assert.deepEqual(leaks[0].shape, [2, 5]);
  assert.equal(leaks[0].dtype, 'int16');
  assert.match(leaks[0].stack.split('\n')[0], /memory\.test\.mjs/, 'the stack starts at the caller, not inside the package');
  assert.doesNotMatch(leaks[0].stack, /\/js\/(runtime|tensor|api)\.js/);
  t.free();
  assert.equal(ex.debug.leaks().length, 0);
  ex.debug.trackLeaks(false);
});

test('the FinalizationRegistry backstop frees handles the user forgot', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  const before = ex.memory().reclaimedByFinalizer;
  (() => {
    for (let i = 0; i < 100; i++) ex.zeros([256]).transpose();
  })();
  for (let i = 0; i < 50 && ex.memory().liveHandles > 0; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(ex.memory().liveHandles, 0);
  assert.equal(ex.memory().liveStorages, 0);
  assert.equal(ex.memory().reclaimedByFinalizer - before, 200);
});

test('a create/view/free churn loop keeps WebAssembly.Memory flat', () => {
  const churn = (n) => {
    for (let i = 0; i < n; i++) {
      const flat = ex.arange(0, 64, 1, 'float32');
      const t = flat.reshape([8, 8]);
      const s = t.slice('1:, ::-2');
      const v = s.transpose();
      const c = v.contiguous();
      for (const h of [flat, t, s, v, c]) h.free();
    }
  };
  churn(2000); // warm up: let the allocator reach its steady state
  const before = ex.memory().wasmMemoryBytes;
  churn(20000);
  assert.equal(ex.memory().wasmMemoryBytes, before);
  assert.equal(ex.memory().liveHandles, 0);
});

test('t.data keeps working after wasm memory grows', () => {
  const t = ex.arange(8, 'float32');
  const old = t.data;
  const grow = ex.zeros([16 * 1024 * 1024], 'uint8'); // forces memory.grow
  // Shared memory (the threaded build) never detaches: the old window stays the tensor's.
  assert.equal(old.length, BUILD === 'threads' ? 8 : 0, 'the old window is detached (not on shared memory)');
  const fresh = t.data;
  assert.deepEqual(Array.from(fresh), [0, 1, 2, 3, 4, 5, 6, 7]);
  fresh[0] = 42;
  assert.equal(t.get(0), 42, 'writes through the window are writes to the tensor');
  grow.free();
  t.free();
});
