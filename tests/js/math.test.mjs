// Math semantics beyond the conformance vectors: NEP 50 weak scalars, dtype rules,
// NaN handling, errors, and the n-ary functions.
import assert from 'node:assert/strict';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

test('a JS number is a weak scalar (NEP 50)', () => {
  ex.tidy(() => {
    const u8 = ex.tensor([250, 3], { dtype: 'uint8' });
    assert.equal(u8.add(3).dtype, 'uint8');
    assert.deepEqual(u8.add(10).toArray(), [4, 13], 'wraps like NumPy');
    assert.equal(u8.add(0.5).dtype, 'float64');
    assert.equal(ex.tensor([1], { dtype: 'float16' }).mul(1e10).dtype, 'float16');
    throwsCode(() => u8.add(300), 'INVALID_ARGUMENT', /out of bounds for uint8/);
    assert.deepEqual(u8.less(300).toArray(), [true, true], 'comparisons with out-of-range numbers are exact');
    assert.deepEqual(u8.greater(-1).toArray(), [true, true]);
    assert.equal(ex.tensor([true]).add(1).dtype, 'int64');
    assert.equal(ex.tensor([1n], { dtype: 'int64' }).add(2n).get(0), 3n);
  });
});

test('division is true division; integer pow refuses negative exponents', () => {
  ex.tidy(() => {
    const i = ex.tensor([1, 2, 3], { dtype: 'int8' });
    const d = i.div(2);
    assert.equal(d.dtype, 'float64');
    assert.deepEqual(d.toArray(), [0.5, 1, 1.5]);
    assert.deepEqual(i.pow(2).toArray(), [1, 4, 9]);
    throwsCode(() => i.pow(-1), 'INVALID_ARGUMENT', /negative/);
    assert.deepEqual(ex.tensor([1, -1]).div(0).toArray(), [Infinity, -Infinity]);
  });
});

test('bool arithmetic is logical, where NumPy defines it', () => {
  ex.tidy(() => {
    const a = ex.tensor([true, false]);
    const b = ex.tensor([true, true]);
    assert.deepEqual(a.add(b).toArray(), [true, true]);
    assert.deepEqual(a.mul(b).toArray(), [true, false]);
    throwsCode(() => a.sub(b), 'DTYPE');
  });
});

test('unary float functions give NumPy float dtypes and stay accurate', () => {
  ex.tidy(() => {
    assert.equal(ex.tensor([1], { dtype: 'int8' }).exp().dtype, 'float16');
    assert.equal(ex.tensor([1], { dtype: 'int16' }).exp().dtype, 'float32');
    assert.equal(ex.tensor([1], { dtype: 'int32' }).exp().dtype, 'float64');
    assert.equal(ex.tensor([1.5], { dtype: 'int32' }).floor().dtype, 'int32');
    assert.deepEqual(ex.tensor([0.5, 1.5, 2.5, -0.5, -1.7]).round().toArray(), [0, 2, 2, -0, -2]);
    const x = ex.linspace(-20, 20, 1001, 'float32');
    const got = x.exp().toArray();
    const xs = x.toArray();
    for (let i = 0; i < xs.length; i++) {
      const want = Math.exp(xs[i]);
      assert.ok(Math.abs(got[i] - want) <= 2 * ulp32(want), `exp(${xs[i]}) = ${got[i]}, want ${want}`);
    }
    assert.deepEqual(ex.tensor([-1, 0, 2]).relu().toArray(), [0, 0, 2]);
    assert.deepEqual(ex.tensor([0]).sigmoid().toArray(), [0.5]);
    assert.deepEqual(ex.tensor([-3], { dtype: 'int8' }).abs().toArray(), [3]);
    throwsCode(() => ex.tensor([true]).neg(), 'DTYPE');
  });
});

test('float32 unary functions are within 2 ulp of float64 references', () => {
  ex.tidy(() => {
    const cases = [
      ['exp', Math.exp, -87, 88],
      ['log', Math.log, 1e-30, 1e30],
      ['sqrt', Math.sqrt, 0, 1e6],
      ['tanh', Math.tanh, -12, 12],
      ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), -30, 30],
      ['sin', Math.sin, -100, 100],
      ['cos', Math.cos, -100, 100],
    ];
    for (const [name, ref, lo, hi] of cases) {
      const x = name === 'log' ? ex.tensor(Float32Array.from({ length: 20001 }, (_, i) => 10 ** (Math.log10(lo) + (i / 20000) * (Math.log10(hi) - Math.log10(lo))))) : ex.linspace(lo, hi, 20001, 'float32');
      const xs = x.toArray();
      const got = x[name]().toArray();
      let worst = 0;
      for (let i = 0; i < xs.length; i++) {
        const want = Math.fround(ref(xs[i]));
        const err = Math.abs(got[i] - ref(xs[i])) / ulp32(want === 0 ? 1e-45 : want);
        worst = Math.max(worst, err);
        assert.ok(err <= 2, `${name}(${xs[i]}) = ${got[i]}, want ${ref(xs[i])} (${err.toFixed(2)} ulp)`);
      }
    }
  });
});

function ulp32(x) {
  const f = new Float32Array([Math.abs(x)]);
  const bits = new Uint32Array(f.buffer);
  bits[0] += 1;
  return f[0] - Math.fround(Math.abs(x));
}

test('reductions: axes, keepDims, NaN, empty', () => {
  ex.tidy(() => {
    const t = ex.arange(24, 'float32').reshape([2, 3, 4]);
    assert.deepEqual(t.sum([0, 2]).toArray(), [60, 92, 124]);
    assert.deepEqual(t.max(-1, true).shape, [2, 3, 1]);
    assert.equal(t.argMax().item(), 23);
    assert.deepEqual(t.argMin(1).shape, [2, 4]);
    assert.ok(Number.isNaN(ex.tensor([1, NaN, 3]).max().item()));
    assert.equal(ex.tensor([1, NaN, 3]).argMax().item(), 1);
    assert.equal(ex.zeros([0]).sum().item(), 0);
    assert.equal(ex.zeros([0]).prod().item(), 1);
    throwsCode(() => ex.zeros([0]).max(), 'INVALID_ARGUMENT');
    throwsCode(() => t.argMax([0, 1]), 'INVALID_ARGUMENT');
    assert.equal(ex.tensor([1, 2], { dtype: 'int32' }).mean().dtype, 'float64');
    // 1e7 elements of 0.1 in float32: pairwise summation keeps the error tiny.
    const s = ex.full([10_000_000], 0.1).sum().item();
    assert.ok(Math.abs(s - 1e6) < 1, `sum ${s}`);
  });
});

test('reductions of strided and broadcast views read the right elements', () => {
  ex.tidy(() => {
    const t = ex.arange(12, 'int32').reshape([3, 4]);
    assert.deepEqual(t.transpose().sum(1).toArray(), [12n, 15n, 18n, 21n]);
    assert.deepEqual(t.slice('::-1, ::2').sum(0).toArray(), [12n, 18n]);
    assert.deepEqual(ex.arange(3, 'int32').broadcastTo([4, 3]).sum(0).toArray(), [0n, 4n, 8n]);
  });
});

test('matmul follows NumPy rules, including batch broadcasting and 1-D operands', () => {
  ex.tidy(() => {
    const a = ex.arange(24, 'float32').reshape([2, 3, 4]);
    const b = ex.arange(8, 'float32').reshape([4, 2]);
    const c = a.matmul(b);
    assert.deepEqual(c.shape, [2, 3, 2]);
    assert.deepEqual(c.slice('1, 2').toArray(), [20 * 0 + 21 * 2 + 22 * 4 + 23 * 6, 20 + 21 * 3 + 22 * 5 + 23 * 7]);
    assert.deepEqual(ex.arange(3).matmul(ex.arange(3)).shape, []);
    assert.equal(ex.arange(3).matmul(ex.arange(3)).item(), 5);
    throwsCode(() => a.matmul(a), 'SHAPE_MISMATCH', /inner dimensions 4 and 3/);
    throwsCode(() => ex.tensor(2).matmul(a), 'INVALID_ARGUMENT');
    const t = ex.arange(6, 'float64').reshape([2, 3]);
    assert.deepEqual(t.matmul(t.transpose()).toArray(), [[5, 14], [14, 50]], 'strided operands');
    assert.deepEqual(ex.tensor([[1, 2]], { dtype: 'int32' }).matmul(ex.tensor([[3], [4]], { dtype: 'int32' })).toArray(), [[11]]);
  });
});

test('matmul of larger float32 matrices matches a float64 reference', () => {
  ex.tidy(() => {
    for (const [m, k, n] of [[37, 61, 29], [128, 128, 128], [5, 300, 7]]) {
      const a = ex.randn([m, k], { seed: 1 });
      const b = ex.randn([k, n], { seed: 2 });
      const got = a.matmul(b).toArray();
      const ref = a.astype('float64').matmul(b.astype('float64')).toArray();
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          assert.ok(Math.abs(got[i][j] - ref[i][j]) <= 1e-4 * Math.sqrt(k) * 4, `[${m},${k},${n}] (${i},${j}): ${got[i][j]} vs ${ref[i][j]}`);
        }
      }
    }
  });
});

test('softmax, astype, concat, stack, where', () => {
  ex.tidy(() => {
    const x = ex.tensor([[1, 2, 3], [1, 1, 1]]);
    const s = x.softmax();
    assert.deepEqual(s.sum(-1).toArray().map((v) => Math.round(v * 1e6) / 1e6), [1, 1]);
    assert.ok(Math.abs(s.get(1, 0) - 1 / 3) < 1e-6);
    assert.deepEqual(ex.tensor([1000, 1000]).softmax().toArray(), [0.5, 0.5], 'stable for large inputs');
    assert.deepEqual(x.astype('int8').dtype, 'int8');
    const c = ex.concat([ex.zeros([1, 2], 'int32'), ex.ones([2, 2], 'float32')], 0);
    assert.deepEqual([c.shape, c.dtype], [[3, 2], 'float64']);
    throwsCode(() => ex.concat([ex.zeros([1, 2]), ex.zeros([1, 3])]), 'SHAPE_MISMATCH');
    throwsCode(() => ex.concat([]), 'INVALID_ARGUMENT');
    const st = ex.stack([ex.zeros([2]), ex.ones([2])], 1);
    assert.deepEqual(st.toArray(), [[0, 1], [0, 1]]);
    const w = ex.where(ex.tensor([true, false, true]), ex.tensor([1, 2, 3]), 0);
    assert.deepEqual(w.toArray(), [1, 0, 3]);
    assert.deepEqual(ex.where(ex.tensor([0, 2], { dtype: 'int32' }), 1, 2.5).toArray(), [2.5, 1]);
    // NEP 50, as the binary ops: a JS integer out of range for the tensor's dtype is an error
    const bytes = ex.tensor([1, 2], { dtype: 'uint8' });
    throwsCode(() => ex.where(ex.tensor([true, false]), bytes, -3), 'INVALID_ARGUMENT', /where: the number -3 is out of bounds for uint8/);
    throwsCode(() => ex.where(ex.tensor([true, false]), 300, bytes), 'INVALID_ARGUMENT', /out of bounds for uint8/);
    assert.deepEqual(ex.where(ex.tensor([true, false]), bytes, 255).toArray(), [1, 255]);
  });
});

test('mixed dtypes and strides compute without surprises', () => {
  ex.tidy(() => {
    const a = ex.arange(6, 'int16').reshape([2, 3]);
    const b = ex.arange(3, 'float32');
    const c = a.transpose().add(ex.arange(2, 'uint8'));
    assert.deepEqual(c.toArray(), [[0, 4], [1, 5], [2, 6]]);
    assert.equal(a.add(b).dtype, 'float32');
    assert.deepEqual(ex.tensor([1.5, 2.5], { dtype: 'float16' }).add(1).toArray(), [2.5, 3.5]);
    assert.equal(ex.tensor([1], { dtype: 'bfloat16' }).add(ex.tensor([1], { dtype: 'float16' })).dtype, 'float32');
  });
});
