// The runner of the NumPy conformance vectors (cases-v2.json beside this file; format in the
// contract, "Conformance vectors") and of the project's own edge cases in the same call format
// (tests/npy/everyday.json). It imports nothing, so the same file runs in Node
// (tests/js/conformance.test.mjs, one node:test test a case) and in a browser page
// (tests/page/conformance-browser.test.mjs, every case on every build): every function takes
// the loaded package as `ex`, and a mismatch throws an Error naming what differs.

// ------------------------------------------------------------------ assertions

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return String(v);
}

/** Fails with `message` (and both values) unless `actual` is `expected` (Object.is, as node:assert/strict). */
function equal(actual, expected, message = 'values differ') {
  if (!Object.is(actual, expected)) throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Fails unless two arrays of primitives (shapes) hold the same items. */
function equalArrays(actual, expected, message) {
  const same = Array.isArray(actual) && actual.length === expected.length && actual.every((v, i) => Object.is(v, expected[i]));
  if (!same) throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

function ok(value, message) {
  if (!value) throw new Error(message);
}

/** Fails unless `fn` throws an ExTensorError with `code`. */
function throwsCode(ex, fn, code) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = { err };
  }
  if (caught === undefined) throw new Error(`expected an ExTensorError ${code}, nothing was thrown`);
  const { err } = caught;
  ok(err instanceof ex.ExTensorError, `expected an ExTensorError, got ${err}`);
  equal(err.code, code, err.message);
}

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
export function inputTensor(ex, { dtype, shape, init, values }) {
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
  equal(actual.length, expected.length, `${what}: length`);
  const tol = TOLERANCE[dtype];
  for (let i = 0; i < expected.length; i++) {
    const want = decodeValue(expected[i], dtype);
    const got = actual[i];
    if (BIG.has(dtype)) {
      equal(BigInt(got), want, `${what}[${i}]`);
    } else if (typeof want === 'boolean') {
      equal(Boolean(got), want, `${what}[${i}]`);
    } else if (Number.isNaN(want)) {
      ok(Number.isNaN(got), `${what}[${i}]: expected NaN, got ${got}`);
    } else if (tol === undefined || !Number.isFinite(want)) {
      equal(Number(got), want, `${what}[${i}]`);
    } else {
      ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}[${i}]: ${got} vs ${want}`);
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

function assertTensor(ex, out, expect, what, input0) {
  ok(out instanceof ex.ExTensor, `${what}: expected an ExTensor, got ${out}`);
  equalArrays(out.shape, expect.shape, `${what}: shape`);
  equal(out.dtype, expect.dtype, `${what}: dtype`);
  assertValues(elements(out), expect.values, expect.dtype, `${what}: values`);
  if (expect.sharesMemory !== undefined) equal(out.sharesMemory(input0), expect.sharesMemory, `${what}: sharesMemory`);
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

function mathResult(ex, c, base) {
  if (c.kind === 'binary') {
    const other = c.other.scalar !== undefined ? c.other.scalar : inputTensor(ex, c.other);
    return base[c.op](other);
  }
  if (c.kind === 'reduce') {
    return ['argMax', 'argMin'].includes(c.op) ? base[c.op](c.axis ?? undefined) : base[c.op](c.axis ?? undefined, c.keepDims);
  }
  return ex.matmul(base, inputTensor(ex, c.other));
}

/** A binary, reduce or matmul case, inside ex.tidy. */
function runMath(ex, c) {
  ex.tidy(() => assertTensor(ex, mathResult(ex, c, inputTensor(ex, c.setup)), c.expect, 'result'));
}

/** A view or error case (a chain of view ops), inside ex.tidy. */
function runView(ex, c) {
  ex.tidy(() => {
    const base = inputTensor(ex, c.setup);
    if (c.kind === 'error') {
      throwsCode(ex, () => c.ops.reduce(applyOp, base), c.code);
      return;
    }
    const out = c.ops.reduce(applyOp, base);
    const e = c.expect;
    assertTensor(ex, out, { ...e, sharesMemory: undefined }, 'view');
    e.strides.forEach((s, axis) => {
      if (s !== null) equal(out.strides[axis], s, `stride ${axis}`);
    });
    if (e.offset !== null) equal(out.offset, e.offset, 'offset');
    equal(out.sharesMemory(base), e.sharesMemory, 'sharesMemory');
    equal(out.isContiguous, e.contiguous, 'contiguous');
    if (c.writeThrough) {
      out.fill(c.writeThrough.fill);
      assertValues(elements(base), c.writeThrough.parentValues, c.setup.dtype, 'writeThrough');
    }
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
function target(ex, call, inputs) {
  if (call.on !== null) return { self: inputs[call.on], name: call.name };
  const path = call.name.split('.');
  const self = path.slice(0, -1).reduce((o, k) => (o === undefined ? undefined : o[k]), ex);
  return { self, name: path[path.length - 1] };
}

/** Whether the function a case calls exists in this build of the package (every other kind: true). */
export function caseExists(ex, c) {
  if (c.kind !== 'call') return true;
  return ex.tidy(() => {
    const inputs = c.inputs.map((input) => inputTensor(ex, input));
    const { self, name } = target(ex, c.call, inputs);
    if (self === undefined || self === null) return false;
    if (c.call.property) return name in self;
    return typeof self[name] === 'function';
  });
}

/** Every ExTensor inside a call's result (tuples, lists), for freeing. */
function tensorsIn(ex, v) {
  if (v instanceof ex.ExTensor) return [v];
  if (Array.isArray(v)) return v.flatMap((x) => tensorsIn(ex, x));
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap((x) => tensorsIn(ex, x));
  return [];
}

/** A call case: every tensor it makes is freed, whatever happens. */
function runCall(ex, c) {
  const inputs = c.inputs.map((input) => inputTensor(ex, input));
  try {
    const { self, name } = target(ex, c.call, inputs);
    const invoke = () => (c.call.property ? self[name] : self[name](...(c.call.args ?? []).map((a) => decodeArg(a, inputs))));
    const e = c.expect;
    if (e.error !== undefined) {
      throwsCode(ex, invoke, e.error);
      return;
    }
    const out = invoke();
    try {
      if (e.boolean !== undefined) {
        equal(out, e.boolean, 'result');
      } else if (e.tuple !== undefined) {
        for (const [field, want] of Object.entries(e.tuple)) assertTensor(ex, out[field], want, field, inputs[0]);
      } else if (e.list !== undefined) {
        ok(Array.isArray(out), `expected an array, got ${out}`);
        equal(out.length, e.list.length, 'list length');
        e.list.forEach((want, i) => assertTensor(ex, out[i], want, `item ${i}`, inputs[0]));
      } else if (e.after !== undefined) {
        assertTensor(ex, inputs[e.after.input], e.after, `input ${e.after.input} after the call`);
      } else {
        assertTensor(ex, out, e, 'result', inputs[0]);
      }
    } finally {
      for (const t of tensorsIn(ex, out)) if (!inputs.includes(t) && !t.isFreed) t.free();
    }
  } finally {
    for (const t of inputs) t.free();
  }
}

// ------------------------------------------------------------------ running cases

const RUNNERS = { view: runView, error: runView, binary: runMath, reduce: runMath, matmul: runMath, call: runCall };

/** Runs one case of any kind; throws an Error on a mismatch. */
export function runCase(ex, c) {
  const run = RUNNERS[c.kind];
  if (run === undefined) throw new Error(`unknown case kind ${c.kind}`);
  run(ex, c);
}

/**
 * Runs every case of `cases` (cases-v2.json) and then of `everyday` (everyday.json), catching
 * each failure, including a case that leaves a tensor alive. A call of cases-v2 whose function
 * is not in the package is a todo, not run (every function everyday.json calls must exist).
 * Returns `{ ran, todo, failures }`: `ran` counts the passed
 * cases-v2 cases by kind plus the passed everyday cases, `todo` the ids of the calls not run,
 * `failures` `{ id, message }` in case order.
 */
export function runAll(ex, { cases, everyday = [] }) {
  const ran = { view: 0, error: 0, binary: 0, reduce: 0, matmul: 0, call: 0, everyday: 0 };
  const todo = [];
  const failures = [];
  const run = (c, counter) => {
    if (counter !== 'everyday' && !caseExists(ex, c)) {
      todo.push(c.id);
      return;
    }
    const handlesBefore = ex.memory().liveHandles;
    try {
      runCase(ex, c);
      const left = ex.memory().liveHandles - handlesBefore;
      if (left !== 0) throw new Error(`${left} tensor handles of the case were left alive`);
      ran[counter] += 1;
    } catch (err) {
      failures.push({ id: c.id, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  };
  for (const c of cases) run(c, c.kind);
  for (const c of everyday) run(c, 'everyday');
  return { ran, todo, failures };
}
