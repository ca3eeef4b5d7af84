// The page's counterpart of tests/js/helpers.mjs, bundled in its place for
// tests/page/js-suites-browser.test.mjs: loads the build the page names (the threaded one on
// 2 threads, as in Node), checks after the suite that every handle and storage was released,
// and runs scenarios that need a fresh instance in a new same-origin frame (isolated), which
// loads the package anew (a frame of a cross-origin-isolated page is isolated too).
import assert from 'node:assert/strict';
import * as ex from 'extensor';
import { OPTIONS, registerMemoryCheck, throwsCodeOf } from '../js/helpers-shared.mjs';

export const BUILD = globalThis.__EXTENSOR_PAGE.build;
await ex.init(OPTIONS[BUILD]);
assert.equal(ex.backend().build, BUILD, 'the requested build was loaded');

export { ex };

/** Whether init() may load the threaded build here: a page shares memory only when cross-origin isolated (Node always). */
export const CAN_SHARE_MEMORY = globalThis.crossOriginIsolated === true;

/** The init() options that load BUILD. */
export const BUILD_OPTIONS = OPTIONS[BUILD];

/** The running build's wasm-bindgen glue: the same module instance the package loaded (the threaded build has its own). */
export const glue = BUILD === 'threads' ? await import('/pkg/extensor_threads.js') : await import('/pkg/extensor.js');

/** Registers the after-file check: ex.memory() back to zero. */
export function checkMemoryReturnsToZero() {
  registerMemoryCheck(ex);
}

/** Asserts fn throws an ExTensorError with `code`; returns the error. */
export function throwsCode(fn, code, messagePart) {
  return throwsCodeOf(ex, fn, code, messagePart);
}

/**
 * Runs `body` (an async function body with `ex` in scope; it returns a JSON-able value) with a
 * fresh package instance: a new frame (tests/browser/fresh.html) imports the package and
 * evaluates the body there, as Node's helper runs it in a child process. `init: false`
 * leaves the instance uninitialised. Resolves to { result } or { threw: { name,
 * isExTensorError, code, message } }.
 */
export async function isolated(body, { init = true } = {}) {
  const frame = document.createElement('iframe');
  frame.style.display = 'none';
  const loaded = new Promise((resolve, reject) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.addEventListener('error', () => reject(new Error('the fresh frame did not load')), { once: true });
  });
  frame.src = '/tests/browser/fresh.html';
  document.body.append(frame);
  try {
    await loaded;
    const script = `(async () => {
      const ex = await import('/js/browser.js');
      ${init ? `await ex.init(${JSON.stringify(OPTIONS[BUILD])});` : ''}
      let out;
      try {
        out = { result: await (async () => { ${body} })() };
      } catch (e) {
        out = { threw: { name: e?.constructor?.name, isExTensorError: e instanceof ex.ExTensorError, code: e?.code, message: String(e?.message) } };
      }
      return JSON.stringify(out);
    })()`;
    return JSON.parse(await frame.contentWindow.eval(script));
  } finally {
    frame.remove();
  }
}
