#!/usr/bin/env node
// The long create/view/free churn: `node --expose-gc scripts/stress.mjs [--cycles=1000000]
// [--build=relaxed|simd|baseline]`. Each cycle creates tensors of a rotating size, takes
// views of them (reshape, slice, transpose, broadcastTo, unsqueeze, share), makes one copy
// (contiguous) and one reduction, every 8th cycle runs one failing call (the error path must
// not leak either), and frees every handle. After a warm-up, WebAssembly memory must not grow and
// ex.memory() must be back to zero; otherwise the exit code is 1.
//
// tests/js/stress.test.mjs runs the same `churn` for 100 000 cycles.
import { pathToFileURL } from 'node:url';
import * as ex from 'extensor';

/** Element counts the cycles rotate through, so the allocator sees several size classes. */
export const SIZES = [1, 6, 64, 256, 1000];

/** One create/view/free cycle; `i` picks the size. Every handle it makes is freed. */
export function cycle(i) {
  const n = SIZES[i % SIZES.length];
  const flat = ex.arange(0, n, 1, 'float32');
  const col = flat.reshape([n, 1]);
  const rev = flat.slice('::-1');
  const bcast = col.broadcastTo([n, 3]);
  const t = bcast.transpose();
  const packed = t.contiguous(); // a copy: [3, n]
  const mid = packed.slice('1');
  const row = mid.unsqueeze(0);
  const shared = row.share();
  const total = shared.sum();
  const fromTyped = ex.tensor(new Int32Array(8), { shape: [2, 4] });
  const ok = total.item() === (n * (n - 1)) / 2 && rev.get(0) === n - 1 && fromTyped.size === 8;
  let threw = i % 8 !== 0;
  if (!threw) {
    try {
      flat.reshape([n + 1]); // the error path, every 8th cycle (a throw costs about 15 µs)
    } catch (e) {
      threw = e instanceof ex.ExTensorError && e.code === 'SHAPE_MISMATCH';
    }
  }
  for (const h of [flat, col, rev, bcast, t, packed, mid, row, shared, total, fromTyped]) h.free();
  if (!ok || !threw) throw new Error(`cycle ${i}: wrong values (size ${n})`);
}

/** Handles each cycle creates (and frees). */
export const HANDLES_PER_CYCLE = 11;

/** Runs cycles [from, to). */
export function churn(from, to) {
  for (let i = from; i < to; i++) cycle(i);
}

/** Warm-up cycles before the memory baseline: every size class several times. */
export const WARMUP = SIZES.length * 400;

function parseArgs(argv) {
  const options = { cycles: 1_000_000, build: undefined };
  for (const arg of argv) {
    const m = /^--(cycles|build)=(.+)$/.exec(arg);
    if (m === null) {
      throw new Error(`unknown argument ${arg}; usage: node --expose-gc scripts/stress.mjs [--cycles=1000000] [--build=relaxed|simd|baseline]`);
    }
    if (m[1] === 'cycles') {
      options.cycles = Number(m[2].replaceAll('_', ''));
      if (!Number.isSafeInteger(options.cycles) || options.cycles < 1) throw new Error(`--cycles must be a positive integer, got ${m[2]}`);
    } else {
      if (!['relaxed', 'simd', 'baseline'].includes(m[2])) throw new Error(`--build must be relaxed, simd or baseline, got ${m[2]}`);
      options.build = m[2];
    }
  }
  return options;
}

const BUILD_OPTIONS = { relaxed: { relaxed: true }, simd: { simd: true, relaxed: false }, baseline: { simd: false } };

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  const backend = await ex.init(options.build === undefined ? undefined : BUILD_OPTIONS[options.build]);
  const mib = (b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  console.log(`extensor stress: ${options.cycles} create/view/free cycles on the ${backend.build} build (${HANDLES_PER_CYCLE} handles each, sizes ${SIZES.join('/')})`);

  const startMemory = ex.memory().wasmMemoryBytes;
  churn(0, WARMUP);
  const before = ex.memory().wasmMemoryBytes;
  const start = process.hrtime.bigint();
  const step = Math.max(1, Math.floor(options.cycles / 10));
  for (let done = 0; done < options.cycles;) {
    const next = Math.min(options.cycles, done + step);
    churn(WARMUP + done, WARMUP + next);
    done = next;
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`  ${String(done).padStart(String(options.cycles).length)} cycles  ${s.toFixed(2)} s  wasm memory ${mib(ex.memory().wasmMemoryBytes)}  live handles ${ex.memory().liveHandles}`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  globalThis.gc?.();
  const m = ex.memory();

  console.log(`cycles:               ${options.cycles} (+ ${WARMUP} warm-up)`);
  console.log(`elapsed:              ${seconds.toFixed(2)} s (${((seconds / options.cycles) * 1e6).toFixed(2)} µs per cycle)`);
  console.log(`wasm memory:          ${before} bytes before, ${m.wasmMemoryBytes} bytes after (${mib(startMemory)} at start)`);
  console.log(`live handles:         ${m.liveHandles}`);
  console.log(`live storages:        ${m.liveStorages}`);
  console.log(`storage bytes:        ${m.storageBytes} (peak ${m.peakStorageBytes})`);
  console.log(`reclaimed by finalizer: ${m.reclaimedByFinalizer}`);

  const problems = [];
  if (m.wasmMemoryBytes !== before) problems.push(`wasm memory grew by ${m.wasmMemoryBytes - before} bytes`);
  if (m.liveHandles !== 0) problems.push(`${m.liveHandles} handles leaked`);
  if (m.liveStorages !== 0) problems.push(`${m.liveStorages} storages leaked`);
  if (m.storageBytes !== 0) problems.push(`${m.storageBytes} storage bytes leaked`);
  if (m.reclaimedByFinalizer !== 0) problems.push(`${m.reclaimedByFinalizer} handles needed the finalizer`);
  if (problems.length > 0) {
    console.log(`FAIL: ${problems.join('; ')}`);
    return 1;
  }
  console.log('OK: memory flat, nothing leaked');
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => { process.exitCode = code; },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
