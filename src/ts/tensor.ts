/// <reference lib="esnext.disposable" preserve="true" />
// The ExTensor handle class: thin methods over the binding, plus the free/FREED/
// Symbol.dispose discipline.
//
// Every method that takes arguments follows one order, written once in `method()` (see
// boundary.js for the rule): check the receiver (an ExTensor, not freed), read every
// argument into plain data — the only step where a caller's getter or Proxy trap can run
// —, then take the receiver's and the tensor arguments' ids (a getter may have freed them:
// FREED) and call the binding with plain data only.
import { ExTensorError } from './errors.js';
import { call, freeHandleQuietly, glue, wasmMemory, opCodes, state } from './runtime.js';
import { adopt, release } from './handles.js';
import {
  FLOAT16_ARRAY, MAX_LIST_ITEMS, OPERAND_NONE, OPERAND_TENSOR, copyOf, describe, encodeScalar, isArrayArg, isScalar, readArray, readAxes, readNumber, readNumbers,
  readOptions, readShape, setTensorDescriber,
} from './boundary.js';
import type { TypedArrayConstructor } from './boundary.js';
import { setScopeFreer } from './scopes.js';
import { indexArray } from './creation.js';
import { afterFree, openWindow } from './windows.js';
import { argumentId, created, isExTensor, setTensorAccess, wrapId } from './handle-access.js';
export { argumentId, created, isExTensor };
import { DISPOSE } from './platform.js';
import { readCounts, readIndices, readOptionalAxis, readPadWidth, withIndexTensor } from './indices.js';
import type { Indices, PadOptions, PadWidth } from './gather.js';
import type {
  Axes, BinaryResult, ClipResult, IndexSpec, DivResult, FloorDivResult, SortOptions, TopkOptions, TopkResult, VarianceOptions, DType, ElementOf, FloatResult, MeanResult, Nested, NumericTypedArray,
  Operand, Promote, ReduceOptions, Scalar, ShapeLike, SliceItem, SliceString, SumResult, TypedArrayOf,
  Float16ArrayType, ToTypedArrayOptions,
} from './types.js';

import { DTYPES, WINDOW_TYPES, checkDtype } from './dtypes.js';
export { DTYPES, WINDOW_TYPES, checkDtype };

/** The most nested JS arrays toArray() builds (2^26, about 2 GB of V8 heap). */
const MAX_NESTED_ARRAYS = 2 ** 26;

/** `meta` flags (src/js/handle.rs). */
const META_CONTIGUOUS = 1;
const META_VIEW = 2;
const META_WRITABLE = 4;

const CONSTRUCT = Symbol('ExTensor.construct');

/**
 * The dispose method's key: DISPOSE (Symbol.dispose, or the registry symbol on engines
 * without it), typed as `Symbol.dispose`. A local constant so that the emitted declarations
 * need only `typeof Symbol.dispose`, not platform.d.ts (which names DOM types).
 */
const SYMBOL_DISPOSE: typeof Symbol.dispose = DISPOSE;

/** A handle's layout and dtype, read once from the binding (readMeta). */
interface TensorMeta {
  readonly offset: number;
  readonly nbytes: number;
  readonly contiguous: boolean;
  readonly view: boolean;
  readonly writable: boolean;
  readonly dtype: DType;
  readonly shape: number[];
  readonly strides: number[];
  readonly size: number;
}

// Module-private access to the private fields, set by the class's static block: nothing
// internal is reachable from the class or the module's exports.
let isTensor: (value: unknown) => value is ExTensor;
let idOf: (tensor: ExTensor) => number | null;
let setFreed: (tensor: ExTensor) => void;
let cachedMeta: (tensor: ExTensor) => TensorMeta;
let construct: (id: number) => ExTensor;

/** The live id of a receiver, or INVALID_ARGUMENT (not an ExTensor) / FREED. */
function liveId(op: string, self: unknown): number {
  if (!isTensor(self)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: called on ${describe(self)}, not on an ExTensor`);
  }
  const id = idOf(self);
  if (id === null) throw new ExTensorError('FREED', `${op}: this tensor was freed`);
  return id;
}

/** A binding call on the receiver that makes a new handle (no arguments to read). */
function derive(op: string, self: unknown, fn: (id: number) => number): ExTensor {
  const id = liveId(op, self);
  return created(() => fn(id));
}

/**
 * The order of every method with arguments: the receiver is checked, `read()` turns the
 * arguments into plain data (caller code may run, and may free the receiver), then
 * `run(id, args)` gets the receiver's id, taken again, and calls the binding; tensor
 * arguments' ids are taken inside `run` with `argumentId`.
 */
function method<A, R>(op: string, self: unknown, read: () => A, run: (id: number, args: A) => R): R {
  liveId(op, self);
  const args = read();
  return run(liveId(op, self), args);
}

/** Releases a handle (the implementation of free(), which scopes and dispose use too). */
function freeTensor(tensor: ExTensor): void {
  const id = idOf(tensor);
  if (id === null) return;
  setFreed(tensor);
  release(tensor, id);
  afterFree(freeHandleQuietly(id));
}

/** matmul of two live ExTensors (ex.matmul and t.matmul). */
export function matmulOf(a: unknown, b: unknown): ExTensor {
  // No caller code runs before the call: the ids are taken once, receiver first.
  return created(() => glue.matmul(liveId('matmul', a), argumentId('matmul', b)));
}

/** The receiver's cached metadata (a handle's layout and dtype never change). */
function meta(op: string, self: unknown): TensorMeta {
  liveId(op, self);
  return cachedMeta(self as ExTensor);
}

/**
 * One handle on a tensor: a reference to a shared, reference-counted storage buffer in
 * wasm memory, plus its own shape, strides and offset. Views and {@link ExTensor.share}
 * make new handles on the same storage; {@link ExTensor.free} releases this one, and the
 * storage goes with the last handle. Any use of a freed handle (as receiver or argument)
 * throws `FREED`.
 *
 * Create tensors with {@link tensor}, {@link zeros}, {@link arange}, …; the constructor is
 * not public. The class is nominal: only tensors the package made have its type.
 *
 * Result dtypes are computed from `D` ({@link BinaryResult}, {@link FloatResult}, …). Where
 * `D` is a type parameter of your own generic code they stay unresolved conditional types:
 * use a concrete dtype, `ExTensor` (any dtype), or a cast there. A tensor of unknown dtype
 * (`ExTensor`, e.g. from {@link fromNpy}) narrows by checking `t.dtype` and casting.
 *
 * @typeParam D - the dtype; it fixes the typed array of {@link ExTensor.data}
 *   ({@link TypedArrayMap}) and the JavaScript type of elements ({@link ElementMap}).
 *
 * @example
 * ```ts
 * using a = ex.arange(0, 12, 1, 'int32');
 * using m = a.reshape([3, 4]);      // a view: refCount 2
 * using col = m.slice(':, 1');
 * col.fill(0);                      // writes through to a and m
 * console.log(m.toString());
 * ```
 */
export class ExTensor<D extends DType = DType> implements Disposable {
  #id: number | null;
  #meta: TensorMeta | null = null;
  /** The last `data` window and the memory buffer it was made over. */
  #window: TypedArrayOf<D> | null = null;
  #windowBuffer: ArrayBuffer | null = null;

  static {
    isTensor = (value: unknown): value is ExTensor => value !== null && typeof value === 'object' && #id in value;
    idOf = (tensor) => tensor.#id;
    setFreed = (tensor) => {
      tensor.#id = null;
      tensor.#window = null;
    };
    cachedMeta = (tensor) => {
      // Only called once the receiver's live id was taken: #id is not null.
      if (tensor.#meta === null) tensor.#meta = readMeta(tensor.#id as number);
      return tensor.#meta;
    };
    construct = (id) => new ExTensor(CONSTRUCT, id);
    setTensorAccess({ isTensor, idOf, construct });
    setScopeFreer(freeTensor);
    setTensorDescriber((value) => {
      if (!isTensor(value)) return null;
      return value.#id === null ? 'a freed ExTensor' : 'an ExTensor';
    });
  }

  /** Not for callers: use ex.tensor(), ex.zeros(), … to create tensors. */
  private constructor(token: symbol, id: number) {
    if (token !== CONSTRUCT) {
      throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor: use ex.tensor(), ex.zeros() or another creation function');
    }
    this.#id = id;
    adopt(this, id, () => ({ shape: this.shape, dtype: this.dtype }));
  }

  // ------------------------------------------------------------------ layout

  /**
   * The extent of each axis (a fresh array).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).shape; // [2, 3]
   * ```
   */
  get shape(): number[] { return [...meta('shape', this).shape]; }
  /**
   * The step between neighbours along each axis, in elements (NumPy's byte strides ÷
   * itemsize); 0 along broadcast axes, negative for reversed views.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).transpose().strides; // [1, 3]
   * ```
   */
  get strides(): number[] { return [...meta('strides', this).strides]; }
  /**
   * Where this view starts in its storage, in elements.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(6).slice('2:').offset; // 2
   * ```
   */
  get offset(): number { return meta('offset', this).offset; }
  /**
   * The element type.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2], 'int8').dtype; // 'int8'
   * ```
   */
  get dtype(): D { return meta('dtype', this).dtype as D; }
  /**
   * The number of axes.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).ndim; // 2
   * ```
   */
  get ndim(): number { return meta('ndim', this).shape.length; }
  /**
   * The number of elements.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).size; // 6
   * ```
   */
  get size(): number { return meta('size', this).size; }
  /**
   * The bytes of the elements (`size × itemsize`).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3], 'float64').nbytes; // 48
   * ```
   */
  get nbytes(): number { return meta('nbytes', this).nbytes; }
  /**
   * C-contiguous as NumPy defines it (axes of length 1 ignored; empty tensors are
   * contiguous).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).transpose().isContiguous; // false
   * ```
   */
  get isContiguous(): boolean { return meta('isContiguous', this).contiguous; }
  /**
   * This handle came from a view operation on another tensor's storage (NumPy's
   * `base is not None`).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(6).reshape([2, 3]).isView; // true
   * ```
   */
  get isView(): boolean { return meta('isView', this).view; }
  /**
   * `false` for broadcast views (and views of them): writing to them throws `READ_ONLY`.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([3]).broadcastTo([2, 3]).isWritable; // false
   * ```
   */
  get isWritable(): boolean { return meta('isWritable', this).writable; }
  /**
   * The number of live handles on this storage.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * const a = ex.zeros([3]);
   * const b = a.share();
   * a.refCount; // 2
   * ```
   */
  get refCount(): number {
    const id = liveId('refCount', this);
    return call(() => glue.refCount(id));
  }
  /**
   * `true` once {@link ExTensor.free} was called on this handle. Never throws.
   *
   * @example
   * ```ts
   * const t = ex.zeros([1]);
   * t.free();
   * t.isFreed; // true
   * ```
   */
  get isFreed(): boolean {
    liveIdOrNull('isFreed', this);
    return this.#id === null;
  }

  /**
   * Whether both handles reach the same storage (NumPy's `shares_memory`).
   *
   * @param other - another tensor.
   * @throws {@link ExTensorError} `FREED`; `INVALID_ARGUMENT` for a non-tensor.
   * @example
   * ```ts
   * const a = ex.arange(6);
   * a.sharesMemory(a.reshape([2, 3])); // true
   * a.sharesMemory(a.clone());         // false
   * ```
   */
  sharesMemory(other: ExTensor): boolean {
    return call(() => glue.sharesMemory(liveId('sharesMemory', this), argumentId('sharesMemory', other)));
  }

  // ------------------------------------------------------------------ handles

  /**
   * A new handle on the same tensor: refCount + 1. Free each handle separately.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * const b = a.share();
   * a.free();      // b still works
   * ```
   */
  share(): ExTensor<D> { return derive('share', this, (id) => glue.share(id)) as ExTensor<D>; }
  /**
   * A deep copy in new storage (C-contiguous, writable).
   *
   * @throws {@link ExTensorError} `FREED`, `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * const copy = ex.zeros([3]).broadcastTo([2, 3]).clone(); // writable
   * ```
   */
  clone(): ExTensor<D> { return derive('clone', this, (id) => glue.deepCopy(id)) as ExTensor<D>; }

  /**
   * Releases this handle: refCount − 1, and the storage is freed with its last handle.
   * Idempotent; every other use of this handle afterwards throws `FREED`.
   *
   * @example
   * ```ts
   * const t = ex.zeros([3]);
   * t.free();
   * t.free(); // no-op
   * ```
   */
  free(): void {
    liveIdOrNull('free', this);
    freeTensor(this);
  }

  /**
   * Same as {@link ExTensor.free}, so that `using t = ex.zeros([3])` frees at the end of
   * the block.
   *
   * @example
   * ```ts
   * {
   *   using t = ex.zeros([3]);
   * } // t.free() ran here
   * ```
   */
  [SYMBOL_DISPOSE](): void {
    liveIdOrNull('[Symbol.dispose]', this);
    freeTensor(this);
  }

  // ------------------------------------------------------------------ views

  /**
   * The same elements in a new shape (one `-1` is inferred): a view when the strides allow
   * it, else a copy, as `numpy.reshape`.
   *
   * @param shape - the new shape (an array; a single number is not accepted here).
   * @throws {@link ExTensorError} `SHAPE_MISMATCH` when the sizes differ; `INVALID_SHAPE`
   *   for a bad shape or two `-1`; `FREED`.
   * @example
   * ```ts
   * ex.arange(6).reshape([2, -1]).shape; // [2, 3]
   * ```
   */
  reshape(shape: readonly number[] | NumericTypedArray): ExTensor<D> {
    return method('reshape', this, () => readNumbers('reshape', 'shape', shape, 'INVALID_SHAPE'),
      (id, dims) => created(() => glue.reshape(id, dims))) as ExTensor<D>;
  }

  /**
   * NumPy basic indexing written as text (zero-copy): comma-separated items, each an index
   * (`2`, `-1`), a range `start:stop:step` (`1:3`, `::-1`), `...`, or `None` (a new axis).
   * A string literal that does not parse is a compile-time error ({@link SliceString}).
   * Indexing every axis with integers gives a 0-d view.
   *
   * @param spec - the index, e.g. `'1:3, ::-1, ..., None, 2'`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a malformed string, a zero step or
   *   two ellipses; `INDEX_OUT_OF_BOUNDS` for an index past its axis or more indices than
   *   axes; `FREED`.
   * @example
   * ```ts
   * const m = ex.arange(12).reshape([3, 4]);
   * m.slice(':, 1').toArray();       // [1, 5, 9]
   * m.slice('::-1, None').shape;     // [3, 1, 4]
   * ```
   */
  slice<S extends string>(spec: SliceString<S>): ExTensor<D>;
  /**
   * NumPy basic indexing as an array (zero-copy): numbers are indices, `[start, stop, step]`
   * arrays are ranges (`null` parts take the default), `null` is a new axis, strings are
   * single items of the string grammar (`'...'`, `':'`, `'1:3'`).
   *
   * @param items - the index items ({@link SliceItem}).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a malformed item, a zero step, a
   *   range of more than three parts, or two ellipses; `INDEX_OUT_OF_BOUNDS`; `FREED`.
   * @example
   * ```ts
   * const a = ex.arange(24).reshape([2, 3, 4]);
   * a.slice([[1, 3], [null, null, -1], '...', null, 2]);
   * a.slice([0, '...', [null, null, 2]]).shape; // [3, 2]
   * ```
   */
  slice(items: readonly SliceItem[]): ExTensor<D>;
  /**
   * One index along the first axis (`t.slice(i)` is `t.slice([i])`), or `null` for a new
   * leading axis.
   *
   * @param index - an integer index, or `null`.
   * @throws {@link ExTensorError} `INDEX_OUT_OF_BOUNDS`; `INVALID_ARGUMENT` for a fractional
   *   index; `FREED`.
   * @example
   * ```ts
   * ex.arange(6).reshape([2, 3]).slice(-1).toArray(); // [3, 4, 5]
   * ```
   */
  slice(index: number | null): ExTensor<D>;
  slice(spec: unknown, ...extra: unknown[]): ExTensor<D> {
    return method('slice', this, () => {
      if (extra.length > 0) {
        throw new ExTensorError('INVALID_ARGUMENT', `slice: takes one spec (a string such as '1:3, ::2' or an array of items), got ${extra.length + 1} arguments`);
      }
      return sliceText(spec);
    }, (id, text) => created(() => glue.slice(id, text))) as ExTensor<D>;
  }

  // ------------------------------------------------------------------ NumPy indexing

  /**
   * NumPy indexing, `a[spec]`, including advanced indexing. A string is basic indexing (as
   * {@link ExTensor.slice}, a view). An ExTensor alone is the one-item spec: integers pick
   * along the first axis, a bool tensor is a mask. In an array spec each item is an
   * integer, a slice string (`'1:3'`, `'::-1'`, `':'`, `'...'`), `null` (a new axis), an
   * integer or bool ExTensor, or a (nested) JS array of integers or booleans. With any
   * index array the result is a copy: the arrays broadcast together, and their shape takes
   * their place, or comes first when a slice, `'...'` or `null` separates them (NumPy's
   * rule). Negative indices count from the end.
   *
   * @param spec - the index ({@link IndexSpec}).
   * @throws {@link ExTensorError} `INDEX_OUT_OF_BOUNDS` for an index out of range, too many
   *   indices, a mask of the wrong shape or a fractional index; `SHAPE_MISMATCH` when the
   *   index arrays do not broadcast; `INVALID_ARGUMENT` for a malformed item; `FREED`.
   * @example
   * ```ts
   * const a = ex.arange(12, 'int32').reshape([3, 4]);
   * a.index([[2, 0]]).shape;             // [2, 4]: rows 2 and 0
   * a.index([[0, 2], [1, 3]]).toArray(); // [1, 11]: elements (0, 1) and (2, 3)
   * a.index(a.greater(9)).toArray();     // [10, 11]: a mask
   * a.index([0, ':', null]).shape;       // [4, 1]
   * ```
   */
  index(spec: IndexSpec): ExTensor<D> {
    liveId('index', this);
    const read = readIndexSpec('index', spec);
    try {
      const id = liveId('index', this);
      return created(() => glue.indexGet(id, read.text, arrayIds('index', read.arrays))) as ExTensor<D>;
    } finally {
      for (const t of read.temps) freeTensor(t);
    }
  }

  /**
   * NumPy's `a[spec] = value`, for the specs {@link ExTensor.index} takes: `value` (a tensor
   * or a scalar) is broadcast to the shape `a.index(spec)` has and cast to this dtype; with
   * repeated indices the last write wins.
   *
   * @param spec - the index ({@link IndexSpec}).
   * @param value - a tensor or a scalar.
   * @returns this tensor.
   * @throws {@link ExTensorError} as {@link ExTensor.index}; `SHAPE_MISMATCH` when `value`
   *   does not broadcast; `READ_ONLY` for a broadcast view; `FREED`.
   * @example
   * ```ts
   * const a = ex.zeros([5], 'int32');
   * a.indexSet([[1, 3]], 7).toArray(); // [0, 7, 0, 7, 0]
   * a.indexSet(a.equal(7), -1);        // a mask
   * ```
   */
  indexSet(spec: IndexSpec, value: Operand): this {
    liveId('indexSet', this);
    const read = readIndexSpec('indexSet', spec);
    try {
      let encoded: [number, number, bigint] | null = null;
      if (!isTensor(value)) {
        if (!isScalar(value)) throw new ExTensorError('INVALID_ARGUMENT', `indexSet: the value must be an ExTensor or a number, got ${describe(value)}`);
        encoded = encodeScalar('indexSet', value);
      }
      const id = liveId('indexSet', this);
      const ids = arrayIds('indexSet', read.arrays);
      const [kind, number, bits] = encoded ?? [OPERAND_TENSOR, argumentId('indexSet', value), 0n];
      call(() => glue.indexSet(id, read.text, ids, kind, number, bits));
      return this;
    } finally {
      for (const t of read.temps) freeTensor(t);
    }
  }

  /**
   * The axes reversed, as a view: NumPy's `a.T`, {@link ExTensor.transpose} with no
   * argument. Each read makes a new handle, to free like any other.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).T.shape; // [3, 2]
   * ```
   */
  get T(): ExTensor<D> { return derive('T', this, (id) => glue.transpose(id, false, new Float64Array(0))) as ExTensor<D>; }

  /**
   * Reverses the order of elements along `axis` (all axes when omitted): a view with
   * negative strides, as NumPy's `flip`.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an axis out of range or repeated;
   *   `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').flip().toArray();                     // [2, 1, 0]
   * ex.arange(4, 'int32').reshape([2, 2]).flip(1).toArray();   // [[1, 0], [3, 2]]
   * ```
   */
  flip(axis?: Axes | null): ExTensor<D> {
    return method('flip', this, () => readAxes('flip', axis),
      (id, { given, axes }) => created(() => glue.flip(id, given, axes))) as ExTensor<D>;
  }

  /**
   * Moves axes `source` to positions `destination`, the others keeping their order: a
   * view, as NumPy's `moveaxis`.
   *
   * @param source - an axis or axes to move; negative counts from the end.
   * @param destination - where each goes (as many as `source`).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for axes out of range or repeated, or
   *   lists of different lengths; `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3, 4]).moveaxis(0, -1).shape; // [3, 4, 2]
   * ```
   */
  moveaxis(source: number | readonly number[], destination: number | readonly number[]): ExTensor<D> {
    return method('moveaxis', this, () => [requiredAxes('moveaxis', source, 'source'), requiredAxes('moveaxis', destination, 'destination')] as const,
      (id, [from, to]) => created(() => glue.moveaxis(id, from.axes, to.axes))) as ExTensor<D>;
  }

  // ------------------------------------------------------------------ gather and shape

  /**
   * The elements at `indices` along `axis` (NumPy's `take`): a new tensor of shape
   * `[...shape before axis, ...indices.shape, ...shape after axis]`; with `axis` omitted or
   * null, of the flattened tensor (shape `indices.shape`). Negative indices count from the end.
   *
   * @param indices - an integer ExTensor (a bool one reads as 0/1, as NumPy casts it) or JS
   *   integers ({@link Indices}).
   * @param axis - one axis (negative counts from the end); omitted or null: flattened.
   * @throws {@link ExTensorError} `INDEX_OUT_OF_BOUNDS` for an index outside the axis;
   *   `DTYPE` for a float index tensor; `INVALID_ARGUMENT` for an axis out of range, a
   *   fractional index or other argument types; `FREED`.
   * @example
   * ```ts
   * const t = ex.arange(6, 'int32').reshape([2, 3]);
   * t.take([2, 0], 1).toArray(); // [[2, 0], [5, 3]]
   * t.take([[-1]]).toArray();    // [[5]]
   * ```
   */
  take(indices: Indices, axis?: number | null): ExTensor<D> {
    return method('take', this, () => [readIndices('take', 'indices', indices), readOptionalAxis('take', axis)] as const,
      (id, [data, a]) => withIndexTensor('take', data, (idx) => created(() => glue.take(id, idx, a.given, a.axis)))) as ExTensor<D>;
  }

  /**
   * Picks along `axis` by an index tensor of the same number of dimensions (NumPy's
   * `take_along_axis`): `out[..., i, ...] = this[..., indices[..., i, ...], ...]`, the other
   * axes broadcasting between the two.
   *
   * @param indices - an integer ExTensor or nested JS integers, with `ndim` dimensions (1-D
   *   when `axis` is null).
   * @param axis - default -1; null takes from the flattened tensor.
   * @throws {@link ExTensorError} `INDEX_OUT_OF_BOUNDS` for an index outside the axis;
   *   `SHAPE_MISMATCH` when the shapes do not broadcast or the dimensions differ; `DTYPE`
   *   for a float or bool index tensor; `INVALID_ARGUMENT` for an axis out of range; `FREED`.
   * @example
   * ```ts
   * const t = ex.tensor([[10, 30, 20], [60, 40, 50]]);
   * t.takeAlongAxis([[1], [0]], 1).toArray(); // [[30], [60]]
   * ```
   */
  takeAlongAxis(indices: Indices, axis: number | null = -1): ExTensor<D> {
    return method('takeAlongAxis', this, () => [readIndices('takeAlongAxis', 'indices', indices), readOptionalAxis('takeAlongAxis', axis)] as const,
      (id, [data, a]) => withIndexTensor('takeAlongAxis', data, (idx) => created(() => glue.takeAlongAxis(id, idx, a.given, a.axis)))) as ExTensor<D>;
  }

  /**
   * This tensor repeated `reps[d]` times along each axis (NumPy's `tile`): `reps` shorter
   * than the shape counts from the last axis; longer adds leading axes.
   *
   * @param reps - a count, or one count per axis (non-negative integers).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a negative or fractional count;
   *   `INVALID_SHAPE`/`OUT_OF_MEMORY` for a result too large; `FREED`.
   * @example
   * ```ts
   * ex.arange(2, 'int32').tile([2, 2]).toArray(); // [[0, 1, 0, 1], [0, 1, 0, 1]]
   * ```
   */
  tile(reps: number | readonly number[]): ExTensor<D> {
    return method('tile', this, () => readCounts('tile', 'reps', reps),
      (id, r) => created(() => glue.tile(id, r))) as ExTensor<D>;
  }

  /**
   * Each element repeated along `axis` (NumPy's `repeat`): `repeats` one count for every
   * element or one per element; with `axis` omitted or null, of the flattened tensor.
   *
   * @param repeats - a count, or one count per element along the axis.
   * @param axis - one axis; omitted or null: flattened.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH` for a count list of another length;
   *   `INVALID_ARGUMENT` for a negative count or an axis out of range; `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').repeat(2).toArray();          // [0, 0, 1, 1, 2, 2]
   * ex.arange(3, 'int32').repeat([0, 1, 2], 0).toArray(); // [1, 2, 2]
   * ```
   */
  repeat(repeats: number | readonly number[], axis?: number | null): ExTensor<D> {
    return method('repeat', this, () => [readCounts('repeat', 'repeats', repeats), readOptionalAxis('repeat', axis)] as const,
      (id, [r, a]) => created(() => glue.repeat(id, r, a.given, a.axis))) as ExTensor<D>;
  }

  /**
   * A new tensor with elements added before and after each axis (NumPy's `pad`), filled by
   * `mode`: `'constant'` (default; `value`, default 0), `'edge'` or `'reflect'`
   * ({@link PadOptions}).
   *
   * @param padWidth - NumPy's `pad_width` ({@link PadWidth}).
   * @param options - `mode` and `value`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for negative or malformed widths, an
   *   unknown mode, a `value` with another mode than `'constant'`, or extending an empty
   *   axis with `'edge'`/`'reflect'`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').pad([1, 2]).toArray();                   // [0, 0, 1, 2, 0, 0]
   * ex.arange(3, 'int32').pad(2, { mode: 'edge' }).toArray();      // [0, 0, 0, 1, 2, 2, 2]
   * ex.ones([2, 2]).pad([[0, 0], [1, 1]], { value: 5 }).shape;     // [2, 4]
   * ```
   */
  pad(padWidth: PadWidth, options?: PadOptions): ExTensor<D> {
    return method('pad', this, () => {
      const width = readPadWidth(padWidth);
      const { mode = 'constant', value } = readOptions('pad', options, ['mode', 'value']);
      if (typeof mode !== 'string') throw new ExTensorError('INVALID_ARGUMENT', `pad: mode must be a string, got ${describe(mode)}`);
      const encoded = value === undefined ? null : encodeScalar('pad', value);
      return { width, mode, encoded };
    }, (id, { width, mode, encoded }) => created(() => glue.pad(
      id, width.values, width.shape, mode, encoded !== null, encoded?.[0] ?? 0, encoded?.[1] ?? 0, encoded?.[2] ?? 0n,
    ))) as ExTensor<D>;
  }

  /**
   * Permutes the axes (a view); reverses them when `axes` is omitted (`t.T` in NumPy).
   *
   * @param axes - a permutation of `0 … ndim-1` (negative axes count from the end).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `axes` is not an array of numbers or
   *   not a permutation of the tensor's axes; `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3, 4]).transpose([1, 0, 2]).shape; // [3, 2, 4]
   * ex.zeros([2, 3]).transpose().shape;             // [3, 2]
   * ```
   */
  transpose(axes?: readonly number[] | null): ExTensor<D> {
    return method('transpose', this, () => {
      if (typeof axes === 'number') {
        throw new ExTensorError('INVALID_ARGUMENT', `transpose: axes must be an array of numbers, got ${describe(axes)}`);
      }
      return readAxes('transpose', axes, 'axes');
    }, (id, order) => created(() => glue.transpose(id, order.given, order.axes))) as ExTensor<D>;
  }

  /**
   * Removes axes of length 1 (a view): the given ones, or all when `axis` is omitted.
   *
   * @param axis - an axis or axes, each of length 1.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an axis out of range or not of
   *   length 1; `FREED`.
   * @example
   * ```ts
   * ex.zeros([1, 3, 1]).squeeze().shape;  // [3]
   * ex.zeros([1, 3, 1]).squeeze(0).shape; // [3, 1]
   * ```
   */
  squeeze(axis?: Axes | null): ExTensor<D> {
    return method('squeeze', this, () => readAxes('squeeze', axis),
      (id, { given, axes }) => created(() => glue.squeeze(id, given, axes))) as ExTensor<D>;
  }

  /**
   * Inserts an axis of length 1 at `axis` (a view; `numpy.expand_dims`).
   *
   * @param axis - in `-(ndim+1) … ndim`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an axis out of range or not a
   *   number; `FREED`.
   * @example
   * ```ts
   * ex.zeros([3]).unsqueeze(0).shape; // [1, 3]
   * ```
   */
  unsqueeze(axis: number): ExTensor<D> {
    return method('unsqueeze', this, () => readNumber('unsqueeze', 'axis', axis),
      (id, a) => created(() => glue.unsqueeze(id, a))) as ExTensor<D>;
  }

  /**
   * A read-only view with `shape`, broadcasting as NumPy does (strides of 0). Writing to it
   * throws `READ_ONLY`; {@link ExTensor.clone} makes a writable copy.
   *
   * @param shape - the target shape.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH` when the shape is not compatible;
   *   `INVALID_SHAPE`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).broadcastTo([2, 3]).toArray(); // [[0, 1, 2], [0, 1, 2]]
   * ```
   */
  broadcastTo(shape: ShapeLike): ExTensor<D> {
    return method('broadcastTo', this, () => readShape('broadcastTo', shape),
      (id, dims) => created(() => glue.broadcastTo(id, dims))) as ExTensor<D>;
  }

  /**
   * `reshape([-1])`: a 1-D view when possible, else a copy (unlike NumPy's always-copying
   * `flatten`).
   *
   * @throws {@link ExTensorError} `FREED`, `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).flatten().shape; // [6]
   * ```
   */
  flatten(): ExTensor<D> { return derive('flatten', this, (id) => glue.flatten(id)) as ExTensor<D>; }
  /**
   * A new handle on the same storage when already C-contiguous, else a C-ordered copy
   * (`numpy.ascontiguousarray`). A contiguous broadcast view stays read-only.
   *
   * @throws {@link ExTensorError} `FREED`, `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * const t = ex.zeros([2, 3]).transpose().contiguous();
   * t.isContiguous; // true
   * ```
   */
  contiguous(): ExTensor<D> { return derive('contiguous', this, (id) => glue.contiguous(id)) as ExTensor<D>; }

  /**
   * A copy converted to `dtype` (as NumPy's `astype`: integers wrap, floats truncate toward
   * zero into integers, non-zero is `true`).
   *
   * @param dtype - the new dtype.
   * @throws {@link ExTensorError} `DTYPE` for an unknown dtype; `FREED`; `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * const i = ex.tensor([1.5, -2.5]).astype('int32'); // ExTensor<'int32'>: [1, -2]
   * ```
   */
  astype<D2 extends DType>(dtype: D2): ExTensor<D2> {
    return method('astype', this, () => checkDtype('astype', dtype),
      (id, d) => created(() => glue.astype(id, d))) as ExTensor<D2>;
  }

  // ------------------------------------------------------------------ binary math

  /**
   * Elementwise `this + other`, broadcasting; the dtype is {@link BinaryResult}. For two
   * bool tensors it is logical or.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH` when the shapes do not broadcast;
   *   `INVALID_ARGUMENT` for another operand type or an integer scalar out of the dtype's
   *   range; `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'uint8').add(3);   // ExTensor<'uint8'>
   * ex.arange(3, 'uint8').add(0.5); // ExTensor<'float64'>
   * ```
   */
  add<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('add', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise `this - other` ({@link BinaryResult}); integers wrap.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `DTYPE` for two bool operands; `SHAPE_MISMATCH`;
   *   `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * const centered = x.sub(x.mean());
   * ```
   */
  sub<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('sub', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise `this * other` ({@link BinaryResult}); logical and for two bools.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).mul(2).toArray(); // [0, 2, 4]
   * ```
   */
  mul<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('mul', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise true division: integer and bool results become float64
   * ({@link DivResult}).
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').div(2); // ExTensor<'float64'>: [0, 0.5, 1]
   * ```
   */
  div<O extends Operand>(other: O): ExTensor<DivResult<BinaryResult<D, O>>> { return binary('div', this, other) as ExTensor<DivResult<BinaryResult<D, O>>>; }
  /**
   * Elementwise `this ** other` ({@link BinaryResult}).
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for integers to a negative integer
   *   power; `DTYPE` for two bool operands; `SHAPE_MISMATCH`; `FREED`.
   * @example
   * ```ts
   * ex.arange(4, 'int32').pow(2).toArray(); // [0, 1, 4, 9]
   * ```
   */
  pow<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('pow', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise maximum ({@link BinaryResult}); NaN propagates.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * x.maximum(0); // relu
   * ```
   */
  maximum<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('maximum', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise minimum ({@link BinaryResult}); NaN propagates.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * x.minimum(6); // clip from above
   * ```
   */
  minimum<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>> { return binary('minimum', this, other) as ExTensor<BinaryResult<D, O>>; }
  /**
   * Elementwise remainder with the sign of `other`, as NumPy's `remainder` / Python's `%` ({@link FloorDivResult}). An integer `x % 0` is 0.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([-7, 7], { dtype: 'int32' }).mod(3).toArray(); // [2, 1]
   * ```
   */
  mod<O extends Operand>(other: O): ExTensor<FloorDivResult<BinaryResult<D, O>>> { return binary('mod', this, other) as ExTensor<FloorDivResult<BinaryResult<D, O>>>; }
  /**
   * Elementwise floor division, as NumPy's `floor_divide` / Python's `//` ({@link FloorDivResult}). An integer `x // 0` is 0.
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([-7, 7], { dtype: 'int32' }).floorDiv(2).toArray(); // [-4, 3]
   * ```
   */
  floorDiv<O extends Operand>(other: O): ExTensor<FloorDivResult<BinaryResult<D, O>>> { return binary('floorDiv', this, other) as ExTensor<FloorDivResult<BinaryResult<D, O>>>; }
  /**
   * Elementwise `atan2(this, other)`: the angle of the point `(other, this)`, in the float dtype of the promoted operands ({@link FloatResult}).
   *
   * @param other - a tensor or a weak scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([1]).atan2(1).toArray(); // [0.7853981633974483]
   * ```
   */
  atan2<O extends Operand>(other: O): ExTensor<FloatResult<BinaryResult<D, O>>> { return binary('atan2', this, other) as ExTensor<FloatResult<BinaryResult<D, O>>>; }
  /**
   * Elementwise logical and, giving bool: true where both are true (nonzero counts as
   * true, NaN included). The operands broadcast.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1, 2]).logicalAnd(1).toArray(); // [false, true, true]
   * ```
   */
  logicalAnd(other: Operand): ExTensor<'bool'> { return binary('logicalAnd', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise logical or, giving bool: true where either is true (nonzero counts as
   * true, NaN included). The operands broadcast.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1]).logicalOr(0).toArray(); // [false, true]
   * ```
   */
  logicalOr(other: Operand): ExTensor<'bool'> { return binary('logicalOr', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise logical xor, giving bool: true where exactly one is true (nonzero counts as
   * true, NaN included). The operands broadcast.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1]).logicalXor(ex.tensor([1, 1])).toArray(); // [true, false]
   * ```
   */
  logicalXor(other: Operand): ExTensor<'bool'> { return binary('logicalXor', this, other) as ExTensor<'bool'>; }

  /**
   * Elementwise `this == other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * const mask: ex.ExTensor<'bool'> = ex.arange(3).equal(1);
   * ```
   */
  equal(other: Operand): ExTensor<'bool'> { return binary('equal', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise `this != other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).notEqual(1).toArray(); // [true, false, true]
   * ```
   */
  notEqual(other: Operand): ExTensor<'bool'> { return binary('notEqual', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise `this < other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).less(1).toArray(); // [true, false, false]
   * ```
   */
  less(other: Operand): ExTensor<'bool'> { return binary('less', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise `this <= other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).lessEqual(1).toArray(); // [true, true, false]
   * ```
   */
  lessEqual(other: Operand): ExTensor<'bool'> { return binary('lessEqual', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise `this > other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).greater(1).toArray(); // [false, false, true]
   * ```
   */
  greater(other: Operand): ExTensor<'bool'> { return binary('greater', this, other) as ExTensor<'bool'>; }
  /**
   * Elementwise `this >= other`, giving bool.
   *
   * @param other - a tensor or a scalar.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
   * @example
   * ```ts
   * ex.arange(3).greaterEqual(1).toArray(); // [false, true, true]
   * ```
   */
  greaterEqual(other: Operand): ExTensor<'bool'> { return binary('greaterEqual', this, other) as ExTensor<'bool'>; }

  // ------------------------------------------------------------------ unary math

  /**
   * Elementwise negation (integers wrap).
   *
   * @throws {@link ExTensorError} `DTYPE` for bool; `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, -2]).neg().toArray(); // [-1, 2]
   * ```
   */
  neg(): ExTensor<D> { return unary('neg', this) as ExTensor<D>; }
  /**
   * Elementwise absolute value.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([-1, 2]).abs().toArray(); // [1, 2]
   * ```
   */
  abs(): ExTensor<D> { return unary('abs', this) as ExTensor<D>; }
  /**
   * Elementwise `e ** x`, in the float dtype {@link FloatResult}.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').exp(); // ExTensor<'float64'>
   * ```
   */
  exp(): ExTensor<FloatResult<D>> { return unary('exp', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise natural logarithm ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, Math.E]).log().toArray(); // [0, 1]
   * ```
   */
  log(): ExTensor<FloatResult<D>> { return unary('log', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise square root ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([4, 9]).sqrt().toArray(); // [2, 3]
   * ```
   */
  sqrt(): ExTensor<FloatResult<D>> { return unary('sqrt', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise sine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.linspace(0, Math.PI, 3).sin();
   * ```
   */
  sin(): ExTensor<FloatResult<D>> { return unary('sin', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise cosine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.linspace(0, Math.PI, 3).cos();
   * ```
   */
  cos(): ExTensor<FloatResult<D>> { return unary('cos', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise hyperbolic tangent ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.randn([4]).tanh();
   * ```
   */
  tanh(): ExTensor<FloatResult<D>> { return unary('tanh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise logistic function `1 / (1 + e ** -x)` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).sigmoid().item(); // 0.5
   * ```
   */
  sigmoid(): ExTensor<FloatResult<D>> { return unary('sigmoid', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise `max(x, 0)` (NaN stays NaN).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([-1, 2]).relu().toArray(); // [0, 2]
   * ```
   */
  relu(): ExTensor<D> { return unary('relu', this) as ExTensor<D>; }
  /**
   * Elementwise `x * x` (integers wrap).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').square().toArray(); // [0, 1, 4]
   * ```
   */
  square(): ExTensor<D> { return unary('square', this) as ExTensor<D>; }
  /**
   * Elementwise floor; integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1.5, -1.5]).floor().toArray(); // [1, -2]
   * ```
   */
  floor(): ExTensor<D> { return unary('floor', this) as ExTensor<D>; }
  /**
   * Elementwise ceiling; integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1.5, -1.5]).ceil().toArray(); // [2, -1]
   * ```
   */
  ceil(): ExTensor<D> { return unary('ceil', this) as ExTensor<D>; }
  /**
   * Elementwise rounding half to even (as NumPy); integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0.5, 1.5, 2.5]).round().toArray(); // [0, 2, 2]
   * ```
   */
  round(): ExTensor<D> { return unary('round', this) as ExTensor<D>; }
  /**
   * `ln(1 + x)`, accurate for small `x` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1e-10]).log1p().toArray(); // [0, 1e-10]
   * ```
   */
  log1p(): ExTensor<FloatResult<D>> { return unary('log1p', this) as ExTensor<FloatResult<D>>; }
  /**
   * `e ** x - 1`, accurate for small `x` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1e-10]).expm1().toArray(); // [0, 1e-10]
   * ```
   */
  expm1(): ExTensor<FloatResult<D>> { return unary('expm1', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise base-2 logarithm ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 8]).log2().toArray(); // [0, 3]
   * ```
   */
  log2(): ExTensor<FloatResult<D>> { return unary('log2', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise base-10 logarithm ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 1000]).log10().toArray(); // [0, 3]
   * ```
   */
  log10(): ExTensor<FloatResult<D>> { return unary('log10', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise `2 ** x` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 3]).exp2().toArray(); // [1, 8]
   * ```
   */
  exp2(): ExTensor<FloatResult<D>> { return unary('exp2', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise tangent ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).tan().toArray(); // [0]
   * ```
   */
  tan(): ExTensor<FloatResult<D>> { return unary('tan', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise arcsine ({@link FloatResult}); NaN outside [-1, 1].
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 1]).asin(); // [0, π/2]
   * ```
   */
  asin(): ExTensor<FloatResult<D>> { return unary('asin', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise arccosine ({@link FloatResult}); NaN outside [-1, 1].
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1]).acos().toArray(); // [0]
   * ```
   */
  acos(): ExTensor<FloatResult<D>> { return unary('acos', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise arctangent ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).atan().toArray(); // [0]
   * ```
   */
  atan(): ExTensor<FloatResult<D>> { return unary('atan', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise hyperbolic sine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).sinh().toArray(); // [0]
   * ```
   */
  sinh(): ExTensor<FloatResult<D>> { return unary('sinh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise hyperbolic cosine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).cosh().toArray(); // [1]
   * ```
   */
  cosh(): ExTensor<FloatResult<D>> { return unary('cosh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise inverse hyperbolic sine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).asinh().toArray(); // [0]
   * ```
   */
  asinh(): ExTensor<FloatResult<D>> { return unary('asinh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise inverse hyperbolic cosine ({@link FloatResult}); NaN below 1.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1]).acosh().toArray(); // [0]
   * ```
   */
  acosh(): ExTensor<FloatResult<D>> { return unary('acosh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise inverse hyperbolic tangent ({@link FloatResult}); ±Infinity at ±1.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).atanh().toArray(); // [0]
   * ```
   */
  atanh(): ExTensor<FloatResult<D>> { return unary('atanh', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise error function, as SciPy's `scipy.special.erf` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).erf().toArray(); // [0]
   * ```
   */
  erf(): ExTensor<FloatResult<D>> { return unary('erf', this) as ExTensor<FloatResult<D>>; }
  /**
   * Elementwise sign: -1, 0 or 1 in the input dtype (NaN stays NaN; both zeros give 0).
   *
   * @throws {@link ExTensorError} `DTYPE` for bool (as NumPy); `FREED`.
   * @example
   * ```ts
   * ex.tensor([-3, 0, 2], { dtype: 'int8' }).sign().toArray(); // [-1, 0, 1]
   * ```
   */
  sign(): ExTensor<D> { return unary('sign', this) as ExTensor<D>; }
  /**
   * Elementwise `1 / x`. Integers keep their dtype, truncating toward zero (`1 / 0` gives 0); bool gives int8, as NumPy.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([2, 4]).reciprocal().toArray(); // [0.5, 0.25]
   * ```
   */
  reciprocal(): ExTensor<D extends 'bool' ? 'int8' : D> { return unary('reciprocal', this) as ExTensor<D extends 'bool' ? 'int8' : D>; }
  /**
   * Elementwise rounding toward zero; integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([-1.5, 1.5]).trunc().toArray(); // [-1, 1]
   * ```
   */
  trunc(): ExTensor<D> { return unary('trunc', this) as ExTensor<D>; }
  /**
   * Elementwise test for NaN, giving bool (integers and bool: all false).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, NaN]).isNaN().toArray(); // [false, true]
   * ```
   */
  isNaN(): ExTensor<'bool'> { return predicate('isNaN', this); }
  /**
   * Elementwise test for a finite value (not NaN or ±Infinity), giving bool.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, Infinity]).isFinite().toArray(); // [true, false]
   * ```
   */
  isFinite(): ExTensor<'bool'> { return predicate('isFinite', this); }
  /**
   * Elementwise test for ±Infinity, giving bool.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, -Infinity]).isInf().toArray(); // [false, true]
   * ```
   */
  isInf(): ExTensor<'bool'> { return predicate('isInf', this); }
  /**
   * Elementwise logical not, giving bool: true where the element is zero (NaN counts as true, so gives false).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 2]).logicalNot().toArray(); // [true, false]
   * ```
   */
  logicalNot(): ExTensor<'bool'> { return predicate('logicalNot', this); }
  /**
   * Elementwise `min(max(x, min), max)`, as `np.clip`: `min` and `max` are tensors (they
   * broadcast) or JS numbers, `null` or omitted for no bound. The result dtype is that of
   * the three together ({@link BinaryResult}: an int32 tensor clipped to `[0, 2.5]` is
   * float64); NaN stays NaN; `min > max` gives `max`. As NumPy, an integer bound beyond an
   * integer tensor's range on its own side is no bound.
   *
   * @param min - the lower bound, or null.
   * @param max - the upper bound, or null.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH` when the bounds do not broadcast;
   *   `INVALID_ARGUMENT` for other argument types or an integer bound the dtype cannot hold;
   *   `FREED`.
   * @example
   * ```ts
   * ex.tensor([-2, 0.5, 3]).clip(0, 1).toArray(); // [0, 0.5, 1]
   * ex.tensor([-2, 5]).clip(null, 1).toArray();   // [-2, 1]
   * ```
   */
  clip<L extends Operand | null = null, H extends Operand | null = null>(min?: L, max?: H): ExTensor<ClipResult<D, L, H>> {
    return clipOp(this, min, max) as ExTensor<ClipResult<D, L, H>>;
  }

  // ------------------------------------------------------------------ reductions

  /**
   * The sum over `axis` (all axes when omitted), in NumPy's default dtype
   * ({@link SumResult}): bool and signed integers narrower than 64 bits sum to int64,
   * unsigned ones to uint64 (a uint8 image sums without wrapping), floats keep theirs.
   * `{ dtype }` asks for another accumulator and result dtype, as NumPy's `dtype=`. An
   * empty sum is 0.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an axis out of range or repeated,
   *   or an unknown option; `DTYPE` for an unknown dtype; `FREED`.
   * @example
   * ```ts
   * const t = ex.arange(6, 'int32').reshape([2, 3]);
   * t.sum().item();                                 // 15n (int64)
   * t.sum(1, true).shape;                           // [2, 1]
   * ex.full([300], 200, 'uint8').sum().item();      // 60000n (uint64)
   * t.sum(null, false, { dtype: 'float32' }).dtype; // 'float32'
   * ```
   */
  sum(axis?: Axes | null, keepDims?: boolean): ExTensor<SumResult<D>>;
  /**
   * The sum over `axis` in the dtype `options.dtype` names (NumPy's `dtype=`: the
   * accumulator and the result dtype).
   *
   * @param axis - an axis or axes (null or undefined: all); negative counts from the end.
   * @param keepDims - keep reduced axes with length 1 (undefined: `false`).
   * @param options - `dtype`: the dtype to compute in and return.
   * @example
   * ```ts
   * ex.arange(4, 'int32').sum(null, false, { dtype: 'float64' }).dtype; // 'float64'
   * ```
   */
  sum<R extends DType>(axis: Axes | null | undefined, keepDims: boolean | undefined, options: { dtype: R }): ExTensor<R>;
  sum(axis?: Axes | null, keepDims = false, options?: ReduceOptions): ExTensor { return reduce('sum', this, axis, keepDims, options); }
  /**
   * The product over `axis`, in the dtype {@link ExTensor.sum} uses ({@link SumResult});
   * `{ dtype }` as for `sum`. An empty product is 1.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `DTYPE`;
   *   `FREED`.
   * @example
   * ```ts
   * ex.arange(1, 5).prod().item(); // 24
   * ```
   */
  prod(axis?: Axes | null, keepDims?: boolean): ExTensor<SumResult<D>>;
  /**
   * The product over `axis` in the dtype `options.dtype` names (NumPy's `dtype=`: the
   * accumulator and the result dtype).
   *
   * @param axis - an axis or axes (null or undefined: all); negative counts from the end.
   * @param keepDims - keep reduced axes with length 1 (undefined: `false`).
   * @param options - `dtype`: the dtype to compute in and return.
   * @example
   * ```ts
   * ex.arange(4, 'int32').prod(null, false, { dtype: 'float64' }).dtype; // 'float64'
   * ```
   */
  prod<R extends DType>(axis: Axes | null | undefined, keepDims: boolean | undefined, options: { dtype: R }): ExTensor<R>;
  prod(axis?: Axes | null, keepDims = false, options?: ReduceOptions): ExTensor { return reduce('prod', this, axis, keepDims, options); }
  /**
   * The mean over `axis`: float dtypes keep theirs, integers and bool give float64
   * ({@link MeanResult}); `{ dtype }` computes in and returns that dtype (an integer dtype
   * divides in float64, then truncates, as NumPy). An empty mean is NaN.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `DTYPE`;
   *   `FREED`.
   * @example
   * ```ts
   * ex.arange(4, 'int32').mean(); // ExTensor<'float64'>: 1.5
   * ```
   */
  mean(axis?: Axes | null, keepDims?: boolean): ExTensor<MeanResult<D>>;
  /**
   * The mean over `axis` in the dtype `options.dtype` names (NumPy's `dtype=`: the
   * accumulator and the result dtype).
   *
   * @param axis - an axis or axes (null or undefined: all); negative counts from the end.
   * @param keepDims - keep reduced axes with length 1 (undefined: `false`).
   * @param options - `dtype`: the dtype to compute in and return.
   * @example
   * ```ts
   * ex.arange(4, 'int32').mean(null, false, { dtype: 'float64' }).dtype; // 'float64'
   * ```
   */
  mean<R extends DType>(axis: Axes | null | undefined, keepDims: boolean | undefined, options: { dtype: R }): ExTensor<R>;
  mean(axis?: Axes | null, keepDims = false, options?: ReduceOptions): ExTensor { return reduce('mean', this, axis, keepDims, options); }
  /**
   * The maximum over `axis`; NaN propagates.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or an empty reduction;
   *   `FREED`.
   * @example
   * ```ts
   * ex.tensor([[1, 5], [3, 2]]).max(0).toArray(); // [3, 5]
   * ```
   */
  max(axis?: Axes | null, keepDims = false): ExTensor<D> { return reduce('max', this, axis, keepDims) as ExTensor<D>; }
  /**
   * The minimum over `axis`; NaN propagates.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or an empty reduction;
   *   `FREED`.
   * @example
   * ```ts
   * ex.tensor([[1, 5], [3, 2]]).min(1).toArray(); // [1, 2]
   * ```
   */
  min(axis?: Axes | null, keepDims = false): ExTensor<D> { return reduce('min', this, axis, keepDims) as ExTensor<D>; }
  /**
   * The index of the maximum along one axis (of the flattened tensor when omitted), as
   * int32; the first NaN wins.
   *
   * @param axis - one axis (a one-element array is accepted too).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis, more than one axis, or an
   *   empty axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([3, 9, 1]).argMax().item(); // 1
   * ```
   */
  argMax(axis?: number | readonly [number] | null): ExTensor<'int32'> { return reduce('argMax', this, axis, false) as ExTensor<'int32'>; }
  /**
   * The index of the minimum along one axis (of the flattened tensor when omitted), as
   * int32; the first NaN wins.
   *
   * @param axis - one axis (a one-element array is accepted too).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis, more than one axis, or an
   *   empty axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([[3, 9], [1, 4]]).argMin(0).toArray(); // [1, 1]
   * ```
   */
  argMin(axis?: number | readonly [number] | null): ExTensor<'int32'> { return reduce('argMin', this, axis, false) as ExTensor<'int32'>; }

  // ------------------------------------------------------------------ linear algebra

  /**
   * NumPy `matmul`: 1-D operands are promoted to a row / column and the axis removed again;
   * batch dimensions broadcast. The dtype is {@link Promote}`<D, O>`.
   *
   * @param other - the right operand (at least 1-D).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for 0-d operands or a non-tensor;
   *   `SHAPE_MISMATCH` when inner dimensions differ or batches do not broadcast; `FREED`.
   * @example
   * ```ts
   * ex.ones([8, 2, 3]).matmul(ex.ones([3, 4])).shape; // [8, 2, 4]
   * ```
   */
  matmul<O extends DType>(other: ExTensor<O>): ExTensor<Promote<D, O>> { return matmulOf(this, other) as ExTensor<Promote<D, O>>; }

  /**
   * Softmax along `axis` (default the last): `exp(x - max) / sum(exp(x - max))`, in the
   * float dtype {@link FloatResult}.
   *
   * @param axis - one axis; default -1.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a 0-d tensor or a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([[1, 2, 3]]).softmax().sum(-1).item(); // ≈ 1
   * ```
   */
  softmax(axis?: number | null): ExTensor<FloatResult<D>> {
    return method('softmax', this, () => {
      if (axis === undefined || axis === null) return { given: false, axis: 0 };
      return { given: true, axis: readNumber('softmax', 'axis', axis) };
    }, (id, { given, axis: a }) => created(() => glue.softmax(id, given, a))) as ExTensor<FloatResult<D>>;
  }

  /**
   * The log of the softmax: `x - logSumExp(x)` along `axis` (default the last), as SciPy's
   * `log_softmax`, in the float dtype {@link FloatResult}. Stable where `softmax().log()`
   * underflows to -Infinity.
   *
   * @param axis - one axis; default -1.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a 0-d tensor or a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([0, 0]).logSoftmax().toArray(); // [-0.693…, -0.693…]
   * ```
   */
  logSoftmax(axis?: number | null): ExTensor<FloatResult<D>> {
    return method('logSoftmax', this, () => {
      if (axis === undefined || axis === null) return { given: false, axis: 0 };
      return { given: true, axis: readNumber('logSoftmax', 'axis', axis) };
    }, (id, { given, axis: a }) => created(() => glue.logSoftmax(id, given, a))) as ExTensor<FloatResult<D>>;
  }

  /**
   * `log(sum(exp(x)))` over `axis` (all axes when omitted), shifted by the maximum so it
   * neither overflows nor underflows (SciPy's `logsumexp`), in the float dtype
   * {@link FloatResult}.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([1000, 1000]).logSumExp().item(); // 1000.693…
   * ```
   */
  logSumExp(axis?: Axes | null, keepDims = false): ExTensor<FloatResult<D>> {
    return method('logSumExp', this, () => readAxes('logSumExp', axis),
      (id, { given, axes }) => created(() => glue.logSumExp(id, given, axes, Boolean(keepDims)))) as ExTensor<FloatResult<D>>;
  }

  /**
   * Whether any element over `axis` (all axes when omitted) is true (nonzero; NaN counts),
   * as NumPy's `any`; an empty reduction is false.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([[0, 1], [0, 0]]).any(1).toArray(); // [true, false]
   * ```
   */
  any(axis?: Axes | null, keepDims = false): ExTensor<'bool'> { return truthReduce('any', this, axis, keepDims); }
  /**
   * Whether every element over `axis` (all axes when omitted) is true (nonzero; NaN counts),
   * as NumPy's `all`; an empty reduction is true.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.tensor([[1, 1], [0, 1]]).all(1).toArray(); // [true, false]
   * ```
   */
  all(axis?: Axes | null, keepDims = false): ExTensor<'bool'> { return truthReduce('all', this, axis, keepDims); }

  /**
   * The variance over `axis` (all axes when omitted), as NumPy's `var`:
   * `sum(|x - mean|²) / (n - ddof)`. Floats keep their dtype, integers and bool give float64
   * ({@link MeanResult}).
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @param options - `ddof`: delta degrees of freedom, default 0 (1 for the sample variance).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 2, 3, 4]).var().item();                         // 1.25
   * ex.tensor([1, 2, 3, 4]).var(null, false, { ddof: 1 }).item(); // 1.666…
   * ```
   */
  var(axis?: Axes | null, keepDims = false, options?: VarianceOptions): ExTensor<MeanResult<D>> { return variance('var', this, axis, keepDims, options) as ExTensor<MeanResult<D>>; }
  /**
   * The standard deviation over `axis`: the square root of {@link ExTensor.var}, as NumPy's
   * `std` ({@link MeanResult}).
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @param options - `ddof`: delta degrees of freedom, default 0.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 3]).std().item(); // 1
   * ```
   */
  std(axis?: Axes | null, keepDims = false, options?: VarianceOptions): ExTensor<MeanResult<D>> { return variance('std', this, axis, keepDims, options) as ExTensor<MeanResult<D>>; }

  /**
   * The running sum along `axis` (the flattened tensor when omitted), as NumPy's `cumsum`,
   * in the dtype `sum` gives ({@link SumResult}; integers wrap).
   *
   * @param axis - one axis; null or omitted: flattened.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `DTYPE`;
   *   `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 2, 3], { dtype: 'int32' }).cumsum().toArray(); // [1n, 3n, 6n] (int64)
   * ```
   */
  cumsum(axis?: number | null): ExTensor<SumResult<D>>;
  /**
   * The running sum in the dtype `options.dtype` names (NumPy's `dtype=`).
   *
   * @param axis - one axis (null or undefined: flattened).
   * @param options - `dtype`: the dtype to accumulate in and return.
   * @example
   * ```ts
   * ex.tensor([1, 2], { dtype: 'int32' }).cumsum(null, { dtype: 'int32' }).toArray(); // [1, 3]
   * ```
   */
  cumsum<R extends DType>(axis: number | null | undefined, options: { dtype: R }): ExTensor<R>;
  cumsum(axis?: number | null, options?: ReduceOptions): ExTensor { return cumulate('cumsum', this, axis, options); }
  /**
   * The running product along `axis` (the flattened tensor when omitted), as NumPy's
   * `cumprod`, in the dtype `prod` gives ({@link SumResult}; integers wrap).
   *
   * @param axis - one axis; null or omitted: flattened.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis or option; `DTYPE`;
   *   `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, 2, 3]).cumprod().toArray(); // [1, 2, 6]
   * ```
   */
  cumprod(axis?: number | null): ExTensor<SumResult<D>>;
  /**
   * The running product in the dtype `options.dtype` names (NumPy's `dtype=`).
   *
   * @param axis - one axis (null or undefined: flattened).
   * @param options - `dtype`: the dtype to accumulate in and return.
   * @example
   * ```ts
   * ex.tensor([1, 2], { dtype: 'int32' }).cumprod(0, { dtype: 'float64' }).dtype; // 'float64'
   * ```
   */
  cumprod<R extends DType>(axis: number | null | undefined, options: { dtype: R }): ExTensor<R>;
  cumprod(axis?: number | null, options?: ReduceOptions): ExTensor { return cumulate('cumprod', this, axis, options); }

  // ------------------------------------------------------------------ sorting

  /**
   * The values sorted along `axis` (default the last), stably, as NumPy's
   * `sort(kind='stable')`: NaN last. `{ descending: true }` gives the mirrored order (NaN
   * first), equal elements still in their index order. A new C-contiguous tensor.
   *
   * @param axis - one axis; default -1; `null` sorts the flattened tensor (NumPy's
   *   `axis=None`).
   * @param options - `descending`: largest first; default false.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a 0-d tensor (but with `axis` null),
   *   a bad axis or option; `FREED`.
   * @example
   * ```ts
   * ex.tensor([3, 1, 2]).sort().toArray();                          // [1, 2, 3]
   * ex.tensor([3, 1, 2]).sort(-1, { descending: true }).toArray();  // [3, 2, 1]
   * ex.tensor([[3, 1], [2, 0]]).sort(null).toArray();               // [0, 1, 2, 3]
   * ```
   */
  sort(axis?: number | null, options?: SortOptions): ExTensor<D> { return sorted('sort', this, axis, options) as ExTensor<D>; }
  /**
   * The int32 indices that sort along `axis` (default the last), stably: the order
   * {@link ExTensor.sort} gives, as NumPy's `argsort(kind='stable')`.
   *
   * @param axis - one axis; default -1; `null`: indices into the flattened tensor (NumPy's
   *   `axis=None`).
   * @param options - `descending`: largest first; default false.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a 0-d tensor (but with `axis` null),
   *   a bad axis or option; `FREED`.
   * @example
   * ```ts
   * ex.tensor([3, 1, 2]).argsort().toArray();               // [1, 2, 0]
   * ex.tensor([[3, 1], [2, 0]]).argsort(null).toArray();    // [3, 1, 2, 0]
   * ```
   */
  argsort(axis?: number | null, options?: SortOptions): ExTensor<'int32'> { return sorted('argsort', this, axis, options) as ExTensor<'int32'>; }
  /**
   * The `k` largest (or, with `largest: false`, smallest) elements along `axis` (default the
   * last) and their int32 indices: the first `k` of the stable order {@link ExTensor.sort}
   * gives, so ties go to the lowest index. `sorted` defaults to true (the result is always
   * in that order).
   *
   * @param k - how many; at most the axis length.
   * @param options - `axis`, `largest` (default true), `sorted` (default true).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for `k` beyond the axis, a 0-d tensor,
   *   a bad axis or option; `FREED`.
   * @example
   * ```ts
   * const { values, indices } = ex.tensor([1, 5, 3, 5]).topk(2);
   * values.toArray();  // [5, 5]
   * indices.toArray(); // [1, 3]
   * ```
   */
  topk(k: number, options?: TopkOptions): TopkResult<D> {
    return method('topk', this, () => {
      const kk = readNumber('topk', 'k', k);
      const { axis, largest, sorted: inOrder } = readOptions('topk', options, ['axis', 'largest', 'sorted']);
      if (axis !== undefined && axis !== null && typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `topk: axis must be a number, got ${describe(axis)}`);
      for (const [name, v] of [['largest', largest], ['sorted', inOrder]] as const) {
        if (v !== undefined && typeof v !== 'boolean') throw new ExTensorError('INVALID_ARGUMENT', `topk: ${name} must be a boolean, got ${describe(v)}`);
      }
      const given = axis !== undefined && axis !== null;
      return { kk, given, axis: given ? axis as number : 0, largest: largest !== false };
    }, (id, a) => {
      const [values, indices] = createdPair(() => glue.topk(id, a.kk, a.given, a.axis, a.largest));
      return Object.freeze({ values: values as ExTensor<D>, indices: indices as ExTensor<'int32'> });
    });
  }

  // ------------------------------------------------------------------ elements

  /**
   * One element, by one index per axis (negative counts from the end).
   *
   * @param index - exactly `ndim` integers (none for a 0-d tensor).
   * @returns a `number`, or a `bigint` for int64/uint64, a `boolean` for bool
   *   ({@link ElementOf}).
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for fewer indices than axes (use
   *   `slice` for sub-tensors); `INDEX_OUT_OF_BOUNDS` for an index past its axis, a
   *   fractional index, or more indices than axes; `FREED`.
   * @example
   * ```ts
   * ex.arange(6).reshape([2, 3]).get(1, -1); // 5
   * ```
   */
  get(...index: number[]): ElementOf<D> {
    return method('get', this, () => readNumbers('get', 'index', index, 'INDEX_OUT_OF_BOUNDS'),
      (id, idx) => readScalar(cachedMeta(this).dtype, () => glue.get(id, idx), () => glue.getBits(id, idx))) as ElementOf<D>;
  }

  /**
   * Writes one element (converted to the dtype, as {@link tensor} converts).
   *
   * @param value - a number, bigint or boolean.
   * @param index - exactly `ndim` integers.
   * @throws {@link ExTensorError} `READ_ONLY` for a broadcast view; `INVALID_ARGUMENT`;
   *   `INDEX_OUT_OF_BOUNDS`; `FREED`.
   * @example
   * ```ts
   * const t = ex.zeros([2, 2]);
   * t.set(7, 0, 1);
   * ```
   */
  set(value: Scalar, ...index: number[]): void {
    method('set', this, () => [readNumbers('set', 'index', index, 'INDEX_OUT_OF_BOUNDS'), encodeScalar('set', value)] as const,
      (id, [idx, [kind, number, bits]]) => call(() => glue.set(id, idx, kind, number, bits)));
  }

  /**
   * The only element of a one-element tensor (any shape).
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `size` is not 1; `FREED`.
   * @example
   * ```ts
   * ex.arange(4).sum().item(); // 6
   * ```
   */
  item(): ElementOf<D> {
    const id = liveId('item', this);
    return readScalar(cachedMeta(this).dtype, () => glue.item(id), () => glue.itemBits(id)) as ElementOf<D>;
  }

  /**
   * Writes `value` into every element of this tensor or view (the storage is shared, so
   * other handles see it). Returns this handle.
   *
   * @param value - a number, bigint or boolean.
   * @throws {@link ExTensorError} `READ_ONLY` for a broadcast view; `INVALID_ARGUMENT`;
   *   `FREED`.
   * @example
   * ```ts
   * ex.arange(12).reshape([3, 4]).slice(':, 1').fill(0);
   * ```
   */
  fill(value: Scalar): this {
    method('fill', this, () => encodeScalar('fill', value),
      (id, [kind, number, bits]) => call(() => glue.fill(id, kind, number, bits)));
    return this;
  }

  /**
   * Copies `other` (broadcast to this shape, converted to this dtype) into this tensor or
   * view, like NumPy's `a[...] = b`. Returns this handle.
   *
   * @param other - a tensor whose shape broadcasts to this one.
   * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `READ_ONLY`; `INVALID_ARGUMENT` for a
   *   non-tensor; `FREED`.
   * @example
   * ```ts
   * const m = ex.zeros([2, 3]);
   * m.assign(ex.arange(3)); // every row is [0, 1, 2]
   * ```
   */
  assign(other: ExTensor): this {
    call(() => glue.assign(liveId('assign', this), argumentId('assign', other)));
    return this;
  }

  /**
   * The elements as nested JavaScript arrays in C order (a bare element for a 0-d tensor):
   * `number`s, or `bigint`s for int64/uint64, `boolean`s for bool.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(4).reshape([2, 2]).toArray(); // [[0, 1], [2, 3]]
   * ```
   */
  toArray(): Nested<ElementOf<D>> {
    const id = liveId('toArray', this);
    const { dtype, shape } = cachedMeta(this);
    // An empty tensor may still ask for absurdly many JS arrays ([2**31 - 1, 0]): refuse
    // before the engine dies of it (V8's out-of-memory ends the process, uncatchably).
    let arrays = 0;
    for (let depth = 0, rows = 1; depth < shape.length - 1; depth++) arrays += (rows *= shape[depth]);
    if (arrays > MAX_NESTED_ARRAYS) {
      throw new ExTensorError('OUT_OF_MEMORY', `toArray: shape [${shape.join(', ')}] needs ${arrays} nested JS arrays; use toTypedArray()`);
    }
    let flat: ArrayLike<Scalar>;
    if (dtype === 'int64' || dtype === 'uint64') {
      const bytes = call(() => glue.toBytes(id));
      flat = new WINDOW_TYPES[dtype](bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    } else {
      flat = call(() => glue.toNumbers(id));
      if (dtype === 'bool') flat = Array.from(flat, (x) => x !== 0);
    }
    return nest(flat, shape) as Nested<ElementOf<D>>;
  }

  /**
   * The bytes of a NumPy `.npy` file (version 1.0, C order) holding this tensor,
   * byte-for-byte what `numpy.save` writes.
   *
   * @throws {@link ExTensorError} `DTYPE` for bfloat16 (no `.npy` descriptor); `FREED`;
   *   `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * import { writeFileSync } from 'node:fs';
   * writeFileSync('t.npy', ex.arange(4).toNpy());
   * ```
   */
  toNpy(): Uint8Array<ArrayBuffer> {
    const id = liveId('toNpy', this);
    // The glue copies the bytes out of wasm memory into a new ArrayBuffer.
    return call(() => glue.toNpy(id)) as Uint8Array<ArrayBuffer>;
  }

  /**
   * A copy of the elements in C order, in the dtype's typed array ({@link TypedArrayMap});
   * works for any layout, and stays valid when wasm memory grows. With
   * `{ float16Array: true }` a float16 tensor comes back as a `Float16Array` of its values
   * instead of a `Uint16Array` of bit patterns (other dtypes are unaffected; the
   * {@link ExTensor.data} window stays `Uint16Array`).
   *
   * @throws {@link ExTensorError} `FREED`; `OUT_OF_MEMORY`; `INVALID_ARGUMENT` for
   *   `{ float16Array: true }` on a float16 tensor where the engine has no `Float16Array`.
   * @example
   * ```ts
   * const copy: Float32Array = ex.arange(6).reshape([2, 3]).transpose().toTypedArray();
   * const halves = ex.tensor([0.5, 1.5], { dtype: 'float16' }).toTypedArray({ float16Array: true }); // Float16Array [0.5, 1.5]
   * ```
   */
  toTypedArray(options: { float16Array: true }): D extends 'float16' ? Float16ArrayType : TypedArrayOf<D>;
  toTypedArray(options?: ToTypedArrayOptions): TypedArrayOf<D>;
  toTypedArray(options?: ToTypedArrayOptions): ArrayBufferView {
    const { float16Array } = readOptions('toTypedArray', options, ['float16Array']);
    if (float16Array !== undefined && typeof float16Array !== 'boolean') {
      throw new ExTensorError('INVALID_ARGUMENT', `toTypedArray: float16Array must be a boolean, got ${describe(float16Array)}`);
    }
    const id = liveId('toTypedArray', this);
    const { dtype, size } = cachedMeta(this);
    const asFloat16 = float16Array === true && dtype === 'float16';
    if (asFloat16 && FLOAT16_ARRAY === null) {
      throw new ExTensorError('INVALID_ARGUMENT', 'toTypedArray: { float16Array: true } needs an engine with Float16Array (Chromium 135, Firefox 129, Safari 18.2, Node 24); use the Uint16Array of bit patterns or toArray()');
    }
    const Type = asFloat16 ? FLOAT16_ARRAY! : WINDOW_TYPES[dtype];
    // A contiguous tensor is copied straight out of wasm memory, once; bool goes through
    // the core, which writes its bytes as 0/1 whatever a window stored.
    const address = dtype === 'bool' ? -1 : call(() => glue.contiguousAddress(id));
    if (address >= 0) return copyOf(new Type(wasmMemory().buffer, address, size));
    const bytes = call(() => glue.toBytes(id));
    return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
  }

  /**
   * A zero-copy window onto the elements in wasm memory, in the dtype's typed array
   * ({@link TypedArrayMap}); writes through it are writes to the tensor. Only for
   * C-contiguous, writable tensors. Any ExTensor call that allocates may grow wasm memory
   * and detach every earlier window (it then reads as length 0): read `t.data` again right
   * before using it, and hold the tensor, not the window. A window kept after the tensor's
   * storage is freed still reaches only that storage's old bytes: they are given to no
   * other tensor while the window lives ({@link MemoryInfo.quarantinedBytes}).
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` when not C-contiguous (use
   *   {@link ExTensor.contiguous} or {@link ExTensor.toTypedArray}); `READ_ONLY` for a
   *   broadcast view; `FREED`.
   * @example
   * ```ts
   * const t = ex.zeros([4], 'int32');
   * const w: Int32Array = t.data;
   * w[0] = 7;                 // t.get(0) === 7
   * ```
   */
  get data(): TypedArrayOf<D> {
    const id = liveId('data', this);
    // One window per handle while memory keeps its buffer; opening one may itself grow
    // memory, so the buffer is read again after.
    if (this.#windowBuffer !== wasmMemory().buffer) {
      const { dtype, size } = cachedMeta(this);
      this.#window = openWindow<TypedArrayOf<DType>>(id, WINDOW_TYPES[dtype], size) as TypedArrayOf<D>;
      this.#windowBuffer = wasmMemory().buffer;
    }
    return this.#window as TypedArrayOf<D>;
  }

  /**
   * NumPy-style text on one line, e.g. `ExTensor([[0, 1], [2, 3]], dtype=int32)`; above
   * 1000 elements the first and last 3 along each axis with `...`. A freed handle gives
   * `ExTensor(<freed>)` (never throws).
   *
   * @example
   * ```ts
   * console.log(ex.arange(4, 'int32').toString()); // ExTensor([0, 1, 2, 3], dtype=int32)
   * ```
   */
  toString(): string {
    if (!isTensor(this)) return 'ExTensor(<not an ExTensor>)';
    const id = this.#id;
    if (id === null) return 'ExTensor(<freed>)';
    return call(() => glue.toText(id));
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string { return ExTensor.prototype.toString.call(this); }
}

/** The receiver's id, null once freed; INVALID_ARGUMENT when it is not an ExTensor. */
function liveIdOrNull(op: string, self: unknown): number | null {
  if (!isTensor(self)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: called on ${describe(self)}, not on an ExTensor`);
  }
  return idOf(self);
}

function readMeta(id: number): TensorMeta {
  const m = call(() => glue.meta(id));
  const ndim = m[4];
  const shape: number[] = new Array(ndim);
  const strides: number[] = new Array(ndim);
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
    dtype: state.dtypeNames![m[3]] as DType,
    shape,
    strides,
    size,
  });
}

/** An element as its dtype reads back: bigint for int64/uint64, boolean for bool, else a number. */
function readScalar(dtype: DType, asNumber: () => number, asBits: () => bigint): Scalar {
  if (dtype === 'int64') return call(asBits);
  if (dtype === 'uint64') return BigInt.asUintN(64, call(asBits));
  const x = call(asNumber);
  return dtype === 'bool' ? x !== 0 : x;
}

/** Flat C-order values nested by `shape` (a 0-d tensor is its one value). */
function nest(flat: ArrayLike<Scalar>, shape: readonly number[]): Nested<Scalar> {
  if (shape.length === 0) return flat[0];
  let at = 0;
  const build = (depth: number): Nested<Scalar>[] => {
    const out: Nested<Scalar>[] = new Array(shape[depth]);
    for (let i = 0; i < shape[depth]; i++) out[i] = depth === shape.length - 1 ? flat[at++] : build(depth + 1);
    return out;
  };
  return build(0);
}

/** The binary families: each op's binding calls by family. */
type BinaryFamily = 'binary' | 'compare' | 'logical';

function familyOf(op: string): BinaryFamily {
  const codes = opCodes();
  return codes.compare.has(op) ? 'compare' : codes.logical.has(op) ? 'logical' : 'binary';
}

const BY_TENSOR = { binary: 'binaryTensor', compare: 'compareTensor', logical: 'logicalTensor' } as const;
const BY_SCALAR = { binary: 'binaryScalar', compare: 'compareScalar', logical: 'logicalScalar' } as const;
/** The scalar-first bindings; logical ops are symmetric, so theirs is the plain one. */
const BY_SCALAR_FIRST = { binary: 'binaryScalarFirst', compare: 'compareScalarFirst', logical: 'logicalScalar' } as const;

/** Binary op with a tensor or a weak scalar (a JS number, bigint or boolean). */
export function binary(op: string, self: unknown, other: unknown): ExTensor {
  const family = familyOf(op);
  const code = opCodes()[family].get(op) as number;
  if (isTensor(other)) {
    return created(() => {
      const [a, b] = [liveId(op, self), argumentId(op, other)];
      return glue[BY_TENSOR[family]](a, code, b);
    });
  }
  return method(op, self, () => {
    if (!isScalar(other)) {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor or a number, got ${describe(other)}`);
    }
    return encodeScalar(op, other);
  }, (a, [kind, number, bits]) => created(() => glue[BY_SCALAR[family]](a, code, kind, number, bits)));
}

/**
 * `scalar <op> tensor`, the function forms' scalar-first case (`ex.sub(1, p)`): the tensor
 * is read first, as everywhere the receiver is.
 */
export function binaryScalarFirst(op: string, scalar: unknown, tensor: unknown): ExTensor {
  const family = familyOf(op);
  const code = opCodes()[family].get(op) as number;
  return method(op, tensor, () => {
    if (!isScalar(scalar)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor or a number, got ${describe(scalar)}`);
    return encodeScalar(op, scalar);
  },
    (id, [kind, number, bits]) => created(() => glue[BY_SCALAR_FIRST[family]](id, code, kind, number, bits)));
}

/** Whether `op` is a binary op of any family (the function forms dispatch on it). */
export function isBinaryOp(op: string): boolean {
  const codes = opCodes();
  return codes.binary.has(op) || codes.compare.has(op) || codes.logical.has(op);
}

export function predicate(op: string, self: unknown): ExTensor<'bool'> {
  return derive(op, self, (id) => glue.predicate(id, opCodes().predicate.get(op) as number)) as ExTensor<'bool'>;
}

/** A `clip` bound: a tensor (its id taken last), a weak scalar, or none. */
function clipBound(v: unknown): () => [kind: number, number: number, bits: bigint] {
  if (v === null || v === undefined) return () => [OPERAND_NONE, 0, 0n];
  if (isTensor(v)) return () => [OPERAND_TENSOR, argumentId('clip', v), 0n];
  if (!isScalar(v)) throw new ExTensorError('INVALID_ARGUMENT', `clip: expected an ExTensor, a number or null, got ${describe(v)}`);
  const encoded = encodeScalar('clip', v);
  return () => encoded;
}

export function clipOp(self: unknown, min: unknown, max: unknown): ExTensor {
  return method('clip', self, () => [clipBound(min), clipBound(max)] as const, (id, [lo, hi]) => {
    const [lk, ln, lb] = lo();
    const [hk, hn, hb] = hi();
    return created(() => glue.clip(id, lk, ln, lb, hk, hn, hb));
  });
}

export function unary(op: string, self: unknown): ExTensor {
  return derive(op, self, (id) => glue.unary(id, opCodes().unary.get(op) as number));
}

function reduce(op: string, self: unknown, axis: unknown, keepDims: unknown, options?: unknown): ExTensor {
  return method(op, self, () => ({ ...readAxes(op, axis), dtype: reduceDtype(op, options) }),
    (id, { given, axes, dtype }) => created(() => glue.reduce(id, opCodes().reduce.get(op) as number, given, axes, Boolean(keepDims), dtype)));
}

/** Wraps the two handles a binding call made (sort's values and indices). */
function createdPair(fn: () => Float64Array | number[]): [ExTensor, ExTensor] {
  const [a, b] = call(fn);
  let first: ExTensor | null = null;
  try {
    first = wrapId(a);
    return [first, wrapId(b)];
  } catch (e) {
    if (first === null) freeHandleQuietly(a);
    else freeTensor(first);
    freeHandleQuietly(b);
    throw e;
  }
}

/** `sort` (the values) or `argsort` (the indices). */
function sorted(op: 'sort' | 'argsort', self: unknown, axis: unknown, options: unknown): ExTensor {
  return method(op, self, () => {
    const flat = axis === null;
    const given = axis !== undefined && !flat;
    const a = given ? readNumber(op, 'axis', axis) : 0;
    const { descending } = readOptions(op, options, ['descending']);
    if (descending !== undefined && typeof descending !== 'boolean') throw new ExTensorError('INVALID_ARGUMENT', `${op}: descending must be a boolean, got ${describe(descending)}`);
    return { flat, given, axis: a, descending: descending === true };
  }, (id, { flat, given, axis: a, descending }) => {
    if (!flat) return created(() => glue.sort(id, given, a, descending, op === 'argsort'));
    // axis null: NumPy's axis=None, the flattened tensor sorted (argsort: flat indices).
    const flattened = created(() => glue.flatten(id));
    try {
      return created(() => glue.sort(idOf(flattened)!, true, 0, descending, op === 'argsort'));
    } finally {
      freeTensor(flattened);
    }
  });
}

/** An index spec as text (`@` for each index array) and its arrays; `temps` were made here. */
interface ReadIndexSpec {
  text: string;
  arrays: ExTensor[];
  temps: ExTensor[];
}

/** Reads an index spec once; JS index arrays become tensors (freed by the caller). */
function readIndexSpec(op: string, spec: unknown): ReadIndexSpec {
  if (typeof spec === 'string') {
    if (spec.includes('@')) throw new ExTensorError('INVALID_ARGUMENT', `${op}: cannot parse the spec ${describe(spec)}`);
    return { text: spec, arrays: [], temps: [] };
  }
  if (isTensor(spec)) return { text: '@', arrays: [spec], temps: [] };
  if (!isArrayArg(op, 'the spec', spec)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected a string, an ExTensor or an array, got ${describe(spec)}`);
  }
  const arrays: ExTensor[] = [];
  const temps: ExTensor[] = [];
  try {
    const parts = readArray(op, 'the spec', spec, 'INVALID_ARGUMENT', (item) => {
      if (isTensor(item)) {
        arrays.push(item);
        return '@';
      }
      if (isArrayArg(op, 'an index array', item)) {
        const t = indexArray(op, item);
        temps.push(t);
        arrays.push(t);
        return '@';
      }
      if (typeof item === 'string' && item.includes('@')) throw new ExTensorError('INVALID_ARGUMENT', `${op}: cannot parse the item ${describe(item)}`);
      return sliceItem(item);
    }, MAX_LIST_ITEMS, (length) => new ExTensorError('INVALID_ARGUMENT', `${op}: a spec of ${length} items`));
    return { text: parts.join(', '), arrays, temps };
  } catch (e) {
    for (const t of temps) freeTensor(t);
    throw e;
  }
}

/** The ids of a spec's index arrays, taken after everything was read. */
function arrayIds(op: string, arrays: readonly ExTensor[]): Float64Array {
  return Float64Array.from(arrays, (t) => argumentId(op, t));
}

function truthReduce(op: string, self: unknown, axis: unknown, keepDims: unknown): ExTensor<'bool'> {
  return method(op, self, () => readAxes(op, axis),
    (id, { given, axes }) => created(() => glue.truthReduce(id, opCodes().truth.get(op) as number, given, axes, Boolean(keepDims)))) as ExTensor<'bool'>;
}

function variance(op: 'var' | 'std', self: unknown, axis: unknown, keepDims: unknown, options: unknown): ExTensor {
  return method(op, self, () => {
    const axes = readAxes(op, axis);
    const { ddof } = readOptions(op, options, ['ddof']);
    if (ddof !== undefined && typeof ddof !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: ddof must be a number, got ${describe(ddof)}`);
    return { ...axes, ddof: ddof ?? 0 };
  }, (id, { given, axes, ddof }) => created(() => glue.variance(id, op === 'std', given, axes, Boolean(keepDims), ddof)));
}

function cumulate(op: 'cumsum' | 'cumprod', self: unknown, axis: unknown, options: unknown): ExTensor {
  return method(op, self, () => {
    const given = axis !== undefined && axis !== null;
    return { given, axis: given ? readNumber(op, 'axis', axis) : 0, dtype: reduceDtype(op, options) };
  }, (id, { given, axis: a, dtype }) => created(() => glue.cumulate(id, op === 'cumprod', given, a, dtype)));
}

/** The `{ dtype }` option of sum, prod and mean: a dtype name, or '' for the default (NumPy's `dtype=None`). */
function reduceDtype(op: string, options: unknown): string {
  const { dtype } = readOptions(op, options, ['dtype']);
  return dtype === undefined || dtype === null ? '' : checkDtype(op, dtype);
}

/** Axes that must be given (moveaxis): a number or an array of numbers, never omitted. */
function requiredAxes(op: string, axes: unknown, what: string): { given: boolean; axes: Float64Array<ArrayBuffer> } {
  if (axes === undefined || axes === null) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be a number or an array of numbers, got ${describe(axes)}`);
  }
  return readAxes(op, axes, what);
}

/** A safe integer as slice text, or INVALID_ARGUMENT (the Rust grammar parses the rest). */
function sliceInteger(what: string, v: unknown): string {
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
function sliceText(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'number' || spec === null) return sliceItem(spec);
  if (!isArrayArg('slice', 'the spec', spec)) {
    throw new ExTensorError('INVALID_ARGUMENT', `slice: expected a string or an array, got ${describe(spec)}`);
  }
  const items = readArray('slice', 'the spec', spec, 'INVALID_ARGUMENT', sliceItem);
  return items.length === 0 ? '...' : items.join(', ');
}

function sliceItem(item: unknown): string {
  if (item === null || item === undefined) return 'None';
  if (typeof item === 'number') return sliceInteger('index', item);
  if (typeof item === 'string') {
    if (item.includes(',')) throw new ExTensorError('INVALID_ARGUMENT', `slice: the item ${describe(item)} holds a comma; give one item per string`);
    return item;
  }
  if (isArrayArg('slice', 'a slice item', item)) {
    const bound = (v: unknown): string => (v === null || v === undefined ? '' : sliceInteger('slice bound', v));
    const parts = readArray('slice', 'a slice item', item, 'INVALID_ARGUMENT', bound, 3, () =>
      new ExTensorError('INVALID_ARGUMENT', 'slice: a slice array is [start, stop, step] at most'));
    while (parts.length < 2) parts.push('');
    return parts.join(':');
  }
  throw new ExTensorError('INVALID_ARGUMENT', `slice: cannot index with ${describe(item)}`);
}
