// The threaded build (EXTENSOR_BUILD=threads): rayon's pool really runs work on two
// threads in Node, handles stay safe while parallel work runs, and a window kept past
// free() never reaches another tensor's elements although shared memory never detaches.
// The loading choices (threads: 1, junk counts) run in fresh processes on every build.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import os from 'node:os';
import { BUILD, CAN_SHARE_MEMORY, checkMemoryReturnsToZero, ex, isolated, throwsCode } from './helpers.mjs';
import { startWorkerPool } from '../../js/worker-start.js';

checkMemoryReturnsToZero();
const threaded = BUILD === 'threads';
/** Whether 'auto' tries the threaded build here: two cores or more, and memory that can be shared (a page: cross-origin isolated). */
const AUTO_TRIES_THREADS = os.availableParallelism() > 1 && CAN_SHARE_MEMORY;
// The glue the package loaded: one module instance per URL, so this is the running one.
const glue = threaded ? await import('../../pkg/extensor_threads.js') : null;

describe('the threaded build', { skip: !threaded && 'EXTENSOR_BUILD is not threads' }, () => {
  test('backend reports the threads build on two threads', () => {
    const info = ex.backend();
    assert.equal(info.build, 'threads');
    assert.equal(info.threads, 2);
    assert.equal(info.simd, true);
    assert.equal(info.relaxed, false);
  });

  test('a parallel loop called from the main thread runs on both threads', () => {
    for (let i = 0; i < 20; i++) {
      const [poolThreads, distinct] = glue.threadPoolProbe(256);
      assert.equal(poolThreads, 2);
      assert.equal(distinct, 2, 'both pool threads ran items of one parallel loop');
    }
  });

  test('creating and freeing tensors between and around parallel calls keeps every handle intact', () => {
    const kept = [];
    for (let round = 0; round < 200; round++) {
      const a = ex.arange(round + 1, 'float64');
      const b = ex.full([64], round, 'int32');
      glue.threadPoolProbe(64);
      // Parallel kernels (past their size thresholds) whose pieces run on both threads,
      // and whose results are allocated while other handles come and go.
      const big = ex.full([1 << 17], round, 'float32');
      const bigger = big.add(1);
      big.free();
      const total = bigger.sum();
      assert.equal(total.item(), (round + 1) * (1 << 17));
      total.free();
      bigger.free();
      const c = a.add(1);
      a.free();
      glue.threadPoolProbe(64);
      assert.equal(c.get(round), round + 1);
      assert.deepEqual([...b.toTypedArray()].slice(0, 2), [round, round]);
      if (round % 3 === 0) kept.push(b); else b.free();
      c.free();
      if (kept.length > 20) kept.shift().free();
    }
    for (const t of kept) t.free();
  });

  test('a window kept past free() never reaches another tensor, also after memory grows', () => {
    const t = ex.arange(1024, 'float64');
    const window = t.data;
    t.free();
    assert.ok(ex.memory().quarantinedBytes >= 1024 * 8, 'the freed storage is quarantined while its window lives');
    const others = [];
    for (let i = 0; i < 64; i++) others.push(ex.full([1024], -1, 'float64'));
    const big = ex.zeros([8 * 1024 * 1024], 'float64'); // grows memory: no detachment on shared memory
    assert.equal(window.length, 1024, 'a window over shared memory is never detached');
    for (let i = 0; i < 1024; i++) assert.equal(window[i], i);
    window.fill(42);
    for (const o of others) assert.ok(o.toTypedArray().every((x) => x === -1), 'writes through the old window reach no other tensor');
    for (const o of others) o.free();
    big.free();
  });

  test('a collected window gives its quarantined storage back', async () => {
    const before = ex.memory().quarantinedBytes;
    (() => {
      const t = ex.arange(4096, 'float64');
      void t.data;
      t.free();
    })();
    assert.ok(ex.memory().quarantinedBytes >= before + 4096 * 8);
    let released = false;
    for (let i = 0; i < 50 && !released; i++) {
      globalThis.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 10));
      released = ex.memory().quarantinedBytes <= before;
    }
    assert.ok(released || typeof globalThis.gc !== 'function', 'the pin is dropped once the window is collected');
  });
});

describe('choosing the threaded build', () => {
  test('threads: 1 loads a single-threaded build', async () => {
    const { result } = await isolated('const info = await ex.init({ threads: 1, relaxed: false }); return [info.build, info.threads];', { init: false });
    assert.deepEqual(result, ['simd', 1]);
  });

  test('threads: 2 in Node loads the threaded build on two threads', async () => {
    const { result } = await isolated('const info = await ex.init({ threads: 2 }); return [info.build, info.threads, ex.backend().threads];', { init: false });
    assert.deepEqual(result, ['threads', 2, 2]);
  });

  test('{ simd: false } and { relaxed: true } keep their single-threaded build', async () => {
    const { result } = await isolated('const info = await ex.init({ threads: 2, simd: false }); return [info.build, info.threads];', { init: false });
    assert.deepEqual(result, ['baseline', 1]);
  });

  test("'auto' falls back to a single-threaded build when the threaded one cannot start, and warns once why", async () => {
    const { result } = await isolated(`
      const warnings = [];
      console.warn = (...args) => warnings.push(args.join(' '));
      const wasmPaths = { simd: 'pkg/extensor_simd_bg.wasm', threads: 'pkg/no-such-threads-build.wasm' };
      const info = await ex.init({ threads: 'auto', relaxed: false, wasmPaths });
      return [info.build, info.threads, warnings];`, { init: false });
    const [build, threads, warnings] = result;
    assert.deepEqual([build, threads], ['simd', 1]);
    assert.equal(warnings.length, AUTO_TRIES_THREADS ? 1 : 0);
    if (warnings.length) assert.match(warnings[0], /^extensor: the threaded build did not start, so init\(\) loaded a single-threaded one \(.*no-such-threads-build\.wasm.*\)\. See the README, "Threads"; threads: 1 skips the attempt\.$/);
  });

  test('an explicit thread count rejects with the reason instead of falling back', async () => {
    const { threw } = await isolated(`
      await ex.init({ threads: 2, wasmPaths: { simd: 'pkg/extensor_simd_bg.wasm', threads: 'pkg/no-such-threads-build.wasm' } });`, { init: false });
    assert.equal(threw?.code, 'INVALID_ARGUMENT');
    assert.match(threw.message, /no-such-threads-build\.wasm/);
  });

  test("'auto' with a wasmPaths map naming only a threaded build that cannot start rejects with the reason, and warns of no fallback", async () => {
    const { result, threw } = await isolated(`
      const warnings = [];
      console.warn = (...args) => warnings.push(args.join(' '));
      try {
        await ex.init({ threads: 'auto', wasmPaths: { threads: 'pkg/no-such-threads-build.wasm' } });
      } catch (e) {
        return { code: e.code, message: e.message, warnings, initialised: (() => { try { ex.backend(); return true; } catch { return false; } })() };
      }
      return { resolved: true };`, { init: false });
    assert.equal(threw, undefined);
    if (AUTO_TRIES_THREADS) {
      assert.equal(result.code, 'INVALID_ARGUMENT');
      assert.match(result.message, /no-such-threads-build\.wasm/);
      assert.deepEqual(result.warnings, []);
    } else {
      // Where 'auto' never tries threads, the refusal says why, not that another build is missing.
      assert.equal(result.code, 'INVALID_ARGUMENT');
      const why = CAN_SHARE_MEMORY ? /\(one thread\)/ : /\(memory cannot be shared with workers here: a page must be cross-origin isolated/;
      assert.match(result.message, /^init: wasmPaths names only the threaded build, which init\(\) does not load here /);
      assert.match(result.message, why);
      assert.deepEqual(result.warnings, []);
    }
  });

  test('a wasmPaths map naming only the threaded build, with threads: 1 or simd: false, is refused with the reason', async () => {
    const { result } = await isolated(`
      const reasons = [];
      for (const options of [{ threads: 1 }, { simd: false }]) {
        try { await ex.init({ ...options, wasmPaths: { threads: 'pkg/extensor_threads_bg.wasm' } }); reasons.push('resolved'); } catch (e) { reasons.push(e.code + ' ' + e.message); }
      }
      return reasons;`, { init: false });
    assert.match(result[0], /^INVALID_ARGUMENT init: wasmPaths names only the threaded build, which init\(\) does not load here \(one thread\); name a single-threaded build too/);
    assert.match(result[1], /\(simd: false asks for the baseline build\)/);
  });

  test('junk thread counts are INVALID_ARGUMENT', async () => {
    for (const threads of [0, -1, 1.5, NaN, Infinity, 65, '2', 'all', null, true, {}, [2], 2n]) {
      await assert.rejects(ex.init({ threads }), (e) => e instanceof ex.ExTensorError && e.code === 'INVALID_ARGUMENT' && /threads/.test(e.message), String(threads));
    }
    void throwsCode;
  });
});

describe('starting the workers', () => {
  /** A fake platform: workers that answer (or fail, or stay silent) as told, and record being stopped. */
  function fakeWorkers(behaviours) {
    const made = [];
    const spawn = (ready, failed) => {
      const behaviour = behaviours[made.length];
      const worker = { terminated: false, terminate() { this.terminated = true; } };
      made.push(worker);
      if (behaviour === 'throws') throw new Error('no Worker here');
      if (behaviour === 'ready') queueMicrotask(ready);
      if (behaviour === 'fails') queueMicrotask(() => failed('its script did not load'));
      return worker;
    };
    return { made, spawn };
  }

  test('resolves once every worker answers', async () => {
    const { made, spawn } = fakeWorkers(['ready', 'ready', 'ready']);
    await startWorkerPool(3, spawn, 1000);
    assert.equal(made.length, 3);
    assert.ok(made.every((w) => !w.terminated));
  });

  test('no worker to start resolves at once', async () => {
    const { made, spawn } = fakeWorkers([]);
    await startWorkerPool(0, spawn, 1000);
    assert.equal(made.length, 0);
  });

  test('a worker that fails stops every worker started and rejects with why', async () => {
    const { made, spawn } = fakeWorkers(['ready', 'fails', 'ready']);
    await assert.rejects(startWorkerPool(3, spawn, 1000), (e) => e.code === 'INVALID_ARGUMENT' && /failed to start: its script did not load/.test(e.message));
    assert.ok(made.every((w) => w.terminated));
  });

  test('a worker that never answers stops the start at the deadline', async () => {
    const { made, spawn } = fakeWorkers(['ready', 'silent']);
    await assert.rejects(startWorkerPool(2, spawn, 30), (e) => e.code === 'INVALID_ARGUMENT' && /no answer within 0\.03 s/.test(e.message));
    assert.ok(made.every((w) => w.terminated));
  });

  test('a platform that cannot make a worker stops the ones it made', async () => {
    const { made, spawn } = fakeWorkers(['ready', 'throws', 'ready']);
    await assert.rejects(startWorkerPool(3, spawn, 1000), /no Worker here/);
    assert.equal(made.length, 2, 'no worker is made after the failure');
    assert.equal(made[0].terminated, true, 'the worker made before it is stopped');
  });
});

describe('parallel kernels', { skip: !threaded && 'EXTENSOR_BUILD is not threads' }, () => {
  test('large sums, matmuls, elementwise ops and sorts give the same bits on 2 threads as the single-threaded SIMD build', async () => {
    // Sizes past every kernel's parallel threshold; the values are seeded, so the child
    // process computes the same inputs on the simd build.
    const body = `
      const out = {};
      const x = ex.rand([1 << 20], { seed: 3, dtype: 'float32' });
      const s = x.sum(); out.sum = s.item(); s.free();
      const e = x.exp(); const es = e.sum(); out.expSum = es.item(); e.free(); es.free();
      const a = ex.rand([256, 256], { seed: 5, dtype: 'float32' });
      const b = ex.rand([256, 256], { seed: 6, dtype: 'float32' });
      const m = ex.matmul(a, b); out.matmul = Array.from(new Uint32Array(m.toTypedArray().buffer)); m.free();
      const r = a.sum(1); out.rowSums = Array.from(new Uint32Array(r.toTypedArray().buffer)); r.free();
      const sorted = x.sort(); const head = sorted.slice('0:8'); out.sortedHead = Array.from(head.toTypedArray()); head.free(); sorted.free();
      // Broadcasting and strided elementwise ops (pieces of whole rows).
      const big = ex.rand([300, 1000], { seed: 7, dtype: 'float32' });
      const row = ex.rand([1000], { seed: 8, dtype: 'float32' });
      const bits = (t) => { const v = Array.from(new Uint32Array(t.toTypedArray().buffer)); t.free(); return v; };
      // Every handle is freed here: one left to the FinalizationRegistry would fail the
      // after-file memory check whenever no garbage collection ran before it.
      const bigT = big.transpose();
      const plusRow = big.add(row); const transposed = bigT.mul(2); const tc = transposed.contiguous(); transposed.free();
      const e2 = ex.exp(bigT); const e2c = e2.contiguous(); e2.free(); bigT.free();
      out.broadcast = [bits(plusRow), bits(tc), bits(e2c)].map((v) => v.filter((_, i) => i % 97 === 0));
      // The libm-backed unary ops: the same implementation in every build (not std's).
      const wide = ex.tensor([1.5, 1e5, 1.0000001, 3.25, 0.5], { dtype: 'float64' });
      const narrow = wide.astype('float32');
      out.libm = ['asinh', 'acosh', 'atanh', 'erf', 'log1p', 'expm1', 'sinh', 'cosh', 'tan', 'atan', 'exp2', 'log2', 'log10'].flatMap((name) =>
        [wide, narrow].map((t) => { const r = t[name](); const v = Array.from(r.toTypedArray()).map((x) => (Number.isFinite(x) ? x : String(x))); r.free(); return v; }));
      wide.free(); narrow.free();
      big.free(); row.free();
      x.free(); a.free(); b.free();
      return out;
    `;
    const handlesBefore = ex.memory().liveHandles;
    const here = await (async () => new Function('ex', `return (async () => { ${body} })()`)(ex))();
    assert.equal(ex.memory().liveHandles, handlesBefore, 'the body frees every handle it makes (none is left to the finalizer)');
    const { result: single } = await isolated(`await ex.init({ simd: true, relaxed: false, threads: 1 }); if (ex.backend().build !== 'simd') throw new Error(ex.backend().build); ${body}`, { init: false });
    assert.deepEqual(here, single);
  });
});
