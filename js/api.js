// The public module: everything `import * as ex from 'extensor'` holds. Loading lives in
// loader.js, creation in creation.js, the handle class in tensor.js; the n-ary math and
// memory management are here.
import { ExTensorError } from './errors.js';
import { DTYPES, argumentId, created, isExTensor, matmulOf } from './tensor.js';
import { call, ensureReady, ensureRoom, glue, state } from './runtime.js';
import { leakTable } from './handles.js';
import { openScope, runTidy } from './scopes.js';
import { MAX_LIST_ITEMS, MAX_NDIM, OPERAND_TENSOR, describe, encodeScalar, isArrayArg, isScalar, readArray } from './boundary.js';
import { releaseDetachedWindows } from './windows.js';

export { ExTensor } from './tensor.js';
export { ExTensorError, ERROR_CODES } from './errors.js';
export { VERSION, backend, engineSupport, init, initSync } from './loader.js';
export { arange, empty, eye, fromNpy, full, linspace, ones, rand, randn, tensor, zeros } from './creation.js';

export { DTYPES };

/** The most axes a tensor may have (NumPy's limit, and the Rust core's MAX_NDIM). */
export { MAX_NDIM };

// ---------------------------------------------------------------- n-ary math

/** NumPy matmul of two tensors. */
export function matmul(a, b) {
  argumentId('matmul', a); // INVALID_ARGUMENT or FREED for anything but a live ExTensor
  return matmulOf(a, b);
}

/** The tensors of a list argument, read once; their ids are taken after every read. */
function readTensorList(op, items) {
  ensureReady(op);
  if (!isArrayArg(op, 'the list', items)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an array, got ${describe(items)}`);
  return readArray(op, 'the list', items, 'INVALID_ARGUMENT', (item) => {
    if (!isExTensor(item)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected ExTensor items, got ${describe(item)}`);
    return item;
  }, MAX_LIST_ITEMS, (length) => new ExTensorError('INVALID_ARGUMENT', `${op}: a list of ${length} tensors; at most ${MAX_LIST_ITEMS}`));
}

/** The ids of a list's tensors, taken after the list was read, with room to pass them. */
function tensorIds(op, tensors) {
  const ids = Float64Array.from(tensors, (t) => argumentId(op, t));
  ensureRoom(ids.byteLength);
  return ids;
}

function axisArg(op, axis) {
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: axis must be a number, got ${describe(axis)}`);
  return axis;
}

/** Joins tensors along an existing axis (dtypes promote). */
export function concat(list, axis = 0) {
  axisArg('concat', axis);
  const tensors = readTensorList('concat', list);
  const ids = tensorIds('concat', tensors);
  return created(() => glue.concat(ids, axis));
}

/** Joins same-shaped tensors along a new axis. */
export function stack(list, axis = 0) {
  axisArg('stack', axis);
  const tensors = readTensorList('stack', list);
  const ids = tensorIds('stack', tensors);
  return created(() => glue.stack(ids, axis));
}


/** A `where` operand: a tensor (its id taken last) or a weak scalar. */
function whereOperand(v) {
  if (isExTensor(v)) return () => [OPERAND_TENSOR, argumentId('where', v), 0n];
  if (!isScalar(v)) throw new ExTensorError('INVALID_ARGUMENT', `where: expected ExTensor items, got ${describe(v)}`);
  const encoded = encodeScalar('where', v);
  return () => encoded;
}

/** Elements of `a` where `cond` is truthy, else of `b`; `a`/`b` may be JS numbers (weak scalars). */
function whereOp(cond, a, b) {
  ensureReady('where');
  argumentId('where', cond);
  const [first, second] = [whereOperand(a), whereOperand(b)];
  const c = argumentId('where', cond);
  const [ak, an, ab] = first();
  const [bk, bn, bb] = second();
  return created(() => glue.whereOp(c, ak, an, ab, bk, bn, bb));
}
export { whereOp as where };

// ---------------------------------------------------------------- memory

/**
 * Frees every handle created inside `fn` except those it returns (in any nesting of
 * arrays/objects), which move to the enclosing scope. `fn` must be synchronous.
 */
export function tidy(fn) {
  if (typeof fn !== 'function' || isArrayArg('tidy', 'fn', fn)) {
    throw new ExTensorError('INVALID_ARGUMENT', `tidy: expected a function, got ${describe(fn)}`);
  }
  const result = runTidy(fn, (value) => {
    const kept = new Set();
    collectTensors(value, kept);
    return kept;
  });
  if (isPromise(result)) {
    throw new ExTensorError('INVALID_ARGUMENT', 'tidy: fn returned a Promise; tidy cannot span await (use ex.scope())');
  }
  return result;
}

function isPromise(value) {
  try {
    return value instanceof Promise;
  } catch {
    return false; // a revoked Proxy (walking it already failed) or a throwing trap
  }
}

/**
 * Opens a scope that may span `await`: `using scope = ex.scope(); …; scope.keep(t)`. Every
 * handle created while it is current is freed when it ends, except those kept.
 */
export function scope() {
  return openScope((op, value) => argumentId(op, value));
}

/**
 * The tensors in tidy's result (arrays and plain objects, any depth; walked with a stack, so
 * depth costs no recursion). Walking runs the result's getters and traps; if one throws,
 * tidy frees everything and rethrows.
 */
function collectTensors(result, out) {
  const seen = new Set();
  const pending = [result];
  while (pending.length > 0) {
    const value = pending.pop();
    if (isExTensor(value)) {
      out.add(value);
    } else if (value !== null && typeof value === 'object' && !seen.has(value) && !ArrayBuffer.isView(value)) {
      seen.add(value);
      if (isArrayArg('tidy', 'a value in the result', value)) {
        readArray('tidy', 'an array in the result', value, 'INVALID_ARGUMENT', (v) => pending.push(v));
      } else {
        pending.push(...Object.values(value));
      }
    }
  }
}

/** Live handle and storage counters, straight from the Rust core. */
export function memory() {
  ensureReady('memory');
  releaseDetachedWindows();
  const [liveHandles, liveStorages, storageBytes, peakStorageBytes, quarantinedBytes] = call(() => glue.memoryStats());
  return {
    liveHandles,
    liveStorages,
    storageBytes,
    peakStorageBytes,
    /** bytes of freed storages kept from reuse while a typed-array window may still reach them */
    quarantinedBytes,
    wasmMemoryBytes: state.exports.memory.buffer.byteLength,
    reclaimedByFinalizer: state.reclaimedByFinalizer,
  };
}

export const debug = Object.freeze({
  /** Starts (or stops) recording a creation stack for every new handle. */
  trackLeaks(on = true) {
    state.trackLeaks = Boolean(on);
    if (!state.trackLeaks) leakTable.clear();
  },
  /** Live handles created while tracking: { id, shape, dtype, stack }. */
  leaks() {
    return Array.from(leakTable.values(), (entry) => ({ ...entry, shape: [...entry.shape] }));
  },
});
