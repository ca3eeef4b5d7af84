// The NumPy conformance vectors (tests/conformance/cases-v2.json) and the project's own edge
// cases (tests/npy/everyday.json) in Chromium, every case on every build: the threaded build
// on a cross-origin-isolated page (plain init() picks it, on navigator.hardwareConcurrency
// threads), and relaxed, simd and baseline on pages without COOP/COEP. The page runs the same
// runner as Node's tests/js/conformance.test.mjs (tests/conformance/runner.mjs), one package
// instance a page, on an empty page so that the handle count ends at zero.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { servedChromiumSuite } from '../chromium.mjs';
import { CROSS_ORIGIN_ISOLATION } from '../../scripts/serve.mjs';
import { caseExists } from '../conformance/runner.mjs';

const { cases } = JSON.parse(readFileSync(new URL('../conformance/cases-v2.json', import.meta.url), 'utf8'));
const everyday = JSON.parse(readFileSync(new URL('../npy/everyday.json', import.meta.url), 'utf8')).cases;

/** What every page must report: each case of each kind ran, but the calls Node reports as todos. */
function expectedRan(todo) {
  const ran = { view: 0, error: 0, binary: 0, reduce: 0, matmul: 0, call: 0, everyday: everyday.length };
  for (const c of cases) ran[c.kind] += 1;
  ran.call -= todo.length;
  return ran;
}

// Node's todo list (calls of functions not in the package), from the same runner.
let nodeTodo;
before(async () => {
  const ex = await import('extensor');
  await ex.init({ simd: false });
  nodeTodo = cases.filter((c) => !caseExists(ex, c)).map((c) => c.id);
});

// Runs in the page: loads the package with `options`, then every case.
const scenario = (options) => `(async () => {
  const ex = await import('/js/browser.js');
  const { runAll } = await import('/tests/conformance/runner.mjs');
  const [v2, everyday] = await Promise.all(
    ['/tests/conformance/cases-v2.json', '/tests/npy/everyday.json'].map((p) => fetch(p).then((r) => r.json())),
  );
  const info = await ex.init(${JSON.stringify(options)});
  const started = performance.now();
  const result = runAll(ex, { cases: v2.cases, everyday: everyday.cases });
  return {
    isolated: globalThis.crossOriginIsolated === true,
    cores: navigator.hardwareConcurrency,
    build: info.build,
    threads: ex.backend().threads,
    ms: Math.round(performance.now() - started),
    ...result,
    liveHandles: ex.memory().liveHandles,
  };
})()`;

/** Runs every case on one page loaded with `options`; checks the report and returns it. */
async function checkEveryCase(t, chromium, options) {
  const { out, problems } = await chromium.evaluate('/tests/page/blank.html', scenario(options));
  t.diagnostic(`${out.build} build, ${out.threads} thread(s): every case in ${out.ms} ms in the page`);
  const shown = out.failures.slice(0, 20).map((f) => `  ${f.id}: ${f.message}`).join('\n');
  assert.equal(out.failures.length, 0, `${out.failures.length} cases failed on the ${out.build} build in Chromium:\n${shown}`);
  assert.deepEqual(out.todo, nodeTodo, 'the same calls are todos as in Node');
  assert.deepEqual(out.ran, expectedRan(nodeTodo));
  assert.equal(out.liveHandles, 0, 'every case freed its tensors');
  assert.deepEqual(problems, [], 'no console error');
  return out;
}

describe('the conformance vectors in Chromium, cross-origin isolated', () => {
  const chromium = servedChromiumSuite({ headers: CROSS_ORIGIN_ISOLATION });

  it('threads (plain init() on the isolated page, one thread a core): every case passes', async (t) => {
    const out = await checkEveryCase(t, chromium, {});
    assert.equal(out.isolated, true, 'COOP/COEP make the page cross-origin isolated');
    const threads = Math.min(64, out.cores);
    if (threads > 1) {
      assert.equal(out.build, 'threads');
      assert.equal(out.threads, threads);
    }
  });
});

describe('the conformance vectors in Chromium, not isolated', () => {
  const chromium = servedChromiumSuite();
  const BUILDS = { relaxed: {}, simd: { relaxed: false }, baseline: { simd: false } };

  for (const [build, options] of Object.entries(BUILDS)) {
    it(`${build} (init(${JSON.stringify(options)})): every case passes`, async (t) => {
      const out = await checkEveryCase(t, chromium, options);
      assert.equal(out.isolated, false);
      assert.equal(out.build, build);
    });
  }
});
