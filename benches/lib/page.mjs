// The Chromium benchmark page's side (benches/chromium.html): loads ExTensor's browser entry,
// whose init({ threads: 1 }) picks the relaxed-SIMD build where the engine validates it (Chromium),
// and the peers the rows need from the served node_modules (peers-browser.mjs), then keeps a
// bench session (session.mjs) on window.bench for the runner (chromium.mjs) to call.
import * as ex from '../../js/browser.js';
import { createSession, loadPeers } from './session.mjs';
import { BROWSER_LOADERS } from './peers-browser.mjs';

/**
 * @param need peer names ('tfjs', 'ort', 'ndarray')
 * @returns what the report says about the page: ExTensor's build, the peers, the browser
 */
export async function start(need) {
  // threads: 1: the page is cross-origin isolated, where init()'s 'auto' would load the
  // threaded build (its scaling is benches/threads.mjs's subject)
  await ex.init({ threads: 1 });
  const { build, simd, relaxed } = ex.backend();
  // The Chromium run exists to measure the relaxed build: anything else is a failure, not a
  // quieter result.
  if (build !== 'relaxed') {
    throw new Error(`ExTensor's init() loaded the ${build} build in this Chromium, not relaxed (engineSupport: ${JSON.stringify(ex.engineSupport())})`);
  }
  const { peers, peerInfo, peerErrors } = await loadPeers(need, BROWSER_LOADERS);
  window.bench.session = createSession({ ex, peers, exLabel: `ExTensor ${build}` });
  return {
    backend: { build, simd, relaxed },
    peerInfo,
    peerErrors,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    userAgent: navigator.userAgent,
  };
}
