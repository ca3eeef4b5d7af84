// NumPy conformance vectors (tests/conformance/cases.json, a copy of
// ../shared/conformance/cases.json) against the built package: every case of every kind.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

checkMemoryReturnsToZero();

const here = new URL('.', import.meta.url);
const copyPath = new URL('../conformance/cases.json', here);
const sharedPath = new URL('../../../shared/conformance/cases.json', here);
const { cases } = JSON.parse(readFileSync(copyPath, 'utf8'));

test('the copy of the conformance vectors is current', { skip: !existsSync(sharedPath) && 'no ../shared here' }, () => {
  assert.ok(
    readFileSync(copyPath).equals(readFileSync(sharedPath)),
    'tests/conformance/cases.json differs from ../shared/conformance/cases.json: copy it again',
  );
});

const INIT_RULES = {
  'arange': (i) => i,
  'arange%11+1': (i) => (i % 11) + 1,
  'arange%7+1': (i) => (i % 7) + 1,
  'arange*7919%13-4': (i) => ((i * 7919) % 13) - 4,
  'arange%5-2': (i) => (i % 5) - 2,
  'arange%3-1': (i) => (i % 3) - 1,
};

/** The setup tensor: the init rule over the flat index, wrapped to the dtype (as astype does). */
export function setupTensor({ dtype, shape, init }) {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float64Array.from({ length: size }, (_, i) => INIT_RULES[init](i));
  return ex.tensor(values, { dtype, shape });
}

function applyOp(t, op) {
  switch (op.op) {
    case 'reshape': return t.reshape(op.shape);
    case 'slice': return t.slice(op.spec);
    case 'transpose': return t.transpose(op.axes ?? undefined);
    case 'squeeze': return t.squeeze(op.axis ?? undefined);
    case 'unsqueeze': return t.unsqueeze(op.axis);
    case 'broadcastTo': return t.broadcastTo(op.shape);
    case 'contiguous': return t.contiguous();
    default: throw new Error(`unknown op ${op.op}`);
  }
}

const decode = (v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

function assertValues(actual, expected, dtype, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const tol = dtype === 'float32' ? 1e-5 : dtype === 'float64' ? 1e-12 : 0;
  for (let i = 0; i < expected.length; i++) {
    const want = decode(expected[i]);
    const got = typeof actual[i] === 'bigint' ? Number(actual[i]) : Number(actual[i]);
    if (Number.isNaN(want)) {
      assert.ok(Number.isNaN(got), `${what}[${i}]: expected NaN, got ${got}`);
    } else if (tol === 0 || !Number.isFinite(want)) {
      assert.equal(got, want, `${what}[${i}]`);
    } else {
      assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}[${i}]: ${got} vs ${want}`);
    }
  }
}

const ran = { view: 0, error: 0, binary: 0, reduce: 0, matmul: 0 };

function mathResult(c, base) {
  if (c.kind === 'binary') {
    const other = c.other.scalar !== undefined ? c.other.scalar : setupTensor(c.other);
    return base[c.op](other);
  }
  if (c.kind === 'reduce') {
    return ['argMax', 'argMin'].includes(c.op) ? base[c.op](c.axis ?? undefined) : base[c.op](c.axis ?? undefined, c.keepDims);
  }
  return ex.matmul(base, setupTensor(c.other));
}

for (const c of cases) {
  if (!['binary', 'reduce', 'matmul'].includes(c.kind)) continue;
  const label = c.kind === 'matmul' ? 'matmul' : `${c.op}`;
  test(`${c.id}: ${label} ${c.setup.dtype}${JSON.stringify(c.setup.shape)}`, () => {
    ex.tidy(() => {
      const out = mathResult(c, setupTensor(c.setup));
      assert.deepEqual(out.shape, c.expect.shape, 'shape');
      assert.equal(out.dtype, c.expect.dtype, 'dtype');
      assertValues(Array.from(out.toTypedArray()), c.expect.values.map((v) => (typeof v === 'boolean' ? Number(v) : v)), c.expect.dtype, 'values');
      ran[c.kind] += 1;
    });
    assert.equal(ex.memory().liveHandles, 0);
  });
}

for (const c of cases) {
  if (c.kind !== 'view' && c.kind !== 'error') continue;
  test(`${c.id}: ${c.ops.map((o) => o.op).join(' → ')}`, () => {
    ex.tidy(() => {
      const base = setupTensor(c.setup);
      if (c.kind === 'error') {
        assert.throws(() => c.ops.reduce(applyOp, base), (e) => {
          assert.ok(e instanceof ex.ExTensorError, `${e}`);
          assert.equal(e.code, c.code, e.message);
          return true;
        });
        ran.error += 1;
        return;
      }
      const out = c.ops.reduce(applyOp, base);
      const e = c.expect;
      assert.deepEqual(out.shape, e.shape, 'shape');
      e.strides.forEach((s, axis) => {
        if (s !== null) assert.equal(out.strides[axis], s, `stride ${axis}`);
      });
      if (e.offset !== null) assert.equal(out.offset, e.offset, 'offset');
      assert.equal(out.dtype, e.dtype, 'dtype');
      assertValues(Array.from(out.toTypedArray()), e.values, e.dtype, 'values');
      assert.equal(out.sharesMemory(base), e.sharesMemory, 'sharesMemory');
      assert.equal(out.isContiguous, e.contiguous, 'contiguous');
      if (c.writeThrough) {
        out.fill(c.writeThrough.fill);
        assertValues(Array.from(base.toTypedArray()), c.writeThrough.parentValues, c.setup.dtype, 'writeThrough');
      }
      ran.view += 1;
    });
    assert.equal(ex.memory().liveHandles, 0, 'tidy released every handle of the case');
  });
}

test('every case of every kind ran', () => {
  for (const kind of Object.keys(ran)) {
    assert.equal(ran[kind], cases.filter((c) => c.kind === kind).length, kind);
  }
  assert.equal(Object.values(ran).reduce((a, b) => a + b, 0), cases.length);
  assert.equal(cases.length, 278);
});
