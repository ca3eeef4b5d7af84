// The benchmark's input data (seeded, so a child process gets the very same numbers), a
// .npy writer for the fromNpy rows, and the correctness comparison. Environment-agnostic.

/** mulberry32: a small, fast, seedable PRNG. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ARRAY_TYPES = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array, bool: Uint8Array,
};

/** u in [0, 1) -> a value of the distribution. */
const DISTS = {
  uniform: (u) => u * 2 - 1, // [-1, 1)
  positive: (u) => 0.5 + 1.5 * u, // [0.5, 2)
  ge1: (u) => 1 + 2 * u, // [1, 3)
  unit: (u) => (u * 2 - 1) * 0.99, // (-0.99, 0.99)
  wide: (u) => (u * 2 - 1) * 10, // [-10, 10)
  near1: (u) => 1 + (u * 2 - 1) * 1e-3, // products of many stay finite
  smallint: (u) => Math.floor(u * 5) - 2, // -2..2 as floats: comparisons see ties
  u8range: (u) => u * 255, // [0, 255): casts to uint8 without wrapping
  cond: (u) => (u < 0.5 ? 1 : 0), // bool
};

const INT_DISTS = {
  int32: (u) => Math.floor(u * 201) - 100, // -100..100
  uint8: (u) => Math.floor(u * 256), // 0..255
};

function seedOf(key) {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

const cache = new Map();

/** The flat C-order data of one input: { data, shape, dtype }. Same spec, same numbers. */
export function makeInput(name, { shape, dtype, dist }) {
  const key = `${name}|${shape.join('x')}|${dtype}|${dist}`;
  let data = cache.get(key);
  if (!data) {
    const n = shape.reduce((a, b) => a * b, 1);
    const next = rng(seedOf(key));
    const Type = ARRAY_TYPES[dtype];
    data = new Type(n);
    const f = dist === 'int' ? INT_DISTS[dtype] : DISTS[dist];
    if (!f) throw new Error(`data: unknown distribution ${dist} for ${dtype}`);
    for (let i = 0; i < n; i++) data[i] = f(next());
    cache.set(key, data);
  }
  return { data, shape, dtype };
}

/** All of a row's inputs; the fromNpy rows get .npy bytes (written by writeNpy) as `npy`. */
export function rowInputs(row) {
  const out = {};
  for (const [name, spec] of Object.entries(row.inputs)) {
    const x = makeInput(name, spec);
    out[name] = name === 'npy' ? { ...x, bytes: writeNpy(x.data, x.shape, x.dtype) } : x;
  }
  return out;
}

/** Frees the generated data (between rows that do not share it). */
export function clearInputs() {
  cache.clear();
}

// ---------------------------------------------------------------- .npy (version 1.0, C order)

const NPY_DESCR = { float32: '<f4', float64: '<f8', int32: '<i4', uint8: '|u1', bool: '|b1' };

/** A .npy file as a plain JS programmer writes one: header text, then the raw bytes. */
export function writeNpy(data, shape, dtype) {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${NPY_DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY 1.0
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Parses what writeNpy writes (and NumPy's little-endian C-order files): { data, shape, dtype }. */
export function readNpy(bytes) {
  const len = bytes[8] | (bytes[9] << 8);
  let header = '';
  for (let i = 0; i < len; i++) header += String.fromCharCode(bytes[10 + i]);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const dtype = Object.keys(NPY_DESCR).find((k) => NPY_DESCR[k] === descr);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const Type = ARRAY_TYPES[dtype];
  const start = 10 + len;
  // copy: the data offset need not be aligned for the element type
  const data = new Type(bytes.slice(start).buffer);
  return { data, shape, dtype };
}

// ---------------------------------------------------------------- correctness

/** Any result (typed array, array, nested arrays, number, bigint, boolean) as a Float64Array. */
export function toNumbers(x) {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') return Float64Array.of(Number(x));
  if (ArrayBuffer.isView(x)) {
    if (x instanceof BigInt64Array || x instanceof BigUint64Array) return Float64Array.from(x, Number);
    return Float64Array.from(x);
  }
  if (Array.isArray(x)) {
    const flat = x.flat(Infinity);
    return Float64Array.from(flat, Number);
  }
  throw new Error(`toNumbers: cannot compare a ${Object.prototype.toString.call(x)}`);
}

/**
 * Normwise relative difference: max |x - y| / max |y| (0 when both are all zeros).
 * NaN anywhere, or a length mismatch, gives NaN (which fails every `<=` test).
 */
export function relDiff(x, y) {
  if (x.length !== y.length) return NaN;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (Number.isNaN(d)) {
      if (Number.isNaN(x[i]) && Number.isNaN(y[i])) continue;
      if (x[i] === y[i]) continue; // the same infinity
      return NaN;
    }
    num = Math.max(num, d);
    den = Math.max(den, Math.abs(y[i]));
  }
  if (num === 0) return 0;
  return num / Math.max(den, 1e-30);
}

/** Floats: normwise relative difference <= 1e-3. Exact rows (integers, bools, indices, copies): 0. */
export const TOLERANCE = 1e-3;
