// Loader state, the error boundary, and handle bookkeeping (scopes, the finalizer
// backstop, leak tracking). Everything here is shared by api.js and tensor.js.
import * as glue from '../pkg/extensor.js';
import { ExTensorError, toExTensorError } from './errors.js';
import { adoptIntoScope, disown } from './scopes.js';

export { glue };

export const state = {
  /** the wasm instance's exports once initialised (holds `memory`) */
  exports: null,
  /** the build that was loaded: 'relaxed' | 'simd' | 'baseline' */
  variant: null,
  /** handles reclaimed by the FinalizationRegistry backstop */
  reclaimedByFinalizer: 0,
  trackLeaks: false,
  nextId: 1,
};

/** Live tracked handles: id -> { shape, dtype, stack } (only while tracking). */
export const leakTable = new Map();

export function ensureReady(op) {
  if (state.exports === null) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ExTensor is not initialised; await ex.init() (or call ex.initSync()) first`);
  }
}

/** Runs a binding call and converts what it throws into ExTensorError. */
export function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw toExTensorError(e);
  }
}

// The backstop: a handle the user forgot to free is released when it is garbage
// collected. The held value must not reference the ExTensor itself.
const finalizer = new FinalizationRegistry((held) => {
  if (held.raw.__wbg_ptr !== 0) {
    held.raw.free();
    state.reclaimedByFinalizer += 1;
  }
  leakTable.delete(held.id);
});

/** Registers a new handle with the backstop, the open scope, and the leak table. */
export function adopt(tensor, raw, id) {
  finalizer.register(tensor, { raw, id }, tensor);
  adoptIntoScope(tensor);
  if (state.trackLeaks) {
    leakTable.set(id, {
      id,
      shape: Array.from(raw.shape()),
      dtype: raw.dtype(),
      stack: callerStack(new Error('created here').stack),
    });
  }
}

// This package's own modules, so a creation stack can start at the user's code. (Bundled,
// the files are gone and no frame matches: the stack is then kept whole.) Plain string
// work, not `new URL(…, import.meta.url)`, which bundlers read as an asset to copy.
const OWN_DIRECTORY = import.meta.url.slice(0, import.meta.url.lastIndexOf('/') + 1);
const OWN_FILES = ['runtime.js', 'tensor.js', 'api.js', 'scopes.js', 'args.js', 'node.js', 'browser.js']
  .map((file) => OWN_DIRECTORY + file);

/** The frames of `stack` below this package's own: where the user created the handle. */
function callerStack(stack) {
  const frames = String(stack).split('\n').slice(1);
  const firstOutside = frames.findIndex((frame) => !OWN_FILES.some((file) => frame.includes(`${file}:`)));
  return frames.slice(firstOutside === -1 ? 0 : firstOutside).join('\n');
}

/** Forgets a handle that is being freed explicitly. */
export function release(tensor, id) {
  finalizer.unregister(tensor);
  leakTable.delete(id);
  disown(tensor);
}
