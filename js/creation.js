// Creation functions: a tensor from JS data, from .npy bytes, filled, ranges, random.
import { ExTensorError } from './errors.js';
import { WINDOW_TYPES, checkDtype, created } from './tensor.js';
import { ensureReady, ensureRoom, glue, state } from './runtime.js';
import {
  MAX_LIST_ITEMS, MAX_NDIM, arrayLength, byteView, describe, encodeScalar, fits64, isArrayArg, isScalar, ownView, readNumber,
  readOptions, readShape, typedArrayFacts,
} from './boundary.js';

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
      if (flat.length === MAX_LIST_ITEMS) {
        throw new ExTensorError('OUT_OF_MEMORY', `tensor: nested arrays of more than ${MAX_LIST_ITEMS} elements; pass a typed array`);
      }
      flat.push(checkElement('tensor', node));
      return;
    }
    if (leafDepth !== -1 && depth >= leafDepth) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays are ragged (expected a scalar at depth ${depth})`);
    }
    if (depth >= MAX_NDIM) {
      throw new ExTensorError('INVALID_SHAPE', `tensor: nested arrays deeper than ${MAX_NDIM} levels; at most ${MAX_NDIM} dimensions are supported`);
    }
    const length = arrayLength('tensor', 'data', node, 'INVALID_SHAPE');
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
 * int64, or uint64 when one needs it, or float64 when mixed with numbers that are not exact
 * integers (NumPy's rules for Python ints and floats); else float32.
 */
function inferDtype(values) {
  let bigints = false;
  let needsUnsigned = false;
  let negative = false;
  let notAnInt = false;
  let allBool = values.length > 0;
  for (const v of values) {
    if (typeof v === 'bigint') {
      bigints = true;
      if (v > INT64_MAX) needsUnsigned = true;
      if (v < 0n) negative = true;
    } else if (typeof v === 'number' && !Number.isSafeInteger(v)) {
      // A fraction, or a number too large to be an exact integer (1e300): a float.
      notAnInt = true;
    }
    if (typeof v !== 'boolean') allBool = false;
  }
  if (allBool) return 'bool';
  if (!bigints) return 'float32';
  if (notAnInt) return 'float64';
  if (needsUnsigned && negative) {
    throw new ExTensorError('INVALID_ARGUMENT', 'tensor: bigints past int64 beside negative ones fit no 64-bit dtype; pass { dtype }');
  }
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
  const values = plain.bytes ?? plain.bigints ?? plain.numbers;
  ensureRoom(values.byteLength);
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
  ensureRoom(view.byteLength);
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
 * @returns {[any[], any]}
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
