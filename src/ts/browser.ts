// Browser entry: fetches the .wasm. The URLs are literal `new URL('…', import.meta.url)`
// so bundlers (Vite, webpack, Parcel, Rollup's import-meta-assets) see and emit the four
// files; they are built only when init() asks, so a bundle format without `import.meta`
// (esbuild's iife) loads, and init({ wasmPaths }) never touches them.
import { platform } from './platform.js';
import { startWorkerPool } from './worker-start.js';
import type { ThreadedGlue } from './runtime.js';

platform.packagedWasm = (variant) => {
  switch (variant) {
    case 'relaxed': return new URL('../pkg/extensor_relaxed_bg.wasm', import.meta.url);
    case 'simd': return new URL('../pkg/extensor_simd_bg.wasm', import.meta.url);
    case 'threads': return new URL('../pkg/extensor_threads_bg.wasm', import.meta.url);
    default: return new URL('../pkg/extensor_baseline_bg.wasm', import.meta.url);
  }
};
platform.hardwareConcurrency = () => {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && n >= 1 ? Math.floor(n) : 1;
};
// A page shares memory with its workers only when cross-origin isolated (COOP + COEP).
platform.canShareMemory = () => typeof SharedArrayBuffer === 'function'
  && (globalThis as { crossOriginIsolated?: unknown }).crossOriginIsolated === true;
// A literal import and a literal worker URL, so bundlers see and emit both; neither is
// touched unless init() picks the threaded build.
platform.loadThreadedGlue = (): Promise<ThreadedGlue> => import('../pkg/extensor_threads.js');
platform.startWorkers = (count, module, memory) => startWorkerPool(count, (ready, failed) => {
  const worker = new Worker(new URL('./browser-worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (e: { message?: unknown }) => failed(typeof e.message === 'string' ? e.message : 'its script did not load'));
  worker.addEventListener('messageerror', () => failed('the module or the memory could not be sent to it'));
  worker.addEventListener('message', ready, { once: true });
  worker.postMessage({ module, memory });
  return worker;
});
platform.resolveUrl = (text) => {
  const page = (globalThis as { document?: { baseURI?: unknown }; location?: { href?: unknown } });
  const base = page.document?.baseURI ?? page.location?.href;
  return typeof base === 'string' ? new URL(text, base) : new URL(text);
};

export * from './api.js';
