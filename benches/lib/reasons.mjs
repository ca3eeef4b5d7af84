// Why a row misses a target, where the miss is understood: each entry matches row ids and
// target kinds and says why, with the measurement behind it. The report prints the reason
// beside each miss, and counts the misses nobody has explained yet (those are the worklist).
// A reason explains a miss; it does not excuse it from `--check`, which still fails.
//
// An entry: { ids: RegExp on the row id, kinds: target kinds ('peer', 'copy', 'read',
// 'time', 'baseline'), peer?: only for that peer's target, where?: 'Node' | 'Chromium'
// (default both), why: text }.

export const REASONS = [
  {
    ids: /^everyday\/topk\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'topk builds a (key, index) pair for every element of a lane before selecting k of them; tfjs-wasm keeps a heap of k. 9.4 ms against 12.0 ms (1.29×) on a quiet machine, 17 ms against 6.8 ms (0.40×) while a CI run shared the two cores',
  },
  {
    ids: /^everyday\/oneHot\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'two passes over the 4 MiB output: zero-filled storage, then one write per row; 121 µs against tfjs-wasm\'s 79 µs',
  },
  {
    ids: /^everyday\/bincount\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'the input is first converted to an int64 vector (to_vec), then counted in a scalar loop with a bounds check per value; tfjs-wasm counts int32 in place in one pass. 5.9 ms against 1.15 ms',
  },
  {
    ids: /^everyday\/pad\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'constant padding is a full() of the padded shape and then an assign of the input into its interior: the output is written twice; 233 µs against 126 µs',
  },
  {
    ids: /^everyday\/clip\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'two passes: clip is maximum then minimum (each a SIMD pass and a new 4 MiB output), where tfjs-wasm runs one fused loop; 0.28× (673 µs against 105 µs). A fused three-input kernel (the zip_map `where` uses) is the fix, not done yet',
  },
  {
    ids: /^everyday\/topk\/f32\/small/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'per-call cost on 4 elements: a moveaxis view, the lane copy, and two result handles (values and indices) made and wrapped; 3.5 µs against 3.3 µs, within run-to-run noise (it passed in another run at 2.2×)',
  },
  {
    ids: /^reduce\/(sum|prod|mean|max|min)\/f32\/small\//,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'per-call cost: a 4-element reduction is one wasm call and a new handle, 2.0 µs against tfjs-wasm\'s 1.6 µs; it was 1.3 µs before the reductions change (NumPy dtypes, `{ dtype }`), and what the extra 0.7 µs is has not been found yet',
  },
  {
    ids: /^reduce\/max\/i32\/large\/all/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'parity within noise (0.97–1.03× across runs): one vectorised pass over memory',
  },
  {
    ids: /./,
    kinds: ['baseline'],
    why: 'the baseline build has no SIMD: its loops run one lane where the SIMD build runs 4 (f32, i32) or 16 (u8); rows bound by memory bandwidth pass, rows with any arithmetic per element cannot',
  },
  {
    ids: /^views\//,
    kinds: ['time'],
    why: 'every handle is registered with a FinalizationRegistry, the backstop that frees forgotten tensors (FinalizationRegistry.register + unregister: 0.19 µs per object in Node 20, measured alone), and a view + free() is two wasm calls (create, free) on top',
  },
  {
    ids: /^views\/reshape\//,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'tfjs reshape makes a new handle on the same data inside JS (no wasm call); ExTensor\'s crosses into wasm and back twice (reshape, free) and registers the handle with the FinalizationRegistry backstop',
  },
  {
    ids: /^errors\//,
    kinds: ['time', 'peer'],
    why: 'a JS Error with its stack costs 2.3 µs here on its own (`new Error` in a loop); the error also crosses wasm as a thrown string before the ExTensorError is made. tfjs pays the same (0.9–0.95×)',
  },
  {
    ids: /^access\/(shape|strides|dtype|size)\//,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'tfjs reads a plain field; ExTensor checks on every access that the handle is live (the FREED contract) and hands out a copy of shape/strides so a caller cannot change a handle\'s layout; all getters are within the 0.05 µs target',
  },
  {
    ids: /^copies\/toTypedArray\//,
    kinds: ['copy'],
    why: 'toTypedArray returns a new array: the fresh ArrayBuffer (zeroed pages from the OS) costs as much as the copy itself; the copy bound reuses its destination. The plain-JS column, `slice()` of a JS typed array of the same bytes, takes the same time',
  },
  {
    ids: /^copies\/contiguous\/.*\/transposed/,
    kinds: ['copy'],
    why: 'a transpose of 1024-element rows reads and writes with a 4 KiB stride, so the lines of a tile fall into the same L1 sets; 8×8 / 4×4 / 2×2 SIMD block transposes in 32-byte tiles (the best of 16, 32 and 64 bytes measured) bring it to 3.5–5.5× a straight copy (it was 6–30×); 15× faster than tfjs-wasm for f32',
  },
  {
    ids: /^copies\/astype\//,
    kinds: ['copy'],
    why: 'a conversion is one pass with arithmetic per element (SIMD lanes for f32↔f64, i32→f32, u8→f32, f32→i32, with a range check per 16 elements for float→int, whose out-of-range values wrap as in typed arrays): 1.7–2.8× a copy of the same bytes (it was 2.6–36×); f32→u8 (7.4×) runs the scalar lane, as an i16x8/i8x16-narrowing SIMD lane measured slower in V8',
  },
  {
    ids: /^copies\/contiguous\/f32\/large\/blocks/,
    kinds: ['copy'],
    why: 'the copy bound times (bytes read + written) / 2; this row reads half-rows (2 KiB runs) from a 4 MiB source, one block copy per run',
  },
  {
    ids: /^unary\/(sigmoid|exp|tanh|log)\//,
    kinds: ['peer'],
    why: 'compute-bound on floating-point throughput (V8 keeps the constants in registers; the loop is Horner chains): ExTensor evaluates Cephes\' degree-6 polynomial, within 1 ulp of exp; a degree-5 fit would cut ~25% of the operations at up to 2 ulp (measured), a trade ExTensor does not make',
  },
  {
    ids: /^softmax\//,
    kinds: ['peer', 'read'],
    why: 'compute-bound: one exp per element (see the unary rows) on top of the max and the sum; the read bound counts memory only, which softmax is far from',
  },
  {
    ids: /^binary\/pow\//,
    kinds: ['peer'],
    why: 'pow runs libm powf per element, exact in every special case NumPy defines; a SIMD exp(y·log x) loses accuracy as |y·log x| grows',
  },
  {
    ids: /^reduce\/(sum|prod|mean|max|min)\/f32\/large\/outer/,
    kinds: ['read'],
    why: 'an outer-axis reduction combines rows in row order (NumPy\'s order, so sums round as NumPy\'s do), four rows per pass over an L1 accumulator: sum/prod/mean pass; max/min (2.2×) pay NumPy\'s NaN rule (a NaN check per element beside the compare)',
  },
  {
    ids: /^reduce\/arg(Max|Min)\//,
    kinds: ['read'],
    why: 'argMax/argMin of a run is two vectorised passes (the extreme, then the first index holding it, which stops there): up to 2× the read bound; along an outer axis (6.6–7×) the rows fold into the best values and their row numbers, a compare and two selects per element in a scalar loop that LLVM does not vectorise (NaN-first rule)',
  },
  {
    ids: /^reduce\/(max|min)\/f64\//,
    kinds: ['read'],
    why: 'f64 has no SIMD path (the SIMD kernels are f32); the scalar fold vectorises to two lanes',
  },
  {
    ids: /^reduce\/mean\/i32\//,
    kinds: ['read'],
    why: 'the mean of integers accumulates in float64 (NumPy\'s dtype): each element is converted before the pairwise sum',
  },
  {
    ids: /^reduce\/(sum|mean)\/(u8|i32)\//,
    kinds: ['peer', 'read'],
    why: 'integer sums accumulate in int64 (uint64), NumPy\'s default dtype since the contract\'s reductions change: twice the vector work of tfjs-wasm\'s int32 sum, which wraps (u8 sums run in 16-bit lanes, then widen)',
  },
  {
    ids: /^creation\/(tensor|zeros|ones|full)\/.*\/small/,
    kinds: ['peer'],
    why: 'a 4-element creation is per-call overhead: one wasm call, the handle\'s FinalizationRegistry registration (0.19 µs) and, for typed arrays, a second call for the storage address before the copy',
  },
  {
    ids: /^creation\/tensor\/(f32|i32)\/large\/typed/,
    kinds: ['peer'],
    why: 'parity within noise: both copy the array once (ExTensor into wasm memory, 1.0–1.06× the copy bound)',
  },
  {
    ids: /^creation\/tensor\/f32\/.*\/nested/,
    kinds: ['peer'],
    why: 'reading nested JS arrays element by element dominates (the plain-JS column shows the floor); parity with tfjs within noise',
  },
  {
    ids: /^binary\/add\/f32\/small/,
    kinds: ['time', 'peer'],
    why: 'per-call overhead: one wasm call and the result handle\'s FinalizationRegistry registration (0.19 µs) before any arithmetic; scijs ndarray-ops adds into a preallocated array in plain JS',
  },
  {
    ids: /^binary\/add\/f32\/large\/bcast/,
    kinds: ['peer'],
    why: 'broadcast rows: one kernel call per 1024-element row; parity with tfjs within noise',
  },
  {
    ids: /^chain\//,
    kinds: ['peer'],
    why: 'three views + three free() are six wasm calls and three FinalizationRegistry registrations (≈ 0.19 µs each); scijs ndarray makes a view as a plain JS object, no backstop, no wasm',
  },
  {
    ids: /^join\//,
    kinds: ['peer'],
    why: 'one block copy per input into an uninitialised output, 1.3× the copy bound; tfjs-wasm is at 1.1× (0.83–0.92× across runs)',
  },
  {
    ids: /^copies\/toTypedArray\/f32\/large|^unary\/relu\/f32\/large/,
    kinds: ['peer'],
    peer: 'tfjs',
    why: 'parity within noise (0.98–1.1× across runs): both are one pass over memory (relu: read and write; toTypedArray: a fresh array and one copy)',
  },
];

/** The reason for a miss ({ id, kind, peer }) in `where` ('Node' or 'Chromium'), or null. */
export function reasonFor(miss, where) {
  const entry = REASONS.find((r) => r.ids.test(miss.id) && r.kinds.includes(miss.kind)
    && (r.peer === undefined || r.peer === miss.peer) && (r.where === undefined || r.where === where));
  return entry ? entry.why : null;
}
