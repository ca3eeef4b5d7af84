// The `ex.linalg` namespace: NumPy's linalg functions, each a thin reader of its arguments
// (read once, by boundary.ts's helpers) around one binding call (src/js/linalg.rs).
import { ExTensorError } from './errors.js';
import { argumentId, created } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { ensureReady, glue } from './runtime.js';
import { NORM_ORDER_DEFAULT, NORM_ORDER_NUMBER, NORM_ORDER_TEXT, describe, readAxes, readOptions } from './boundary.js';
import type { Axes, DType, FloatDType } from './types.js';

/**
 * The dtype `inv`, `det` and `cholesky` return for a `D` input (NumPy's linalg types):
 * float32 stays float32, float64 and every integer or bool dtype give float64. float16 and
 * bfloat16 are refused (`DTYPE`, as NumPy's "array type float16 is unsupported in linalg"),
 * so their result type is `never`.
 *
 * @example
 * ```ts
 * type A = ex.LinalgResult<'int32'>;   // 'float64'
 * type B = ex.LinalgResult<'float32'>; // 'float32'
 * ```
 */
export type LinalgResult<D extends DType> =
  D extends 'float16' | 'bfloat16' ? never :
  D extends 'float32' ? 'float32' :
  D extends DType ? 'float64' : never;

/**
 * The dtype `solve(a, b)` returns: float32 when both are float32, float64 otherwise;
 * `never` when either is float16 or bfloat16 (refused with `DTYPE`).
 *
 * @example
 * ```ts
 * type A = ex.SolveResult<'float32', 'float32'>; // 'float32'
 * type B = ex.SolveResult<'int32', 'float32'>;   // 'float64', as NumPy
 * ```
 */
export type SolveResult<A extends DType, B extends DType> =
  [LinalgResult<A>] extends [never] ? never :
  [LinalgResult<B>] extends [never] ? never :
  A extends 'float32' ? (B extends 'float32' ? 'float32' : 'float64') : 'float64';

/**
 * The dtype `norm` returns: float dtypes keep theirs, integers and bool give float64.
 *
 * @example
 * ```ts
 * type A = ex.NormResult<'float16'>; // 'float16'
 * type B = ex.NormResult<'uint8'>;   // 'float64'
 * ```
 */
export type NormResult<D extends DType> = D extends FloatDType ? D : D extends DType ? 'float64' : never;

/**
 * NumPy's `ord` of `linalg.norm`: a number (`Infinity`, `-Infinity` and `0` included),
 * `'fro'` or `'nuc'`; `null` (or omitted) is the default.
 *
 * @example
 * ```ts
 * const ord: ex.NormOrder = 'fro';
 * ```
 */
export type NormOrder = number | 'fro' | 'nuc' | null;

/**
 * The options of {@link Linalg.norm}.
 *
 * @example
 * ```ts
 * const options: ex.NormOptions = { ord: 1, axis: -1, keepDims: true };
 * ```
 */
export interface NormOptions {
  /**
   * Which norm. Vectors (one axis): omitted or `2` the Euclidean norm, `1` the sum of
   * magnitudes, `Infinity` / `-Infinity` the largest / smallest magnitude, `0` the count of
   * non-zeros, any other `p` `sum(|x|^p)^(1/p)`. Matrices (two axes): omitted or `'fro'`
   * the Frobenius norm, `1` / `-1` the largest / smallest column sum of magnitudes,
   * `Infinity` / `-Infinity` the same over rows, `2` / `-2` the largest / smallest
   * singular value, `'nuc'` their sum.
   *
   * @example
   * ```ts
   * ex.linalg.norm(ex.tensor([3, -4]), { ord: 1 }).item(); // 7
   * ```
   */
  ord?: NormOrder | undefined;
  /**
   * One axis for vector norms, two for matrix norms (the other axes are batch axes).
   * Omitted: the 2-norm of all elements when `ord` is omitted, else `ord`'s norm of the
   * 1-D or 2-D input.
   *
   * @example
   * ```ts
   * ex.linalg.norm(ex.ones([2, 3]), { axis: 1 }).shape; // [2]
   * ```
   */
  axis?: Axes | null | undefined;
  /**
   * Keep the normed axes with length 1; default `false`.
   *
   * @example
   * ```ts
   * ex.linalg.norm(ex.ones([2, 3]), { keepDims: true }).shape; // [1, 1]
   * ```
   */
  keepDims?: boolean | undefined;
}

/**
 * The type of {@link linalg}: NumPy's `numpy.linalg` functions. `inv`, `solve`, `det` and
 * `cholesky` take stacks of matrices: the last two axes are the matrices', the leading ones
 * batch axes. They compute and return float32 for float32, float64 for float64, integers
 * and bool; float16 and bfloat16 are `DTYPE` errors. `norm` keeps every float dtype.
 *
 * @example
 * ```ts
 * const la: ex.Linalg = ex.linalg;
 * ```
 */
export interface Linalg {
  /**
   * The inverse of each square matrix of `a` (`[..., n, n]`), by LU decomposition with
   * partial pivoting.
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a singular matrix (NumPy's
   *   LinAlgError), fewer than two axes, non-square matrices or a non-tensor; `DTYPE` for
   *   float16 / bfloat16; `FREED`.
   *
   * @example
   * ```ts
   * const a = ex.tensor([[4, 7], [2, 6]], { dtype: 'float64' });
   * ex.linalg.inv(a).toArray(); // [[0.6, -0.7], [-0.2, 0.4]]
   * ```
   */
  inv<D extends DType>(a: ExTensor<D>): ExTensor<LinalgResult<D>>;
  /**
   * The solution `x` of `a·x = b` for each matrix of `a` (`[..., n, n]`). `b` is
   * `[..., n, k]` (result `[..., n, k]`) or `[n]`, one vector for every matrix (result
   * `[..., n]`), NumPy 2's rule; batch axes broadcast.
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a singular or non-square `a` or a
   *   non-tensor; `SHAPE_MISMATCH` when `b`'s rows are not `n` or the batches do not
   *   broadcast; `DTYPE` for float16 / bfloat16; `FREED`.
   *
   * @example
   * ```ts
   * const a = ex.tensor([[2, 1], [1, 3]], { dtype: 'float64' });
   * ex.linalg.solve(a, ex.tensor([3, 5], { dtype: 'float64' })).toArray(); // ≈ [0.8, 1.4]
   * ```
   */
  solve<A extends DType, B extends DType>(a: ExTensor<A>, b: ExTensor<B>): ExTensor<SolveResult<A, B>>;
  /**
   * The determinant of each square matrix of `a` (`[..., n, n]`), shape `[...]`; 0 for a
   * singular matrix, 1 for a `0 × 0` one.
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for fewer than two axes, non-square
   *   matrices or a non-tensor; `DTYPE` for float16 / bfloat16; `FREED`.
   *
   * @example
   * ```ts
   * ex.linalg.det(ex.tensor([[1, 2], [3, 4]], { dtype: 'float32' })).item(); // ≈ -2
   * ```
   */
  det<D extends DType>(a: ExTensor<D>): ExTensor<LinalgResult<D>>;
  /**
   * The lower-triangular `L` with `L·Lᵀ = a` for each symmetric positive-definite matrix of
   * `a` (`[..., n, n]`); only the lower triangle of `a` is read, as NumPy.
   *
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a matrix that is not
   *   positive-definite, fewer than two axes, non-square matrices or a non-tensor; `DTYPE`
   *   for float16 / bfloat16; `FREED`.
   *
   * @example
   * ```ts
   * ex.linalg.cholesky(ex.tensor([[4, 2], [2, 5]], { dtype: 'float64' })).toArray(); // [[2, 0], [1, 2]]
   * ```
   */
  cholesky<D extends DType>(a: ExTensor<D>): ExTensor<LinalgResult<D>>;
  /**
   * A vector or matrix norm, as NumPy's `linalg.norm` (see {@link NormOptions}). Without
   * `axis` and `ord`, the 2-norm of all elements (0-d; the Frobenius norm of a matrix).
   *
   * @param x - any tensor.
   * @param options - `{ ord?, axis?, keepDims? }`.
   * @throws {@link ExTensorError} `INVALID_ARGUMENT` for an `ord` the vector or matrix
   *   norm does not have, an axis out of range or repeated, more than two axes (or, without
   *   `axis`, a non-default `ord` of an input that is not 1-D or 2-D), an unknown option, an
   *   option of the wrong type or a non-tensor; `DTYPE` for the singular-value norms (`2`, `-2`, `'nuc'` of matrices) of
   *   float16 / bfloat16; `FREED`.
   *
   * @example
   * ```ts
   * ex.linalg.norm(ex.tensor([[3, 4], [0, 0]])).item();                        // 5
   * ex.linalg.norm(ex.tensor([[3, 4], [0, 0]]), { axis: 1, ord: Infinity }).toArray(); // [4, 0]
   * ```
   */
  norm<D extends DType>(x: ExTensor<D>, options?: NormOptions): ExTensor<NormResult<D>>;
}

/** A one-matrix-argument function: the id is taken inside the call (no caller code runs). */
function ofMatrices(op: string, run: (id: number) => number): (a: unknown) => ExTensor {
  return (a: unknown) => {
    ensureReady(op);
    return created(() => run(argumentId(op, a)));
  };
}

/** `ord` as [kind, number, text] (the Rust side parses the text again). */
function readOrder(ord: unknown): [kind: number, number: number, text: string] {
  if (ord === undefined || ord === null) return [NORM_ORDER_DEFAULT, 0, ''];
  if (typeof ord === 'number') return [NORM_ORDER_NUMBER, ord, ''];
  if (ord === 'fro' || ord === 'nuc') return [NORM_ORDER_TEXT, 0, ord];
  throw new ExTensorError('INVALID_ARGUMENT', `linalg.norm: ord must be a number, 'fro', 'nuc' or null, got ${describe(ord)}`);
}

function norm(x: unknown, options?: unknown): ExTensor {
  const op = 'linalg.norm';
  ensureReady(op);
  argumentId(op, x);
  const read = readOptions(op, options, ['ord', 'axis', 'keepDims']);
  const [kind, number, text] = readOrder(read.ord);
  const { given, axes } = readAxes(op, read.axis);
  const keepDims = read.keepDims ?? false;
  if (typeof keepDims !== 'boolean') throw new ExTensorError('INVALID_ARGUMENT', `${op}: keepDims must be a boolean, got ${describe(keepDims)}`);
  return created(() => glue.linalgNorm(argumentId(op, x), kind, number, text, given, axes, keepDims));
}

/**
 * NumPy's `numpy.linalg` (frozen object): `inv`, `solve`, `det`, `cholesky` and `norm`.
 *
 * @example
 * ```ts
 * const a = ex.tensor([[4, 1], [1, 3]], { dtype: 'float64' });
 * const x = ex.linalg.solve(a, ex.tensor([1, 2], { dtype: 'float64' }));
 * ex.linalg.norm(a.matmul(x).sub(ex.tensor([1, 2]))).item(); // ≈ 0
 * ```
 */
export const linalg: Readonly<Linalg> = Object.freeze({
  inv: ofMatrices('linalg.inv', (id) => glue.linalgInv(id)),
  solve(a: unknown, b: unknown): ExTensor {
    ensureReady('linalg.solve');
    return created(() => glue.linalgSolve(argumentId('linalg.solve', a), argumentId('linalg.solve', b)));
  },
  det: ofMatrices('linalg.det', (id) => glue.linalgDet(id)),
  cholesky: ofMatrices('linalg.cholesky', (id) => glue.linalgCholesky(id)),
  norm,
}) as Readonly<Linalg>;
