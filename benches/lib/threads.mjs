// The thread-scaling bench (benches/threads.mjs, issue 14): its rows, its configurations
// (a library at a thread count, one per process or page), what a configuration runs in its
// realm, the output digests the cross-check compares, and the targets. Environment-agnostic:
// the Node children and the Chromium pages (threads-page.mjs) run the same code.
//
// A row here is a row of the matrix (matrix.mjs) at another size: the cases in cases/*.mjs
// read every shape from the row's inputs, so the matrix's ExTensor, tfjs and ORT cases run it.
import { expandRows } from './matrix.mjs';
import { TOLERANCE, clearInputs, relDiff, rowInputs, toNumbers } from './data.mjs';
import { extensorCase } from './cases/extensor.mjs';
import { tfjsCase } from './cases/tfjs.mjs';
import { ortCase } from './cases/ort.mjs';
import { runCase } from './session.mjs';

/** The thread count the targets are checked at (the issue's 2-core machine). */
export const TARGET_THREADS = 2;

const BIG = [4096, 1024]; // 4 194 304 elements
const SQUARE = [2048, 2048]; // 4 194 304 elements, for the transpose

// `kind`: 'parallel' work the pool splits (compute-bound), 'memory' (memory-bound at 4M),
// 'small' (below the parallel threshold: the calling thread alone).
// Targets: '<config>>=<x>' = time(config) ÷ time(ExTensor at TARGET_THREADS) ≥ x.
const SPECS = [
  { id: 'matmul/512', base: 'matmul/matmul/f32/512', label: 'matmul f32 512² @ 512²', kind: 'parallel', targets: ['ex@1>=1.8', 'ort@2>=1.2', 'tfjs@2>=1'] },
  { id: 'exp/4M', base: 'unary/exp/f32/large', shape: BIG, label: 'exp f32 4096×1024', kind: 'parallel', targets: ['ex@1>=1.5'] },
  { id: 'tanh/4M', base: 'unary/tanh/f32/large', shape: BIG, label: 'tanh f32 4096×1024', kind: 'parallel', targets: ['ex@1>=1.5'] },
  { id: 'sigmoid/4M', base: 'unary/sigmoid/f32/large', shape: BIG, label: 'sigmoid f32 4096×1024', kind: 'parallel', targets: ['ex@1>=1.5'] },
  { id: 'softmax/4M', base: 'softmax/softmax/f32/large/inner', shape: BIG, label: 'softmax f32 4096×1024 axis -1', kind: 'parallel', targets: ['ex@1>=1.5'] },
  { id: 'add/4M', base: 'binary/add/f32/large', shape: BIG, label: 'add f32 4096×1024 + 4096×1024', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'mul/4M', base: 'binary/mul/f32/large', shape: BIG, label: 'mul f32 4096×1024 × 4096×1024', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'sum/4M', base: 'reduce/sum/f32/large/all', shape: BIG, label: 'sum f32 4096×1024 all axes', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'rowsum/4M', base: 'reduce/sum/f32/large/inner', shape: BIG, label: 'sum f32 4096×1024 axis -1 (row sums)', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'astype/4M', base: 'copies/astype/f32/large/to-f64', shape: BIG, label: 'astype f32→f64 4096×1024', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'transpose/4M', base: 'copies/contiguous/f32/large/transposed', shape: SQUARE, label: 'transpose().contiguous() f32 2048²', kind: 'memory', targets: ['ex@1>=1'] },
  { id: 'add/1000', base: 'binary/add/f32/small', shape: [1000], label: 'add f32 [1000] + [1000]', kind: 'small', targets: ['ex@1>=0.95'] },
  { id: 'exp/1000', base: 'unary/exp/f32/small', shape: [1000], label: 'exp f32 [1000]', kind: 'small', targets: ['ex@1>=0.95'] },
  { id: 'sum/1000', base: 'reduce/sum/f32/small/all', shape: [1000], label: 'sum f32 [1000]', kind: 'small', targets: ['ex@1>=0.95'] },
  { id: 'matmul/32', base: 'matmul/matmul/f32/32', label: 'matmul f32 32² @ 32²', kind: 'small', targets: ['ex@1>=0.95'] },
];

export const KIND_LABELS = {
  parallel: 'compute-bound, split over the pool',
  memory: 'memory-bound',
  small: 'below the parallel threshold',
};

const sameShape = (a, b) => a.length === b.length && a.every((d, k) => d === b[k]);
const count = (shape) => shape.reduce((a, b) => a * b, 1);

/** A matrix row with its main shape replaced by `shape` (inputs, output, bytes). */
function resized(base, shape) {
  const from = base.inputs.a.shape;
  const swap = (s) => (sameShape(s, from) ? shape : sameShape(s, [...from].reverse()) ? [...shape].reverse() : s);
  const scale = count(shape) / count(from);
  return {
    ...base,
    inputs: Object.fromEntries(Object.entries(base.inputs).map(([name, spec]) => [name, { ...spec, shape: swap(spec.shape) }])),
    out: { ...base.out, shape: swap(base.out.shape) },
    bytes: { read: base.bytes.read * scale, write: base.bytes.write * scale },
  };
}

/** The bench's rows: matrix rows (their family, op, param, check rules, peers) at these sizes. */
export function threadRows() {
  const matrix = new Map(expandRows().map((r) => [r.id, r]));
  return SPECS.map((spec) => {
    const base = matrix.get(spec.base);
    if (!base) throw new Error(`threads: the matrix has no row ${spec.base}`);
    const row = spec.shape ? resized(base, spec.shape) : { ...base };
    return {
      ...row,
      id: spec.id,
      label: spec.label,
      kind: spec.kind,
      targets: spec.targets,
      peers: base.peers.filter((p) => p === 'tfjs' || p === 'ort'),
    };
  });
}

// ---------------------------------------------------------------- configurations

export const IMPL_LABELS = { ex: 'ExTensor', ort: 'onnxruntime-web', tfjs: 'tfjs-wasm' };

/** 'ex@2' -> { impl: 'ex', threads: 2 } */
export function parseConfig(config) {
  const m = /^(ex|ort|tfjs)@(\d+)$/.exec(config);
  if (!m) throw new Error(`threads: no configuration ${config}`);
  return { impl: m[1], threads: +m[2] };
}

/** Every library at every thread count: ExTensor first (its 1-thread build is the reference). */
export function configsFor(threadCounts) {
  return ['ex', 'ort', 'tfjs'].flatMap((impl) => threadCounts.map((n) => `${impl}@${n}`));
}

/** ExTensor's init() options for a thread count: 1 = the single-threaded SIMD build. */
export const exInitOptions = (threads) => (threads === 1 ? { threads: 1, relaxed: false } : { threads });

/**
 * Starts one configuration in this realm (a Node child or a page) and checks it runs as named,
 * throwing otherwise: a misleading ratio is worse than none.
 * @param ex ExTensor's module (node or browser entry), init() not yet called
 * @param loaders { tfjs({ threads }), ort({ threads }) } resolving to { lib, info } | { error }
 * @returns {Promise<{ session, info }>} info: plain data for the report
 */
export async function startConfig(config, { ex, loaders }) {
  const { impl, threads } = parseConfig(config);
  if (impl === 'ex') {
    await ex.init(exInitOptions(threads));
    const b = ex.backend();
    const want = threads === 1 ? 'simd' : 'threads';
    if (b.build !== want || b.threads !== threads) {
      throw new Error(`${config}: ExTensor's init(${JSON.stringify(exInitOptions(threads))}) gave the ${b.build} build at ${b.threads} threads, not ${want} at ${threads}`);
    }
    return { session: threadsSession(impl, ex), info: { build: b.build, threads: b.threads, version: b.version } };
  }
  const loaded = await loaders[impl]({ threads });
  if (loaded.error) throw new Error(`${config}: ${loaded.error}`);
  if (impl === 'ort') await checkOrtThreads(loaded.lib, threads);
  return { session: threadsSession(impl, loaded.lib), info: { ...loaded.info, threads } };
}

/** ORT drops to one thread (with a warning) where it cannot share memory: make it load, then look. */
async function checkOrtThreads(ort, threads) {
  const row = threadRows().find((r) => r.id === 'add/1000');
  const c = await ortCase(ort, row, rowInputs(row));
  await c.dispose?.();
  if (c.na) throw new Error(`ort@${threads}: a one-node model did not run (${c.na})`);
  if (ort.env.wasm.numThreads !== threads) throw new Error(`ort@${threads}: ort.env.wasm.numThreads is ${ort.env.wasm.numThreads} once loaded, not ${threads}`);
}

// ---------------------------------------------------------------- a configuration's session

const CASES = { ex: extensorCase, tfjs: tfjsCase, ort: ortCase };

/** Runs rows by id in this realm for one library: plain data out (it crosses IPC / page.evaluate). */
export function threadsSession(impl, lib) {
  const rows = new Map(threadRows().map((r) => [r.id, r]));
  return {
    /** @returns {Promise<{ cell: { ms } | { na } | { error } | { skip }, digest: object | null }>} */
    async runRow(id, { withDigest = true } = {}) {
      const row = rows.get(id);
      if (!row) throw new Error(`threads session: no row ${id}`);
      if (impl !== 'ex' && !row.peers.includes(impl)) return { cell: { na: `not a peer of this row` }, digest: null };
      try {
        const r = await runCase(() => CASES[impl](lib, row, rowInputs(row)));
        if (r.skip) return { cell: { skip: r.skip }, digest: null };
        return { cell: r.cell, digest: withDigest && r.out !== undefined ? digest(r.out) : null };
      } finally {
        clearInputs(); // 16 MB per input: one row's at a time, in each of the processes and pages
      }
    },
  };
}

// ---------------------------------------------------------------- the cross-check

const SAMPLES = 4096;

/**
 * What the cross-check needs of an output, small enough to cross IPC and page.evaluate: a
 * hash of every value (exact equality between ExTensor's builds) and evenly spaced samples
 * (the peers' normwise tolerance).
 */
export function digest(out) {
  const x = toNumbers(out);
  const words = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i], 16777619);
    h2 = Math.imul(h2 + words[i], 2654435761) ^ (h2 >>> 15);
  }
  const step = Math.max(1, Math.floor(x.length / SAMPLES));
  const sample = [];
  for (let i = 0; i < x.length; i += step) sample.push(x[i]);
  return { length: x.length, hash: `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`, sample };
}

/**
 * One comparison of a configuration's output with the reference's (ExTensor at 1 thread):
 * ExTensor at more threads must be bit-identical (the README's promise), a peer within the
 * matrix's tolerance on the samples (0 for exact rows).
 */
export function compareDigests(row, config, out, ref) {
  const { impl } = parseConfig(config);
  const sampled = out.length === ref.length ? relDiff(Float64Array.from(out.sample), Float64Array.from(ref.sample)) : NaN;
  if (impl === 'ex') {
    const ok = out.length === ref.length && out.hash === ref.hash;
    return { id: row.id, row: row.label, config, ok, what: ok ? 'bit-identical' : `not bit-identical (sampled normwise difference ${sampled})` };
  }
  const tol = row.exact ? 0 : TOLERANCE;
  const ok = sampled <= tol;
  return { id: row.id, row: row.label, config, ok, diff: sampled, what: `sampled normwise difference ${Number.isNaN(sampled) ? 'NaN' : sampled.toExponential(1)} (≤ ${tol})` };
}

// ---------------------------------------------------------------- targets

/** 'ort@2>=1.2' -> { ref: 'ort@2', min: 1.2, label } */
export function parseThreadTarget(text) {
  const m = /^((?:ex|ort|tfjs)@\d+)>=([\d.]+)$/.exec(text);
  if (!m) throw new Error(`threads: cannot parse target '${text}'`);
  const ref = parseConfig(m[1]);
  const who = ref.impl === 'ex' ? `ExTensor ${ref.threads === 1 ? '1 thread (SIMD build)' : `${ref.threads} threads`}` : `${IMPL_LABELS[ref.impl]} ${ref.threads} thread${ref.threads > 1 ? 's' : ''}`;
  return { text, ref: m[1], min: +m[2], label: `≥ ${m[2]}× ${who}` };
}

/**
 * A row's targets in one environment: ratio = time(ref) ÷ time(ExTensor at TARGET_THREADS).
 * `cells` by configuration; a missing or n/a cell leaves the target unchecked (pass null), with why.
 */
export function evaluateTargets(row, cells) {
  const subject = `ex@${TARGET_THREADS}`;
  return row.targets.map((text) => {
    const t = parseThreadTarget(text);
    const [a, b] = [cells[t.ref], cells[subject]];
    if (!(a?.ms > 0) || !(b?.ms > 0)) {
      const missing = !(b?.ms > 0) ? subject : t.ref;
      return { ...t, value: NaN, pass: null, why: cells[missing]?.na ?? cells[missing]?.error ?? `${missing} not measured` };
    }
    const value = a.ms / b.ms;
    return { ...t, value, pass: value >= t.min };
  });
}
