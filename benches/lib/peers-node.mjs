// Node-only loading of the peers (the case modules in cases/ are environment-agnostic):
// TensorFlow.js wasm (./tfjs.mjs), onnxruntime-web's wasm backend, scijs ndarray.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export { loadTfjs } from './tfjs.mjs';

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
 * onnxruntime-web with its wasm backend: one thread (no worker pool), no proxy worker.
 * @returns {Promise<{ ort, info } | { error }>}
 */
export async function loadOrt() {
  let ort;
  try {
    ort = await import('onnxruntime-web');
  } catch (e) {
    return { error: `onnxruntime-web not installed (${e.code ?? e.message}); run npm install` };
  }
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return {
    ort,
    info: {
      version: ort.env.versions?.web ?? packageVersion('onnxruntime-web'),
      threads: ort.env.wasm.numThreads,
      file: 'ort-wasm-simd-threaded.wasm (the only wasm build 1.30 ships; SIMD128)',
    },
  };
}

/** scijs ndarray + ndarray-ops (CommonJS). @returns {{ nd: { ndarray, ops }, info } | { error }} */
export function loadNdarray() {
  try {
    const ndarray = require('ndarray');
    const ops = require('ndarray-ops');
    return { nd: { ndarray, ops }, info: { ndarray: packageVersion('ndarray'), ops: packageVersion('ndarray-ops') } };
  } catch (e) {
    return { error: `ndarray / ndarray-ops not installed (${e.code ?? e.message}); run npm install` };
  }
}
