// Gather and shape functions of the `ex` namespace (`oneHot`, `nonzero`, `split`) and the
// argument types of the ExTensor gather and shape methods (`take`, `takeAlongAxis`, `tile`,
// `repeat`, `pad`, in tensor.ts). Index arguments are read by indices.ts.
import { ExTensorError } from './errors.js';
import { argumentId, checkDtype, created, isExTensor } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { call, ensureReady, glue } from './runtime.js';
import { describe, isArrayArg, readNumbers, MAX_LIST_ITEMS, typedArrayFacts } from './boundary.js';
import { readIndices, withIndexTensor } from './indices.js';
import type { DType, DTypeOr, Scalar } from './types.js';

/**
 * JS integers used as indices: one number or bigint, or (nested) arrays of them. Negative
 * indices count from the end, as NumPy's.
 *
 * @example
 * ```ts
 * const rows: ex.IndexArray = [[0, 2], [-1, 1]];
 * ex.arange(5).take(rows).shape; // [2, 2]
 * ```
 */
export type IndexArray = number | bigint | readonly IndexArray[];

/**
 * An index argument: an ExTensor of any integer dtype, or JS integers ({@link IndexArray};
 * an integer typed array works too). JS integers are read once, before the operation.
 *
 * @example
 * ```ts
 * const a: ex.Indices = ex.tensor([0, 2], { dtype: 'int32' });
 * const b: ex.Indices = [0, 2];
 * ```
 */
export type Indices = ExTensor | IndexArray | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | BigInt64Array;

/**
 * NumPy's `pad_width`: one number for every side of every axis, `[before, after]` for
 * every axis, or one `[before, after]` per axis.
 *
 * @example
 * ```ts
 * const everywhere: ex.PadWidth = 1;
 * const perAxis: ex.PadWidth = [[0, 0], [2, 1]];
 * ```
 */
export type PadWidth = number | readonly number[] | readonly (readonly number[])[];

/**
 * Options of {@link ExTensor.pad}.
 *
 * @example
 * ```ts
 * const options: ex.PadOptions = { mode: 'constant', value: -1 };
 * ex.arange(3).pad(1, options).toArray(); // [-1, 0, 1, 2, -1]
 * ```
 */
export interface PadOptions {
  /**
   * `'constant'` (the default) fills with `value`; `'edge'` repeats the edge element;
   * `'reflect'` mirrors about the edge element without repeating it (NumPy's default
   * `reflect`), periodically when the pad is wider than the axis.
   *
   * @example
   * ```ts
   * ex.arange(3).pad(2, { mode: 'reflect' }).toArray(); // [2, 1, 0, 1, 2, 1, 0]
   * ```
   */
  mode?: 'constant' | 'edge' | 'reflect';
  /**
   * The constant of mode `'constant'` (default 0), cast to the tensor's dtype as `astype`
   * casts (integers wrap, floats truncate). Other modes take none.
   *
   * @example
   * ```ts
   * ex.arange(2, 'uint8').pad(1, { value: 255 }).toArray(); // [255, 0, 1, 255]
   * ```
   */
  value?: Scalar;
}

/**
 * A one-hot encoding: NumPy's `eye(depth, dtype)[indices]`, a new tensor of shape
 * `[...indices.shape, depth]` with a one at each index along the last axis (negative
 * indices count from the end) and zeros elsewhere.
 *
 * @param indices - an integer ExTensor or JS integers ({@link Indices}).
 * @param depth - the number of classes (a non-negative integer).
 * @param dtype - the result's dtype; default `'float32'`.
 * @throws {@link ExTensorError} `INDEX_OUT_OF_BOUNDS` for an index outside `-depth … depth-1`;
 *   `DTYPE` for a float or bool index tensor or an unknown dtype; `INVALID_ARGUMENT` for a
 *   negative or fractional depth or other argument types; `FREED`.
 *
 * @example
 * ```ts
 * ex.oneHot([0, 2, -1], 3).toArray();       // [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
 * ex.oneHot(ex.tensor([1], { dtype: 'int64' }), 2, 'bool').toArray(); // [[false, true]]
 * ```
 */
export function oneHot<D extends DType | undefined = undefined>(indices: Indices, depth: number, ...dtype: [] | [dtype: D]): ExTensor<DTypeOr<D, 'float32'>>;
export function oneHot(indices: unknown, depth: unknown, dtype: unknown = 'float32'): ExTensor {
  ensureReady('oneHot');
  const data = readIndices('oneHot', 'indices', indices);
  if (typeof depth !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `oneHot: depth must be a number, got ${describe(depth)}`);
  const d = checkDtype('oneHot', dtype);
  return withIndexTensor('oneHot', data, (idx) => created(() => glue.oneHot(idx, depth, d)));
}

/** Wraps a list of new handle ids (a binding's list result) as ExTensors. */
function createdList(fn: () => Float64Array): ExTensor[] {
  const ids = call(fn);
  const out: ExTensor[] = [];
  for (const id of ids) out.push(created(() => id));
  return out;
}

/**
 * The indices of the non-zero elements (NumPy's `nonzero`; NaN is non-zero): one int32
 * tensor per axis, each as long as there are non-zero elements, in C order.
 *
 * @param t - a tensor of at least one dimension.
 * @returns one int32 index tensor per axis.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a 0-d tensor (as NumPy 2) or a
 *   non-tensor; `FREED`.
 *
 * @example
 * ```ts
 * const [rows, cols] = ex.nonzero(ex.tensor([[0, 5], [7, 0]]));
 * rows?.toArray(); // [0, 1]
 * cols?.toArray(); // [1, 0]
 * ```
 */
export function nonzero(t: ExTensor): ExTensor<'int32'>[];
export function nonzero(t: unknown): ExTensor[] {
  ensureReady('nonzero');
  const id = argumentId('nonzero', t);
  return createdList(() => glue.nonzero(id));
}

/**
 * Splits a tensor along `axis` into views (NumPy's `split`): into `sections` pieces as equal
 * as possible (`array_split`: when they do not divide the axis, the first ones are one
 * element longer), or at the positions `indices` (Python slice rules: negative from the end,
 * an empty piece where a position does not pass the previous one). Every piece shares
 * the tensor's memory.
 *
 * @param t - the tensor.
 * @param sectionsOrIndices - a number of sections (positive), or a list of positions.
 * @param axis - default 0; negative counts from the end.
 * @returns the pieces, views of `t`.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for zero or negative sections, an axis
 *   out of range (a 0-d tensor has none), or other argument types; `FREED`.
 *
 * @example
 * ```ts
 * const [a, b] = ex.split(ex.arange(5), 2);  // [0, 1, 2] and [3, 4]
 * const parts = ex.split(ex.zeros([2, 6]), [2, 3], 1).map((p) => p.shape); // [[2, 2], [2, 1], [2, 3]]
 * ```
 */
export function split<D extends DType>(t: ExTensor<D>, sectionsOrIndices: number | readonly number[], axis?: number): ExTensor<D>[];
export function split(t: unknown, sectionsOrIndices: unknown, axis: unknown = 0): ExTensor[] {
  ensureReady('split');
  if (!isExTensor(t)) throw new ExTensorError('INVALID_ARGUMENT', `split: expected an ExTensor, got ${describe(t)}`);
  let sections: boolean;
  let values: Float64Array;
  if (typeof sectionsOrIndices === 'number') {
    sections = true;
    values = Float64Array.of(sectionsOrIndices);
  } else if (isArrayArg('split', 'sectionsOrIndices', sectionsOrIndices) || typedArrayFacts(sectionsOrIndices) !== null) {
    sections = false;
    values = readNumbers('split', 'indices', sectionsOrIndices, 'INVALID_ARGUMENT', MAX_LIST_ITEMS);
  } else {
    throw new ExTensorError('INVALID_ARGUMENT', `split: sectionsOrIndices must be a number or an array of numbers, got ${describe(sectionsOrIndices)}`);
  }
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `split: axis must be a number, got ${describe(axis)}`);
  const id = argumentId('split', t);
  return createdList(() => glue.split(id, sections, values, axis));
}
