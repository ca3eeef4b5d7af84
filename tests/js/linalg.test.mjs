// ex.linalg on the wasm builds: the NumPy-generated edge cases of tests/npy/linalg.json
// (tests/npy/generate_linalg.py; tests/linalg_numpy.rs runs them natively), and what only
// JS shows: the namespace object, option reading, results as ExTensors.
import assert from 'node:assert/strict';
import test from 'node:test';
import { readFileSync } from 'node:fs';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const { cases } = JSON.parse(readFileSync(new URL('../npy/linalg.json', import.meta.url), 'utf8'));
const TOLERANCE = { float16: 1e-3, float32: 1e-5, float64: 1e-12 };

const number = (v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

/** An input: the base tensor, then its view (`transpose`, then `slice`). */
function input(spec) {
  const values = spec.values.map(number);
  const data = spec.dtype === 'bool' ? values.map(Boolean) : values;
  let t = ex.tensor(data, { shape: spec.shape, dtype: spec.dtype });
  if (spec.transpose) t = t.transpose(spec.transpose);
  if (spec.slice) t = t.slice(spec.slice);
  return t;
}

function run(c) {
  const inputs = c.inputs.map(input);
  if (c.fn === 'solve') return ex.linalg.solve(inputs[0], inputs[1]);
  if (c.fn === 'norm') {
    if (c.options === undefined) return ex.linalg.norm(inputs[0]);
    const { ord, axis, keepDims } = c.options;
    const options = { ord: ord === null ? null : number(ord), axis, keepDims };
    return ex.linalg.norm(inputs[0], options);
  }
  return ex.linalg[c.fn](inputs[0]);
}

test('every linalg.json case matches NumPy', () => {
  assert.ok(cases.length >= 100);
  for (const c of cases) {
    ex.tidy(() => {
      if (c.expect.error) {
        throwsCode(() => run(c), c.expect.error);
        return;
      }
      const got = run(c);
      assert.deepEqual(got.shape, c.expect.shape, `${c.name}: shape`);
      assert.equal(got.dtype, c.expect.dtype, `${c.name}: dtype`);
      const values = [got.toArray()].flat(Infinity).map(Number); // float16 too, as numbers
      const want = c.expect.values.map(number);
      assert.equal(values.length, want.length, `${c.name}: size`);
      const tol = TOLERANCE[c.expect.dtype];
      values.forEach((g, i) => {
        const w = want[i];
        const close = Number.isNaN(w) ? Number.isNaN(g) : !Number.isFinite(w) ? g === w : Math.abs(g - w) <= tol * Math.max(1, Math.abs(w));
        assert.ok(close, `${c.name}[${i}]: got ${g}, NumPy ${w}`);
      });
    });
  }
});

test('ex.linalg is a frozen namespace of five functions', () => {
  assert.deepEqual(Object.keys(ex.linalg).sort(), ['cholesky', 'det', 'inv', 'norm', 'solve']);
  assert.ok(Object.isFrozen(ex.linalg));
  for (const fn of Object.values(ex.linalg)) assert.equal(typeof fn, 'function');
});

test('results are new tensors that share no memory with the input, and the input is untouched', () => {
  ex.tidy(() => {
    const a = ex.tensor([[4, 2], [2, 5]], { dtype: 'float64' });
    for (const out of [ex.linalg.inv(a), ex.linalg.cholesky(a), ex.linalg.solve(a, a)]) {
      assert.equal(out.sharesMemory(a), false);
    }
    assert.deepEqual(a.toArray(), [[4, 2], [2, 5]]);
    assert.deepEqual(ex.linalg.cholesky(a).toArray(), [[2, 0], [1, 2]]);
    assert.ok(Math.abs(ex.linalg.det(a).item() - 16) < 1e-12);
  });
});

test('norm reads each option once, and refuses unknown options and ords', () => {
  ex.tidy(() => {
    const x = ex.tensor([[3, -4], [0, 1]]);
    const reads = [];
    const options = {};
    for (const [key, value] of [['ord', 1], ['axis', 1], ['keepDims', true]]) {
      Object.defineProperty(options, key, { enumerable: true, get: () => { reads.push(key); return value; } });
    }
    assert.deepEqual(ex.linalg.norm(x, options).toArray(), [[7], [1]]);
    assert.deepEqual(reads.sort(), ['axis', 'keepDims', 'ord']);
    throwsCode(() => ex.linalg.norm(x, { keepdims: true }), 'INVALID_ARGUMENT', /unknown option/);
    throwsCode(() => ex.linalg.norm(x, { ord: 'inf' }), 'INVALID_ARGUMENT', /ord must be/);
    assert.equal(ex.linalg.norm(x, { ord: 'fro' }).item(), Math.fround(Math.sqrt(26))); // float32 in, float32 out
  });
});
