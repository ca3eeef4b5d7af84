// An AsyncLocalStorage in use slows every promise in a Node 20 process, so ExTensor makes
// one only for ex.scope(): a program that uses tidy alone never pays for it.
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import test from 'node:test';
import { platform } from '../../js/platform.js';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

let created = 0;
platform.AsyncLocalStorage = class CountingStorage extends AsyncLocalStorage {
  constructor() {
    super();
    created += 1;
  }
};
checkMemoryReturnsToZero();

test('tidy, even nested and with a scope-free async caller, creates no async context', async () => {
  for (let i = 0; i < 100; i += 1) {
    const kept = ex.tidy(() => ex.tidy(() => ex.ones([2]).add(1)).mul(2));
    await null;
    kept.free();
  }
  assert.equal(created, 0);
});

test('the first ex.scope() creates the one async context; later scopes reuse it', async () => {
  for (let i = 0; i < 10; i += 1) {
    const scope = ex.scope();
    try {
      ex.ones([1]);
      await null;
      ex.tidy(() => ex.ones([1]));
    } finally {
      scope.dispose();
    }
  }
  assert.equal(created, 1);
});
