// ex.scope() in Chromium, with native `using` declarations (Node 20 cannot parse them):
// the browser has no async context, so this pins the realm-wide stack rules that
// tests/js/scope-stack.test.mjs checks in Node, here on the real browser entry point.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { servedChromiumSuite } from '../chromium.mjs';

// Runs in the page. A string, so that only Chromium parses the `using` declarations.
const SCENARIO = `(async () => {
  const ex = await import('/js/browser.js');
  await ex.init();
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const demoHandles = ex.memory().liveHandles; // the demo page's own tensors
  const live = () => ex.memory().liveHandles - demoHandles;
  const out = { build: ex.backend().build, asyncScopes: ex.backend().asyncScopes };

  async function normalize(values) {
    using scope = ex.scope();
    const t = ex.tensor(values);
    await tick();
    const centered = t.sub(t.mean());
    return scope.keep(centered.div(centered.abs().max()));
  }
  const kept = await normalize([1, 2, 3]);
  out.sequential = { values: Array.from(kept.data), live: live() };
  kept.free();

  async function failing() {
    using scope = ex.scope();
    ex.ones([2]);
    await tick();
    ex.ones([2]).reshape([3]);
  }
  try { await failing(); } catch (e) { out.thrown = e.code; }
  out.afterThrow = live();

  // Interleaved: b's scope opens while a is awaiting, so a's next temporary goes to b's
  // scope (the innermost open one) and is freed when b ends first.
  let resumeA, resumeB;
  const aMayResume = new Promise((r) => { resumeA = r; });
  const bMayEnd = new Promise((r) => { resumeB = r; });
  const a = (async () => {
    using scope = ex.scope();
    const mine = ex.arange(3);
    await aMayResume;
    const temp = mine.add(1);
    const result = scope.keep(temp.mul(2));
    resumeB();
    await tick();
    let use;
    try { temp.sum(); use = 'ok'; } catch (e) { use = e.code; }
    return { result, tempFreed: temp.isFreed, use, mineAlive: !mine.isFreed };
  })();
  const b = (async () => {
    using scope = ex.scope();
    ex.zeros([2]);
    resumeA();
    await bMayEnd;
  })();
  const [ra] = await Promise.all([a, b]);
  out.interleaved = { values: Array.from(ra.result.data), tempFreed: ra.tempFreed, use: ra.use, mineAlive: ra.mineAlive };
  ra.result.free();
  out.end = live();
  return out;
})()`;

describe('ex.scope() in Chromium', () => {
  const chromium = servedChromiumSuite();

  it('native `using` scopes span await; interleaved scopes follow the realm-wide stack', async () => {
    const { out, problems } = await chromium.evaluate('/www/', SCENARIO);
    assert.deepEqual(out, {
      build: 'relaxed',
      asyncScopes: false,
      sequential: { values: [-1, 0, 1], live: 1 },
      thrown: 'SHAPE_MISMATCH',
      afterThrow: 0,
      interleaved: { values: [2, 4, 6], tempFreed: true, use: 'FREED', mineAlive: true },
      end: 0,
    });
    assert.deepEqual(problems, []);
  });
});
