// NumPy conformance vectors (tests/conformance/cases-v2.json, a copy of
// ../shared/conformance/cases-v2.json) against the built package: every case of every kind,
// including `call` (one call of the Everyday NumPy surface; format in the contract,
// "Conformance vectors"). A case whose function does not exist yet is reported as a todo
// (it fails without failing the run, as the contract's runner rule says); every case of a
// function that exists must pass.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

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

// ------------------------------------------------------------------ building inputs

const INIT_RULES = {
  'arange': (i) => i,
  'arange%11+1': (i) => (i % 11) + 1,
  'arange%7+1': (i) => (i % 7) + 1,
  'arange*7919%13-4': (i) => ((i * 7919) % 13) - 4,
  'arange%5-2': (i) => (i % 5) - 2,
  'arange%3-1': (i) => (i % 3) - 1,
  // Shapes [..., m, n]: row r = ⌊i/n⌋ mod m, column c = i mod n.
  'diag-dominant': (i, [m, n]) => ((i * 7919) % 13) - 4 + (Math.floor(i / n) % m === i % n ? 8 * n : 0),
  'spd': (i, [m, n]) => {
    const r = Math.floor(i / n) % m;
    const c = i % n;
    const b = Math.floor(i / (n * n));
    return ((r + c + b) % 5) - 2 + (r === c ? 4 * n : 0);
  },
};

const BIG = new Set(['int64', 'uint64']);

/** A value of a `values` list or an expectation, as JS: NaN/±Infinity strings, BigInt strings. */
function decodeValue(v, dtype) {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (BIG.has(dtype) && (typeof v === 'string' || typeof v === 'number')) return BigInt(v);
  return v;
}

/** An input tensor: `{ dtype, shape, init }` or `{ dtype, shape, values }`. */
export function inputTensor({ dtype, shape, init, values }) {
  const size = shape.reduce((a, b) => a * b, 1);
  if (values !== undefined) {
    const decoded = values.map((v) => decodeValue(v, dtype));
    return ex.tensor(decoded, { dtype, shape });
  }
  const rule = INIT_RULES[init];
  if (rule === undefined) throw new Error(`unknown init rule ${init}`);
  const mn = shape.length >= 2 ? shape.slice(-2) : [1, shape[0] ?? 1];
  // Through float64, then cast as NumPy's astype casts (wrapping for integer dtypes).
  return ex.tensor(Float64Array.from({ length: size }, (_, i) => rule(i, mn)), { dtype, shape });
}

// ------------------------------------------------------------------ comparing results

const TOLERANCE = { float32: 1e-5, float64: 1e-12, float16: 1e-3, bfloat16: 1e-2 };

function assertValues(actual, expected, dtype, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const tol = TOLERANCE[dtype];
  for (let i = 0; i < expected.length; i++) {
    const want = decodeValue(expected[i], dtype);
    const got = actual[i];
    if (BIG.has(dtype)) {
      assert.equal(BigInt(got), want, `${what}[${i}]`);
    } else if (typeof want === 'boolean') {
      assert.equal(Boolean(got), want, `${what}[${i}]`);
    } else if (Number.isNaN(want)) {
      assert.ok(Number.isNaN(got), `${what}[${i}]: expected NaN, got ${got}`);
    } else if (tol === undefined || !Number.isFinite(want)) {
      assert.equal(Number(got), want, `${what}[${i}]`);
    } else {
      assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}[${i}]: ${got} vs ${want}`);
    }
  }
}

/** The elements of `t` in C order, as numbers (BigInt for 64-bit integers, bool as 0/1). */
function elements(t) {
  if (t.dtype !== 'float16' && t.dtype !== 'bfloat16') return Array.from(t.toTypedArray());
  const wide = t.astype('float32');
  try {
    return Array.from(wide.toTypedArray());
  } finally {
    wide.free();
  }
}

function assertTensor(out, expect, what, input0) {
  assert.ok((out instanceof ex.ExTensor), `${what}: expected an ExTensor, got ${out}`);
  assert.deepEqual(out.shape, expect.shape, `${what}: shape`);
  assert.equal(out.dtype, expect.dtype, `${what}: dtype`);
  assertValues(elements(out), expect.values, expect.dtype, `${what}: values`);
  if (expect.sharesMemory !== undefined) assert.equal(out.sharesMemory(input0), expect.sharesMemory, `${what}: sharesMemory`);
}

// ------------------------------------------------------------------ the five original kinds

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

const ran = { view: 0, error: 0, binary: 0, reduce: 0, matmul: 0, call: 0 };

function mathResult(c, base) {
  if (c.kind === 'binary') {
    const other = c.other.scalar !== undefined ? c.other.scalar : inputTensor(c.other);
    return base[c.op](other);
  }
  if (c.kind === 'reduce') {
    return ['argMax', 'argMin'].includes(c.op) ? base[c.op](c.axis ?? undefined) : base[c.op](c.axis ?? undefined, c.keepDims);
  }
  return ex.matmul(base, inputTensor(c.other));
}

for (const c of cases) {
  if (!['binary', 'reduce', 'matmul'].includes(c.kind)) continue;
  const label = c.kind === 'matmul' ? 'matmul' : `${c.op}`;
  test(`${c.id}: ${label} ${c.setup.dtype}${JSON.stringify(c.setup.shape)}`, () => {
    ex.tidy(() => {
      assertTensor(mathResult(c, inputTensor(c.setup)), c.expect, 'result');
      ran[c.kind] += 1;
    });
    assert.equal(ex.memory().liveHandles, 0);
  });
}

for (const c of cases) {
  if (c.kind !== 'view' && c.kind !== 'error') continue;
  test(`${c.id}: ${c.ops.map((o) => o.op).join(' → ')}`, () => {
    ex.tidy(() => {
      const base = inputTensor(c.setup);
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
      assertTensor(out, { ...e, sharesMemory: undefined }, 'view');
      e.strides.forEach((s, axis) => {
        if (s !== null) assert.equal(out.strides[axis], s, `stride ${axis}`);
      });
      if (e.offset !== null) assert.equal(out.offset, e.offset, 'offset');
      assert.equal(out.sharesMemory(base), e.sharesMemory, 'sharesMemory');
      assert.equal(out.isContiguous, e.contiguous, 'contiguous');
      if (c.writeThrough) {
        out.fill(c.writeThrough.fill);
        assertValues(elements(base), c.writeThrough.parentValues, c.setup.dtype, 'writeThrough');
      }
      ran.view += 1;
    });
    assert.equal(ex.memory().liveHandles, 0, 'tidy released every handle of the case');
  });
}

// ------------------------------------------------------------------ the call kind

/** An argument of a call, decoded as the contract says. */
function decodeArg(a, inputs) {
  if (a === null || typeof a !== 'object') return a;
  if (Array.isArray(a)) return a.map((x) => decodeArg(x, inputs));
  if ('input' in a) return inputs[a.input];
  if ('options' in a) return Object.fromEntries(Object.entries(a.options).map(([k, v]) => [k, decodeArg(v, inputs)]));
  if ('number' in a) return Number(a.number);
  throw new Error(`unknown argument form ${JSON.stringify(a)}`);
}

/** The function a call names, with its receiver: a method or property of an input, or `ex.<dotted name>`. */
function target(call, inputs) {
  if (call.on !== null) return { self: inputs[call.on], name: call.name };
  const path = call.name.split('.');
  const self = path.slice(0, -1).reduce((o, k) => (o === undefined ? undefined : o[k]), ex);
  return { self, name: path[path.length - 1] };
}

/** Whether the function a case calls exists in this build of the package. */
function exists(c) {
  const probe = ex.tidy(() => {
    const inputs = c.inputs.map(inputTensor);
    const { self, name } = target(c.call, inputs);
    if (self === undefined || self === null) return false;
    if (c.call.property) return name in self;
    return typeof self[name] === 'function';
  });
  return probe;
}

/** Every ExTensor inside a call's result (tuples, lists), for freeing. */
function tensorsIn(v) {
  if ((v instanceof ex.ExTensor)) return [v];
  if (Array.isArray(v)) return v.flatMap(tensorsIn);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(tensorsIn);
  return [];
}

function runCall(c) {
  const inputs = c.inputs.map(inputTensor);
  try {
    const { self, name } = target(c.call, inputs);
    const invoke = () => (c.call.property ? self[name] : self[name](...(c.call.args ?? []).map((a) => decodeArg(a, inputs))));
    const e = c.expect;
    if (e.error !== undefined) {
      assert.throws(invoke, (err) => {
        assert.ok(err instanceof ex.ExTensorError, `expected an ExTensorError, got ${err}`);
        assert.equal(err.code, e.error, err.message);
        return true;
      });
      return;
    }
    const out = invoke();
    try {
      if (e.boolean !== undefined) {
        assert.equal(out, e.boolean);
      } else if (e.tuple !== undefined) {
        for (const [field, want] of Object.entries(e.tuple)) assertTensor(out[field], want, field, inputs[0]);
      } else if (e.list !== undefined) {
        assert.ok(Array.isArray(out), `expected an array, got ${out}`);
        assert.equal(out.length, e.list.length, 'list length');
        e.list.forEach((want, i) => assertTensor(out[i], want, `item ${i}`, inputs[0]));
      } else if (e.after !== undefined) {
        assertTensor(inputs[e.after.input], e.after, `input ${e.after.input} after the call`);
      } else {
        assertTensor(out, e, 'result', inputs[0]);
      }
    } finally {
      for (const t of tensorsIn(out)) if (!inputs.includes(t) && !t.isFreed) t.free();
    }
  } finally {
    for (const t of inputs) t.free();
  }
}

for (const c of cases) {
  if (c.kind !== 'call') continue;
  const missing = !exists(c);
  test(`${c.id}: ${c.call.on === null ? 'ex.' : ''}${c.call.name}`, { todo: missing && `${c.call.name} is not in this build yet` }, () => {
    runCall(c);
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
    runCall(c);
    assert.equal(ex.memory().liveHandles, 0, 'every tensor of the case was freed');
  });
}

test('every case of every kind ran (the calls of functions not built yet excepted)', () => {
  const missing = cases.filter((c) => c.kind === 'call' && !exists(c)).length;
  for (const kind of Object.keys(ran)) {
    const expected = cases.filter((c) => c.kind === kind).length - (kind === 'call' ? missing : 0);
    assert.equal(ran[kind], expected, kind);
  }
  assert.equal(cases.length, 596);
});
