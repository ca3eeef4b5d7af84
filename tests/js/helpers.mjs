// Shared by every JS test file: loads the build named by EXTENSOR_BUILD (simd | baseline)
// and checks, after the file's tests, that every handle and storage was released.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import * as ex from 'extensor';

export const BUILD = process.env.EXTENSOR_BUILD ?? 'simd';
const OPTIONS = { relaxed: { relaxed: true }, simd: { simd: true, relaxed: false }, baseline: { simd: false } };
await ex.init(OPTIONS[BUILD]);
assert.equal(ex.backend().build, BUILD, 'the requested build was loaded');

export { ex };

/** Registers the after-file check: ex.memory() back to zero. */
export function checkMemoryReturnsToZero() {
  after(() => {
    const m = ex.memory();
    assert.equal(m.liveHandles, 0, `live handles left: ${JSON.stringify(ex.debug.leaks())}`);
    assert.equal(m.liveStorages, 0, 'live storages left');
    assert.equal(m.storageBytes, 0, 'storage bytes left');
  });
}

/** Asserts fn throws an ExTensorError with `code`; returns the error. */
export function throwsCode(fn, code, messagePart) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${code}, nothing was thrown`);
  assert.ok(caught instanceof ex.ExTensorError, `expected ExTensorError, got ${caught?.name}: ${caught?.message}`);
  assert.equal(caught.code, code, caught.message);
  if (messagePart) assert.match(caught.message, messagePart);
  return caught;
}
