// NumPy .npz archives: ex.fromNpz and ex.toNpz. The zip container and deflate live in the
// Rust core (src/core/npz.rs, which says why); this file reads the caller's arguments once
// and turns the binding's plain numbers into a Map of tensors.
import { ExTensorError } from './errors.js';
import { argumentId, created, isExTensor } from './tensor.js';
import type { ExTensor } from './tensor.js';
import { call, ensureReady, ensureRoom, freeHandleQuietly, glue, wasmMemory } from './runtime.js';
import { byteView, copyOf, describe, readOptions, readRecord } from './boundary.js';

/** Options of {@link toNpz}. */
export interface NpzOptions {
  /** Deflate every member, as `numpy.savez_compressed`; default `false` (`numpy.savez`). */
  compress?: boolean;
}

/** A lone UTF-16 surrogate: a key that has no UTF-8 spelling, so no zip member name. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The arrays of a NumPy `.npz` archive (what `numpy.savez` and `numpy.savez_compressed`
 * write: members stored or deflated), by key, in archive order. A key is the member's name
 * without `.npy`, as in `numpy.load(f).files`; `numpy.savez(f, a, b)` names them `arr_0`,
 * `arr_1`. Every tensor is new: free each (or make them in a scope).
 *
 * The archive is untrusted input: sizes and offsets are checked against the file and
 * against each member's `.npy` header before anything is inflated, and CRC-32s are checked.
 *
 * @param bytes - the file's bytes: a `Uint8Array`, an `ArrayBuffer` or any byte view.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a malformed, truncated, encrypted or
 *   inconsistent archive, a member that is not a `.npy` array, two members with one key, or
 *   a non-byte argument; `DTYPE` for a member of a dtype ExTensor lacks (complex, object…);
 *   `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const arrays = ex.fromNpz(readFileSync('weights.npz')); // np.savez('weights.npz', w=w, b=b)
 * const w = arrays.get('w');
 * for (const t of arrays.values()) t.free();
 * ```
 */
export function fromNpz(bytes: ArrayBuffer | ArrayBufferView): Map<string, ExTensor>;
export function fromNpz(bytes: ArrayBuffer | ArrayBufferView): Map<string, ExTensor> {
  ensureReady('fromNpz');
  let view = byteView(bytes);
  if (view === null) throw new ExTensorError('INVALID_ARGUMENT', `fromNpz: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  // Bytes that live in wasm memory are copied first: the allocation may detach them.
  if (view.buffer === wasmMemory().buffer) view = copyOf(view);
  ensureRoom(view.byteLength);
  const input = view;
  const members = call(() => glue.fromNpz(input));
  // [id, key length, ...key code units] per member; every id is wrapped before anything
  // else can fail, so none is left without its ExTensor.
  const ids: number[] = [];
  const keys: string[] = [];
  for (let at = 0; at < members.length;) {
    const id = members[at]!;
    const length = members[at + 1]!;
    let key = '';
    for (let i = 0; i < length; i++) key += String.fromCharCode(members[at + 2 + i]!);
    ids.push(id);
    keys.push(key);
    at += 2 + length;
  }
  const out = new Map<string, ExTensor>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    try {
      out.set(keys[i]!, created(() => id));
    } catch (e) {
      for (const t of out.values()) t.free();
      for (let j = i; j < ids.length; j++) freeHandleQuietly(ids[j]!);
      throw e;
    }
  }
  return out;
}

/**
 * The bytes of a NumPy `.npz` archive holding `record`'s tensors, each as member
 * `<key>.npy` in the record's order (`Object.keys` order for an object, insertion order for
 * a Map): what `numpy.savez(f, **record)` writes, or with `{ compress: true }`
 * `numpy.savez_compressed`. `numpy.load` reads it back; {@link fromNpz} too.
 *
 * @param record - a plain object or a `Map` of key → ExTensor, read once.
 * @param options - `{ compress }`: deflate the members (default `false`, stored).
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` for a record that is not an object or a
 *   Map, a value that is not an ExTensor, a key that is not a string, is not well-formed
 *   UTF-16 or is too long for a zip name, or a bad option; `DTYPE` for a bfloat16 tensor
 *   (`.npy` has no bfloat16); `FREED`; `OUT_OF_MEMORY`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * using w = ex.randn([3, 4], { seed: 1 });
 * using b = ex.zeros([4]);
 * writeFileSync('weights.npz', ex.toNpz({ w, b }, { compress: true })); // np.load('weights.npz')['w']
 * ```
 */
export function toNpz(record: Readonly<Record<string, ExTensor>> | ReadonlyMap<string, ExTensor>, options?: NpzOptions): Uint8Array<ArrayBuffer>;
export function toNpz(record: unknown, options?: unknown): Uint8Array<ArrayBuffer> {
  ensureReady('toNpz');
  if (isExTensor(record)) throw new ExTensorError('INVALID_ARGUMENT', `toNpz: expected a record of tensors such as { name: tensor }, got ${describe(record)}`);
  const entries = readRecord('toNpz', 'the record', record, (value, key) => {
    if (!isExTensor(value)) throw new ExTensorError('INVALID_ARGUMENT', `toNpz: record values must be ExTensors; ${describe(key)} is ${describe(value)}`);
    return value;
  });
  const { compress = false } = readOptions('toNpz', options, ['compress']);
  if (typeof compress !== 'boolean') throw new ExTensorError('INVALID_ARGUMENT', `toNpz: compress must be a boolean, got ${describe(compress)}`);
  // The keys cross as one string and their UTF-16 lengths (plain data, no JS array).
  let keys = '';
  const keyLengths = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]![0];
    if (LONE_SURROGATE.test(key)) throw new ExTensorError('INVALID_ARGUMENT', `toNpz: the key ${describe(key)} is not well-formed UTF-16 (a lone surrogate), so no zip member name`);
    keys += key;
    keyLengths[i] = key.length;
  }
  // Ids are taken after every read: a getter that freed a tensor is FREED here.
  const ids = Float64Array.from(entries, ([, t]) => argumentId('toNpz', t));
  ensureRoom(3 * keys.length + keyLengths.byteLength + ids.byteLength);
  return call(() => glue.toNpz(keys, keyLengths, ids, compress)) as Uint8Array<ArrayBuffer>;
}
