/// <reference lib="esnext.disposable" preserve="true" />
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

// The public module: everything `import * as ex from 'extensor'` holds. Loading lives in
// loader.js, creation in creation.js, the handle class in tensor.js; the n-ary math and
// memory management are here.
import { ExTensorError } from './errors.js';
import { DTYPES, argumentId, created, isExTensor, matmulOf } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { call, ensureReady, ensureRoom, glue, wasmMemory, state } from './runtime.js';
import { leakTable } from './handles.js';
import { openScope, runTidy } from './scopes.js';
import { MAX_LIST_ITEMS, MAX_NDIM, OPERAND_TENSOR, describe, encodeScalar, isArrayArg, isScalar, readArray } from './boundary.js';
import { releaseDetachedWindows } from './windows.js';
import type { DType, JoinResult, Operand, Promote, WhereResult } from './types.js';

export { ExTensor } from './tensor.js';
export { ExTensorError, ERROR_CODES } from './errors.js';
export { VERSION, backend, engineSupport, init, initSync } from './loader.js';
export { arange, empty, eye, fromNpy, full, linspace, ones, rand, randn, tensor, zeros } from './creation.js';
export { linalg } from './linalg.js';
export { fromNpz, toNpz } from './npz.js';

// The public types: the dtype algebra, the promotion table, and the option and result types
// of the functions above.
export type * from './types.js';
export type { PromotionTable, PromotionRow } from './promotion.js';
export type { ErrorCode } from './errors.js';
export type {
  BackendInfo, Build, EngineSupport, InitInput, InitOptions, InitSyncOptions, SyncInitInput, WasmModule, WasmPathMap, WasmPaths,
} from './loader.js';
export type { RandomOptions, TensorOptions } from './creation.js';
export type { Linalg, LinalgResult, NormOptions, NormOrder, NormResult, SolveResult } from './linalg.js';
export type { NpzOptions } from './npz.js';

export { DTYPES, MAX_NDIM };
export * from './functions.js';
export * from './closeness.js';
export * from './einsum.js';
export * from './gather.js';

// ---------------------------------------------------------------- n-ary math

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
export function matmul<A extends DType, B extends DType>(a: ExTensor<A>, b: ExTensor<B>): ExTensor<Promote<A, B>>;
export function matmul(a: unknown, b: unknown): ExTensor {
  argumentId('matmul', a); // INVALID_ARGUMENT or FREED for anything but a live ExTensor
  return matmulOf(a as ExTensor, b as ExTensor);
}

/** The tensors of a list argument, read once; their ids are taken after every read. */
function readTensorList(op: string, items: unknown): ExTensor[] {
  ensureReady(op);
  if (!isArrayArg(op, 'the list', items)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an array, got ${describe(items)}`);
  return readArray(op, 'the list', items, 'INVALID_ARGUMENT', (item) => {
    if (!isExTensor(item)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected ExTensor items, got ${describe(item)}`);
    return item as ExTensor;
  }, MAX_LIST_ITEMS, (length) => new ExTensorError('INVALID_ARGUMENT', `${op}: a list of ${length} tensors; at most ${MAX_LIST_ITEMS}`));
}

/** The ids of a list's tensors, taken after the list was read, with room to pass them. */
function tensorIds(op: string, tensors: readonly ExTensor[]): Float64Array {
  const ids = Float64Array.from(tensors, (t) => argumentId(op, t));
  ensureRoom(ids.byteLength);
  return ids;
}

function axisArg(op: string, axis: unknown): number {
  if (typeof axis !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: axis must be a number, got ${describe(axis)}`);
  return axis;
}

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
export function concat<const L extends readonly ExTensor[]>(list: L, axis?: number): ExTensor<JoinResult<L>>;
export function concat(list: unknown, axis: unknown = 0): ExTensor {
  axisArg('concat', axis);
  const tensors = readTensorList('concat', list);
  const ids = tensorIds('concat', tensors);
  return created(() => glue.concat(ids, axis as number));
}

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
export function stack<const L extends readonly ExTensor[]>(list: L, axis?: number): ExTensor<JoinResult<L>>;
export function stack(list: unknown, axis: unknown = 0): ExTensor {
  axisArg('stack', axis);
  const tensors = readTensorList('stack', list);
  const ids = tensorIds('stack', tensors);
  return created(() => glue.stack(ids, axis as number));
}


/** A `where` operand: a tensor (its id taken last) or a weak scalar. */
function whereOperand(v: unknown): () => [kind: number, number: number, bits: bigint] {
  if (isExTensor(v)) return () => [OPERAND_TENSOR, argumentId('where', v), 0n];
  if (!isScalar(v)) throw new ExTensorError('INVALID_ARGUMENT', `where: expected ExTensor items, got ${describe(v)}`);
  const encoded = encodeScalar('where', v);
  return () => encoded;
}

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
function whereOp<A extends Operand, B extends Operand>(cond: ExTensor, a: A, b: B): ExTensor<WhereResult<A, B>>;
function whereOp(cond: unknown, a: unknown, b: unknown): ExTensor {
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
export function tidy<T>(fn: () => T): T extends Promise<unknown> ? never : T;
export function tidy(fn: unknown): unknown {
  if (typeof fn !== 'function' || isArrayArg('tidy', 'fn', fn)) {
    throw new ExTensorError('INVALID_ARGUMENT', `tidy: expected a function, got ${describe(fn)}`);
  }
  const result = runTidy(fn as () => unknown, (value) => {
    const kept = new Set<ExTensor>();
    collectTensors(value, kept);
    return kept;
  });
  if (isPromise(result)) {
    throw new ExTensorError('INVALID_ARGUMENT', 'tidy: fn returned a Promise; tidy cannot span await (use ex.scope())');
  }
  return result;
}

function isPromise(value: unknown): boolean {
  try {
    return value instanceof Promise;
  } catch {
    return false; // a revoked Proxy (walking it already failed) or a throwing trap
  }
}

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
export function scope(): Scope {
  return openScope((op, value) => argumentId(op, value));
}

/**
 * The tensors in tidy's result (arrays and plain objects, any depth; walked with a stack, so
 * depth costs no recursion). Walking runs the result's getters and traps; if one throws,
 * tidy frees everything and rethrows.
 */
function collectTensors(result: unknown, out: Set<ExTensor>): void {
  const seen = new Set<object>();
  const pending: unknown[] = [result];
  while (pending.length > 0) {
    const value = pending.pop();
    if (isExTensor(value)) {
      out.add(value as ExTensor);
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
export function memory(): MemoryInfo {
  ensureReady('memory');
  releaseDetachedWindows();
  const [liveHandles, liveStorages, storageBytes, peakStorageBytes, quarantinedBytes] = call(() => glue.memoryStats());
  return {
    liveHandles,
    liveStorages,
    storageBytes,
    peakStorageBytes,
    // bytes of freed storages kept from reuse while a typed-array window may still reach them
    quarantinedBytes,
    wasmMemoryBytes: wasmMemory().buffer.byteLength,
    reclaimedByFinalizer: state.reclaimedByFinalizer,
  };
}

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
export const debug: Readonly<Debug> = Object.freeze({
  // Starts (or stops) recording a creation stack for every new handle.
  trackLeaks(on = true) {
    state.trackLeaks = Boolean(on);
    if (!state.trackLeaks) leakTable.clear();
  },
  // Live handles created while tracking: { id, shape, dtype, stack }.
  leaks() {
    return Array.from(leakTable.values(), (entry) => ({ ...entry, shape: [...entry.shape] }));
  },
});
