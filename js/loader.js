// Loading: which build the engine can run, instantiating it (once), and what was loaded.
import { ExTensorError } from './errors.js';
import { ensureReady, glue, state } from './runtime.js';
import { scopesFollowAsyncContext } from './scopes.js';
import {
  OPERAND_TENSOR, SCALAR_BOOL, SCALAR_INT, SCALAR_NUMBER, SCALAR_UINT, describe, readOptions,
} from './boundary.js';
import { platform } from './platform.js';

/** The package version (a test holds it equal to package.json's). */
export const VERSION = '0.1.0';


// A module whose one function returns i8x16.popcnt(i8x16.splat(0)): valid only where the
// engine implements SIMD128 (the same probe wasm-feature-detect uses).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

// A module whose one function returns f32x4.relaxed_madd of three v128.const zeros: valid
// only where the engine implements relaxed SIMD (Chromium does; Node 20 only with
// --experimental-wasm-relaxed-simd).
const RELAXED_PROBE = (() => {
  const zeros = [253, 12, ...new Array(16).fill(0)];
  const body = [0, ...zeros, ...zeros, ...zeros, 253, 133, 2, 11];
  return new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body]);
})();

/** What this engine can run: { simd, relaxed }. */
export function engineSupport() {
  const simd = WebAssembly.validate(SIMD_PROBE);
  return { simd, relaxed: simd && WebAssembly.validate(RELAXED_PROBE) };
}

/**
 * The build to load: relaxed (SIMD128 + relaxed SIMD) where the engine validates it, else
 * simd, else baseline. `{ simd: false }` forces baseline; `{ relaxed: false }` stops at simd.
 */
function pickVariant(op, options, keys) {
  for (const key of ['simd', 'relaxed']) {
    if (options?.[key] !== undefined && typeof options[key] !== 'boolean') {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${key} must be a boolean, got ${describe(options[key])}`);
    }
  }
  const support = engineSupport();
  const wantSimd = options?.simd ?? support.simd;
  const wantRelaxed = wantSimd && (options?.relaxed ?? support.relaxed);
  if (wantSimd && !support.simd) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: { simd: true } was asked for, but this engine does not support SIMD128`);
  }
  if (wantRelaxed && !support.relaxed) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: { relaxed: true } was asked for, but this engine does not support relaxed SIMD`);
  }
  const variant = wantRelaxed ? 'relaxed' : wantSimd ? 'simd' : 'baseline';
  const explicit = options?.simd !== undefined || options?.relaxed !== undefined;
  if (state.variant !== null && state.variant !== variant && explicit) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: already initialised with the ${state.variant} build`);
  }
  return variant;
}

function finish(exports) {
  if (state.exports !== null) return backend(); // another init won the race: one instance only
  state.exports = exports;
  // What was loaded, not what was asked for: a caller may pass any build's bytes.
  state.variant = glue.buildHasRelaxedSimd() ? 'relaxed' : glue.buildHasSimd() ? 'simd' : 'baseline';
  state.dtypeNames = glue.dtypeNames();
  const codes = (names) => new Map(names.map((op, code) => [op, code]));
  state.opCodes = {
    binary: codes(glue.binaryOpNames()),
    compare: codes(glue.compareOpNames()),
    unary: codes(glue.unaryOpNames()),
    reduce: codes(glue.reduceOpNames()),
  };
  // The plain-data encodings are numbered on both sides: refuse a glue that disagrees.
  const expected = [SCALAR_NUMBER, SCALAR_BOOL, SCALAR_INT, SCALAR_UINT, OPERAND_TENSOR].join();
  if (Array.from(glue.encodingCodes()).join() !== expected) {
    throw new ExTensorError('INVALID_ARGUMENT', 'init: the wasm glue and the loader disagree on the argument encoding (mixed package versions?)');
  }
  return backend();
}

/** Loading failures (bad bytes, a non-module, a failed fetch) as INVALID_ARGUMENT. */
function loadError(op, e) {
  if (e instanceof ExTensorError) return e;
  const error = new ExTensorError('INVALID_ARGUMENT', `${op}: cannot load the wasm module: ${errorText(e)}`);
  error.cause = e;
  return error;
}

/** An engine error's message, else describe(): a caller's rejection value is never coerced. */
function errorText(e) {
  const engineError = e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError
    || e instanceof TypeError || e instanceof RangeError;
  if (engineError) {
    try {
      const { message } = e;
      if (typeof message === 'string') return message.length > 200 ? `${message.slice(0, 199)}…` : message;
    } catch {
      // a getter on a caller's error subclass: fall through
    }
  }
  return describe(e);
}

let pending = null;

/**
 * Loads the fastest build the engine validates (relaxed, simd, baseline). Idempotent.
 * `init({ simd: false })` forces the baseline build, `init({ relaxed: false })` the simd one.
 */
export async function init(options) {
  options = readOptions('init', options, ['simd', 'relaxed', 'module']);
  const variant = pickVariant('init', options);
  if (state.exports !== null) return backend();
  if (pending === null) {
    pending = (async () => {
      try {
        const source = options?.module ?? (await platform.locate(variant));
        if (state.exports !== null) return backend();
        return finish(await glue.default({ module_or_path: source }));
      } catch (e) {
        throw loadError('init', e);
      }
    })();
    pending.catch(() => { pending = null; });
  }
  return pending;
}

/**
 * Synchronous init for Node and workers. `source` is the .wasm bytes or a compiled
 * WebAssembly.Module of the chosen build; in Node it may be omitted.
 */
export function initSync(source, options) {
  options = readOptions('initSync', options, ['simd', 'relaxed']);
  const variant = pickVariant('initSync', options);
  if (state.exports !== null) return backend();
  if (pending !== null) {
    // A second instance would split the tensors between two memories.
    throw new ExTensorError('INVALID_ARGUMENT', 'initSync: init() is still loading; await it instead');
  }
  let module = source;
  if (module === undefined) {
    if (platform.locateSync === null) {
      throw new ExTensorError('INVALID_ARGUMENT', 'initSync: pass the .wasm bytes or a WebAssembly.Module here (browsers cannot read files synchronously)');
    }
    module = platform.locateSync(variant);
  }
  try {
    return finish(glue.initSync({ module }));
  } catch (e) {
    throw loadError('initSync', e);
  }
}

/** Which build is running. */
export function backend() {
  ensureReady('backend');
  return {
    simd: glue.buildHasSimd(),
    relaxed: glue.buildHasRelaxedSimd(),
    build: state.variant,
    version: VERSION,
    wasmMemoryBytes: state.exports.memory.buffer.byteLength,
    /** true where ex.scope() follows the async context (Node), false for one realm-wide stack */
    asyncScopes: scopesFollowAsyncContext(),
  };
}
