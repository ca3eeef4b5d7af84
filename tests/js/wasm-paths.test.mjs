// init({ wasmPaths }): where the .wasm files are (a folder or a URL per build; files and
// http in Node), the automatic build choice among what a map offers, and a load failure
// that names the URL and the fix. Each case loads a fresh instance (helpers.isolated).
import assert from 'node:assert/strict';
import test, { after, before } from 'node:test';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { BUILD, BUILD_OPTIONS, CAN_SHARE_MEMORY, checkMemoryReturnsToZero, ex, isolated, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const PKG = new URL('../../pkg/', import.meta.url);
const PKG_PATH = fileURLToPath(PKG);
const OPTIONS = BUILD_OPTIONS;
const support = ex.engineSupport();
/** The single-threaded build an unforced init() picks here (the tests run Node with relaxed SIMD enabled). */
const AUTOMATIC_SINGLE = support.relaxed ? 'relaxed' : support.simd ? 'simd' : 'baseline';
/** The build an unforced init() picks here: the threaded one where there are two cores or more and memory can be shared. */
const THREADED = availableParallelism() > 1 && support.simd && CAN_SHARE_MEMORY;
const AUTOMATIC = THREADED ? 'threads' : AUTOMATIC_SINGLE;

// A local http server over pkg/ that logs what it was asked for; /missing/ is a 404.
let server;
let base;
const requests = [];
before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url);
    const name = req.url.startsWith('/pkg/') ? req.url.slice('/pkg/'.length) : null;
    if (name === null || !/^extensor_\w+_bg\.wasm$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/wasm' });
    createReadStream(new URL(name, PKG)).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));

/** init(options) in a fresh process: the build loaded and a sum it computed, or what it threw. */
function initWith(optionsSource) {
  return isolated(`
    const info = await ex.init(${optionsSource});
    const t = ex.arange(5, 'int32');
    const s = t.sum();
    const sum = Number(s.item());
    t.free(); s.free();
    return { build: info.build, sum };
  `, { init: false });
}

test('wasmPaths as a folder (file URL, path with or without the final slash, relative path, URL object) loads the build the engine runs best', async () => {
  const relative = `${fileURLToPath(PKG).slice(fileURLToPath(new URL('../..', import.meta.url)).length)}`;
  for (const folder of [JSON.stringify(PKG.href), JSON.stringify(PKG_PATH), JSON.stringify(PKG_PATH.replace(/\/$/, '')), JSON.stringify(relative), `new URL(${JSON.stringify(PKG.href)})`]) {
    assert.deepEqual(await initWith(`{ wasmPaths: ${folder} }`), { result: { build: AUTOMATIC, sum: 10 } }, folder);
  }
});

test('wasmPaths over http: the folder and a map of full URLs; the options still force a build', async () => {
  assert.deepEqual(await initWith(`{ wasmPaths: ${JSON.stringify(`${base}/pkg/`)} }`), { result: { build: AUTOMATIC, sum: 10 } });
  assert.ok(requests.includes(`/pkg/extensor_${AUTOMATIC}_bg.wasm`), `fetched the ${AUTOMATIC} build: ${requests.join(', ')}`);
  assert.deepEqual(await initWith(`{ ...${JSON.stringify(OPTIONS)}, wasmPaths: ${JSON.stringify(`${base}/pkg`)} }`), { result: { build: BUILD, sum: 10 } });
  const map = { [BUILD]: `${base}/pkg/extensor_${BUILD}_bg.wasm` };
  assert.deepEqual(await initWith(`{ ...${JSON.stringify(OPTIONS)}, wasmPaths: ${JSON.stringify(map)} }`), { result: { build: BUILD, sum: 10 } });
});

test('with a wasmPaths map the automatic choice runs among the builds it names; threads is accepted', async () => {
  const url = (b) => new URL(`extensor_${b}_bg.wasm`, PKG).href;
  const cases = [
    [{ relaxed: url('relaxed'), simd: url('simd'), baseline: url('baseline') }, AUTOMATIC_SINGLE],
    [{ simd: url('simd'), baseline: url('baseline') }, support.simd ? 'simd' : 'baseline'],
    [{ baseline: url('baseline') }, 'baseline'],
    [{ baseline: url('baseline'), threads: url('threads') }, THREADED ? 'threads' : 'baseline'],
    [{ baseline: url('baseline'), threads: url('threads') }, 'baseline', '{ threads: 1 }'],
  ];
  for (const [map, build, more = ''] of cases) {
    const options = more === '' ? `{ wasmPaths: ${JSON.stringify(map)} }` : `{ ...${more}, wasmPaths: ${JSON.stringify(map)} }`;
    assert.deepEqual(await initWith(options), { result: { build, sum: 10 } }, options);
  }
  if (support.simd) {
    const refused = await initWith(`{ simd: true, wasmPaths: { baseline: ${JSON.stringify(url('baseline'))} } }`);
    assert.equal(refused.threw?.code, 'INVALID_ARGUMENT');
    assert.match(refused.threw.message, /wasmPaths has no URL for the \w+ build, the one the options select; it names baseline/);
  }
});

test('a build that cannot be loaded names the URL it tried, wasmPaths and the README, and init works afterwards', async () => {
  const out = await isolated(`
    const messages = [];
    for (const options of [
      { wasmPaths: ${JSON.stringify(`${base}/missing/`)} },
      { wasmPaths: { baseline: ${JSON.stringify(`${base}/pkg/nothing.wasm`)} } },
      { wasmPaths: 'http://127.0.0.1:9/pkg/' },
      { wasmPaths: ${JSON.stringify(new URL('../../no-such-folder/', import.meta.url).href)} },
      { module: ${JSON.stringify(`${base}/missing/x.wasm`)} },
      { wasmPaths: 'http://127.0.0.1:9/' + 'a'.repeat(1e6) + '/' },
    ]) {
      try { await ex.init(options); messages.push('loaded'); } catch (e) { messages.push(e instanceof ex.ExTensorError ? e.code + ' ' + e.message : 'not an ExTensorError: ' + e); }
    }
    await ex.init(${JSON.stringify(OPTIONS)});
    return { messages, build: ex.backend().build };
  `, { init: false });
  const [folder404, map404, refused, noFile, module404, longUrl] = out.result.messages;
  assert.ok(longUrl.length < 1000, `a megabyte-long URL is quoted short (${longUrl.length} characters)`);
  for (const m of out.result.messages) {
    assert.match(m, /^INVALID_ARGUMENT init: cannot load the \w+ build from \S+ \(.+\): copy node_modules\/extensor\/pkg\/\*\.wasm .* wasmPaths.*README, "Bundlers"/);
  }
  // threads: 'auto' falls back to a single-threaded build when the threaded one cannot load
  assert.match(folder404, new RegExp(`from ${base}/missing/extensor_${AUTOMATIC_SINGLE}_bg\\.wasm \\(HTTP 404\\)`));
  assert.match(map404, new RegExp(`the baseline build from ${base}/pkg/nothing\\.wasm \\(HTTP 404\\)`));
  assert.match(refused, /from http:\/\/127\.0\.0\.1:9\/pkg\/extensor_\w+_bg\.wasm \(fetch failed/);
  assert.match(noFile, /no-such-folder\/extensor_\w+_bg\.wasm \(ENOENT\)/);
  assert.match(module404, new RegExp(`from ${base}/missing/x\\.wasm \\(HTTP 404\\)`));
  assert.equal(out.result.build, BUILD);
});

test('bad wasmPaths values are INVALID_ARGUMENT before anything loads, also once initialised', async () => {
  const bad = [
    [5, /wasmPaths must be a folder URL or an object/],
    [null, /wasmPaths must be a folder URL or an object/],
    [['a/'], /wasmPaths must be a folder URL or an object/],
    ['', /wasmPaths must be a URL/],
    [{}, /wasmPaths names no build/],
    [{ webgpu: 'x.wasm' }, /wasmPaths names an unknown build "webgpu"/],
    [{ simd: 5 }, /wasmPaths\.simd must be a URL/],
    [{ simd: { href: 'http://x/' } }, /wasmPaths\.simd must be a URL/],
    [{ simd: '' }, /wasmPaths\.simd must be a URL/],
  ];
  for (const [wasmPaths, message] of bad) {
    await assert.rejects(ex.init({ wasmPaths }), (e) => e instanceof ex.ExTensorError && e.code === 'INVALID_ARGUMENT' && message.test(e.message), String(wasmPaths));
  }
  await assert.rejects(ex.init({ module: new Uint8Array(8), wasmPaths: PKG.href }), { code: 'INVALID_ARGUMENT', message: /either module .* or wasmPaths/ });
  // Valid paths once initialised: nothing is fetched, the running build is reported.
  assert.equal((await ex.init({ wasmPaths: 'http://127.0.0.1:9/nowhere/' })).build, BUILD);
  assert.equal((await ex.init({ ...OPTIONS, wasmPaths: { [BUILD]: 'http://127.0.0.1:9/x.wasm' } })).build, BUILD);
});

test('toTypedArray({ float16Array }) is a Float16Array of a float16 tensor where the engine has one, else INVALID_ARGUMENT; other dtypes are unaffected', () => {
  const half = ex.tensor([0.5, -2, 65504], { dtype: 'float16' });
  const ints = ex.tensor([1, 2], { dtype: 'int16' });
  try {
    assert.deepEqual(Array.from(half.toTypedArray()), [0x3800, 0xc000, 0x7bff], 'the default is the bit patterns');
    assert.deepEqual(Array.from(half.toTypedArray({ float16Array: false })), [0x3800, 0xc000, 0x7bff]);
    assert.ok(ints.toTypedArray({ float16Array: true }) instanceof Int16Array, 'other dtypes keep their typed array');
    if (typeof globalThis.Float16Array === 'function') {
      const values = half.toTypedArray({ float16Array: true });
      assert.ok(values instanceof globalThis.Float16Array);
      assert.deepEqual(Array.from(values), [0.5, -2, 65504]);
      const back = ex.tensor(values);
      assert.equal(back.dtype, 'float16');
      assert.deepEqual(back.toArray(), [0.5, -2, 65504]);
      back.free();
    } else {
      throwsCode(() => half.toTypedArray({ float16Array: true }), 'INVALID_ARGUMENT', /toTypedArray: \{ float16Array: true \} needs an engine with Float16Array/);
    }
    throwsCode(() => half.toTypedArray({ float16Array: 1 }), 'INVALID_ARGUMENT', /float16Array must be a boolean/);
    throwsCode(() => half.toTypedArray({ float16: true }), 'INVALID_ARGUMENT', /unknown option "float16"/);
  } finally {
    half.free();
    ints.free();
  }
});
