// The type-level dtype algebra of the public API: dtype names and their typed arrays and
// elements, what `tensor()` infers, the result dtype of every operation (NumPy 2 / NEP 50),
// and which slice strings parse. Types only: this module emits no code. The promotion
// table itself is generated from the Rust core (promotion.ts).
import type { ExTensor } from './tensor.js';
import type { PromotionTable } from './promotion.js';

// ============================================================================ dtypes

/**
 * The 13 element types, by the names {@link DTYPES} lists. The default everywhere is
 * `'float32'`.
 *
 * @example
 * ```ts
 * const d: ex.DType = 'bfloat16';
 * ex.zeros([2], d);
 * ```
 */
export type DType =
  | 'float32' | 'float64'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'bool'
  | 'float16' | 'bfloat16';

/**
 * The four floating-point dtypes.
 *
 * @example
 * ```ts
 * const d: ex.FloatDType = 'bfloat16';
 * ex.randn([4], { dtype: d });
 * ```
 */
export type FloatDType = 'float32' | 'float64' | 'float16' | 'bfloat16';

/**
 * The eight integer dtypes (signed and unsigned; `bool` is not one of them).
 *
 * @example
 * ```ts
 * const counts: ex.ExTensor<ex.IntegerDType> = ex.zeros([3], 'uint32');
 * ```
 */
export type IntegerDType = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

/**
 * The typed array behind {@link ExTensor.data} and {@link ExTensor.toTypedArray} for each dtype
 * (the runtime's `WINDOW_TYPES`). float16 and bfloat16 windows hold the raw 16-bit patterns.
 *
 * @example
 * ```ts
 * type W = ex.TypedArrayMap['bool']; // Uint8Array<ArrayBuffer>
 * ```
 */
export interface TypedArrayMap {
  /** `Float32Array` */
  float32: Float32Array<ArrayBuffer>;
  /** `Float64Array` */
  float64: Float64Array<ArrayBuffer>;
  /** `Int8Array` */
  int8: Int8Array<ArrayBuffer>;
  /** `Int16Array` */
  int16: Int16Array<ArrayBuffer>;
  /** `Int32Array` */
  int32: Int32Array<ArrayBuffer>;
  /** `BigInt64Array` */
  int64: BigInt64Array<ArrayBuffer>;
  /** `Uint8Array` */
  uint8: Uint8Array<ArrayBuffer>;
  /** `Uint16Array` */
  uint16: Uint16Array<ArrayBuffer>;
  /** `Uint32Array` */
  uint32: Uint32Array<ArrayBuffer>;
  /** `BigUint64Array` */
  uint64: BigUint64Array<ArrayBuffer>;
  /** `Uint8Array` of 0 and 1 */
  bool: Uint8Array<ArrayBuffer>;
  /** `Uint16Array` of IEEE binary16 bit patterns */
  float16: Uint16Array<ArrayBuffer>;
  /** `Uint16Array` of bfloat16 bit patterns (the high half of a float32) */
  bfloat16: Uint16Array<ArrayBuffer>;
}

/**
 * The typed array of dtype `D` (a union for a union of dtypes).
 *
 * @example
 * ```ts
 * const w: ex.TypedArrayOf<'int64'> = ex.zeros([2], 'int64').data; // BigInt64Array
 * ```
 */
export type TypedArrayOf<D extends DType> = TypedArrayMap[D];

/**
 * Options of {@link ExTensor.toTypedArray}.
 *
 * @example
 * ```ts
 * const options: ex.ToTypedArrayOptions = { float16Array: true };
 * ```
 */
export interface ToTypedArrayOptions {
  /**
   * `true`: a float16 tensor's copy is a `Float16Array` of its values (where the engine has
   * one), not a `Uint16Array` of bit patterns. Other dtypes are unaffected.
   *
   * @example
   * ```ts
   * ex.ones([2], 'float16').toTypedArray({ float16Array: true }); // Float16Array [1, 1]
   * ```
   */
  float16Array?: boolean | undefined;
}

/**
 * How one element of each dtype reads back in JavaScript: `bigint` for 64-bit integers,
 * `boolean` for bool, `number` otherwise.
 *
 * @example
 * ```ts
 * type E = ex.ElementMap['uint64']; // bigint
 * ```
 */
export interface ElementMap {
  /** `number` */
  float32: number;
  /** `number` */
  float64: number;
  /** `number` */
  int8: number;
  /** `number` */
  int16: number;
  /** `number` */
  int32: number;
  /** `bigint` */
  int64: bigint;
  /** `number` */
  uint8: number;
  /** `number` */
  uint16: number;
  /** `number` */
  uint32: number;
  /** `bigint` */
  uint64: bigint;
  /** `boolean` */
  bool: boolean;
  /** `number` (the value, not the bits) */
  float16: number;
  /** `number` (the value, not the bits) */
  bfloat16: number;
}

/**
 * The JavaScript type of one element of dtype `D`.
 *
 * @example
 * ```ts
 * const x: ex.ElementOf<'int64'> = ex.ones([1], 'int64').item(); // 1n
 * ```
 */
export type ElementOf<D extends DType> = ElementMap[D];

/**
 * A JavaScript scalar ExTensor accepts as an element or operand. In math a `number` is a
 * *weak* scalar (NEP 50): it takes the tensor's dtype unless it has a fraction (or is NaN or
 * ±Infinity) and the tensor is integer or bool.
 *
 * @example
 * ```ts
 * const values: ex.Scalar[] = [1, 2n, true];
 * ```
 */
export type Scalar = number | bigint | boolean;

/**
 * A value or arbitrarily nested arrays of values: what {@link ExTensor.toArray} returns
 * (a bare element for a 0-d tensor).
 *
 * @example
 * ```ts
 * const rows = ex.arange(4).reshape([2, 2]).toArray() as number[][];
 * ```
 */
export type Nested<E> = E | Nested<E>[];

/**
 * Nested arrays of scalars (rectangular; ragged input is `INVALID_SHAPE`), or one scalar for
 * a 0-d tensor.
 *
 * @example
 * ```ts
 * const data: ex.NestedData = [[1, 2], [3, 4]];
 * ```
 */
export type NestedData = Scalar | readonly NestedData[];

/**
 * The typed arrays {@link tensor} reads directly (any backing buffer).
 *
 * @example
 * ```ts
 * const input: ex.InputTypedArray = new Int16Array([1, 2, 3]);
 * ```
 */
export type InputTypedArray =
  | Float32Array | Float64Array
  | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array | BigUint64Array
  | Float16ArrayType;

/**
 * `Float16Array` where the program's libraries declare it (TypeScript 5.7 or newer with
 * `lib: ["esnext"]` or `"esnext.float16"`), else `never`. The engine has it from Chromium
 * 135, Firefox 129, Safari 18.2 and Node 24.
 *
 * @example
 * ```ts
 * const halves: ex.Float16ArrayType = new Float16Array([0.5, 1.5]);
 * ex.tensor(halves); // ExTensor<'float16'>
 * ```
 */
export type Float16ArrayType = Float16ArrayIn<typeof globalThis>;

/** `Float16Array` of a global scope type, if it declares one. @internal */
type Float16ArrayIn<G> = G extends { Float16Array: abstract new (...args: never) => infer A } ? A : never;

/**
 * Everything {@link tensor} takes as data.
 *
 * @example
 * ```ts
 * const inputs: ex.TensorData[] = [3, [1, 2], [[true], [false]], new Float64Array(4)];
 * ```
 */
export type TensorData = NestedData | InputTypedArray;

/**
 * The typed arrays that may stand for a list of numbers (shapes, reshape targets).
 *
 * @example
 * ```ts
 * ex.zeros(new Int32Array([2, 3]));
 * ```
 */
export type NumericTypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array;

/**
 * A shape: non-negative integers, one per axis (at most {@link MAX_NDIM}); one number is a
 * 1-D shape. Negative, fractional or non-finite dimensions are `INVALID_SHAPE`.
 *
 * @example
 * ```ts
 * ex.zeros(3);        // shape [3]
 * ex.zeros([2, 3]);
 * ```
 */
export type ShapeLike = number | readonly number[] | NumericTypedArray;

/**
 * One axis or a list of axes; negative axes count from the end.
 *
 * @example
 * ```ts
 * ex.ones([2, 3, 4]).sum([0, -1]); // shape [3]
 * ```
 */
export type Axes = number | readonly number[];

/**
 * The dtype {@link tensor} infers when no `dtype` is given: a typed array's own dtype
 * (`Uint8ClampedArray` is uint8, `Float16Array` float16; other typed arrays float32); `'bool'` when every element is
 * a boolean; `'int64'` when an element is a bigint (`'uint64'` when one is past int64's
 * range, `'float64'` when a number beside the bigints is not an exact integer (a fraction, or past 2^53), as NumPy does for
 * Python ints); else `'float32'`. A bigint outside 64 bits is `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * type A = ex.InferDType<Int16Array>;   // 'int16'
 * type B = ex.InferDType<boolean[][]>;  // 'bool'
 * type C = ex.InferDType<number>;       // 'float32'
 * ```
 */
export type InferDType<T> =
  T extends Float16ArrayType ? 'float16' :
  T extends Float32Array ? 'float32' :
  T extends Float64Array ? 'float64' :
  T extends Int8Array ? 'int8' :
  T extends Int16Array ? 'int16' :
  T extends Int32Array ? 'int32' :
  T extends BigInt64Array ? 'int64' :
  T extends Uint8ClampedArray ? 'uint8' :
  T extends Uint8Array ? 'uint8' :
  T extends Uint16Array ? 'uint16' :
  T extends Uint32Array ? 'uint32' :
  T extends BigUint64Array ? 'uint64' :
  T extends ArrayBufferView ? 'float32' :
  InferFromElements<DeepElement<T>>;

/** The element type of nested arrays (at most MAX_NDIM levels, which also ends the recursion of NestedData). @internal */
type DeepElement<T, Depth extends unknown[] = []> =
  Depth['length'] extends 64 ? Scalar :
  T extends readonly (infer U)[] ? DeepElement<U, [...Depth, unknown]> : T;

/**
 * The runtime's inference from a flat list of elements: all booleans → bool; bigints →
 * int64 (uint64 at run time for a value past int64, which no type can see), float64 when
 * mixed with numbers of which one is fractional; numbers → float32. @internal
 */
type InferFromElements<E> =
  [E] extends [never] ? 'float32' :
  [E] extends [boolean] ? 'bool' :
  [E] extends [bigint] ? 'int64' :
  [E] extends [number] ? 'float32' :
  [Extract<E, bigint>] extends [never] ? 'float32' | 'bool' :
  [Extract<E, number>] extends [never] ? 'int64' :
  'int64' | 'float64';

/**
 * The dtype a creation function gives for its `dtype` argument `D`: `D` itself, or
 * `Default` where it is `undefined` (omitted). Distributes, so a `'int8' | undefined`
 * argument gives `'int8' | Default`.
 *
 * @example
 * ```ts
 * type A = ex.DTypeOr<'int8', 'float32'>;             // 'int8'
 * type B = ex.DTypeOr<undefined, 'float32'>;          // 'float32'
 * type C = ex.DTypeOr<'int8' | undefined, 'float32'>; // 'int8' | 'float32'
 * ```
 */
export type DTypeOr<D extends DType | undefined, Default extends DType> = D extends DType ? D : Default;

// ============================================================================ promotion

/**
 * The result dtype of a binary op between tensors of dtypes `A` and `B` (NumPy's
 * `result_type`). Distributes over unions.
 *
 * @example
 * ```ts
 * type R = ex.Promote<'int32', 'float32'>; // 'float64', as NumPy
 * ```
 */
export type Promote<A extends DType, B extends DType> =
  A extends DType ? (B extends DType ? PromotionTable[A][B] : never) : never;

/**
 * The float dtype the float functions (`exp`, `log`, `sqrt`, `sin`, `cos`, `tanh`,
 * `sigmoid`, `softmax`) return: float dtypes keep theirs; bool, int8 and uint8 give float16;
 * int16 and uint16 float32; wider integers float64.
 *
 * @example
 * ```ts
 * type R = ex.FloatResult<'int16'>; // 'float32'
 * ```
 */
export type FloatResult<D extends DType> =
  D extends FloatDType ? D :
  D extends 'bool' | 'int8' | 'uint8' ? 'float16' :
  D extends 'int16' | 'uint16' ? 'float32' :
  D extends DType ? 'float64' : never;

/**
 * The dtype of `sum` and `prod` (NumPy's defaults): bool and signed integers narrower than
 * 64 bits give int64, unsigned ones uint64; 64-bit integers and floats keep theirs.
 *
 * @example
 * ```ts
 * type R = ex.SumResult<'uint8'>; // 'uint64'
 * ```
 */
export type SumResult<D extends DType> =
  D extends 'bool' | 'int8' | 'int16' | 'int32' ? 'int64' :
  D extends 'uint8' | 'uint16' | 'uint32' ? 'uint64' : D;

/**
 * The options of `sum`, `prod` and `mean`: `dtype`, NumPy's `dtype=` (the accumulator and
 * result dtype).
 *
 * @example
 * ```ts
 * const options: ex.ReduceOptions = { dtype: 'float64' };
 * ```
 */
export interface ReduceOptions {
  /** The accumulator and result dtype. */
  dtype?: DType;
}

/**
 * The options of {@link isclose} and {@link allclose}: NumPy's tolerances.
 *
 * @example
 * ```ts
 * const options: ex.CloseOptions = { rtol: 1e-3, equalNaN: true };
 * ```
 */
export interface CloseOptions {
  /** Relative tolerance, times `|b|`; default 1e-5. */
  rtol?: number;
  /** Absolute tolerance; default 1e-8. */
  atol?: number;
  /** Whether NaN is close to NaN; default false. */
  equalNaN?: boolean;
}

/**
 * The options of {@link bincount} besides `weights`.
 *
 * @example
 * ```ts
 * const options: ex.BincountOptions = { minlength: 10 };
 * ```
 */
export interface BincountOptions {
  /** At least this many bins; default 0. */
  minlength?: number;
}

/**
 * A (nested) JS array of integers or of booleans used as an index array in
 * {@link ExTensor.index}: `[0, 2]`, `[[0, 1], [1, 0]]`, `[true, false, true]`.
 *
 * @example
 * ```ts
 * const rows: ex.NestedIndex = [2, 0];
 * ```
 */
export type NestedIndex = readonly (number | bigint | boolean | NestedIndex)[];

/**
 * One item of an array index spec: an integer, a slice string (`'1:3'`, `'::-1'`, `':'`,
 * `'...'`), `null` (a new axis), an integer or bool tensor, or a JS index array.
 *
 * @example
 * ```ts
 * const items: ex.IndexSpecItem[] = [0, ':', [1, 2], null];
 * ```
 */
export type IndexSpecItem = number | string | null | undefined | ExTensor | NestedIndex;

/**
 * What {@link ExTensor.index} and {@link ExTensor.indexSet} take: a basic-index string, an
 * ExTensor (the one-item spec), or an array of {@link IndexSpecItem}s.
 *
 * @example
 * ```ts
 * const spec: ex.IndexSpec = [':', [0, 2]];
 * ```
 */
export type IndexSpec = string | ExTensor | readonly IndexSpecItem[];

/**
 * The options of `sort` and `argsort`.
 *
 * @example
 * ```ts
 * const options: ex.SortOptions = { descending: true };
 * ```
 */
export interface SortOptions {
  /** Largest first (NaN first); default false. Equal elements keep their index order. */
  descending?: boolean;
}

/**
 * The options of `topk`.
 *
 * @example
 * ```ts
 * const options: ex.TopkOptions = { axis: 0, largest: false };
 * ```
 */
export interface TopkOptions {
  /** The axis; default -1. */
  axis?: number | null;
  /** The largest `k` (true, the default) or the smallest. */
  largest?: boolean;
  /** Whether the result is in sorted order; default true (it always is). */
  sorted?: boolean;
}

/**
 * What `topk` returns: the values (the tensor's dtype) and their int32 indices along the axis.
 *
 * @example
 * ```ts
 * const { values, indices }: ex.TopkResult<'float32'> = ex.tensor([1, 3, 2]).topk(1);
 * ```
 */
export interface TopkResult<D extends DType> {
  /** The `k` values along the axis. */
  readonly values: ExTensor<D>;
  /** Their indices along the axis. */
  readonly indices: ExTensor<'int32'>;
}

/**
 * The options of `var` and `std`: `ddof`, NumPy's delta degrees of freedom (the divisor is
 * `n - ddof`; default 0).
 *
 * @example
 * ```ts
 * const sample: ex.VarianceOptions = { ddof: 1 };
 * ```
 */
export interface VarianceOptions {
  /** Delta degrees of freedom; default 0. */
  ddof?: number;
}

/**
 * The dtype of `mean`: float dtypes keep theirs; integers and bool give float64.
 *
 * @example
 * ```ts
 * type R = ex.MeanResult<'int32'>; // 'float64'
 * ```
 */
export type MeanResult<D extends DType> = D extends FloatDType ? D : D extends DType ? 'float64' : never;

/**
 * The dtype of `div` (true division): a float result stays, anything else becomes float64.
 *
 * @example
 * ```ts
 * type R = ex.DivResult<'int8'>; // 'float64'
 * ```
 */
export type DivResult<D extends DType> = D extends FloatDType ? D : D extends DType ? 'float64' : never;

/**
 * Anything a binary op takes as its other operand: a tensor (a strong dtype) or a
 * JavaScript scalar (weak, NEP 50).
 *
 * @example
 * ```ts
 * const o: ex.Operand = 2;
 * ex.ones([2]).add(o);
 * ```
 */
export type Operand = ExTensor | Scalar;

/**
 * The result dtype of a binary op (`add`, `sub`, `mul`, `pow`, `maximum`, `minimum`,
 * `where`) between a tensor of dtype `D` and the operand `O`:
 *
 * - a tensor of dtype `X`: {@link Promote}`<D, X>`;
 * - a `number` with no fraction (an integer literal): `D`, but bool gives int64;
 * - a `number` with a fraction (a literal such as `0.5`): `D` for float dtypes, else float64;
 * - a `number` whose value the type does not show: both possibilities;
 * - a `bigint`: `D`, but bool gives int64;
 * - a `boolean`: `D`.
 *
 * An integer operand out of range for an integer dtype (`uint8` + 300) is an
 * `INVALID_ARGUMENT` error at run time, as in NumPy 2.
 *
 * @example
 * ```ts
 * type A = ex.BinaryResult<'uint8', 3>;    // 'uint8'
 * type B = ex.BinaryResult<'uint8', 0.5>;  // 'float64'
 * type C = ex.BinaryResult<'int8', ex.ExTensor<'uint8'>>; // 'int16'
 * ```
 */
export type BinaryResult<D extends DType, O> =
  O extends ExTensor<infer X> ? Promote<D, X> :
  O extends number ? WeakNumberResult<D, O> :
  O extends bigint ? (D extends 'bool' ? 'int64' : D) :
  O extends boolean ? D :
  never;

/** `D` with a weak JS number `N`. @internal */
type WeakNumberResult<D extends DType, N extends number> =
  D extends FloatDType ? D :
  number extends N ? (D extends 'bool' ? 'int64' : D) | 'float64' :
  `${N}` extends `${bigint}` ? (D extends 'bool' ? 'int64' : D) : 'float64';

/** Whether a weak scalar counts as a float: `true`, `false` or `boolean` (unknown). @internal */
type IsWeakFloat<S> = S extends number ? (number extends S ? boolean : `${S}` extends `${bigint}` ? false : true) : false;

/**
 * The dtype of `mod` and `floorDiv` given the promoted dtype `R`: as {@link BinaryResult},
 * but two bools give int8 (NumPy has no bool loop for them).
 *
 * @example
 * ```ts
 * type R = ex.FloorDivResult<'bool'>; // 'int8'
 * ```
 */
export type FloorDivResult<R extends DType> = R extends 'bool' ? 'int8' : R;

/**
 * The dtype a JS scalar takes alone, as NumPy gives a Python scalar (the function forms with
 * no tensor operand, `ex.exp(2)`): boolean → bool, bigint → int64, an integer number → int64,
 * any other number → float64.
 *
 * @example
 * ```ts
 * type A = ex.WeakDType<2>;    // 'int64'
 * type B = ex.WeakDType<0.5>;  // 'float64'
 * ```
 */
export type WeakDType<S> =
  S extends boolean ? 'bool' :
  S extends bigint ? 'int64' :
  S extends number ? (IsWeakFloat<S> extends true ? 'float64' : IsWeakFloat<S> extends false ? 'int64' : 'int64' | 'float64') :
  never;

/**
 * The result dtype of `t.clip(min, max)` on a tensor of dtype `D`: the three promote together
 * as a binary op does ({@link BinaryResult}); a `null` bound takes no part.
 *
 * @example
 * ```ts
 * type A = ex.ClipResult<'int32', 0, 2.5>;   // 'float64'
 * type B = ex.ClipResult<'int8', null, 1>;   // 'int8'
 * ```
 */
export type ClipResult<D extends DType, L, H> = ClipBound<ClipBound<D, L>, H>;

/** `D` with one clip bound. @internal */
type ClipBound<D extends DType, B> = B extends null | undefined ? D : BinaryResult<D, B>;

/**
 * The result dtype of {@link where}`(cond, a, b)`: `a` and `b` promote like a binary op;
 * two scalars give int64, or float64 if either has a fraction.
 *
 * @example
 * ```ts
 * type A = ex.WhereResult<ex.ExTensor<'int8'>, 1>;  // 'int8'
 * type B = ex.WhereResult<1, 2.5>;                  // 'float64'
 * ```
 */
export type WhereResult<A, B> =
  A extends ExTensor<infer X> ? BinaryResult<X, B> :
  B extends ExTensor<infer Y> ? BinaryResult<Y, A> :
  true extends IsWeakFloat<A> | IsWeakFloat<B>
    ? (false extends IsWeakFloat<A> & IsWeakFloat<B> ? 'int64' | 'float64' : 'float64')
    : 'int64';

/**
 * The result dtype of {@link concat} and {@link stack}: the dtypes promoted left to right
 * (promotion is not associative, so the order counts). For an array whose length the type
 * does not show, its element dtype (or any dtype for a mix).
 *
 * @example
 * ```ts
 * type R = ex.JoinResult<[ex.ExTensor<'int8'>, ex.ExTensor<'uint8'>]>; // 'int16'
 * ```
 */
export type JoinResult<L extends readonly ExTensor[]> =
  L extends readonly [] ? DType :
  L extends readonly [ExTensor<infer F>, ...infer R] ? FoldPromote<F, R> :
  L extends readonly ExTensor<infer X>[] ? (IsSingle<X> extends true ? X : DType) :
  DType;

/** Left fold of Promote over a tuple of tensors. @internal */
type FoldPromote<Acc extends DType, R> =
  R extends readonly [] ? Acc :
  R extends readonly [ExTensor<infer H>, ...infer T] ? FoldPromote<Promote<Acc, H>, T> :
  DType;

/** True when `X` is not a union. @internal */
type IsSingle<X, All = X> = X extends unknown ? ([All] extends [X] ? true : false) : never;

// ============================================================================ slicing

/**
 * One bound of a slice range in the array form: an integer, or `null`/`undefined` for the
 * default.
 *
 * @example
 * ```ts
 * const stop: ex.SliceBound = null;
 * ```
 */
export type SliceBound = number | null | undefined;

/**
 * A range `[start, stop, step]` in the array form of {@link ExTensor.slice}; each part
 * optional (`[]` is `:`, `[null, null, -1]` is `::-1`). More than three parts is
 * `INVALID_ARGUMENT`; a step of 0 too.
 *
 * @example
 * ```ts
 * const reverse: ex.SliceRange = [null, null, -1];
 * ```
 */
export type SliceRange = readonly [start?: SliceBound, stop?: SliceBound, step?: SliceBound];

/**
 * One item of the array form of {@link ExTensor.slice}:
 *
 * - a number: an index (removes the axis; negative counts from the end);
 * - a {@link SliceRange} `[start, stop, step]`;
 * - `null` (or `undefined`): a new axis of length 1;
 * - a string: one item of the string grammar (`'...'`, `':'`, `'1:3'`, `'None'`, `'2'`).
 *
 * @example
 * ```ts
 * const items: ex.SliceItem[] = [1, [0, null, 2], '...', null];
 * ```
 */
export type SliceItem = number | SliceRange | string | null | undefined;

/** What Rust's `str::trim` removes (Unicode White_Space). @internal */
type Whitespace =
  | ' ' | '\t' | '\n' | '\v' | '\f' | '\r' | '\u0085' | '\u00a0' | '\u1680'
  | '\u2000' | '\u2001' | '\u2002' | '\u2003' | '\u2004' | '\u2005' | '\u2006' | '\u2007' | '\u2008' | '\u2009' | '\u200a'
  | '\u2028' | '\u2029' | '\u202f' | '\u205f' | '\u3000';
type TrimStart<S extends string> = S extends `${Whitespace}${infer R}` ? TrimStart<R> : S;
type TrimEnd<S extends string> = S extends `${infer R}${Whitespace}` ? TrimEnd<R> : S;
type Trim<S extends string> = TrimEnd<TrimStart<S>>;
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type IsDigits<S extends string> = S extends `${Digit}${infer R}` ? (R extends '' ? true : IsDigits<R>) : false;
type IsInteger<S extends string> = S extends `${'+' | '-'}${infer R}` ? IsDigits<R> : IsDigits<S>;
type IsBound<S extends string> = Trim<S> extends '' ? true : IsInteger<Trim<S>>;
type IsItem<S extends string> =
  Trim<S> extends '...' | 'None' | 'null' | 'newaxis' ? true :
  Trim<S> extends `${infer A}:${infer B}:${infer C}`
    ? (C extends `${string}:${string}` ? false : [IsBound<A>, IsBound<B>, IsBound<C>] extends [true, true, true] ? true : false) :
  Trim<S> extends `${infer A}:${infer B}` ? ([IsBound<A>, IsBound<B>] extends [true, true] ? true : false) :
  Trim<S> extends '' ? false :
  IsInteger<Trim<S>>;
type IsItems<S extends string> = S extends `${infer H},${infer R}` ? (IsItem<H> extends true ? IsItems<R> : false) : IsItem<S>;
type IsSliceSpec<S extends string> = Trim<S> extends '' ? true : IsItems<S>;

/**
 * The parameter type of the string form of {@link ExTensor.slice}: NumPy basic indexing as
 * text, comma-separated items, each an integer index, `start:stop:step` (each part
 * optional), `...`, or `None` (also `null`, `newaxis`); spaces are ignored; `''` is the
 * empty index. A string literal that does not parse is a compile-time error (the type
 * becomes `` `invalid slice string: …` ``); a `string` whose value the type does not show is
 * accepted and checked at run time (`INVALID_ARGUMENT`).
 *
 * @example
 * ```ts
 * t.slice('1:3, ::-1, ..., None, 2');
 * // @ts-expect-error "1:3:2:1" is not assignable to "invalid slice string: 1:3:2:1"
 * t.slice('1:3:2:1');
 * ```
 */
export type SliceString<S extends string> =
  {} extends Record<S, 1> ? S :
  IsSliceSpec<S> extends true ? S :
  `invalid slice string: ${S}`;

