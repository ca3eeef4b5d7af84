// A bench session: ExTensor and the peers loaded in one realm (the Node process, or a page in
// Chromium) running the matrix's rows by id. Environment-agnostic. The Node runner calls it
// directly; the Chromium runner calls the same methods in its page through page.evaluate, so
// every argument and result is plain data (row ids, byte counts, cells, checks). The run
// itself (order, bounds, second pass) is run.mjs, on the Node side of both.
import { FAMILIES, expandRows } from './matrix.mjs';
import { TOLERANCE, clearInputs, relDiff, rowInputs, toNumbers } from './data.mjs';
import { measure, measureAsync } from './timing.mjs';
import { extensorCase } from './cases/extensor.mjs';
import { copyCase, jsCase } from './cases/js.mjs';
import { tfjsCase } from './cases/tfjs.mjs';
import { ortCase } from './cases/ort.mjs';
import { ndarrayCase } from './cases/ndarray.mjs';
import { PEER_LABELS } from './targets.mjs';
import { extensorMemory, measureWasmMemcpy } from './memcpy.mjs';

const errText = (e) => `${e?.code ? `${e.code}: ` : ''}${String(e?.message ?? e).split('\n')[0]}`;

/** Runs one case: its result (for the check), then its timing; always disposes. */
export async function runCase(make) {
  let c;
  try {
    c = await make();
  } catch (e) {
    return { cell: { error: errText(e) } };
  }
  if (c.skip) return { skip: c.skip };
  if (c.na) {
    await c.dispose?.();
    return { cell: { na: c.na } };
  }
  try {
    const out = c.async ? await c.result() : c.result();
    const t = c.async ? await measureAsync(c.run) : measure(c.run);
    return { cell: t, out };
  } catch (e) {
    return { cell: { error: errText(e) } };
  } finally {
    await c.dispose?.();
  }
}

export function compareOutputs(row, exOut, out, peerLabel, exLabel) {
  if (row.noCheck || exOut == null || out == null) return null;
  const diff = relDiff(toNumbers(out), toNumbers(exOut));
  const tol = row.exact ? 0 : TOLERANCE;
  return { id: row.id, row: row.label, a: exLabel, b: peerLabel, diff, tol, ok: diff <= tol };
}

// ---------------------------------------------------------------- peers

const CASES = { tfjs: tfjsCase, ort: ortCase, ndarray: ndarrayCase };

/** One line per loaded peer for the report's machine section (`info` from its loader). */
const DESCRIBE = {
  tfjs: (i) => `TensorFlow.js: tfjs-core ${i.core}, tfjs-backend-wasm ${i.wasm}; tf.getBackend() = '${i.backend}', loaded ${i.file}, ${i.threads} thread`,
  ort: (i) => `onnxruntime-web ${i.version}: wasm execution provider, ort.env.wasm.numThreads = ${i.threads}, no proxy worker; ${i.file}; one-node ONNX models (opset 18), graphOptimizationLevel 'all'`,
  ndarray: (i) => `scijs: ndarray ${i.ndarray}, ndarray-ops ${i.ops} (results into a fresh ndarray per call)`,
};

/**
 * Loads the peers the rows need with the environment's loaders (peers-node.mjs or
 * peers-browser.mjs: each resolves to `{ lib, info }` or `{ error }`); plain JS always.
 * @returns {Promise<{ peers: { [name]: { make } | { error } }, peerInfo, peerErrors }>} peerInfo and
 *   peerErrors: a line per peer that loaded / failed to load, by name
 */
export async function loadPeers(need, loaders) {
  const peers = { js: { make: jsCase } };
  const peerInfo = {};
  const peerErrors = {};
  for (const [name, load] of Object.entries(loaders)) {
    if (!need.includes(name)) continue;
    const loaded = await load();
    if (loaded.error) {
      peers[name] = { error: loaded.error };
      peerErrors[name] = loaded.error;
      continue;
    }
    peers[name] = { make: (row, inputs) => CASES[name](loaded.lib, row, inputs) };
    peerInfo[name] = DESCRIBE[name](loaded.info);
  }
  return { peers, peerInfo, peerErrors };
}

// ---------------------------------------------------------------- the session

/**
 * @param ex the loaded ExTensor module (init() done)
 * @param peers from loadPeers()
 * @param exLabel ExTensor's name in the checks, e.g. 'ExTensor relaxed'
 */
export function createSession({ ex, peers, exLabel }) {
  const rows = new Map(expandRows().map((r) => [r.id, r]));
  const rowOf = (id) => {
    const row = rows.get(id);
    if (!row) throw new Error(`bench session: no row ${id}`);
    return row;
  };
  const maker = (impl, row, inputs) => (impl === 'ex' ? () => extensorCase(ex, row, inputs) : () => peers[impl].make(row, inputs));
  // Inputs are cached per family (rows of a family share them) and dropped between families.
  let family = null;

  return {
    /** TypedArray.set copy time per byte count, as [bytes, ms] pairs. */
    copyTimes(sizes) {
      return sizes.map((bytes) => [bytes, measure(copyCase(bytes).run).ms]);
    },

    /**
     * The first calls through a library's JS layer run unoptimised code: spin the two
     * cheapest rows of each family (ExTensor and every peer) for ~20 ms each.
     */
    async warmUp(ids) {
      const picked = ids.map(rowOf);
      const cheap = (r) => (r.size === 'small' ? 0 : r.size === 'large' || r.size === 'grid' ? 2 : 1);
      const picks = FAMILIES.flatMap((f) => picked.filter((r) => r.family === f).sort((a, b) => cheap(a) - cheap(b)).slice(0, 2));
      for (const row of picks) {
        const inputs = rowInputs(row);
        for (const impl of ['ex', ...row.peers.filter((p) => peers[p]?.make)]) {
          let c;
          try {
            c = await maker(impl, row, inputs)();
            if (c.run) for (const end = performance.now() + 20; performance.now() < end;) await c.run();
          } catch { /* the timed pass reports it */ }
          await c?.dispose?.();
        }
      }
    },

    /**
     * ExTensor, then every peer of the row: checked against ExTensor's output, then timed.
     * @returns {Promise<{ skip: string } | { cells, checks }>}
     */
    async runRow(id) {
      const row = rowOf(id);
      if (row.family !== family) {
        clearInputs();
        family = row.family;
      }
      const inputs = rowInputs(row);
      const exRun = await runCase(maker('ex', row, inputs));
      if (exRun.skip) return { skip: exRun.skip };
      const cells = { ex: exRun.cell };
      const checks = [];
      for (const peer of row.peers) {
        const p = peers[peer];
        if (!p || p.error) {
          cells[peer] = { na: p?.error ?? `${peer} not loaded` };
          continue;
        }
        const r = await runCase(maker(peer, row, inputs));
        // A peer that throws lacks the op (or the dtype): n/a, with its message in the notes.
        cells[peer] = r.cell.error ? { na: `threw: ${r.cell.error}` } : r.cell;
        const check = compareOutputs(row, exRun.out, r.out, PEER_LABELS[peer], exLabel);
        if (check) checks.push(check);
      }
      return { cells, checks };
    },

    /** Times the row again for `impls` ('ex' and peer names): the cells that ran. */
    async retime(id, impls) {
      const row = rowOf(id);
      const inputs = rowInputs(row);
      const cells = {};
      for (const impl of impls) {
        if (impl !== 'ex' && !peers[impl]?.make) continue;
        const r = await runCase(maker(impl, row, inputs));
        if (r.cell?.ms) cells[impl] = r.cell;
      }
      clearInputs();
      family = null;
      return cells;
    },

    /** 4 MiB copies inside ExTensor's wasm memory (memcpy.mjs), for information. */
    async wasmCopies() {
      return measureWasmMemcpy(ex, await extensorMemory());
    },
  };
}
