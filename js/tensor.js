// The ExTensor handle class: thin methods over the wasm RawTensor, plus the
// free/FREED/Symbol.dispose discipline the wasm-bindgen default lacks.
import { ExTensorError } from './errors.js';
import { adopt, call, release, state } from './runtime.js';
import { numberList, shapeArg } from './args.js';
import { DISPOSE } from './platform.js';

/** The typed array behind `data` and `toTypedArray()` for each dtype. */
export const WINDOW_TYPES = Object.freeze({
  float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array, float16: Uint16Array, bfloat16: Uint16Array,
});

// Op names in the order of the tables in src/js/math.rs: an op's code is its index.
const BINARY_OPS = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum'];
const COMPARE_OPS = ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'];
const UNARY_OPS = ['neg', 'abs', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'square', 'floor', 'ceil', 'round'];
const REDUCE_OPS = ['sum', 'prod', 'mean', 'max', 'min', 'argMax', 'argMin'];
/** op name -> its code: the index in its table, so each code is written once. */
const codes = (table) => new Map(table.map((op, code) => [op, code]));
const BINARY_CODES = codes(BINARY_OPS);
const COMPARE_CODES = codes(COMPARE_OPS);
const UNARY_CODES = codes(UNARY_OPS);
const REDUCE_CODES = codes(REDUCE_OPS);

const CONSTRUCT = Symbol('ExTensor.construct');

export class ExTensor {
  #raw;
  #id;

  /** @private Use ex.tensor(), ex.zeros(), … to create tensors. */
  constructor(token, raw) {
    if (token !== CONSTRUCT) {
      throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor: use ex.tensor(), ex.zeros() or another creation function');
    }
    this.#raw = raw;
    this.#id = state.nextId++;
    adopt(this, raw, this.#id);
  }

  /** @private Wraps a RawTensor returned by the binding. */
  static _wrap(raw) {
    return new ExTensor(CONSTRUCT, raw);
  }

  /** The live RawTensor, or FREED. */
  #h(op) {
    if (this.#raw === null) throw new ExTensorError('FREED', `${op}: this tensor was freed`);
    return this.#raw;
  }

  /** The live RawTensor of an argument, or FREED / INVALID_ARGUMENT. */
  static _rawOf(op, other) {
    if (!(other instanceof ExTensor) || !(#raw in other)) {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor argument, got ${describe(other)}`);
    }
    if (other.#raw === null) throw new ExTensorError('FREED', `${op}: the tensor argument was freed`);
    return other.#raw;
  }

  #view(op, fn) {
    const raw = this.#h(op);
    return ExTensor._wrap(call(() => fn(raw)));
  }

  get shape() { return Array.from(this.#h('shape').shape()); }
  get strides() { return Array.from(this.#h('strides').strides()); }
  get offset() { return this.#h('offset').offset(); }
  get dtype() { return this.#h('dtype').dtype(); }
  get ndim() { return this.#h('ndim').ndim(); }
  get size() { return this.#h('size').size(); }
  get nbytes() { return this.#h('nbytes').nbytes(); }
  get isContiguous() { return this.#h('isContiguous').isContiguous(); }
  get isView() { return this.#h('isView').isView(); }
  /** False for broadcast views: writing to them throws READ_ONLY. */
  get isWritable() { return this.#h('isWritable').isWritable(); }
  get refCount() { return this.#h('refCount').refCount(); }
  /** True once free() was called on this handle (never throws). */
  get isFreed() { return this.#raw === null; }

  sharesMemory(other) {
    return this.#h('sharesMemory').sharesMemory(ExTensor._rawOf('sharesMemory', other));
  }

  /** A new handle on the same storage: refCount + 1. */
  share() { return this.#view('share', (r) => r.share()); }
  /** A deep copy in new storage. */
  clone() { return this.#view('clone', (r) => r.deepCopy()); }

  /** Releases this handle (refCount − 1); the last handle frees the storage. Idempotent. */
  free() {
    const raw = this.#raw;
    if (raw === null) return;
    this.#raw = null;
    release(this, this.#id);
    raw.free();
  }

  [DISPOSE]() { this.free(); }

  reshape(shape) {
    this.#h('reshape');
    const dims = numberList('reshape', 'shape', shape, 'INVALID_SHAPE');
    return this.#view('reshape', (r) => r.reshape(dims));
  }

  slice(spec, ...extra) {
    this.#h('slice');
    if (extra.length > 0) {
      throw new ExTensorError('INVALID_ARGUMENT', `slice: takes one spec (a string such as '1:3, ::2' or an array of items), got ${extra.length + 1} arguments`);
    }
    if (typeof spec === 'string') return this.#view('slice', (r) => r.sliceString(spec));
    if (Array.isArray(spec)) return this.#view('slice', (r) => r.sliceItems(spec));
    if (typeof spec === 'number' || spec === null) return this.#view('slice', (r) => r.sliceItems([spec]));
    throw new ExTensorError('INVALID_ARGUMENT', `slice: expected a string or an array, got ${describe(spec)}`);
  }

  transpose(axes) {
    this.#h('transpose');
    if (axes !== undefined && axes !== null) numberList('transpose', 'axes', axes);
    return this.#view('transpose', (r) => r.transpose(axes));
  }

  squeeze(axis) {
    this.#h('squeeze');
    if (axis !== undefined && axis !== null && typeof axis !== 'number') {
      if (!Array.isArray(axis)) throw new ExTensorError('INVALID_ARGUMENT', `squeeze: axis must be a number or an array of numbers, got ${describe(axis)}`);
      numberList('squeeze', 'axis', axis);
    }
    return this.#view('squeeze', (r) => r.squeeze(axis));
  }

  unsqueeze(axis) {
    this.#h('unsqueeze');
    if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `unsqueeze: axis must be a number, got ${describe(axis)}`);
    return this.#view('unsqueeze', (r) => r.unsqueeze(axis));
  }

  broadcastTo(shape) {
    this.#h('broadcastTo');
    const dims = shapeArg('broadcastTo', shape);
    return this.#view('broadcastTo', (r) => r.broadcastTo(dims));
  }

  flatten() { return this.#view('flatten', (r) => r.flatten()); }
  contiguous() { return this.#view('contiguous', (r) => r.contiguous()); }

  astype(dtype) {
    this.#h('astype');
    if (typeof dtype !== 'string') throw new ExTensorError('DTYPE', `astype: dtype must be a string, got ${describe(dtype)}`);
    return this.#view('astype', (r) => r.astype(dtype));
  }

  /** Binary op with a tensor or a weak scalar (a JS number, bigint or boolean). */
  #binary(op, other) {
    const raw = this.#h(op);
    const isCompare = COMPARE_CODES.has(op);
    const code = isCompare ? COMPARE_CODES.get(op) : BINARY_CODES.get(op);
    if (other instanceof ExTensor) {
      const rawOther = ExTensor._rawOf(op, other);
      return ExTensor._wrap(call(() => (isCompare ? raw.compareTensor(code, rawOther) : raw.binaryTensor(code, rawOther))));
    }
    const t = typeof other;
    if (t !== 'number' && t !== 'bigint' && t !== 'boolean') {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor or a number, got ${describe(other)}`);
    }
    return ExTensor._wrap(call(() => (isCompare ? raw.compareScalar(code, other) : raw.binaryScalar(code, other))));
  }

  add(other) { return this.#binary('add', other); }
  sub(other) { return this.#binary('sub', other); }
  mul(other) { return this.#binary('mul', other); }
  div(other) { return this.#binary('div', other); }
  pow(other) { return this.#binary('pow', other); }
  maximum(other) { return this.#binary('maximum', other); }
  minimum(other) { return this.#binary('minimum', other); }
  equal(other) { return this.#binary('equal', other); }
  notEqual(other) { return this.#binary('notEqual', other); }
  less(other) { return this.#binary('less', other); }
  lessEqual(other) { return this.#binary('lessEqual', other); }
  greater(other) { return this.#binary('greater', other); }
  greaterEqual(other) { return this.#binary('greaterEqual', other); }

  #unary(op) { return this.#view(op, (r) => r.unary(UNARY_CODES.get(op))); }
  neg() { return this.#unary('neg'); }
  abs() { return this.#unary('abs'); }
  exp() { return this.#unary('exp'); }
  log() { return this.#unary('log'); }
  sqrt() { return this.#unary('sqrt'); }
  sin() { return this.#unary('sin'); }
  cos() { return this.#unary('cos'); }
  tanh() { return this.#unary('tanh'); }
  sigmoid() { return this.#unary('sigmoid'); }
  relu() { return this.#unary('relu'); }
  square() { return this.#unary('square'); }
  floor() { return this.#unary('floor'); }
  ceil() { return this.#unary('ceil'); }
  round() { return this.#unary('round'); }

  #reduce(op, axis, keepDims) { return this.#view(op, (r) => r.reduce(REDUCE_CODES.get(op), axis, Boolean(keepDims))); }
  sum(axis, keepDims = false) { return this.#reduce('sum', axis, keepDims); }
  prod(axis, keepDims = false) { return this.#reduce('prod', axis, keepDims); }
  mean(axis, keepDims = false) { return this.#reduce('mean', axis, keepDims); }
  max(axis, keepDims = false) { return this.#reduce('max', axis, keepDims); }
  min(axis, keepDims = false) { return this.#reduce('min', axis, keepDims); }
  argMax(axis) { return this.#reduce('argMax', axis, false); }
  argMin(axis) { return this.#reduce('argMin', axis, false); }

  matmul(other) {
    const raw = this.#h('matmul');
    const rawOther = ExTensor._rawOf('matmul', other);
    return ExTensor._wrap(call(() => raw.matmul(rawOther)));
  }

  softmax(axis) {
    this.#h('softmax');
    if (axis !== undefined && axis !== null && typeof axis !== 'number') {
      throw new ExTensorError('INVALID_ARGUMENT', `softmax: axis must be a number, got ${describe(axis)}`);
    }
    return this.#view('softmax', (r) => r.softmax(axis));
  }

  get(...index) {
    const raw = this.#h('get');
    const idx = numberList('get', 'index', index, 'INDEX_OUT_OF_BOUNDS');
    return call(() => raw.get(idx));
  }

  set(value, ...index) {
    const raw = this.#h('set');
    const idx = numberList('set', 'index', index, 'INDEX_OUT_OF_BOUNDS');
    call(() => raw.set(value, idx));
  }

  item() {
    const raw = this.#h('item');
    return call(() => raw.item());
  }

  fill(value) {
    const raw = this.#h('fill');
    call(() => raw.fill(value));
    return this;
  }

  assign(other) {
    const raw = this.#h('assign');
    const src = ExTensor._rawOf('assign', other);
    call(() => raw.assign(src));
    return this;
  }

  toArray() {
    const raw = this.#h('toArray');
    return call(() => raw.toArray());
  }

  /** The bytes of a NumPy `.npy` file (version 1.0, C order) holding this tensor. */
  toNpy() {
    const raw = this.#h('toNpy');
    return call(() => raw.toNpy());
  }

  /** A C-ordered copy of the elements in the dtype's typed array. */
  toTypedArray() {
    const raw = this.#h('toTypedArray');
    const bytes = call(() => raw.toBytes());
    const Type = WINDOW_TYPES[raw.dtype()];
    return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
  }

  /**
   * A zero-copy typed-array window onto the elements (C-contiguous, writable tensors).
   * Always built on the current wasm memory, so reading `t.data` again after memory
   * growth gives a live window; a window kept from before growth is detached (length 0).
   */
  get data() {
    const raw = this.#h('data');
    const [ptr, len] = call(() => raw.dataWindow());
    const Type = WINDOW_TYPES[raw.dtype()];
    return new Type(state.exports.memory.buffer, ptr, len);
  }

  toString() {
    if (this.#raw === null) return 'ExTensor(<freed>)';
    return this.#raw.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() { return this.toString(); }
}

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
