// Loading the peers in a page (the counterpart of peers-node.mjs), from the repository's
// node_modules as the bench's static server serves it, with no bundler: TensorFlow.js and
// onnxruntime-web from their ESM builds (benches/chromium.html's import map names them),
// their .wasm files from their dist/ folders; scijs ndarray, which is CommonJS only, through
// a small CommonJS loader. Each loader resolves to { lib, info } or { error } (session.mjs).
import { startTfjs } from './cases/tfjs.mjs';
import { startOrt } from './cases/ort.mjs';

const NODE_MODULES = new URL('/node_modules/', location.href);

/** The .wasm files the page fetched whose URL contains `part` (resource timing). */
const fetchedWasm = (part) => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.endsWith('.wasm') && u.includes(part));

/**
 * TensorFlow.js with its wasm backend (startTfjs): the SIMD build, one thread; with
 * `threads` > 1 (benches/threads.mjs, a cross-origin isolated page) the threaded SIMD build.
 */
export async function loadTfjs({ threads = 1 } = {}) {
  if (threads > 1) reportCoresToTfjs(threads);
  const dist = new URL('@tensorflow/tfjs-backend-wasm/dist/', NODE_MODULES);
  const loadedFile = () => fetchedWasm(dist.pathname).map((u) => new URL(u).pathname.slice(1)).at(-1) ?? '(unknown)';
  const loaded = await startTfjs((tf, wasm) => wasm.setWasmPaths(dist.href), loadedFile, { threads });
  if (loaded.info && loaded.info.file.includes('threaded') !== threads > 1) {
    return { error: `tfjs-backend-wasm loaded ${loaded.info.file}, not the ${threads > 1 ? 'threaded' : 'single-threaded'} SIMD build` };
  }
  return loaded;
}

/**
 * tfjs-backend-wasm 4.22 caps its pool at navigator.hardwareConcurrency / 2, whatever
 * setThreadsCount() asks (its init_with_threads_count takes every core to be two hyperthreads):
 * 1 thread on a 2-core machine. So this page (one realm, tfjs alone in it) tells it there are
 * 2 × `threads` cores before the module starts; startTfjs checks getThreadsCount() === threads.
 */
function reportCoresToTfjs(threads) {
  const cores = Math.max(navigator.hardwareConcurrency, 2 * threads);
  Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => cores, configurable: true });
}

/**
 * onnxruntime-web's wasm execution provider, its .wasm and glue from its dist/ folder; one
 * thread, or `threads` (benches/threads.mjs; more than one needs a cross-origin isolated page).
 */
export function loadOrt({ threads = 1 } = {}) {
  return startOrt((ort) => {
    ort.env.wasm.wasmPaths = new URL('onnxruntime-web/dist/', NODE_MODULES).href;
    ort.env.wasm.numThreads = threads;
  });
}

/** scijs ndarray + ndarray-ops. */
export async function loadNdarray() {
  try {
    const lib = { ndarray: await requireServed('ndarray'), ops: await requireServed('ndarray-ops') };
    return { lib, info: { ndarray: (await packageJson('ndarray')).version, ops: (await packageJson('ndarray-ops')).version } };
  } catch (e) {
    return { error: `ndarray / ndarray-ops did not load in the page (${e.message}); run npm install` };
  }
}

/** The loaders, by peer name, for session.mjs loadPeers(). */
export const BROWSER_LOADERS = { tfjs: loadTfjs, ort: loadOrt, ndarray: loadNdarray };

// ---------------------------------------------------------------- CommonJS

const packageJson = async (name) => {
  const res = await fetch(new URL(`${name}/package.json`, NODE_MODULES));
  if (!res.ok) throw new Error(`no package ${name} (${res.status})`);
  return res.json();
};

const withJs = (url) => (url.pathname.endsWith('.js') ? url : new URL(`${url.href}.js`));

/** A require() specifier to a URL: a relative path from the requiring file, or a package's "main". */
async function resolve(specifier, from) {
  if (specifier.startsWith('.')) return withJs(new URL(specifier, from)).href;
  const main = (await packageJson(specifier)).main ?? 'index.js';
  return withJs(new URL(`${specifier}/${main}`, NODE_MODULES)).href;
}

const sources = new Map(); // url -> { code, deps: { specifier: url } }
const modules = new Map(); // url -> module

/** Fetches a file and, recursively, every file it require()s (literal specifiers only). */
async function fetchTree(url) {
  if (sources.has(url)) return;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  const entry = { code: await res.text(), deps: {} };
  sources.set(url, entry);
  for (const [, specifier] of entry.code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    entry.deps[specifier] = await resolve(specifier, url);
    await fetchTree(entry.deps[specifier]);
  }
}

/** Evaluates a fetched file as CommonJS, once: its module.exports. */
function evaluate(url) {
  if (modules.has(url)) return modules.get(url).exports;
  const module = { exports: {} };
  modules.set(url, module);
  const { code, deps } = sources.get(url);
  // eslint-disable-next-line no-new-func
  new Function('module', 'exports', 'require', `${code}\n//# sourceURL=${url}`)(module, module.exports, (specifier) => evaluate(deps[specifier]));
  return module.exports;
}

/** require(name) of a package in the served node_modules. */
async function requireServed(name) {
  const url = await resolve(name, location.href);
  await fetchTree(url);
  return evaluate(url);
}
