// The thread-scaling bench's page side (benches/chromium.html?threads, driven by
// benches/threads.mjs): one configuration per page, since ExTensor's instance (like tfjs' and
// ORT's) is one per realm. The page must be cross-origin isolated, or no library here could
// share memory with its workers and every "2 threads" would quietly be one.
import * as ex from '../../js/browser.js';
import { startConfig } from './threads.mjs';
import { loadOrt, loadTfjs } from './peers-browser.mjs';

/**
 * Starts `config` ('ex@2', 'tfjs@1', ...) in this page; its session goes on window.bench.
 * @returns what the report says about the page
 */
export async function start(config) {
  if (!globalThis.crossOriginIsolated) {
    throw new Error('the page is not cross-origin isolated (no COOP/COEP headers): no SharedArrayBuffer, so no threads');
  }
  const { session, info } = await startConfig(config, { ex, loaders: { tfjs: loadTfjs, ort: loadOrt } });
  window.bench.session = session;
  return { ...info, crossOriginIsolated: globalThis.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent };
}
