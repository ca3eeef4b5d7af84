#!/usr/bin/env node
// The benchmark matrix: every op family of ExTensor's public API at a small (per-call) and a
// large (1M-element) size over the dtypes users hit, against TensorFlow.js' wasm backend,
// onnxruntime-web (wasm), scijs ndarray and plain JS, in one process and one run, with a
// correctness cross-check and per-row targets. See benches/README.md.
//
//   node benches/bench.mjs [--build=all|both|simd|relaxed|baseline] [--filter=<regex>]
//                          [--check] [--no-write] [--out=<dir>] [--list]
//
// This file is the Node runner. The table (lib/matrix.mjs) and the cases (lib/cases/*.mjs)
// are environment-agnostic modules a browser runner can share.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as ex from 'extensor';
import { FAMILIES, expandRows } from './lib/matrix.mjs';
import { TOLERANCE, clearInputs, relDiff, rowInputs, toNumbers } from './lib/data.mjs';
import { DEFAULTS, measure, measureAsync } from './lib/timing.mjs';
import { extensorCase } from './lib/cases/extensor.mjs';
import { copyCase, jsCase } from './lib/cases/js.mjs';
import { tfjsCase } from './lib/cases/tfjs.mjs';
import { ortCase } from './lib/cases/ort.mjs';
import { ndarrayCase } from './lib/cases/ndarray.mjs';
import { PEER_LABELS, boundsOf, copySizes, evaluate } from './lib/targets.mjs';
import { loadNdarray, loadOrt, loadTfjs } from './lib/peers-node.mjs';
import { measureWasmMemcpy } from './lib/memcpy.mjs';
import {
  familyTable, fmtRatio, fmtTime, markdownTable, misses, sig, summaryRows, svgChart, textTable,
} from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const USAGE = 'usage: node benches/bench.mjs [--build=all|both|simd|relaxed|baseline] [--filter=<regex>] [--check] [--no-write] [--out=<dir>] [--list]';

function parseArgs(argv) {
  const opts = { build: 'all', child: false, write: true, check: false, filter: null, list: false, rows: null, out: null };
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const [key, value] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (key === '--build' && ['both', 'all', 'simd', 'relaxed', 'baseline'].includes(value)) opts.build = value;
    else if (key === '--filter' && value) opts.filter = new RegExp(value);
    else if (key === '--check') opts.check = true;
    else if (key === '--out' && value) opts.out = path.resolve(value);
    else if (key === '--no-write') opts.write = false;
    else if (key === '--list') opts.list = true;
    else if (key === '--child') opts.child = true;
    else if (key === '--rows' && ['membound', 'matmul', 'all'].includes(value)) opts.rows = value;
    else if (key === '--help' || key === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return opts;
}

/** The README's benchmark table is this run's summary: rewritten between its two markers. */
function updateReadmeSummary(table) {
  const file = path.join(ROOT, 'README.md');
  const [start, end] = ['<!-- bench-summary:start -->', '<!-- bench-summary:end -->'];
  const text = readFileSync(file, 'utf8');
  const [from, to] = [text.indexOf(start), text.indexOf(end)];
  if (from === -1 || to < from) {
    log(`README.md has no ${start} … ${end} markers: its table is left as it is`);
    return;
  }
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
  log('rewrote the summary table in README.md');
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const errText = (e) => `${e?.code ? `${e.code}: ` : ''}${String(e?.message ?? e).split('\n')[0]}`;

function selectRows(opts) {
  let rows = expandRows();
  if (opts.filter) rows = rows.filter((r) => opts.filter.test(r.id) || opts.filter.test(r.label));
  if (opts.rows === 'membound') rows = rows.filter((r) => r.memBound);
  if (opts.rows === 'matmul') rows = rows.filter((r) => r.family === 'matmul');
  return rows;
}

/** Runs one case: its result (for the check), then its timing; always disposes. */
async function runCase(make) {
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

function compareOutputs(row, exOut, out, peerLabel, exLabel) {
  if (row.noCheck || exOut == null || out == null) return null;
  const diff = relDiff(toNumbers(out), toNumbers(exOut));
  const tol = row.exact ? 0 : TOLERANCE;
  return { id: row.id, row: row.label, a: exLabel, b: peerLabel, diff, tol, ok: diff <= tol };
}

// ---------------------------------------------------------------- child: one other build

async function childMain(opts) {
  const info = await ex.init({ simd: opts.build !== 'baseline', relaxed: opts.build === 'relaxed' });
  const cells = {};
  const checks = [];
  // two passes over the rows (the faster time kept), as the parent re-times its misses
  for (const pass of [1, 2]) {
    for (const row of selectRows(opts)) {
      const inputs = rowInputs(row);
      const r = await runCase(() => extensorCase(ex, row, inputs));
      if (r.skip) continue;
      if (pass === 1 || (r.cell.ms && !(cells[row.id]?.ms <= r.cell.ms))) cells[row.id] = r.cell;
      log(`ExTensor ${opts.build.padEnd(8)} pass ${pass} ${row.id.padEnd(44)} ${r.cell.ms ? fmtTime(r.cell.ms) : r.cell.na ?? r.cell.error}`);
      if (pass === 1 && r.out !== undefined && row.peers.includes('js')) {
        const js = jsCase(row, inputs);
        if (!js.na) {
          const check = compareOutputs(row, r.out, js.result(), 'plain JS', `ExTensor ${opts.build}`);
          if (check) checks.push(check);
        }
      }
    }
    clearInputs();
  }
  process.stdout.write(JSON.stringify({ build: opts.build, info, cells, checks }));
}

function runChild(build, rowsArg, opts) {
  log(`ExTensor ${build}: child process (${rowsArg} rows)`);
  // Node 20 validates relaxed-SIMD opcodes only behind a flag.
  const flags = build === 'relaxed' ? ['--experimental-wasm-relaxed-simd'] : [];
  const args = [fileURLToPath(import.meta.url), '--child', `--build=${build}`, `--rows=${rowsArg}`];
  if (opts.filter) args.push(`--filter=${opts.filter.source}`);
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, ...args], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20,
  });
  if (child.status !== 0) return { build, error: `child process exited with ${child.status ?? child.signal}` };
  try {
    return JSON.parse(child.stdout);
  } catch (e) {
    return { build, error: `child output unreadable: ${e.message}` };
  }
}

// ---------------------------------------------------------------- helpers

function gitDescribe() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

function wasmSize(build) {
  try {
    return statSync(path.join(ROOT, 'pkg', `extensor_${build}_bg.wasm`)).size;
  } catch {
    return NaN;
  }
}

/** ExTensor's WebAssembly.Memory, for the memory.copy reference (internal; optional). */
async function extensorMemory() {
  try {
    const { state } = await import(pathToFileURL(path.join(ROOT, 'js', 'runtime.js')).href);
    return state.exports?.memory;
  } catch {
    return undefined;
  }
}

/** TypedArray.set copy time for every byte count the rows need; min over the passes. */
function measureCopies(sizes, into) {
  for (const bytes of sizes) {
    const t = measure(copyCase(bytes).run).ms;
    into.set(bytes, Math.min(into.get(bytes) ?? Infinity, t));
  }
}

async function warmUp(rows, peers) {
  const picks = [];
  const cheap = (r) => (r.size === 'small' ? 0 : r.size === 'large' || r.size === 'grid' ? 2 : 1);
  for (const family of FAMILIES) picks.push(...rows.filter((r) => r.family === family).sort((a, b) => cheap(a) - cheap(b)).slice(0, 2));
  for (const row of picks) {
    const inputs = rowInputs(row);
    const makers = [() => extensorCase(ex, row, inputs), ...row.peers.filter((p) => peers[p]?.make).map((p) => () => peers[p].make(row, inputs))];
    for (const make of makers) {
      let c;
      try {
        c = await make();
        if (c.run) for (const end = performance.now() + 20; performance.now() < end;) await c.run();
      } catch { /* the timed pass reports it */ }
      await c?.dispose?.();
    }
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.list) {
    for (const row of selectRows(opts)) console.log(`${row.id.padEnd(46)} ${row.label.padEnd(58)} ${row.targets.join(' ')}`);
    return;
  }
  if (opts.child) return childMain(opts);
  const builds = { all: ['simd', 'baseline', 'relaxed'], both: ['simd', 'baseline'] }[opts.build] ?? [opts.build];
  if (builds[0] === 'relaxed' && !ex.engineSupport().relaxed) {
    // re-run this process with the flag Node 20 needs for relaxed SIMD
    log('relaxed build: re-running with --experimental-wasm-relaxed-simd');
    const r = spawnSync(process.execPath, [...process.execArgv, '--experimental-wasm-relaxed-simd', ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const started = Date.now();
  const rows = selectRows(opts);
  if (rows.length === 0) {
    console.error('bench: no row matches the filter');
    process.exit(2);
  }
  // a subset never overwrites benches/results.*; --out=<dir> writes it elsewhere
  const outDir = opts.out ?? HERE;
  const write = opts.write && (!opts.filter || opts.out !== null);
  if (opts.write && !write) log('--filter: benches/results.md / results.svg are not written for a subset (use --out=<dir>)');

  // 1. libraries
  const info = await ex.init({ simd: builds[0] !== 'baseline', relaxed: builds[0] === 'relaxed' });
  const exLabel = `ExTensor ${info.build}`;
  log(`${exLabel} (simd=${info.simd}, relaxed=${info.relaxed}) in this process; ${rows.length} rows`);
  const need = new Set(rows.flatMap((r) => r.peers));
  const peers = {};
  const peerInfo = {};
  if (need.has('tfjs')) {
    const t = await loadTfjs();
    if (t.error) peers.tfjs = { error: t.error };
    else {
      peers.tfjs = { make: (row, inp) => tfjsCase(t.tf, row, inp) };
      peerInfo.tfjs = `TensorFlow.js: tfjs-core ${t.info.core}, tfjs-backend-wasm ${t.info.wasm}; tf.getBackend() = '${t.info.backend}', loaded ${t.info.file}, ${t.info.threads} thread`;
    }
  }
  if (need.has('ort')) {
    const o = await loadOrt();
    if (o.error) peers.ort = { error: o.error };
    else {
      peers.ort = { make: (row, inp) => ortCase(o.ort, row, inp) };
      peerInfo.ort = `onnxruntime-web ${o.info.version}: wasm execution provider, ort.env.wasm.numThreads = ${o.info.threads}, no proxy worker; ${o.info.file}; one-node ONNX models (opset 18), graphOptimizationLevel 'all'`;
    }
  }
  if (need.has('ndarray')) {
    const n = loadNdarray();
    if (n.error) peers.ndarray = { error: n.error };
    else {
      peers.ndarray = { make: (row, inp) => ndarrayCase(n.nd, row, inp) };
      peerInfo.ndarray = `scijs: ndarray ${n.info.ndarray}, ndarray-ops ${n.info.ops} (results into a fresh ndarray per call)`;
    }
  }
  peers.js = { make: (row, inp) => jsCase(row, inp) };
  for (const [k, p] of Object.entries(peers)) if (p.error) log(`${PEER_LABELS[k]}: ${p.error}`);

  // 2. copy references (before the rows; again after; the minimum is kept)
  const sizes = copySizes(rows);
  const copies = new Map();
  measureCopies(sizes, copies);
  log(`copy references: ${sizes.map((b) => `${sig(b / 2 ** 20)} MiB ${fmtTime(copies.get(b))}`).join(', ')}`);

  // 3. warm-up: the first calls through a library's JS layer run unoptimised code; spin a
  // few small rows of each family (ExTensor and every peer) for ~20 ms each
  await warmUp(rows, peers);

  // 4. the rows
  const results = [];
  const skipped = [];
  const checks = [];
  let family = null;
  for (const [k, row] of rows.entries()) {
    if (row.family !== family) {
      clearInputs();
      family = row.family;
    }
    const inputs = rowInputs(row);
    const exRun = await runCase(() => extensorCase(ex, row, inputs));
    if (exRun.skip) {
      skipped.push({ row, why: exRun.skip });
      continue;
    }
    const res = { row, cells: { ex: exRun.cell } };
    for (const peer of row.peers) {
      const p = peers[peer];
      if (!p || p.error) {
        res.cells[peer] = { na: p?.error ?? `${peer} not loaded` };
        continue;
      }
      const r = await runCase(() => p.make(row, inputs));
      // A peer that throws lacks the op (or the dtype): n/a, with its message in the notes.
      res.cells[peer] = r.cell.error ? { na: `threw: ${r.cell.error}` } : r.cell;
      const check = compareOutputs(row, exRun.out, r.out, PEER_LABELS[peer], exLabel);
      if (check) checks.push(check);
    }
    results.push(res);
    const parts = [`${exLabel.replace('ExTensor ', 'ex-')} ${res.cells.ex.ms ? fmtTime(res.cells.ex.ms) : res.cells.ex.na ?? res.cells.ex.error}`];
    for (const peer of row.peers) {
      const c = res.cells[peer];
      parts.push(`${peer} ${c.ms ? `${fmtTime(c.ms)} (${fmtRatio(c.ms / res.cells.ex.ms)})` : 'n/a'}`);
    }
    log(`${String(k + 1).padStart(3)}/${rows.length} ${row.id.padEnd(44)} ${parts.join(' | ')}`);
  }
  measureCopies(sizes, copies);
  for (const res of results) res.bounds = boundsOf(res.row, (b) => copies.get(b));

  // 5. second pass for the rows that miss a target: ExTensor and the peers its targets name
  // are timed again and the faster time of the two passes kept (min of runs, over a longer
  // span), so a slow spell of this noisy machine does not make a miss on its own.
  const retry = results.filter((res) => res.row.targets.some((t) => !t.startsWith('baseline') && evaluate(t, res).pass === false));
  if (retry.length) log(`second pass: ${retry.length} rows that missed a target`);
  for (const res of retry) {
    const { row } = res;
    const inputs = rowInputs(row);
    const again = ['ex', ...row.peers.filter((p) => row.targets.some((t) => t.startsWith(`${p}>=`)))];
    for (const impl of again) {
      const make = impl === 'ex' ? () => extensorCase(ex, row, inputs) : () => peers[impl].make(row, inputs);
      if (impl !== 'ex' && !peers[impl]?.make) continue;
      const r = await runCase(make);
      if (r.cell?.ms && r.cell.ms < (res.cells[impl]?.ms ?? Infinity)) res.cells[impl] = { ...r.cell, pass: 2 };
    }
    clearInputs();
  }
  const wasmCopies = measureWasmMemcpy(ex, await extensorMemory());

  // 6. the other builds, in child processes
  const childRuns = [];
  if (builds.includes('baseline') && builds[0] !== 'baseline' && rows.some((r) => r.memBound)) childRuns.push(runChild('baseline', 'membound', opts));
  if (builds.includes('relaxed') && builds[0] !== 'relaxed' && rows.some((r) => r.family === 'matmul')) childRuns.push(runChild('relaxed', 'matmul', opts));
  let failed = false;
  const childInfo = [];
  for (const run of childRuns) {
    if (run.error) {
      failed = true;
      log(`ExTensor ${run.build}: ${run.error}`);
      childInfo.push(`${run.build}: ${run.error}`);
      continue;
    }
    childInfo.push(`${run.build} (simd=${run.info.simd}, relaxed=${run.info.relaxed}, ${wasmSize(run.build)} bytes wasm) in a child process, ${Object.keys(run.cells).length} rows`);
    checks.push(...run.checks);
    for (const res of results) if (run.cells[res.row.id]) res.cells[run.build] = run.cells[res.row.id];
  }

  // 7. targets
  for (const res of results) {
    res.evals = res.row.targets.map((t) => evaluate(t, res));
    for (const [k, c] of Object.entries(res.cells)) if (c.error && (k === 'ex' || k === 'baseline' || k === 'relaxed')) failed = true;
  }
  const missList = misses(results);
  const badChecks = checks.filter((c) => !c.ok);

  // 8. report
  const seconds = (Date.now() - started) / 1000;
  const cpus = os.cpus();
  const pkgVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const machine = [
    `date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `node: ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}`,
    `cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `ExTensor ${pkgVersion} at ${gitDescribe()}: ${info.build} build (${wasmSize(info.build)} bytes wasm) in this process${childInfo.length ? `; ${childInfo.join('; ')}` : ''}`,
    ...Object.values(peerInfo),
    ...Object.entries(peers).filter(([, p]) => p.error).map(([k, p]) => `${PEER_LABELS[k]}: ${p.error}`),
    `timing: min over ${DEFAULTS.minRuns}–${DEFAULTS.maxRuns} runs of an adaptive batch (>= ${DEFAULTS.minBatchMs} ms per run) after warm-up, per op; rows missing a target in the first pass timed again (${retry.length} rows), the faster pass kept; child builds: two passes; ${results.length} rows, total ${seconds.toFixed(0)} s`,
  ];
  const copyLines = [
    ...sizes.map((b) => `TypedArray.set, JS heap, ${b < 2 ** 20 ? `${sig(b / 2 ** 10)} KiB` : `${sig(b / 2 ** 20)} MiB`} (${b} bytes): ${fmtTime(copies.get(b))} = ${sig(b / (copies.get(b) * 1e-3) / 1e9)} GB/s copied`),
    ...wasmCopies.map((m) => (m.ms ? `${m.label}, 4 MiB: ${fmtTime(m.ms)} = ${sig(m.bytes / (m.ms * 1e-3) / 1e9)} GB/s copied` : `${m.label}: ${m.error}`)),
  ];
  const checkLines = checks.length === 0
    ? ['check: nothing to compare']
    : badChecks.length === 0
      ? [`check: ok (${checks.length} comparisons; exact rows equal, float rows within ${TOLERANCE} normwise relative difference, worst ${Math.max(...checks.map((c) => c.diff)).toExponential(1)})`]
      : badChecks.map((c) => `check: MISMATCH ${c.row} (${c.id}): ${c.a} vs ${c.b}: normwise relative difference ${Number.isNaN(c.diff) ? 'NaN' : c.diff.toPrecision(3)} > ${c.tol}`);
  const notes = noteLines(results, skipped);

  for (const fam of FAMILIES) {
    const rs = results.filter((r) => r.row.family === fam);
    if (rs.length) console.log(`\n## ${fam}\n${textTable(familyTable(rs, exLabel))}`);
  }
  console.log('\nratio = time(peer) / time(ExTensor): above 1× ExTensor is faster. vs bound = time(ExTensor) / bound (copy bound, or read bound for reductions and softmax).');
  console.log(`\n## summary\n${textTable(summaryRows(results))}`);
  console.log(['', '## copy references', ...copyLines, '', ...checkLines, ...(notes.length ? ['', '## notes', ...notes] : []), '', ...machine].join('\n'));
  console.log(`\n## target misses: ${missList.length}`);
  for (const m of missList) console.log(`MISS ${m.row} [${m.id}]: ${m.text}`);

  if (write) {
    writeFileSync(path.join(outDir, 'results.md'), resultsMarkdown({ results, exLabel, missList, copyLines, checkLines, notes, machine }));
    writeFileSync(path.join(outDir, 'results.svg'), svgChart(results, `ExTensor (${info.build} build) vs TensorFlow.js wasm (SIMD, 1 thread): ${results.filter((r) => r.cells.tfjs?.ms).length} rows`,
      [...machine.slice(0, 3), `ExTensor ${pkgVersion}, ${info.build} build; ${peerInfo.tfjs ?? ''}`.slice(0, 160)]));
    log(`wrote ${path.relative(ROOT, path.join(outDir, 'results.md'))} and results.svg`);
    if (outDir === HERE) updateReadmeSummary(markdownTable(summaryRows(results)));
  }
  log(`done in ${seconds.toFixed(0)} s: ${results.length} rows, ${missList.length} target misses${badChecks.length ? `, ${badChecks.length} check mismatches` : ''}`);
  if (failed) process.exitCode = 1;
  if (opts.check && (missList.length > 0 || badChecks.length > 0)) {
    log(`--check: ${missList.length} target misses${badChecks.length ? ` and ${badChecks.length} check mismatches` : ''}`);
    process.exitCode = 1;
  }
}

/** n/a reasons and errors, one line per distinct message; skipped rows. */
function noteLines(results, skipped) {
  const seen = new Map();
  for (const res of results) {
    for (const [impl, cell] of Object.entries(res.cells)) {
      const who = impl === 'ex' ? 'ExTensor' : PEER_LABELS[impl] ?? `ExTensor ${impl}`;
      const msg = cell.na ? `${who} n/a: ${cell.na}` : cell.error ? `${who} error: ${cell.error}` : null;
      if (msg) seen.set(msg, [...(seen.get(msg) ?? []), res.row.id]);
    }
  }
  const lines = [...seen].map(([msg, ids]) => `${msg} — ${ids.length > 4 ? `${ids.length} rows, e.g. ${ids.slice(0, 3).join(', ')}` : ids.join(', ')}`);
  const byWhy = new Map();
  for (const s of skipped) byWhy.set(s.why.replace(/ \w+\(\)/, ' <op>()'), [...(byWhy.get(s.why.replace(/ \w+\(\)/, ' <op>()')) ?? []), s.row.op]);
  for (const [why, ops] of byWhy) lines.push(`not in this build, rows left out: ${[...new Set(ops)].join(', ')} (${why})`);
  return lines;
}

/** The misses as Markdown, one sub-list per family. */
function missesByFamily(missList) {
  const out = [];
  for (const fam of FAMILIES) {
    const ms = missList.filter((m) => m.family === fam);
    if (ms.length === 0) continue;
    out.push(`- **${fam}** (${ms.length})`);
    for (const m of ms) out.push(`  - ${m.row} (\`${m.id}\`): ${m.text}`);
  }
  return out;
}

function resultsMarkdown({ results, exLabel, missList, copyLines, checkLines, notes, machine }) {
  const out = [
    '# ExTensor benchmark matrix',
    '',
    'Written by `npm run bench` (`node benches/bench.mjs`; see [README.md](README.md)); do not edit by hand.',
    'One process, one run: every ratio compares times measured in the same run.',
    'Ratio = time(peer) ÷ time(ExTensor): above 1× ExTensor is faster.',
    '',
    '## Summary',
    '',
    markdownTable(summaryRows(results)),
    '',
    `Targets are checked on the ${exLabel.replace('ExTensor ', '')} build (Node); "worst"/"median vs tfjs" are over the rows tfjs-wasm ran.`,
    '',
    `## Target misses (${missList.length})`,
    '',
    ...(missList.length ? missesByFamily(missList) : ['None.']),
    '',
    '![ratio vs tfjs-wasm per row](results.svg)',
    '',
  ];
  for (const fam of FAMILIES) {
    const rs = results.filter((r) => r.row.family === fam);
    if (rs.length === 0) continue;
    out.push(`## ${fam}`, '', markdownTable(familyTable(rs, exLabel)), '');
  }
  out.push(
    'Cells: time per op (min of runs; a row\'s op includes `free()`/`dispose()` of what it makes).',
    '"vs <peer>" = time(peer) ÷ time(ExTensor). "vs bound" = time(ExTensor) ÷ the row\'s bound, copy(X) being the',
    'time of a `TypedArray.prototype.set` copy of X bytes measured in this run (below): the copy bound is',
    'copy((bytes read + bytes written) / 2), a copy moving as many bytes as the op (for a plain copy of X bytes,',
    'copy(X)); the read bound (reductions, softmax) is copy(bytes read) = bytes read ÷ copy bandwidth, the copy',
    'bandwidth being bytes copied per second. Baseline/relaxed columns: that build\'s time (and its time ÷ this',
    'build\'s). Targets a row\'s peer cannot be compared on (n/a) are not listed.',
    '',
    '## Copy references',
    '',
    ...copyLines.map((l) => `- ${l}`),
    '',
    '## Correctness cross-check',
    '',
    ...checkLines.map((l) => `- ${l}`),
    '',
    ...(notes.length ? ['## Notes', '', ...notes.map((l) => `- ${l}`), ''] : []),
    '## Machine',
    '',
    ...machine.map((l) => `- ${l}`),
    '',
  );
  return out.join('\n');
}

await main();
