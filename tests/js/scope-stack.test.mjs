// ex.scope() where there is no async context (browsers): one realm-wide stack of scopes.
// This file switches the Node build to that mode before its first scope, so the
// browser-side rules run here too; the demo page test runs them in Chromium as well.
import assert from 'node:assert/strict';
import test from 'node:test';
import { platform } from '../../js/platform.js';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

platform.AsyncLocalStorage = null;
checkMemoryReturnsToZero();

const live = () => ex.memory().liveHandles;
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('without an async context, scopes use one realm-wide stack', () => {
  assert.equal(ex.backend().asyncScopes, false);
});

test('one scope at a time spans await exactly as in Node', async () => {
  const before = live();
  for (let round = 0; round < 3; round += 1) {
    const kept = await (async () => {
      const scope = ex.scope();
      try {
        const x = ex.ones([4]);
        await tick();
        return scope.keep(x.mul(2).add(round));
      } finally {
        scope.dispose();
      }
    })();
    assert.deepEqual(Array.from(kept.data), new Array(4).fill(2 + round));
    kept.free();
  }
  assert.equal(live(), before);
});

test('interleaved scopes: the innermost open scope collects every task\'s handles', async () => {
  const before = live();
  const steps = [];
  let resumeA;
  let resumeB;
  const aMayResume = new Promise((resolve) => { resumeA = resolve; });
  const bMayEnd = new Promise((resolve) => { resumeB = resolve; });

  const a = (async () => {
    const scope = ex.scope();
    try {
      const mine = ex.arange(3);
      await aMayResume; // b's scope opened meanwhile and is now the innermost one
      const temp = mine.add(1); // so b's scope owns this temporary
      const kept = scope.keep(temp.mul(2)); // keep takes it out of b's scope too
      resumeB();
      await tick();
      await tick(); // b has ended by now and freed `temp`
      steps.push(['temp freed by b', temp.isFreed]);
      try {
        temp.sum();
      } catch (e) {
        steps.push(['using it', e.code]);
      }
      steps.push(['mine still alive', !mine.isFreed]);
      return kept;
    } finally {
      scope.dispose();
    }
  })();
  const b = (async () => {
    const scope = ex.scope();
    try {
      ex.zeros([2]);
      resumeA();
      await bMayEnd;
    } finally {
      scope.dispose();
    }
  })();

  const [kept] = await Promise.all([a, b]);
  assert.deepEqual(steps, [
    ['temp freed by b', true],
    ['using it', 'FREED'], // an error, never a use-after-free
    ['mine still alive', true],
  ]);
  assert.deepEqual(Array.from(kept.data), [2, 4, 6]);
  kept.free();
  assert.equal(live(), before);
});

test('interleaved tasks that only keep their results still end with exact counts', async () => {
  const before = live();
  const results = await Promise.all(Array.from({ length: 8 }, async (_, seed) => {
    const scope = ex.scope();
    try {
      await tick(); // every task's scope is open now; the last one opened is innermost
      const base = ex.full([4], seed);
      for (let i = seed; i < 8; i += 1) await tick(); // later tasks finish first
      return scope.keep(base.add(1));
    } catch (e) {
      return e.code;
    } finally {
      scope.dispose();
    }
  }));
  // Every `base` went to the innermost scope, the last task's, which ended first: a task's
  // outcome is a value or FREED, never a wrong number.
  for (const [seed, r] of results.entries()) {
    if (typeof r === 'string') {
      assert.equal(r, 'FREED');
    } else {
      assert.deepEqual(Array.from(r.data), new Array(4).fill(seed + 1));
      r.free();
    }
  }
  assert.ok(results.some((r) => r === 'FREED'), 'the interleaving did cross tasks');
  assert.equal(live(), before);
});

test('tidy works the same on the stack', () => {
  const before = live();
  const out = ex.tidy(() => ex.ones([3]).add(1));
  assert.equal(live(), before + 1);
  out.free();
});
