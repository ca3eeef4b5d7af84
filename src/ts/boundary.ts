// The boundary: where JavaScript arguments become plain data, in one place.
//
// The rule (README, "Guarantees"; src/js/mod.rs says the same from the Rust side): every
// argument is read exactly once, here, before any call into wasm: an array's `length` once
// and each element once, in order; a typed array through the engine's own internal slots
// (never its `length`, `buffer` or `constructor` properties, which a caller can redefine).
// What comes out is numbers, strings, bigints and fresh typed arrays that this package
// allocated, validated by type. Only those reach the binding, so a getter, a Proxy trap or
// a `valueOf` can run only before an operation starts, never while Rust holds a tensor.
// The library never coerces a caller's value (no valueOf, toString, toJSON, toPrimitive,
// toStringTag), not even to print it in an error message.
//
// The realm's built-ins are trusted (they are captured when this module loads); argument
// values are not.
import { ExTensorError } from './errors.js';
import type { ErrorCode } from './errors.js';

/** A typed-array constructor (`Float32Array`, …) making arrays of type `A`. */
export interface TypedArrayConstructor<A = ArrayBufferView> {
  new (length: number): A;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

/** A typed array's own facts, read from its internal slots. */
export interface TypedArrayFacts {
  name: string;
  Type: TypedArrayConstructor;
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
  length: number;
}

/** A byte range of a buffer (a typed array's or a DataView's). */
interface ByteRange {
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
}

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const intrinsicGetter = (proto: object, key: PropertyKey): (() => unknown) => Object.getOwnPropertyDescriptor(proto, key)!.get!;
const typedArrayName = intrinsicGetter(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayBuffer = intrinsicGetter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = intrinsicGetter(TypedArrayPrototype, 'byteOffset');
const typedArrayByteLength = intrinsicGetter(TypedArrayPrototype, 'byteLength');
const typedArrayLength = intrinsicGetter(TypedArrayPrototype, 'length');
const dataViewBuffer = intrinsicGetter(DataView.prototype, 'buffer');
const dataViewByteOffset = intrinsicGetter(DataView.prototype, 'byteOffset');
const dataViewByteLength = intrinsicGetter(DataView.prototype, 'byteLength');
const arrayBufferByteLength = intrinsicGetter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function'
  ? intrinsicGetter(SharedArrayBuffer.prototype, 'byteLength')
  : null;
const typedArraySlice = TypedArrayPrototype.slice as (this: unknown, start?: number, end?: number) => unknown;
const typedArraySet = TypedArrayPrototype.set as (this: unknown, source: unknown, offset?: number) => void;
const { apply } = Reflect;
const { isArray } = Array;

/** Typed-array constructors by their internal [[TypedArrayName]]. */
const TYPED_ARRAYS = new Map<string, TypedArrayConstructor>([
  ['Float32Array', Float32Array], ['Float64Array', Float64Array], ['Int8Array', Int8Array],
  ['Int16Array', Int16Array], ['Int32Array', Int32Array], ['BigInt64Array', BigInt64Array],
  ['Uint8Array', Uint8Array], ['Uint8ClampedArray', Uint8ClampedArray], ['Uint16Array', Uint16Array],
  ['Uint32Array', Uint32Array], ['BigUint64Array', BigUint64Array],
]);
// Float16Array is in engines since 2025 (Chromium 135, Node 24) but not yet in lib ES2022.
const Float16 = (globalThis as { Float16Array?: TypedArrayConstructor }).Float16Array;
if (typeof Float16 === 'function') TYPED_ARRAYS.set('Float16Array', Float16);

/** The realm's `Float16Array` as this module loaded, or null where the engine lacks it. */
export const FLOAT16_ARRAY: TypedArrayConstructor | null = typeof Float16 === 'function' ? Float16 : null;

/** The longest text of a caller's value an error message quotes. */
const QUOTE_LIMIT = 40;

function quote(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT - 1)}…`;
}

function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** True for arrays and Proxies of arrays; a revoked Proxy is an `code` error, not a TypeError. */
export function isArrayArg(op: string, what: string, v: unknown, code: ErrorCode = 'INVALID_ARGUMENT'): v is readonly unknown[] {
  try {
    return isArray(v);
  } catch {
    // Array.isArray throws for a revoked Proxy only, and runs no trap.
    throw new ExTensorError(code, `${op}: ${what} is a revoked Proxy`);
  }
}

/**
 * Runs `read` over the user value `v`; when it throws because `v` is a Proxy that revoked
 * itself meanwhile (from one of its own traps), the engine's TypeError becomes a `code`
 * error. Any other error (the user's own) propagates unchanged.
 */
export function readGuarded<T>(op: string, what: string, v: unknown, code: ErrorCode, read: () => T): T {
  try {
    return read();
  } catch (e) {
    let revoked = false;
    try {
      isArray(v);
    } catch {
      revoked = true;
    }
    if (revoked) throw new ExTensorError(code, `${op}: ${what} is a Proxy that was revoked while it was read`);
    throw e;
  }
}

/**
 * A typed array's own facts, read from its internal slots: { name, Type, buffer,
 * byteOffset, byteLength, length }, or null for anything else (a Proxy, a DataView, an
 * object that merely claims a toStringTag). Subclasses report their base type.
 */
export function typedArrayFacts(v: unknown): TypedArrayFacts | null {
  if (!isObject(v)) return null;
  const name = apply(typedArrayName, v, []) as string | undefined;
  if (name === undefined) return null;
  return {
    name,
    Type: TYPED_ARRAYS.get(name)!,
    buffer: apply(typedArrayBuffer, v, []) as ArrayBufferLike,
    byteOffset: apply(typedArrayByteOffset, v, []) as number,
    byteLength: apply(typedArrayByteLength, v, []) as number,
    length: apply(typedArrayLength, v, []) as number,
  };
}

/** A DataView's buffer, offset and length from its internal slots, or null. */
function dataViewFacts(v: unknown): ByteRange | null {
  try {
    return {
      buffer: apply(dataViewBuffer, v, []) as ArrayBufferLike,
      byteOffset: apply(dataViewByteOffset, v, []) as number,
      byteLength: apply(dataViewByteLength, v, []) as number,
    };
  } catch {
    return null;
  }
}

/** The byte length of an ArrayBuffer or SharedArrayBuffer (internal slot), or null. */
function bufferByteLength(v: unknown): number | null {
  for (const getter of [arrayBufferByteLength, sharedArrayBufferByteLength]) {
    if (getter === null) continue;
    try {
      return apply(getter, v, []) as number;
    } catch {
      // not this kind of buffer
    }
  }
  return null;
}

/**
 * A fresh view of `Type` over the typed array's elements, built from its internal slots (a
 * detached one reads as empty). The caller copies out of it before calling wasm.
 */
export function ownView<A = ArrayBufferView>(facts: TypedArrayFacts, Type: TypedArrayConstructor<A> = facts.Type as TypedArrayConstructor<A>): A {
  if (facts.byteLength === 0) return new Type(0);
  return new Type(facts.buffer, facts.byteOffset, facts.byteLength / Type.BYTES_PER_ELEMENT);
}

/** A copy of a typed array this package made, by the realm's own `slice`. */
export function copyOf<A>(view: A): A {
  return apply(typedArraySlice, view, []) as A;
}

/** Copies `source` (a typed array; its elements are read from its internal slots) into `target` by the realm's own `set`. */
export function copyInto(target: ArrayBufferView, source: ArrayBufferView): void {
  apply(typedArraySet, target, [source]);
}

/**
 * The text of any value for an error message, without running any of its code: no
 * toString, valueOf, getter or Proxy trap (so a hostile value cannot throw or re-enter).
 */
export function describe(v: unknown): string {
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'number': return `number ${String(v)}`;
    case 'bigint': return `bigint ${quote(String(v))}n`;
    case 'boolean': return `boolean ${v}`;
    case 'string': return `string ${quote(JSON.stringify(v))}`;
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: break;
  }
  if (v === null) return 'null';
  if (describeTensor !== null) {
    const tensor = describeTensor(v);
    if (tensor !== null) return tensor;
  }
  try {
    if (isArray(v)) return 'an array';
  } catch {
    return 'a revoked Proxy';
  }
  const facts = typedArrayFacts(v);
  if (facts !== null) return `a ${facts.name}`;
  if (dataViewFacts(v) !== null) return 'a DataView';
  if (bufferByteLength(v) !== null) return 'an ArrayBuffer';
  return 'an object';
}

let describeTensor: ((value: unknown) => string | null) | null = null;
/** Lets describe() name ExTensors (tensor.ts owns the brand check). */
export function setTensorDescriber(fn: (value: unknown) => string | null): void {
  describeTensor = fn;
}

/** Reads `length` of an array argument once and checks it is one. */
export function arrayLength(op: string, what: string, list: { readonly length: unknown }, code: ErrorCode): number {
  const length = list.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > 2 ** 32 - 1) {
    throw new ExTensorError(code, `${op}: ${what} has an invalid length (${describe(length)})`);
  }
  return length;
}

/**
 * Reads an array (or a Proxy of one) exactly once: `length`, then each element in order,
 * passing each to `check(value, index)`, which returns the plain value to keep or throws.
 * Stops at the first bad element, so a lying `length` costs no more than one bad read.
 */
export function readArray<T>(
  op: string, what: string, list: readonly unknown[], code: ErrorCode, check: (value: unknown, index: number) => T,
  maxLength = Infinity, tooLong: ((length: number) => Error) | null = null,
): T[] {
  return readGuarded(op, what, list, code, () => {
    const length = arrayLength(op, what, list, code);
    if (length > maxLength) throw tooLong!(length);
    // Grown item by item: a Proxy claiming 2^32 - 1 items allocates nothing up front.
    const out: T[] = [];
    for (let i = 0; i < length; i++) out.push(check(list[i], i));
    return out;
  });
}

/**
 * The most items a list argument of tensors, or nested data, may hold: past it the JS heap
 * (not wasm memory) would run out, and V8 ends the process for that, uncatchably.
 */
export const MAX_LIST_ITEMS = 2 ** 26;

/**
 * The most axes a tensor may have (NumPy's limit, and the Rust core's MAX_NDIM; tests hold the two equal). More is `INVALID_SHAPE`.
 *
 * @example
 * ```ts
 * ex.zeros(new Array(ex.MAX_NDIM).fill(1)); // ok; one more axis throws INVALID_SHAPE
 * ```
 */
export const MAX_NDIM = 64;

const tooManyDims = (op: string, code: ErrorCode) => (length: number): ExTensorError =>
  new ExTensorError(code, `${op}: ${length} dimensions; at most ${MAX_NDIM} are supported`);

/**
 * A list of JS numbers as a fresh Float64Array: an array (each element a number) or a
 * typed array of numbers (not bigints). Integrality and range are checked in Rust.
 */
export function readNumbers(op: string, what: string, list: unknown, code: ErrorCode = 'INVALID_ARGUMENT', maxLength: number = MAX_NDIM): Float64Array<ArrayBuffer> {
  const tooLong = tooManyDims(op, code);
  if (isArrayArg(op, what, list, code)) {
    const values = readArray(op, what, list, code, (v, i) => {
      if (typeof v !== 'number') {
        throw new ExTensorError(code, `${op}: ${what} must hold only numbers; item ${i} is ${describe(v)}`);
      }
      return v;
    }, maxLength, tooLong);
    // The constructor, not Float64Array.from: no iterator protocol for a plain array.
    return new Float64Array(values);
  }
  const facts = typedArrayFacts(list);
  if (facts !== null && facts.name !== 'BigInt64Array' && facts.name !== 'BigUint64Array') {
    if (facts.length > maxLength) throw tooLong(facts.length);
    const out = new Float64Array(facts.length);
    out.set(ownView<ArrayLike<number>>(facts));
    return out;
  }
  throw new ExTensorError(code, `${op}: ${what} must be an array of numbers, got ${describe(list)}`);
}

/** A shape: one number for a 1-D shape, or a list of numbers. */
export function readShape(op: string, shape: unknown): Float64Array<ArrayBuffer> {
  if (typeof shape === 'number') return Float64Array.of(shape);
  return readNumbers(op, 'shape', shape, 'INVALID_SHAPE');
}

/** Optional axes: undefined/null (all axes), one number, or a list of numbers. */
export function readAxes(op: string, axis: unknown, what = 'axis'): { given: boolean; axes: Float64Array<ArrayBuffer> } {
  if (axis === undefined || axis === null) return { given: false, axes: new Float64Array(0) };
  if (typeof axis === 'number') return { given: true, axes: Float64Array.of(axis) };
  if (!isArrayArg(op, what, axis)) {
    const expected = what === 'axes' ? 'an array of numbers' : 'a number or an array of numbers';
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be ${expected}, got ${describe(axis)}`);
  }
  return { given: true, axes: readNumbers(op, what, axis) };
}

/** One JS number. */
export function readNumber(op: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be a number, got ${describe(v)}`);
  return v;
}

/** How a scalar crosses the boundary: [kind, number, bits] (src/js/convert.rs `scalar`). */
export const SCALAR_NUMBER = 0;
export const SCALAR_BOOL = 1;
export const SCALAR_INT = 2;
export const SCALAR_UINT = 3;
/** `where` operand kind for a tensor (src/js/math.rs OPERAND_TENSOR). */
export const OPERAND_TENSOR = 4;
/** `clip` operand kind for an absent bound (src/js/math.rs OPERAND_NONE). */
export const OPERAND_NONE = 5;
/** How `linalg.norm`'s `ord` crosses the boundary: its kind (src/js/linalg.rs `NORM_ORDER_*`). */
export const NORM_ORDER_DEFAULT = 0;
export const NORM_ORDER_NUMBER = 1;
export const NORM_ORDER_TEXT = 2;
const INT64_MIN = -(2n ** 63n);
const UINT64_END = 2n ** 64n;

/** True for the JS scalars ExTensor takes: number, boolean, bigint. */
export function isScalar(v: unknown): v is number | boolean | bigint {
  const t = typeof v;
  return t === 'number' || t === 'boolean' || t === 'bigint';
}

/** True for a bigint that fits int64 or uint64. */
export function fits64(v: bigint): boolean {
  return v >= INT64_MIN && v < UINT64_END;
}

/** How a scalar crosses the boundary: kind, number, 64 bits. */
export type EncodedScalar = [kind: number, value: number, bits: bigint];

/** A JS number, boolean or bigint as [kind, number, bits]. */
export function encodeScalar(op: string, v: unknown): EncodedScalar {
  const code = 'INVALID_ARGUMENT';
  switch (typeof v) {
    case 'number': return [SCALAR_NUMBER, v, 0n];
    case 'boolean': return [SCALAR_BOOL, v ? 1 : 0, 0n];
    case 'bigint':
      if (v >= INT64_MIN && v < -INT64_MIN) return [SCALAR_INT, 0, v];
      if (v >= 0n && v < UINT64_END) return [SCALAR_UINT, 0, BigInt.asIntN(64, v)];
      throw new ExTensorError(code, `${op}: ${describe(v)} does not fit 64 bits`);
    default:
      throw new ExTensorError(code, `${op}: expected a number, bigint or boolean, got ${describe(v)}`);
  }
}

/**
 * An options object (undefined means none) holding only `keys`, read once into a plain
 * object: each known key with one ordinary property read (so inherited keys and getters
 * count), and any other own key is an error — TF.js's `tensor(values, shape)` habit (an
 * array) or a misspelt key is refused, not silently ignored.
 */
export function readOptions<K extends string>(op: string, options: unknown, keys: readonly K[]): Partial<Record<K, unknown>> {
  if (options === undefined) return {};
  const expected = `{ ${keys.join(', ')} }`;
  if (isArrayArg(op, 'options', options)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: options must be an object such as ${expected}, got an array${(keys as readonly string[]).includes('shape') ? ` (write ${op}(values, { shape: [...] }))` : ''}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: options must be an object such as ${expected}, got ${describe(options)}`);
  }
  return readGuarded(op, 'options', options, 'INVALID_ARGUMENT', () => {
    for (const key of Object.keys(options)) {
      if (!(keys as readonly string[]).includes(key)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: unknown option ${quote(JSON.stringify(key))}; expected ${expected}`);
    }
    const plain: Partial<Record<K, unknown>> = {};
    for (const key of keys) {
      const value = (options as Record<K, unknown>)[key];
      if (value !== undefined) plain[key] = value;
    }
    return plain;
  });
}

/**
 * Bytes to read (`.npy`): an ArrayBuffer, SharedArrayBuffer, typed array or DataView, as a
 * Uint8Array view this package built from internal slots; null for anything else.
 */
export function byteView(v: unknown): Uint8Array | null {
  if (!isObject(v)) return null;
  const facts = typedArrayFacts(v) ?? dataViewFacts(v);
  if (facts !== null) {
    if (facts.byteLength === 0) return new Uint8Array(0);
    return new Uint8Array(facts.buffer, facts.byteOffset, facts.byteLength);
  }
  const length = bufferByteLength(v);
  if (length === null) return null;
  return length === 0 ? new Uint8Array(0) : new Uint8Array(v as ArrayBufferLike, 0, length);
}

const mapSize = intrinsicGetter(Map.prototype, 'size');
const mapEntries = Map.prototype.entries as (this: unknown) => Iterator<[unknown, unknown]>;
const mapIteratorNext = Object.getPrototypeOf(new Map().entries()).next as (this: unknown) => IteratorResult<[unknown, unknown]>;
const { keys: ownKeys } = Object;

/** True for a Map (its internal slot; a Proxy or a look-alike is not one), and runs no code of `v`. */
function isMap(v: unknown): boolean {
  try {
    apply(mapSize, v, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * A record argument (a Map with string keys, or a plain object's own enumerable string keys:
 * what `Object.keys` lists, so a Proxy's `ownKeys` and `getOwnPropertyDescriptor` traps run
 * once), read once: each key, then its value once, passed to `check(value, key)`, in the
 * record's order. A Map is walked through its internal slots (no `get`, `entries` or
 * iterator of the caller's runs). Arrays, typed arrays and byte buffers are not records.
 */
export function readRecord<T>(
  op: string, what: string, record: unknown, check: (value: unknown, key: string) => T, maxItems = MAX_LIST_ITEMS,
): [string, T][] {
  const code = 'INVALID_ARGUMENT';
  const notRecord = (): ExTensorError => new ExTensorError(code, `${op}: ${what} must be a plain object or a Map, got ${describe(record)}`);
  // Array.isArray first: it throws (with no trap) for a revoked Proxy, which Object.keys
  // would turn into a TypeError.
  if (!isObject(record) || typeof record === 'function' || isArrayArg(op, what, record)) throw notRecord();
  if (typedArrayFacts(record) !== null || dataViewFacts(record) !== null || bufferByteLength(record) !== null) throw notRecord();
  const tooMany = (n: number): ExTensorError => new ExTensorError(code, `${op}: ${what} has ${n} entries; at most ${maxItems}`);
  const out: [string, T][] = [];
  if (isMap(record)) {
    const size = apply(mapSize, record, []) as number;
    if (size > maxItems) throw tooMany(size);
    const iterator = apply(mapEntries, record, []);
    for (let step = apply(mapIteratorNext, iterator, []); !step.done; step = apply(mapIteratorNext, iterator, [])) {
      const [key, value] = step.value;
      if (typeof key !== 'string') throw new ExTensorError(code, `${op}: ${what} keys must be strings, got ${describe(key)}`);
      out.push([key, check(value, key)]);
    }
    return out;
  }
  return readGuarded(op, what, record, 'INVALID_ARGUMENT', () => {
    const keys = ownKeys(record);
    if (keys.length > maxItems) throw tooMany(keys.length);
    for (let i = 0; i < keys.length; i++) out.push([keys[i]!, check((record as Record<string, unknown>)[keys[i]!], keys[i]!)]);
    return out;
  });
}
