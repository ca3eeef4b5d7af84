// ex.einsum on wasm against NumPy: the edge cases of tests/einsum/cases.json (written by
// tests/einsum/generate.py, run natively by tests/einsum.rs), plus the JS-side contract:
// typed operands read once, results always new tensors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const { cases } = JSON.parse(readFileSync(new URL('../einsum/cases.json', import.meta.url), 'utf8'));

const operand = (spec) => ex.tensor(spec.values, { shape: spec.shape, dtype: spec.dtype });
const flat = (t) => t.reshape([-1]).toArray().map((v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : v));

test(`einsum matches NumPy on ${cases.length} edge cases`, () => {
  assert.ok(cases.length >= 70);
  for (const c of cases) {
    ex.tidy(() => {
      const operands = c.operands.map(operand);
      const what = `${JSON.stringify(c.subscripts)} of ${c.operands.map((o) => `${o.dtype}[${o.shape}]`).join(', ')}`;
      if (c.expect.error) {
        throwsCode(() => ex.einsum(c.subscripts, ...operands), c.expect.error);
        return;
      }
      const r = ex.einsum(c.subscripts, ...operands);
      assert.equal(r.dtype, c.expect.dtype, what);
      assert.deepEqual(r.shape, c.expect.shape, what);
      const want = c.expect.values.map(Number);
      const got = flat(r);
      const tolerance = r.dtype === 'float16' ? 1e-3 : 1e-12;
      got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= tolerance * Math.max(1, Math.abs(want[i])), `${what}: ${got} != ${want}`));
    });
  }
});

test('einsum results are new tensors, never views of an operand', () => {
  ex.tidy(() => {
    const a = ex.arange(9, 'int32').reshape([3, 3]);
    for (const s of ['ij->ji', 'ii->i', 'ij->ij', 'ij']) {
      const r = ex.einsum(s, a);
      assert.equal(r.isView, false, s);
      assert.equal(r.isContiguous, true, s);
    }
    const d = ex.einsum('ii->i', a);
    d.fill(0);
    assert.deepEqual(flat(a), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

test('einsum contracts like matmul, and reads each operand once', () => {
  ex.tidy(() => {
    const a = ex.rand([4, 5], { seed: 1, dtype: 'float64' });
    const b = ex.rand([5, 3], { seed: 2, dtype: 'float64' });
    const viaEinsum = flat(ex.einsum('ij,jk->ik', a, b));
    const viaMatmul = flat(a.matmul(b));
    viaEinsum.forEach((v, i) => assert.ok(Math.abs(v - viaMatmul[i]) < 1e-12));
    assert.equal(ex.einsum('ij,jk', a, b).dtype, 'float64');
    throwsCode(() => ex.einsum('ij,jk'), 'INVALID_ARGUMENT');
    throwsCode(() => ex.einsum(new String('ij'), a), 'INVALID_ARGUMENT');
  });
});
