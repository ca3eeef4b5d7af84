// NumPy .npz archives both ways: files numpy.savez / numpy.savez_compressed wrote
// (tests/npy/*.npz, made by tests/npy/generate_npz.py) read back exactly; archives toNpz
// writes, stored and deflated, read back by ex.fromNpz and by NumPy itself (python3 + numpy
// spawned when present); malformed archives are INVALID_ARGUMENT, never a trap.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const dir = new URL('../npy/', import.meta.url);
const { files } = JSON.parse(readFileSync(new URL('npz_cases.json', dir), 'utf8'));

// 64-bit integers read back as bigint; npz_cases.json holds them as decimal strings.
const asNumber = (v) => (typeof v === 'bigint' ? v.toString() : v);

/** 64-bit FNV-1a of a tensor's C-order bytes, as npz_cases.json gives it for large members. */
function fnv1a64(t) {
  const typed = t.toTypedArray();
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

function freeAll(map) {
  for (const t of map.values()) t.free();
}

for (const [file, { members }] of Object.entries(files)) {
  test(`fromNpz reads NumPy's ${file}`, () => {
    const arrays = ex.fromNpz(readFileSync(new URL(file, dir)));
    try {
      assert.ok(arrays instanceof Map);
      assert.deepEqual([...arrays.keys()], members.map((m) => m.key), 'keys in archive order');
      for (const m of members) {
        const t = arrays.get(m.key);
        assert.deepEqual(t.shape, m.shape, m.key);
        assert.equal(t.dtype, m.dtype, m.key);
        if (m.fnv1a64) assert.equal(fnv1a64(t), m.fnv1a64, m.key);
        else assert.deepEqual(ex.tidy(() => t.reshape([-1]).toArray()).map(asNumber), m.values, m.key);
      }
    } finally {
      freeAll(arrays);
    }
  });
}

test('toNpz of a stored archive is byte for byte what numpy.savez wrote', () => {
  const bytes = readFileSync(new URL('savez_positional.npz', dir));
  const arrays = ex.fromNpz(bytes);
  try {
    assert.deepEqual(Buffer.from(ex.toNpz(arrays)), bytes);
  } finally {
    freeAll(arrays);
  }
});

/** One tensor of every dtype .npy holds, plus the shapes NumPy has trouble-free: 0-d, empty, a view. */
function sample() {
  const record = {};
  for (const dtype of ex.DTYPES) {
    if (dtype === 'bfloat16') continue;
    record[dtype] = ex.arange(6, dtype).reshape([2, 3]);
  }
  record.zero_d = ex.full([], -2.5, 'float64');
  record.empty = ex.zeros([0, 4], 'int16');
  record.view = ex.arange(12, 'int32').reshape([3, 4]).slice('::-1, 1::2');
  record['grüße'] = ex.tensor([true, false]);
  record.i64 = ex.tensor([-(2n ** 63n), 2n ** 62n], { dtype: 'int64' });
  record.u64 = ex.tensor([2n ** 64n - 1n, 0n], { dtype: 'uint64' });
  return record;
}

test('toNpz then fromNpz gives every tensor back, stored and compressed, from an object or a Map', () => {
  ex.tidy(() => {
    const record = sample();
    for (const input of [record, new Map(Object.entries(record))]) {
      for (const compress of [false, true]) {
        const bytes = ex.toNpz(input, { compress });
        assert.ok(bytes instanceof Uint8Array);
        const back = ex.fromNpz(bytes);
        assert.deepEqual([...back.keys()], Object.keys(record));
        for (const [key, t] of Object.entries(record)) {
          const b = back.get(key);
          assert.deepEqual([b.shape, b.dtype, b.toArray()], [t.shape, t.dtype, t.toArray()], `${key}, compress ${compress}`);
        }
      }
    }
    const zeros = ex.zeros([10000], 'float64');
    assert.ok(ex.toNpz({ zeros }, { compress: true }).length < ex.toNpz({ zeros }).length / 20, 'compress deflates');
    assert.equal(ex.toNpz({}).length, 22, 'an empty record is an empty zip');
    assert.equal(ex.fromNpz(ex.toNpz(new Map())).size, 0);
  });
});

/** python3 with numpy, or why not. */
function numpyPython() {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skip: `python3 with numpy is not available (${probe.error?.code ?? probe.stderr.trim().split('\n').pop()})` };
  return { version: probe.stdout.trim() };
}

const READ_WITH_NUMPY = `
import json, sys
import numpy as np
out = {}
for path in sys.argv[1:]:
    with np.load(path) as f:
        out[path] = [
            {"key": k, "dtype": str(a.dtype), "shape": list(a.shape),
             "values": [str(v) if a.dtype.kind in "iu" and a.dtype.itemsize == 8 else v for v in a.ravel().tolist()]}
            for k, a in ((k, f[k]) for k in f.files)
        ]
print(json.dumps(out))
`;

test('numpy.load reads what toNpz writes, stored and compressed', (t) => {
  const python = numpyPython();
  if (python.skip) {
    t.skip(python.skip);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'extensor-npz-'));
  try {
    ex.tidy(() => {
      const record = sample();
      const paths = [false, true].map((compress) => {
        const p = path.join(work, compress ? 'compressed.npz' : 'stored.npz');
        writeFileSync(p, ex.toNpz(record, { compress }));
        return p;
      });
      const run = spawnSync('python3', ['-c', READ_WITH_NUMPY, ...paths], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const read = JSON.parse(run.stdout);
      for (const p of paths) {
        assert.deepEqual(read[p].map((m) => m.key), Object.keys(record), `${p}: keys (numpy ${python.version})`);
        for (const m of read[p]) {
          const t = record[m.key];
          assert.equal(m.dtype, t.dtype === 'bool' ? 'bool' : t.dtype, m.key);
          assert.deepEqual(m.shape, t.shape, m.key);
          assert.deepEqual(m.values, t.reshape([-1]).toArray().map(asNumber), `${p}: ${m.key}`);
        }
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('fromNpz and toNpz refuse what they cannot read or write', () => {
  ex.tidy(() => {
    const a = ex.arange(3, 'int32');
    throwsCode(() => ex.fromNpz(new Uint8Array([1, 2, 3])), 'INVALID_ARGUMENT', /fromNpz/);
    throwsCode(() => ex.fromNpz('weights.npz'), 'INVALID_ARGUMENT');
    throwsCode(() => ex.fromNpz(a.toNpy()), 'INVALID_ARGUMENT', /zip/);
    throwsCode(() => ex.toNpz({ b: ex.zeros([2], 'bfloat16') }), 'DTYPE', /bfloat16/);
    throwsCode(() => ex.toNpz([a]), 'INVALID_ARGUMENT', /plain object or a Map/);
    throwsCode(() => ex.toNpz(a), 'INVALID_ARGUMENT');
    throwsCode(() => ex.toNpz(null), 'INVALID_ARGUMENT');
    throwsCode(() => ex.toNpz({ a: [1, 2] }), 'INVALID_ARGUMENT', /ExTensor/);
    throwsCode(() => ex.toNpz(new Map([[1, a]])), 'INVALID_ARGUMENT', /keys must be strings/);
    throwsCode(() => ex.toNpz({ '\uD800': a }), 'INVALID_ARGUMENT', /surrogate/);
    throwsCode(() => ex.toNpz({ a }, { compress: 1 }), 'INVALID_ARGUMENT', /compress/);
    throwsCode(() => ex.toNpz({ a }, { level: 9 }), 'INVALID_ARGUMENT', /unknown option/);
    throwsCode(() => ex.toNpz({ ['k'.repeat(70000)]: a }), 'INVALID_ARGUMENT', /too long/);
    const freed = ex.zeros([1]);
    freed.free();
    throwsCode(() => ex.toNpz({ freed }), 'FREED');
  });
});

test('malformed archives are INVALID_ARGUMENT: truncations, lying fields, random mutations', () => {
  ex.tidy(() => {
    const good = ex.toNpz({ a: ex.arange(50, 'int32'), b: ex.ones([3, 3], 'float64') }, { compress: true });
    for (let len = 0; len < good.length; len += 7) throwsCode(() => ex.fromNpz(good.subarray(0, len)), 'INVALID_ARGUMENT');
    // CRC-32 of the first central directory entry.
    const view = new DataView(good.buffer, good.byteOffset, good.byteLength);
    const cd = view.getUint32(good.length - 6, true);
    const crc = Uint8Array.from(good);
    crc[cd + 16] ^= 1;
    throwsCode(() => ex.fromNpz(crc), 'INVALID_ARGUMENT', /CRC-32/);
    const bomb = Uint8Array.from(good);
    new DataView(bomb.buffer).setUint32(cd + 24, 0xfffffff0, true);
    throwsCode(() => ex.fromNpz(bomb), 'INVALID_ARGUMENT', /declares/);
  });
  // xorshift32: deterministic mutations; each read is a Map of tensors or an ExTensorError.
  let s = 0x2545f491;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const good = ex.tidy(() => ex.toNpz({ a: ex.arange(50, 'int32'), b: ex.ones([3, 3], 'float64') }, { compress: next() % 2 === 0 }));
  for (let round = 0; round < 400; round++) {
    const bytes = Uint8Array.from(good);
    for (let k = 0; k < 1 + (next() % 3); k++) bytes[next() % bytes.length] = next() & 0xff;
    try {
      freeAll(ex.fromNpz(bytes));
    } catch (e) {
      assert.ok(e instanceof ex.ExTensorError, `round ${round}: ${e}`);
    }
  }
});
