// The function forms of the elementwise ops (`ex.add(a, b)`, `ex.sub(1, p)`, `ex.exp(t)`):
// NumPy's `np.subtract(1, p)`. Each takes tensors or JS scalars on either side and runs the
// same binding as the method; a tensor operand is never asked for its own members (a genuine
// tensor may shadow them), only recognised by its brand. tests/js/functions.test.mjs holds
// these names to the core's op lists, their one source.
import { ExTensorError } from './errors.js';
import { binary, binaryScalarFirst, clipOp, isExTensor, predicate, unary } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { full } from './creation.js';
import { describe, isScalar } from './boundary.js';
import { ensureReady } from './runtime.js';
import type { ClipResult, DType, DivResult, FloatResult, FloorDivResult, Operand, Scalar, WeakDType, WhereResult } from './types.js';

/** A JS scalar alone, as NumPy takes a Python scalar: a 0-d tensor of its default dtype. */
function scalarTensor(op: string, v: Scalar): ExTensor {
  const dtype = typeof v === 'boolean' ? 'bool'
    : typeof v === 'bigint' ? (v > 0x7fffffffffffffffn ? 'uint64' : 'int64')
    : Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${v} is not a safe integer; pass a bigint or a tensor`);
  }
  return full([], v, dtype);
}

function notOperand(op: string, v: unknown): ExTensorError {
  return new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor or a number, got ${describe(v)}`);
}

/** `a <op> b`, either side a tensor or a scalar. */
function binaryFunction(op: string, a: unknown, b: unknown): ExTensor {
  ensureReady(op);
  if (isExTensor(a)) return binary(op, a, b);
  if (!isScalar(a)) throw notOperand(op, a);
  if (isExTensor(b)) return binaryScalarFirst(op, a, b);
  if (!isScalar(b)) throw notOperand(op, b);
  const t = scalarTensor(op, a);
  try {
    return binary(op, t, b);
  } finally {
    t.free();
  }
}

/** `<op>(x)`, `x` a tensor or a scalar. */
function unaryFunction(op: string, x: unknown, run: (op: string, self: unknown) => ExTensor): ExTensor {
  ensureReady(op);
  if (isExTensor(x)) return run(op, x);
  if (!isScalar(x)) throw notOperand(op, x);
  const t = scalarTensor(op, x);
  try {
    return run(op, t);
  } finally {
    t.free();
  }
}

/**
 * Elementwise `a + b`: the function form of {@link ExTensor.add}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.add(ex.arange(3), 1).toArray(); // [1, 2, 3]
 * ```
 */
export function add<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function add(a: unknown, b: unknown): ExTensor {
  return binaryFunction('add', a, b);
}

/**
 * Elementwise `a - b`: the function form of {@link ExTensor.sub}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sub(1, ex.tensor([0.25, 1])).toArray(); // [0.75, 0]
 * ```
 */
export function sub<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function sub(a: unknown, b: unknown): ExTensor {
  return binaryFunction('sub', a, b);
}

/**
 * Elementwise `a * b`: the function form of {@link ExTensor.mul}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.mul(2, ex.arange(3)).toArray(); // [0, 2, 4]
 * ```
 */
export function mul<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function mul(a: unknown, b: unknown): ExTensor {
  return binaryFunction('mul', a, b);
}

/**
 * Elementwise true division `a / b` (integers give float64): the function form of {@link ExTensor.div}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.div(1, ex.tensor([2, 4], { dtype: 'int32' })).toArray(); // [0.5, 0.25]
 * ```
 */
export function div<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<DivResult<WhereResult<A, B>>>;
export function div(a: unknown, b: unknown): ExTensor {
  return binaryFunction('div', a, b);
}

/**
 * Elementwise `a ** b`: the function form of {@link ExTensor.pow}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.pow(2, ex.arange(3)).toArray(); // [1, 2, 4]
 * ```
 */
export function pow<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function pow(a: unknown, b: unknown): ExTensor {
  return binaryFunction('pow', a, b);
}

/**
 * Elementwise the elementwise maximum (NaN propagates): the function form of {@link ExTensor.maximum}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.maximum(ex.tensor([-1, 2]), 0).toArray(); // [0, 2]
 * ```
 */
export function maximum<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function maximum(a: unknown, b: unknown): ExTensor {
  return binaryFunction('maximum', a, b);
}

/**
 * Elementwise the elementwise minimum (NaN propagates): the function form of {@link ExTensor.minimum}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.minimum(ex.tensor([-1, 2]), 0).toArray(); // [-1, 0]
 * ```
 */
export function minimum<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<WhereResult<A, B>>;
export function minimum(a: unknown, b: unknown): ExTensor {
  return binaryFunction('minimum', a, b);
}

/**
 * Elementwise NumPy's `remainder`: `a % b` with the sign of `b`: the function form of {@link ExTensor.mod}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.mod(7, ex.tensor([3, -3], { dtype: 'int32' })).toArray(); // [1, -2]
 * ```
 */
export function mod<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<FloorDivResult<WhereResult<A, B>>>;
export function mod(a: unknown, b: unknown): ExTensor {
  return binaryFunction('mod', a, b);
}

/**
 * Elementwise NumPy's `floor_divide`: `⌊a / b⌋`: the function form of {@link ExTensor.floorDiv}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.floorDiv(7, ex.tensor([2, -2], { dtype: 'int32' })).toArray(); // [3, -4]
 * ```
 */
export function floorDiv<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<FloorDivResult<WhereResult<A, B>>>;
export function floorDiv(a: unknown, b: unknown): ExTensor {
  return binaryFunction('floorDiv', a, b);
}

/**
 * Elementwise `atan2(a, b)`, the angle of the point `(b, a)`: the function form of {@link ExTensor.atan2}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.atan2(ex.tensor([1]), 1).toArray(); // [0.7853981633974483]
 * ```
 */
export function atan2<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<FloatResult<WhereResult<A, B>>>;
export function atan2(a: unknown, b: unknown): ExTensor {
  return binaryFunction('atan2', a, b);
}

/**
 * Elementwise `a == b`: the function form of {@link ExTensor.equal}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.equal(ex.arange(3), 1).toArray(); // [false, true, false]
 * ```
 */
export function equal<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function equal(a: unknown, b: unknown): ExTensor {
  return binaryFunction('equal', a, b);
}

/**
 * Elementwise `a != b`: the function form of {@link ExTensor.notEqual}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.notEqual(1, ex.arange(3)).toArray(); // [true, false, true]
 * ```
 */
export function notEqual<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function notEqual(a: unknown, b: unknown): ExTensor {
  return binaryFunction('notEqual', a, b);
}

/**
 * Elementwise `a < b`: the function form of {@link ExTensor.less}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.less(0, ex.tensor([-1, 1])).toArray(); // [false, true]
 * ```
 */
export function less<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function less(a: unknown, b: unknown): ExTensor {
  return binaryFunction('less', a, b);
}

/**
 * Elementwise `a <= b`: the function form of {@link ExTensor.lessEqual}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.lessEqual(ex.arange(3), 1).toArray(); // [true, true, false]
 * ```
 */
export function lessEqual<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function lessEqual(a: unknown, b: unknown): ExTensor {
  return binaryFunction('lessEqual', a, b);
}

/**
 * Elementwise `a > b`: the function form of {@link ExTensor.greater}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.greater(0, ex.tensor([-1, 1])).toArray(); // [true, false]
 * ```
 */
export function greater<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function greater(a: unknown, b: unknown): ExTensor {
  return binaryFunction('greater', a, b);
}

/**
 * Elementwise `a >= b`: the function form of {@link ExTensor.greaterEqual}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.greaterEqual(ex.arange(3), 1).toArray(); // [false, true, true]
 * ```
 */
export function greaterEqual<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function greaterEqual(a: unknown, b: unknown): ExTensor {
  return binaryFunction('greaterEqual', a, b);
}

/**
 * Elementwise logical and (nonzero is true): the function form of {@link ExTensor.logicalAnd}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.logicalAnd(ex.tensor([0, 1, 2]), 1).toArray(); // [false, true, true]
 * ```
 */
export function logicalAnd<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function logicalAnd(a: unknown, b: unknown): ExTensor {
  return binaryFunction('logicalAnd', a, b);
}

/**
 * Elementwise logical or (nonzero is true): the function form of {@link ExTensor.logicalOr}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.logicalOr(0, ex.tensor([0, 1])).toArray(); // [false, true]
 * ```
 */
export function logicalOr<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function logicalOr(a: unknown, b: unknown): ExTensor {
  return binaryFunction('logicalOr', a, b);
}

/**
 * Elementwise logical exclusive or (nonzero is true): the function form of {@link ExTensor.logicalXor}, with a tensor or a JS
 * scalar on either side (two scalars act as NumPy's Python scalars: a 0-d int64 or float64).
 *
 * @param a - a tensor or a scalar.
 * @param b - a tensor or a scalar.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.logicalXor(ex.tensor([0, 1]), 1).toArray(); // [true, false]
 * ```
 */
export function logicalXor<A extends Operand, B extends Operand>(a: A, b: B): ExTensor<'bool'>;
export function logicalXor(a: unknown, b: unknown): ExTensor {
  return binaryFunction('logicalXor', a, b);
}

/**
 * Elementwise `-x`: the function form of {@link ExTensor.neg}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.neg(ex.tensor([1, -2])).toArray(); // [-1, 2]
 * ```
 */
export function neg<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function neg<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function neg(x: unknown): ExTensor {
  return unaryFunction('neg', x, unary);
}

/**
 * Elementwise `|x|`: the function form of {@link ExTensor.abs}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.abs(ex.tensor([-1, 2])).toArray(); // [1, 2]
 * ```
 */
export function abs<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function abs<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function abs(x: unknown): ExTensor {
  return unaryFunction('abs', x, unary);
}

/**
 * Elementwise `x * x`: the function form of {@link ExTensor.square}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.square(ex.tensor([3])).toArray(); // [9]
 * ```
 */
export function square<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function square<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function square(x: unknown): ExTensor {
  return unaryFunction('square', x, unary);
}

/**
 * Elementwise `max(x, 0)`: the function form of {@link ExTensor.relu}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.relu(ex.tensor([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function relu<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function relu<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function relu(x: unknown): ExTensor {
  return unaryFunction('relu', x, unary);
}

/**
 * Elementwise `e ** x`: the function form of {@link ExTensor.exp}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.exp(ex.tensor([0])).toArray(); // [1]
 * ```
 */
export function exp<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function exp<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function exp(x: unknown): ExTensor {
  return unaryFunction('exp', x, unary);
}

/**
 * Elementwise the natural logarithm: the function form of {@link ExTensor.log}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.log(ex.tensor([1])).toArray(); // [0]
 * ```
 */
export function log<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function log<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function log(x: unknown): ExTensor {
  return unaryFunction('log', x, unary);
}

/**
 * Elementwise the square root: the function form of {@link ExTensor.sqrt}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sqrt(ex.tensor([4])).toArray(); // [2]
 * ```
 */
export function sqrt<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function sqrt<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function sqrt(x: unknown): ExTensor {
  return unaryFunction('sqrt', x, unary);
}

/**
 * Elementwise the sine: the function form of {@link ExTensor.sin}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sin(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function sin<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function sin<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function sin(x: unknown): ExTensor {
  return unaryFunction('sin', x, unary);
}

/**
 * Elementwise the cosine: the function form of {@link ExTensor.cos}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.cos(ex.tensor([0])).toArray(); // [1]
 * ```
 */
export function cos<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function cos<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function cos(x: unknown): ExTensor {
  return unaryFunction('cos', x, unary);
}

/**
 * Elementwise the hyperbolic tangent: the function form of {@link ExTensor.tanh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.tanh(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function tanh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function tanh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function tanh(x: unknown): ExTensor {
  return unaryFunction('tanh', x, unary);
}

/**
 * Elementwise `1 / (1 + e ** -x)`: the function form of {@link ExTensor.sigmoid}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sigmoid(ex.tensor([0])).toArray(); // [0.5]
 * ```
 */
export function sigmoid<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function sigmoid<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function sigmoid(x: unknown): ExTensor {
  return unaryFunction('sigmoid', x, unary);
}

/**
 * Elementwise `⌊x⌋`: the function form of {@link ExTensor.floor}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.floor(ex.tensor([1.5])).toArray(); // [1]
 * ```
 */
export function floor<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function floor<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function floor(x: unknown): ExTensor {
  return unaryFunction('floor', x, unary);
}

/**
 * Elementwise `⌈x⌉`: the function form of {@link ExTensor.ceil}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.ceil(ex.tensor([1.5])).toArray(); // [2]
 * ```
 */
export function ceil<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function ceil<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function ceil(x: unknown): ExTensor {
  return unaryFunction('ceil', x, unary);
}

/**
 * Elementwise rounding half to even: the function form of {@link ExTensor.round}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.round(ex.tensor([2.5])).toArray(); // [2]
 * ```
 */
export function round<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function round<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function round(x: unknown): ExTensor {
  return unaryFunction('round', x, unary);
}

/**
 * Elementwise `ln(1 + x)`: the function form of {@link ExTensor.log1p}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.log1p(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function log1p<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function log1p<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function log1p(x: unknown): ExTensor {
  return unaryFunction('log1p', x, unary);
}

/**
 * Elementwise `e ** x - 1`: the function form of {@link ExTensor.expm1}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.expm1(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function expm1<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function expm1<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function expm1(x: unknown): ExTensor {
  return unaryFunction('expm1', x, unary);
}

/**
 * Elementwise the base-2 logarithm: the function form of {@link ExTensor.log2}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.log2(ex.tensor([8])).toArray(); // [3]
 * ```
 */
export function log2<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function log2<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function log2(x: unknown): ExTensor {
  return unaryFunction('log2', x, unary);
}

/**
 * Elementwise the base-10 logarithm: the function form of {@link ExTensor.log10}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.log10(ex.tensor([100])).toArray(); // [2]
 * ```
 */
export function log10<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function log10<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function log10(x: unknown): ExTensor {
  return unaryFunction('log10', x, unary);
}

/**
 * Elementwise `2 ** x`: the function form of {@link ExTensor.exp2}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.exp2(ex.tensor([3])).toArray(); // [8]
 * ```
 */
export function exp2<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function exp2<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function exp2(x: unknown): ExTensor {
  return unaryFunction('exp2', x, unary);
}

/**
 * Elementwise the tangent: the function form of {@link ExTensor.tan}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.tan(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function tan<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function tan<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function tan(x: unknown): ExTensor {
  return unaryFunction('tan', x, unary);
}

/**
 * Elementwise the arcsine: the function form of {@link ExTensor.asin}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.asin(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function asin<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function asin<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function asin(x: unknown): ExTensor {
  return unaryFunction('asin', x, unary);
}

/**
 * Elementwise the arccosine: the function form of {@link ExTensor.acos}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.acos(ex.tensor([1])).toArray(); // [0]
 * ```
 */
export function acos<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function acos<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function acos(x: unknown): ExTensor {
  return unaryFunction('acos', x, unary);
}

/**
 * Elementwise the arctangent: the function form of {@link ExTensor.atan}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.atan(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function atan<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function atan<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function atan(x: unknown): ExTensor {
  return unaryFunction('atan', x, unary);
}

/**
 * Elementwise the hyperbolic sine: the function form of {@link ExTensor.sinh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sinh(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function sinh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function sinh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function sinh(x: unknown): ExTensor {
  return unaryFunction('sinh', x, unary);
}

/**
 * Elementwise the hyperbolic cosine: the function form of {@link ExTensor.cosh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.cosh(ex.tensor([0])).toArray(); // [1]
 * ```
 */
export function cosh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function cosh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function cosh(x: unknown): ExTensor {
  return unaryFunction('cosh', x, unary);
}

/**
 * Elementwise the inverse hyperbolic sine: the function form of {@link ExTensor.asinh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.asinh(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function asinh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function asinh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function asinh(x: unknown): ExTensor {
  return unaryFunction('asinh', x, unary);
}

/**
 * Elementwise the inverse hyperbolic cosine: the function form of {@link ExTensor.acosh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.acosh(ex.tensor([1])).toArray(); // [0]
 * ```
 */
export function acosh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function acosh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function acosh(x: unknown): ExTensor {
  return unaryFunction('acosh', x, unary);
}

/**
 * Elementwise the inverse hyperbolic tangent: the function form of {@link ExTensor.atanh}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.atanh(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function atanh<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function atanh<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function atanh(x: unknown): ExTensor {
  return unaryFunction('atanh', x, unary);
}

/**
 * Elementwise the error function (SciPy's `erf`): the function form of {@link ExTensor.erf}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.erf(ex.tensor([0])).toArray(); // [0]
 * ```
 */
export function erf<D extends DType>(x: ExTensor<D>): ExTensor<FloatResult<D>>;
export function erf<S extends Scalar>(x: S): ExTensor<FloatResult<WeakDType<S>>>;
export function erf(x: unknown): ExTensor {
  return unaryFunction('erf', x, unary);
}

/**
 * Elementwise the sign: -1, 0 or 1: the function form of {@link ExTensor.sign}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.sign(ex.tensor([-3, 0, 2], { dtype: 'int8' })).toArray(); // [-1, 0, 1]
 * ```
 */
export function sign<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function sign<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function sign(x: unknown): ExTensor {
  return unaryFunction('sign', x, unary);
}

/**
 * Elementwise `1 / x` (integers truncate toward zero): the function form of {@link ExTensor.reciprocal}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.reciprocal(ex.tensor([2])).toArray(); // [0.5]
 * ```
 */
export function reciprocal<D extends DType>(x: ExTensor<D>): ExTensor<D extends 'bool' ? 'int8' : D>;
export function reciprocal<S extends Scalar>(x: S): ExTensor<WeakDType<S> extends 'bool' ? 'int8' : WeakDType<S>>;
export function reciprocal(x: unknown): ExTensor {
  return unaryFunction('reciprocal', x, unary);
}

/**
 * Elementwise rounding toward zero: the function form of {@link ExTensor.trunc}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.trunc(ex.tensor([-1.5])).toArray(); // [-1]
 * ```
 */
export function trunc<D extends DType>(x: ExTensor<D>): ExTensor<D>;
export function trunc<S extends Scalar>(x: S): ExTensor<WeakDType<S>>;
export function trunc(x: unknown): ExTensor {
  return unaryFunction('trunc', x, unary);
}

/**
 * Elementwise the test for NaN: the function form of {@link ExTensor.isNaN}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.isNaN(ex.tensor([1, NaN])).toArray(); // [false, true]
 * ```
 */
export function isNaN<D extends DType>(x: ExTensor<D>): ExTensor<'bool'>;
export function isNaN<S extends Scalar>(x: S): ExTensor<'bool'>;
export function isNaN(x: unknown): ExTensor {
  return unaryFunction('isNaN', x, predicate);
}

/**
 * Elementwise the test for a finite value: the function form of {@link ExTensor.isFinite}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.isFinite(ex.tensor([1, Infinity])).toArray(); // [true, false]
 * ```
 */
export function isFinite<D extends DType>(x: ExTensor<D>): ExTensor<'bool'>;
export function isFinite<S extends Scalar>(x: S): ExTensor<'bool'>;
export function isFinite(x: unknown): ExTensor {
  return unaryFunction('isFinite', x, predicate);
}

/**
 * Elementwise the test for ±Infinity: the function form of {@link ExTensor.isInf}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.isInf(ex.tensor([1, -Infinity])).toArray(); // [false, true]
 * ```
 */
export function isInf<D extends DType>(x: ExTensor<D>): ExTensor<'bool'>;
export function isInf<S extends Scalar>(x: S): ExTensor<'bool'>;
export function isInf(x: unknown): ExTensor {
  return unaryFunction('isInf', x, predicate);
}

/**
 * Elementwise logical not (true where zero): the function form of {@link ExTensor.logicalNot}; a JS scalar acts as
 * NumPy's Python scalar (a 0-d int64, float64 or bool).
 *
 * @param x - a tensor or a scalar.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.logicalNot(ex.tensor([0, 2])).toArray(); // [true, false]
 * ```
 */
export function logicalNot<D extends DType>(x: ExTensor<D>): ExTensor<'bool'>;
export function logicalNot<S extends Scalar>(x: S): ExTensor<'bool'>;
export function logicalNot(x: unknown): ExTensor {
  return unaryFunction('logicalNot', x, predicate);
}

/**
 * Elementwise `min(max(x, min), max)`: the function form of {@link ExTensor.clip}, as
 * `np.clip(x, min, max)`.
 *
 * @param x - the tensor.
 * @param min - the lower bound (a tensor or a number), or null.
 * @param max - the upper bound (a tensor or a number), or null.
 * @throws {@link ExTensorError} `SHAPE_MISMATCH`; `INVALID_ARGUMENT`; `FREED`.
 * @example
 * ```ts
 * ex.clip(ex.tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 * ```
 */
export function clip<D extends DType, L extends Operand | null = null, H extends Operand | null = null>(
  x: ExTensor<D>, min?: L, max?: H): ExTensor<ClipResult<D, L, H>>;
export function clip(x: unknown, min?: unknown, max?: unknown): ExTensor {
  ensureReady('clip');
  if (!isExTensor(x)) throw new ExTensorError('INVALID_ARGUMENT', `clip: expected an ExTensor, got ${describe(x)}`);
  return clipOp(x, min, max);
}
