// Creation functions: a tensor from JS data, from .npy bytes, filled, ranges, random.
import { ExTensorError } from './errors.js';
import type { ErrorCode } from './errors.js';
import { WINDOW_TYPES, checkDtype } from './dtypes.js';
import { argumentId, created } from './handle-access.js';
import type { ExTensor } from './tensor.js';
import { call, ensureReady, ensureRoom, glue, wasmMemory } from './runtime.js';
import {
  MAX_LIST_ITEMS, MAX_NDIM, arrayLength, byteView, copyInto, copyOf, describe, encodeScalar, fits64, isArrayArg, isScalar, ownView, readNumber,
  readGuarded, readOptions, readShape, typedArrayFacts,
} from './boundary.js';
import type { TypedArrayFacts } from './boundary.js';
import type { DType, DTypeOr, FloatDType, InferDType, Scalar, ShapeLike, TensorData } from './types.js';

/** The dtype a typed array holds, by its internal [[TypedArrayName]]. */
const TYPED_DTYPES = new Map<string, DType>([
  ['Float32Array', 'float32'], ['Float64Array', 'float64'], ['Int8Array', 'int8'], ['Int16Array', 'int16'],
  ['Int32Array', 'int32'], ['BigInt64Array', 'int64'], ['Uint8Array', 'uint8'], ['Uint8ClampedArray', 'uint8'],
  ['Uint16Array', 'uint16'], ['Uint32Array', 'uint32'], ['BigUint64Array', 'uint64'],
  ['Float16Array', 'float16'], // where the engine has it (Chromium 135, Firefox 129, Node 24)
]);

/** Tensor data as the binding takes it: exactly one of the three is set. */
interface PlainData {
  bytes?: Uint8Array;
  bigints?: BigInt64Array;
  numbers?: Float64Array;
}

function checkElement(op: string, v: unknown): Scalar {
  if (!isScalar(v)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: elements must be numbers, booleans or bigints, got ${describe(v)}`);
  }
  return v as Scalar;
}

/**
 * Reads nested arrays once (each `length` and each element one time) into flat C-order
 * values and their shape; ragged input is INVALID_SHAPE. `op` and `what` name the
 * operation and argument in error messages.
 */
export function readNested(data: unknown, op = 'tensor', what = 'data', code: ErrorCode = 'INVALID_SHAPE'): { flat: Scalar[]; shape: number[] } {
  const shape: number[] = [];
  const flat: Scalar[] = [];
  let leafDepth = -1;
  const tooManyElements = () =>
    new ExTensorError('OUT_OF_MEMORY', `${op}: nested arrays of more than ${MAX_LIST_ITEMS} elements (or lists); pass a typed array`);
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || !isArrayArg(op, what, node, code)) {
      if (leafDepth === -1) leafDepth = depth;
      if (depth !== leafDepth) throw new ExTensorError(code, `${op}: nested arrays are ragged (expected an array at depth ${depth})`);
      if (flat.length === MAX_LIST_ITEMS) throw tooManyElements();
      flat.push(checkElement(op, node));
      return;
    }
    if (leafDepth !== -1 && depth >= leafDepth) {
      throw new ExTensorError(code, `${op}: nested arrays are ragged (expected a scalar at depth ${depth})`);
    }
    if (depth >= MAX_NDIM) {
      throw new ExTensorError(code, `${op}: nested arrays deeper than ${MAX_NDIM} levels; at most ${MAX_NDIM} dimensions are supported`);
    }
    // Each array node's reads are guarded: one that revokes itself mid-read is an
    // ExTensorError, not the engine's TypeError (readArray's rule, for nested data).
    readGuarded(op, what, node, code, () => readNode(node as readonly unknown[], depth));
  };
  const readNode = (node: readonly unknown[], depth: number): void => {
    const length = arrayLength(op, what, node, code);
    if (depth === shape.length) {
      shape.push(length);
      // The lengths so far count the items one level down (lists or elements): refuse data
      // that cannot fit before reading it (a lying length would otherwise be walked whole,
      // even over empty rows).
      if (shape.reduce((count, n) => count * n, 1) > MAX_LIST_ITEMS) throw tooManyElements();
      if (length === 0) leafDepth = depth + 1;
    } else if (shape[depth] !== length) {
      throw new ExTensorError(code, `${op}: nested arrays are ragged at depth ${depth} (expected length ${shape[depth]})`);
    }
    const leafRow = depth + 1 === leafDepth;
    for (let i = 0; i < length; i++) {
      const item = (node as readonly unknown[])[i];
      // A number in a row of leaves is kept as it is (the common case, without a call).
      if (leafRow && typeof item === 'number' && flat.length < MAX_LIST_ITEMS) flat.push(item);
      else visit(item, depth + 1);
    }
  };
  visit(data, 0);
  if (leafDepth !== -1 && leafDepth !== shape.length) {
    throw new ExTensorError(code, `${op}: nested arrays are ragged (expected a scalar at depth ${shape.length})`);
  }
  return { flat, shape };
}

/**
 * A nested JS array used as an index (NumPy's `a[[0, 2]]`), read once: booleans only make a
 * bool mask, integers (numbers or bigints) an int64 index array; anything else is refused
 * (`INDEX_OUT_OF_BOUNDS` for a fraction, as NumPy's IndexError). An empty array is an empty
 * int64 index.
 */
export function indexArray(op: string, data: readonly unknown[]): ExTensor {
  const { flat, shape } = readNested(data, op, 'data', 'INVALID_ARGUMENT');
  const bools = flat.length > 0 && flat.every((v) => typeof v === 'boolean');
  if (bools) return tensor(Uint8Array.from(flat as boolean[], Number), { dtype: 'bool', shape });
  const ints = new BigInt64Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v === 'bigint' && v >= -(2n ** 63n) && v < 2n ** 63n) ints[i] = v;
    else if (typeof v === 'number' && Number.isSafeInteger(v)) ints[i] = BigInt(v);
    else throw new ExTensorError('INDEX_OUT_OF_BOUNDS', `${op}: index arrays hold integers or booleans only; item ${i} is ${describe(v)}`);
  }
  return tensor(ints, { shape });
}

/**
 * The dtype of JS scalars without a `dtype` option: bool for booleans only; for bigints
 * int64, or uint64 when one needs it, or float64 when mixed with numbers that are not exact
 * integers (NumPy's rules for Python ints and floats); else float32.
 */
function inferDtype(values: readonly Scalar[]): DType {
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
function check64(op: string, flat: readonly Scalar[]): void {
  for (const v of flat) {
    if (typeof v === 'bigint' && !fits64(v)) {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${describe(v)} does not fit 64 bits`);
    }
  }
}

/** A typed array's elements as plain data: a byte view for same-layout dtypes, else a fresh copy. */
function typedArrayData(facts: TypedArrayFacts, dtype: DType): PlainData {
  // A Float16Array holds float16's bit patterns: its bytes are the tensor's.
  const sameLayout = (WINDOW_TYPES[dtype] === facts.Type && !['bool', 'float16', 'bfloat16'].includes(dtype))
    || (dtype === 'float16' && facts.name === 'Float16Array');
  const bigints = facts.name === 'BigInt64Array' || facts.name === 'BigUint64Array';
  if (sameLayout) {
    let bytes = ownView(facts, Uint8Array);
    // A window onto wasm memory is copied first: the allocation may grow the memory and
    // detach it before the glue reads it.
    if (bytes.buffer === wasmMemory().buffer) bytes = copyOf(bytes);
    return { bytes };
  }
  if (bigints) {
    const values = new BigInt64Array(facts.length);
    values.set(ownView<BigInt64Array>(facts));
    if (dtype === 'int64' || dtype === 'uint64') return { bigints: values };
    return { numbers: Float64Array.from(facts.name === 'BigUint64Array' ? new BigUint64Array(values.buffer) : values, Number) };
  }
  const numbers = new Float64Array(facts.length);
  numbers.set(ownView<ArrayLike<number>>(facts));
  return { numbers };
}

/** A flat list of JS scalars as plain data for `dtype`. */
function scalarData(flat: readonly Scalar[], dtype: DType): PlainData {
  const hasBigInt = flat.some((v) => typeof v === 'bigint');
  if (hasBigInt && (dtype === 'int64' || dtype === 'uint64')) {
    return { bigints: BigInt64Array.from(flat, (v) => BigInt.asIntN(64, typeof v === 'bigint' ? v : toBigInt(v))) };
  }
  // A plain loop: Float64Array.from with a mapping function is ~20× slower in V8.
  const numbers = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i]!;
    numbers[i] = typeof v === 'number' ? v : Number(v);
  }
  return { numbers };
}

/**
 * Options of {@link tensor}.
 *
 * @typeParam D - the dtype asked for; `undefined` (or no `dtype`) for the default.
 *
 * @example
 * ```ts
 * const options: ex.TensorOptions<'int16'> = { dtype: 'int16', shape: [2, 2] };
 * ex.tensor([1, 2, 3, 4], options);
 * ```
 */
export interface TensorOptions<D extends DType | undefined = DType | undefined> {
  /**
   * The dtype; without it, {@link InferDType} of the data. Numbers convert as typed
   * arrays do (truncate toward zero, wrap; NaN/±Infinity → 0 for integers; non-zero and NaN
   * are `true` for bool).
   *
   * @example
   * ```ts
   * ex.tensor([1.7, -1.7], { dtype: 'int32' }).toArray(); // [1, -1]
   * ```
   */
  dtype?: D;
  /**
   * The shape to lay the (flattened) data out in, in C order; its size must equal the number
   * of values.
   *
   * @example
   * ```ts
   * ex.tensor(new Float32Array(6), { shape: [2, 3] });
   * ```
   */
  shape?: ShapeLike | undefined;
}

/**
 * A tensor from nested arrays, a scalar (0-d), or a flat array or typed array (laid out in
 * C order when `options.shape` is given). The dtype is `options.dtype`, else the one
 * inferred from the data ({@link InferDType}): a typed array's own dtype, `bool` for
 * booleans, `int64` for bigints (`uint64` past int64's range, `float64` mixed with
 * numbers that are not exact integers), else `float32`. The data is read once, after `options` (and `options.shape`).
 *
 * @param data - nested arrays of numbers, bigints or booleans; one scalar; or a typed array.
 * @param options - `dtype` and `shape`.
 * @throws {@link ExTensorError} `INVALID_SHAPE` for ragged nested arrays or a bad `shape`;
 *   `SHAPE_MISMATCH` when `shape` does not hold exactly the values given; `INVALID_ARGUMENT`
 *   for other element types or a non-object `options`; `DTYPE` for an unknown dtype;
 *   `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.tensor([[1, 2], [3, 4]], { dtype: 'int32' });          // ExTensor<'int32'>
 * ex.tensor([0, 1, 2, 3, 4, 5], { dtype: 'uint8', shape: [2, 3] });
 * ex.tensor([[1, 2], [3, 4]]);                              // ExTensor<'float32'>
 * ex.tensor(new Int16Array([1, 2]));                        // ExTensor<'int16'>
 * ex.tensor([true, false]);                                 // ExTensor<'bool'>
 * ex.tensor(3n);                                            // ExTensor<'int64'>, 0-d
 * ```
 */
export function tensor<T extends TensorData, D extends DType | undefined = undefined>(
  data: T, options?: TensorOptions<D>): ExTensor<DTypeOr<D, InferDType<T>>>;
export function tensor(data: unknown, options?: TensorOptions): ExTensor {
  ensureReady('tensor');
  options = readOptions('tensor', options, ['dtype', 'shape']) as TensorOptions;
  // The shape is read before the data: reading it runs the caller's code, which must not
  // meet a view of the data already taken.
  const explicitShape = options.shape === undefined ? null : readShape('tensor', options.shape);
  let shape: Float64Array | number[];
  let dtype = options.dtype;
  let plain: PlainData;
  const facts = typedArrayFacts(data);
  if (facts !== null) {
    dtype ??= TYPED_DTYPES.get(facts.name) ?? 'float32';
    checkDtype('tensor', dtype);
    shape = Float64Array.of(facts.length);
    plain = typedArrayData(facts, dtype);
  } else {
    let flat: Scalar[];
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
  if (plain.bytes) return copiedIn(shape, dtype, plain.bytes);
  const values = (plain.bigints ?? plain.numbers)!;
  ensureRoom(values.byteLength);
  if (plain.bigints) return created(() => glue.fromBigInts(shape, dtype, plain.bigints!));
  return created(() => glue.fromNumbers(shape, dtype, plain.numbers!));
}

/**
 * A new tensor holding `bytes` (a same-layout typed array's elements): a tensor of the
 * right size whose storage is not initialised, then one copy straight into all of it. No
 * caller code runs in between and nothing reads the storage (`contiguousAddress` reads its
 * address only): Rust relies on it (see `uninitForBytes`). If the copy throws, the tensor
 * is freed unread.
 */
function copiedIn(shape: Float64Array, dtype: DType, bytes: Uint8Array): ExTensor {
  const t = created(() => glue.uninitForBytes(shape, dtype, bytes.byteLength));
  try {
    const address = call(() => glue.contiguousAddress(argumentId('tensor', t)));
    copyInto(new Uint8Array(wasmMemory().buffer, address, bytes.byteLength), bytes);
  } catch (e) {
    t.free();
    throw e;
  }
  return t;
}

function toBigInt(v: Scalar): bigint {
  const x = Number(v);
  return Number.isFinite(x) ? BigInt(Math.trunc(x)) : 0n;
}

/**
 * A tensor from the bytes of a NumPy `.npy` file (versions 1.0–3.0, C or Fortran order,
 * either endianness). The dtype is whatever the file holds; narrow it with
 * `t.dtype === '…'` and a cast, or convert with {@link ExTensor.astype}.
 *
 * @param bytes - the file's bytes: a `Uint8Array`, an `ArrayBuffer` or any byte view.
 * @throws {@link ExTensorError} `DTYPE` for descriptors ExTensor has no dtype for;
 *   `INVALID_ARGUMENT` for a malformed file or a non-byte argument; `SHAPE_MISMATCH` when the
 *   data length disagrees with the header; `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const t = ex.fromNpy(readFileSync('weights.npy'));
 * if (t.dtype === 'float32') (t as ex.ExTensor<'float32'>).data;
 * ```
 */
export function fromNpy(bytes: ArrayBuffer | ArrayBufferView): ExTensor;
export function fromNpy(bytes: ArrayBuffer | ArrayBufferView): ExTensor {
  ensureReady('fromNpy');
  let view = byteView(bytes);
  if (view === null) throw new ExTensorError('INVALID_ARGUMENT', `fromNpy: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  // Bytes that live in wasm memory are copied first: the allocation may detach them.
  if (view.buffer === wasmMemory().buffer) view = copyOf(view);
  ensureRoom(view.byteLength);
  return created(() => glue.fromNpy(view));
}

/**
 * A zero-filled tensor.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `DTYPE`, `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * const z = ex.zeros([2, 3], 'int32'); // ExTensor<'int32'>
 * ```
 */
export function zeros<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function zeros(shape: unknown, dtype: unknown = 'float32'): ExTensor {
  ensureReady('zeros');
  const dims = readShape('zeros', shape);
  checkDtype('zeros', dtype);
  return created(() => glue.zeros(dims, dtype as DType));
}

/**
 * A tensor of ones.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `DTYPE`, `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.ones([3], 'bool').toArray(); // [true, true, true]
 * ```
 */
export function ones<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function ones(shape: unknown, dtype: unknown = 'float32'): ExTensor {
  return full(shape as ShapeLike, 1, dtype as DType);
}

/**
 * A tensor with every element `value`.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param value - the element, converted to the dtype.
 * @param dtype - optional; omitted or `undefined` is `'bool'` for a boolean value, `'int64'` for a bigint
 *   (`'uint64'` past int64's range), else `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `INVALID_ARGUMENT` (value not a number,
 *   bigint or boolean), `DTYPE`, `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.full([2, 2], 7, 'uint8');  // ExTensor<'uint8'>
 * ex.full([2], 5n);             // ExTensor<'int64'>
 * ```
 */
export function full<V extends Scalar, D extends DType | undefined = undefined>(
  shape: ShapeLike, value: V, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, V extends boolean ? 'bool' : V extends bigint ? 'int64' : 'float32'>>;
export function full(shape: unknown, value: unknown, dtype?: unknown): ExTensor {
  ensureReady('full');
  const dims = readShape('full', shape);
  checkElement('full', value);
  check64('full', [value as Scalar]);
  dtype ??= inferDtype([value as Scalar]);
  checkDtype('full', dtype);
  const [kind, number, bits] = encodeScalar('full', value);
  return created(() => glue.full(dims, kind, number, bits, dtype as DType));
}

/**
 * Same as {@link zeros}: ExTensor never hands out uninitialised memory.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `DTYPE`, `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * const buffer = ex.empty([1024], 'float64');
 * ```
 */
export function empty<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function empty(shape: unknown, dtype: unknown = 'float32'): ExTensor {
  return zeros(shape as ShapeLike, dtype as DType);
}

/**
 * Splits positional numbers from a dtype: the dtype is a trailing string, or whatever
 * stands past the `positional` numbers (so `arange(0, 4, 1, 5)` is a DTYPE error, not
 * silently float32).
 */
function splitDtype(args: readonly unknown[], positional: number, fallback: unknown = 'float32'): [unknown[], unknown] {
  const list = [...args];
  let dtype = fallback;
  if (list.length > positional || typeof list[list.length - 1] === 'string') dtype = list.pop();
  return [list, dtype];
}

/**
 * `[0, 1, …, stop)` as a 1-D tensor.
 *
 * @param stop - the end, not included.
 * @param dtype - optional; omitted or `undefined` is `'float32'` (NumPy would give int64).
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for non-finite bounds; `DTYPE`;
 *   `INVALID_SHAPE` / `OUT_OF_MEMORY` when too long.
 *
 * @example
 * ```ts
 * ex.arange(4).toArray();          // [0, 1, 2, 3]
 * ex.arange(4, 'int32');           // ExTensor<'int32'>
 * ```
 */
export function arange<D extends DType | undefined = undefined>(stop: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
/**
 * `[start, start + 1, …)` up to `stop` (not included).
 *
 * @param start - the first value.
 * @param stop - the end, not included.
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for non-finite bounds; `DTYPE`;
 *   `INVALID_SHAPE` / `OUT_OF_MEMORY` when too long.
 *
 * @example
 * ```ts
 * ex.arange(2, 5).toArray(); // [2, 3, 4]
 * ```
 */
export function arange<D extends DType | undefined = undefined>(start: number, stop: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
/**
 * `[start, start + step, …)` up to `stop` (not included), as `numpy.arange`.
 *
 * @param start - the first value.
 * @param stop - the end, not included.
 * @param step - non-zero; negative counts down.
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a zero step or non-finite values;
 *   `DTYPE` (also for a non-string past the three numbers); `INVALID_SHAPE` /
 *   `OUT_OF_MEMORY` when too long.
 *
 * @example
 * ```ts
 * const a = ex.arange(0, 12, 1, 'int32'); // ExTensor<'int32'>
 * ex.arange(5, 0, -2).toArray();          // [5, 3, 1]
 * ```
 */
export function arange<D extends DType | undefined = undefined>(start: number, stop: number, step: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function arange(...args: unknown[]): ExTensor {
  ensureReady('arange');
  const [list, dtype] = splitDtype(args, 3);
  let [start, stop, step = 1] = list;
  if (stop === undefined) [start, stop] = [0, start];
  readNumber('arange', 'start', start);
  readNumber('arange', 'stop', stop);
  readNumber('arange', 'step', step);
  checkDtype('arange', dtype);
  return created(() => glue.arange(start as number, stop as number, step as number, dtype as DType));
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 *
 * @param start - the first value.
 * @param stop - the last value.
 * @param num - how many values (a non-negative integer).
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for non-numbers; `INVALID_SHAPE` for a
 *   bad `num`; `DTYPE`; `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.linspace(0, 1, 5, 'float64').toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace<D extends DType | undefined = undefined>(start: number, stop: number, num: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function linspace(start: unknown, stop: unknown, num: unknown, dtype: unknown = 'float32'): ExTensor {
  ensureReady('linspace');
  readNumber('linspace', 'start', start);
  readNumber('linspace', 'stop', stop);
  readNumber('linspace', 'num', num);
  checkDtype('linspace', dtype);
  return created(() => glue.linspace(start as number, stop as number, num as number, dtype as DType));
}

/**
 * The `n × n` identity matrix.
 *
 * @param n - rows and columns.
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE` for a negative or fractional size; `DTYPE`;
 *   `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.eye(3, 'int8');
 * ```
 */
export function eye<D extends DType | undefined = undefined>(n: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
/**
 * An `n × m` matrix of ones on the main diagonal.
 *
 * @param n - rows.
 * @param m - columns.
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`; `DTYPE`; `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.eye(2, 3).toArray(); // [[1, 0, 0], [0, 1, 0]]
 * ```
 */
export function eye<D extends DType | undefined = undefined>(n: number, m: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
/**
 * An `n × m` matrix of ones on diagonal `k` (positive above the main one), as `numpy.eye`.
 *
 * @param n - rows.
 * @param m - columns.
 * @param k - the diagonal.
 * @param dtype - optional; omitted or `undefined` is `'float32'`.
 * @throws {@link ExTensorError} `INVALID_SHAPE`; `INVALID_ARGUMENT` for a fractional `k`;
 *   `DTYPE`; `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * ex.eye(3, 3, 1, 'bool');
 * ```
 */
export function eye<D extends DType | undefined = undefined>(n: number, m: number, k: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function eye(...args: unknown[]): ExTensor {
  ensureReady('eye');
  const [list, dtype] = splitDtype(args, 3);
  const [n, m = n, k = 0] = list;
  readNumber('eye', 'n', n);
  readNumber('eye', 'm', m);
  readNumber('eye', 'k', k);
  checkDtype('eye', dtype);
  return created(() => glue.eye(n as number, m as number, k as number, dtype as DType));
}

/**
 * Options of {@link rand} and {@link randn}.
 *
 * @typeParam D - the dtype asked for; `undefined` (or no `dtype`) for the default.
 *
 * @example
 * ```ts
 * const options: ex.RandomOptions<'float64'> = { seed: 42, dtype: 'float64' };
 * ```
 */
export interface RandomOptions<D extends FloatDType | undefined = FloatDType | undefined> {
  /**
   * The PCG64 seed: the same seed gives the same values on every build and natively.
   * Without it, `Math.random` picks one.
   *
   * @example
   * ```ts
   * ex.rand([3], { seed: 1 });
   * ```
   */
  seed?: number | undefined;
  /**
   * A float dtype (a `[0, 1)` value cast to an integer would be 0, so integer and bool dtypes
   * are `DTYPE` errors, as NumPy's `Generator.random` refuses them); default `'float32'`.
   *
   * @example
   * ```ts
   * ex.randn([3], { dtype: 'float64' });
   * ```
   */
  dtype?: D;
}

function randomArgs(op: string, shape: unknown, options: unknown): [Float64Array, number, DType] {
  ensureReady(op);
  const dims = readShape(op, shape);
  const { seed = Math.floor(Math.random() * 2 ** 32), dtype = 'float32' } = readOptions(op, options, ['seed', 'dtype']) as RandomOptions;
  readNumber(op, 'seed', seed);
  checkDtype(op, dtype);
  return [dims, seed, dtype];
}

/**
 * Uniform values in `[0, 1)`.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param options - `seed` and `dtype` (default `'float32'`).
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `INVALID_ARGUMENT` (options not an object,
 *   seed not a number), `DTYPE` (not a float dtype), `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * const noise = ex.rand([2, 2], { seed: 7, dtype: 'float64' }); // ExTensor<'float64'>
 * ```
 */
export function rand<D extends FloatDType | undefined = undefined>(shape: ShapeLike, options?: RandomOptions<D>): ExTensor<DTypeOr<D, 'float32'>>;
export function rand(shape: unknown, options?: unknown): ExTensor {
  const [dims, seed, dtype] = randomArgs('rand', shape, options);
  return created(() => glue.rand(dims, seed, dtype));
}

/**
 * Standard normal values.
 *
 * @param shape - the shape ({@link ShapeLike}).
 * @param options - `seed` and `dtype` (default `'float32'`).
 * @throws {@link ExTensorError} `INVALID_SHAPE`, `INVALID_ARGUMENT` (options not an object,
 *   seed not a number), `DTYPE` (not a float dtype), `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * const w = ex.randn([128, 64], { seed: 0 });
 * ```
 */
export function randn<D extends FloatDType | undefined = undefined>(shape: ShapeLike, options?: RandomOptions<D>): ExTensor<DTypeOr<D, 'float32'>>;
export function randn(shape: unknown, options?: unknown): ExTensor {
  const [dims, seed, dtype] = randomArgs('randn', shape, options);
  return created(() => glue.randn(dims, seed, dtype));
}
