/// <reference lib="esnext.disposable" />
/**
 * Type declarations for **extensor**: memory-safe n-dimensional tensors for JavaScript, a
 * Rust core compiled to WebAssembly with zero-copy views and SIMD128 kernels.
 *
 * ```ts
 * import * as ex from 'extensor';
 * await ex.init();
 * using a = ex.arange(0, 12, 1, 'int32');   // ExTensor<'int32'>
 * using m = a.reshape([3, 4]);              // a view on the same storage
 * using col = m.slice(':, 1');              // a strided view: column 1
 * using copy = col.contiguous();            // a C-contiguous copy, so it has a window
 * const values: Int32Array = copy.data;     // [1, 5, 9]; every handle is freed at block end
 * ```
 *
 * {@link ExTensor} is generic in its dtype, so `t.data` is a `Float32Array` for a
 * `'float32'` tensor, a `BigInt64Array` for `'int64'`, and so on ({@link TypedArrayMap});
 * math results carry the dtype NumPy 2 (NEP 50) promotion gives ({@link Promote}).
 *
 * Written for TypeScript 5.7 or newer (typed arrays generic in their buffer, `using`);
 * checked with TypeScript 6.0 under `strict`. The declarations need only the ECMAScript
 * library (this file pulls in `esnext.disposable`); the DOM types `URL`, `Request`,
 * `Response` and `WebAssembly.Module` are accepted by {@link init} where the program has them.
 *
 * @packageDocumentation
 */

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
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array | BigUint64Array;

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
 * (`Uint8ClampedArray` is uint8; other typed arrays float32); `'bool'` when every element is
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
 * NumPy 2 promotion of two tensor dtypes (strong operands), as the Rust core implements it:
 * `PromotionTable[A][B]`. Symmetric; bfloat16 with float16 gives float32 (ml_dtypes). Read
 * it with {@link Promote}.
 *
 * @example
 * ```ts
 * type R = ex.PromotionTable['uint8']['int8']; // 'int16'
 * ```
 */
export interface PromotionTable {
  /** float32 with each dtype */
  float32: PromotionRow<'float32', 'float64', 'float32', 'float32', 'float64', 'float64', 'float32', 'float32', 'float64', 'float64', 'float32', 'float32', 'float32'>;
  /** float64 with each dtype */
  float64: PromotionRow<'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64'>;
  /** int8 with each dtype */
  int8: PromotionRow<'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'int16', 'int32', 'int64', 'float64', 'int8', 'float16', 'bfloat16'>;
  /** int16 with each dtype */
  int16: PromotionRow<'float32', 'float64', 'int16', 'int16', 'int32', 'int64', 'int16', 'int32', 'int64', 'float64', 'int16', 'float32', 'float32'>;
  /** int32 with each dtype */
  int32: PromotionRow<'float64', 'float64', 'int32', 'int32', 'int32', 'int64', 'int32', 'int32', 'int64', 'float64', 'int32', 'float64', 'float64'>;
  /** int64 with each dtype */
  int64: PromotionRow<'float64', 'float64', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64', 'float64', 'int64', 'float64', 'float64'>;
  /** uint8 with each dtype */
  uint8: PromotionRow<'float32', 'float64', 'int16', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'uint8', 'float16', 'bfloat16'>;
  /** uint16 with each dtype */
  uint16: PromotionRow<'float32', 'float64', 'int32', 'int32', 'int32', 'int64', 'uint16', 'uint16', 'uint32', 'uint64', 'uint16', 'float32', 'float32'>;
  /** uint32 with each dtype */
  uint32: PromotionRow<'float64', 'float64', 'int64', 'int64', 'int64', 'int64', 'uint32', 'uint32', 'uint32', 'uint64', 'uint32', 'float64', 'float64'>;
  /** uint64 with each dtype */
  uint64: PromotionRow<'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'uint64', 'uint64', 'uint64', 'uint64', 'uint64', 'float64', 'float64'>;
  /** bool with each dtype */
  bool: PromotionRow<'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'float16', 'bfloat16'>;
  /** float16 with each dtype */
  float16: PromotionRow<'float32', 'float64', 'float16', 'float32', 'float64', 'float64', 'float16', 'float32', 'float64', 'float64', 'float16', 'float16', 'float32'>;
  /** bfloat16 with each dtype */
  bfloat16: PromotionRow<'float32', 'float64', 'bfloat16', 'float32', 'float64', 'float64', 'bfloat16', 'float32', 'float64', 'float64', 'bfloat16', 'float32', 'bfloat16'>;
}

/**
 * One row of {@link PromotionTable}: the result dtype with each dtype, the columns in
 * {@link DTYPES} order (float32, float64, int8, int16, int32, int64, uint8, uint16, uint32,
 * uint64, bool, float16, bfloat16).
 *
 * @example
 * ```ts
 * type Row = ex.PromotionTable['int8']; // PromotionRow<'float32', 'float64', 'int8', …>
 * type R = Row['uint8'];                 // 'int16'
 * ```
 */
export interface PromotionRow<
  F32 extends DType, F64 extends DType, I8 extends DType, I16 extends DType, I32 extends DType,
  I64 extends DType, U8 extends DType, U16 extends DType, U32 extends DType, U64 extends DType,
  B extends DType, F16 extends DType, BF16 extends DType,
> {
  /** with float32 */
  float32: F32;
  /** with float64 */
  float64: F64;
  /** with int8 */
  int8: I8;
  /** with int16 */
  int16: I16;
  /** with int32 */
  int32: I32;
  /** with int64 */
  int64: I64;
  /** with uint8 */
  uint8: U8;
  /** with uint16 */
  uint16: U16;
  /** with uint32 */
  uint32: U32;
  /** with uint64 */
  uint64: U64;
  /** with bool */
  bool: B;
  /** with float16 */
  float16: F16;
  /** with bfloat16 */
  bfloat16: BF16;
}


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
 * The dtype of `sum` and `prod`: the input's, except bool sums to int32.
 *
 * @example
 * ```ts
 * type R = ex.SumResult<'bool'>; // 'int32'
 * ```
 */
export type SumResult<D extends DType> = D extends 'bool' ? 'int32' : D;

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

// ============================================================================ errors

/**
 * The stable error codes, in the order {@link ERROR_CODES} lists them.
 *
 * - `INVALID_SHAPE`: a shape or dimension that cannot exist (negative, fractional, too many
 *   elements, two `-1` in `reshape`, ragged nested arrays).
 * - `SHAPE_MISMATCH`: shapes that do not fit together (broadcasting, `reshape` to another
 *   size, `matmul` inner dimensions, `concat`/`stack`, data length for a shape).
 * - `INDEX_OUT_OF_BOUNDS`: an index past an axis, or more indices than axes.
 * - `INVALID_ARGUMENT`: a wrong type or value of an argument (including ExTensor not
 *   initialised).
 * - `DTYPE`: an unknown dtype, or an operation the dtype does not support.
 * - `READ_ONLY`: a write to a broadcast view.
 * - `FREED`: use of a handle after `free()`.
 * - `OUT_OF_MEMORY`: the tensor does not fit in wasm memory.
 *
 * @example
 * ```ts
 * function isShapeError(code: ex.ErrorCode) { return code === 'INVALID_SHAPE' || code === 'SHAPE_MISMATCH'; }
 * ```
 */
export type ErrorCode =
  | 'INVALID_SHAPE' | 'SHAPE_MISMATCH' | 'INDEX_OUT_OF_BOUNDS' | 'INVALID_ARGUMENT'
  | 'DTYPE' | 'READ_ONLY' | 'FREED' | 'OUT_OF_MEMORY';

/**
 * Every stable error code, frozen.
 *
 * @example
 * ```ts
 * ex.ERROR_CODES.includes(e.code); // true for every ExTensorError
 * ```
 */
export declare const ERROR_CODES: readonly [
  'INVALID_SHAPE', 'SHAPE_MISMATCH', 'INDEX_OUT_OF_BOUNDS', 'INVALID_ARGUMENT',
  'DTYPE', 'READ_ONLY', 'FREED', 'OUT_OF_MEMORY',
];

/**
 * Every error ExTensor throws: an `Error` with a stable {@link ErrorCode} and a message that
 * names the operation and the values that were wrong. No input from JavaScript makes the
 * wasm instance trap.
 *
 * @example
 * ```ts
 * try {
 *   ex.arange(6).reshape([4, 2]);
 * } catch (e) {
 *   if (e instanceof ex.ExTensorError && e.code === 'SHAPE_MISMATCH') {
 *     console.log(e.message); // reshape: cannot reshape [6] (6 elements) into [4, 2] (8 elements)
 *   }
 * }
 * ```
 */
export declare class ExTensorError extends Error {
  /**
   * Makes an error with `code` and `message` (ExTensor's own functions make these; the
   * constructor is public so that wrappers can throw the same kind of error).
   *
   * @example
   * ```ts
   * throw new ex.ExTensorError('INVALID_ARGUMENT', 'myOp: expected a vector');
   * ```
   */
  constructor(code: ErrorCode, message: string);
  /**
   * The stable code: branch on this, not on the message.
   *
   * @example
   * ```ts
   * if (e.code === 'FREED') console.log('used after free()');
   * ```
   */
  code: ErrorCode;
  /**
   * Always `'ExTensorError'`.
   *
   * @example
   * ```ts
   * console.log(e.name); // ExTensorError
   * ```
   */
  name: 'ExTensorError';
}

// ============================================================================ module constants

/**
 * The package version (the one in `package.json`).
 *
 * @example
 * ```ts
 * console.log(ex.VERSION); // '0.1.0'
 * ```
 */
export declare const VERSION: string;

/**
 * Every dtype name, frozen, in the contract's order.
 *
 * @example
 * ```ts
 * for (const d of ex.DTYPES) ex.zeros([1], d).free();
 * ```
 */
export declare const DTYPES: readonly [
  'float32', 'float64', 'int8', 'int16', 'int32', 'int64',
  'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'float16', 'bfloat16',
];

/**
 * The most axes a tensor may have (NumPy's limit). More is `INVALID_SHAPE`.
 *
 * @example
 * ```ts
 * ex.zeros(new Array(ex.MAX_NDIM).fill(1)); // ok; one more axis throws INVALID_SHAPE
 * ```
 */
export declare const MAX_NDIM: 64;

// ============================================================================ loading

/**
 * Which wasm build is running: `'relaxed'` (SIMD128 + relaxed SIMD), `'simd'` (SIMD128) or
 * `'baseline'` (no SIMD).
 *
 * @example
 * ```ts
 * const build: ex.Build = ex.backend().build;
 * ```
 */
export type Build = 'relaxed' | 'simd' | 'baseline';

/**
 * What {@link backend}, {@link init} and {@link initSync} report about the running build.
 *
 * @example
 * ```ts
 * const info: ex.BackendInfo = await ex.init();
 * console.log(info.build, info.wasmMemoryBytes);
 * ```
 */
export interface BackendInfo {
  /**
   * The build uses SIMD128.
   *
   * @example
   * ```ts
   * if (!ex.backend().simd) console.warn('no SIMD128: slower kernels');
   * ```
   */
  simd: boolean;
  /**
   * The build uses relaxed SIMD (`f32x4.relaxed_madd` in matmul).
   *
   * @example
   * ```ts
   * console.log(ex.backend().relaxed);
   * ```
   */
  relaxed: boolean;
  /**
   * The build's name.
   *
   * @example
   * ```ts
   * console.log(ex.backend().build); // 'simd'
   * ```
   */
  build: Build;
  /**
   * The package version ({@link VERSION}).
   *
   * @example
   * ```ts
   * console.log(ex.backend().version);
   * ```
   */
  version: string;
  /**
   * The size of the wasm memory now, in bytes (it only grows).
   *
   * @example
   * ```ts
   * console.log(ex.backend().wasmMemoryBytes);
   * ```
   */
  wasmMemoryBytes: number;
  /**
   * `true` where {@link scope} follows the async context (Node, through
   * `AsyncLocalStorage`): a scope stays current across its function's `await`s, and
   * concurrent tasks that each open their own scope never free each other's handles (the
   * scope is also current in the caller until the caller's next `await`; README: "Scopes
   * across await"). `false` where there is one realm-wide scope stack (browsers): a scope
   * then also collects handles other tasks create while it is the innermost one.
   *
   * @example
   * ```ts
   * if (!ex.backend().asyncScopes) console.warn('scopes are realm-wide here');
   * ```
   */
  asyncScopes: boolean;
}

/**
 * What this JavaScript engine can run, from `WebAssembly.validate` probes.
 *
 * @example
 * ```ts
 * const { simd, relaxed } = ex.engineSupport();
 * ```
 */
export interface EngineSupport {
  /**
   * The engine validates SIMD128.
   *
   * @example
   * ```ts
   * console.log(ex.engineSupport().simd);
   * ```
   */
  simd: boolean;
  /**
   * The engine validates relaxed SIMD (Chromium does; Node 20 only with
   * `--experimental-wasm-relaxed-simd`).
   *
   * @example
   * ```ts
   * console.log(ex.engineSupport().relaxed);
   * ```
   */
  relaxed: boolean;
}

/**
 * `WebAssembly.Module` where the program's libraries declare it (DOM, WebWorker,
 * `@types/node`); otherwise no value has this type.
 *
 * @example
 * ```ts
 * const module: ex.WasmModule = await WebAssembly.compile(bytes);
 * ex.initSync(module);
 * ```
 */
export type WasmModule = WasmModuleIn<typeof globalThis>;

/** `WebAssembly.Module` of a global scope type, if it declares one. @internal */
type WasmModuleIn<G> = G extends { WebAssembly: { Module: abstract new (...args: never) => infer M } } ? M : never;

/** An instance type of a global constructor `K`, where the program's libraries declare it. @internal */
type GlobalInstance<K extends string> =
  typeof globalThis extends { [P in K]: abstract new (...args: never) => infer T } ? T : never;

/**
 * The bytes of a `.wasm` build, or the compiled module: what {@link initSync} takes.
 *
 * @example
 * ```ts
 * const source: ex.SyncInitInput = readFileSync('node_modules/extensor/pkg/extensor_baseline_bg.wasm');
 * ```
 */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * What {@link init}'s `module` option takes: a {@link SyncInitInput}, a URL (string or
 * `URL`) or `Request` to fetch, or a fetched `Response`.
 *
 * @example
 * ```ts
 * const input: ex.InitInput = new URL('./extensor_simd_bg.wasm', import.meta.url);
 * ```
 */
export type InitInput = SyncInitInput | string | GlobalInstance<'URL'> | GlobalInstance<'Request'> | GlobalInstance<'Response'>;

/**
 * Which build {@link init} and {@link initSync} load. By default the fastest the engine
 * validates: relaxed, else simd, else baseline.
 *
 * @example
 * ```ts
 * await ex.init({ simd: false }); // force the baseline build
 * ```
 */
export interface InitSyncOptions {
  /**
   * `false` forces the baseline build; `true` requires SIMD128 (`INVALID_ARGUMENT` where the
   * engine lacks it).
   *
   * @example
   * ```ts
   * ex.initSync(undefined, { simd: false });
   * ```
   */
  simd?: boolean | undefined;
  /**
   * `false` stops at the SIMD128 build; `true` requires relaxed SIMD (`INVALID_ARGUMENT`
   * where the engine lacks it).
   *
   * @example
   * ```ts
   * await ex.init({ relaxed: false });
   * ```
   */
  relaxed?: boolean | undefined;
}

/**
 * Options of {@link init}: the build choice, and optionally where the `.wasm` comes from.
 *
 * @example
 * ```ts
 * await ex.init({ module: fetch('/assets/extensor_simd_bg.wasm'), relaxed: false });
 * ```
 */
export interface InitOptions extends InitSyncOptions {
  /**
   * The `.wasm` to load instead of the one next to the package's glue (bytes, a compiled
   * module, a URL, a `Request`, a `Response`, or a promise of one). It must be the build the
   * other options select; {@link BackendInfo.build} reports what was loaded.
   *
   * @example
   * ```ts
   * await ex.init({ module: new URL('/wasm/extensor_baseline_bg.wasm', location.href), simd: false });
   * ```
   */
  module?: InitInput | Promise<InitInput> | undefined;
}

/**
 * Loads the fastest build the engine validates (relaxed SIMD, else SIMD128, else baseline)
 * and resolves to what was loaded. Idempotent: later calls resolve to the same build.
 * Every other function needs it (or {@link initSync}) first.
 *
 * @param options - `{ simd: false }` forces the baseline build, `{ relaxed: false }` stops
 *   at SIMD128; `module` supplies the `.wasm` yourself.
 * @returns the running build's {@link BackendInfo}.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `options` is not an object, a build
 *   is required that the engine cannot run, another build was already loaded, or the
 *   `.wasm` cannot be fetched or compiled.
 *
 * @example
 * ```ts
 * import * as ex from 'extensor';
 * const { build } = await ex.init();
 * console.log(build); // 'relaxed', 'simd' or 'baseline'
 * ```
 */
export declare function init(options?: InitOptions): Promise<BackendInfo>;

/**
 * Synchronous {@link init} for Node and workers. In Node `source` may be omitted (the
 * package's `.wasm` is read from disk); in browsers pass the bytes or a compiled
 * `WebAssembly.Module` of the chosen build. Idempotent.
 *
 * @param source - the `.wasm` bytes or compiled module.
 * @param options - the build choice, as for {@link init}.
 * @returns the running build's {@link BackendInfo}.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `source` is omitted where files
 *   cannot be read synchronously, the bytes are not a valid module, or as for {@link init}.
 *
 * @example
 * ```ts
 * import * as ex from 'extensor';
 * ex.initSync();                         // Node
 * ex.initSync(wasmBytes, { simd: false }); // a worker with the baseline build's bytes
 * ```
 */
export declare function initSync(source?: SyncInitInput, options?: InitSyncOptions): BackendInfo;

/**
 * Which build is running, and the size of wasm memory now.
 *
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` before {@link init}.
 *
 * @example
 * ```ts
 * const { simd, relaxed, build, version, wasmMemoryBytes } = ex.backend();
 * ```
 */
export declare function backend(): BackendInfo;

/**
 * What this engine can run (`WebAssembly.validate` of a SIMD128 and a relaxed-SIMD probe).
 * Works before {@link init}.
 *
 * @example
 * ```ts
 * if (!ex.engineSupport().simd) console.warn('this engine runs the baseline build');
 * ```
 */
export declare function engineSupport(): EngineSupport;

// ============================================================================ creation

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
export declare function tensor<T extends TensorData, D extends DType | undefined = undefined>(
  data: T, options?: TensorOptions<D>): ExTensor<DTypeOr<D, InferDType<T>>>;

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
export declare function fromNpy(bytes: ArrayBuffer | ArrayBufferView): ExTensor;

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
export declare function zeros<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function ones<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function full<V extends Scalar, D extends DType | undefined = undefined>(
  shape: ShapeLike, value: V, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, V extends boolean ? 'bool' : V extends bigint ? 'int64' : 'float32'>>;

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
export declare function empty<D extends DType | undefined = undefined>(shape: ShapeLike, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function arange<D extends DType | undefined = undefined>(stop: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
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
export declare function arange<D extends DType | undefined = undefined>(start: number, stop: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
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
export declare function arange<D extends DType | undefined = undefined>(start: number, stop: number, step: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function linspace<D extends DType | undefined = undefined>(start: number, stop: number, num: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function eye<D extends DType | undefined = undefined>(n: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
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
export declare function eye<D extends DType | undefined = undefined>(n: number, m: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
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
export declare function eye<D extends DType | undefined = undefined>(n: number, m: number, k: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function rand<D extends FloatDType | undefined = undefined>(shape: ShapeLike, options?: RandomOptions<D>): ExTensor<DTypeOr<D, 'float32'>>;

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
export declare function randn<D extends FloatDType | undefined = undefined>(shape: ShapeLike, options?: RandomOptions<D>): ExTensor<DTypeOr<D, 'float32'>>;

// ============================================================================ n-ary math

/**
 * NumPy `matmul` of two tensors: 1-D operands are promoted to a row / column and the axis
 * removed again; batch dimensions broadcast. The same as `a.matmul(b)`.
 *
 * @param a - left operand (at least 1-D).
 * @param b - right operand (at least 1-D).
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for 0-d operands or non-tensors;
 *   `SHAPE_MISMATCH` when inner dimensions differ or batches do not broadcast; `FREED`.
 *
 * @example
 * ```ts
 * const c = ex.matmul(ex.ones([2, 3]), ex.ones([3, 4])); // shape [2, 4], ExTensor<'float32'>
 * ```
 */
export declare function matmul<A extends DType, B extends DType>(a: ExTensor<A>, b: ExTensor<B>): ExTensor<Promote<A, B>>;

/**
 * Joins tensors along an existing axis; dtypes promote left to right ({@link JoinResult}).
 *
 * @param list - at least one tensor; equal shapes except along `axis`.
 * @param axis - default 0; negative counts from the end.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an empty list, a non-tensor item, or
 *   an axis out of range; `SHAPE_MISMATCH`; `FREED`.
 *
 * @example
 * ```ts
 * const c = ex.concat([ex.zeros([2, 2], 'int8'), ex.ones([1, 2], 'uint8')]); // [3, 2], ExTensor<'int16'>
 * ```
 */
export declare function concat<const L extends readonly ExTensor[]>(list: L, axis?: number): ExTensor<JoinResult<L>>;

/**
 * Joins same-shaped tensors along a new axis; dtypes promote left to right
 * ({@link JoinResult}).
 *
 * @param list - at least one tensor, all of one shape.
 * @param axis - where the new axis goes; default 0.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an empty list, a non-tensor item, or
 *   an axis out of range; `SHAPE_MISMATCH`; `FREED`.
 *
 * @example
 * ```ts
 * ex.stack([ex.zeros([3]), ex.ones([3])], 1).shape; // [3, 2]
 * ```
 */
export declare function stack<const L extends readonly ExTensor[]>(list: L, axis?: number): ExTensor<JoinResult<L>>;

/**
 * Elements of `a` where `cond` is truthy, else of `b`; the three broadcast together. `a`
 * and `b` promote like a binary op ({@link WhereResult}).
 *
 * @param cond - a tensor of any dtype (non-zero is true).
 * @param a - a tensor or a weak scalar.
 * @param b - a tensor or a weak scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH` when the shapes do not broadcast;
 *   `INVALID_ARGUMENT` for other argument types; `FREED`.
 *
 * @example
 * ```ts
 * const x = ex.arange(-2, 3);
 * ex.where(x.greater(0), x, 0).toArray(); // [0, 0, 0, 1, 2]
 * ```
 */
export declare function where<A extends Operand, B extends Operand>(cond: ExTensor, a: A, b: B): ExTensor<WhereResult<A, B>>;

// ============================================================================ memory

/**
 * Frees every handle created while `fn` runs, except those it returns (found in arrays and
 * plain objects at any depth); those move to the enclosing `tidy` or scope, if any. Frees on
 * throw too. `fn` must be synchronous: use {@link scope} across `await`.
 *
 * @param fn - a synchronous function.
 * @returns what `fn` returns. For a function that returns a Promise the type is `never`:
 *   tidy throws instead.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `fn` is not a function or returns a
 *   Promise (the handles it created before returning are freed first); whatever `fn`
 *   throws.
 *
 * @example
 * ```ts
 * const y = ex.tidy(() => {
 *   const x = ex.arange(6).reshape([2, 3]); // the arange handle and x are freed…
 *   return x.sum(1);                        // …y is not
 * });
 * ```
 */
export declare function tidy<T>(fn: () => T): T extends Promise<unknown> ? never : T;

/**
 * A scope that may span `await`, opened by {@link scope}: every handle created while it is
 * the current scope is freed when it ends, except those passed to {@link Scope.keep}. End
 * it with `using`, `dispose()` or `[Symbol.dispose]()`.
 *
 * @example
 * ```ts
 * async function normalize(values: number[]) {
 *   using scope = ex.scope();
 *   const t = ex.tensor(values);
 *   await somethingAsync();
 *   return scope.keep(t.sub(t.mean()));
 * }
 * ```
 */
export interface Scope extends Disposable {
  /**
   * Takes t out of every scope (like tf.keep): the caller now owns it and must free it. Returns t.
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a non-tensor; `FREED` for a freed one.
   *
   * @example
   * ```ts
   * using scope = ex.scope();
   * const kept = scope.keep(ex.zeros([3]));
   * ```
   */
  keep<T extends ExTensor>(t: T): T;
  /**
   * Frees every handle created in this scope (in this async context) that was not kept. Idempotent. Same as [Symbol.dispose]().
   *
   * @example
   * ```ts
   * const scope = ex.scope();
   * try { ex.ones([2]); } finally { scope.dispose(); }
   * ```
   */
  dispose(): void;
  /**
   * Same as {@link Scope.dispose}: what `using` calls at the end of the block.
   *
   * @example
   * ```ts
   * { using scope = ex.scope(); ex.ones([2]); } // freed here
   * ```
   */
  [Symbol.dispose](): void;
  /**
   * false once disposed
   *
   * @example
   * ```ts
   * const scope = ex.scope();
   * scope.dispose();
   * scope.open; // false
   * ```
   */
  readonly open: boolean;
  /**
   * how many live handles this scope would free now
   *
   * @example
   * ```ts
   * using scope = ex.scope();
   * ex.ones([2]);
   * scope.size; // 1
   * ```
   */
  readonly size: number;
}

/**
 * Opens a {@link Scope} and makes it current: handles created from now on (in this async
 * context, in Node; realm-wide elsewhere, see {@link BackendInfo.asyncScopes}) belong to it
 * until it ends. Scopes nest; a `tidy` inside a scope hands its returned handles to the
 * scope.
 *
 * @example
 * ```ts
 * async function embed(text: string) {
 *   using scope = ex.scope();
 *   const tokens = ex.tensor(await tokenize(text), { dtype: 'int32' });
 *   const hidden = model(tokens);
 *   return scope.keep(hidden.mean(0)); // every other handle is freed at the end of the block
 * }
 * ```
 */
export declare function scope(): Scope;

/**
 * Live handle and storage counters, read from the Rust core.
 *
 * @example
 * ```ts
 * const { liveHandles, storageBytes } = ex.memory();
 * ```
 */
export interface MemoryInfo {
  /**
   * ExTensor handles not yet freed.
   *
   * @example
   * ```ts
   * console.log(ex.memory().liveHandles);
   * ```
   */
  liveHandles: number;
  /**
   * Storage buffers with at least one live handle.
   *
   * @example
   * ```ts
   * console.log(ex.memory().liveStorages);
   * ```
   */
  liveStorages: number;
  /**
   * Bytes held by live storages.
   *
   * @example
   * ```ts
   * console.log(ex.memory().storageBytes);
   * ```
   */
  storageBytes: number;
  /**
   * The most `storageBytes` has been.
   *
   * @example
   * ```ts
   * console.log(ex.memory().peakStorageBytes);
   * ```
   */
  peakStorageBytes: number;
  /**
   * The size of the wasm memory, in bytes.
   *
   * @example
   * ```ts
   * console.log(ex.memory().wasmMemoryBytes);
   * ```
   */
  wasmMemoryBytes: number;
  /**
   * Handles released by the garbage-collection backstop (FinalizationRegistry) because
   * they became unreachable without `free()`.
   *
   * @example
   * ```ts
   * if (ex.memory().reclaimedByFinalizer > 0) console.warn('some tensors were never freed');
   * ```
   */
  reclaimedByFinalizer: number;
  /**
   * Bytes of freed storages kept from reuse because a typed-array window ({@link
   * ExTensor.data}) onto them may still be alive; they return to the allocator when the
   * window is garbage collected or detached by the next wasm memory growth.
   *
   * @example
   * ```ts
   * console.log(ex.memory().quarantinedBytes);
   * ```
   */
  quarantinedBytes: number;
}

/**
 * The memory counters now.
 *
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` before {@link init}.
 *
 * @example
 * ```ts
 * const before = ex.memory().liveHandles;
 * run();
 * console.assert(ex.memory().liveHandles === before, 'run() leaked handles');
 * ```
 */
export declare function memory(): MemoryInfo;

/**
 * A live handle created while leak tracking was on, from {@link Debug.leaks}.
 *
 * @example
 * ```ts
 * for (const { shape, dtype, stack } of ex.debug.leaks()) console.log(shape, dtype, stack);
 * ```
 */
export interface LeakInfo {
  /**
   * The handle's creation number.
   *
   * @example
   * ```ts
   * ex.debug.leaks()[0]?.id;
   * ```
   */
  id: number;
  /**
   * The shape when created.
   *
   * @example
   * ```ts
   * ex.debug.leaks()[0]?.shape;
   * ```
   */
  shape: number[];
  /**
   * The dtype.
   *
   * @example
   * ```ts
   * ex.debug.leaks()[0]?.dtype;
   * ```
   */
  dtype: DType;
  /**
   * The JavaScript stack where the handle was created.
   *
   * @example
   * ```ts
   * console.log(ex.debug.leaks()[0]?.stack);
   * ```
   */
  stack: string;
}

/**
 * The type of {@link debug}.
 *
 * @example
 * ```ts
 * const d: ex.Debug = ex.debug;
 * ```
 */
export interface Debug {
  /**
   * Starts (default) or stops recording the creation stack of every new handle; stopping
   * forgets what was recorded.
   *
   * @param on - default `true`.
   *
   * @example
   * ```ts
   * ex.debug.trackLeaks(true);
   * ```
   */
  trackLeaks(on?: boolean): void;
  /**
   * The live handles created while tracking, with shape, dtype and creation stack.
   *
   * @example
   * ```ts
   * ex.debug.trackLeaks();
   * runSuspectCode();
   * console.table(ex.debug.leaks());
   * ```
   */
  leaks(): LeakInfo[];
}

/**
 * Leak tracking (frozen object).
 *
 * @example
 * ```ts
 * ex.debug.trackLeaks(true);
 * const t = ex.zeros([2]);
 * console.log(ex.debug.leaks()); // [{ id, shape: [2], dtype: 'float32', stack }]
 * t.free();
 * ```
 */
export declare const debug: Readonly<Debug>;

// ============================================================================ ExTensor

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
export declare class ExTensor<D extends DType = DType> implements Disposable {
  #private;
  private constructor();

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
  get shape(): number[];
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
  get strides(): number[];
  /**
   * Where this view starts in its storage, in elements.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(6).slice('2:').offset; // 2
   * ```
   */
  get offset(): number;
  /**
   * The element type.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2], 'int8').dtype; // 'int8'
   * ```
   */
  get dtype(): D;
  /**
   * The number of axes.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).ndim; // 2
   * ```
   */
  get ndim(): number;
  /**
   * The number of elements.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3]).size; // 6
   * ```
   */
  get size(): number;
  /**
   * The bytes of the elements (`size × itemsize`).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([2, 3], 'float64').nbytes; // 48
   * ```
   */
  get nbytes(): number;
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
  get isContiguous(): boolean;
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
  get isView(): boolean;
  /**
   * `false` for broadcast views (and views of them): writing to them throws `READ_ONLY`.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.zeros([3]).broadcastTo([2, 3]).isWritable; // false
   * ```
   */
  get isWritable(): boolean;
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
  get refCount(): number;
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
  get isFreed(): boolean;

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
  sharesMemory(other: ExTensor): boolean;

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
  share(): ExTensor<D>;
  /**
   * A deep copy in new storage (C-contiguous, writable).
   *
   * @throws {@link ExTensorError} `FREED`, `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * const copy = ex.zeros([3]).broadcastTo([2, 3]).clone(); // writable
   * ```
   */
  clone(): ExTensor<D>;
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
  free(): void;
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
  [Symbol.dispose](): void;

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
  reshape(shape: readonly number[] | NumericTypedArray): ExTensor<D>;

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
  transpose(axes?: readonly number[] | null): ExTensor<D>;
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
  squeeze(axis?: Axes | null): ExTensor<D>;
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
  unsqueeze(axis: number): ExTensor<D>;
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
  broadcastTo(shape: ShapeLike): ExTensor<D>;
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
  flatten(): ExTensor<D>;
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
  contiguous(): ExTensor<D>;
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
  astype<D2 extends DType>(dtype: D2): ExTensor<D2>;

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
  add<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;
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
  sub<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;
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
  mul<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;
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
  div<O extends Operand>(other: O): ExTensor<DivResult<BinaryResult<D, O>>>;
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
  pow<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;
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
  maximum<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;
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
  minimum<O extends Operand>(other: O): ExTensor<BinaryResult<D, O>>;

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
  equal(other: Operand): ExTensor<'bool'>;
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
  notEqual(other: Operand): ExTensor<'bool'>;
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
  less(other: Operand): ExTensor<'bool'>;
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
  lessEqual(other: Operand): ExTensor<'bool'>;
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
  greater(other: Operand): ExTensor<'bool'>;
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
  greaterEqual(other: Operand): ExTensor<'bool'>;

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
  neg(): ExTensor<D>;
  /**
   * Elementwise absolute value.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([-1, 2]).abs().toArray(); // [1, 2]
   * ```
   */
  abs(): ExTensor<D>;
  /**
   * Elementwise `e ** x`, in the float dtype {@link FloatResult}.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').exp(); // ExTensor<'float64'>
   * ```
   */
  exp(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise natural logarithm ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1, Math.E]).log().toArray(); // [0, 1]
   * ```
   */
  log(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise square root ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([4, 9]).sqrt().toArray(); // [2, 3]
   * ```
   */
  sqrt(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise sine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.linspace(0, Math.PI, 3).sin();
   * ```
   */
  sin(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise cosine ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.linspace(0, Math.PI, 3).cos();
   * ```
   */
  cos(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise hyperbolic tangent ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.randn([4]).tanh();
   * ```
   */
  tanh(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise logistic function `1 / (1 + e ** -x)` ({@link FloatResult}).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0]).sigmoid().item(); // 0.5
   * ```
   */
  sigmoid(): ExTensor<FloatResult<D>>;
  /**
   * Elementwise `max(x, 0)` (NaN stays NaN).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([-1, 2]).relu().toArray(); // [0, 2]
   * ```
   */
  relu(): ExTensor<D>;
  /**
   * Elementwise `x * x` (integers wrap).
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.arange(3, 'int32').square().toArray(); // [0, 1, 4]
   * ```
   */
  square(): ExTensor<D>;
  /**
   * Elementwise floor; integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1.5, -1.5]).floor().toArray(); // [1, -2]
   * ```
   */
  floor(): ExTensor<D>;
  /**
   * Elementwise ceiling; integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([1.5, -1.5]).ceil().toArray(); // [2, -1]
   * ```
   */
  ceil(): ExTensor<D>;
  /**
   * Elementwise rounding half to even (as NumPy); integers and bool are copied unchanged.
   *
   * @throws {@link ExTensorError} `FREED`.
   * @example
   * ```ts
   * ex.tensor([0.5, 1.5, 2.5]).round().toArray(); // [0, 2, 2]
   * ```
   */
  round(): ExTensor<D>;

  // ------------------------------------------------------------------ reductions

  /**
   * The sum over `axis` (all axes when omitted); keeps the dtype (integers wrap), bool sums
   * to int32 ({@link SumResult}). An empty sum is 0.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an axis out of range or repeated;
   *   `FREED`.
   * @example
   * ```ts
   * const t = ex.arange(6).reshape([2, 3]);
   * t.sum().item();          // 15
   * t.sum(1, true).shape;    // [2, 1]
   * ```
   */
  sum(axis?: Axes | null, keepDims?: boolean): ExTensor<SumResult<D>>;
  /**
   * The product over `axis` ({@link SumResult}); an empty product is 1.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.arange(1, 5).prod().item(); // 24
   * ```
   */
  prod(axis?: Axes | null, keepDims?: boolean): ExTensor<SumResult<D>>;
  /**
   * The mean over `axis`: float dtypes keep theirs, integers and bool give float64
   * ({@link MeanResult}). An empty mean is NaN.
   *
   * @param axis - an axis or axes; negative counts from the end.
   * @param keepDims - keep reduced axes with length 1; default `false`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a bad axis; `FREED`.
   * @example
   * ```ts
   * ex.arange(4, 'int32').mean(); // ExTensor<'float64'>: 1.5
   * ```
   */
  mean(axis?: Axes | null, keepDims?: boolean): ExTensor<MeanResult<D>>;
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
  max(axis?: Axes | null, keepDims?: boolean): ExTensor<D>;
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
  min(axis?: Axes | null, keepDims?: boolean): ExTensor<D>;
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
  argMax(axis?: number | readonly [number] | null): ExTensor<'int32'>;
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
  argMin(axis?: number | readonly [number] | null): ExTensor<'int32'>;

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
  matmul<O extends DType>(other: ExTensor<O>): ExTensor<Promote<D, O>>;
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
  softmax(axis?: number | null): ExTensor<FloatResult<D>>;

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
  get(...index: number[]): ElementOf<D>;
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
  set(value: Scalar, ...index: number[]): void;
  /**
   * The only element of a one-element tensor (any shape).
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `size` is not 1; `FREED`.
   * @example
   * ```ts
   * ex.arange(4).sum().item(); // 6
   * ```
   */
  item(): ElementOf<D>;
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
  fill(value: Scalar): this;
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
  assign(other: ExTensor): this;
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
  toArray(): Nested<ElementOf<D>>;
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
  toNpy(): Uint8Array<ArrayBuffer>;
  /**
   * A copy of the elements in C order, in the dtype's typed array ({@link TypedArrayMap});
   * works for any layout, and stays valid when wasm memory grows.
   *
   * @throws {@link ExTensorError} `FREED`; `OUT_OF_MEMORY`.
   * @example
   * ```ts
   * const copy: Float32Array = ex.arange(6).reshape([2, 3]).transpose().toTypedArray();
   * ```
   */
  toTypedArray(): TypedArrayOf<D>;
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
  get data(): TypedArrayOf<D>;
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
  toString(): string;
}

// Only the declarations marked `export` above are the package's API; the helper types
// (Trim, IsItem, DeepElement, …) stay private to this file.
export {};
