// The ExTensor handle class: thin methods over the binding, plus the free/FREED/
// Symbol.dispose discipline.
//
// Every method that takes arguments follows one order, written once in `method()` (see
// boundary.js for the rule): check the receiver (an ExTensor, not freed), read every
// argument into plain data — the only step where a caller's getter or Proxy trap can run
// —, then take the receiver's and the tensor arguments' ids (a getter may have freed them:
// FREED) and call the binding with plain data only.
import { ExTensorError } from './errors.js';
import { call, freeHandleQuietly, glue, state } from './runtime.js';
import { adopt, release } from './handles.js';
import {
  describe, encodeScalar, isArrayArg, isScalar, readArray, readAxes, readNumber, readNumbers,
  readShape, setTensorDescriber,
} from './boundary.js';
import { setScopeFreer } from './scopes.js';
import { afterAllocation, afterFree, openWindow } from './windows.js';
import { DISPOSE } from './platform.js';

/** The typed array behind `data` and `toTypedArray()` for each dtype. */
export const WINDOW_TYPES = Object.freeze({
  float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array, float16: Uint16Array, bfloat16: Uint16Array,
});

/** The dtype names, in the contract's order. */
export const DTYPES = Object.freeze(Object.keys(WINDOW_TYPES));

/** A dtype argument: one of DTYPES, or a DTYPE error that quotes it briefly. */
export function checkDtype(op, dtype) {
  if (typeof dtype !== 'string' || !DTYPES.includes(dtype)) {
    throw new ExTensorError('DTYPE', `${op}: unknown dtype ${describe(dtype)}; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype;
}

/** The most nested JS arrays toArray() builds (2^26, about 2 GB of V8 heap). */
const MAX_NESTED_ARRAYS = 2 ** 26;

/** `meta` flags (src/js/handle.rs). */
const META_CONTIGUOUS = 1;
const META_VIEW = 2;
const META_WRITABLE = 4;

const CONSTRUCT = Symbol('ExTensor.construct');

// Module-private access to the private fields, set by the class's static block: nothing
// internal is reachable from the class or the module's exports.
let isTensor;
let idOf;
let setFreed;
let forgetHandle;
let cachedMeta;

/** The live id of a receiver, or INVALID_ARGUMENT (not an ExTensor) / FREED. */
function liveId(op, self) {
  if (!isTensor(self)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: called on ${describe(self)}, not on an ExTensor`);
  }
  const id = idOf(self);
  if (id === null) throw new ExTensorError('FREED', `${op}: this tensor was freed`);
  return id;
}

/** The live id of a tensor argument, or INVALID_ARGUMENT / FREED. */
export function argumentId(op, value) {
  if (!isTensor(value)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor argument, got ${describe(value)}`);
  }
  const id = idOf(value);
  if (id === null) throw new ExTensorError('FREED', `${op}: the tensor argument was freed`);
  return id;
}

/** True for a genuine ExTensor handle (freed or not); runs no code of `value`. */
export function isExTensor(value) {
  return isTensor(value);
}

/** Wraps a handle id returned by the binding (an allocating call). */
function wrapId(id) {
  afterAllocation();
  return new ExTensor(CONSTRUCT, id);
}

/** Runs a binding call that makes a new handle, and wraps it. */
export function created(fn) {
  return wrapId(call(fn));
}

/** A binding call on the receiver that makes a new handle (no arguments to read). */
function derive(op, self, fn) {
  const id = liveId(op, self);
  return created(() => fn(id));
}

/**
 * The order of every method with arguments: the receiver is checked, `read()` turns the
 * arguments into plain data (caller code may run, and may free the receiver), then
 * `run(id, args)` gets the receiver's id, taken again, and calls the binding; tensor
 * arguments' ids are taken inside `run` with `argumentId`.
 */
function method(op, self, read, run) {
  liveId(op, self);
  const args = read();
  return run(liveId(op, self), args);
}

/** Releases a handle (the implementation of free(), which scopes and dispose use too). */
function freeTensor(tensor) {
  const id = idOf(tensor);
  if (id === null) return;
  setFreed(tensor);
  forgetHandle(tensor);
  afterFree(freeHandleQuietly(id));
}

/** matmul of two live ExTensors (ex.matmul and t.matmul). */
export function matmulOf(a, b) {
  // No caller code runs before the call: the ids are taken once, receiver first.
  return created(() => glue.matmul(liveId('matmul', a), argumentId('matmul', b)));
}

/** The receiver's cached metadata (a handle's layout and dtype never change). */
function meta(op, self) {
  liveId(op, self);
  return cachedMeta(self);
}

export class ExTensor {
  #id;
  #serial;
  #meta = null;
  /** The last `data` window and the memory buffer it was made over. */
  #window = null;
  #windowBuffer = null;

  static {
    isTensor = (value) => value !== null && typeof value === 'object' && #id in value;
    idOf = (tensor) => tensor.#id;
    setFreed = (tensor) => {
      tensor.#id = null;
      tensor.#window = null;
    };
    forgetHandle = (tensor) => release(tensor, tensor.#serial);
    cachedMeta = (tensor) => {
      if (tensor.#meta === null) tensor.#meta = readMeta(tensor.#id);
      return tensor.#meta;
    };
    setScopeFreer(freeTensor);
    setTensorDescriber((value) => {
      if (!isTensor(value)) return null;
      return value.#id === null ? 'a freed ExTensor' : 'an ExTensor';
    });
  }

  /** Not for callers: use ex.tensor(), ex.zeros(), … to create tensors. */
  constructor(token, id) {
    if (token !== CONSTRUCT) {
      throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor: use ex.tensor(), ex.zeros() or another creation function');
    }
    this.#id = id;
    this.#serial = state.nextSerial++;
    adopt(this, id, this.#serial, () => ({ shape: this.shape, dtype: this.dtype }));
  }

  get shape() { return [...meta('shape', this).shape]; }
  get strides() { return [...meta('strides', this).strides]; }
  get offset() { return meta('offset', this).offset; }
  get dtype() { return meta('dtype', this).dtype; }
  get ndim() { return meta('ndim', this).shape.length; }
  get size() { return meta('size', this).size; }
  get nbytes() { return meta('nbytes', this).nbytes; }
  get isContiguous() { return meta('isContiguous', this).contiguous; }
  get isView() { return meta('isView', this).view; }
  /** False for broadcast views: writing to them throws READ_ONLY. */
  get isWritable() { return meta('isWritable', this).writable; }
  get refCount() {
    const id = liveId('refCount', this);
    return call(() => glue.refCount(id));
  }
  /** True once free() was called on this handle. */
  get isFreed() {
    liveIdOrNull('isFreed', this);
    return this.#id === null;
  }

  sharesMemory(other) {
    return call(() => glue.sharesMemory(liveId('sharesMemory', this), argumentId('sharesMemory', other)));
  }

  /** A new handle on the same storage: refCount + 1. */
  share() { return derive('share', this, (id) => glue.share(id)); }
  /** A deep copy in new storage. */
  clone() { return derive('clone', this, (id) => glue.deepCopy(id)); }

  /** Releases this handle (refCount − 1); the last handle frees the storage. Idempotent; never throws on an ExTensor. */
  free() {
    liveIdOrNull('free', this);
    freeTensor(this);
  }

  [DISPOSE]() {
    liveIdOrNull('[Symbol.dispose]', this);
    freeTensor(this);
  }

  reshape(shape) {
    return method('reshape', this, () => readNumbers('reshape', 'shape', shape, 'INVALID_SHAPE'),
      (id, dims) => created(() => glue.reshape(id, dims)));
  }

  slice(spec, ...extra) {
    return method('slice', this, () => {
      if (extra.length > 0) {
        throw new ExTensorError('INVALID_ARGUMENT', `slice: takes one spec (a string such as '1:3, ::2' or an array of items), got ${extra.length + 1} arguments`);
      }
      return sliceText(spec);
    }, (id, text) => created(() => glue.slice(id, text)));
  }

  transpose(axes) {
    return method('transpose', this, () => {
      if (typeof axes === 'number') {
        throw new ExTensorError('INVALID_ARGUMENT', `transpose: axes must be an array of numbers, got ${describe(axes)}`);
      }
      return readAxes('transpose', axes, 'axes');
    }, (id, order) => created(() => glue.transpose(id, order.given, order.axes)));
  }

  squeeze(axis) {
    return method('squeeze', this, () => readAxes('squeeze', axis),
      (id, { given, axes }) => created(() => glue.squeeze(id, given, axes)));
  }

  unsqueeze(axis) {
    return method('unsqueeze', this, () => readNumber('unsqueeze', 'axis', axis),
      (id, a) => created(() => glue.unsqueeze(id, a)));
  }

  broadcastTo(shape) {
    return method('broadcastTo', this, () => readShape('broadcastTo', shape),
      (id, dims) => created(() => glue.broadcastTo(id, dims)));
  }

  flatten() { return derive('flatten', this, (id) => glue.flatten(id)); }
  contiguous() { return derive('contiguous', this, (id) => glue.contiguous(id)); }

  astype(dtype) {
    return method('astype', this, () => checkDtype('astype', dtype),
      (id, d) => created(() => glue.astype(id, d)));
  }

  add(other) { return binary('add', this, other); }
  sub(other) { return binary('sub', this, other); }
  mul(other) { return binary('mul', this, other); }
  div(other) { return binary('div', this, other); }
  pow(other) { return binary('pow', this, other); }
  maximum(other) { return binary('maximum', this, other); }
  minimum(other) { return binary('minimum', this, other); }
  equal(other) { return binary('equal', this, other); }
  notEqual(other) { return binary('notEqual', this, other); }
  less(other) { return binary('less', this, other); }
  lessEqual(other) { return binary('lessEqual', this, other); }
  greater(other) { return binary('greater', this, other); }
  greaterEqual(other) { return binary('greaterEqual', this, other); }

  neg() { return unary('neg', this); }
  abs() { return unary('abs', this); }
  exp() { return unary('exp', this); }
  log() { return unary('log', this); }
  sqrt() { return unary('sqrt', this); }
  sin() { return unary('sin', this); }
  cos() { return unary('cos', this); }
  tanh() { return unary('tanh', this); }
  sigmoid() { return unary('sigmoid', this); }
  relu() { return unary('relu', this); }
  square() { return unary('square', this); }
  floor() { return unary('floor', this); }
  ceil() { return unary('ceil', this); }
  round() { return unary('round', this); }

  sum(axis, keepDims = false) { return reduce('sum', this, axis, keepDims); }
  prod(axis, keepDims = false) { return reduce('prod', this, axis, keepDims); }
  mean(axis, keepDims = false) { return reduce('mean', this, axis, keepDims); }
  max(axis, keepDims = false) { return reduce('max', this, axis, keepDims); }
  min(axis, keepDims = false) { return reduce('min', this, axis, keepDims); }
  argMax(axis) { return reduce('argMax', this, axis, false); }
  argMin(axis) { return reduce('argMin', this, axis, false); }

  matmul(other) { return matmulOf(this, other); }

  softmax(axis) {
    return method('softmax', this, () => {
      if (axis === undefined || axis === null) return { given: false, axis: 0 };
      return { given: true, axis: readNumber('softmax', 'axis', axis) };
    }, (id, { given, axis: a }) => created(() => glue.softmax(id, given, a)));
  }

  get(...index) {
    return method('get', this, () => readNumbers('get', 'index', index, 'INDEX_OUT_OF_BOUNDS'),
      (id, idx) => readScalar(cachedMeta(this).dtype, () => glue.get(id, idx), () => glue.getBits(id, idx)));
  }

  set(value, ...index) {
    method('set', this, () => [readNumbers('set', 'index', index, 'INDEX_OUT_OF_BOUNDS'), encodeScalar('set', value)],
      (id, [idx, [kind, number, bits]]) => call(() => glue.set(id, idx, kind, number, bits)));
  }

  item() {
    const id = liveId('item', this);
    return readScalar(cachedMeta(this).dtype, () => glue.item(id), () => glue.itemBits(id));
  }

  fill(value) {
    method('fill', this, () => encodeScalar('fill', value),
      (id, [kind, number, bits]) => call(() => glue.fill(id, kind, number, bits)));
    return this;
  }

  assign(other) {
    call(() => glue.assign(liveId('assign', this), argumentId('assign', other)));
    return this;
  }

  /** Nested JS arrays of numbers, bigints (int64/uint64) or booleans (bool). */
  toArray() {
    const id = liveId('toArray', this);
    const { dtype, shape } = cachedMeta(this);
    // An empty tensor may still ask for absurdly many JS arrays ([2**31 - 1, 0]): refuse
    // before the engine dies of it (V8's out-of-memory ends the process, uncatchably).
    let arrays = 0;
    for (let depth = 0, rows = 1; depth < shape.length - 1; depth++) arrays += (rows *= shape[depth]);
    if (arrays > MAX_NESTED_ARRAYS) {
      throw new ExTensorError('OUT_OF_MEMORY', `toArray: shape [${shape.join(', ')}] needs ${arrays} nested JS arrays; use toTypedArray()`);
    }
    let flat;
    if (dtype === 'int64' || dtype === 'uint64') {
      const bytes = call(() => glue.toBytes(id));
      flat = new WINDOW_TYPES[dtype](bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    } else {
      flat = call(() => glue.toNumbers(id));
      if (dtype === 'bool') flat = Array.from(flat, (x) => x !== 0);
    }
    return nest(flat, shape);
  }

  /** The bytes of a NumPy `.npy` file (version 1.0, C order) holding this tensor. */
  toNpy() {
    const id = liveId('toNpy', this);
    return call(() => glue.toNpy(id));
  }

  /** A C-ordered copy of the elements in the dtype's typed array. */
  toTypedArray() {
    const id = liveId('toTypedArray', this);
    const bytes = call(() => glue.toBytes(id));
    const Type = WINDOW_TYPES[cachedMeta(this).dtype];
    return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
  }

  /**
   * A zero-copy typed-array window onto the elements (C-contiguous, writable tensors).
   * Always built on the current wasm memory, so reading `t.data` again after memory
   * growth gives a live window; a window kept from before growth is detached (length 0).
   * A window kept after the storage is freed reaches only that storage's old bytes, which
   * no other tensor is given while the window lives.
   */
  get data() {
    const id = liveId('data', this);
    // One window per handle while memory keeps its buffer; opening one may itself grow
    // memory, so the buffer is read again after.
    if (this.#windowBuffer !== state.exports.memory.buffer) {
      const { dtype, size } = cachedMeta(this);
      this.#window = openWindow(id, WINDOW_TYPES[dtype], size);
      this.#windowBuffer = state.exports.memory.buffer;
    }
    return this.#window;
  }

  toString() {
    if (!isTensor(this)) return 'ExTensor(<not an ExTensor>)';
    const id = this.#id;
    if (id === null) return 'ExTensor(<freed>)';
    return call(() => glue.toText(id));
  }

  [Symbol.for('nodejs.util.inspect.custom')]() { return ExTensor.prototype.toString.call(this); }
}

/** The receiver's id, null once freed; INVALID_ARGUMENT when it is not an ExTensor. */
function liveIdOrNull(op, self) {
  if (!isTensor(self)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: called on ${describe(self)}, not on an ExTensor`);
  }
  return idOf(self);
}

function readMeta(id) {
  const m = call(() => glue.meta(id));
  const ndim = m[4];
  const shape = new Array(ndim);
  const strides = new Array(ndim);
  let size = 1;
  for (let i = 0; i < ndim; i++) {
    shape[i] = m[5 + i];
    strides[i] = m[5 + ndim + i];
    size *= shape[i];
  }
  return Object.freeze({
    offset: m[0],
    nbytes: m[1],
    contiguous: (m[2] & META_CONTIGUOUS) !== 0,
    view: (m[2] & META_VIEW) !== 0,
    writable: (m[2] & META_WRITABLE) !== 0,
    dtype: state.dtypeNames[m[3]],
    shape,
    strides,
    size,
  });
}

/** An element as its dtype reads back: bigint for int64/uint64, boolean for bool, else a number. */
function readScalar(dtype, asNumber, asBits) {
  if (dtype === 'int64') return call(asBits);
  if (dtype === 'uint64') return BigInt.asUintN(64, call(asBits));
  const x = call(asNumber);
  return dtype === 'bool' ? x !== 0 : x;
}

/** Flat C-order values nested by `shape` (a 0-d tensor is its one value). */
function nest(flat, shape) {
  if (shape.length === 0) return flat[0];
  let at = 0;
  const build = (depth) => {
    const out = new Array(shape[depth]);
    for (let i = 0; i < shape[depth]; i++) out[i] = depth === shape.length - 1 ? flat[at++] : build(depth + 1);
    return out;
  };
  return build(0);
}

/** Binary op with a tensor or a weak scalar (a JS number, bigint or boolean). */
function binary(op, self, other) {
  const isCompare = state.opCodes.compare.has(op);
  const code = isCompare ? state.opCodes.compare.get(op) : state.opCodes.binary.get(op);
  if (isTensor(other)) {
    return created(() => {
      const [a, b] = [liveId(op, self), argumentId(op, other)];
      return isCompare ? glue.compareTensor(a, code, b) : glue.binaryTensor(a, code, b);
    });
  }
  return method(op, self, () => {
    if (!isScalar(other)) {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor or a number, got ${describe(other)}`);
    }
    return encodeScalar(op, other);
  }, (a, [kind, number, bits]) => created(() => (isCompare
    ? glue.compareScalar(a, code, kind, number, bits)
    : glue.binaryScalar(a, code, kind, number, bits))));
}

function unary(op, self) {
  return derive(op, self, (id) => glue.unary(id, state.opCodes.unary.get(op)));
}

function reduce(op, self, axis, keepDims) {
  return method(op, self, () => readAxes(op, axis),
    (id, { given, axes }) => created(() => glue.reduce(id, state.opCodes.reduce.get(op), given, axes, Boolean(keepDims))));
}

/** A safe integer as slice text, or INVALID_ARGUMENT (the Rust grammar parses the rest). */
function sliceInteger(what, v) {
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 2 ** 53) {
    throw new ExTensorError('INVALID_ARGUMENT', `slice: ${what} ${describe(v)} is not an integer`);
  }
  return String(v);
}

/**
 * A slice spec in NumPy's text form. The array form is read once and written as text, so
 * the Rust slice grammar is the one parser: a number is an index, `[start, stop, step]` a
 * slice (null/undefined parts omitted), null/undefined a new axis, a string one item.
 */
function sliceText(spec) {
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'number' || spec === null) return sliceItem(spec);
  if (!isArrayArg('slice', 'the spec', spec)) {
    throw new ExTensorError('INVALID_ARGUMENT', `slice: expected a string or an array, got ${describe(spec)}`);
  }
  const items = readArray('slice', 'the spec', spec, 'INVALID_ARGUMENT', sliceItem);
  return items.length === 0 ? '...' : items.join(', ');
}

function sliceItem(item) {
  if (item === null || item === undefined) return 'None';
  if (typeof item === 'number') return sliceInteger('index', item);
  if (typeof item === 'string') {
    if (item.includes(',')) throw new ExTensorError('INVALID_ARGUMENT', `slice: the item ${describe(item)} holds a comma; give one item per string`);
    return item;
  }
  if (isArrayArg('slice', 'a slice item', item)) {
    const bound = (v) => (v === null || v === undefined ? '' : sliceInteger('slice bound', v));
    const parts = readArray('slice', 'a slice item', item, 'INVALID_ARGUMENT', bound, 3, () =>
      new ExTensorError('INVALID_ARGUMENT', 'slice: a slice array is [start, stop, step] at most'));
    while (parts.length < 2) parts.push('');
    return parts.join(':');
  }
  throw new ExTensorError('INVALID_ARGUMENT', `slice: cannot index with ${describe(item)}`);
}
