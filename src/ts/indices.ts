// Index arguments (`take`, `takeAlongAxis`, `oneHot`): an integer ExTensor, or JS integers
// — one, nested arrays of them, or an integer typed array — read once (boundary.ts's rule)
// into plain int64 data, which becomes a temporary tensor for the one binding call and is
// freed on every path. Internal: not re-exported from the package.
import { ExTensorError } from './errors.js';
import { argumentId, created, isExTensor } from './handle-access.js';
import type { ExTensor } from './tensor.js';
import { readNested } from './creation.js';
import { MAX_LIST_ITEMS, describe, isArrayArg, ownView, readNumbers, typedArrayFacts } from './boundary.js';
import { ensureRoom, glue } from './runtime.js';

/** An index argument as plain data: the caller's tensor, or int64 values and their shape. */
export type IndexData =
  | { readonly tensor: ExTensor }
  | { readonly shape: Float64Array; readonly numbers: Float64Array | null; readonly bigints: BigInt64Array | null };

const INT64_MIN = -(2n ** 63n);
const INT64_END = 2n ** 63n;

/** One JS index: an integer number (beyond 2^53 it can index nothing) or an int64 bigint. */
function checkIndex(op: string, what: string, v: unknown): number | bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must hold integers; got ${describe(v)}`);
    if (Math.abs(v) > Number.MAX_SAFE_INTEGER) throw new ExTensorError('INDEX_OUT_OF_BOUNDS', `${op}: index ${v} is out of bounds`);
    return v;
  }
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v >= INT64_END) throw new ExTensorError('INDEX_OUT_OF_BOUNDS', `${op}: index ${describe(v)} is out of bounds`);
    return v;
  }
  throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must hold integers (numbers or bigints); got ${describe(v)}`);
}

/** Flat checked indices and their shape as int64 plain data. */
function plain(flat: readonly (number | bigint)[], shape: readonly number[]): IndexData {
  const dims = Float64Array.from(shape);
  if (flat.some((v) => typeof v === 'bigint')) {
    return { shape: dims, numbers: null, bigints: BigInt64Array.from(flat, (v) => BigInt(v)) };
  }
  return { shape: dims, numbers: Float64Array.from(flat as number[]), bigints: null };
}

/**
 * Reads an index argument once: an ExTensor (kept; its dtype is checked in Rust), one
 * integer (0-d), nested arrays of integers, or a typed array of integers.
 */
export function readIndices(op: string, what: string, v: unknown): IndexData {
  if (isExTensor(v)) return { tensor: v };
  if (typeof v === 'number' || typeof v === 'bigint') return plain([checkIndex(op, what, v)], []);
  const facts = typedArrayFacts(v);
  if (facts !== null) {
    const values = Array.from(ownView<ArrayLike<number | bigint>>(facts), (x) => checkIndex(op, what, x));
    return plain(values, [values.length]);
  }
  if (isArrayArg(op, what, v)) {
    const { flat, shape } = readNested(v, op, what);
    return plain(flat.map((x) => checkIndex(op, what, x)), shape);
  }
  throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be an integer ExTensor or (nested) arrays of integers, got ${describe(v)}`);
}

/**
 * Runs `run` with the id of the index tensor: the caller's (taken now: a getter may have
 * freed it, which is FREED), or a temporary int64 tensor freed when `run` returns or throws.
 */
export function withIndexTensor<R>(op: string, data: IndexData, run: (indexId: number) => R): R {
  if ('tensor' in data) return run(argumentId(op, data.tensor));
  const values = data.numbers ?? data.bigints!;
  ensureRoom(values.byteLength);
  const temp = data.numbers !== null
    ? created(() => glue.fromNumbers(data.shape, 'int64', data.numbers!))
    : created(() => glue.fromBigInts(data.shape, 'int64', data.bigints!));
  try {
    return run(argumentId(op, temp));
  } finally {
    temp.free();
  }
}

/** An optional axis: a number, or undefined/null for none (NumPy's `axis=None`). */
export function readOptionalAxis(op: string, axis: unknown): { given: boolean; axis: number } {
  if (axis === undefined || axis === null) return { given: false, axis: 0 };
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: axis must be a number or null, got ${describe(axis)}`);
  return { given: true, axis };
}

/** A count or a list of counts (`tile`'s reps, `repeat`'s repeats) as numbers. */
export function readCounts(op: string, what: string, v: unknown): Float64Array<ArrayBuffer> {
  if (typeof v === 'number') return Float64Array.of(v);
  if (isArrayArg(op, what, v) || typedArrayFacts(v) !== null) return readNumbers(op, what, v, 'INVALID_ARGUMENT', MAX_LIST_ITEMS);
  throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be a number or an array of numbers, got ${describe(v)}`);
}

/** NumPy's `pad_width`: a number, or nested arrays of numbers, as values and their shape. */
export function readPadWidth(v: unknown): { values: Float64Array; shape: Float64Array } {
  if (typeof v === 'number') return { values: Float64Array.of(v), shape: new Float64Array(0) };
  if (!isArrayArg('pad', 'padWidth', v)) {
    throw new ExTensorError('INVALID_ARGUMENT', `pad: padWidth must be a number or (nested) arrays of numbers, got ${describe(v)}`);
  }
  const { flat, shape } = readNested(v, 'pad', 'padWidth');
  for (const x of flat) {
    if (typeof x !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `pad: padWidth must hold numbers; got ${describe(x)}`);
  }
  return { values: Float64Array.from(flat as number[]), shape: Float64Array.from(shape) };
}
