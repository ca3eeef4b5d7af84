// Real `using` declarations with ex.scope() across `await`. Node 20 cannot parse `using`,
// so TypeScript (a dev dependency) lowers this source to ES2022 first; the lowered code
// calls the same Symbol.dispose a native `using` would. The page test runs native `using`
// in Chromium.
import assert from 'node:assert/strict';
import test from 'node:test';
import ts from 'typescript';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

checkMemoryReturnsToZero();

const SOURCE = `
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function normalize(values: number[]) {
  using scope = ex.scope();
  const t = ex.tensor(values);
  await tick();
  const centered = t.sub(t.mean());
  await tick();
  return scope.keep(centered.div(centered.abs().max()));
}

async function failing() {
  using scope = ex.scope();
  ex.ones([2]);
  await tick();
  ex.ones([2]).reshape([3]);
}

async function main() {
  const before = ex.memory().liveHandles;
  const [a, b] = await Promise.all([normalize([1, 2, 3]), normalize([10, 0, 5, 5])]);
  const afterBoth = ex.memory().liveHandles;
  let error = null;
  try { await failing(); } catch (e) { error = e.code; }
  const result = { a: Array.from(a.data), b: Array.from(b.data), kept: afterBoth - before, error,
    afterError: ex.memory().liveHandles - afterBoth };
  a.free();
  b.free();
  return result;
}
`;

test('`using scope = ex.scope()` spans await and frees on return and on throw', async () => {
  const { outputText, diagnostics } = ts.transpileModule(SOURCE, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
    reportDiagnostics: true,
  });
  assert.deepEqual(diagnostics, []);
  assert.match(outputText, /__addDisposableResource/, 'TypeScript lowered the using declarations');
  const main = new Function('ex', `${outputText}\nreturn main;`)(ex);
  const result = await main();
  assert.deepEqual(result, { a: [-1, 0, 1], b: [1, -1, 0, 0], kept: 2, error: 'SHAPE_MISMATCH', afterError: 0 });
});
