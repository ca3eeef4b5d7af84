// The JS suites (tests/js/*.test.mjs) in headless Chromium: the threaded build on a
// cross-origin-isolated page (COOP/COEP; ex.backend().threads >= 2) and the simd build on a
// plain page. esbuild bundles each suite as it is, with node:test, node:assert/strict, the
// other node: modules and ./helpers.mjs replaced by the page's versions in tests/browser/
// (the package itself, its js/ and pkg/ modules stay separate URLs, so that a suite and its
// helpers share the one instance their frame loaded). Each suite runs in a fresh same-origin
// frame (a new realm, so a new package instance), as Node runs each file in its own process;
// two pages take suites at once (the fixtures the suites read are fetched once a page).
//
// Nothing is sampled: Node's own runner lists every test of every suite for the same build
// (tests/browser/name-reporter.mjs; no test body runs), and the tests that ran in the page
// must be exactly those, but the ones in EXCLUDED (each with the reason it cannot run in a
// page). A test the page skipped or marked todo must be skipped or todo in Node too (Node
// runs just those to check). Any failure in the page fails here with its name and message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { launchChromium } from '../chromium.mjs';
import { CROSS_ORIGIN_ISOLATION, startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUITES_DIR = path.join(ROOT, 'tests/js');
const SHIMS = path.join(ROOT, 'tests/browser/shims');
/**
 * JS_SUITES_ONLY=<regex>: only the suites whose file name matches (while working on one); the
 * checks stay whole for those. JS_SUITES_VERBOSE=1 prints each suite's time as it ends.
 */
const ONLY = process.env.JS_SUITES_ONLY ? new RegExp(process.env.JS_SUITES_ONLY) : null;
const SUITES = readdirSync(SUITES_DIR).filter((f) => f.endsWith('.test.mjs') && (ONLY === null || ONLY.test(f))).sort();

/**
 * The one exclusion list: tests that run in Node but cannot run in a page. `builds` limits an
 * entry to the page runs it names (else every run). Each entry must name a test Node has.
 */
const EXCLUDED = [
  {
    file: 'npz.test.mjs', test: ['numpy.load reads what toNpz writes, stored and compressed'],
    reason: 'spawns python3 with NumPy (node:child_process) on files it writes to a temporary folder',
  },
  {
    file: 'conformance.test.mjs', test: ['the copy of the conformance vectors is current'],
    reason: 'compares the copy with ../shared/conformance/cases-v2.json, outside the served repository (a repository check: no package call)',
  },
  {
    file: 'scope-lazy.test.mjs', test: ['the first ex.scope() creates the one async context; later scopes reuse it'],
    reason: "counts the AsyncLocalStorage objects ex.scope() makes in Node; a page has no AsyncLocalStorage (README, Scopes): the stand-in's constructor throws",
  },
  ...[
    'scopes follow the async context in Node',
    "interleaved async scopes never free each other's handles",
    'a scope ending while an interleaved one is still open frees only its own handles',
  ].map((name) => ({
    file: 'scope.test.mjs', test: [name],
    reason: "Node's rule for interleaved scopes (asyncScopes === true, AsyncLocalStorage); a page has one stack of scopes instead (README, \"Interleaving — browsers\"), which scope-stack.test.mjs pins and runs here",
  })),
  ...[
    'wasmPaths over http: the folder and a map of full URLs; the options still force a build',
    'a build that cannot be loaded names the URL it tried, wasmPaths and the README, and init works afterwards',
  ].map((name) => ({
    file: 'wasm-paths.test.mjs', test: [name],
    reason: 'fetches from a node:http server the test starts (and reads a missing file path); a page cannot listen',
  })),
  ...[
    'threads: 2 in Node loads the threaded build on two threads',
    'an explicit thread count rejects with the reason instead of falling back',
  ].map((name) => ({
    file: 'threads.test.mjs', test: ['choosing the threaded build', name], builds: ['simd'],
    reason: 'needs memory that can be shared: on a plain page init() never tries the threaded build (README, Threads); runs on the isolated page',
  })),
];

/** Pages a run uses at once (suites run one at a time on each): one a core of this 2-core machine. */
const LANES = 2;

/** The page runs: the build, the page's headers, and what the page must report. */
const RUNS = [
  { build: 'threads', headers: CROSS_ORIGIN_ISOLATION, isolated: true },
  { build: 'simd', headers: {}, isolated: false },
];

/** What the page fetches before a suite runs, for the node:fs shim (paths from the repository root). */
function fixtures(build) {
  const npy = readdirSync(path.join(ROOT, 'tests/npy')).filter((f) => /\.(json|npy|npz)$/.test(f)).map((f) => `tests/npy/${f}`);
  return [
    'package.json', 'README.md', 'tests/conformance/cases-v2.json', 'tests/einsum/cases.json', 'tests/gather/cases.json',
    ...npy, `pkg/extensor_${build}_bg.wasm`,
  ];
}

const key = (file, testPath) => JSON.stringify([file, ...testPath]);
const show = (k) => JSON.parse(k).join(' › ');

// ------------------------------------------------------------------ bundling

/** Where a suite's import goes in the page: the shims, the page's helpers, the package by URL. */
const BUILTINS = {
  'node:test': 'node-test-shim.mjs',
  'node:assert/strict': 'assert-shim.mjs',
  'node:assert': 'assert-shim.mjs',
  'node:fs': 'fs-shim.mjs',
  'node:util': 'util-shim.mjs',
  'node:os': 'os-shim.mjs',
  'node:timers/promises': 'timers-promises-shim.mjs',
  'node:url': 'url-shim.mjs',
  'node:path': 'path-shim.mjs',
  'node:child_process': 'child-process-shim.mjs',
  'node:http': 'http-shim.mjs',
  'node:async_hooks': 'async-hooks-shim.mjs',
};

const pagePlugin = {
  name: 'extensor-page',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => {
      const shim = BUILTINS[args.path];
      if (shim === undefined) return { errors: [{ text: `${args.path} has no page version in tests/browser/shims (imported by ${args.importer})` }] };
      return { path: path.join(SHIMS, shim) };
    });
    build.onResolve({ filter: /^extensor$/ }, () => ({ path: '/js/browser.js', external: true }));
    build.onResolve({ filter: /^\/(js|pkg)\// }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      if (file === path.join(SUITES_DIR, 'helpers.mjs')) return { path: path.join(ROOT, 'tests/browser/helpers.mjs') };
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      // The package's modules and its wasm-bindgen glue: one instance a page, by URL.
      if (relative.startsWith('js/') || relative.startsWith('pkg/')) return { path: `/${relative}`, external: true };
      return undefined;
    });
    // TypeScript (using-syntax.test.mjs) reaches for Node modules only when it runs in Node.
    build.onResolve({ filter: /^(fs|path|os|crypto|perf_hooks|inspector|source-map-support)$/ }, (args) => (
      args.importer.includes(`${path.sep}node_modules${path.sep}typescript${path.sep}`) ? { path: args.path, external: true } : undefined
    ));
  },
};

/** Every suite bundled for the page: file name → module source. */
async function bundleSuites() {
  const out = await esbuild.build({
    entryPoints: SUITES.map((f) => path.join(SUITES_DIR, f)),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'esnext',
    outdir: path.join(ROOT, 'tests/js'),
    entryNames: '[name]',
    splitting: false,
    inject: [path.join(SHIMS, 'globals-shim.mjs')],
    plugins: [pagePlugin],
    logLevel: 'silent',
  });
  return new Map(out.outputFiles.map((f) => [`${path.basename(f.path, '.js')}.mjs`, f.text]));
}

// ------------------------------------------------------------------ Node's list

/** Runs Node's runner over `files` for `build`; resolves to the reporter's events. */
function nodeEvents(build, files, namePatterns) {
  const args = [
    '--experimental-wasm-relaxed-simd', '--expose-gc', '--test',
    `--test-reporter=${path.join(ROOT, 'tests/browser/name-reporter.mjs')}`,
    ...namePatterns.map((p) => `--test-name-pattern=${p}`),
    ...files.map((f) => path.join(SUITES_DIR, f)),
  ];
  return new Promise((resolve, reject) => {
    // Without NODE_TEST_CONTEXT, which would make the child talk to this runner instead of the reporter.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, EXTENSOR_BUILD: build } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
      } catch (e) {
        reject(new Error(`the Node listing failed: ${e.message}\n${stderr.slice(0, 2000)}`));
      }
    });
  });
}

/** The tests in Node's events: key → event, paths rebuilt from nesting (a suite reports after its tests). */
function nodeTests(events) {
  const tests = new Map();
  const byFile = new Map();
  for (const e of events.filter((x) => x.file)) {
    const file = path.basename(e.file);
    byFile.set(file, [...(byFile.get(file) ?? []), e]);
  }
  for (const [file, fileEvents] of byFile) {
    const pending = [];
    for (const e of fileEvents) {
      const level = (pending[e.nesting] ??= []);
      const children = e.suite ? (pending[e.nesting + 1] ?? []) : [];
      if (e.suite) pending[e.nesting + 1] = [];
      if (children.length === 0) level.push({ ...e, path: [e.name] });
      for (const child of children) level.push({ ...child, path: [e.name, ...child.path] });
    }
    for (const t of pending[0] ?? []) tests.set(key(file, t.path), t);
  }
  return tests;
}

/** Node's full list of tests for `build` (a name pattern that matches nothing: no test body runs). */
async function nodeList(build) {
  const tests = nodeTests(await nodeEvents(build, SUITES, ['^(?!)$']));
  const files = new Set([...tests.keys()].map((k) => JSON.parse(k)[0]));
  assert.deepEqual([...files].sort(), SUITES, 'Node listed tests of every suite');
  return tests;
}

/** Node's own status of the tests `keys` (it runs only those): key → 'skip' | 'todo' | 'pass' | 'fail'. */
async function nodeStatuses(build, keys) {
  if (keys.length === 0) return new Map();
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = [...new Set(keys.map((k) => JSON.parse(k).at(-1)))];
  const files = [...new Set(keys.map((k) => JSON.parse(k)[0]))];
  const tests = nodeTests(await nodeEvents(build, files, names.map((n) => `^${escape(n)}$`)));
  const statuses = new Map();
  for (const k of keys) {
    const t = tests.get(k);
    statuses.set(k, t === undefined ? 'missing' : t.failed ? 'fail' : t.todo !== undefined ? 'todo' : t.skip !== undefined ? 'skip' : 'pass');
  }
  return statuses;
}

// ------------------------------------------------------------------ the page

/**
 * Opens a page that runs suites one after another, each in a fresh same-origin frame (a new
 * realm: a new package instance, as Node's new process a file). The page fetches the fixtures
 * once; frames read them through the node:fs shim.
 */
async function openLane({ browser, server, bundles, build }) {
  const page = await browser.newPage();
  let current = null; // the console errors and uncaught errors of the suite running now
  page.on('pageerror', (err) => current?.pageErrors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') current?.consoleErrors.push(msg.text()); });
  // Each bundle is served at its suite's own URL, so that import.meta.url and stack traces name it as in Node.
  for (const [file, body] of bundles) {
    await page.route(`**/tests/js/${file}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }));
  }
  await page.goto(new URL('/tests/browser/suite.html', server.url).href);
  await page.evaluate(async (fixtures) => {
    const files = new Map();
    await Promise.all(fixtures.map(async (f) => {
      const response = await fetch(`/${f}`);
      if (!response.ok) throw new Error(`fixture ${f}: HTTP ${response.status}`);
      files.set(new URL(`/${f}`, location.origin).href, new Uint8Array(await response.arrayBuffer()));
    }));
    globalThis.__EXTENSOR_FILES = files;
  }, fixtures(build));

  /** Runs `file` in a new frame; resolves to its records and what the frame reports. */
  async function runSuite(file, excluded) {
    current = { pageErrors: [], consoleErrors: [] };
    const out = await page.evaluate(async ({ url, build, excluded }) => {
      const frame = document.createElement('iframe');
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.src = '/tests/browser/suite.html';
      document.body.append(frame);
      await loaded;
      const w = frame.contentWindow;
      try {
        w.__EXTENSOR_PAGE = { build };
        // Node's global that a suite reaches through source it evaluates (using-syntax.test.mjs).
        w.setImmediate = (fn, ...args) => w.setTimeout(fn, 0, ...args);
        let loadError = null;
        try {
          await w.eval(`import(${JSON.stringify(url)})`);
        } catch (e) {
          loadError = `${e?.name}: ${e?.message}\n${e?.stack ?? ''}`;
        }
        const records = loadError === null ? await w.__EXTENSOR_RUN({ excluded }) : [];
        const ex = await w.eval("import('/js/browser.js')");
        let backend = null;
        try {
          backend = ex.backend();
        } catch {
          // the suite never initialised the package
        }
        return { loadError, records, isolated: w.crossOriginIsolated === true, backend };
      } finally {
        frame.remove();
      }
    }, { url: `/tests/js/${file}`, build, excluded });
    const reported = current;
    current = null;
    return { ...out, ...reported };
  }
  return { runSuite, close: () => page.close() };
}

/** Runs every suite on `lanes` pages at once; resolves to file → result, in SUITES order. */
async function runSuites({ lanes, ...options }, excludedFor, progress) {
  const queue = [...SUITES];
  const results = new Map();
  await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, async () => {
    const lane = await openLane(options);
    try {
      while (queue.length > 0) {
        const file = queue.shift();
        const started = performance.now();
        results.set(file, await lane.runSuite(file, excludedFor(file)));
        progress(file, (performance.now() - started) / 1000);
      }
    } finally {
      await lane.close();
    }
  }));
  return new Map(SUITES.map((f) => [f, results.get(f)]));
}

/** The bundles (a promise), made once for every run: a bundle does not depend on the build. */
let bundles;

for (const run of RUNS) {
  describe(`the JS suites in Chromium: the ${run.build} build, ${run.isolated ? 'cross-origin isolated (COOP/COEP)' : 'a plain page'}`, () => {
    let server;
    let browser;
    let nodeListing;
    before(async () => {
      nodeListing = nodeList(run.build); // Node lists while the page runs
      nodeListing.catch(() => {});
      bundles ??= bundleSuites();
      server = await startServer({ port: 0, quiet: true, headers: run.headers });
      browser = await launchChromium(['--js-flags=--expose-gc']);
      await bundles;
    });
    after(async () => {
      await browser?.close().catch(() => {});
      await server?.close().catch(() => {});
    });

    it('every test Node runs passes in the page, but the excluded ones', async (t) => {
      if (ONLY !== null) t.diagnostic(`JS_SUITES_ONLY: only ${SUITES.join(', ')}`);
      const excludedHere = EXCLUDED.filter((e) => SUITES.includes(e.file) && (e.builds === undefined || e.builds.includes(run.build)));
      const started = performance.now();
      const page = new Map();
      const problems = [];
      const excludedFor = (file) => excludedHere.filter((e) => e.file === file).map((e) => JSON.stringify(e.test));
      const progress = (file, seconds) => { if (process.env.JS_SUITES_VERBOSE) console.error(`${run.build} ${file}: ${seconds.toFixed(1)} s`); };
      const results = await runSuites({ lanes: LANES, browser, server, bundles: await bundles, build: run.build }, excludedFor, progress);
      for (const [file, out] of results) {
        if (out.loadError) problems.push(`${file}: the suite did not load: ${out.loadError}`);
        for (const e of out.pageErrors) problems.push(`${file}: uncaught in the page: ${e}`);
        if (out.consoleErrors.length > 0) t.diagnostic(`${file}: console errors: ${out.consoleErrors.slice(0, 5).join(' | ')}`);
        if (out.isolated !== run.isolated) problems.push(`${file}: crossOriginIsolated is ${out.isolated}`);
        if (out.backend !== null) {
          if (out.backend.build !== run.build) problems.push(`${file}: the page ran the ${out.backend.build} build`);
          if (run.build === 'threads' && !(out.backend.threads >= 2)) problems.push(`${file}: backend().threads is ${out.backend.threads}`);
        }
        for (const r of out.records) {
          const k = key(file, r.path);
          if (r.status === 'fail') problems.push(`${show(k)}: ${r.message}`);
          if (page.has(k)) problems.push(`${show(k)}: two tests of this name`);
          page.set(k, r);
        }
      }
      const pageSeconds = (performance.now() - started) / 1000;
      assert.deepEqual(problems, [], `failures in the page (the ${run.build} build):\n${problems.join('\n')}`);

      // The same tests as in Node, but the excluded ones.
      const node = await nodeListing;
      const excludedKeys = new Set(excludedHere.map((e) => key(e.file, e.test)));
      for (const k of excludedKeys) assert.ok(node.has(k), `the exclusion ${show(k)} names no test Node has`);
      const missing = [...node.keys()].filter((k) => !page.has(k)).map(show);
      const extra = [...page.keys()].filter((k) => !node.has(k) && !k.endsWith('"<after hook>"]')).map(show);
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'the page ran the tests Node has');
      const wrongExclusions = [...page].filter(([k, r]) => (r.status === 'excluded') !== excludedKeys.has(k)).map(([k]) => show(k));
      assert.deepEqual(wrongExclusions, [], 'the page left out exactly the excluded tests');

      // A test the page did not run must not run in Node either.
      const notRun = [...page].filter(([, r]) => r.status === 'skip' || r.status === 'todo').map(([k]) => k);
      const statuses = await nodeStatuses(run.build, notRun);
      const differ = notRun.filter((k) => statuses.get(k) !== page.get(k).status).map((k) => `${show(k)}: ${page.get(k).status} in the page, ${statuses.get(k)} in Node`);
      assert.deepEqual(differ, [], 'the tests the page skipped are skipped in Node too');

      const passed = [...page.values()].filter((r) => r.status === 'pass').length;
      t.diagnostic(`${passed} passed, ${notRun.length} skipped or todo as in Node, ${excludedKeys.size} excluded, of ${node.size} Node tests; ${SUITES.length} suites in ${pageSeconds.toFixed(1)} s in the page`);
    });
  });
}
