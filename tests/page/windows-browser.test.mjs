// Typed-array windows in Chromium, on every build: a window kept past free() never reaches
// another tensor's elements (its bytes are quarantined while it may live), wasm memory
// growth detaches it and releases the quarantine, and a quarantine past its limit ends at
// the next allocating call. The same rules run in Node in tests/js/hostile.test.mjs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { servedChromiumSuite } from '../chromium.mjs';

const BUILDS = { relaxed: {}, simd: { relaxed: false }, baseline: { simd: false } };

// Runs in the page (the demo page, whose own tensors are left alone: counters are deltas).
const scenario = (options) => `(async () => {
  const ex = await import('/js/browser.js');
  await ex.init(${JSON.stringify(options)});
  const quarantined = () => ex.memory().quarantinedBytes;
  const base = quarantined();
  const out = { build: ex.backend().build };

  // A window kept past free(): its bytes stay out of reach of every new tensor.
  const a = ex.zeros([1024], 'float32');
  let stale = a.data;
  a.free();
  out.quarantinedAfterFree = quarantined() - base;
  const others = Array.from({ length: 8 }, () => ex.zeros([1024], 'float32'));
  stale.fill(42);
  out.staleReads = stale[7];
  out.othersSums = others.map((t) => t.sum().item());

  // Memory growth detaches the window and gives the bytes back.
  const big = ex.zeros([ex.memory().wasmMemoryBytes / 4]);
  out.staleLengthAfterGrowth = stale.length;
  out.quarantinedAfterGrowth = quarantined() - base;
  big.free();
  for (const t of others) t.free();

  // A quarantine past its limit (4 MiB) ends at the next allocating call, which detaches
  // every window; reading t.data again gives a live one.
  const live = ex.arange(4, 'int32');
  const liveWindow = live.data;
  const large = ex.zeros([2 ** 21], 'float32');
  stale = large.data;
  large.free();
  out.quarantinedPastLimit = quarantined() - base;
  ex.zeros([1]).free();
  out.afterNextAllocation = { quarantined: quarantined() - base, stale: stale.length, oldLive: liveWindow.length, live: Array.from(live.data) };
  live.free();
  return out;
})()`;

describe('typed-array windows in Chromium', () => {
  const chromium = servedChromiumSuite();

  for (const [build, options] of Object.entries(BUILDS)) {
    it(`${build}: a window kept past free() never reaches another tensor; growth and the quarantine limit end its quarantine`, async () => {
      const { out, problems } = await chromium.evaluate(`/www/?build=${build}`, scenario(options));
      assert.deepEqual(out, {
        build,
        quarantinedAfterFree: 4096,
        staleReads: 42,
        othersSums: [0, 0, 0, 0, 0, 0, 0, 0],
        staleLengthAfterGrowth: 0,
        quarantinedAfterGrowth: 0,
        quarantinedPastLimit: 2 ** 23,
        afterNextAllocation: { quarantined: 0, stale: 0, oldLive: 0, live: [0, 1, 2, 3] },
      });
      assert.deepEqual(problems, []);
    });
  }
});

// Chromium has Float16Array (since 135): tensor() infers float16 from one and copies its bit
// patterns; toTypedArray({ float16Array: true }) gives one back; the window stays raw bits.
describe('Float16Array in Chromium', () => {
  const chromium = servedChromiumSuite();

  it('ex.tensor(new Float16Array(…)) is float16, and toTypedArray({ float16Array: true }) returns a Float16Array', async () => {
    const { out, problems } = await chromium.evaluate('/www/', `(async () => {
      const ex = await import('/js/browser.js');
      await ex.init();
      const source = new Float16Array([0.5, -2, 65504, Infinity, NaN, -0]);
      const t = ex.tensor(source);
      const asDtype = ex.tensor(source, { dtype: 'float32' });
      const back = t.toTypedArray({ float16Array: true });
      const reversed = t.slice('::-1');
      const view = reversed.toTypedArray({ float16Array: true });
      const int8 = ex.ones([1], 'int8');
      const out = {
        hasFloat16Array: typeof Float16Array === 'function',
        dtype: t.dtype,
        values: t.toArray().map(String),
        float32: asDtype.toArray().map(String),
        window: t.data.constructor.name,
        windowBits: Array.from(t.data),
        back: [back.constructor.name, Array.from(back, String)],
        reversedView: [view.constructor.name, Array.from(view, String)],
        bits: t.toTypedArray().constructor.name,
        otherDtype: int8.toTypedArray({ float16Array: true }).constructor.name,
      };
      for (const h of [t, asDtype, reversed, int8]) h.free();
      return out;
    })()`);
    assert.deepEqual(out, {
      hasFloat16Array: true,
      dtype: 'float16',
      values: ['0.5', '-2', '65504', 'Infinity', 'NaN', '0'],
      float32: ['0.5', '-2', '65504', 'Infinity', 'NaN', '0'],
      window: 'Uint16Array',
      windowBits: [0x3800, 0xc000, 0x7bff, 0x7c00, 0x7e00, 0x8000],
      back: ['Float16Array', ['0.5', '-2', '65504', 'Infinity', 'NaN', '0']],
      reversedView: ['Float16Array', ['0', 'NaN', 'Infinity', '65504', '-2', '0.5']],
      bits: 'Uint16Array',
      otherDtype: 'Int8Array',
    });
    assert.deepEqual(problems, []);
  });
});
