// Node-only loading of the peers (the case modules in cases/ are environment-agnostic):
// TensorFlow.js wasm (./tfjs.mjs), onnxruntime-web's wasm backend, scijs ndarray. Each
// loader resolves to { lib, info } or { error } (session.mjs loadPeers); peers-browser.mjs
// is the page's counterpart.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startOrt } from './cases/ort.mjs';
import { loadTfjs } from './tfjs.mjs';

const require = createRequire(import.meta.url);

function packageVersion(name) {
  // onnxruntime-web's "exports" hides its package.json: read it from its folder.
  let dir = path.dirname(require.resolve(name));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return pkg.version;
    } catch { /* keep climbing */ }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/**
 * onnxruntime-web with its wasm backend (cases/ort.mjs startOrt): one thread, or `threads`
 * (`ort.env.wasm.numThreads`; benches/threads.mjs). @returns {Promise<{ lib, info } | { error }>}
 */
export async function loadOrt({ threads = 1 } = {}) {
  const started = await startOrt((ort) => {
    ort.env.wasm.numThreads = threads;
  });
  if (started.info?.version === 'unknown') started.info.version = packageVersion('onnxruntime-web');
  return started;
}

/** scijs ndarray + ndarray-ops (CommonJS). @returns {{ lib: { ndarray, ops }, info } | { error }} */
export function loadNdarray() {
  try {
    const ndarray = require('ndarray');
    const ops = require('ndarray-ops');
    return { lib: { ndarray, ops }, info: { ndarray: packageVersion('ndarray'), ops: packageVersion('ndarray-ops') } };
  } catch (e) {
    return { error: `ndarray / ndarray-ops not installed (${e.code ?? e.message}); run npm install` };
  }
}

/** The loaders, by peer name, for session.mjs loadPeers(). */
export const NODE_LOADERS = { tfjs: loadTfjs, ort: loadOrt, ndarray: loadNdarray };
