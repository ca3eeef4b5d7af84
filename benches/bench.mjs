#!/usr/bin/env node
// The benchmark matrix: every op family of ExTensor's public API at a small (per-call) and a
// large (1M-element) size over the dtypes users hit, against TensorFlow.js' wasm backend,
// onnxruntime-web (wasm), scijs ndarray and plain JS, in one process and one run, with a
// correctness cross-check and per-row targets. See benches/README.md.
//
//   node benches/bench.mjs [--build=all|both|simd|relaxed|baseline] [--filter=<regex>]
//                          [--check] [--no-write] [--out=<dir>] [--list]
//   node benches/bench.mjs --browser [--filter=<regex>] [--check] [--no-write] [--out=<dir>]
//
// This file is the command line and the Node runner. `--browser` runs the same rows in a
// headless Chromium page instead (lib/chromium.mjs: the relaxed-SIMD build that init() picks
// there). Both runners drive a bench session (lib/session.mjs: the table and the cases,
// environment-agnostic) through lib/run.mjs, and report with lib/report.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ex from 'extensor';
import { expandRows } from './lib/matrix.mjs';
import { clearInputs, rowInputs } from './lib/data.mjs';
import { DEFAULTS } from './lib/timing.mjs';
import { extensorCase } from './lib/cases/extensor.mjs';
import { jsCase } from './lib/cases/js.mjs';
import { PEER_LABELS, evaluate } from './lib/targets.mjs';
import { NODE_LOADERS } from './lib/peers-node.mjs';
import { compareOutputs, createSession, loadPeers, runCase } from './lib/session.mjs';
import { runMatrix } from './lib/run.mjs';
import {
  checkLines, copyLines, fmtTime, markdownTable, misses, noteLines, resultsMarkdown, summaryRows, svgChart, textReport,
} from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const USAGE = 'usage: node benches/bench.mjs [--build=all|both|simd|relaxed|baseline | --browser] [--filter=<regex>] [--check] [--no-write] [--out=<dir>] [--list]';

function parseArgs(argv) {
  const opts = { build: 'all', browser: false, child: false, write: true, check: false, filter: null, list: false, rows: null, out: null };
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const [key, value] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (key === '--build' && ['both', 'all', 'simd', 'relaxed', 'baseline'].includes(value)) opts.build = value;
    else if (key === '--browser') opts.browser = true;
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
  if (opts.browser && argv.some((arg) => arg.startsWith('--build'))) {
    console.error(`bench: --browser runs the build Chromium's init() picks (relaxed); --build is for the Node runner\n${USAGE}`);
    process.exit(2);
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

function selectRows(opts) {
  let rows = expandRows();
  if (opts.filter) rows = rows.filter((r) => opts.filter.test(r.id) || opts.filter.test(r.label));
  if (opts.rows === 'membound') rows = rows.filter((r) => r.memBound);
  if (opts.rows === 'matmul') rows = rows.filter((r) => r.family === 'matmul');
  return rows;
}

/** The peers the rows name (plain JS is always there). */
const neededPeers = (rows) => [...new Set(rows.flatMap((r) => r.peers))].filter((p) => p !== 'js');

// ---------------------------------------------------------------- child: one other build

async function childMain(opts) {
  const info = await ex.init({ simd: opts.build !== 'baseline', relaxed: opts.build === 'relaxed', threads: 1 });
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

/** Both runners, once their libraries are loaded: what runs where, and which peers failed to load. */
function logLibraries({ exLabel, backend, where, rows, peerErrors }) {
  log(`${exLabel} (simd=${backend.simd}, relaxed=${backend.relaxed}) ${where}; ${rows.length} rows`);
  for (const [name, error] of Object.entries(peerErrors)) log(`${PEER_LABELS[name]}: ${error}`);
}

// ---------------------------------------------------------------- the two runners
// Each returns the run (lib/run.mjs) plus what the report says about where it ran, and
// where its results file goes.

const NODE_OUTPUT = {
  markdown: 'results.md',
  chart: 'results.svg',
  readmeSummary: true,
  page: {
    title: 'ExTensor benchmark matrix',
    intro: [
      'Written by `npm run bench` (`node benches/bench.mjs`; see [README.md](README.md)); do not edit by hand.',
      'One process, one run: every ratio compares times measured in the same run.',
      'The relaxed-SIMD build in Chromium: [results-chromium.md](results-chromium.md) (`npm run bench:chromium`).',
    ],
    where: 'Node',
  },
};

const CHROMIUM_OUTPUT = {
  markdown: 'results-chromium.md',
  chart: null,
  readmeSummary: false,
  page: {
    title: 'ExTensor benchmark matrix: the relaxed-SIMD build in Chromium',
    intro: [
      'Written by `npm run bench:chromium` (`node benches/bench.mjs --browser`; see [README.md](README.md)); do not edit by hand.',
      'One page in headless Chromium, one run: the build `init()` picks there (relaxed SIMD) and the peers loaded in the',
      'same page, so every ratio compares times measured in the same run. The Node run (SIMD build): [results.md](results.md).',
    ],
    where: 'Chromium',
  },
};

async function runInNode(rows, opts) {
  const builds = { all: ['simd', 'baseline', 'relaxed'], both: ['simd', 'baseline'] }[opts.build] ?? [opts.build];
  // threads: 1: the matrix measures the single-threaded builds ('auto' would load the threaded
  // build in Node; its scaling is benches/threads.mjs's subject)
  const info = await ex.init({ simd: builds[0] !== 'baseline', relaxed: builds[0] === 'relaxed', threads: 1 });
  const exLabel = `ExTensor ${info.build}`;
  const { peers, peerInfo, peerErrors } = await loadPeers(neededPeers(rows), NODE_LOADERS);
  logLibraries({ exLabel, backend: info, where: 'in this process', rows, peerErrors });

  const session = createSession({ ex, peers, exLabel });
  const run = await runMatrix(rows, session, { exLabel, log });
  const wasmCopies = await session.wasmCopies();

  // the other builds, in child processes
  const childRuns = [];
  if (builds.includes('baseline') && builds[0] !== 'baseline' && rows.some((r) => r.memBound)) childRuns.push(runChild('baseline', 'membound', opts));
  if (builds.includes('relaxed') && builds[0] !== 'relaxed' && rows.some((r) => r.family === 'matmul')) childRuns.push(runChild('relaxed', 'matmul', opts));
  let failed = false;
  const childInfo = [];
  for (const child of childRuns) {
    if (child.error) {
      failed = true;
      log(`ExTensor ${child.build}: ${child.error}`);
      childInfo.push(`${child.build}: ${child.error}`);
      continue;
    }
    childInfo.push(`${child.build} (simd=${child.info.simd}, relaxed=${child.info.relaxed}, ${wasmSize(child.build)} bytes wasm) in a child process, ${Object.keys(child.cells).length} rows`);
    run.checks.push(...child.checks);
    for (const res of run.results) if (child.cells[res.row.id]) res.cells[child.build] = child.cells[res.row.id];
  }
  return {
    ...run, wasmCopies, exLabel, build: info.build, peerInfo, peerErrors, failed,
    runtime: `node: ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}`,
    where: `in this process${childInfo.length ? `; ${childInfo.join('; ')}` : ''}`,
    timingNote: '; child builds: two passes',
    output: NODE_OUTPUT,
  };
}

async function runInChromium(rows) {
  const { openChromiumSession } = await import('./lib/chromium.mjs');
  const chromium = await openChromiumSession({ need: neededPeers(rows), log });
  try {
    const { info } = chromium;
    const exLabel = `ExTensor ${info.backend.build}`;
    logLibraries({ exLabel, backend: info.backend, where: `in ${info.browser}`, rows, peerErrors: info.peerErrors });
    const run = await runMatrix(rows, chromium.session, { exLabel, log });
    const wasmCopies = await chromium.session.wasmCopies();
    return {
      ...run, wasmCopies, exLabel, build: info.backend.build, peerInfo: info.peerInfo, peerErrors: info.peerErrors, failed: false,
      runtime: `browser: ${info.browser} headless (${info.executable}; cross-origin isolated: ${info.crossOriginIsolated}), driven by node ${process.version}; ${info.userAgent}`,
      where: `in a page of ${info.browser}`,
      timingNote: '',
      output: CHROMIUM_OUTPUT,
    };
  } finally {
    await chromium.close();
  }
}

// ---------------------------------------------------------------- report

/** Targets, the text report on stdout, the results file(s), the exit code. */
function finish(run, { opts, write, outDir, seconds }) {
  const { results, checks, exLabel, output } = run;
  let failed = run.failed;
  for (const res of results) {
    res.evals = res.row.targets.map((t) => evaluate(t, res));
    for (const [k, c] of Object.entries(res.cells)) if (c.error && (k === 'ex' || k === 'baseline' || k === 'relaxed')) failed = true;
  }
  const missList = misses(results);
  const badChecks = checks.filter((c) => !c.ok);

  const cpus = os.cpus();
  const pkgVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const machine = [
    `date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    run.runtime,
    `cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `ExTensor ${pkgVersion} at ${gitDescribe()}: ${run.build} build (${wasmSize(run.build)} bytes wasm) ${run.where}`,
    ...Object.values(run.peerInfo),
    ...Object.entries(run.peerErrors).map(([k, error]) => `${PEER_LABELS[k]}: ${error}`),
    `timing: min over ${DEFAULTS.minRuns}–${DEFAULTS.maxRuns} runs of an adaptive batch (>= ${DEFAULTS.minBatchMs} ms per run) after warm-up, per op; rows missing a target in the first pass timed again (${run.retried} rows), the faster pass kept${run.timingNote}; ${results.length} rows, total ${seconds.toFixed(0)} s`,
  ];
  const report = {
    results, exLabel, missList, machine,
    copyLines: copyLines(run.sizes, run.copies, run.wasmCopies),
    checkLines: checkLines(checks),
    notes: noteLines(results, run.skipped),
  };
  console.log(textReport(report, output.page.where));

  if (write) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, output.markdown), resultsMarkdown(report, output.page));
    if (output.chart) {
      writeFileSync(path.join(outDir, output.chart), svgChart(results, `ExTensor (${run.build} build) vs TensorFlow.js wasm (SIMD, 1 thread): ${results.filter((r) => r.cells.tfjs?.ms).length} rows`,
        [...machine.slice(0, 3), `ExTensor ${pkgVersion}, ${run.build} build; ${run.peerInfo.tfjs ?? ''}`.slice(0, 160)]));
    }
    log(`wrote ${[output.markdown, output.chart].filter(Boolean).map((f) => path.relative(ROOT, path.join(outDir, f))).join(' and ')}`);
    if (output.readmeSummary && outDir === HERE) updateReadmeSummary(markdownTable(summaryRows(results)));
  }
  log(`done in ${seconds.toFixed(0)} s: ${results.length} rows, ${missList.length} target misses${badChecks.length ? `, ${badChecks.length} check mismatches` : ''}`);
  if (failed) process.exitCode = 1;
  if (opts.check && (missList.length > 0 || badChecks.length > 0)) {
    log(`--check: ${missList.length} target misses${badChecks.length ? ` and ${badChecks.length} check mismatches` : ''}`);
    process.exitCode = 1;
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
  if (!opts.browser && opts.build === 'relaxed' && !ex.engineSupport().relaxed) {
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
  if (opts.write && !write) log('--filter: benches/results*.md / results.svg are not written for a subset (use --out=<dir>)');

  let run;
  try {
    run = opts.browser ? await runInChromium(rows) : await runInNode(rows, opts);
  } catch (e) {
    console.error(`bench: ${e?.stack ?? e}`);
    process.exit(1);
  }
  finish(run, { opts, write, outDir, seconds: (Date.now() - started) / 1000 });
}

await main();
