// The part of tests/js/helpers.mjs that tests/browser/helpers.mjs (the page's counterpart,
// for tests/page/js-suites-browser.test.mjs) uses as it is: the init() options of each build,
// the after-file memory check and throwsCode.
import assert from 'node:assert/strict';
import { after } from 'node:test';

/** The init() options that load each build (threads: the threaded build on 2 threads). */
export const OPTIONS = { relaxed: { relaxed: true }, simd: { simd: true, relaxed: false, threads: 1 }, baseline: { simd: false }, threads: { threads: 2 } };

/** Registers the after-file check for `ex`: ex.memory() back to zero. */
export function registerMemoryCheck(ex) {
  after(() => {
    const m = ex.memory();
    assert.equal(m.liveHandles, 0, `${m.liveHandles} live handles left: ${JSON.stringify(ex.debug.leaks())}`);
    assert.equal(m.liveStorages, 0, 'live storages left');
    assert.equal(m.storageBytes, 0, 'storage bytes left');
  });
}

/** Asserts fn throws an ExTensorError of `ex` with `code`; returns the error. */
export function throwsCodeOf(ex, fn, code, messagePart) {
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
