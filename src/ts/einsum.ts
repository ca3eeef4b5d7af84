// ex.einsum: NumPy's Einstein summation over any number of tensors. The subscripts string
// is parsed by the Rust core (the one grammar); here the arguments are only read once.
import { ExTensorError } from './errors.js';
import { argumentId, created, isExTensor } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { ensureReady, ensureRoom, glue } from './runtime.js';
import { MAX_LIST_ITEMS, describe, readArray } from './boundary.js';
import type { JoinResult } from './types.js';

/**
 * NumPy `einsum`: sums the products of the operands' elements over the axes the
 * subscripts say. Each operand gets a term of letters (`a-z`, `A-Z`), one per axis, and
 * `...` may stand for leading (broadcast) axes; terms are separated by commas, and `->`
 * names the output's axes. Without `->` the output is `...` and then the letters used
 * once, in alphabetical order (uppercase first). A letter repeated within a term takes
 * that term's diagonal; a letter missing from the output is summed over; a length-1 axis
 * broadcasts against its letter's length elsewhere. Pairs of operands are contracted with
 * `matmul`. The result has the operands' promoted dtype ({@link JoinResult}; bool
 * operands give bool: any of the ands) and is always a new tensor.
 *
 * @param subscripts - e.g. `'ij,jk->ik'`, `'ii'` (trace), `'...ij,...jk'`; spaces are ignored.
 * @param operands - one tensor per term.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for subscripts that are not a string,
 *   do not parse, or do not fit the operands (their count or ranks), and for non-tensor
 *   operands; `SHAPE_MISMATCH` when a letter's lengths differ (neither being 1); `FREED`.
 *
 * @example
 * ```ts
 * const a = ex.arange(6).reshape([2, 3]);
 * const b = ex.ones([3, 4]);
 * ex.einsum('ij,jk->ik', a, b).shape;               // [2, 4], as a.matmul(b)
 * ex.einsum('ii', ex.eye(3)).toArray();             // 3: the trace
 * ex.einsum('ij->ji', a).shape;                      // [3, 2]
 * ex.einsum('bij,bjk->bik', ex.ones([5, 2, 3]), ex.ones([5, 3, 4])).shape; // [5, 2, 4]
 * ```
 */
export function einsum<const L extends readonly ExTensor[]>(subscripts: string, ...operands: L): ExTensor<JoinResult<L>>;
export function einsum(subscripts: unknown, ...operands: unknown[]): ExTensor {
  ensureReady('einsum');
  if (typeof subscripts !== 'string') {
    throw new ExTensorError('INVALID_ARGUMENT', `einsum: the subscripts must be a string such as 'ij,jk->ik', got ${describe(subscripts)}`);
  }
  const tensors = readArray('einsum', 'the operands', operands, 'INVALID_ARGUMENT', (item, i) => {
    if (!isExTensor(item)) throw new ExTensorError('INVALID_ARGUMENT', `einsum: operand ${i} must be an ExTensor, got ${describe(item)}`);
    return item as ExTensor;
  }, MAX_LIST_ITEMS, (length) => new ExTensorError('INVALID_ARGUMENT', `einsum: ${length} operands; at most ${MAX_LIST_ITEMS}`));
  // The ids are taken after every read: no caller code runs between them and the call.
  const ids = Float64Array.from(tensors, (t) => argumentId('einsum', t));
  ensureRoom(ids.byteLength + 3 * subscripts.length);
  return created(() => glue.einsum(subscripts, ids));
}
