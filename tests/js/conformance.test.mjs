// NumPy conformance vectors (tests/conformance/cases-v2.json, a copy of
// ../shared/conformance/cases-v2.json) against the built package: every case of every kind,
// including `call` (one call of the Everyday NumPy surface; format in the contract,
// "Conformance vectors"). A case whose function does not exist yet is reported as a todo
// (it fails without failing the run, as the contract's runner rule says); every case of a
// function that exists must pass. The case logic is tests/conformance/runner.mjs, which
// tests/page/conformance-browser.test.mjs runs in Chromium too.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';
import { caseExists, runCase } from '../conformance/runner.mjs';

checkMemoryReturnsToZero();

const here = new URL('.', import.meta.url);
const copyPath = new URL('../conformance/cases-v2.json', here);
const sharedPath = new URL('../../../shared/conformance/cases-v2.json', here);
const { cases } = JSON.parse(readFileSync(copyPath, 'utf8'));

test('the copy of the conformance vectors is current', { skip: !existsSync(sharedPath) && 'no ../shared here' }, () => {
  assert.ok(
    readFileSync(copyPath).equals(readFileSync(sharedPath)),
    'tests/conformance/cases-v2.json differs from ../shared/conformance/cases-v2.json: copy it again',
  );
});

const ran = { view: 0, error: 0, binary: 0, reduce: 0, matmul: 0, call: 0 };

// ------------------------------------------------------------------ the five original kinds

for (const c of cases) {
  if (!['binary', 'reduce', 'matmul'].includes(c.kind)) continue;
  const label = c.kind === 'matmul' ? 'matmul' : `${c.op}`;
  test(`${c.id}: ${label} ${c.setup.dtype}${JSON.stringify(c.setup.shape)}`, () => {
    runCase(ex, c);
    ran[c.kind] += 1;
    assert.equal(ex.memory().liveHandles, 0);
  });
}

for (const c of cases) {
  if (c.kind !== 'view' && c.kind !== 'error') continue;
  test(`${c.id}: ${c.ops.map((o) => o.op).join(' → ')}`, () => {
    runCase(ex, c);
    ran[c.kind] += 1;
    assert.equal(ex.memory().liveHandles, 0, 'tidy released every handle of the case');
  });
}

// ------------------------------------------------------------------ the call kind

for (const c of cases) {
  if (c.kind !== 'call') continue;
  const missing = !caseExists(ex, c);
  test(`${c.id}: ${c.call.on === null ? 'ex.' : ''}${c.call.name}`, { todo: missing && `${c.call.name} is not in this build yet` }, () => {
    runCase(ex, c);
    ran.call += 1;
    assert.equal(ex.memory().liveHandles, 0, 'every tensor of the case was freed');
  });
}

// The project's own NumPy-generated edge cases (tests/npy/generate_everyday.py), in the call
// format: every function they call exists, so none is a todo.
const everyday = JSON.parse(readFileSync(new URL('../npy/everyday.json', here), 'utf8'));
test('the edge-case file holds the cases it counts', () => assert.equal(everyday.cases.length, everyday.count));
for (const c of everyday.cases) {
  test(`${c.id}: ${c.call.on === null ? 'ex.' : ''}${c.call.name}`, () => {
    runCase(ex, c);
    assert.equal(ex.memory().liveHandles, 0, 'every tensor of the case was freed');
  });
}

test('every case of every kind ran (the calls of functions not built yet excepted)', () => {
  const missing = cases.filter((c) => !caseExists(ex, c)).length;
  for (const kind of Object.keys(ran)) {
    const expected = cases.filter((c) => c.kind === kind).length - (kind === 'call' ? missing : 0);
    assert.equal(ran[kind], expected, kind);
  }
  assert.equal(cases.length, 596);
});
