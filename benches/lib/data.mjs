// The benchmark's rows, its input data (seeded, so the baseline child process gets the
// very same numbers), the plain-JS kernels, and the correctness comparison.

export const N = 1 << 20; // "1M": 1,048,576 float32 = 4 MiB per operand
export const GRID = 1000; // the view chain's 1000x1000 tensor

export const ROWS = [
  { id: 'add', label: 'add f32 1M', bytes: 3 * N * 4 },
  { id: 'sum', label: 'sum f32 1M' },
  { id: 'exp', label: 'exp f32 1M' },
  { id: 'matmul128', label: 'matmul f32 128x128', n: 128, flops: 2 * 128 ** 3 },
  { id: 'matmul512', label: 'matmul f32 512x512', n: 512, flops: 2 * 512 ** 3 },
  { id: 'add4', label: 'add f32 [4] (per op)' },
  { id: 'view', label: 'view chain 1000x1000' },
];

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

/** n float32 values uniform in [-1, 1). */
function uniform(n, seed) {
  const next = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = next() * 2 - 1;
  return out;
}

export function makeData() {
  return {
    a: uniform(N, 1),
    b: uniform(N, 2),
    m128a: uniform(128 * 128, 3),
    m128b: uniform(128 * 128, 4),
    m512a: uniform(512 * 512, 5),
    m512b: uniform(512 * 512, 6),
    a4: uniform(4, 7),
    b4: uniform(4, 8),
    grid: uniform(GRID * GRID, 9),
  };
}

// ---------------------------------------------------------------- plain JS kernels
// What a JS programmer would write over Float32Array: each op returns a new array.

export function jsAdd(a, b) {
  const c = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = a[i] + b[i];
  return c;
}

export function jsSum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export function jsExp(a) {
  const c = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = Math.exp(a[i]);
  return c;
}

/** n x n times n x n, i-k-j loop order (row-major, streams rows of b and c). */
export function jsMatmul(a, b, n) {
  const c = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ci + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/**
 * t[100:900, ::2].T[::3] of a 1000x1000 array, materialised by one gather loop (plain JS
 * has no views): out[i][j] = t[100 + j][6 i], shape [167, 800].
 */
export function jsViewChain(t) {
  const rows = Math.ceil(500 / 3);
  const cols = 800;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = t[(100 + j) * GRID + 6 * i];
  }
  return out;
}

// ---------------------------------------------------------------- correctness

/**
 * Normwise relative difference: max |x - y| / max |y| (scalars: |x - y| / |y|).
 * NaN anywhere, or a length mismatch, gives NaN (which fails every `<=` test).
 */
export function relDiff(x, y) {
  if (typeof x === 'number' || typeof y === 'number') {
    return Math.abs(Number(x) - Number(y)) / Math.max(Math.abs(Number(y)), 1e-30);
  }
  if (x.length !== y.length) return NaN;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num = Math.max(num, Math.abs(x[i] - y[i]));
    den = Math.max(den, Math.abs(y[i]));
  }
  return num / Math.max(den, 1e-30);
}

export const TOLERANCE = 1e-3;
