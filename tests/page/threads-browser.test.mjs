// The threaded build in Chromium. The demo served with COOP/COEP is cross-origin isolated,
// loads the threaded build on navigator.hardwareConcurrency threads, shows the count, and
// synchronous calls from the page's main thread run parallel work on every thread without
// a refused Atomics.wait (the main thread joins rayon's pool and spins instead of blocking).
// Served without the headers, the same page falls back to a single-threaded build.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { servedChromiumSuite } from '../chromium.mjs';
import { CROSS_ORIGIN_ISOLATION } from '../../scripts/serve.mjs';

// Runs in the demo page: waits for the demo's own init, then works from the main thread.
const SCENARIO = `(async () => {
  const ex = await import('/js/browser.js');
  const info = await ex.init();
  const badge = document.getElementById('backend');
  for (let i = 0; i < 200 && document.body.dataset.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
  const out = {
    isolated: globalThis.crossOriginIsolated === true,
    cores: navigator.hardwareConcurrency,
    build: info.build,
    threads: info.threads,
    backendThreads: ex.backend().threads,
    badge: { build: badge.dataset.build, threads: badge.dataset.threads },
    status: document.getElementById('status').textContent,
  };
  if (info.build === 'threads') {
    const glue = await import('/pkg/extensor_threads.js');
    out.probes = [];
    for (let i = 0; i < 20; i++) out.probes.push(Array.from(glue.threadPoolProbe(256)));
    // Tensors come and go between parallel calls, all synchronous on the main thread.
    let ok = true;
    for (let round = 0; round < 100; round++) {
      const a = ex.arange(round + 1, 'float64');
      glue.threadPoolProbe(32);
      const s = a.sum();
      ok &&= s.item() === (round * (round + 1)) / 2;
      a.free(); s.free();
    }
    out.sumsRight = ok;
  }
  const t = ex.tensor([[1, 2], [3, 4]]);
  out.sum = t.sum().item();
  t.free();
  return out;
})()`;

describe('the threaded build in Chromium, cross-origin isolated', () => {
  const chromium = servedChromiumSuite({ headers: CROSS_ORIGIN_ISOLATION });

  it('the demo runs threaded from the main thread and shows the thread count', async () => {
    const { out, problems } = await chromium.evaluate('/www/', SCENARIO);
    assert.equal(out.isolated, true, 'COOP/COEP make the page cross-origin isolated');
    const threads = Math.min(64, out.cores);
    if (threads > 1) {
      assert.equal(out.build, 'threads');
      assert.equal(out.threads, threads);
      assert.equal(out.backendThreads, threads);
      assert.deepEqual(out.badge, { build: 'threads', threads: String(threads) });
      assert.match(out.status, new RegExp(`threads build, ${threads} threads`));
      for (const [poolThreads, distinct] of out.probes) {
        assert.equal(poolThreads, threads);
        assert.equal(distinct, 2, 'a parallel loop started on the main thread ran on two threads');
      }
      assert.equal(out.sumsRight, true);
    }
    assert.equal(out.sum, 10);
    assert.deepEqual(problems, [], 'no console error (no "Atomics.wait cannot be called in this context")');
  });
});

describe('the threaded build in Chromium, not isolated', () => {
  const chromium = servedChromiumSuite();

  it('without COOP/COEP the demo falls back to a single-threaded build', async () => {
    const { out, problems } = await chromium.evaluate('/www/', SCENARIO);
    assert.equal(out.isolated, false);
    assert.notEqual(out.build, 'threads');
    assert.equal(out.threads, 1);
    assert.equal(out.backendThreads, 1);
    assert.deepEqual(out.badge, { build: out.build, threads: '1' });
    assert.equal(out.sum, 10);
    assert.deepEqual(problems, []);
  });
});
