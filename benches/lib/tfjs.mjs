// Loads TensorFlow.js with its wasm backend from node_modules: SIMD, single-threaded,
// and no network. The backend asks its platform's fetch for the .wasm; that fetch is
// replaced here by one that reads local files only and records what it read.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startTfjs } from './cases/tfjs.mjs';

const require = createRequire(import.meta.url);

/** @returns {Promise<{ lib: tf, info: { core, wasm, backend, file, simd, threads } } | { error: string }>} */
export function loadTfjs() {
  let dist;
  const loaded = [];
  const setPaths = (tf, wasm) => {
    dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    const allowed = new Set([path.join(dist, 'tfjs-backend-wasm-simd.wasm'), path.join(dist, 'tfjs-backend-wasm.wasm')]);
    tf.env().platform.fetch = async (file) => {
      if (!allowed.has(file)) throw new Error(`bench: refusing to load ${file} (SIMD single-threaded build only)`);
      loaded.push(file);
      return new Response(await readFile(file), { headers: { 'content-type': 'application/wasm' } });
    };
    wasm.setWasmPaths(
      {
        'tfjs-backend-wasm.wasm': path.join(dist, 'tfjs-backend-wasm.wasm'),
        'tfjs-backend-wasm-simd.wasm': path.join(dist, 'tfjs-backend-wasm-simd.wasm'),
        'tfjs-backend-wasm-threaded-simd.wasm': path.join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'),
      },
      true, // use the platform fetch (ours, above)
    );
  };
  // the file relative to the package root
  const loadedFile = () => (loaded.length ? path.relative(path.resolve(dist, '../../../..'), loaded.at(-1)) : '(unknown)');
  return startTfjs(setPaths, loadedFile);
}
