#!/usr/bin/env node
// Side-by-side benchmark: ExTensor (SIMD, relaxed-SIMD and baseline builds) vs TensorFlow.js' wasm
// backend vs plain JS loops over Float32Array, on the same data. A report, not a test:
// no thresholds. See benches/README.md.
//
//   node benches/bench.mjs [--build=all|both|simd|relaxed|baseline] [--no-write]
//
// ex.init loads one build per process, so with --build=both the SIMD build runs here and
// the baseline build in a child process (`--child`), which prints its cells as JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ex from 'extensor';
import { makeData, ROWS, relDiff } from './lib/data.mjs';
import { measure } from './lib/timing.mjs';
import { extensorSuite, jsSuite, tfjsSuite } from './lib/suites.mjs';
import { loadTfjs } from './lib/tfjs.mjs';
import { measureMemcpy } from './lib/memcpy.mjs';
import {
  bandwidthLines, checkLines, fmtTime, markdownTable, noteLines, svgChart, tableRows, textTable,
} from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

function parseArgs(argv) {
  const opts = { build: 'all', child: false, write: true };
  for (const arg of argv) {
    const [key, value] = arg.split('=');
    if (key === '--build' && ['both', 'all', 'simd', 'relaxed', 'baseline'].includes(value)) opts.build = value;
    else if (key === '--child') opts.child = true;
    else if (key === '--no-write') opts.write = false;
    else if (key === '--help' || key === '-h') {
      console.log('usage: node benches/bench.mjs [--build=all|both|simd|relaxed|baseline] [--no-write]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${arg} (try --help)`);
      process.exit(2);
    }
  }
  return opts;
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** Results first (for the check), then timings, row by row; missing ops are n/a, throws are errors. */
function runSuite(label, suite) {
  const cells = {};
  const outputs = {};
  for (const row of ROWS) {
    const c = suite.cases[row.id];
    if (!c) continue;
    if (c.na) {
      cells[row.id] = { na: c.na };
      log(`${label.padEnd(18)} ${row.label.padEnd(22)} n/a`);
      continue;
    }
    try {
      outputs[row.id] = c.result();
      cells[row.id] = measure(c.run);
      log(`${label.padEnd(18)} ${row.label.padEnd(22)} ${fmtTime(cells[row.id].ms)} (batch ${cells[row.id].batch} x ${cells[row.id].runs} runs)`);
    } catch (e) {
      cells[row.id] = { error: `${e.code ? `${e.code}: ` : ''}${e.message}` };
      log(`${label.padEnd(18)} ${row.label.padEnd(22)} error: ${cells[row.id].error}`);
    }
  }
  suite.dispose();
  return { cells, outputs };
}

function compare(checks, outputsA, labelA, outputsB, labelB) {
  for (const row of ROWS) {
    if (outputsA[row.id] === undefined || outputsB[row.id] === undefined) continue;
    checks.push({ row: row.label, a: labelA, b: labelB, diff: relDiff(outputsA[row.id], outputsB[row.id]) });
  }
}

/** ExTensor on one build, checked against plain JS: the child's whole job. */
async function runExtensor(build, data, jsOutputs) {
  const info = await ex.init({ simd: build !== 'baseline', relaxed: build === 'relaxed' });
  const label = `ExTensor ${build}`;
  const { cells, outputs } = runSuite(label, extensorSuite(ex, data));
  const checks = [];
  compare(checks, outputs, label, jsOutputs, 'plain JS');
  return { build, info, cells, outputs, checks };
}

function jsReferenceOutputs(data) {
  const { cases } = jsSuite(data);
  return Object.fromEntries(ROWS.map((r) => [r.id, cases[r.id].result()]));
}

async function childMain(opts) {
  const data = makeData();
  const { build, info, cells, checks } = await runExtensor(opts.build, data, jsReferenceOutputs(data));
  process.stdout.write(JSON.stringify({ build, info, cells, checks }));
}

function runChild(build) {
  log(`ExTensor ${build}: child process`);
  // Node 20 validates relaxed-SIMD opcodes only behind a flag.
  const flags = build === 'relaxed' ? ['--experimental-wasm-relaxed-simd'] : [];
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(import.meta.url), '--child', `--build=${build}`], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
  });
  if (child.status !== 0) return { build, error: `child process exited with ${child.status ?? child.signal}` };
  try {
    return JSON.parse(child.stdout);
  } catch (e) {
    return { build, error: `child output unreadable: ${e.message}` };
  }
}

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

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) return childMain(opts);
  const started = Date.now();
  const builds = { all: ['simd', 'relaxed', 'baseline'], both: ['simd', 'baseline'] }[opts.build] ?? [opts.build];

  const data = makeData();
  const results = { impls: [], cells: {}, checks: [], memcpy: [] };
  let failed = false;

  // 1. plain JS (also the reference for the check)
  const js = runSuite('plain JS', jsSuite(data));

  // 2. ExTensor, in-process build
  const local = await runExtensor(builds[0], data, js.outputs);
  results.checks.push(...local.checks);

  // 3. memcpy references (needs ExTensor's wasm memory)
  results.memcpy = measureMemcpy(ex);
  for (const m of results.memcpy) log(`memcpy ${m.label}: ${m.ms ? fmtTime(m.ms) : m.error}`);

  // 4. TensorFlow.js wasm
  const tfjs = await loadTfjs();
  let tfjsRun = { cells: {}, outputs: {} };
  if (tfjs.error) {
    log(tfjs.error);
    for (const row of ROWS) tfjsRun.cells[row.id] = { na: tfjs.error };
  } else {
    log(`tfjs ${tfjs.info.core}: backend ${tfjs.info.backend}, loaded ${tfjs.info.file}, threads ${tfjs.info.threads}`);
    tfjsRun = runSuite('tfjs-wasm', tfjsSuite(tfjs.tf, data));
    compare(results.checks, tfjsRun.outputs, 'tfjs-wasm', js.outputs, 'plain JS');
    compare(results.checks, local.outputs, `ExTensor ${builds[0]}`, tfjsRun.outputs, 'tfjs-wasm');
  }

  // 5. the other build in a child process
  const others = builds.slice(1).map(runChild);

  // assemble
  const exRuns = [local, ...others];
  for (const run of exRuns) {
    const key = `ex-${run.build}`;
    results.impls.push({ key, label: `ExTensor ${run.build}`, short: { simd: 'simd', relaxed: 'relaxed', baseline: 'base' }[run.build], ex: true });
    if (run.error) {
      failed = true;
      log(`ExTensor ${run.build}: ${run.error}`);
      results.cells[key] = Object.fromEntries(ROWS.map((r) => [r.id, { error: run.error }]));
    } else {
      results.cells[key] = run.cells;
      if (run !== local) results.checks.push(...run.checks);
    }
  }
  results.impls.push({ key: 'tfjs', label: 'tfjs-wasm' }, { key: 'js', label: 'plain JS' });
  results.cells.tfjs = tfjsRun.cells;
  results.cells.js = js.cells;
  for (const impl of results.impls) {
    for (const cell of Object.values(results.cells[impl.key])) if (cell.error) failed = true;
  }

  // report
  const cpus = os.cpus();
  const pkgVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const machine = [
    `date: ${date}`,
    `node: ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}`,
    `cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `ExTensor: ${pkgVersion} at ${gitDescribe()}; builds: ${exRuns.map((r) => `${r.build}${r.info ? ` (simd=${r.info.simd}, ${wasmSize(r.build)} bytes wasm)` : ''}`).join(', ')}${builds.length > 1 ? `; ${builds[0]} in this process, ${builds.slice(1).join(', ')} in a child process` : ''}`,
    tfjs.error
      ? tfjs.error
      : `TensorFlow.js: tfjs-core ${tfjs.info.core}, tfjs-backend-wasm ${tfjs.info.wasm}; tf.getBackend() = '${tfjs.info.backend}', loaded ${tfjs.info.file}, ${tfjs.info.threads} thread`,
    `timing: min over runs of an adaptive batch (>= 20 ms per run) after warm-up, per op; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  const rows = tableRows(results);
  const bandwidth = bandwidthLines(results);
  const check = checkLines(results);
  const notes = noteLines(results);

  console.log(textTable(rows));
  console.log('\nspeedup = time(other) / time(ExTensor): above 1× ExTensor is faster; matmul GFLOP/s = 2n³ / time');
  console.log(['', ...bandwidth, '', ...check, ...(notes.length ? ['', ...notes] : []), '', ...machine].join('\n'));

  if (opts.write) {
    const md = [
      '# ExTensor benchmark results',
      '',
      'Written by `node benches/bench.mjs` (see [README.md](README.md)); do not edit by hand.',
      '',
      '![speedup over tfjs-wasm](results.svg)',
      '',
      markdownTable(rows),
      '',
      'Times are per op (min of runs). Speedup = time(other) / time(ExTensor): above 1× ExTensor is faster. matmul GFLOP/s = 2n³ / time.',
      '',
      '## Bandwidth (add f32 1M moves 3 × 4 MiB: two reads, one write)',
      '',
      ...bandwidth.map((l) => `- ${l}`),
      '',
      '## Correctness cross-check',
      '',
      ...check.map((l) => `- ${l}`),
      ...(notes.length ? ['', '## Notes', '', ...notes.map((l) => `- ${l}`)] : []),
      '',
      '## Machine',
      '',
      ...machine.map((l) => `- ${l}`),
      '',
    ].join('\n');
    writeFileSync(path.join(HERE, 'results.md'), md);
    writeFileSync(path.join(HERE, 'results.svg'), svgChart(results, machine.slice(0, 3)));
    log('wrote benches/results.md and benches/results.svg');
  }
  if (failed) process.exitCode = 1;
}

await main();
