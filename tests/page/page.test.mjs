// Browser test of the demo page: serves the repository in-process, drives the system
// Chromium through playwright-core, and checks the page end to end.
// Run: node --test tests/page/   (needs `npm run build` first, and /usr/bin/chromium)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = 20_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

const TENSOR_TEXT = 'ExTensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], dtype=int32)';
const VIEW_TEXT = 'ExTensor([[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]], dtype=int32)';

for (const file of ['pkg/extensor.js', 'pkg/extensor_relaxed_bg.wasm', 'pkg/extensor_simd_bg.wasm', 'pkg/extensor_baseline_bg.wasm']) {
  if (!existsSync(path.join(ROOT, file))) {
    throw new Error(`${file} is missing: run \`npm run build\` (bash scripts/build.sh) before the page tests`);
  }
}
if (!existsSync(CHROMIUM)) {
  throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH); this suite never downloads a browser`);
}

/** Opens a page that records every console error, page error and failed request. */
async function openPage(context, url, { route } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.stack || err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  if (route) await page.route(route.pattern, route.handler);
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** Waits until main.js reports ready or an error; fails with the page's error text. */
async function waitReady(page, problems) {
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  const state = await page.getAttribute('body', 'data-state');
  if (state !== 'ready') {
    const text = await page.textContent('#error-text');
    assert.fail(`the page reported an error: ${text}\n${problems.join('\n')}`);
  }
}

async function memoryValue(page, key) {
  return Number(await page.getAttribute(`#memory-${key}`, 'data-value'));
}

describe('demo page (www/)', () => {
  let server;
  let context;
  let userDataDir;

  before(async () => {
    server = await startServer({ port: 0, quiet: true });
    userDataDir = await mkdtemp(path.join(tmpdir(), 'extensor-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1100, height: 760 },
      colorScheme: 'light',
      timeout: 60_000,
    });
  });

  after(async () => {
    // Each step runs even if an earlier one failed, so nothing is left behind.
    await context?.close().catch((e) => console.error('closing Chromium:', e));
    await server?.close().catch((e) => console.error('closing the server:', e));
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  });

  it('the server prints a localhost /www/ URL and redirects / there', async () => {
    assert.match(server.url, /^http:\/\/localhost:\d+\/www\/$/);
    const res = await fetch(new URL('/', server.url), { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/www/');
    await res.body?.cancel();
  });

  it('the server sends the right content types and refuses traversal', async () => {
    const type = async (p) => {
      const res = await fetch(new URL(p, server.url));
      await res.arrayBuffer();
      return [res.status, res.headers.get('content-type')];
    };
    assert.deepEqual(await type('/pkg/extensor_simd_bg.wasm'), [200, 'application/wasm']);
    assert.deepEqual(await type('/js/browser.js'), [200, 'text/javascript; charset=utf-8']);
    assert.deepEqual(await type('/scripts/serve.mjs'), [200, 'text/javascript; charset=utf-8']);
    assert.deepEqual(await type('/www/'), [200, 'text/html; charset=utf-8']);
    for (const p of ['/..%2f..%2fetc%2fpasswd', '/www/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/.git/HEAD', '/www/..%5c..%5cpackage.json']) {
      const res = await fetch(new URL(p, server.url));
      await res.arrayBuffer();
      assert.ok(res.status === 403 || res.status === 404, `${p} gave ${res.status}`);
    }
  });

  it('shows the backend, the tensor and its view, and freeing the view lowers refCount and liveHandles', async () => {
    const { page, problems } = await openPage(context, server.url);
    try {
      await page.waitForSelector('#backend[data-build]');
      await waitReady(page, problems);

      const build = await page.getAttribute('#backend', 'data-build');
      assert.equal(build, 'relaxed', 'Chromium 156 validates relaxed SIMD, so the relaxed build should load');
      assert.equal((await page.textContent('#backend')).trim(), build);
      assert.equal(await page.isVisible('#error'), false);

      assert.equal((await page.textContent('#tensor')).trim(), TENSOR_TEXT);
      assert.equal((await page.textContent('#view')).trim(), VIEW_TEXT);

      const refBefore = Number(await page.textContent('#refcount-tensor'));
      const viewRefBefore = Number(await page.textContent('#refcount-view'));
      const liveBefore = await memoryValue(page, 'liveHandles');
      assert.equal(refBefore, 2, 't and its view share one storage');
      assert.equal(viewRefBefore, 2);
      assert.equal(liveBefore, 2, 'only t and v are live (tidy freed the arange temporary)');
      assert.equal(await memoryValue(page, 'liveStorages'), 1);

      await page.click('#free-view');
      await page.waitForSelector('#free-view:disabled');

      const refAfter = Number(await page.textContent('#refcount-tensor'));
      const liveAfter = await memoryValue(page, 'liveHandles');
      assert.ok(refAfter < refBefore, `refCount should fall (was ${refBefore}, now ${refAfter})`);
      assert.equal(refAfter, 1);
      assert.ok(liveAfter < liveBefore, `liveHandles should fall (was ${liveBefore}, now ${liveAfter})`);
      assert.equal(liveAfter, 1);
      assert.equal(await memoryValue(page, 'liveStorages'), 1, 't still holds the storage');
      assert.equal((await page.textContent('#refcount-view')).trim(), 'freed');
      assert.equal((await page.textContent('#view')).trim(), 'ExTensor(<freed>)');
      assert.equal((await page.textContent('#tensor')).trim(), TENSOR_TEXT, 't is untouched');

      assert.deepEqual(problems, [], `console/page errors:\n${problems.join('\n')}`);
    } finally {
      await mkdir(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'page.png'), fullPage: true }).catch((e) => console.error('screenshot:', e));
      await page.close();
    }
  });

  it('?build=baseline loads the baseline build', async () => {
    const { page, problems } = await openPage(context, `${server.url}?build=baseline`);
    try {
      await waitReady(page, problems);
      assert.equal(await page.getAttribute('#backend', 'data-build'), 'baseline');
      assert.equal((await page.textContent('#tensor')).trim(), TENSOR_TEXT);
      assert.equal((await page.textContent('#view')).trim(), VIEW_TEXT);
      assert.deepEqual(problems, [], `console/page errors:\n${problems.join('\n')}`);
    } finally {
      await page.close();
    }
  });

  it('an init failure is shown in the page, not a blank page', async () => {
    const { page } = await openPage(context, server.url, {
      route: { pattern: '**/*.wasm', handler: (route) => route.fulfill({ status: 404, body: 'gone' }) },
    });
    try {
      await page.waitForSelector('body[data-state="error"]');
      assert.equal(await page.isVisible('#error'), true);
      assert.notEqual((await page.textContent('#error-text')).trim(), '');
      assert.equal(await page.getAttribute('#backend', 'data-build'), null);
    } finally {
      await page.close();
    }
  });

  it('a missing module is reported in the page', async () => {
    const { page } = await openPage(context, server.url, {
      route: { pattern: '**/js/browser.js', handler: (route) => route.fulfill({ status: 404, body: 'gone' }) },
    });
    try {
      await page.waitForSelector('body[data-state="error"]');
      assert.equal(await page.isVisible('#error'), true);
      assert.match(await page.textContent('#error-text'), /Could not load main\.js/);
    } finally {
      await page.close();
    }
  });
});
