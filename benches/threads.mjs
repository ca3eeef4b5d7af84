#!/usr/bin/env node
// The thread-scaling bench (issue 14): ExTensor's threaded build at 2 (or N) threads against
// its single-threaded SIMD build, onnxruntime-web and TensorFlow.js' wasm backend at the same
// thread counts, in Node and in cross-origin isolated headless Chromium, in one run, with the
// outputs cross-checked and the issue's targets checked. See benches/README.md.
//
//   node benches/threads.mjs [--threads=1,2] [--env=node,chromium] [--filter=<regex>]
//                            [--check] [--no-write] [--out=<dir>] [--list]
//
// One library at one thread count is a configuration ('ex@2'); ExTensor, tfjs and ORT have
// one instance per realm, so each configuration gets its own child process (Node) or page
// (Chromium). All are started first, then each row is timed in every configuration in turn
// (lib/threads.mjs runs it there), and again in the reverse order, the faster time kept.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ex from 'extensor';
import {
  IMPL_LABELS, TARGET_THREADS, compareDigests, configsFor, evaluateTargets, parseConfig, startConfig, threadRows,
} from './lib/threads.mjs';
import { envText, readmeSummary, resultsMarkdown, targetCounts } from './lib/threads-report.mjs';
import { DEFAULTS } from './lib/timing.mjs';
import { loadOrt } from './lib/peers-node.mjs';
import { loadTfjs } from './lib/tfjs.mjs';

const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);
const ROOT = path.resolve(HERE, '..');
const ENVS = ['node', 'chromium'];
const USAGE = 'usage: node benches/threads.mjs [--threads=1,2] [--env=node,chromium] [--filter=<regex>] [--check] [--no-write] [--out=<dir>] [--list] [--passes=2]';
const README_MARKERS = ['<!-- threads-summary:start -->', '<!-- threads-summary:end -->'];

const log = (msg) => process.stderr.write(`[threads] ${msg}\n`);

function parseArgs(argv) {
  const opts = { threads: [1, 2], envs: ENVS, filter: null, check: false, write: true, out: null, list: false, passes: 2, child: null };
  const fail = (msg) => {
    console.error(`threads: ${msg}\n${USAGE}`);
    process.exit(2);
  };
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const [key, value] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (key === '--threads' && value) {
      opts.threads = [...new Set(value.split(',').map(Number))].sort((a, b) => a - b);
      if (!opts.threads.every((n) => Number.isInteger(n) && n >= 1 && n <= 64)) fail(`--threads takes counts from 1 to 64, not ${value}`);
      if (opts.threads[0] !== 1) fail('--threads must include 1 (the single-threaded build every ratio starts from)');
    } else if (key === '--env' && value) {
      opts.envs = value.split(',');
      if (!opts.envs.every((e) => ENVS.includes(e))) fail(`--env takes ${ENVS.join(', ')}`);
    } else if (key === '--filter' && value) opts.filter = new RegExp(value);
    else if (key === '--check') opts.check = true;
    else if (key === '--no-write') opts.write = false;
    else if (key === '--out' && value) opts.out = path.resolve(value);
    else if (key === '--list') opts.list = true;
    else if (key === '--passes' && /^[1-9]$/.test(value ?? '')) opts.passes = +value;
    else if (key === '--child' && value) opts.child = value;
    else if (key === '--help' || key === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  return opts;
}

function selectRows(opts) {
  const rows = threadRows();
  return opts.filter ? rows.filter((r) => opts.filter.test(r.id) || opts.filter.test(r.label)) : rows;
}

// ---------------------------------------------------------------- Node: one child per configuration

/**
 * tfjs-backend-wasm in Node: its threaded build does not run there. 4.22 registers
 * WASM_HAS_MULTITHREAD_SUPPORT as false whenever IS_NODE (tfjs issue #3830); forced true, its
 * Emscripten pthreads start workers from blob: URLs, which Node's worker_threads refuses
 * (ERR_WORKER_PATH). One thread: the matrix's loader (lib/tfjs.mjs).
 */
async function loadTfjsNode({ threads }) {
  if (threads === 1) return loadTfjs();
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-wasm');
  const flag = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    error: `tfjs-backend-wasm runs single-threaded in Node: WASM_HAS_MULTITHREAD_SUPPORT = ${flag} there (hard-coded for Node, tfjs issue #3830); `
      + "forced true, its threaded build cannot start its workers (blob: URLs; Node's worker_threads: ERR_WORKER_PATH)",
  };
}

/** The child: starts its configuration, then runs rows as the parent asks (IPC). */
function childMain(config) {
  let session;
  process.on('message', async ({ seq, method, args }) => {
    if (method === 'exit') process.exit(0); // the threaded builds' workers would keep it alive
    try {
      let value;
      if (method === 'start') {
        const started = await startConfig(config, { ex, loaders: { tfjs: loadTfjsNode, ort: loadOrt } });
        session = started.session;
        value = started.info;
      } else {
        value = await session.runRow(...args);
      }
      process.send({ seq, value });
    } catch (e) {
      process.send({ seq, error: String(e?.message ?? e) });
    }
  });
}

/** A configuration in a child process: { config, call(method, ...args), close() }. */
function forkConfig(config) {
  // the child's stdout goes to our stderr: stdout carries the tables only
  const child = fork(SELF, [`--child=${config}`], { serialization: 'advanced', stdio: ['ignore', 2, 2, 'ipc'] });
  const pending = new Map();
  let seq = 0;
  child.on('message', (m) => {
    const p = pending.get(m.seq);
    pending.delete(m.seq);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${config}: child process exited (${code ?? signal})`));
    pending.clear();
  });
  const call = (method, ...args) => new Promise((resolve, reject) => {
    const n = seq++;
    pending.set(n, { resolve, reject });
    child.send({ seq: n, method, args });
  });
  return {
    config,
    call,
    close: () => {
      if (child.exitCode === null && child.connected) child.send({ method: 'exit' });
    },
  };
}

async function openNode(configs) {
  const drivers = [];
  const unavailable = {};
  for (const config of configs) {
    const d = forkConfig(config);
    try {
      d.info = await d.call('start');
      d.run = (id, withDigest) => d.call('runRow', id, { withDigest });
      drivers.push(d);
      log(`node ${config}: ${JSON.stringify(d.info)}`);
    } catch (e) {
      d.close();
      // tfjs' threaded build has no Node path (loadTfjsNode): n/a. Anything else fails the run.
      if (parseConfig(config).impl !== 'tfjs') throw e;
      unavailable[config] = e.message.replace(`${config}: `, '');
      log(`node ${config}: n/a: ${unavailable[config]}`);
    }
  }
  return {
    drivers,
    unavailable,
    where: `node ${process.version} (V8 ${process.versions.v8}), one child process per configuration`,
    close: async () => drivers.forEach((d) => d.close()),
  };
}

// ---------------------------------------------------------------- Chromium: one page per configuration

async function openChromium(configs) {
  const { openIsolatedChromium } = await import('./lib/chromium.mjs');
  const chromium = await openIsolatedChromium({ log });
  try {
    const drivers = [];
    for (const config of configs) {
      const page = await chromium.openPage('?threads', `page ${config}`);
      // start() throws unless the page is cross-origin isolated and the library runs as named
      const info = await page.evaluate((c) => window.bench.start(c), config);
      log(`chromium ${config}: ${JSON.stringify({ ...info, userAgent: undefined })}`);
      drivers.push({
        config,
        info,
        run: async (id, withDigest) => {
          await page.bringToFront();
          return page.evaluate(([rowId, w]) => window.bench.session.runRow(rowId, { withDigest: w }), [id, withDigest]);
        },
      });
    }
    return {
      drivers,
      unavailable: {},
      where: `${chromium.browser} headless (${chromium.executable}), cross-origin isolated (COOP same-origin, COEP require-corp), one page per configuration; ${drivers[0]?.info.userAgent ?? ''}`,
      close: chromium.close,
    };
  } catch (e) {
    await chromium.close();
    throw e;
  }
}

// ---------------------------------------------------------------- the run (both environments)

/**
 * Times every row in every configuration, `passes` times (odd passes in the reverse order of
 * configurations), keeping the fastest time; checks the outputs of the first pass.
 */
async function runRows(name, opened, rows, opts) {
  const { drivers } = opened;
  const results = rows.map((row) => ({ row, cells: {}, digests: {} }));
  for (const [config, why] of Object.entries(opened.unavailable)) for (const r of results) r.cells[config] = { na: why };
  for (let pass = 0; pass < opts.passes; pass++) {
    const order = pass % 2 ? [...drivers].reverse() : drivers;
    for (const res of results) {
      for (const d of order) {
        const { cell, digest } = await d.run(res.row.id, pass === 0);
        const old = res.cells[d.config];
        if (pass === 0 || (cell.ms && !(old?.ms <= cell.ms))) res.cells[d.config] = cell;
        if (digest) res.digests[d.config] = digest;
      }
      const times = Object.entries(res.cells).filter(([, c]) => c.ms).map(([k, c]) => `${k} ${(c.ms * 1e3).toFixed(1)}µs`);
      log(`${name} pass ${pass + 1}/${opts.passes} ${res.row.id.padEnd(14)} ${times.join('  ')}`);
    }
  }
  const checks = [];
  for (const res of results) {
    res.evals = evaluateTargets(res.row, res.cells);
    const ref = res.digests['ex@1'];
    if (!ref) continue;
    for (const [config, digest] of Object.entries(res.digests)) if (config !== 'ex@1') checks.push(compareDigests(res.row, config, digest, ref));
  }
  return { results, checks };
}

function describeConfig(config, info) {
  const { impl, threads } = parseConfig(config);
  if (impl === 'ex') return `${config}: ExTensor ${info.version}, ${info.build} build, backend().threads = ${info.threads}${threads === 1 ? " (init({ threads: 1, relaxed: false }))" : ` (init({ threads: ${threads} }))`}`;
  if (impl === 'ort') return `${config}: onnxruntime-web ${info.version}, wasm EP, ort.env.wasm.numThreads = ${threads} (checked after loading), no proxy worker; ${info.file}`;
  const cores = threads > 1 ? `; the page reports navigator.hardwareConcurrency = ${info.hardwareConcurrency} (tfjs caps its pool at half of it)` : '';
  return `${config}: tfjs-core ${info.core}, tfjs-backend-wasm ${info.wasm}, loaded ${info.file}; WASM_HAS_MULTITHREAD_SUPPORT = ${info.multithread}, getThreadsCount() = ${info.threads}${threads > 1 ? ` (setThreadsCount(${threads}) before setBackend('wasm'))` : ''}${cores}`;
}

async function runEnv(name, rows, opts) {
  const configs = configsFor(opts.threads);
  // Other work on the machine takes cores from the threads: the load averages go in the report.
  const loadBefore = os.loadavg()[0];
  if (loadBefore > 0.5) log(`${name}: load average ${loadBefore.toFixed(2)} before the run: other work shares the cores, the speed-ups will show it`);
  log(`${name}: starting ${configs.join(', ')}`);
  const opened = name === 'node' ? await openNode(configs) : await openChromium(configs);
  try {
    const run = await runRows(name, opened, rows, opts);
    const cpus = os.cpus();
    const loadAfter = os.loadavg()[0];
    const load = `1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (the run itself adds about 1)`;
    return {
      name: name === 'node' ? 'Node' : 'Chromium',
      short: name === 'node' ? `Node ${process.version}` : opened.where.split(' headless')[0],
      where: opened.where,
      threads: opts.threads,
      configs,
      load: [loadBefore, loadAfter],
      ...run,
      machine: [
        ...opened.drivers.map((d) => describeConfig(d.config, d.info)),
        ...Object.entries(opened.unavailable).map(([c, why]) => `${c}: n/a: ${why}`),
        `cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores; ${load}`,
        `timing: min over ${DEFAULTS.minRuns}–${DEFAULTS.maxRuns} runs of a batch ≥ ${DEFAULTS.minBatchMs} ms per configuration and pass, ${opts.passes} passes`,
      ],
    };
  } finally {
    await opened.close();
  }
}

// ---------------------------------------------------------------- output

function updateReadme(block) {
  const file = path.join(ROOT, 'README.md');
  const [start, end] = README_MARKERS;
  const text = readFileSync(file, 'utf8');
  const [from, to] = [text.indexOf(start), text.indexOf(end)];
  if (from === -1 || to < from) {
    log(`README.md has no ${start} … ${end} markers: left as it is`);
    return;
  }
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${block}\n${text.slice(to)}`);
  log('rewrote the thread-scaling table in README.md');
}

function listRows(rows, opts) {
  console.log(`configurations (${opts.envs.join(', ')}): ${configsFor(opts.threads).join(' ')}; targets checked at ex@${TARGET_THREADS}`);
  for (const row of rows) {
    console.log(`${row.id.padEnd(14)} ${row.label.padEnd(40)} ${row.kind.padEnd(8)} peers: ${row.peers.map((p) => IMPL_LABELS[p]).join(', ').padEnd(32)} ${row.targets.join(' ')}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) return childMain(opts.child);
  const rows = selectRows(opts);
  if (rows.length === 0) {
    console.error('threads: no row matches the filter');
    process.exit(2);
  }
  if (opts.list) return listRows(rows, opts);

  const started = Date.now();
  const envs = [];
  try {
    for (const name of opts.envs) envs.push(await runEnv(name, rows, opts));
  } catch (e) {
    console.error(`threads: ${e?.stack ?? e}`);
    process.exit(1);
  }
  const seconds = (Date.now() - started) / 1000;
  for (const env of envs) console.log(envText(env));

  const command = `npm run bench:threads${process.argv.length > 2 ? ` -- ${process.argv.slice(2).filter((a) => a !== '--check').join(' ')}` : ''}`.trim();
  // a subset (a filter, one environment) never overwrites benches/results-threads.md; --out writes it elsewhere
  const whole = !opts.filter && opts.envs.length === ENVS.length;
  const outDir = opts.out ?? HERE;
  if (opts.write && (whole || opts.out)) {
    mkdirSync(outDir, { recursive: true });
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    writeFileSync(path.join(outDir, 'results-threads.md'), resultsMarkdown(envs, { command, seconds, date, passes: opts.passes }));
    log(`wrote ${path.relative(ROOT, path.join(outDir, 'results-threads.md'))}`);
    if (outDir === HERE) updateReadme(readmeSummary(envs, command));
  } else if (opts.write) {
    log('a subset (--filter or one --env): benches/results-threads.md is not written (use --out=<dir>)');
  }

  const misses = envs.flatMap((env) => targetCounts(env).misses);
  const bad = envs.flatMap((env) => env.checks.filter((c) => !c.ok));
  const errors = envs.flatMap((env) => env.results.flatMap((r) => Object.values(r.cells).filter((c) => c.error)));
  log(`done in ${seconds.toFixed(0)} s: ${misses.length} target misses, ${bad.length} check mismatches, ${errors.length} errors`);
  if (errors.length) process.exitCode = 1;
  if (opts.check && (misses.length || bad.length)) process.exitCode = 1;
}

await main();
