// Shared by every JS test file: loads the build named by EXTENSOR_BUILD (relaxed | simd |
// baseline | threads: the threaded build on 2 threads),
// checks after the file's tests that every handle and storage was released, and runs
// scenarios that need a fresh instance in a child process (isolated).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as ex from 'extensor';
import { OPTIONS, registerMemoryCheck, throwsCodeOf } from './helpers-shared.mjs';

export const BUILD = process.env.EXTENSOR_BUILD ?? 'simd';
await ex.init(OPTIONS[BUILD]);
assert.equal(ex.backend().build, BUILD, 'the requested build was loaded');

export { ex };

/** Whether init() may load the threaded build here: Node always shares memory (a page only when cross-origin isolated: tests/browser/helpers.mjs). */
export const CAN_SHARE_MEMORY = true;

/** The init() options that load BUILD. */
export const BUILD_OPTIONS = OPTIONS[BUILD];

/** The running build's wasm-bindgen glue: the same module instance the package loaded (the threaded build has its own). */
export const glue = BUILD === 'threads' ? await import('../../pkg/extensor_threads.js') : await import('../../pkg/extensor.js');

/** Registers the after-file check: ex.memory() back to zero. */
export function checkMemoryReturnsToZero() {
  registerMemoryCheck(ex);
}

/** Asserts fn throws an ExTensorError with `code`; returns the error. */
export function throwsCode(fn, code, messagePart) {
  return throwsCodeOf(ex, fn, code, messagePart);
}

/** The parent's wasm and gc flags, for child processes (the relaxed build needs its flag). */
const CHILD_NODE_FLAGS = process.execArgv.filter((a) => a.startsWith('--experimental-wasm') || a === '--expose-gc');

const ENTRY = new URL('../../js/node.js', import.meta.url).href;

/**
 * Runs `body` (an async function body with `ex` in scope; it returns a JSON-able value) in a
 * fresh Node process. `init: false` leaves the instance uninitialised. Resolves to
 * { result } or { threw: { name, isExTensorError, code, message } }.
 */
export function isolated(body, { init = true } = {}) {
  const script = `
    import * as ex from ${JSON.stringify(ENTRY)};
    ${init ? `await ex.init(${JSON.stringify(OPTIONS[BUILD])});` : ''}
    let out;
    try {
      out = { result: await (async () => { ${body} })() };
    } catch (e) {
      out = { threw: { name: e?.constructor?.name, isExTensorError: e instanceof ex.ExTensorError, code: e?.code, message: String(e?.message) } };
    }
    process.stdout.write(JSON.stringify(out));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`child exited ${status}: ${stderr.slice(0, 500)}`));
      }
    });
  });
}
