// package.json's facts that are written twice, held equal: the `main`/`browser`/`types`
// fields (for resolvers that read no `exports`) name the files `exports` names, and
// package-lock.json records the same `engines` as package.json.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8'));

test('main, browser and types name the files the "." export gives Node, everything else and TypeScript', () => {
  const dot = pkg.exports['.'];
  assert.equal(pkg.main, dot.node);
  assert.equal(pkg.browser, dot.default);
  assert.equal(pkg.types, dot.types);
  for (const file of [pkg.main, pkg.browser]) assert.ok(pkg.files.includes('js/*.js') && /^\.\/js\/[\w-]+\.js$/.test(file), `${file} ships`);
});

test('the .wasm builds are exported as assets, and each one the package ships matches the pattern', () => {
  assert.equal(pkg.exports['./pkg/*.wasm'], './pkg/*.wasm');
  const wasm = pkg.files.filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasm, ['pkg/extensor_relaxed_bg.wasm', 'pkg/extensor_simd_bg.wasm', 'pkg/extensor_baseline_bg.wasm', 'pkg/extensor_threads_bg.wasm']);
  for (const file of wasm) assert.ok(existsSync(new URL(file, ROOT)), `${file} is built`);
});

test('package-lock.json records the name, version and engines of package.json', () => {
  const root = lock.packages[''];
  assert.equal(lock.name, pkg.name);
  assert.equal(root.name, pkg.name);
  assert.equal(lock.version, pkg.version);
  assert.equal(root.version, pkg.version);
  assert.deepEqual(root.engines, pkg.engines);
});
