// The public module: loading, creation functions, memory management.
import { ExTensorError } from './errors.js';
import { ExTensor, WINDOW_TYPES, describe } from './tensor.js';
import { call, ensureReady, glue, leakTable, state } from './runtime.js';
import { openScope, runTidy, scopesFollowAsyncContext } from './scopes.js';
import { optionsArg, shapeArg } from './args.js';
import { platform } from './platform.js';

export { ExTensor } from './tensor.js';
export { ExTensorError, ERROR_CODES } from './errors.js';

/** The package version (a test holds it equal to package.json's). */
export const VERSION = '0.1.0';

export const DTYPES = Object.freeze(Object.keys(WINDOW_TYPES));

/** The most axes a tensor may have (NumPy's limit, and the Rust core's MAX_NDIM). */
export const MAX_NDIM = 64;

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
  optionsArg(op, options, keys);
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
  state.exports = exports;
  // What was loaded, not what was asked for: a caller may pass any build's bytes.
  state.variant = glue.buildHasRelaxedSimd() ? 'relaxed' : glue.buildHasSimd() ? 'simd' : 'baseline';
  return backend();
}

/** Loading failures (bad bytes, a non-module, a failed fetch) as INVALID_ARGUMENT. */
function loadError(op, e) {
  if (e instanceof ExTensorError) return e;
  return new ExTensorError('INVALID_ARGUMENT', `${op}: cannot load the wasm module: ${e?.message ?? e}`);
}

let pending = null;

/**
 * Loads the fastest build the engine validates (relaxed, simd, baseline). Idempotent.
 * `init({ simd: false })` forces the baseline build, `init({ relaxed: false })` the simd one.
 */
export async function init(options) {
  const variant = pickVariant('init', options, ['simd', 'relaxed', 'module']);
  if (state.exports !== null) return backend();
  if (pending === null) {
    pending = (async () => {
      try {
        const source = options?.module ?? (await platform.locate(variant));
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
  const variant = pickVariant('initSync', options, ['simd', 'relaxed']);
  if (state.exports !== null) return backend();
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

// ---------------------------------------------------------------- creation

const TYPED_DTYPES = new Map([
  [Float32Array, 'float32'], [Float64Array, 'float64'], [Int8Array, 'int8'], [Int16Array, 'int16'],
  [Int32Array, 'int32'], [BigInt64Array, 'int64'], [Uint8Array, 'uint8'], [Uint8ClampedArray, 'uint8'],
  [Uint16Array, 'uint16'], [Uint32Array, 'uint32'], [BigUint64Array, 'uint64'],
]);

function checkDtype(op, dtype) {
  if (typeof dtype !== 'string' || !DTYPES.includes(dtype)) {
    throw new ExTensorError('DTYPE', `${op}: unknown dtype ${describe(dtype)}; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype;
}

function checkElement(op, v) {
  const t = typeof v;
  if (t !== 'number' && t !== 'boolean' && t !== 'bigint') {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: elements must be numbers, booleans or bigints, got ${describe(v)}`);
  }
}

/** Flattens nested arrays in C order and infers their shape; ragged input is INVALID_SHAPE. */
function flattenNested(data) {
  const shape = [];
  for (let level = data; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (shape.length > MAX_NDIM) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays deeper than ${MAX_NDIM} levels; at most ${MAX_NDIM} dimensions are supported`);
    }
    if (level.length === 0) break;
  }
  const flat = [];
  const walk = (node, depth) => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged (expected a scalar at depth ${depth})`);
      checkElement('tensor', node);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged at depth ${depth} (expected length ${shape[depth]})`);
    }
    for (const child of node) walk(child, depth + 1);
  };
  walk(data, 0);
  return { flat, shape };
}

function inferDtype(values) {
  for (const v of values) {
    if (typeof v === 'bigint') return 'int64';
    if (typeof v !== 'boolean') return 'float32';
  }
  return values.length > 0 ? 'bool' : 'float32';
}

/**
 * A tensor from nested arrays, a number/boolean/bigint (0-d), or a flat array/TypedArray
 * (C order when `shape` is given). Without `dtype`: a TypedArray's own dtype, `bool` for
 * booleans, `int64` for bigints, else `float32`.
 */
export function tensor(data, options) {
  ensureReady('tensor');
  options = optionsArg('tensor', options, ['dtype', 'shape']);
  let flat;
  let shape;
  let dtype = options.dtype;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    // A window onto wasm memory (t.data) is copied first: the allocation below may grow
    // the memory and detach it before the bytes are read.
    flat = data.buffer === state.exports.memory.buffer ? data.slice() : data;
    shape = [data.length];
    dtype ??= TYPED_DTYPES.get(data.constructor) ?? 'float32';
  } else if (Array.isArray(data)) {
    ({ flat, shape } = flattenNested(data));
    dtype ??= inferDtype(flat);
  } else {
    checkElement('tensor', data);
    flat = [data];
    shape = [];
    dtype ??= inferDtype(flat);
  }
  checkDtype('tensor', dtype);
  if (options.shape !== undefined) shape = shapeArg('tensor', options.shape);

  const sameLayout = WINDOW_TYPES[dtype] === flat.constructor && !['bool', 'float16', 'bfloat16'].includes(dtype);
  if (sameLayout) {
    const bytes = new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength);
    return ExTensor._wrap(call(() => glue.fromBytes(shape, dtype, bytes)));
  }
  const hasBigInt = Array.prototype.some.call(flat, (v) => typeof v === 'bigint');
  if (hasBigInt && (dtype === 'int64' || dtype === 'uint64')) {
    const values = BigInt64Array.from(flat, (v) => BigInt.asIntN(64, typeof v === 'bigint' ? v : toBigInt(v)));
    return ExTensor._wrap(call(() => glue.fromBigInts(shape, dtype, values)));
  }
  const values = Float64Array.from(flat, Number);
  return ExTensor._wrap(call(() => glue.fromNumbers(shape, dtype, values)));
}

function toBigInt(v) {
  const x = Number(v);
  return Number.isFinite(x) ? BigInt(Math.trunc(x)) : 0n;
}

/** A tensor from the bytes of a NumPy `.npy` file (a Uint8Array, ArrayBuffer or any byte view). */
export function fromNpy(bytes) {
  ensureReady('fromNpy');
  let view;
  if (bytes instanceof ArrayBuffer) view = new Uint8Array(bytes);
  else if (ArrayBuffer.isView(bytes)) view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  else throw new ExTensorError('INVALID_ARGUMENT', `fromNpy: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  // Bytes that live in wasm memory are copied first: the allocation may detach them.
  if (view.buffer === state.exports.memory.buffer) view = view.slice();
  return ExTensor._wrap(call(() => glue.fromNpy(view)));
}

/** A zero-filled tensor. */
export function zeros(shape, dtype = 'float32') {
  ensureReady('zeros');
  const dims = shapeArg('zeros', shape);
  checkDtype('zeros', dtype);
  return ExTensor._wrap(call(() => glue.zeros(dims, dtype)));
}

/** A tensor of ones. */
export function ones(shape, dtype = 'float32') {
  return full(shape, 1, dtype);
}

/** A tensor with every element `value`. */
export function full(shape, value, dtype) {
  ensureReady('full');
  const dims = shapeArg('full', shape);
  checkElement('full', value);
  dtype ??= typeof value === 'boolean' ? 'bool' : typeof value === 'bigint' ? 'int64' : 'float32';
  checkDtype('full', dtype);
  return ExTensor._wrap(call(() => glue.full(dims, value, dtype)));
}

/** Like zeros: ExTensor never hands out uninitialised memory. */
export function empty(shape, dtype = 'float32') {
  return zeros(shape, dtype);
}

function numberArg(op, name, v) {
  if (typeof v !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${name} must be a number, got ${describe(v)}`);
  return v;
}

/**
 * Splits positional numbers from a dtype: the dtype is a trailing string, or whatever
 * stands past the `positional` numbers (so `arange(0, 4, 1, 5)` is a DTYPE error, not
 * silently float32).
 */
function splitDtype(args, positional, fallback = 'float32') {
  const list = [...args];
  let dtype = fallback;
  if (list.length > positional || typeof list[list.length - 1] === 'string') dtype = list.pop();
  return [list, dtype];
}

/** `arange(stop)` or `arange(start, stop, step = 1)`, each optionally followed by a dtype. */
export function arange(...args) {
  ensureReady('arange');
  const [list, dtype] = splitDtype(args, 3);
  let [start, stop, step = 1] = list;
  if (stop === undefined) [start, stop] = [0, start];
  numberArg('arange', 'start', start);
  numberArg('arange', 'stop', stop);
  numberArg('arange', 'step', step);
  checkDtype('arange', dtype);
  return ExTensor._wrap(call(() => glue.arange(start, stop, step, dtype)));
}

export function linspace(start, stop, num, dtype = 'float32') {
  ensureReady('linspace');
  numberArg('linspace', 'start', start);
  numberArg('linspace', 'stop', stop);
  numberArg('linspace', 'num', num);
  checkDtype('linspace', dtype);
  return ExTensor._wrap(call(() => glue.linspace(start, stop, num, dtype)));
}

/** `eye(n, m = n, k = 0)`, each optionally followed by a dtype. */
export function eye(...args) {
  ensureReady('eye');
  const [list, dtype] = splitDtype(args, 3);
  const [n, m = n, k = 0] = list;
  numberArg('eye', 'n', n);
  numberArg('eye', 'm', m);
  numberArg('eye', 'k', k);
  checkDtype('eye', dtype);
  return ExTensor._wrap(call(() => glue.eye(n, m, k, dtype)));
}

function randomArgs(op, shape, options) {
  ensureReady(op);
  const dims = shapeArg(op, shape);
  optionsArg(op, options, ['seed', 'dtype']);
  const { seed = Math.floor(Math.random() * 2 ** 32), dtype = 'float32' } = options ?? {};
  numberArg(op, 'seed', seed);
  checkDtype(op, dtype);
  return [dims, seed, dtype];
}

/** Uniform [0, 1) values; the same seed gives the same values on every build. */
export function rand(shape, options) {
  const [dims, seed, dtype] = randomArgs('rand', shape, options);
  return ExTensor._wrap(call(() => glue.rand(dims, seed, dtype)));
}

/** Standard normal values. */
export function randn(shape, options) {
  const [dims, seed, dtype] = randomArgs('randn', shape, options);
  return ExTensor._wrap(call(() => glue.randn(dims, seed, dtype)));
}

// ---------------------------------------------------------------- n-ary math

/** NumPy matmul of two tensors. */
export function matmul(a, b) {
  ExTensor._rawOf('matmul', a); // INVALID_ARGUMENT or FREED for anything but a live ExTensor
  return a.matmul(b);
}

/** Builds a RawList of operands, runs fn with it, and always frees it. */
function withList(op, items, allowScalars, fn) {
  ensureReady(op);
  if (!Array.isArray(items)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an array, got ${describe(items)}`);
  const list = new glue.RawList();
  try {
    for (const item of items) {
      if (item instanceof ExTensor) list.pushTensor(ExTensor._rawOf(op, item));
      else if (allowScalars && ['number', 'bigint', 'boolean'].includes(typeof item)) call(() => list.pushScalar(item));
      else throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected ExTensor items, got ${describe(item)}`);
    }
    return ExTensor._wrap(call(() => fn(list)));
  } finally {
    list.free();
  }
}

function axisArg(op, axis) {
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: axis must be a number, got ${describe(axis)}`);
  return axis;
}

/** Joins tensors along an existing axis (dtypes promote). */
export function concat(list, axis = 0) {
  axisArg('concat', axis);
  return withList('concat', list, false, (l) => glue.concat(l, axis));
}

/** Joins same-shaped tensors along a new axis. */
export function stack(list, axis = 0) {
  axisArg('stack', axis);
  return withList('stack', list, false, (l) => glue.stack(l, axis));
}

/** Elements of `a` where `cond` is truthy, else of `b`; `a`/`b` may be JS numbers (weak scalars). */
function whereOp(cond, a, b) {
  const rawCond = ExTensor._rawOf('where', cond);
  return withList('where', [a, b], true, (l) => glue.whereOp(rawCond, l));
}
export { whereOp as where };

// ---------------------------------------------------------------- memory

/**
 * Frees every handle created inside `fn` except those it returns (in any nesting of
 * arrays/objects), which move to the enclosing scope. `fn` must be synchronous.
 */
export function tidy(fn) {
  if (typeof fn !== 'function') throw new ExTensorError('INVALID_ARGUMENT', `tidy: expected a function, got ${describe(fn)}`);
  const result = runTidy(fn, (value) => {
    const kept = new Set();
    collectTensors(value, kept);
    return kept;
  });
  if (result instanceof Promise) {
    throw new ExTensorError('INVALID_ARGUMENT', 'tidy: fn returned a Promise; tidy cannot span await (use ex.scope())');
  }
  return result;
}

/**
 * Opens a scope that may span `await`: `using scope = ex.scope(); …; scope.keep(t)`. Every
 * handle created while it is current is freed when it ends, except those kept.
 */
export function scope() {
  return openScope((op, value) => ExTensor._rawOf(op, value));
}

function collectTensors(value, out, seen = new Set()) {
  if (value instanceof ExTensor) {
    out.add(value);
  } else if (value !== null && typeof value === 'object' && !seen.has(value) && !ArrayBuffer.isView(value)) {
    seen.add(value);
    for (const v of Array.isArray(value) ? value : Object.values(value)) collectTensors(v, out, seen);
  }
}

/** Live handle and storage counters, straight from the Rust core. */
export function memory() {
  ensureReady('memory');
  const [liveHandles, liveStorages, storageBytes, peakStorageBytes] = glue.memoryStats();
  return {
    liveHandles,
    liveStorages,
    storageBytes,
    peakStorageBytes,
    wasmMemoryBytes: state.exports.memory.buffer.byteLength,
    reclaimedByFinalizer: state.reclaimedByFinalizer,
  };
}

export const debug = Object.freeze({
  /** Starts (or stops) recording a creation stack for every new handle. */
  trackLeaks(on = true) {
    state.trackLeaks = Boolean(on);
    if (!state.trackLeaks) leakTable.clear();
  },
  /** Live handles created while tracking: { id, shape, dtype, stack }. */
  leaks() {
    return Array.from(leakTable.values(), (entry) => ({ ...entry, shape: [...entry.shape] }));
  },
});
