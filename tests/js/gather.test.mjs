// The gather and shape ops on the built package: tests/gather/cases.json (NumPy-made edge
// cases of take, takeAlongAxis, oneHot, nonzero, split, tile, repeat and pad — every dtype,
// empty and 0-d, negative axes and indices, strided and broadcast inputs; format: the
// contract's `call` cases, inputs optionally with `view` ops), then what the fixture cannot
// state: views and memory of split, the freeing of temporary index tensors, argument forms.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const { cases, count } = JSON.parse(readFileSync(new URL('../gather/cases.json', import.meta.url), 'utf8'));
const BIG = new Set(['int64', 'uint64']);
const TOLERANCE = { float32: 1e-5, float64: 1e-12, float16: 1e-3, bfloat16: 1e-2 };

function decode(v, dtype) {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (BIG.has(dtype)) return BigInt(v);
  return v;
}

/** An input: `{ dtype, shape, values, view? }`; every tensor made is pushed to `made`. */
function input({ dtype, shape, values, view }, made) {
  let t = ex.tensor(values.map((v) => decode(v, dtype)), { dtype, shape });
  made.push(t);
  for (const op of view ?? []) {
    if (op.op === 'transpose') t = t.transpose();
    else if (op.op === 'slice') t = t.slice(op.spec);
    else if (op.op === 'broadcastTo') t = t.broadcastTo(op.shape);
    else throw new Error(`unknown view op ${op.op}`);
    made.push(t);
  }
  return t;
}

function decodeArg(a, inputs) {
  if (Array.isArray(a)) return a.map((x) => decodeArg(x, inputs));
  if (a !== null && typeof a === 'object') {
    if ('input' in a) return inputs[a.input];
    if ('options' in a) return Object.fromEntries(Object.entries(a.options).map(([k, v]) => [k, decodeArg(v, inputs)]));
  }
  return a;
}

function checkTensor(got, want, what, input0) {
  assert.ok(got instanceof ex.ExTensor, `${what}: an ExTensor`);
  assert.deepEqual(got.shape, want.shape, `${what}: shape`);
  assert.equal(got.dtype, want.dtype, `${what}: dtype`);
  const values = Array.from(got.toTypedArray(), (v) => (got.dtype === 'bool' ? v !== 0 : v));
  const raw = got.dtype === 'float16' || got.dtype === 'bfloat16' ? got.astype('float64') : null;
  const elements = raw === null ? values : Array.from(raw.toTypedArray());
  raw?.free();
  assert.equal(elements.length, want.values.length, `${what}: length`);
  want.values.forEach((w, i) => {
    const expected = decode(w, want.dtype);
    const actual = elements[i];
    const tol = TOLERANCE[want.dtype];
    if (tol === undefined || Number.isNaN(expected) || !Number.isFinite(expected)) {
      assert.ok(Object.is(actual, expected) || actual === expected, `${what}[${i}]: got ${actual}, want ${expected}`);
    } else {
      assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}[${i}]: got ${actual}, want ${expected}`);
    }
  });
  if (want.sharesMemory !== undefined) assert.equal(got.sharesMemory(input0), want.sharesMemory, `${what}: sharesMemory`);
}

test('every NumPy edge case of tests/gather/cases.json', () => {
  assert.equal(cases.length, count);
  for (const c of cases) {
    const made = [];
    const before = ex.memory().liveHandles;
    try {
      const inputs = c.inputs.map((s) => input(s, made));
      const args = c.call.args.map((a) => decodeArg(a, inputs));
      const run = () => (c.call.on === null ? ex[c.call.name](...args) : inputs[c.call.on][c.call.name](...args));
      if (c.expect.error !== undefined) {
        throwsCode(run, c.expect.error);
        continue;
      }
      const out = run();
      if (c.expect.list !== undefined) {
        made.push(...out);
        assert.ok(Array.isArray(out), `${c.id}: an array`);
        assert.equal(out.length, c.expect.list.length, `${c.id}: list length`);
        c.expect.list.forEach((w, k) => checkTensor(out[k], w, `${c.id}[${k}]`, inputs[0]));
      } else {
        made.push(out);
        checkTensor(out, c.expect, c.id, inputs[0]);
      }
    } catch (e) {
      e.message = `${c.id} (${c.call.name}): ${e.message}`;
      throw e;
    } finally {
      for (const t of made) t.free();
    }
    assert.equal(ex.memory().liveHandles, before, `${c.id}: every handle freed`);
  }
});

test('split pieces are writable views; oneHot and take free their temporary index tensors', () => {
  ex.tidy(() => {
    const t = ex.arange(6, 'int32').reshape([2, 3]);
    const [left, right] = ex.split(t, [1], 1);
    assert.ok(left.isView && right.isView);
    right.fill(9);
    assert.deepEqual(t.toArray(), [[0, 9, 9], [3, 9, 9]]);
    const before = ex.memory().liveHandles;
    const taken = t.take([[1, 0]], 0);
    assert.equal(ex.memory().liveHandles, before + 1, 'only the result is live after take');
    assert.deepEqual(taken.toArray(), [[[3, 9, 9], [0, 9, 9]]]);
    throwsCode(() => t.take([5], 0), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => ex.oneHot([0, 7], 3), 'INDEX_OUT_OF_BOUNDS');
    assert.equal(ex.memory().liveHandles, before + 1, 'failed calls free their index tensors too');
  });
});

test('index arguments: tensors of every integer dtype, JS numbers, bigints and typed arrays', () => {
  ex.tidy(() => {
    const t = ex.arange(4, 'float64');
    for (const dtype of ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']) {
      assert.deepEqual(t.take(ex.tensor([3, 1], { dtype })).toArray(), [3, 1], dtype);
    }
    assert.deepEqual(t.take([-1n, 0n]).toArray(), [3, 0]);
    assert.deepEqual(t.take(new Int32Array([2, -2])).toArray(), [2, 2]);
    assert.equal(t.take(2).item(), 2);
    assert.deepEqual(t.take([]).shape, [0]);
    throwsCode(() => t.take([1.5]), 'INVALID_ARGUMENT');
    throwsCode(() => t.take([true]), 'INVALID_ARGUMENT');
    throwsCode(() => t.take(2 ** 60), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.take(2n ** 64n - 1n), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.take([[0], [1, 2]]), 'INVALID_SHAPE');
    throwsCode(() => t.take(ex.tensor([0.5])), 'DTYPE');
    assert.deepEqual(t.takeAlongAxis([3, 0]).toArray(), [3, 0], 'axis defaults to -1');
  });
});

test('pad, tile and repeat argument forms', () => {
  ex.tidy(() => {
    const t = ex.arange(3, 'int16');
    assert.deepEqual(t.pad(1, { mode: 'constant', value: 7n }).toArray(), [7, 0, 1, 2, 7]);
    assert.deepEqual(t.pad([[2, 0]], { mode: 'reflect' }).toArray(), [2, 1, 0, 1, 2]);
    assert.deepEqual(t.tile(2).toArray(), [0, 1, 2, 0, 1, 2]);
    assert.deepEqual(t.repeat(new Int32Array([1, 0, 2])).toArray(), [0, 2, 2]);
    throwsCode(() => t.pad(1, { mode: 'wrap' }), 'INVALID_ARGUMENT');
    throwsCode(() => t.pad(1, { mode: 'edge', value: 0 }), 'INVALID_ARGUMENT');
    throwsCode(() => t.pad(1, { fill: 0 }), 'INVALID_ARGUMENT');
    throwsCode(() => t.pad([1.5, 1]), 'INVALID_ARGUMENT');
    throwsCode(() => t.tile([2.5]), 'INVALID_ARGUMENT');
    throwsCode(() => t.repeat('2'), 'INVALID_ARGUMENT');
  });
});
