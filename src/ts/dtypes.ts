// The dtypes: their names in the contract's order and the typed array of each. A leaf
// module, so that every other module can name dtypes without importing the class.
import { ExTensorError } from './errors.js';
import { describe } from './boundary.js';
import type { TypedArrayConstructor } from './boundary.js';
import type { DType, TypedArrayOf } from './types.js';

/** The typed array behind `data` and `toTypedArray()` for each dtype. */
export const WINDOW_TYPES: { readonly [K in DType]: TypedArrayConstructor<TypedArrayOf<K>> } = Object.freeze({
  float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array, float16: Uint16Array, bfloat16: Uint16Array,
});

/**
 * Every dtype name, frozen, in the contract's order.
 *
 * @example
 * ```ts
 * for (const d of ex.DTYPES) ex.zeros([1], d).free();
 * ```
 */
export const DTYPES: readonly [
  'float32', 'float64', 'int8', 'int16', 'int32', 'int64',
  'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'float16', 'bfloat16',
] = Object.freeze(Object.keys(WINDOW_TYPES)) as typeof DTYPES;

/** A dtype argument: one of DTYPES, or a DTYPE error that quotes it briefly. */
export function checkDtype(op: string, dtype: unknown): DType {
  if (typeof dtype !== 'string' || !(DTYPES as readonly string[]).includes(dtype)) {
    throw new ExTensorError('DTYPE', `${op}: unknown dtype ${describe(dtype)}; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype as DType;
}
