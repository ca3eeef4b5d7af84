// Loads TensorFlow.js with its wasm backend from node_modules: SIMD, single-threaded,
// and no network. The backend asks its platform's fetch for the .wasm; that fetch is
// replaced here by one that reads local files only and records what it read.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * @returns {Promise<{ tf, info: { core, wasm, file, simd, threads } } | { error: string }>}
 */
export async function loadTfjs() {
  let tf;
  let wasm;
  try {
    tf = await import('@tensorflow/tfjs-core');
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    return { error: `TensorFlow.js not installed (${e.code ?? e.message}); run npm install` };
  }
  const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const allowed = new Set([path.join(dist, 'tfjs-backend-wasm-simd.wasm'), path.join(dist, 'tfjs-backend-wasm.wasm')]);
  const loaded = [];
  tf.env().platform.fetch = async (file) => {
    if (!allowed.has(file)) throw new Error(`bench: refusing to load ${file} (SIMD single-threaded build only)`);
    loaded.push(file);
    return new Response(await readFile(file), { headers: { 'content-type': 'application/wasm' } });
  };
  // Node has no cross-origin isolation; tfjs already reports no threads in Node. Say so anyway.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths(
    {
      'tfjs-backend-wasm.wasm': path.join(dist, 'tfjs-backend-wasm.wasm'),
      'tfjs-backend-wasm-simd.wasm': path.join(dist, 'tfjs-backend-wasm-simd.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': path.join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'),
    },
    true, // use the platform fetch (ours, above)
  );
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  if (!ok || tf.getBackend() !== 'wasm') return { error: `tf.setBackend('wasm') failed (backend: ${tf.getBackend()})` };
  const file = loaded.at(-1) ?? '(unknown)';
  return {
    tf,
    info: {
      core: tf.version_core,
      wasm: wasm.version_wasm,
      backend: tf.getBackend(),
      file: path.relative(path.resolve(dist, '../../../..'), file), // relative to the package root
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      threads: wasm.getThreadsCount(),
    },
  };
}
