// Pins for what an attack on the boundary rule found after it was built (each once broke a
// guarantee): scopes that freed through a patchable property, an argument read after the
// data it could change, caller strings echoed whole, a toArray that killed the process,
// deep results that overflowed the stack, and the glue's own window release.
import assert from 'node:assert/strict';
import test from 'node:test';
import { BUILD, ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const { glue } = await import('./helpers.mjs');

test('tidy and scopes free through the library, not through a free property the caller may have replaced', () => {
  const before = ex.memory().liveHandles;
  ex.tidy(() => {
    const a = ex.zeros([1]);
    ex.zeros([1]);
    a.free = null;
    Object.defineProperty(ex.zeros([1]), 'free', { value() { throw new Error('mine'); } });
    return 1;
  });
  const scope = ex.scope();
  const b = ex.zeros([1]);
  b.free = () => {};
  ex.zeros([1]);
  scope.dispose();
  assert.equal(ex.memory().liveHandles, before);
});

test('dispose and ex.matmul do not look up ExTensor.prototype at call time', () => {
  const { free, matmul } = ex.ExTensor.prototype;
  try {
    ex.ExTensor.prototype.free = () => {};
    ex.ExTensor.prototype.matmul = () => 'hijacked';
    const t = ex.eye(2);
    const p = ex.matmul(t, t);
    assert.ok(p instanceof ex.ExTensor);
    t[Symbol.dispose]();
    p[Symbol.dispose]();
    assert.ok(t.isFreed && p.isFreed);
  } finally {
    Object.assign(ex.ExTensor.prototype, { free, matmul });
  }
});

test('toArray() refuses a shape that needs absurdly many JS arrays instead of ending the process', () => {
  ex.tidy(() => {
    throwsCode(() => ex.zeros([2 ** 31 - 1, 0]).toArray(), 'OUT_OF_MEMORY', /use toTypedArray/);
    assert.deepEqual(ex.zeros([3, 0]).toArray(), [[], [], []]);
  });
});

test('ex.tensor(typedArray, { shape }) reads the shape before the data, so a shape getter cannot pull the data away', () => {
  ex.tidy(() => {
    const buffer = new ArrayBuffer(16);
    const data = new Float32Array(buffer);
    data.set([1, 2, 3, 4]);
    const detaching = new Proxy([4], { get(target, key) { if (key === '0') structuredClone(buffer, { transfer: [buffer] }); return target[key]; } });
    const e = throwsCode(() => ex.tensor(data, { shape: detaching }), 'SHAPE_MISMATCH');
    assert.match(e.message, /0 values|0 bytes/);
    for (const dtype of ['float32', 'int32', undefined]) {
      const values = new Float32Array([1, 2, 3, 4]);
      const writing = new Proxy([4], { get(target, key) { if (key === '0') values[0] = 99; return target[key]; } });
      assert.deepEqual(ex.tensor(values, { shape: writing, ...(dtype ? { dtype } : {}) }).toArray(), [99, 2, 3, 4], String(dtype));
    }
  });
});

test('tidy walks a deeply nested result without recursion', () => {
  let nested = [];
  for (let i = 0; i < 100000; i++) nested = [nested];
  const before = ex.memory().liveHandles;
  const kept = ex.tidy(() => {
    ex.zeros([1]);
    let inner = nested;
    while (inner.length > 0) inner = inner[0];
    inner.push(ex.ones([2]));
    return nested;
  });
  assert.equal(ex.memory().liveHandles, before + 1);
  let inner = kept;
  while (!(inner instanceof ex.ExTensor)) inner = inner[0];
  inner.free();
});

test('messages quote a caller\'s long strings and numbers briefly', () => {
  ex.tidy(() => {
    const t = ex.zeros([2]);
    for (const [fn, code] of [
      [() => t.astype('x'.repeat(1e6)), 'DTYPE'],
      [() => ex.zeros([1], 'y'.repeat(1e6)), 'DTYPE'],
      [() => t.slice('x'.repeat(1e6)), 'INVALID_ARGUMENT'],
      [() => t.slice('9'.repeat(1e5)), 'INVALID_ARGUMENT'],
      [() => ex.arange(1e300), 'INVALID_SHAPE'],
      [() => ex.arange(0, 10, 5e-324), 'INVALID_SHAPE'],
      [() => ex.tensor([2n ** 1000n]), 'INVALID_ARGUMENT'],
    ]) {
      const e = throwsCode(fn, code);
      assert.ok(e.message.length < 300, `${e.message.length} characters: ${e.message.slice(0, 120)}…`);
    }
  });
});

test('the glue\'s releaseWindows detaches every window before it drops their pins, whoever calls it', { skip: BUILD === 'threads' && 'shared memory never detaches: its windows hold their own pins (threads.test.mjs)' }, () => {
  const a = ex.zeros([1024]);
  const stale = a.data;
  a.free();
  glue.releaseWindows();
  assert.equal(stale.length, 0);
  const b = ex.zeros([1024]);
  assert.equal(b.data.length, 1024);
  ex.tidy(() => assert.equal(b.sum().item(), 0));
  b.free();
});

test('a list or nested data claiming a huge length is refused before the JS heap runs out', () => {
  ex.tidy(() => {
    const a = ex.ones([1]);
    const lyingList = new Proxy([], { get: (target, key) => (key === 'length' ? 2 ** 31 : a) });
    throwsCode(() => ex.concat(lyingList, 0), 'INVALID_ARGUMENT', /at most/);
    throwsCode(() => ex.stack(lyingList, 0), 'INVALID_ARGUMENT', /at most/);
    let reads = 0;
    const lyingData = new Proxy([], { get: (target, key) => (key === 'length' ? 2 ** 32 - 1 : (reads++, 1)) });
    throwsCode(() => ex.tensor(lyingData), 'OUT_OF_MEMORY', /typed array/);
    assert.equal(reads, 0, 'refused on the claimed length, before any element is read (not after 2**26 reads)');
    const lyingRows = new Proxy([], { get: (target, key) => (key === 'length' ? 2 ** 20 : new Array(2 ** 7).fill(1)) });
    throwsCode(() => ex.tensor(lyingRows), 'OUT_OF_MEMORY', /typed array/, '2**20 rows of 2**7: refused by the product of the lengths');
    assert.deepEqual(ex.tensor([[], []]).shape, [2, 0], 'a few rows of nothing are no elements');
    let rowReads = 0;
    const lyingEmptyRows = new Proxy([], { get: (target, key) => (key === 'length' ? 2 ** 30 : (rowReads++, [])) });
    throwsCode(() => ex.tensor(lyingEmptyRows), 'OUT_OF_MEMORY', /typed array/, 'a lying length over empty rows is refused, not walked');
    assert.equal(rowReads, 0, 'refused before reading a row');
  });
});

test('numbers that are not exact integers beside bigints make float64; past-int64 beside negative bigints is refused', () => {
  ex.tidy(() => {
    const t = ex.tensor([1n, 1e300]);
    assert.equal(t.dtype, 'float64');
    assert.deepEqual(t.toArray(), [1, 1e300]);
    assert.equal(ex.tensor([1n, 2 ** 64]).dtype, 'float64');
    assert.equal(ex.tensor([1n, 2 ** 52]).dtype, 'int64');
    throwsCode(() => ex.tensor([2n ** 63n, -1n]), 'INVALID_ARGUMENT', /pass \{ dtype \}/);
    assert.deepEqual(ex.tensor([2n ** 63n, -1n], { dtype: 'int64' }).toArray(), [-(2n ** 63n), -1n]);
  });
});

test('a Proxy that revokes itself from one of its own traps is an ExTensorError, never the engine TypeError', () => {
  const t = ex.tensor([[1, 2], [3, 4]], { dtype: 'int8' });
  try {
    const options = Proxy.revocable({ dtype: 'int8' }, { ownKeys(o) { options.revoke(); return Reflect.ownKeys(o); } });
    throwsCode(() => t.sum(null, false, options.proxy), 'INVALID_ARGUMENT', /revoked/);
    const axes = Proxy.revocable([1], { get(o, k) { if (k === 'length') axes.revoke(); return Reflect.get(o, k); } });
    throwsCode(() => t.flip(axes.proxy), 'INVALID_ARGUMENT', /revoked/);
    // The user's own error still propagates unchanged.
    const mine = new Error('mine');
    const throwing = new Proxy({ dtype: 'int8' }, { ownKeys() { throw mine; } });
    assert.throws(() => t.sum(null, false, throwing), (e) => e === mine);
  } finally {
    t.free();
  }
});

test('attack pins for the reductions: { dtype: null } is the default; moveaxis needs both axes; reversed empty views flip', () => {
  const t = ex.zeros([2], 'int32');
  const e = ex.zeros([3, 0]);
  try {
    const s = t.sum(null, false, { dtype: null });
    assert.equal(s.dtype, 'int64');
    s.free();
    throwsCode(() => t.moveaxis(), 'INVALID_ARGUMENT');
    throwsCode(() => t.moveaxis(null, null), 'INVALID_ARGUMENT');
    const r = e.slice('::-1');
    const f = r.flip();
    assert.deepEqual(f.shape, [3, 0]);
    f.free();
    r.free();
  } finally {
    t.free();
    e.free();
  }
});

test('nested index arrays, pad widths, tensor data and npz records that revoke themselves mid-read are ExTensorErrors', () => {
  const revoking = (arr, at) => {
    const { proxy, revoke } = Proxy.revocable(arr, { get(t, k, r) { if (k === String(at)) revoke(); return Reflect.get(t, k, r); } });
    return proxy;
  };
  const a = ex.tensor([1, 2, 3]);
  try {
    for (const [what, call] of [
      ['take', () => a.take(revoking([0, 1], 0))],
      ['index', () => a.index([revoking([0, 1], 0)])],
      ['indexSet', () => a.indexSet([revoking([0, 1], 0)], 1)],
      ['oneHot', () => ex.oneHot(revoking([0, 1], 0), 3)],
      ['pad', () => a.pad([revoking([1, 1], 0)])],
      ['tensor', () => ex.tensor(revoking([0, 1], 0))],
    ]) {
      assert.throws(call, (e) => e instanceof ex.ExTensorError && /revoked/.test(e.message), what);
    }
    const { proxy, revoke } = Proxy.revocable({ x: a, y: a }, { get(t, k) { revoke(); return t[k]; } });
    assert.throws(() => ex.toNpz(proxy), (e) => e instanceof ex.ExTensorError, 'toNpz');
  } finally {
    a.free();
  }
});
