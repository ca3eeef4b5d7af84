// Tests of the published npm package, as a consumer sees it: packs the repository with
// `npm pack`, checks the tarball's file list, installs it offline into a fresh temporary
// project, and uses it from there — Node ESM, Node CommonJS (require(esm)), TypeScript, and
// in headless Chromium one small app built by each bundler with the configuration the README
// documents (Vite build and dev server, webpack, Parcel, Rollup, esbuild two ways, no
// bundler), on every build, with a check that no bundle holds an absolute path of the machine.
// Nothing here resolves 'extensor' from the repository: every consumer lives in a mkdtemp
// directory outside it, so only the installed tarball can satisfy the import.
//
// Run: node --test --test-reporter=spec tests/package/
// Needs pkg/ built (`npm run build`), node_modules (the bundlers, playwright-core, typescript)
// and /usr/bin/chromium (or CHROMIUM_PATH); it never downloads a browser and never uses the network.
import { availableParallelism } from 'node:os';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../chromium.mjs';
import { CROSS_ORIGIN_ISOLATION } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'test-results');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const PAGE_TIMEOUT = 15_000;
const CHILD_TIMEOUT = 30_000;
const BUILDS = ['relaxed', 'simd', 'baseline'];
const WASM_FILES = BUILDS.map((b) => `pkg/extensor_${b}_bg.wasm`);
// The threaded build ships too (its own glue: its memory is imported), though no page here
// is cross-origin isolated, so none of the apps below loads it (tests/page/threads-browser).
const THREADED_FILES = ['pkg/extensor_threads.js', 'pkg/extensor_threads_bg.wasm'];
const SHIPPED_WASM = [...WASM_FILES, 'pkg/extensor_threads_bg.wasm'];
const ALL_BUILDS = [...BUILDS, 'threads'];
// Never part of the package, whatever `files` says.
const FORBIDDEN = /^(tests|src|target|node_modules|www|scripts|benches|fuzz|test-results|docs|\.[^/]*)(\/|$)|^Cargo\.|^webdriver\.json$|\.tgz$/;
// The README's benchmark chart travels with it, so the installed README shows it (npm adds
// the README of any folder it packs from, hence benches/README.md).
const README_IMAGES = ['benches/results.svg', 'benches/README.md'];

for (const file of ['pkg/extensor.js', ...WASM_FILES, ...THREADED_FILES]) {
  if (!existsSync(path.join(ROOT, file))) {
    throw new Error(`${file} is missing: run \`npm run build\` (bash scripts/build.sh) before the package tests`);
  }
}

// A child process inherits neither the test runner's context nor NODE_OPTIONS, and npm
// neither reads a user/global npmrc that could point it at a network nor nags to update.
const CHILD_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|NODE_TEST_CONTEXT|npm_)/i.test(k)),
);

/** Runs a command; resolves { stdout, stderr }, rejects with both in the message. */
function run(cmd, args, { cwd, timeout = CHILD_TIMEOUT, env = CHILD_ENV } = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout, env, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) {
        const why = error.killed ? `killed after ${timeout} ms` : `exit ${error.code ?? error.signal}`;
        reject(new Error(`${cmd} ${args.join(' ')} (cwd ${cwd}) failed: ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

/** Runs `node file ...args` in the consumer project; returns the JSON of its last stdout line. */
async function runNode(cwd, nodeArgs, file, args = []) {
  const { stdout, stderr } = await run(process.execPath, [...nodeArgs, file, ...args], { cwd });
  const lines = stdout.trim().split('\n');
  let json;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    assert.fail(`${file} printed no JSON:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  }
  return { json, stderr };
}

const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

// ------------------------------------------------------------------ consumer code

// One set of checks, run unchanged by the ESM, CommonJS and browser consumers. It returns
// plain JSON; the test asserts on it. Plain ES2022 (no TypeScript, no imports).
const CHECKS = String.raw`
function captureError(fn) {
  try {
    fn();
    return null;
  } catch (e) {
    return { name: e?.name, code: e?.code, isError: e instanceof Error, message: String(e?.message) };
  }
}

function checks(ex, initResult) {
  const out = { init: initResult, backend: ex.backend(), support: ex.engineSupport(), VERSION: ex.VERSION };

  // creation and views on one storage
  const a = ex.arange(0, 12, 1, 'int32');
  const m = a.reshape([3, 4]);
  const t = m.transpose();
  const col = m.slice(':, 1');
  out.views = {
    shapes: [a.shape, m.shape, t.shape, col.shape],
    dtype: a.dtype,
    isView: [a.isView, m.isView, t.isView, col.isView],
    refCount: [a.refCount, m.refCount, t.refCount, col.refCount],
    sharesMemory: [a.sharesMemory(m), a.sharesMemory(t), a.sharesMemory(col)],
  };
  col.fill(0); // writes through to a, m and t
  out.afterFill = { a: a.toArray(), t: t.toArray() };

  // free: idempotent, FREED afterwards, the views keep the storage alive
  a.free();
  a.free();
  out.afterFree = { isFreed: a.isFreed, mRefCount: m.refCount, col: col.toArray(), freedUse: captureError(() => a.toArray()) };

  // math with known results
  const x = ex.tensor([[1, 2], [3, 4]]);
  const y = ex.tensor([[5, 6], [7, 8]], { dtype: 'float32' });
  const p = x.matmul(y);
  const s = x.add(y);
  const total = s.sum();
  out.math = {
    matmul: p.toArray(),
    matmulDtype: p.dtype,
    add: s.toArray(),
    sum: total.item(),
    tidy: ex.tidy(() => ex.ones([4]).mul(2.5).sum().item()),
    exp0: ex.tidy(() => ex.zeros([2], 'float64').exp().toArray()),
  };

  // ExTensorError codes on bad input
  const r = ex.arange(6);
  out.errors = {
    reshape: captureError(() => r.reshape([4, 2])),
    dtype: captureError(() => ex.zeros([2], 'float99')),
    index: captureError(() => m.get(7, 0)),
    notInitOption: captureError(() => ex.tensor([1], 'nope')),
    isExTensorError: (() => { try { ex.zeros([2], 'float99'); } catch (e) { return e instanceof ex.ExTensorError; } return null; })(),
    codes: [...ex.ERROR_CODES],
  };
  r.free();

  // A product and a sum past the parallel thresholds: on the threaded build they run on
  // every thread (exact in float32: 512 ** 3 = 2 ** 27).
  out.parallel = ex.tidy(() => {
    const big = ex.ones([512, 512], 'float32');
    return big.matmul(big).sum().item();
  });
  out.isolated = globalThis.crossOriginIsolated === true;
  out.cores = typeof navigator === 'object' && navigator ? navigator.hardwareConcurrency ?? null : null;

  out.liveBeforeFree = ex.memory().liveHandles;
  for (const h of [m, t, col, x, y, p, s, total]) h.free();
  out.memory = ex.memory();
  return out;
}
`;

const ESM_CONSUMER = `import * as ex from 'extensor';
import { createRequire } from 'node:module';
${CHECKS}
const options = process.argv[2] ? JSON.parse(process.argv[2]) : undefined;
const out = checks(ex, await ex.init(options));
out.resolved = import.meta.resolve('extensor');
out.packageVersion = createRequire(import.meta.url)('extensor/package.json').version;
out.sameAsRequire = createRequire(import.meta.url)('extensor') === ex;
console.log(JSON.stringify(out));
`;

const CJS_CONSUMER = `'use strict';
const ex = require('extensor');
${CHECKS}
(async () => {
  const mode = process.argv[2];
  const initResult = mode === 'async' ? await ex.init()
    : mode === 'sync-baseline' ? ex.initSync(undefined, { simd: false })
    : ex.initSync();
  const out = checks(ex, initResult);
  out.resolved = require.resolve('extensor');
  out.packageVersion = require('extensor/package.json').version;
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

// require() and import() in one process must give one module instance: one wasm instance,
// one ExTensor class, one set of handles (no dual-package hazard).
const CJS_DUAL = `'use strict';
const viaRequire = require('extensor');
import('extensor').then((viaImport) => {
  const out = {
    sameNamespace: viaRequire === viaImport,
    sameClass: viaRequire.ExTensor === viaImport.ExTensor,
    sameErrorClass: viaRequire.ExTensorError === viaImport.ExTensorError,
  };
  viaRequire.initSync();
  out.importSeesInit = viaImport.backend().build;
  const t = viaImport.zeros([2, 2]);
  out.crossInstanceof = t instanceof viaRequire.ExTensor;
  out.liveSeenByRequire = viaRequire.memory().liveHandles;
  t.free();
  out.liveAfterFree = viaRequire.memory().liveHandles;
  out.resolvedRequire = require.resolve('extensor');
  console.log(JSON.stringify(out));
}).catch((e) => { console.error(e); process.exit(1); });
`;

/** A page for the browser apps: CHECKS' result shows in #out and body[data-state]. */
const pageHtml = (scripts) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>extensor consumer</title></head>
<body data-state="loading">
<pre id="out"></pre>
${scripts}
</body>
</html>
`;
const MODULE_SCRIPT = '<script type="module" src="./main.js"></script>';
const CLASSIC_SCRIPT = '<script defer src="./main.js"></script>';

/**
 * The browser app every bundler builds. `head` is all that differs between them: the import
 * of 'extensor' (and of the .wasm files where a bundler needs that) and `initOptions`, what
 * init() is given besides the build choice. The page forces a build with ?build=simd|baseline
 * (else it calls plain `ex.init()`) and publishes the result on window.__extensor.
 */
const browserApp = (head, { topLevelAwait = true } = {}) => `${head}
${CHECKS}
async function main() {
  const build = new URLSearchParams(location.search).get('build');
  const forced = build === 'baseline' ? { simd: false } : build === 'simd' ? { relaxed: false } : {};
  const options = { ...forced, ...initOptions };
  let result;
  try {
    result = { ok: true, ...checks(ex, await ex.init(Object.keys(options).length ? options : undefined)) };
  } catch (e) {
    result = { ok: false, error: String(e?.stack ?? e), name: e?.name, code: e?.code, message: String(e?.message) };
  }
  window.__extensor = result;
  document.getElementById('out').textContent = JSON.stringify(result, null, 2);
  document.body.dataset.state = result.ok ? 'ready' : 'error';
}
${topLevelAwait ? 'await main();' : 'main();'}
`;

// What a user writes: a bare import of 'extensor' and a top-level await of init().
const PLAIN_HEAD = `import * as ex from 'extensor';
const initOptions = {};`;
const INDEX_HTML = pageHtml(MODULE_SCRIPT);
const MAIN_JS = browserApp(PLAIN_HEAD);

const TS_CONSUMER_ESM = `import * as ex from 'extensor';
import { ExTensor, ExTensorError } from 'extensor';

const backend = await ex.init({ simd: false });
const build: string = backend.build;
const t: ExTensor = ex.arange(6).reshape([2, 3]);
const shape: readonly number[] = t.shape;
const refs: number = t.refCount;
t.free();
const live: number = ex.memory().liveHandles;
try {
  ex.zeros([2]).reshape([3]);
} catch (e) {
  if (e instanceof ExTensorError) {
    const code: string = e.code;
    console.log(code);
  }
}
// The types are real, not \`any\`: a name the package does not export is an error.
// @ts-expect-error definitelyNotExported is not part of the API
ex.definitelyNotExported();
export { build, shape, refs, live };
`;

const TS_CONSUMER_CJS = `import ex = require('extensor');

const backend = ex.initSync();
const build: string = backend.build;
const t = ex.zeros([2]);
const n: number = t.refCount;
t.free();
// @ts-expect-error definitelyNotExported is not part of the API
ex.definitelyNotExported();
export = { build, n };
`;

// ------------------------------------------------------------------ bundled browser apps

// The Rollup configuration the README documents: resolve bare imports as Node does (the
// "default" condition: js/browser.js) and emit the `new URL('…', import.meta.url)` assets.
const ROLLUP_CONFIG = `import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'main.js',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve(), importMetaAssets()],
};
`;

// esbuild follows no `new URL(…, import.meta.url)`, so the app imports the three builds
// itself: with --loader:.wasm=file each import is the URL of the file esbuild emits.
const ESBUILD_FILES_HEAD = `import * as ex from 'extensor';
import relaxed from 'extensor/pkg/extensor_relaxed_bg.wasm';
import simd from 'extensor/pkg/extensor_simd_bg.wasm';
import baseline from 'extensor/pkg/extensor_baseline_bg.wasm';
import threads from 'extensor/pkg/extensor_threads_bg.wasm';
const initOptions = { wasmPaths: { relaxed, simd, baseline, threads } };`;

// Or, with esbuild's defaults (an iife, no .wasm loader), the user copies
// node_modules/extensor/pkg/*.wasm into dist/wasm/ and says where they are.
const ESBUILD_COPIED_HEAD = `import * as ex from 'extensor';
const initOptions = { wasmPaths: './wasm/' };`;

const IMPORT_MAP = '<script type="importmap">{ "imports": { "extensor": "/node_modules/extensor/js/browser.js" } }</script>';

/**
 * The browser apps, one folder each in the bundler project: the files the user writes
 * (`files`), the build command exactly as the README documents it (a package of the
 * repository's devDependencies, then its arguments; none: served as written), the
 * index.html the user puts beside the bundle where the bundler makes none (`page`), a
 * folder the user copies the .wasm files into (`copyWasmTo`), how the build output shows a
 * warning (`warnings`) and which are expected (`tolerated`).
 */
const BUNDLED_APPS = [
  {
    name: 'webpack',
    dir: 'webpack',
    files: { 'src/index.js': browserApp(PLAIN_HEAD) },
    command: ['webpack', '--mode=production'],
    page: CLASSIC_SCRIPT,
    warnings: /^(WARNING|ERROR) in .*/gm,
    // webpack's performance hints: every .wasm build is over its 244 KiB advice limit.
    tolerated: /^WARNING in (asset size limit|entrypoint size limit|webpack performance recommendations)/,
  },
  {
    name: 'Parcel',
    dir: 'parcel',
    files: { 'index.html': pageHtml(MODULE_SCRIPT), 'main.js': browserApp(PLAIN_HEAD) },
    // Beyond `parcel build index.html`: no cache and no auto-install (nothing written outside
    // the temporary folder, never the network), and --log-level warn, so all it prints is a
    // warning or an error.
    command: ['parcel', 'build', 'index.html', '--dist-dir', 'dist', '--no-cache', '--no-autoinstall', '--log-level', 'warn'],
    warnings: /^.*\S.*$/gm,
  },
  {
    name: 'Rollup',
    dir: 'rollup',
    files: { 'rollup.config.mjs': ROLLUP_CONFIG, 'main.js': browserApp(PLAIN_HEAD) },
    command: ['rollup', '-c'],
    page: MODULE_SCRIPT,
    // import-meta-assets copies js/browser-worker.js as it is, so its import of the glue fails.
    isolated: 'falls back',
    // Among them "(!) Circular dependencies": the package's modules import no module that
    // imports them back (the class hands its private access to handle-access.js instead).
    warnings: /^\(!\) .*/gm,
  },
  {
    name: 'esbuild (ESM, .wasm imported as files)',
    dir: 'esbuild-esm',
    files: { 'main.js': browserApp(ESBUILD_FILES_HEAD) },
    // extensor/browser-worker, the threaded build's worker, is a second entry point, emitted
    // as dist/browser-worker.js beside the bundle, where the bundle's worker URL points.
    command: ['esbuild', 'main.js', 'extensor/browser-worker', '--bundle', '--minify', '--format=esm', '--loader:.wasm=file', '--entry-names=[name]', '--outdir=dist'],
    page: MODULE_SCRIPT,
    warnings: /\[(WARNING|ERROR)\].*/g,
  },
  {
    name: 'esbuild (default iife, .wasm copied)',
    dir: 'esbuild-iife',
    // An iife has no top-level await: the app calls main() and lets it finish.
    files: { 'main.js': browserApp(ESBUILD_COPIED_HEAD, { topLevelAwait: false }) },
    command: ['esbuild', 'main.js', '--bundle', '--minify', '--outdir=dist'],
    page: CLASSIC_SCRIPT,
    copyWasmTo: 'dist/wasm',
    isolated: 'falls back', // an iife has no import.meta.url to find the worker script by
    warnings: /\[(WARNING|ERROR)\].*/g,
  },
  {
    name: 'no bundler (import map to js/browser.js)',
    dir: 'no-bundler',
    files: { 'index.html': pageHtml(`${IMPORT_MAP}\n${MODULE_SCRIPT}`), 'main.js': browserApp(PLAIN_HEAD) },
    command: null,
  },
];

// The mistake the README warns about: an ESM bundle, the .wasm files neither imported nor copied.
const MISSING_WASM_APP = {
  name: 'esbuild (ESM, .wasm missing)',
  dir: 'esbuild-no-wasm',
  files: { 'main.js': browserApp(PLAIN_HEAD) },
  command: ['esbuild', 'main.js', '--bundle', '--minify', '--format=esm', '--outdir=dist'],
  page: MODULE_SCRIPT,
  warnings: /\[(WARNING|ERROR)\].*/g,
};

// The bundlers run from the repository's node_modules (devDependencies) while each app lives
// in a consumer project outside the repository. A bundler finds its own plugins and runtime
// from where it is installed (Parcel looks for @parcel/config-default in the project, then
// beside its CLI); only what the app's own files import must resolve from the app, and of
// those only rollup.config.mjs imports packages. They are symlinked into the project's
// node_modules, next to the installed tarball, exactly where `npm install -D` would put
// them, so every resolver (Node's ESM loader for the config, the bundlers' own) finds them
// with its ordinary algorithm, offline. NODE_PATH would not do: Node's ESM loader ignores it.
const LINKED_PACKAGES = ['@rollup/plugin-node-resolve', '@web/rollup-plugin-import-meta-assets'];

const BUILD_TIMEOUT = 120_000;
// No colours in what the bundlers print (their warnings are matched line by line).
const BUNDLER_ENV = { ...Object.fromEntries(Object.entries(CHILD_ENV).filter(([k]) => k !== 'FORCE_COLOR')), NO_COLOR: '1' };
// What an app does on a cross-origin-isolated page (its `isolated`; 'threads' unless said).
const ISOLATED_OUTCOMES = {
  threads: 'runs the threaded build on every core',
  'falls back': "runs a single-threaded build and warns once why (the bundle has no worker script)",
};
const FORCED_BUILDS = [['', 'relaxed'], ['?build=simd', 'simd'], ['?build=baseline', 'baseline']];

/** [command, ...args] that runs the bin of a package of the repository's node_modules. */
async function toolCommand(pkg) {
  const dir = path.join(ROOT, 'node_modules', pkg);
  const { bin } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const file = path.join(dir, typeof bin === 'string' ? bin : bin[pkg]);
  const handle = await open(file);
  try {
    const { buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    // A script runs on this Node; a native executable (esbuild's, once installed) runs itself.
    return buffer.toString('latin1') === '#!' ? [process.execPath, file] : [file];
  } finally {
    await handle.close();
  }
}

/**
 * Writes app's files into its folder of the consumer project and builds it; returns where
 * to serve it from (`root`), the page's path there, the build's output and its warnings.
 */
async function buildApp(app, consumer) {
  const dir = path.join(consumer, app.dir);
  for (const [file, text] of Object.entries(app.files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  if (!app.command) return { root: consumer, page: `${app.dir}/index.html`, output: '', warnings: [] };
  const [cmd, ...toolArgs] = await toolCommand(app.command[0]);
  const { stdout, stderr } = await run(cmd, [...toolArgs, ...app.command.slice(1)], { cwd: dir, timeout: BUILD_TIMEOUT, env: BUNDLER_ENV });
  const output = `${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const dist = path.join(dir, 'dist');
  if (app.page) await writeFile(path.join(dist, 'index.html'), pageHtml(app.page));
  if (app.copyWasmTo) {
    const from = path.join(consumer, 'node_modules/extensor/pkg');
    await mkdir(path.join(dir, app.copyWasmTo), { recursive: true });
    for (const f of (await readdir(from)).filter((f) => f.endsWith('.wasm'))) await copyFile(path.join(from, f), path.join(dir, app.copyWasmTo, f));
  }
  return { root: dist, page: 'index.html', output, warnings: output.match(app.warnings) ?? [] };
}

const builtWasm = new Map();
/** Which build of pkg/ the file holds, byte for byte (null: none). */
async function wasmBuildOf(file) {
  const bytes = await readFile(file);
  for (const b of ALL_BUILDS) {
    if (!builtWasm.has(b)) builtWasm.set(b, await readFile(path.join(ROOT, `pkg/extensor_${b}_bg.wasm`)));
    if (bytes.equals(builtWasm.get(b))) return b;
  }
  return null;
}

/** Every file under dir, relative, with / separators. */
const filesUnder = async (dir) => (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile())
  .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
  .sort();

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ------------------------------------------------------------------ expectations

const EXPECTED_VIEWS = {
  shapes: [[12], [3, 4], [4, 3], [3]],
  dtype: 'int32',
  isView: [false, true, true, true],
  refCount: [4, 4, 4, 4],
  sharesMemory: [true, true, true],
};
const EXPECTED_AFTER_FILL = {
  a: [0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11],
  t: [[0, 4, 8], [0, 0, 0], [2, 6, 10], [3, 7, 11]],
};
const EXPECTED_MATH = {
  matmul: [[19, 22], [43, 50]],
  matmulDtype: 'float32',
  add: [[6, 8], [10, 12]],
  sum: 36,
  tidy: 10,
  exp0: [1, 1],
};

/** The single-threaded build `init()` / `initSync()` should pick for an engine's { simd, relaxed } support. */
const bestBuild = (support) => (support.relaxed ? 'relaxed' : support.simd ? 'simd' : 'baseline');
/** What `await init()` picks in Node: the threaded build with two cores or more (threads: 'auto'). */
const bestNodeBuild = (support) => (availableParallelism() > 1 && support.simd ? 'threads' : bestBuild(support));

/**
 * Asserts the JSON of a page served with COOP/COEP: cross-origin isolated, so `init()` runs
 * the threaded build on every core (at most 64); with one core, the best single-threaded one.
 */
function assertThreaded(out, { version }) {
  assert.equal(out.isolated, true, 'COOP/COEP make the page cross-origin isolated');
  assertChecks(out, { build: Math.min(64, out.cores) > 1 ? 'threads' : bestBuild(out.support), version });
}

/** Asserts the JSON the shared CHECKS produced. */
function assertChecks(out, { build, version }) {
  assert.ok(ALL_BUILDS.includes(out.backend.build), `backend().build is ${out.backend.build}`);
  assert.equal(out.backend.build, build);
  assert.equal(out.init.build, build, 'init() returns backend()');
  assert.equal(out.backend.simd, build !== 'baseline');
  assert.equal(out.backend.relaxed, build === 'relaxed');
  assert.equal(out.backend.version, version);
  assert.equal(out.VERSION, version);
  const threads = build === 'threads' ? Math.min(64, out.cores ?? availableParallelism()) : 1;
  assert.equal(out.backend.threads, threads, 'backend().threads');
  assert.equal(out.parallel, 512 ** 3, 'a product past the parallel threshold');

  assert.deepEqual(out.views, EXPECTED_VIEWS);
  assert.deepEqual(out.afterFill, EXPECTED_AFTER_FILL, 'a write through a view shows in every view');
  assert.equal(out.afterFree.isFreed, true);
  assert.equal(out.afterFree.mRefCount, 3, 'freeing one handle lowers refCount');
  assert.deepEqual(out.afterFree.col, [0, 0, 0], 'a view outlives the tensor it came from');
  assert.equal(out.afterFree.freedUse?.code, 'FREED');
  assert.equal(out.afterFree.freedUse?.name, 'ExTensorError');

  assert.deepEqual(out.math, EXPECTED_MATH);

  assert.equal(out.errors.reshape?.code, 'SHAPE_MISMATCH');
  assert.match(out.errors.reshape.message, /reshape/);
  assert.equal(out.errors.dtype?.code, 'DTYPE');
  assert.equal(out.errors.index?.code, 'INDEX_OUT_OF_BOUNDS');
  assert.equal(out.errors.notInitOption?.code, 'INVALID_ARGUMENT');
  for (const e of Object.values(out.errors).filter((v) => v && typeof v === 'object' && 'code' in v)) {
    assert.equal(e.name, 'ExTensorError');
    assert.equal(e.isError, true);
  }
  assert.equal(out.errors.isExTensorError, true);
  assert.ok(out.errors.codes.includes('FREED'));

  assert.equal(out.liveBeforeFree, 8);
  assert.equal(out.memory.liveHandles, 0, 'every handle freed');
  assert.equal(out.memory.liveStorages, 0);
  assert.equal(out.memory.storageBytes, 0);
}

// ------------------------------------------------------------------ the suite

describe('the npm package', { timeout: 300_000 }, () => {
  let work; // mkdtemp dir: the tarball, the npm cache, the consumer project
  let project; // the consumer project (has node_modules/extensor from the tarball)
  let packed; // npm pack --json's entry
  let tarball;
  let version;
  let packedPaths;
  let hasTypes;

  before(async () => {
    work = await realpath(await mkdtemp(path.join(tmpdir(), 'extensor-package-')));
    const cache = path.join(work, 'npm-cache');
    // --ignore-scripts: packing must not build; this suite packs what pkg/ holds now.
    const pack = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work, '--cache', cache, '--loglevel=warn', '--update-notifier=false'], { cwd: ROOT });
    [packed] = JSON.parse(pack.stdout);
    packed.stderr = pack.stderr;
    tarball = path.join(work, packed.filename);
    version = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version;
    packedPaths = packed.files.map((f) => f.path).sort();
    hasTypes = packedPaths.includes('js/api.d.ts');

    const line = `package: ${packed.filename} ${MB(packed.size)} packed, ${MB(packed.unpackedSize)} unpacked, ${packed.entryCount} files`;
    console.log(line);
    await mkdir(RESULTS, { recursive: true });
    await writeFile(path.join(RESULTS, 'package-size.txt'), `${line}\n`);

    project = path.join(work, 'project');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'extensor-consumer', private: true, type: 'module' }, null, 2));
    // No network: --offline, an empty private cache and an unroutable registry. The tarball
    // has no dependencies, so this must succeed from the tarball alone.
    await run('npm', [
      'install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', cache,
      '--registry', 'http://127.0.0.1:9/', '--loglevel=warn', '--update-notifier=false',
    ], { cwd: project });
  }, { timeout: 60_000 });

  after(async () => {
    if (chromium) await (await chromium).close().catch((e) => console.error('closing Chromium:', e));
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
  }, { timeout: 30_000 });

  // One headless Chromium for every browser consumer (each page gets a fresh context).
  let chromium;
  const browser = () => (chromium ??= launchChromium());
  // Every production bundle built below (name -> its output folder), for the absolute-path check.
  const bundles = new Map();

  describe('npm pack', () => {
    it('packs exactly js/ (modules and declarations), the glues, the four builds, package.json, README and licences', async () => {
      assert.equal(packed.name, 'extensor');
      assert.equal(packed.version, version);
      assert.equal(packed.filename, `extensor-${version}.tgz`);
      assert.equal(packed.entryCount, packed.files.length);
      assert.ok((await stat(tarball)).size === packed.size, 'the tarball on disk has the reported size');

      const rootFiles = await readdir(ROOT);
      const expected = [
        ...(await readdir(path.join(ROOT, 'js'))).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts')).map((f) => `js/${f}`),
        'pkg/extensor.js',
        ...WASM_FILES,
        ...THREADED_FILES,
        'package.json',
        'README.md',
        ...README_IMAGES,
        ...rootFiles.filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f)),
      ].sort();
      const extra = packedPaths.filter((f) => !expected.includes(f));
      const missing = expected.filter((f) => !packedPaths.includes(f));
      assert.deepEqual(packedPaths, expected, `the tarball's files differ (fix "files" in package.json): extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}`);

      const forbidden = packedPaths.filter((p) => FORBIDDEN.test(p) && !README_IMAGES.includes(p));
      assert.deepEqual(forbidden, [], 'no tests, sources, build output, node_modules, demo page or dot-files');
      assert.deepEqual(packedPaths.filter((p) => p.endsWith('.wasm')), [...SHIPPED_WASM].sort(), 'exactly the four builds');
    });

    it('installs the built glue and .wasm files byte-for-byte', async () => {
      for (const f of ['pkg/extensor.js', ...WASM_FILES, ...THREADED_FILES]) {
        const [installed, built] = await Promise.all([
          readFile(path.join(project, 'node_modules/extensor', f)),
          readFile(path.join(ROOT, f)),
        ]);
        assert.ok(installed.equals(built), `${f} differs from the build in pkg/`);
        assert.equal(packed.files.find((e) => e.path === f).size, built.length);
      }
    });

    it('npm pack printed no warnings', () => {
      assert.equal(packed.stderr.trim(), '', 'npm pack warnings');
    });

    /** The packed files an exports target names; a subpath pattern's `*` matches any string, `/` included. */
    const packedFilesOf = (target) => {
      const [before, after = null] = target.replace(/^\.\//, '').split('*');
      return packedPaths.filter((f) => (after === null ? f === before : f.startsWith(before) && f.endsWith(after) && f.length > before.length + after.length));
    };

    it('every runtime target of package.json exists in the tarball', async () => {
      const pkg = JSON.parse(await readFile(path.join(project, 'node_modules/extensor/package.json'), 'utf8'));
      assert.equal(pkg.type, 'module');
      const targets = [];
      const walk = (v, cond) => {
        if (typeof v === 'string') targets.push([cond, v]);
        else if (v && typeof v === 'object') for (const [k, w] of Object.entries(v)) walk(w, k);
      };
      walk(pkg.exports, '.');
      const runtime = targets.filter(([cond]) => cond !== 'types');
      assert.ok(runtime.some(([c, p]) => c === 'node' && p === './js/node.js'), 'exports "." has node -> ./js/node.js');
      assert.ok(runtime.some(([c, p]) => c === 'default' && p === './js/browser.js'), 'exports "." has default -> ./js/browser.js');
      for (const [cond, target] of runtime) {
        assert.ok(packedFilesOf(target).length > 0, `exports condition "${cond}" -> ${target} is not in the tarball`);
      }
      // Subpath pattern: a bundler or user imports a build as an asset, by its published name.
      assert.equal(pkg.exports['./pkg/*.wasm'], './pkg/*.wasm');
      assert.deepEqual(packedFilesOf('./pkg/*.wasm'), [...SHIPPED_WASM].sort(), "'extensor/pkg/*.wasm' reaches exactly the four builds");
      for (const field of ['main', 'module', 'browser']) {
        if (typeof pkg[field] === 'string') assert.ok(packedPaths.includes(pkg[field].replace(/^\.\//, '')), `"${field}": ${pkg[field]} is not in the tarball`);
      }
      const lifecycle = Object.keys(pkg.scripts ?? {}).filter((s) => /^(pre|post)?install$/.test(s));
      assert.deepEqual(lifecycle, [], 'no install scripts run in consumers');
      assert.deepEqual(Object.keys(pkg.dependencies ?? {}), [], 'no runtime dependencies');
    });

    it('the types targets exist and "types" is the first condition', async (t) => {
      const pkg = JSON.parse(await readFile(path.join(project, 'node_modules/extensor/package.json'), 'utf8'));
      assert.ok(hasTypes, 'the tarball holds the declarations, js/api.d.ts');
      const dot = pkg.exports['.'];
      assert.equal(Object.keys(dot)[0], 'types', 'TypeScript takes the first matching condition: "types" must come before "node"/"default"');
      assert.ok(packedPaths.includes(dot.types.replace(/^\.\//, '')), `${dot.types} is not in the tarball`);
      if (pkg.types !== undefined) assert.ok(packedPaths.includes(pkg.types.replace(/^\.\//, '')), `"types": ${pkg.types} is not in the tarball`);
    });

    it('installs offline into a fresh project with nothing but extensor', async () => {
      const installed = await readdir(path.join(project, 'node_modules'));
      assert.deepEqual(installed.filter((f) => !f.startsWith('.')), ['extensor']);
      const pkg = JSON.parse(await readFile(path.join(project, 'node_modules/extensor/package.json'), 'utf8'));
      assert.equal(pkg.version, version);
      for (const f of packedPaths) assert.ok(existsSync(path.join(project, 'node_modules/extensor', f)), `${f} installed`);
    });
  });

  describe('Node ESM consumer (import)', () => {
    before(async () => {
      await writeFile(path.join(project, 'esm.mjs'), ESM_CONSUMER);
    });

    it('import + await init() loads the best build from the installed package (the threaded one, with two cores)', async () => {
      const { json, stderr } = await runNode(project, [], 'esm.mjs');
      assertChecks(json, { build: bestNodeBuild(json.support), version });
      assert.equal(json.resolved, pathToFileURL(path.join(project, 'node_modules/extensor/js/node.js')).href, 'the "node" condition, from the installed tarball');
      assert.equal(json.packageVersion, version);
      assert.equal(json.sameAsRequire, true, 'require() from ESM gives the same namespace');
      assert.equal(stderr, '');
    });

    it('init({ simd: false }) loads the baseline .wasm from the installed package', async () => {
      const { json, stderr } = await runNode(project, [], 'esm.mjs', ['{"simd":false}']);
      assertChecks(json, { build: 'baseline', version });
      assert.equal(stderr, '');
    });

    it('init({ relaxed: false, threads: 1 }) loads the simd .wasm', async () => {
      const { json } = await runNode(project, [], 'esm.mjs', ['{"relaxed":false,"threads":1}']);
      assertChecks(json, { build: 'simd', version });
    });

    it('with relaxed SIMD enabled in V8, init({ threads: 1 }) loads the relaxed .wasm', async (t) => {
      let result;
      try {
        result = await runNode(project, ['--experimental-wasm-relaxed-simd'], 'esm.mjs', ['{"threads":1}']);
      } catch (e) {
        if (/bad option|unknown flag/i.test(e.message)) {
          t.skip('this Node has no --experimental-wasm-relaxed-simd');
          return;
        }
        throw e;
      }
      assert.equal(result.json.support.relaxed, true);
      assertChecks(result.json, { build: 'relaxed', version });
    });
  });

  describe('Node CommonJS consumer (require)', () => {
    before(async () => {
      await writeFile(path.join(project, 'cjs.cjs'), CJS_CONSUMER);
      await writeFile(path.join(project, 'dual.cjs'), CJS_DUAL);
    });

    it("require('extensor') + initSync() works, without warnings", async () => {
      const { json, stderr } = await runNode(project, [], 'cjs.cjs', ['sync']);
      assertChecks(json, { build: bestBuild(json.support), version });
      assert.equal(json.resolved, path.join(project, 'node_modules/extensor/js/node.js'));
      assert.equal(json.packageVersion, version, "require('extensor/package.json').version");
      assert.equal(stderr, '', 'require(esm) printed nothing (no ExperimentalWarning)');
    });

    it("require('extensor') + await init() works", async () => {
      const { json } = await runNode(project, [], 'cjs.cjs', ['async']);
      assertChecks(json, { build: bestNodeBuild(json.support), version });
    });

    it('initSync(undefined, { simd: false }) loads the baseline build', async () => {
      const { json } = await runNode(project, [], 'cjs.cjs', ['sync-baseline']);
      assertChecks(json, { build: 'baseline', version });
    });

    it('require() and import() in one process share one module instance', async () => {
      const { json } = await runNode(project, [], 'dual.cjs');
      assert.deepEqual(
        { ...json, resolvedRequire: undefined },
        {
          sameNamespace: true,
          sameClass: true,
          sameErrorClass: true,
          importSeesInit: json.importSeesInit,
          crossInstanceof: true,
          liveSeenByRequire: 1,
          liveAfterFree: 0,
          resolvedRequire: undefined,
        },
      );
      assert.ok(BUILDS.includes(json.importSeesInit), 'initSync() through require() initialised the import() namespace');
      assert.equal(json.resolvedRequire, path.join(project, 'node_modules/extensor/js/node.js'));
    });
  });

  describe('Vite consumer in headless Chromium', () => {
    let server;
    let isolatedServer; // the same dist/, served with COOP/COEP
    let dist;
    let distFiles;
    let bundledModules;
    const viteWarnings = [];

    before(async () => {
      await writeFile(path.join(project, 'index.html'), INDEX_HTML);
      await writeFile(path.join(project, 'main.js'), MAIN_JS);

      // The production build, with the vite of the repository's devDependencies; root is the
      // consumer project, so 'extensor' resolves to its node_modules (the installed tarball).
      const vite = await import('vite');
      dist = path.join(project, 'dist');
      const modules = [];
      await vite.build({
        root: project,
        configFile: false,
        logLevel: 'warn',
        customLogger: await quietLogger(vite, viteWarnings),
        build: { outDir: dist, emptyOutDir: true },
        plugins: [{ name: 'record-modules', buildEnd() { modules.push(...this.getModuleIds()); } }],
      });
      bundledModules = modules.filter((id) => !id.startsWith('\0'));
      bundles.set('Vite', dist);
      server = await serveStatic(dist);
      isolatedServer = await serveStatic(dist, CROSS_ORIGIN_ISOLATION);
    }, { timeout: 90_000 });

    after(async () => {
      for (const s of [server, isolatedServer]) await s?.close().catch((e) => console.error('closing the server:', e));
    }, { timeout: 30_000 });

    /** A Vite logger that keeps warnings and errors (and prints nothing). */
    async function quietLogger(vite, into) {
      const logger = vite.createLogger('warn', { allowClearScreen: false });
      const keep = (level) => (msg) => into.push(`${level}: ${msg.trim()}`);
      Object.assign(logger, { info() {}, warn: keep('warn'), warnOnce: keep('warn'), error: keep('error') });
      return logger;
    }

    it('vite build resolves extensor from the installed package and emits the four .wasm files', async () => {
      const installed = path.join(project, 'node_modules/extensor') + path.sep;
      assert.ok(bundledModules.includes(path.join(installed, 'js/browser.js')), `bundles the "default" entry js/browser.js; modules: ${bundledModules.join(', ')}`);
      assert.ok(!bundledModules.some((id) => id.endsWith('/js/node.js')), 'never bundles the Node entry');
      assert.ok(!bundledModules.some((id) => id.startsWith(ROOT + path.sep)), 'nothing from the repository itself');

      distFiles = (await readdir(dist, { recursive: true })).map((f) => f.split(path.sep).join('/')).sort();
      for (const b of ALL_BUILDS) {
        const emitted = distFiles.filter((f) => new RegExp(`^assets/extensor_${b}_bg-[\\w-]+\\.wasm$`).test(f));
        assert.equal(emitted.length, 1, `one hashed extensor_${b}_bg-*.wasm in dist/ (got ${distFiles.join(', ')})`);
        const bytes = (await stat(path.join(dist, emitted[0]))).size;
        assert.equal(bytes, (await stat(path.join(ROOT, `pkg/extensor_${b}_bg.wasm`))).size, `${emitted[0]} is the ${b} build`);
      }
      assert.equal(distFiles.filter((f) => f.endsWith('.wasm')).length, 4);

      // No tolerated warnings: build.sh passes --omit-default-module-path, so the glue no
      // longer names wasm-bindgen's default extensor_bg.wasm, which the package does not ship.
      assert.deepEqual(viteWarnings, [], 'vite build warnings/errors');
    });

    for (const [query, build] of FORCED_BUILDS) {
      it(`the built page ${query || '(default)'} runs the ${build} build`, async () => {
        const { result, problems, wasm } = await openPage(await browser(), `${server.url}index.html${query}`);
        assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
        assertChecks(result, { build, version });
        if (build === 'relaxed') assert.equal(result.support.relaxed, true, 'Chromium validates relaxed SIMD');
        assert.equal(wasm.length, 1, `one .wasm fetched: ${JSON.stringify(wasm)}`);
        assert.match(wasm[0].path, new RegExp(`^/assets/extensor_${build}_bg-[\\w-]+\\.wasm$`));
        assert.equal(wasm[0].type, 'application/wasm');
        assert.deepEqual(problems, [], `console/page/network problems:\n${problems.join('\n')}`);
      });
    }

    it('served with COOP/COEP, the built page runs the threaded build on every core (its workers come from the bundle)', async () => {
      const { result, problems, wasm, workers } = await openPage(await browser(), `${isolatedServer.url}index.html`);
      assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
      assertThreaded(result, { version });
      assert.equal(wasm.length, 1, `one .wasm fetched (the workers get the compiled module): ${JSON.stringify(wasm)}`);
      if (result.backend.build === 'threads') {
        assert.match(wasm[0].path, /^\/assets\/extensor_threads_bg-[\w-]+\.wasm$/);
        assert.equal(workers.length, result.backend.threads - 1, `one worker per thread but the page's own: ${JSON.stringify(workers)}`);
        for (const w of workers) assert.match(new URL(w).pathname, /^\/assets\/browser-worker-[\w-]+\.js$/);
      }
      assert.deepEqual(problems, [], `console/page/network problems:\n${problems.join('\n')}`);
    });

    /** Runs `use(url)` against a Vite dev server of the consumer project (`headers` on every response); no warnings allowed. */
    async function withViteDevServer(headers, use) {
      const vite = await import('vite');
      const devWarnings = [];
      const dev = await vite.createServer({
        root: project,
        configFile: false,
        logLevel: 'warn',
        customLogger: await quietLogger(vite, devWarnings),
        server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null, headers },
      });
      try {
        await dev.listen();
        await use(dev.resolvedUrls.local[0]);
        assert.deepEqual(devWarnings, [], 'vite dev server warnings/errors');
      } finally {
        await dev.close();
      }
    }

    it('the vite dev server serves extensor (dependency pre-bundling keeps the .wasm URLs valid)', { timeout: 60_000 }, async () => {
      await withViteDevServer({}, async (url) => {
        for (const [query, build] of [['', 'relaxed'], ['?build=baseline', 'baseline']]) {
          const { result, problems, wasm } = await openPage(await browser(), `${url}${query}`);
          assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
          assertChecks(result, { build, version });
          assert.equal(wasm.length, 1, `one .wasm fetched: ${JSON.stringify(wasm)}`);
          assert.match(wasm[0].path, new RegExp(`extensor_${build}_bg\\.wasm$`));
          assert.equal(wasm[0].type, 'application/wasm');
          assert.deepEqual(problems.filter((p) => !/\[vite\]/.test(p)), [], `console/page/network problems:\n${problems.join('\n')}`);
        }
      });
    });

    it('the vite dev server with COOP/COEP in server.headers runs the threaded build (pre-bundling keeps the worker URL valid)', { timeout: 60_000 }, async () => {
      await withViteDevServer(CROSS_ORIGIN_ISOLATION, async (url) => {
        const { result, problems, workers } = await openPage(await browser(), url);
        assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
        assertThreaded(result, { version });
        if (result.backend.build === 'threads') assert.equal(workers.length, result.backend.threads - 1, `workers: ${JSON.stringify(workers)}`);
        assert.deepEqual(problems.filter((p) => !/\[vite\]/.test(p)), [], `console/page/network problems:\n${problems.join('\n')}`);
      });
    });
  });

  describe('bundled browser apps in headless Chromium', () => {
    let consumer; // the bundler project: the installed tarball, the linked Rollup plugins, a folder per app

    before(async () => {
      consumer = path.join(work, 'bundled');
      await mkdir(consumer);
      await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: 'extensor-bundled', private: true, type: 'module' }, null, 2));
      await run('npm', [
        'install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'npm-cache'),
        '--registry', 'http://127.0.0.1:9/', '--loglevel=warn', '--update-notifier=false',
      ], { cwd: consumer });
      for (const name of LINKED_PACKAGES) {
        const link = path.join(consumer, 'node_modules', name);
        await mkdir(path.dirname(link), { recursive: true });
        await symlink(path.join(ROOT, 'node_modules', name), link, 'dir');
      }
    }, { timeout: 60_000 });

    /** before/after of one app's describe: builds it and serves it; returns a getter of both. */
    function builtAndServed(app) {
      const state = {};
      before(async () => {
        state.built = await buildApp(app, consumer);
        if (app.command) bundles.set(app.name, state.built.root);
        state.server = await serveStatic(state.built.root);
        state.isolatedServer = await serveStatic(state.built.root, CROSS_ORIGIN_ISOLATION);
      }, { timeout: BUILD_TIMEOUT + 10_000 });
      after(async () => {
        for (const s of [state.server, state.isolatedServer]) await s?.close().catch((e) => console.error('closing the server:', e));
      }, { timeout: 30_000 });
      return state;
    }

    for (const app of BUNDLED_APPS) {
      describe(app.name, () => {
        const state = builtAndServed(app);

        if (app.command) {
          const emits = app.emits ?? ALL_BUILDS;
          it(`\`${app.command.join(' ')}\` emits the ${emits.length === 4 ? 'four' : 'three'} builds`, async () => {
            const wasm = (await filesUnder(state.built.root)).filter((f) => f.endsWith('.wasm'));
            const builds = await Promise.all(wasm.map((f) => wasmBuildOf(path.join(state.built.root, f))));
            assert.deepEqual(builds.sort(), [...emits].sort(), `one .wasm per build in dist/: ${wasm.join(', ')}`);
          });

          it('prints no warnings', () => {
            const warnings = state.built.warnings.filter((w) => !app.tolerated?.test(w));
            assert.deepEqual(warnings, [], `the build printed:\n${state.built.output}`);
          });
        }

        for (const [query, build] of FORCED_BUILDS) {
          it(`the page ${query || '(default)'} runs the ${build} build`, async () => {
            const { result, problems, wasm } = await openPage(await browser(), `${state.server.url}${state.built.page}${query}`);
            assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
            assertChecks(result, { build, version });
            if (build === 'relaxed') assert.equal(result.support.relaxed, true, 'Chromium validates relaxed SIMD');
            assert.equal(wasm.length, 1, `one .wasm fetched: ${JSON.stringify(wasm)}`);
            assert.equal(wasm[0].type, 'application/wasm');
            assert.equal(await wasmBuildOf(path.join(state.built.root, decodeURIComponent(wasm[0].path))), build, `${wasm[0].path} is the ${build} build`);
            assert.deepEqual(problems, [], `console/page/network problems:\n${problems.join('\n')}`);
          });
        }

        const isolated = app.isolated ?? 'threads';
        it(`served with COOP/COEP, the page ${ISOLATED_OUTCOMES[isolated]}`, async () => {
          const { result, problems, wasm, workers } = await openPage(await browser(), `${state.isolatedServer.url}${state.built.page}`);
          assert.equal(result?.ok, true, `the page failed: ${result?.error}`);
          if (isolated === 'threads') {
            assertThreaded(result, { version });
          } else {
            assert.equal(result.isolated, true);
            assertChecks(result, { build: bestBuild(result.support), version });
          }
          // One .wasm (the workers get the compiled module); a fallback fetched the threaded one first.
          const fetched = await Promise.all(wasm.map((w) => wasmBuildOf(path.join(state.built.root, decodeURIComponent(w.path)))));
          const fellBack = isolated === 'falls back' && Math.min(64, result.cores) > 1;
          assert.deepEqual(fetched, fellBack ? ['threads', result.backend.build] : [result.backend.build], `.wasm fetched: ${JSON.stringify(wasm)}`);
          if (result.backend.build === 'threads') assert.equal(workers.length, result.backend.threads - 1, `workers: ${JSON.stringify(workers)}`);
          // Falling back, the page logs the warning (and the failed request for what a copied worker
          // script imports: a 404, or aborted when the worker is stopped first).
          const missingGlue = /^(HTTP 404|request failed): \S*\/extensor_threads\.js\b/;
          const [fallbackWarning = null, ...others] = fellBack ? problems.filter((p) => !missingGlue.test(p)) : [null, ...problems];
          if (fellBack) {
            assert.match(fallbackWarning, /^console\.warning: extensor: the threaded build did not start, so init\(\) loaded a single-threaded one \(init: a thread pool worker failed to start: .+\)\. See the README, "Threads"/);
          }
          assert.deepEqual(others, [], `console/page/network problems:\n${problems.join('\n')}`);
        });
      });
    }

    describe(`${MISSING_WASM_APP.name}: \`${MISSING_WASM_APP.command.join(' ')}\``, () => {
      const state = builtAndServed(MISSING_WASM_APP);

      it("init() rejects with INVALID_ARGUMENT naming the URL it tried, wasmPaths and the README's Bundlers section", async () => {
        const tried = `${state.server.url}pkg/extensor_relaxed_bg.wasm`;
        const { result, problems, wasm } = await openPage(await browser(), `${state.server.url}${state.built.page}`);
        assert.equal(result?.ok, false, 'init() resolved without a .wasm file');
        assert.equal(result.name, 'ExTensorError');
        assert.equal(result.code, 'INVALID_ARGUMENT');
        assert.ok(result.message.includes(tried), `the message names ${tried}: ${result.message}`);
        assert.match(result.message, /wasmPaths/);
        assert.match(result.message, /Bundlers/);
        assert.deepEqual(wasm.map((w) => [w.path, w.status]), [['/pkg/extensor_relaxed_bg.wasm', 404]], 'one attempt, no retry of another build');
        // The 404 is the only problem: Chromium logs it as a console error without the URL.
        const expected = (p) => p === `HTTP 404: ${tried}` || /^console\.error: Failed to load resource: .*404/.test(p);
        assert.deepEqual(problems.filter((p) => !expected(p)), [], `console/page/network problems:\n${problems.join('\n')}`);
      });
    });

    describe('no bundle holds an absolute path of the machine', () => {
      it('no file any bundler emitted names the project, the repository, the temp or home directory, or file:///', async () => {
        const bundlers = ['Vite', ...BUNDLED_APPS.filter((a) => a.command).map((a) => a.name), MISSING_WASM_APP.name];
        assert.deepEqual([...bundles.keys()].sort(), bundlers.sort(), 'every bundle was built (a failed build fails its own tests above)');
        const needles = [...new Set([
          consumer, project, ROOT, await realpath(ROOT), tmpdir(), await realpath(tmpdir()), homedir(), 'file:///',
        ])].filter((n) => n.length > 1);
        // A bundler names its own runtime files (Parcel's source maps do) by where it is
        // installed: here the repository's node_modules, in a user's project a folder inside
        // the project, named relatively. That is this test's arrangement, not the package's
        // doing; the package's own files live in the consumer project and stay checked.
        const bundlerOwn = new RegExp(`${escapeRegExp(path.join(ROOT, 'node_modules') + path.sep)}(?!extensor[\\\\/])`, 'g');
        const found = new Set();
        for (const [name, dir] of bundles) {
          for (const file of await filesUnder(dir)) {
            const text = (await readFile(path.join(dir, file))).toString('latin1').replace(bundlerOwn, '<bundler>/');
            // A .wasm file every bundler copies as it is: reported once, as the package's file.
            const build = file.endsWith('.wasm') ? await wasmBuildOf(path.join(dir, file)) : null;
            const where = build ? `the package's pkg/extensor_${build}_bg.wasm (in every bundle)` : `${name}: ${file}`;
            for (const needle of needles) {
              const at = text.indexOf(needle);
              if (at >= 0) found.add(`${where} contains ${needle}: …${text.slice(Math.max(0, at - 30), at + needle.length + 50).replace(/[^\x20-\x7e]/g, '.')}…`);
            }
          }
        }
        assert.deepEqual([...found], [], `absolute paths in the bundles:\n${[...found].join('\n')}`);
      });
    });
  });

  describe('TypeScript consumer', () => {
    it('tsc --strict (nodenext) type-checks an ESM and a CommonJS consumer against the published types', { timeout: 90_000 }, async (t) => {
      assert.ok(hasTypes, 'the tarball holds the declarations, js/api.d.ts');
      assert.ok(existsSync(TSC), `no TypeScript at ${TSC}`);
      await writeFile(path.join(project, 'consumer.ts'), TS_CONSUMER_ESM);
      await writeFile(path.join(project, 'consumer.cts'), TS_CONSUMER_CJS);
      // No @types/node in the consumer project: `console` comes from lib.dom.
      const args = [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'consumer.ts', 'consumer.cts'];
      const { stdout, stderr } = await run(process.execPath, args, { cwd: project, timeout: 60_000 }).catch((e) => assert.fail(e.message));
      assert.equal(`${stdout}${stderr}`.trim(), '');
    });

    it('tsc --strict with bundler resolution (as in a Vite project) type-checks the ESM consumer', { timeout: 90_000 }, async (t) => {
      assert.ok(hasTypes, 'the tarball holds the declarations, js/api.d.ts');
      await writeFile(path.join(project, 'consumer.ts'), TS_CONSUMER_ESM);
      const args = [TSC, '--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom', 'consumer.ts'];
      const { stdout, stderr } = await run(process.execPath, args, { cwd: project, timeout: 60_000 }).catch((e) => assert.fail(e.message));
      assert.equal(`${stdout}${stderr}`.trim(), '');
    });
  });
});

/** A static server for dist/: GET/HEAD only, no traversal, application/wasm for .wasm. */
/** Serves dir's files; `headers` go on every file (CROSS_ORIGIN_ISOLATION for an isolated page). */
function serveStatic(dir, headers = {}) {
  const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.wasm': 'application/wasm',
  };
  const srv = createServer(async (req, res) => {
    const fail = (status) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${status}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405);
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return fail(400);
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, `.${path.posix.normalize(rel)}`);
    if (!file.startsWith(dir + path.sep)) return fail(403);
    try {
      const s = await stat(file);
      if (!s.isFile()) return fail(404);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': s.size,
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      fail(404);
    }
  });
  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${srv.address().port}/`,
        close: () => new Promise((r) => { srv.closeAllConnections?.(); srv.close(() => r()); }),
      });
    });
  });
}

/**
 * Opens url in a fresh context of browser; returns the page's result (window.__extensor),
 * the problems seen (console errors and warnings, uncaught errors, failed requests, HTTP
 * errors) and the .wasm responses.
 */
async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT);
  const problems = [];
  const wasm = [];
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.stack || err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    const { pathname } = new URL(res.url());
    if (pathname.endsWith('.wasm')) wasm.push({ path: pathname, status: res.status(), type: res.headers()['content-type'] });
  });
  // An uncaught error (say the bundle throws while loading) ends the wait at once.
  const crashed = new Promise((resolve, reject) => page.once('pageerror', (err) => reject(new Error(`the page threw: ${err.stack || err.message}`))));
  crashed.catch(() => {});
  try {
    await page.goto(url, { waitUntil: 'load' });
    await Promise.race([page.waitForSelector('body[data-state="ready"], body[data-state="error"]'), crashed]);
    const result = await page.evaluate(() => window.__extensor);
    return { result, problems, wasm, workers };
  } catch (e) {
    e.message += `\nproblems seen:\n${problems.join('\n')}`;
    throw e;
  } finally {
    await context.close();
  }
}
