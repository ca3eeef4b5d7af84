// `isclose`, `allclose` and `bincount`: the comparison and counting functions of the
// `ex` namespace. Options are read once, as plain data, before any tensor id is taken.
import { ExTensorError } from './errors.js';
import { argumentId, created, isExTensor } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { describe, readOptions } from './boundary.js';
import { call, ensureReady, glue } from './runtime.js';
import type { CloseOptions, BincountOptions } from './types.js';

/** `{ rtol, atol, equalNaN }` as plain numbers, NumPy's defaults for the missing ones. */
function readTolerance(op: string, options: unknown): [rtol: number, atol: number, equalNaN: boolean] {
  const { rtol, atol, equalNaN } = readOptions(op, options, ['rtol', 'atol', 'equalNaN']);
  for (const [name, v] of [['rtol', rtol], ['atol', atol]] as const) {
    if (v !== undefined && typeof v !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${name} must be a number, got ${describe(v)}`);
  }
  if (equalNaN !== undefined && typeof equalNaN !== 'boolean') throw new ExTensorError('INVALID_ARGUMENT', `${op}: equalNaN must be a boolean, got ${describe(equalNaN)}`);
  return [(rtol as number | undefined) ?? 1e-5, (atol as number | undefined) ?? 1e-8, equalNaN === true];
}

function tensorPair(op: string, a: unknown, b: unknown): void {
  ensureReady(op);
  for (const v of [a, b]) {
    if (!isExTensor(v)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor, got ${describe(v)}`);
  }
}

/**
 * Elementwise `|a - b| <= atol + rtol * |b|`, as NumPy's `isclose` (asymmetric in `b`): an
 * infinity is close only to itself, NaN to NaN only with `equalNaN`. The operands broadcast
 * and compare in their promoted float dtype.
 *
 * @param a - a tensor.
 * @param b - a tensor (the reference: `rtol` scales `|b|`).
 * @param options - `rtol` (default 1e-5), `atol` (default 1e-8), `equalNaN` (default false).
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.isclose(ex.tensor([1, 2]), ex.tensor([1.000001, 2.1])).toArray(); // [true, false]
 * ```
 */
export function isclose(a: ExTensor, b: ExTensor, options?: CloseOptions): ExTensor<'bool'>;
export function isclose(a: unknown, b: unknown, options?: unknown): ExTensor {
  tensorPair('isclose', a, b);
  const [rtol, atol, equalNaN] = readTolerance('isclose', options);
  return created(() => glue.isclose(argumentId('isclose', a), argumentId('isclose', b), rtol, atol, equalNaN));
}

/**
 * Whether {@link isclose} holds for every element pair, as NumPy's `allclose`.
 *
 * @param a - a tensor.
 * @param b - a tensor (the reference).
 * @param options - `rtol` (default 1e-5), `atol` (default 1e-8), `equalNaN` (default false).
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.allclose(ex.tensor([1, NaN]), ex.tensor([1, NaN]), { equalNaN: true }); // true
 * ```
 */
export function allclose(a: ExTensor, b: ExTensor, options?: CloseOptions): boolean;
export function allclose(a: unknown, b: unknown, options?: unknown): boolean {
  tensorPair('allclose', a, b);
  const [rtol, atol, equalNaN] = readTolerance('allclose', options);
  return call(() => glue.allclose(argumentId('allclose', a), argumentId('allclose', b), rtol, atol, equalNaN));
}

/**
 * How often each value `0..max` occurs in a 1-D tensor of non-negative integers (int64), or
 * with `weights` the sum of the weights at each value (float64), as NumPy's `bincount`.
 *
 * @param x - a 1-D integer tensor (not uint64).
 * @param options - `minlength`: at least this many bins; `weights`: a tensor of `x`'s shape.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a negative value or a tensor that is
 *   not 1-D; `DTYPE` for float or uint64 input; `SHAPE_MISMATCH` for weights of another
 *   shape; `FREED`.
 * @example
 * ```ts
 * ex.bincount(ex.tensor([0, 2, 2], { dtype: 'int32' })).toArray(); // [1n, 0n, 2n]
 * ```
 */
export function bincount(x: ExTensor, options?: BincountOptions & { weights?: undefined }): ExTensor<'int64'>;
/**
 * The weighted form: the sum of `weights` at each value, float64.
 *
 * @param x - a 1-D integer tensor.
 * @param options - `weights` (a tensor of `x`'s shape) and `minlength`.
 * @example
 * ```ts
 * ex.bincount(ex.tensor([1, 1], { dtype: 'int32' }), { weights: ex.tensor([0.5, 2]) }).toArray(); // [0, 2.5]
 * ```
 */
export function bincount(x: ExTensor, options: BincountOptions & { weights: ExTensor }): ExTensor<'float64'>;
export function bincount(x: unknown, options?: unknown): ExTensor {
  ensureReady('bincount');
  if (!isExTensor(x)) throw new ExTensorError('INVALID_ARGUMENT', `bincount: expected an ExTensor, got ${describe(x)}`);
  const { minlength, weights } = readOptions('bincount', options, ['minlength', 'weights']);
  if (minlength !== undefined && typeof minlength !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `bincount: minlength must be a number, got ${describe(minlength)}`);
  if (weights !== undefined && weights !== null && !isExTensor(weights)) throw new ExTensorError('INVALID_ARGUMENT', `bincount: weights must be an ExTensor, got ${describe(weights)}`);
  const weighted = weights !== undefined && weights !== null;
  return created(() => glue.bincount(argumentId('bincount', x), weighted, weighted ? argumentId('bincount', weights) : 0, (minlength as number | undefined) ?? 0));
}
