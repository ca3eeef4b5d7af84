// The public module: loading, creation functions, memory management.
import { ExTensorError } from './errors.js';
import { DTYPES, WINDOW_TYPES, argumentId, checkDtype, created, isExTensor, matmulOf } from './tensor.js';
import { ensureReady, glue, leakTable, state } from './runtime.js';
import { openScope, runTidy, scopesFollowAsyncContext } from './scopes.js';
import {
  MAX_NDIM, OPERAND_TENSOR, SCALAR_BOOL, SCALAR_INT, SCALAR_NUMBER, SCALAR_UINT, byteView, describe,
  encodeScalar, fits64, isArrayArg, isScalar, ownView, readArray, readNumber, readOptions, readShape, typedArrayFacts,
} from './boundary.js';
import { releaseDetachedWindows } from './windows.js';
import { platform } from './platform.js';

export { ExTensor } from './tensor.js';
export { ExTensorError, ERROR_CODES } from './errors.js';

/** The package version (a test holds it equal to package.json's). */
export const VERSION = '0.1.0';

export { DTYPES };

/** The most axes a tensor may have (NumPy's limit, and the Rust core's MAX_NDIM). */
export { MAX_NDIM };

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

// ---------------------------------------------------------------- creation

/** The dtype a typed array holds, by its internal [[TypedArrayName]]. */
const TYPED_DTYPES = new Map([
  ['Float32Array', 'float32'], ['Float64Array', 'float64'], ['Int8Array', 'int8'], ['Int16Array', 'int16'],
  ['Int32Array', 'int32'], ['BigInt64Array', 'int64'], ['Uint8Array', 'uint8'], ['Uint8ClampedArray', 'uint8'],
  ['Uint16Array', 'uint16'], ['Uint32Array', 'uint32'], ['BigUint64Array', 'uint64'],
]);

function checkElement(op, v) {
  if (!isScalar(v)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: elements must be numbers, booleans or bigints, got ${describe(v)}`);
  }
  return v;
}

/**
 * Reads nested arrays once (each `length` and each element one time) into flat C-order
 * values and their shape; ragged input is INVALID_SHAPE.
 */
function readNested(data) {
  const shape = [];
  const flat = [];
  let leafDepth = -1;
  const visit = (node, depth) => {
    if (!isArrayArg('tensor', 'data', node, 'INVALID_SHAPE')) {
      if (leafDepth === -1) leafDepth = depth;
      if (depth !== leafDepth) throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged (expected an array at depth ${depth})`);
      flat.push(checkElement('tensor', node));
      return;
    }
    if (leafDepth !== -1 && depth >= leafDepth) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged (expected a scalar at depth ${depth})`);
    }
    if (depth >= MAX_NDIM) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays deeper than ${MAX_NDIM} levels; at most ${MAX_NDIM} dimensions are supported`);
    }
    const length = node.length;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > 2 ** 32 - 1) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: data has an invalid length (${describe(length)})`);
    }
    if (depth === shape.length) {
      shape.push(length);
      if (length === 0) leafDepth = depth + 1;
    } else if (shape[depth] !== length) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged at depth ${depth} (expected length ${shape[depth]})`);
    }
    for (let i = 0; i < length; i++) visit(node[i], depth + 1);
  };
  visit(data, 0);
  if (leafDepth !== -1 && leafDepth !== shape.length) {
    throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged (expected a scalar at depth ${shape.length})`);
  }
  return { flat, shape };
}

/**
 * The dtype of JS scalars without a `dtype` option: bool for booleans only; for bigints
 * int64, or uint64 when one needs it, or float64 when mixed with non-integral numbers
 * (NumPy's rules for Python ints); else float32.
 */
function inferDtype(values) {
  let bigints = false;
  let needsUnsigned = false;
  let fractional = false;
  let allBool = values.length > 0;
  for (const v of values) {
    if (typeof v === 'bigint') {
      bigints = true;
      if (v > INT64_MAX) needsUnsigned = true;
    } else if (typeof v === 'number' && !Number.isInteger(v)) {
      fractional = true;
    }
    if (typeof v !== 'boolean') allBool = false;
  }
  if (allBool) return 'bool';
  if (!bigints) return 'float32';
  if (fractional) return 'float64';
  return needsUnsigned ? 'uint64' : 'int64';
}

const INT64_MAX = 2n ** 63n - 1n;

/** Refuses bigints outside the 64-bit range, which no dtype can hold (encodeScalar agrees). */
function check64(op, flat) {
  for (const v of flat) {
    if (typeof v === 'bigint' && !fits64(v)) {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${describe(v)} does not fit 64 bits`);
    }
  }
}

/** A typed array's elements as plain data: a byte view for same-layout dtypes, else a fresh copy. */
function typedArrayData(facts, dtype) {
  const sameLayout = WINDOW_TYPES[dtype] === facts.Type && !['bool', 'float16', 'bfloat16'].includes(dtype);
  const bigints = facts.name === 'BigInt64Array' || facts.name === 'BigUint64Array';
  if (sameLayout) {
    let bytes = ownView(facts, Uint8Array);
    // A window onto wasm memory is copied first: the allocation may grow the memory and
    // detach it before the glue reads it.
    if (bytes.buffer === state.exports.memory.buffer) bytes = bytes.slice();
    return { bytes };
  }
  if (bigints) {
    const values = new BigInt64Array(facts.length);
    values.set(ownView(facts));
    if (dtype === 'int64' || dtype === 'uint64') return { bigints: values };
    return { numbers: Float64Array.from(facts.name === 'BigUint64Array' ? new BigUint64Array(values.buffer) : values, Number) };
  }
  const numbers = new Float64Array(facts.length);
  numbers.set(ownView(facts));
  return { numbers };
}

/** A flat list of JS scalars as plain data for `dtype`. */
function scalarData(flat, dtype) {
  const hasBigInt = flat.some((v) => typeof v === 'bigint');
  if (hasBigInt && (dtype === 'int64' || dtype === 'uint64')) {
    return { bigints: BigInt64Array.from(flat, (v) => BigInt.asIntN(64, typeof v === 'bigint' ? v : toBigInt(v))) };
  }
  return { numbers: Float64Array.from(flat, Number) };
}

/**
 * A tensor from nested arrays, a number/boolean/bigint (0-d), or a flat array/TypedArray
 * (C order when `shape` is given). Without `dtype`: a TypedArray's own dtype, `bool` for
 * booleans, `int64` for bigints (`uint64` past int64, `float64` with fractions), else
 * `float32`.
 */
export function tensor(data, options) {
  ensureReady('tensor');
  options = readOptions('tensor', options, ['dtype', 'shape']);
  // The shape is read before the data: reading it runs the caller's code, which must not
  // meet a view of the data already taken.
  const explicitShape = options.shape === undefined ? null : readShape('tensor', options.shape);
  let shape;
  let dtype = options.dtype;
  let plain;
  const facts = typedArrayFacts(data);
  if (facts !== null) {
    dtype ??= TYPED_DTYPES.get(facts.name) ?? 'float32';
    checkDtype('tensor', dtype);
    shape = Float64Array.of(facts.length);
    plain = typedArrayData(facts, dtype);
  } else {
    let flat;
    if (isArrayArg('tensor', 'data', data, 'INVALID_SHAPE')) {
      ({ flat, shape } = readNested(data));
    } else {
      flat = [checkElement('tensor', data)];
      shape = [];
    }
    check64('tensor', flat);
    dtype ??= inferDtype(flat);
    checkDtype('tensor', dtype);
    shape = Float64Array.from(shape);
    plain = scalarData(flat, dtype);
  }
  if (explicitShape !== null) shape = explicitShape;
  if (plain.bytes) return created(() => glue.fromBytes(shape, dtype, plain.bytes));
  if (plain.bigints) return created(() => glue.fromBigInts(shape, dtype, plain.bigints));
  return created(() => glue.fromNumbers(shape, dtype, plain.numbers));
}

function toBigInt(v) {
  const x = Number(v);
  return Number.isFinite(x) ? BigInt(Math.trunc(x)) : 0n;
}

/** A tensor from the bytes of a NumPy `.npy` file (a Uint8Array, ArrayBuffer or any byte view). */
export function fromNpy(bytes) {
  ensureReady('fromNpy');
  let view = byteView(bytes);
  if (view === null) throw new ExTensorError('INVALID_ARGUMENT', `fromNpy: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  // Bytes that live in wasm memory are copied first: the allocation may detach them.
  if (view.buffer === state.exports.memory.buffer) view = view.slice();
  return created(() => glue.fromNpy(view));
}

/** A zero-filled tensor. */
export function zeros(shape, dtype = 'float32') {
  ensureReady('zeros');
  const dims = readShape('zeros', shape);
  checkDtype('zeros', dtype);
  return created(() => glue.zeros(dims, dtype));
}

/** A tensor of ones. */
export function ones(shape, dtype = 'float32') {
  return full(shape, 1, dtype);
}

/** A tensor with every element `value`. */
export function full(shape, value, dtype) {
  ensureReady('full');
  const dims = readShape('full', shape);
  checkElement('full', value);
  check64('full', [value]);
  dtype ??= inferDtype([value]);
  checkDtype('full', dtype);
  const [kind, number, bits] = encodeScalar('full', value);
  return created(() => glue.full(dims, kind, number, bits, dtype));
}

/** Like zeros: ExTensor never hands out uninitialised memory. */
export function empty(shape, dtype = 'float32') {
  return zeros(shape, dtype);
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
  readNumber('arange', 'start', start);
  readNumber('arange', 'stop', stop);
  readNumber('arange', 'step', step);
  checkDtype('arange', dtype);
  return created(() => glue.arange(start, stop, step, dtype));
}

export function linspace(start, stop, num, dtype = 'float32') {
  ensureReady('linspace');
  readNumber('linspace', 'start', start);
  readNumber('linspace', 'stop', stop);
  readNumber('linspace', 'num', num);
  checkDtype('linspace', dtype);
  return created(() => glue.linspace(start, stop, num, dtype));
}

/** `eye(n, m = n, k = 0)`, each optionally followed by a dtype. */
export function eye(...args) {
  ensureReady('eye');
  const [list, dtype] = splitDtype(args, 3);
  const [n, m = n, k = 0] = list;
  readNumber('eye', 'n', n);
  readNumber('eye', 'm', m);
  readNumber('eye', 'k', k);
  checkDtype('eye', dtype);
  return created(() => glue.eye(n, m, k, dtype));
}

function randomArgs(op, shape, options) {
  ensureReady(op);
  const dims = readShape(op, shape);
  const { seed = Math.floor(Math.random() * 2 ** 32), dtype = 'float32' } = readOptions(op, options, ['seed', 'dtype']);
  readNumber(op, 'seed', seed);
  checkDtype(op, dtype);
  return [dims, seed, dtype];
}

/** Uniform [0, 1) values; the same seed gives the same values on every build. */
export function rand(shape, options) {
  const [dims, seed, dtype] = randomArgs('rand', shape, options);
  return created(() => glue.rand(dims, seed, dtype));
}

/** Standard normal values. */
export function randn(shape, options) {
  const [dims, seed, dtype] = randomArgs('randn', shape, options);
  return created(() => glue.randn(dims, seed, dtype));
}

// ---------------------------------------------------------------- n-ary math

/** NumPy matmul of two tensors. */
export function matmul(a, b) {
  argumentId('matmul', a); // INVALID_ARGUMENT or FREED for anything but a live ExTensor
  return matmulOf(a, b);
}

/** The tensors of a list argument, read once; their ids are taken after every read. */
function readTensorList(op, items) {
  ensureReady(op);
  if (!isArrayArg(op, 'the list', items)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an array, got ${describe(items)}`);
  return readArray(op, 'the list', items, 'INVALID_ARGUMENT', (item) => {
    if (!isExTensor(item)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected ExTensor items, got ${describe(item)}`);
    return item;
  });
}

const tensorIds = (op, tensors) => Float64Array.from(tensors, (t) => argumentId(op, t));

function axisArg(op, axis) {
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: axis must be a number, got ${describe(axis)}`);
  return axis;
}

/** Joins tensors along an existing axis (dtypes promote). */
export function concat(list, axis = 0) {
  axisArg('concat', axis);
  const tensors = readTensorList('concat', list);
  const ids = tensorIds('concat', tensors);
  return created(() => glue.concat(ids, axis));
}

/** Joins same-shaped tensors along a new axis. */
export function stack(list, axis = 0) {
  axisArg('stack', axis);
  const tensors = readTensorList('stack', list);
  const ids = tensorIds('stack', tensors);
  return created(() => glue.stack(ids, axis));
}


/** A `where` operand: a tensor (its id taken last) or a weak scalar. */
function whereOperand(v) {
  if (isExTensor(v)) return () => [OPERAND_TENSOR, argumentId('where', v), 0n];
  if (!isScalar(v)) throw new ExTensorError('INVALID_ARGUMENT', `where: expected ExTensor items, got ${describe(v)}`);
  const encoded = encodeScalar('where', v);
  return () => encoded;
}

/** Elements of `a` where `cond` is truthy, else of `b`; `a`/`b` may be JS numbers (weak scalars). */
function whereOp(cond, a, b) {
  ensureReady('where');
  argumentId('where', cond);
  const [first, second] = [whereOperand(a), whereOperand(b)];
  const c = argumentId('where', cond);
  const [ak, an, ab] = first();
  const [bk, bn, bb] = second();
  return created(() => glue.whereOp(c, ak, an, ab, bk, bn, bb));
}
export { whereOp as where };

// ---------------------------------------------------------------- memory

/**
 * Frees every handle created inside `fn` except those it returns (in any nesting of
 * arrays/objects), which move to the enclosing scope. `fn` must be synchronous.
 */
export function tidy(fn) {
  if (typeof fn !== 'function' || isArrayArg('tidy', 'fn', fn)) {
    throw new ExTensorError('INVALID_ARGUMENT', `tidy: expected a function, got ${describe(fn)}`);
  }
  const result = runTidy(fn, (value) => {
    const kept = new Set();
    collectTensors(value, kept);
    return kept;
  });
  if (isPromise(result)) {
    throw new ExTensorError('INVALID_ARGUMENT', 'tidy: fn returned a Promise; tidy cannot span await (use ex.scope())');
  }
  return result;
}

function isPromise(value) {
  try {
    return value instanceof Promise;
  } catch {
    return false; // a revoked Proxy (walking it already failed) or a throwing trap
  }
}

/**
 * Opens a scope that may span `await`: `using scope = ex.scope(); …; scope.keep(t)`. Every
 * handle created while it is current is freed when it ends, except those kept.
 */
export function scope() {
  return openScope((op, value) => argumentId(op, value));
}

/**
 * The tensors in tidy's result (arrays and plain objects, any depth; walked with a stack, so
 * depth costs no recursion). Walking runs the result's getters and traps; if one throws,
 * tidy frees everything and rethrows.
 */
function collectTensors(result, out) {
  const seen = new Set();
  const pending = [result];
  while (pending.length > 0) {
    const value = pending.pop();
    if (isExTensor(value)) {
      out.add(value);
    } else if (value !== null && typeof value === 'object' && !seen.has(value) && !ArrayBuffer.isView(value)) {
      seen.add(value);
      if (isArrayArg('tidy', 'a value in the result', value)) {
        readArray('tidy', 'an array in the result', value, 'INVALID_ARGUMENT', (v) => pending.push(v));
      } else {
        pending.push(...Object.values(value));
      }
    }
  }
}

/** Live handle and storage counters, straight from the Rust core. */
export function memory() {
  ensureReady('memory');
  releaseDetachedWindows();
  const [liveHandles, liveStorages, storageBytes, peakStorageBytes, quarantinedBytes] = glue.memoryStats();
  return {
    liveHandles,
    liveStorages,
    storageBytes,
    peakStorageBytes,
    /** bytes of freed storages kept from reuse while a typed-array window may still reach them */
    quarantinedBytes,
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
