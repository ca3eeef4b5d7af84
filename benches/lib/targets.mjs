// Targets: parsing the table's target strings and checking them against a row's cells.
// Environment-agnostic.
//
// Ratios vs a peer are time(peer) / time(ExTensor): above 1× ExTensor is faster.
// Bounds are times; a bound target is time(ExTensor) / bound, at most the target. copy(X) is
// the measured time of a TypedArray.prototype.set copy of X bytes between two arrays on the
// JS heap, in the same run (a copy of X bytes reads X and writes X bytes).
//   copy bound = copy((bytes read + bytes written) / 2): a TypedArray.set copy that moves as
//                many bytes as the op, over the same working set. For a plain copy (clone,
//                toTypedArray, tensor(typedArray), contiguous: X read, X written) it is
//                exactly copy(X), "a TypedArray.set copy of the same bytes".
//   read bound = copy(bytes read) = bytes read ÷ copy bandwidth, the copy bandwidth being bytes
//                copied per second by TypedArray.set: the time to stream the input once at
//                the speed memory copies run. (A copy also writes what it reads, so a pure
//                reduction running at full read bandwidth can come in under this bound, near
//                0.5×; softmax, which must also write its output, cannot beat it.)

export const PEERS = ['tfjs', 'ort', 'ndarray', 'js'];
export const PEER_LABELS = { tfjs: 'tfjs-wasm', ort: 'onnxruntime-web', ndarray: 'scijs ndarray', js: 'plain JS' };

/** 'tfjs>=1' -> { kind: 'peer', peer: 'tfjs', min: 1 }; 'copy<=1.5'; 'read<=1.5'; 'time<=0.4us'; 'baseline<=2'. */
export function parseTarget(text) {
  let m = /^(tfjs|ort|ndarray|js)>=([\d.]+)$/.exec(text);
  if (m) return { text, kind: 'peer', peer: m[1], min: +m[2], label: `≥ ${m[2]}× ${PEER_LABELS[m[1]]}` };
  m = /^(copy|read)<=([\d.]+)$/.exec(text);
  if (m) return { text, kind: m[1], max: +m[2], label: `≤ ${m[2]}× ${m[1] === 'copy' ? 'copy bound' : 'read bound'}` };
  m = /^time<=([\d.]+)us$/.exec(text);
  if (m) return { text, kind: 'time', maxMs: +m[1] / 1e3, label: `≤ ${m[1]} µs` };
  m = /^baseline<=([\d.]+)$/.exec(text);
  if (m) return { text, kind: 'baseline', max: +m[1], label: `baseline ≤ ${m[1]}× SIMD` };
  throw new Error(`targets: cannot parse '${text}'`);
}

/**
 * Evaluates one target. `res` = { cells: { ex, tfjs, ... , baseline }, bounds: { copy, read } }.
 * @returns {{ target, label, value, unit, pass: boolean|null, why? }} pass null: not applicable
 */
export function evaluate(target, res) {
  const t = typeof target === 'string' ? parseTarget(target) : target;
  const ex = res.cells.ex?.ms;
  const out = { target: t.text, label: t.label, kind: t.kind, value: NaN, pass: null };
  if (!(ex > 0)) return { ...out, why: res.cells.ex?.error ? 'error' : 'no ExTensor time', pass: res.cells.ex?.error ? false : null };
  switch (t.kind) {
    case 'peer': {
      const cell = res.cells[t.peer];
      if (!(cell?.ms > 0)) return { ...out, why: cell?.error ? `${t.peer} error` : `${t.peer} n/a` };
      const value = cell.ms / ex;
      return { ...out, value, unit: '×', pass: value >= t.min };
    }
    case 'copy':
    case 'read': {
      const bound = res.bounds?.[t.kind];
      if (!(bound > 0)) return { ...out, why: 'no bound' };
      const value = ex / bound;
      return { ...out, value, unit: '× bound', pass: value <= t.max };
    }
    case 'time':
      return { ...out, value: ex * 1e3, unit: 'µs', pass: ex <= t.maxMs };
    case 'baseline': {
      const b = res.cells.baseline?.ms;
      if (!(b > 0)) return { ...out, why: res.cells.baseline?.error ? 'baseline error' : 'baseline not run' };
      const value = b / ex;
      return { ...out, value, unit: '× SIMD', pass: value <= t.max };
    }
    default:
      return out;
  }
}

/** The bounds of a row from the copy references: copyMs(bytes) -> ms. */
export function boundsOf(row, copyMs) {
  const { read, write } = row.bytes;
  const bounds = {};
  if (read > 0 && write > 0) bounds.copy = copyMs(copyBytes(row));
  if (read > 0) bounds.read = copyMs(read);
  return bounds;
}

/** The bytes of the copy the copy bound times: (read + written) / 2, a multiple of 8. */
const copyBytes = (row) => Math.ceil((row.bytes.read + row.bytes.write) / 16) * 8;

/** Byte counts whose copy time the rows need (large rows only: small ones are per-call). */
export function copySizes(rows) {
  const sizes = new Set();
  for (const row of rows) {
    if (row.size === 'small') continue;
    if (row.bytes.read > 0) sizes.add(row.bytes.read);
    if (row.bytes.read > 0 && row.bytes.write > 0) sizes.add(copyBytes(row));
  }
  return [...sizes].sort((a, b) => a - b);
}
