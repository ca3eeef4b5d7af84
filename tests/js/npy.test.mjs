// NumPy .npy interchange against files written by NumPy itself (tests/npy/, made by
// tests/npy/generate.py): reading every dtype, C and Fortran order, big-endian, format
// version 2.0, 0-d and empty; writing byte-for-byte what numpy.save writes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const dir = new URL('../npy/', import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8'));

// 64-bit integers read back as bigint; cases.json holds them as decimal strings.
const asNumber = (v) => (typeof v === 'bigint' ? v.toString() : v);

for (const [name, c] of Object.entries(cases)) {
  test(`fromNpy reads NumPy's ${name}.npy`, () => {
    const bytes = readFileSync(new URL(`${name}.npy`, dir));
    ex.tidy(() => {
      const t = ex.fromNpy(bytes);
      assert.deepEqual(t.shape, c.shape);
      assert.equal(t.dtype, c.dtype);
      const flat = t.reshape([-1]).toArray();
      assert.deepEqual(flat.map(asNumber), c.values);
      if (c.cOrder) {
        assert.deepEqual(Buffer.from(t.toNpy()), bytes, 'toNpy writes exactly what numpy.save wrote');
      }
      const back = ex.fromNpy(t.toNpy());
      assert.deepEqual(back.toArray(), t.toArray(), 'round trip');
    });
  });
}

test('toNpy of views writes their elements in C order', () => {
  ex.tidy(() => {
    const v = ex.arange(12, 'int32').reshape([3, 4]).slice('::-1, 1::2').transpose();
    const back = ex.fromNpy(v.toNpy().buffer);
    assert.deepEqual(back.toArray(), v.toArray());
  });
});

test('fromNpy and toNpy refuse what they cannot represent', () => {
  ex.tidy(() => {
    throwsCode(() => ex.zeros([2], 'bfloat16').toNpy(), 'DTYPE', /bfloat16/);
    throwsCode(() => ex.fromNpy(new Uint8Array([1, 2, 3])), 'INVALID_ARGUMENT', /fromNpy/);
    throwsCode(() => ex.fromNpy('x'), 'INVALID_ARGUMENT');
    const bytes = ex.ones([4]).toNpy();
    throwsCode(() => ex.fromNpy(bytes.subarray(0, bytes.length - 1)), 'SHAPE_MISMATCH');
    const complex = Uint8Array.from(bytes);
    const at = Buffer.from(complex).indexOf("'<f4'");
    complex.set(Buffer.from("'<c8'"), at);
    throwsCode(() => ex.fromNpy(complex), 'DTYPE', /<c8/);
  });
});
