// Loader state, the error boundary, and handle bookkeeping (scopes, the finalizer
// backstop, leak tracking). Everything here is shared by api.js and tensor.js.
import * as glue from '../pkg/extensor.js';
import { ERROR_CODES, ExTensorError } from './errors.js';
import { adoptIntoScope, disown } from './scopes.js';

export { glue };

export const state = {
  /** the wasm instance's exports once initialised (holds `memory`) */
  exports: null,
  /** the build that was loaded: 'relaxed' | 'simd' | 'baseline' */
  variant: null,
  /** dtype names in the order the binding numbers them (src/js/handle.rs `meta`) */
  dtypeNames: null,
  /** op name -> code per family, read from the core's op lists at init (src/js/math.rs) */
  opCodes: null,
  /** the ExTensorError every call throws once the instance trapped (see stop()), else null */
  stopped: null,
  /** handles reclaimed by the FinalizationRegistry backstop */
  reclaimedByFinalizer: 0,
  trackLeaks: false,
  nextSerial: 1,
};

/** Live tracked handles: serial -> { id, shape, dtype, stack } (only while tracking). */
export const leakTable = new Map();

export function ensureReady(op) {
  if (state.exports === null) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ExTensor is not initialised; await ex.init() (or call ex.initSync()) first`);
  }
}

/**
 * Runs a binding call. The binding reports an error as the text `CODE message` (see
 * src/js/convert.rs `lift`), thrown by the glue after Rust returned; it becomes an
 * ExTensorError here.
 */
export function call(fn) {
  if (state.stopped !== null) throw state.stopped;
  try {
    return fn();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw stop(e);
    if (typeof e !== 'string') throw e;
    const space = e.indexOf(' ');
    const code = e.slice(0, space);
    if (space === -1 || !ERROR_CODES.includes(code)) throw new ExTensorError('INVALID_ARGUMENT', `internal: ${e}`);
    throw new ExTensorError(code, e.slice(space + 1));
  }
}

/**
 * A wasm trap ends the instance: Rust aborts only when an allocation it cannot refuse fails
 * (the instance is out of memory), and its state may then be half-updated. Every later
 * call throws this same error instead of running on it; free() and the backstop do nothing.
 */
function stop(trap) {
  state.stopped = new ExTensorError('OUT_OF_MEMORY', `the ExTensor wasm instance stopped and cannot be used any more (it most likely ran out of memory): ${trap.message}`);
  return state.stopped;
}

/** Releases a handle id; never throws. Returns the bytes now quarantined, -1 if none was live. */
export function freeHandleQuietly(id) {
  if (state.stopped !== null) return -1;
  try {
    return glue.freeHandle(id);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) stop(e);
    return -1;
  }
}

// The backstop: a handle the user forgot to free is released when it is garbage
// collected. The held value must not reference the ExTensor itself. freeHandle never
// throws: it returns -1 for an id that is already free.
const finalizer = new FinalizationRegistry(({ id, serial }) => {
  if (freeHandleQuietly(id) >= 0) state.reclaimedByFinalizer += 1;
  leakTable.delete(serial);
});

/** Registers a new handle with the backstop, the open scope, and the leak table. */
export function adopt(tensor, id, serial, describeHandle) {
  finalizer.register(tensor, { id, serial }, tensor);
  adoptIntoScope(tensor);
  if (state.trackLeaks) {
    leakTable.set(serial, {
      id: serial,
      ...describeHandle(),
      stack: callerStack(new Error('created here').stack),
    });
  }
}

// This package's own modules, so a creation stack can start at the user's code. (Bundled,
// the files are gone and no frame matches: the stack is then kept whole.) Plain string
// work, not `new URL(…, import.meta.url)`, which bundlers read as an asset to copy.
const OWN_DIRECTORY = import.meta.url.slice(0, import.meta.url.lastIndexOf('/') + 1);
const OWN_FILES = ['runtime.js', 'tensor.js', 'api.js', 'scopes.js', 'boundary.js', 'windows.js', 'node.js', 'browser.js']
  .map((file) => OWN_DIRECTORY + file);

/** The frames of `stack` below this package's own: where the user created the handle. */
function callerStack(stack) {
  const frames = String(stack).split('\n').slice(1);
  const firstOutside = frames.findIndex((frame) => !OWN_FILES.some((file) => frame.includes(`${file}:`)));
  return frames.slice(firstOutside === -1 ? 0 : firstOutside).join('\n');
}

/** Forgets a handle that is being freed explicitly. */
export function release(tensor, serial) {
  finalizer.unregister(tensor);
  leakTable.delete(serial);
  disown(tensor);
}
