// The handle's members, creation functions, dtypes and element access, through the package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { BUILD, ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

test('backend reports the loaded build and the package version', () => {
  const b = ex.backend();
  assert.equal(b.build, BUILD);
  assert.equal(b.simd, BUILD !== 'baseline');
  assert.equal(b.relaxed, BUILD === 'relaxed');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(b.version, pkg.version);
  assert.equal(ex.VERSION, pkg.version);
  assert.ok(b.wasmMemoryBytes > 0);
});

test('init is idempotent and refuses to switch builds', async () => {
  assert.deepEqual((await ex.init()).build, BUILD);
  throwsCode(() => ex.initSync(undefined, { simd: BUILD === 'baseline' }), 'INVALID_ARGUMENT', /already initialised/);
});

test('handle members describe shape, strides, offset and flags', () => {
  ex.tidy(() => {
    const t = ex.zeros([2, 3, 4], 'float64');
    assert.deepEqual([t.shape, t.strides, t.offset, t.ndim, t.size, t.nbytes], [[2, 3, 4], [12, 4, 1], 0, 3, 24, 192]);
    assert.equal(t.isContiguous, true);
    assert.equal(t.isView, false);
    const v = t.slice('1, ::-1, 1:3');
    assert.deepEqual([v.shape, v.strides, v.offset], [[3, 2], [-4, 1], 12 + 8 + 1]);
    assert.equal(v.isView, true);
    assert.equal(v.isContiguous, false);
    assert.equal(t.refCount, 2);
    const b = t.broadcastTo([5, 2, 3, 4]);
    assert.equal(b.isWritable, false);
    throwsCode(() => b.fill(1), 'READ_ONLY');
    throwsCode(() => b.set(1, 0, 0, 0, 0), 'READ_ONLY');
    assert.equal(t.clone().sharesMemory(t), false);
    assert.equal(t.flatten().sharesMemory(t), true);
  });
});

test('creation functions follow NumPy', () => {
  ex.tidy(() => {
    assert.deepEqual(ex.ones([2], 'int8').toArray(), [1, 1]);
    assert.deepEqual(ex.full([2], 2.5).toArray(), [2.5, 2.5]);
    assert.deepEqual(ex.empty([3]).toArray(), [0, 0, 0]);
    assert.deepEqual(ex.arange(5).toArray(), [0, 1, 2, 3, 4]);
    assert.deepEqual(ex.arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
    assert.deepEqual(ex.arange(5, 0, -2, 'int32').toArray(), [5, 3, 1]);
    assert.deepEqual(ex.linspace(0, 1, 5, 'float64').toArray(), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(ex.eye(2, 3, 1, 'int32').toArray(), [[0, 1, 0], [0, 0, 1]]);
    assert.deepEqual(ex.eye(2).toArray(), [[1, 0], [0, 1]]);
    const r1 = ex.rand([100], { seed: 7 }).toArray();
    const r2 = ex.rand([100], { seed: 7 }).toArray();
    assert.deepEqual(r1, r2);
    assert.ok(r1.every((x) => x >= 0 && x < 1));
    const n = ex.randn([2000], { seed: 1, dtype: 'float64' });
    const mean = n.sum().item() / 2000;
    assert.ok(Math.abs(mean) < 0.1, `randn mean ${mean}`);
  });
});

test('rand and randn make float dtypes only, as NumPy\'s Generator does', () => {
  for (const dtype of ['float16', 'bfloat16', 'float32', 'float64']) {
    ex.tidy(() => {
      assert.equal(ex.rand([3], { seed: 2, dtype }).dtype, dtype);
      assert.equal(ex.randn([3], { seed: 2, dtype }).dtype, dtype);
    });
  }
  for (const dtype of ['int32', 'uint8', 'int64', 'bool']) {
    throwsCode(() => ex.rand([3], { dtype }), 'DTYPE', /rand: dtype must be a float dtype, got /);
    throwsCode(() => ex.randn([3], { dtype }), 'DTYPE', /randn: dtype must be a float dtype/);
  }
});

test('options objects: an array or an unknown key is an error, not silently ignored', async () => {
  // TF.js writes tf.tensor(values, shape); here the shape goes in the options.
  throwsCode(() => ex.tensor([1, 2, 3, 4], [2, 2]), 'INVALID_ARGUMENT', /tensor: options must be an object such as \{ dtype, shape \}, got an array \(write tensor\(values, \{ shape: \[\.\.\.\] \}\)\)/);
  throwsCode(() => ex.tensor([1, 2], { dtyp: 'int32' }), 'INVALID_ARGUMENT', /tensor: unknown option "dtyp"; expected \{ dtype, shape \}/);
  throwsCode(() => ex.rand([2], { seeed: 1 }), 'INVALID_ARGUMENT', /rand: unknown option "seeed"; expected \{ seed, dtype \}/);
  throwsCode(() => ex.randn([2], [1]), 'INVALID_ARGUMENT', /randn: options must be an object/);
  await assert.rejects(ex.init({ simdd: true }), { code: 'INVALID_ARGUMENT', message: /init: unknown option "simdd"; expected \{ simd, relaxed, module, wasmPaths, threads \}/ });
  throwsCode(() => ex.initSync(undefined, { module: null }), 'INVALID_ARGUMENT', /initSync: unknown option "module"/);
  throwsCode(() => ex.initSync(undefined, { simd: 'yes' }), 'INVALID_ARGUMENT', /initSync: simd must be a boolean/);
  const t = ex.tensor([1, 2, 3, 4], { shape: [2, 2], dtype: undefined });
  assert.deepEqual(t.shape, [2, 2]);
  t.free();
});

test('a dimension past what wasm32 can address says so', () => {
  throwsCode(() => ex.zeros([2 ** 31]), 'INVALID_SHAPE', /zeros: dimension 2147483648 in \[2147483648\] is larger than 2147483647, the most elements wasm32 can address/);
  throwsCode(() => ex.zeros([2, 2 ** 32]), 'INVALID_SHAPE', /larger than 2147483647/);
  throwsCode(() => ex.zeros([-1]), 'INVALID_SHAPE', /dimension -1 in \[-1\] is not a non-negative integer/);
});

test('transpose and squeeze name a bad axis argument', () => {
  ex.tidy(() => {
    const t = ex.ones([2, 1, 3]);
    throwsCode(() => t.transpose([0, 'x', 1]), 'INVALID_ARGUMENT', /transpose: axes must hold only numbers; item 1 is string "x"/);
    throwsCode(() => t.transpose('x'), 'INVALID_ARGUMENT', /transpose: axes must be an array of numbers, got string/);
    throwsCode(() => t.squeeze('x'), 'INVALID_ARGUMENT', /squeeze: axis must be a number or an array of numbers, got string "x"/);
    throwsCode(() => t.squeeze([1, 'a']), 'INVALID_ARGUMENT', /squeeze: axis must hold only numbers; item 1 is string "a"/);
    assert.deepEqual(t.squeeze([1]).shape, [2, 3]);
    assert.deepEqual(t.transpose(null).shape, [3, 1, 2]);
  });
});

test('tensor() infers shape and dtype from nested arrays, typed arrays and scalars', () => {
  ex.tidy(() => {
    const a = ex.tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual([a.shape, a.dtype], [[2, 3], 'float32']);
    assert.equal(ex.tensor([true, false]).dtype, 'bool');
    assert.equal(ex.tensor([1n, 2n]).dtype, 'int64');
    assert.equal(ex.tensor(new Int16Array([1, 2])).dtype, 'int16');
    const s = ex.tensor(3.5);
    assert.deepEqual([s.shape, s.item()], [[], 3.5]);
    assert.deepEqual(ex.tensor([1, 2, 3, 4, 5, 6], { shape: [3, 2], dtype: 'int32' }).toArray(), [[1, 2], [3, 4], [5, 6]]);
    assert.deepEqual(ex.tensor([]).shape, [0]);
    throwsCode(() => ex.tensor([[1, 2], [3]]), 'INVALID_SHAPE');
    throwsCode(() => ex.tensor(['a']), 'INVALID_ARGUMENT');
    throwsCode(() => ex.tensor([1], { dtype: 'float128' }), 'DTYPE');
  });
});

test('every dtype reads back as the contract says', () => {
  ex.tidy(() => {
    const expectations = {
      float32: [[1.5, -2], Float32Array], float64: [[1.5, -2], Float64Array],
      int8: [[127, -128], Int8Array], int16: [[300, -300], Int16Array], int32: [[70000, -1], Int32Array],
      uint8: [[255, 0], Uint8Array], uint16: [[65535, 1], Uint16Array], uint32: [[4294967295, 1], Uint32Array],
      int64: [[-(2n ** 63n), 5n], BigInt64Array], uint64: [[2n ** 64n - 1n, 5n], BigUint64Array],
      bool: [[true, false], Uint8Array], float16: [[1.5, -2], Uint16Array], bfloat16: [[1.5, -2], Uint16Array],
    };
    for (const [dtype, [values, Window]] of Object.entries(expectations)) {
      const t = ex.tensor(values, { dtype });
      assert.equal(t.dtype, dtype);
      assert.deepEqual(t.toArray(), values, dtype);
      assert.equal(t.get(0), values[0], dtype);
      assert.ok(t.data instanceof Window, dtype);
      assert.ok(t.toTypedArray() instanceof Window, dtype);
      assert.equal(t.nbytes, 2 * Window.BYTES_PER_ELEMENT);
    }
    // float16 window holds raw IEEE binary16 bits: 1.5 is 0x3E00.
    assert.equal(ex.tensor([1.5], { dtype: 'float16' }).data[0], 0x3e00);
    assert.equal(ex.tensor([1.5], { dtype: 'bfloat16' }).data[0], 0x3fc0);
  });
});

test('numbers convert into integer dtypes with typed-array semantics', () => {
  ex.tidy(() => {
    assert.deepEqual(ex.tensor([300, -1.9, NaN, Infinity], { dtype: 'int8' }).toArray(), [44, -1, 0, 0]);
    assert.deepEqual(ex.tensor([-1], { dtype: 'uint8' }).toArray(), [255]);
    assert.deepEqual(ex.tensor([2, 0, NaN], { dtype: 'bool' }).toArray(), [true, false, true]);
  });
});

test('get, set, item, fill and assign', () => {
  ex.tidy(() => {
    const t = ex.zeros([2, 3], 'int32');
    t.set(5, 1, -1);
    assert.equal(t.get(1, 2), 5);
    throwsCode(() => t.get(2, 0), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.get(0, 0, 0), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.get(0), 'INVALID_ARGUMENT');
    throwsCode(() => t.get(0.5, 0), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.item(), 'INVALID_ARGUMENT');
    assert.equal(t.slice('1, 2').item(), 5);
    t.fill(2);
    assert.deepEqual(t.toArray(), [[2, 2, 2], [2, 2, 2]]);
    t.assign(ex.tensor([1, 2, 3], { dtype: 'float64' }));
    assert.deepEqual(t.toArray(), [[1, 2, 3], [1, 2, 3]]);
    throwsCode(() => t.assign(ex.zeros([4])), 'SHAPE_MISMATCH');
    const u = ex.zeros([2], 'uint64');
    u.set(2n ** 64n - 1n, 0);
    assert.equal(u.get(0), 2n ** 64n - 1n);
  });
});

test('slice accepts the array form with ranges, null and ellipsis', () => {
  ex.tidy(() => {
    const t = ex.arange(24, 'int32').reshape([2, 3, 4]);
    const a = t.slice([1, [0, null, 2], '...', null]);
    const b = t.slice('1, 0::2, ..., None');
    assert.deepEqual(a.shape, b.shape);
    assert.deepEqual(a.toArray(), b.toArray());
    throwsCode(() => t.slice('::0'), 'INVALID_ARGUMENT');
    throwsCode(() => t.slice('..., ...'), 'INVALID_ARGUMENT');
    throwsCode(() => t.slice([{}]), 'INVALID_ARGUMENT');
  });
});

test('toString prints NumPy-style and summarises above 1000 elements', () => {
  ex.tidy(() => {
    assert.equal(ex.arange(4, 'int32').reshape([2, 2]).toString(), 'ExTensor([[0, 1], [2, 3]], dtype=int32)');
    const big = ex.arange(2000, 'int32').toString();
    assert.equal(big, 'ExTensor([0, 1, 2, ..., 1997, 1998, 1999], dtype=int32)');
  });
});

test('toString writes float64 numbers exactly as JavaScript does', () => {
  let x = 0x9e3779b9;
  const random = () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const values = [0, -0.5, 1e-7, 1e-6, 9.99e-7, 1e21, 1e20, -1.5e300, 5e-324, Number.MAX_VALUE, 123456.789, 0.1 + 0.2];
  for (let i = 0; i < 2000; i += 1) values.push((random() - 0.5) * 10 ** Math.floor(random() * 60 - 30));
  const text = ex.tidy(() => ex.tensor(values, { dtype: 'float64' }).reshape([values.length, 1]).toString());
  // One row per value, so the 1000-element summary never applies to this check.
  const expected = values.length > 1000 ? null : `ExTensor([${values.map((v) => `[${String(v)}]`).join(', ')}], dtype=float64)`;
  for (const [i, v] of values.entries()) {
    const one = ex.tidy(() => ex.tensor([v], { dtype: 'float64' }).toString());
    assert.equal(one, `ExTensor([${String(v)}], dtype=float64)`, `value ${i}`);
  }
  if (expected) assert.equal(text, expected);
});

test('toString: float32 and half floats print their shortest round-trip text; empty tensors name their shape', () => {
  ex.tidy(() => {
    assert.equal(ex.tensor([0.1, 1e-7, 3e38], { dtype: 'float32' }).toString(), 'ExTensor([0.1, 1e-7, 3e+38], dtype=float32)');
    assert.equal(ex.tensor([0.1, 1 / 3, 65504], { dtype: 'float16' }).toString(), 'ExTensor([0.1, 0.3333, 65500], dtype=float16)');
    assert.equal(ex.tensor([0.1], { dtype: 'bfloat16' }).toString(), 'ExTensor([0.1], dtype=bfloat16)');
    assert.equal(ex.zeros([0, 3]).toString(), 'ExTensor([], shape=[0, 3], dtype=float32)');
    assert.equal(ex.zeros([0]).toString(), 'ExTensor([], dtype=float32)');
  });
});

test('every float16 and bfloat16 value prints text that reads back to the same bits', () => {
  for (const dtype of ['float16', 'bfloat16']) {
    const all = ex.zeros([65536], dtype);
    all.data.set(Uint16Array.from({ length: 65536 }, (_, i) => i));
    const mismatches = [];
    for (let start = 0; start < 65536; start += 1000) {
      const text = ex.tidy(() => all.slice(`${start}:${start + 1000}`).toString());
      const numbers = text.slice('ExTensor(['.length, text.indexOf('], dtype')).split(', ');
      const bits = ex.tidy(() => ex.tensor(numbers.map(Number), { dtype }).data.slice());
      bits.forEach((b, j) => {
        const pattern = start + j;
        const negativeZero = pattern === 0x8000; // prints "0", as String(-0) does
        if (numbers[j] !== 'NaN' && b !== pattern && !negativeZero) mismatches.push(`${pattern}: ${numbers[j]}`);
      });
    }
    all.free();
    assert.deepEqual(mismatches, [], dtype);
  }
});

test('sum and prod follow NumPy\'s default dtypes and take { dtype }, as NumPy\'s dtype=', () => {
  ex.tidy(() => {
    const image = ex.full([300], 200, 'uint8');
    assert.equal(image.sum().dtype, 'uint64');
    assert.equal(image.sum().item(), 60000n, 'a uint8 image sums without wrapping');
    assert.equal(image.sum(null, false, { dtype: 'uint8' }).item(), 60000 % 256, 'an explicit uint8 accumulator wraps');
    for (const [dtype, want] of [['bool', 'int64'], ['int8', 'int64'], ['int16', 'int64'], ['int32', 'int64'], ['int64', 'int64'],
      ['uint8', 'uint64'], ['uint16', 'uint64'], ['uint32', 'uint64'], ['uint64', 'uint64'], ['float16', 'float16'], ['float32', 'float32'], ['float64', 'float64']]) {
      const t = ex.ones([3], dtype);
      assert.equal(t.sum().dtype, want, `sum of ${dtype}`);
      assert.equal(t.prod(0).dtype, want, `prod of ${dtype}`);
      assert.equal(t.sum(null, false, { dtype: 'float32' }).dtype, 'float32');
    }
    assert.equal(ex.arange(4, 'int32').mean(null, false, { dtype: 'float32' }).dtype, 'float32');
    assert.equal(ex.tensor([1, 2], { dtype: 'int32' }).mean(null, false, { dtype: 'int32' }).item(), 1, 'an integer mean truncates, as NumPy');
    assert.equal(ex.tensor([true, false]).sum(null, false, { dtype: 'bool' }).item(), true);
    assert.throws(() => image.sum(null, false, { dtype: 'complex64' }), { code: 'DTYPE' });
    assert.throws(() => image.sum(null, false, { dtype: 'int32', out: 1 }), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => image.sum(null, false, 'int32'), { code: 'INVALID_ARGUMENT' });
  });
});

test('sum and contiguous work ahead of the math kernels', () => {
  ex.tidy(() => {
    const t = ex.arange(6, 'int32').reshape([2, 3]);
    // NumPy's default sum dtypes: int32 sums in int64 (BigInt elements).
    assert.deepEqual(t.sum(1).toArray(), [3n, 12n]);
    assert.deepEqual(t.sum(0, true).toArray(), [[3n, 5n, 7n]]);
    assert.equal(t.sum().item(), 15n);
    assert.equal(ex.tensor([true, true, false]).sum().dtype, 'int64');
    const tt = t.transpose();
    const c = tt.contiguous();
    assert.equal(c.sharesMemory(tt), false);
    assert.deepEqual(Array.from(c.data), [0, 3, 1, 4, 2, 5]);
    const same = t.contiguous();
    assert.equal(same.sharesMemory(t), true);
    throwsCode(() => tt.data, 'INVALID_ARGUMENT', /contiguous/);
  });
});

test('bigints infer dtypes as NumPy does for Python ints: int64, uint64 past int64, float64 with fractions', () => {
  ex.tidy(() => {
    const big = ex.tensor([2n ** 63n, 1n]);
    assert.equal(big.dtype, 'uint64');
    assert.deepEqual(big.toArray(), [2n ** 63n, 1n]);
    assert.equal(ex.tensor([-1n, 2n]).dtype, 'int64');
    const mixed = ex.tensor([1n, 2.5]);
    assert.equal(mixed.dtype, 'float64');
    assert.deepEqual(mixed.toArray(), [1, 2.5]);
    assert.equal(ex.tensor([1n, 2]).dtype, 'int64');
    assert.equal(ex.full([1], 2n ** 64n - 1n).dtype, 'uint64');
    assert.equal(ex.full([1], 2n ** 64n - 1n).item(), 2n ** 64n - 1n);
    throwsCode(() => ex.tensor([2n ** 64n + 5n]), 'INVALID_ARGUMENT', /does not fit 64 bits/);
    throwsCode(() => ex.full([1], -(2n ** 63n) - 1n), 'INVALID_ARGUMENT', /does not fit 64 bits/);
  });
});

test('options are read as an options bag: inherited keys and getters count, unknown own keys are refused', () => {
  ex.tidy(() => {
    assert.equal(ex.tensor([1], Object.create({ dtype: 'int32' })).dtype, 'int32');
    class Options { get dtype() { return 'uint8'; } }
    assert.equal(ex.tensor([1], new Options()).dtype, 'uint8');
    assert.deepEqual(ex.rand([2], Object.create({ seed: 7 })).toArray(), ex.rand([2], { seed: 7 }).toArray());
    throwsCode(() => ex.tensor([1], { dtyp: 'int32' }), 'INVALID_ARGUMENT', /unknown option "dtyp"/);
  });
});

test('t.T is transpose() as a property: a new view handle on each read, FREED after free', () => {
  ex.tidy(() => {
    const t = ex.arange(6, 'int32').reshape([2, 3]);
    const a = t.T;
    const b = t.T;
    assert.notEqual(a, b, 'each read is its own handle');
    assert.deepEqual(a.shape, [3, 2]);
    assert.deepEqual(a.toArray(), [[0, 3], [1, 4], [2, 5]]);
    assert.ok(a.sharesMemory(t) && a.isView);
    assert.deepEqual(t.T.T.toArray(), t.toArray());
    const c = ex.zeros([4]);
    assert.deepEqual(c.T.shape, [4]);
    c.free();
    assert.throws(() => c.T, { code: 'FREED' });
  });
  assert.equal(ex.memory().liveHandles, 0);
});
