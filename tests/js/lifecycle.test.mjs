// The instance's life: one instance however init and initSync interleave, load failures as
// ExTensorError whatever the caller rejected with, and running out of wasm memory as
// OUT_OF_MEMORY every time, never a trap. Each runs in a fresh process (helpers.isolated).
import assert from 'node:assert/strict';
import test from 'node:test';
import { BUILD, BUILD_OPTIONS, checkMemoryReturnsToZero, isolated } from './helpers.mjs';

checkMemoryReturnsToZero();

const WASM = new URL(`../../pkg/extensor_${BUILD}_bg.wasm`, import.meta.url).href;
const OPTIONS = BUILD_OPTIONS;

test('init() racing initSync() loads one instance: initSync refuses while init is loading', { skip: BUILD === 'threads' && 'a given module and initSync load only the single-threaded builds' }, async () => {
  const out = await isolated(`
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL(${JSON.stringify(WASM)}));
    const loading = ex.init({ ...${JSON.stringify(OPTIONS)}, module: bytes });
    let refused;
    try { ex.initSync(bytes); } catch (e) { refused = e.code; }
    await loading;
    const a = ex.tensor([1, 2, 3]);
    await ex.init({ ...${JSON.stringify(OPTIONS)}, module: bytes });   // already initialised: same instance
    const b = ex.tensor([9, 9, 9]);
    const out = { refused, a: a.toArray(), b: b.toArray() };
    a.free(); b.free();
    return { ...out, live: ex.memory().liveHandles };
  `, { init: false });
  assert.deepEqual(out, { result: { refused: 'INVALID_ARGUMENT', a: [1, 2, 3], b: [9, 9, 9], live: 0 } });
});

test('a load failure is an ExTensorError whatever the caller rejected with, and init works after it', async () => {
  const out = await isolated(`
    const codes = [];
    for (const module of [Promise.reject(Symbol('s')), Promise.reject({ get message() { throw new Error('getter ran'); } }), new Uint8Array([1, 2, 3])]) {
      try { await ex.init({ module }); } catch (e) { codes.push(e instanceof ex.ExTensorError ? e.code : String(e)); }
    }
    await ex.init(${JSON.stringify(OPTIONS)});
    const t = ex.arange(4, 'int32');
    const s = t.sum();
    const sum = Number(s.item());
    t.free(); s.free();
    return { codes, sum };
  `, { init: false });
  assert.deepEqual(out, { result: { codes: ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'], sum: 6 } });
});

test('filling wasm memory gives OUT_OF_MEMORY for large and tiny tensors and large arguments alike, never a trap; freeing brings the instance back', async () => {
  const out = await isolated(`
    const early = ex.zeros([2 ** 20]);
    const hold = [];
    const failures = {};
    for (const n of [2 ** 26, 2 ** 20, 2 ** 10, 16, 1]) {
      for (let i = 0; i < 100000; i++) {
        try { hold.push(ex.zeros([n])); } catch (e) {
          if (!(e instanceof ex.ExTensorError)) throw e;
          failures[n] = e.code;
          break;
        }
      }
    }
    // Still refused, not trapped, while nothing was freed: small and large arguments (the
    // glue copies those with an allocator that would abort), and copies out.
    const outcome = (fn) => { try { fn(); return 'ok'; } catch (e) { if (!(e instanceof ex.ExTensorError)) throw e; return e.code; } };
    const again = outcome(() => ex.tensor([1, 2]));
    const largeArguments = [
      outcome(() => ex.tensor(new Float32Array(2 ** 22))),
      outcome(() => ex.tensor(new Float64Array(2 ** 20), { dtype: 'float32' })),
      outcome(() => ex.fromNpy(new Uint8Array(2 ** 22))),
    ];
    const copyOut = [outcome(() => early.toArray().length), outcome(() => early.toTypedArray())];
    const view = hold[hold.length - 1].reshape([-1]);
    const windowLength = hold[0].data.length;
    view.free();
    for (const t of hold.splice(0, 4)) t.free();
    const t = ex.arange(10, 'int32');
    const s = t.sum();
    const sum = s.item();
    t.free(); s.free();
    for (const h of hold) h.free();
    early.free();
    const m = ex.memory();
    return {
      failures, again, largeArguments, copyOutTrapped: copyOut.some((o) => o !== 'ok' && o !== 'OUT_OF_MEMORY'),
      windowLength, sum: String(sum), live: m.liveHandles, bytes: m.storageBytes,
    };
  `);
  assert.deepEqual(out, {
    result: {
      failures: { [2 ** 26]: 'OUT_OF_MEMORY', [2 ** 20]: 'OUT_OF_MEMORY', [2 ** 10]: 'OUT_OF_MEMORY', 16: 'OUT_OF_MEMORY', 1: 'OUT_OF_MEMORY' },
      again: 'OUT_OF_MEMORY',
      largeArguments: ['OUT_OF_MEMORY', 'OUT_OF_MEMORY', 'OUT_OF_MEMORY'],
      copyOutTrapped: false,
      windowLength: 2 ** 26,
      sum: '45',
      live: 0,
      bytes: 0,
    },
  });
});
