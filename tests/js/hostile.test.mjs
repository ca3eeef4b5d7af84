// The hostile-value matrix (issue 9: "The JS boundary is untrusted input").
//
// bad-inputs.test.mjs feeds every entry point values of the wrong type. This file feeds it
// values that fight back: for every exported function and every ExTensor / Scope member, for
// every argument slot, hostile values made for that slot's kind —
//   getters (on an array element, behind `length`, on an options key) that free the receiver,
//   free a tensor argument, grow wasm memory, throw, or re-enter the library;
//   Proxies that log every trap, lie about `length` (the true length first, then 1e6, one
//   less or 0; or the truth until read 3, 4 or 5 — past a check, into a copy — then 4096),
//   throw from every trap, or are revoked (as the argument and inside it); arrays whose
//   last element's getter lengthens or empties them;
//   objects whose valueOf / toString / toJSON / Symbol.toPrimitive / Symbol.toStringTag
//   re-enter the library and free tensors — they must never run;
//   typed arrays with a forged `constructor`, subclasses, hostile accessors, windows over
//   wasm memory (live and detached);
//   forged tensors and forged receivers (Object.create(prototype), {}, another class's
//   instance, a Proxy around a tensor, Object.create(tensor), `.call` with a foreign this), and
//   tensor-looking Proxies whose getPrototypeOf trap frees tensors — it must never run;
//   genuine tensors with their prototype removed or replaced by such a Proxy, or with own
//   members shadowing the class's: they are ExTensors (brand) and must work as usual.
//
// The rules (the issue's boundary spec, numbered as there):
//   1  arguments are read once, as plain data: Array.isArray, `length` once, each v[i] once in
//      order; typed arrays through their internal slots;
//   2  no coercion of user values (not even for an error message);
//   3  tensors are recognised by a private brand, never `instanceof` (no trap runs);
//   4  a forged `this` is INVALID_ARGUMENT for every member (toString / inspect: a string);
//      here extended to the Scope members (any ExTensorError);
//   5  receiver brand, receiver FREED, arguments in slot order, then FREED again before wasm:
//      a getter that frees is FREED, one that throws rethrows its own error, one that grows
//      memory changes nothing;
//   6  a revoked Proxy anywhere is an ExTensorError; a user's own error propagates unchanged;
//   7  afterwards receiver and arguments are usable and free() works (twice); no leak; the
//      finalizer never throws;
//   8  nothing internal is reachable;   9  typed-array dtype from the internal slot;
//  10  a 0 anywhere makes a shape empty;   11  short messages;   12  tidy frees on a bad result;
//  13  windows kept past free() or memory growth never touch another tensor.
//
// Every case runs twice on fresh tensors: once with the plain value the hostile one reads as
// (the reference), once with the hostile value. The hostile call must give the reference's
// result (shape, dtype, toArray(), and the receiver's and arguments' contents afterwards), or
// an ExTensorError of the expected code, or the very error object the hostile code threw —
// never a TypeError / RangeError / RuntimeError. Then every live tensor is read and freed
// twice, ex.memory().liveHandles is back where it was, and the instance computes exactly.
//
// Memory growth: the wasm-bindgen glue (pkg/extensor.js, the same module instance the package
// loaded) returns the running instance's exports from initSync() once initialised; its
// `memory.grow(1)` is the growth a getter triggers.
//
// Environment: HOSTILE_ONLY=<regex> runs only the cases whose label matches;
// HOSTILE_REPORT=<file> appends every violation to <file> as one JSON line.
import assert from 'node:assert/strict';
import test from 'node:test';
import { readFileSync, appendFileSync } from 'node:fs';
import { inspect, isDeepStrictEqual } from 'node:util';
import { ex, BUILD, checkMemoryReturnsToZero } from './helpers.mjs';

// The running build's glue (the threaded build has its own module).
const { glue } = await import('./helpers.mjs');

checkMemoryReturnsToZero();

// Anything that reaches the process unhandled (a finalizer callback that throws, a rejected
// promise nobody awaited) is a failure of the last test.
const processFaults = [];
process.on('uncaughtException', (e) => processFaults.push(`uncaughtException: ${errText(e)}`));
process.on('unhandledRejection', (e) => processFaults.push(`unhandledRejection: ${errText(e)}`));

const ONLY = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : null;
const REPORT = process.env.HOSTILE_REPORT || null;
const CODES = new Set(ex.ERROR_CODES);
/** init options naming the running build (both keys, so every build runs the same cases). */
const OPTIONS = {
  relaxed: { simd: true, relaxed: true, threads: 1 },
  simd: { simd: true, relaxed: false, threads: 1 },
  baseline: { simd: false, relaxed: false, threads: 1 },
  threads: { simd: true, relaxed: false, threads: 2 },
};
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const STATS = { cases: 0, points: new Set(), kinds: new Set() };

// ---------------------------------------------------------------- harness helpers

const P = ex.ExTensor.prototype;
/** The members by descriptor: the harness never reads a tensor through its own properties. */
const D = Object.getOwnPropertyDescriptors(P);
const SCOPE_PROTO = (() => {
  const s = ex.scope();
  const proto = Object.getPrototypeOf(s);
  s.dispose();
  return proto;
})();
const SD = Object.getOwnPropertyDescriptors(SCOPE_PROTO);

function errText(e) {
  try {
    if (e instanceof Error || (e !== null && typeof e === 'object' && 'message' in e)) {
      return `${e.constructor?.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${String(e.message).split('\n')[0].slice(0, 160)}`;
    }
    return `${typeof e} ${String(e).slice(0, 80)}`;
  } catch {
    return 'an unprintable value';
  }
}

const isExErr = (e) => e instanceof ex.ExTensorError && CODES.has(e.code);

function isGenuine(v) {
  try {
    D.isFreed.get.call(v);
    return true;
  } catch {
    return false;
  }
}
const tIsFreed = (t) => D.isFreed.get.call(t);
const tFree = (t) => D.free.value.call(t);

/** shape, dtype and values of a genuine tensor (or why it cannot be read). */
function tSnap(t) {
  try {
    if (tIsFreed(t)) return { freed: true };
    return { shape: D.shape.get.call(t), dtype: D.dtype.get.call(t), values: D.toArray.value.call(t) };
  } catch (e) {
    return { unusable: errText(e) };
  }
}

function liveHandles() {
  return ex.memory().liveHandles;
}

/** A printable label for a plain (harness-made) value. */
function fmt(v, depth = 0) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'function') return 'fn';
  if (v === null || v === undefined) return String(v);
  if (typeof v !== 'object') return typeof v;
  if (isGenuine(v)) return `tensor${JSON.stringify(D.shape.get.call(v))}`;
  if (ArrayBuffer.isView(v)) return `${Object.prototype.toString.call(v).slice(8, -1)}(${v.length})`;
  if (Array.isArray(v)) return depth > 2 ? '[…]' : `[${v.map((x) => fmt(x, depth + 1)).join(',')}]`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${fmt(x, depth + 1)}`).join(', ')} }`;
}

const keyName = (k) => (k === Symbol.dispose ? '[Symbol.dispose]' : typeof k === 'symbol' ? `[${k.description}]` : k);

// ---------------------------------------------------------------- wasm memory

/** The instance's WebAssembly.Memory, from the glue (initSync returns the running exports). */
const MEMORY = (() => {
  let exportsObject;
  try {
    exportsObject = glue.initSync({ module: new Uint8Array(0) });
  } catch {
    return null;
  }
  const memory = exportsObject?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const probe = ex.zeros([1]);
  const window = probe.data;
  const same = window.buffer === memory.buffer;
  probe.free();
  return same ? memory : null;
})();

/** Grows wasm memory by one page (with the glue's memory; else by allocating until it grows). */
function growMemory() {
  if (MEMORY !== null) {
    MEMORY.grow(1);
    return;
  }
  const before = ex.memory().wasmMemoryBytes;
  const held = [];
  try {
    while (ex.memory().wasmMemoryBytes === before && held.length < 8192) held.push(ex.zeros([16384], 'uint8'));
  } finally {
    for (const t of held) t.free();
  }
}

/** A small computation through the library from inside user code. */
function reenter() {
  const a = ex.arange(8, 'float64');
  const b = a.mul(2);
  const s = b.sum();
  const v = s.item();
  tFree(a);
  tFree(b);
  tFree(s);
  if (v !== 56) throw new Error(`re-entrant arange(8).mul(2).sum() gave ${v}`);
}

/** The instance still computes exact values (cheap; after every case). */
function instanceComputes() {
  const made = [];
  try {
    const a = ex.tensor([1, 2, 3, 4], { dtype: 'float64' });
    made.push(a);
    const b = a.mul(a);
    made.push(b);
    const s = b.sum();
    made.push(s);
    return s.item() === 30 && isDeepStrictEqual(b.toArray(), [1, 4, 9, 16]);
  } catch {
    return false;
  } finally {
    for (const t of made) {
      try { tFree(t); } catch { /* reported by the leak check */ }
    }
  }
}

/** The thorough version, at the end of every test. */
function assertInstanceWorks() {
  const made = [];
  const keep = (t) => (made.push(t), t);
  try {
    const a = keep(ex.tensor([[1, 2], [3, 4]]));
    const b = keep(ex.tensor([[5, 6], [7, 8]]));
    assert.deepEqual(keep(a.matmul(b)).toArray(), [[19, 22], [43, 50]]);
    assert.equal(Number(keep(keep(ex.arange(10, 'int32')).sum()).item()), 45);
    assert.deepEqual(keep(keep(keep(ex.arange(6, 'float64')).reshape([2, 3])).slice(':, ::-1')).toArray(), [[2, 1, 0], [5, 4, 3]]);
    const t = keep(ex.zeros([4], 'int32'));
    t.data[2] = 7;
    assert.deepEqual(Array.from(t.toTypedArray()), [0, 0, 7, 0]);
  } finally {
    for (const t of made) tFree(t);
  }
}

/** Garbage collection, then time for FinalizationRegistry callbacks to run. */
async function settle(rounds = 3) {
  if (typeof globalThis.gc !== 'function') return;
  for (let i = 0; i < rounds; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function memoryCounters() {
  const { liveHandles: h, liveStorages, storageBytes } = ex.memory();
  return { liveHandles: h, liveStorages, storageBytes };
}

// ---------------------------------------------------------------- the Matrix

/** Collects violations instead of stopping at the first, so one failing run lists them all. */
class Matrix {
  violations = [];
  cases = 0;
  skipped = 0;
  broken = false;

  constructor(title) {
    this.title = title;
  }

  selected(label) {
    return ONLY === null || ONLY.test(label);
  }

  /** `point`: the entry point exercised (null for none); `kind`: the hostile kind (null for none). */
  count(point, kind) {
    this.cases += 1;
    STATS.cases += 1;
    if (point) STATS.points.add(point);
    if (kind) STATS.kinds.add(kind);
  }

  add(rule, label, problem) {
    this.violations.push({ rule, label, problem });
    if (REPORT) appendFileSync(REPORT, `${JSON.stringify({ build: BUILD, test: this.title, rule, label, problem })}\n`);
  }

  /** After a case: no handle leaked, the instance still computes. */
  afterCase(label, handlesBefore) {
    try {
      const now = liveHandles();
      if (now !== handlesBefore) this.add('rule 7', label, `${now - handlesBefore} handle(s) leaked (ex.memory().liveHandles ${handlesBefore} -> ${now})`);
    } catch (e) {
      this.add('rule 7', label, `ex.memory() threw ${errText(e)}`);
    }
    if (!instanceComputes()) {
      this.add('rule 7', label, 'the instance no longer computes exact values after this case; the rest of this test is skipped');
      this.broken = true;
    }
  }

  /** One hostile case: the reference call, the hostile call, and every check. */
  async run(label, entry, kindName, rule, opts) {
    if (!this.selected(label)) return;
    if (this.broken) {
      this.skipped += 1;
      return;
    }
    this.count(entry.point, kindName);
    let handles;
    try {
      handles = liveHandles();
    } catch (e) {
      this.add('rule 7', label, `ex.memory() threw ${errText(e)}`);
      this.broken = true;
      return;
    }
    const ref = await perform(entry, { ...opts, reference: true });
    const hot = await perform(entry, opts);
    for (const [who, r] of [['plain call', ref], ['hostile call', hot]]) {
      if (r.harness) this.add('harness', label, `${who}: ${r.harness}`);
      for (const p of r.problems) this.add('rule 7', label, `${who}: ${p}`);
    }
    if (!ref.harness && ref.ok === false && !isExErr(ref.error)) {
      this.add('table', label, `the plain call itself threw ${errText(ref.error)}`);
    }
    if (!hot.harness) {
      const expect = expectationOf(entry, opts, hot.spec);
      const codes = codesOf(entry, opts, hot.spec);
      const problem = judge(hot, ref, expect, codes);
      if (problem) this.add(rule, label, problem);
      for (const check of hot.spec?.checks ?? []) {
        const p = check(hot.c);
        if (p) this.add('rule 1', label, p);
      }
      if (hot.c.forbidden.length > 0) {
        this.add(rule, label, `user code the library must never run ran: ${[...new Set(hot.c.forbidden)].join(', ')}`);
      }
      if (opts.receiverKind && !opts.receiverKind.brand && hot.pre !== undefined && !isDeepStrictEqual(hot.pre, hot.post?.receiver)) {
        this.add('rule 4', label, 'the call changed or freed the real tensor behind the forged receiver');
      }
    }
    this.afterCase(label, handles);
  }

  async finish() {
    await settle();
    let counters = memoryCounters();
    if (counters.liveHandles + counters.liveStorages + counters.storageBytes !== 0) {
      // Storage a stale window still pins comes back at the next growth at the latest.
      growMemory();
      await settle();
      counters = memoryCounters();
    }
    if (counters.liveHandles + counters.liveStorages + counters.storageBytes !== 0) {
      this.add('rule 7', `end of "${this.title}"`, `ex.memory() is not back to zero: ${JSON.stringify(counters)}`);
    }
    try {
      assertInstanceWorks();
    } catch (e) {
      this.add('rule 7', `end of "${this.title}"`, `the instance no longer computes exact values: ${errText(e)}`);
    }
    if (this.skipped > 0) this.add('harness', `end of "${this.title}"`, `${this.skipped} cases skipped after the instance broke`);
    if (this.violations.length > 0) assert.fail(report(this));
    if (ONLY === null) assert.ok(this.cases > 0, 'the test ran cases');
  }
}

/** The violations grouped by rule (count and first examples), then the first 40 in full. */
function report(m) {
  const byRule = new Map();
  for (const v of m.violations) {
    if (!byRule.has(v.rule)) byRule.set(v.rule, []);
    byRule.get(v.rule).push(v);
  }
  const lines = [`${m.violations.length} violations in ${m.cases} cases of "${m.title}" (build ${BUILD})`];
  for (const [rule, list] of [...byRule].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    lines.push(`  ${rule}: ${list.length}`);
    for (const v of list.slice(0, 3)) lines.push(`    e.g. ${v.label}: ${v.problem}`);
  }
  lines.push('first violations:');
  for (const v of m.violations.slice(0, 40)) lines.push(`  [${v.rule}] ${v.label}: ${v.problem}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- one call, with its context

class HostileError extends Error {
  name = 'HostileError';
}

/** Everything one call made and saw. */
class Ctx {
  receiver = undefined;
  phase = 'receiver';
  tensors = [];
  argTensors = [];
  results = [];
  scopes = [];
  /** names of user code that ran although the library must never run it */
  forbidden = [];
  /** how often each expected getter / trap ran */
  runs = new Map();
  inCall = false;
  userError = new HostileError('thrown by hostile user code');

  /** Tracks a tensor the case made (freed afterwards). */
  t(tensor) {
    this.tensors.push(tensor);
    if (this.phase === 'args') this.argTensors.push(tensor);
    return tensor;
  }

  forbid(name) {
    if (this.inCall) this.forbidden.push(name);
  }

  ran(name) {
    this.runs.set(name, (this.runs.get(name) ?? 0) + 1);
  }
}

/** Frees the receiver and every tensor argument (what a hostile hook does when it runs). */
function freeEverything(c) {
  for (const t of [c.receiver, ...c.argTensors]) {
    if (t !== undefined && isGenuine(t)) {
      try { tFree(t); } catch { /* a free() that throws is reported at cleanup */ }
    }
  }
}

// Counters a finalizer or a growth may move between the plain and the hostile call.
const VOLATILE = new Set(['wasmMemoryBytes', 'peakStorageBytes', 'reclaimedByFinalizer', 'liveStorages', 'storageBytes', 'quarantinedBytes']);

/** A comparable picture of a call's result; tensors and scopes in it are freed later. */
function snapshot(v, c, depth = 0) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  if (typeof v === 'function') return '<function>';
  if (c.receiver !== undefined && v === c.receiver) return { receiver: true };
  if (isGenuine(v)) {
    c.results.push(v);
    return { tensor: tSnap(v) };
  }
  if (Object.getPrototypeOf(v) === SCOPE_PROTO) {
    c.scopes.push(v);
    return { scope: true };
  }
  if (ArrayBuffer.isView(v)) return { typed: Object.prototype.toString.call(v), values: Array.from(v) };
  if (depth > 4) return '<deep>';
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, snapshot(x, c, depth + 1)]) };
  if (Array.isArray(v)) return v.map((x) => snapshot(x, c, depth + 1));
  const out = {};
  for (const [k, x] of Object.entries(v)) if (!VOLATILE.has(k)) out[k] = snapshot(x, c, depth + 1);
  return out;
}

function postState(c) {
  return {
    receiver: c.receiver !== undefined && isGenuine(c.receiver) ? tSnap(c.receiver) : null,
    args: c.argTensors.map(tSnap),
  };
}

/** Every tensor of the case is still readable (unless freed) and frees twice without throwing. */
function cleanup(c) {
  const problems = [];
  for (const s of c.scopes) {
    try { SD.dispose.value.call(s); } catch (e) { problems.push(`scope.dispose() threw ${errText(e)}`); }
  }
  const seen = new Set();
  for (const t of [...c.tensors, ...c.results]) {
    if (seen.has(t) || !isGenuine(t)) continue;
    seen.add(t);
    const role = t === c.receiver ? 'receiver' : c.argTensors.includes(t) ? 'tensor argument' : 'tensor';
    let freed = true;
    try {
      freed = tIsFreed(t);
    } catch (e) {
      problems.push(`isFreed of the ${role} threw ${errText(e)}`);
    }
    if (!freed) {
      try {
        D.shape.get.call(t);
        D.toArray.value.call(t);
      } catch (e) {
        problems.push(`the ${role} is unusable afterwards: ${errText(e)}`);
      }
    }
    try {
      tFree(t);
      tFree(t);
    } catch (e) {
      problems.push(`free() of the ${role} threw ${errText(e)}`);
    }
  }
  return problems;
}

/**
 * Runs entry once. `kind` replaces slot `slotIndex` with a hostile value (with its plain
 * counterpart when `reference`); `receiverKind` replaces `this` (not for the reference).
 */
async function perform(entry, { slotIndex = -1, kind = null, receiverKind = null, reference = false } = {}) {
  const c = new Ctx();
  const out = { c, problems: [] };
  try {
    c.receiver = entry.receiver ? entry.receiver(c) : undefined;
    c.phase = 'args';
    const args = entry.slots.map((s) => s.valid(c));
    c.phase = 'hostile';
    let self = c.receiver;
    if (kind !== null) {
      if (reference) {
        if (kind.plain) args[slotIndex] = kind.plain(c, args[slotIndex]);
      } else {
        out.spec = kind.make(c, args[slotIndex], entry.slots[slotIndex]);
        args[slotIndex] = out.spec.value;
      }
    }
    const forged = receiverKind !== null && !reference;
    if (forged) {
      out.pre = isGenuine(c.receiver) ? tSnap(c.receiver) : undefined;
      self = receiverKind.make(c, c.receiver, entry);
    }
    c.inCall = true;
    try {
      let v = forged ? entry.viaProto(self, args) : entry.call(self, args);
      if (entry.async) v = await v;
      out.ok = true;
      out.value = v;
    } catch (e) {
      out.ok = false;
      out.error = e;
    } finally {
      c.inCall = false;
    }
    out.snap = out.ok ? snapshot(out.value, c) : undefined;
    out.post = postState(c);
  } catch (e) {
    c.inCall = false;
    out.harness = `the harness failed: ${errText(e)}`;
  }
  out.problems = cleanup(c);
  try {
    entry.after?.();
  } catch (e) {
    out.problems.push(`cleanup after the call threw ${errText(e)}`);
  }
  return out;
}

const DEFAULT_CODES = {
  shape: ['INVALID_SHAPE'], 'number list': ['INVALID_SHAPE'], axes: [], index: ['INDEX_OUT_OF_BOUNDS'],
  'slice spec': ['INDEX_OUT_OF_BOUNDS'], options: [], dtype: ['DTYPE'], scalar: [], flag: [], tensor: [],
  // ex.tensor's data slot: whatever stands there, ragged nesting is its INVALID_SHAPE
  'tensor list': [], 'tensor record': [], 'nested data': ['INVALID_SHAPE'], 'typed array': ['INVALID_SHAPE'], bytes: [], function: [], ignored: [],
};

/** The ExTensorError codes a wrong type may give in a slot: its own code or INVALID_ARGUMENT. */
function slotCodes(slot) {
  return ['INVALID_ARGUMENT', ...(slot.codes ?? DEFAULT_CODES[slot.kind] ?? [])];
}

function codesOf(entry, opts, spec) {
  if (spec?.codes) return ['INVALID_ARGUMENT', ...spec.codes];
  return opts.slotIndex >= 0 ? slotCodes(entry.slots[opts.slotIndex]) : ['INVALID_ARGUMENT'];
}

function expectationOf(entry, opts, spec) {
  if (opts.receiverKind) {
    if (opts.receiverKind.brand) return ['plain'];
    if (entry.scope) return ['error'];
    return entry.member === 'toString' || entry.member === INSPECT ? ['string'] : ['forged'];
  }
  let expect = spec.expect;
  if (entry.slots[opts.slotIndex]?.lenient) expect = [...new Set([...expect, 'plain', 'error'])];
  return expect;
}

const EXPECT_TEXT = {
  plain: 'the plain call’s result', freed: 'ExTensorError FREED', user: 'the hostile code’s own error',
  forged: 'ExTensorError INVALID_ARGUMENT', error: 'an ExTensorError', string: 'a string',
};

/** null when the hostile outcome is allowed, else what is wrong. */
function judge(hot, ref, expect, codes) {
  const want = expect.map((e) => (e === 'type' ? `ExTensorError ${codes.join('/')}` : EXPECT_TEXT[e])).join(' or ');
  if (hot.ok) {
    if (expect.includes('string')) return typeof hot.value === 'string' ? null : `returned ${typeof hot.value}, expected a string`;
    if (!expect.includes('plain')) return `succeeded, expected ${want}`;
    if (ref.ok === false) return `succeeded, but the plain call threw ${errText(ref.error)}`;
    if (!isDeepStrictEqual(hot.snap, ref.snap)) return `the result differs from the plain call’s: ${brief(hot.snap)} vs ${brief(ref.snap)}`;
    if (!isDeepStrictEqual(hot.post, ref.post)) return `the receiver or arguments differ afterwards from the plain call’s: ${brief(hot.post)} vs ${brief(ref.post)}`;
    return null;
  }
  const e = hot.error;
  if (e === hot.c.userError) return expect.includes('user') ? null : `threw the hostile code’s own error, expected ${want}`;
  if (isExErr(e)) {
    if (expect.includes('freed') && e.code === 'FREED') return null;
    if (expect.includes('type') && codes.includes(e.code)) return null;
    if (expect.includes('forged') && e.code === 'INVALID_ARGUMENT') return null;
    if (expect.includes('plain') && ref.ok === false && isExErr(ref.error) && ref.error.code === e.code) return null;
    if (expect.includes('error')) return null;
    return `threw ${errText(e)}, expected ${want}`;
  }
  return `threw ${errText(e)} (expected ${want})`;
}

function brief(v) {
  let text;
  try {
    text = JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  } catch {
    text = String(v);
  }
  return text === undefined ? 'undefined' : text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

// ---------------------------------------------------------------- hostile building blocks

const TRAPS = ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty',
  'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'];
const KEYED_TRAPS = new Set(['get', 'set', 'has', 'deleteProperty', 'getOwnPropertyDescriptor', 'defineProperty']);
const keyText = (k) => (typeof k === 'symbol' ? `@@${k.description}` : String(k));

function revokedProxy(target) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** Every trap throws the case's own error while the call runs (and forwards otherwise). */
function throwingHandler(c, onTrap = null) {
  const handler = {};
  for (const trap of TRAPS) {
    handler[trap] = (...a) => {
      if (!c.inCall) return Reflect[trap](...a);
      onTrap?.(trap);
      throw c.userError;
    };
  }
  return handler;
}

/** A Proxy recording every trap while the call runs. */
function loggingProxy(target, c, log) {
  const handler = {};
  for (const trap of TRAPS) {
    handler[trap] = (...a) => {
      if (c.inCall) log.push(trap === 'get' ? keyText(a[1]) : KEYED_TRAPS.has(trap) ? `${trap}(${keyText(a[1])})` : `${trap}()`);
      return Reflect[trap](...a);
    };
  }
  return new Proxy(target, handler);
}

/** A Proxy whose getPrototypeOf trap (met by `instanceof`) frees every tensor of the case. */
function protoTrapProxy(c, target) {
  return new Proxy(target, {
    getPrototypeOf(t) {
      if (c.inCall) {
        c.forbid('getPrototypeOf trap');
        freeEverything(c);
      }
      return Reflect.getPrototypeOf(t);
    },
  });
}

/** A hook that must never run: it records itself, re-enters the library, frees tensors. */
function hookFn(c, name, result) {
  return function hook() {
    if (c.inCall) {
      c.forbid(name);
      try { reenter(); } catch { /* the forbidden run is the failure */ }
      freeEverything(c);
    }
    return result;
  };
}

/** Like hookFn, but throws the case's error; outside the call it behaves as `fallback`. */
function hookThrow(c, name, fallback) {
  return function hook(...a) {
    if (!c.inCall) return fallback?.apply(this, a);
    c.forbid(name);
    try { reenter(); } catch { /* the forbidden run is the failure */ }
    freeEverything(c);
    throw c.userError;
  };
}

function defineHooks(target, c, prim) {
  for (const [key, name, result] of [
    ['valueOf', 'valueOf', prim], ['toString', 'toString', String(prim)], ['toJSON', 'toJSON', prim],
    [Symbol.toPrimitive, 'Symbol.toPrimitive', prim],
  ]) {
    Object.defineProperty(target, key, { value: hookFn(c, name, result), configurable: true, writable: true, enumerable: false });
  }
  Object.defineProperty(target, Symbol.toStringTag, { get: hookFn(c, 'Symbol.toStringTag', 'Hostile'), configurable: true });
  return target;
}

/** A plain object whose coercion hooks re-enter the library. */
const coercible = (c, prim) => defineHooks({}, c, prim);
/** A Number / String / Boolean object with the same hooks. */
const wrapped = (c, prim) => defineHooks(Object(prim), c, prim);

/** An instance of another class, with its own private field and tensor-like fields. */
class Impostor {
  #secret = 1;
  shape = [2, 3];
  dtype = 'float32';
  get isFreed() { return this.#secret === 0; }
}

/** A tensor argument that carries hostile own accessors shadowing its members. */
function dressUp(c, t) {
  for (const key of ['shape', 'dtype', 'size', 'ndim', 'isFreed', 'data', 'constructor']) {
    Object.defineProperty(t, key, { get: hookThrow(c, `own ${key} getter of a tensor argument`, () => D[key]?.get?.call(t)), configurable: true });
  }
  defineHooks(t, c, 1);
  return t;
}

const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Uint8Array.prototype);

/** A genuine receiver whose own properties shadow every member of its class with hooks. */
function dressReceiver(c, g, entry) {
  const proto = entry.scope ? SCOPE_PROTO : P;
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor') continue;
    Object.defineProperty(g, key, { value: hookThrow(c, `own ${keyName(key)} of the receiver`, () => undefined), configurable: true });
  }
  return defineHooks(g, c, 1);
}

/** A typed-array subclass whose accessors (length, buffer, constructor, iterator, species) must never run. */
function hostileTypedClass(Base, c) {
  class HostileTyped extends Base {}
  const protoOf = TYPED_ARRAY_PROTO;
  for (const key of ['length', 'buffer', 'byteOffset', 'byteLength']) {
    const real = Object.getOwnPropertyDescriptor(protoOf, key).get;
    Object.defineProperty(HostileTyped.prototype, key, { get: hookThrow(c, `typed-array ${key} getter`, function real_() { return real.call(this); }), configurable: true });
  }
  Object.defineProperty(HostileTyped.prototype, 'constructor', { get: hookThrow(c, 'typed-array constructor getter', () => HostileTyped), configurable: true });
  Object.defineProperty(HostileTyped.prototype, Symbol.iterator, { value: hookThrow(c, 'typed-array Symbol.iterator', function iter() { return protoOf[Symbol.iterator].call(this); }), configurable: true });
  Object.defineProperty(HostileTyped, Symbol.species, { get: hookThrow(c, 'typed-array Symbol.species', () => HostileTyped), configurable: true });
  return HostileTyped;
}

/** The same hooks as own properties of one typed array. */
function withHostileOwnProps(ta, c) {
  const protoOf = TYPED_ARRAY_PROTO;
  for (const key of ['length', 'buffer', 'byteOffset', 'byteLength']) {
    const real = Object.getOwnPropertyDescriptor(protoOf, key).get;
    Object.defineProperty(ta, key, { get: hookThrow(c, `own ${key} of a typed array`, () => real.call(ta)), configurable: true });
  }
  Object.defineProperty(ta, 'constructor', { get: hookThrow(c, 'own constructor of a typed array', () => ta.constructor), configurable: true });
  Object.defineProperty(ta, Symbol.iterator, { value: hookThrow(c, 'own Symbol.iterator of a typed array', () => protoOf[Symbol.iterator].call(ta)), configurable: true });
  return ta;
}

/** An array whose iterator, constructor (species) and coercion hooks must never run. */
function hostileArray(c, arr) {
  const copy = arr.slice();
  Object.defineProperty(copy, Symbol.iterator, { value: hookThrow(c, 'array Symbol.iterator', () => Array.prototype[Symbol.iterator].call(copy)), configurable: true });
  Object.defineProperty(copy, 'constructor', { get: hookThrow(c, 'array constructor getter', () => Array), configurable: true });
  for (const key of ['map', 'forEach', 'slice', 'every', 'some', 'join']) {
    Object.defineProperty(copy, key, { value: hookThrow(c, `array ${key}`, (...a) => Array.prototype[key].apply(copy, a)), configurable: true });
  }
  return defineHooks(copy, c, 0);
}

/** Defines a getter on obj[key] that runs `action` (while the call runs) and returns `value`. */
function getterOn(obj, key, c, name, action, value) {
  Object.defineProperty(obj, key, {
    configurable: true,
    enumerable: true,
    get() {
      if (c.inCall) {
        c.ran(name);
        action.run(c);
      }
      return value;
    },
  });
}

const exactlyOnce = (name) => (c) => {
  const n = c.runs.get(name) ?? 0;
  return n === 1 ? null : `the ${name} ran ${n} times (rule 1: read exactly once)`;
};

function readOrder(log, n) {
  const want = ['length', ...Array.from({ length: n }, (_, i) => String(i))];
  if (isDeepStrictEqual(log, want)) return null;
  const shown = log.length > 16 ? `${log.slice(0, 16).join(' ')} … (${log.length} traps)` : log.join(' ') || 'nothing';
  return `read ${shown}; rule 1 reads length once, then 0..${n - 1} once each, in order`;
}

function atMostOnce(log) {
  const seen = new Map();
  for (const k of log) seen.set(k, (seen.get(k) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  return twice.length === 0 ? null : `read ${twice.join(', ')} (rule 1: each once)`;
}

/** What the hostile hooks do. */
const ACTIONS = [
  { id: 'frees the receiver', expect: 'freed', rule: 'rule 5', applies: (e) => e.tensorReceiver === true, run: (c) => tFree(c.receiver) },
  { id: 'frees a tensor argument', expect: 'freed', rule: 'rule 5', applies: (e) => e.slots.some((s) => s.kind === 'tensor' || s.kind === 'tensor list' || s.kind === 'tensor record'), run: (c) => tFree(c.argTensors[0]) },
  { id: 'grows wasm memory', expect: 'plain', rule: 'rule 5', applies: () => true, run: () => growMemory() },
  { id: 'throws', expect: 'user', rule: 'rule 5', applies: () => true, run: (c) => { throw c.userError; } },
  { id: 're-enters the library', expect: 'plain', rule: 'rule 1', applies: () => true, run: () => reenter() },
];

/** The primitive a wrapper / coercion hook of this slot pretends to be. */
function primOf(sample, slot) {
  if (slot.prim !== undefined) return slot.prim;
  return ['number', 'string', 'boolean'].includes(typeof sample) ? sample : 0;
}

// ---------------------------------------------------------------- hostile kinds per slot kind
// A kind: { name, family, rule, where?, make(c, valid, slot) -> { value, expect, codes?, checks? },
// plain?(c, valid) -> the plain value the hostile one reads as (default: the valid value) }.
// Families: 'values' (hostile values and forgeries), 'getters' (user code run while reading),
// 'lying' (arrays whose length changes while they are read; last, since on a broken boundary
// they corrupt the instance).

/** Applies `transform` to the array itself ('top') or to its first nested array ('nested'). */
function atDepth(valid, at, transform) {
  if (at === 'top') return transform(valid);
  const i = valid.findIndex((x) => Array.isArray(x));
  const r = transform(valid[i]);
  const copy = valid.slice();
  copy[i] = r.value;
  return { ...r, value: copy };
}

function arrayKinds(entry, sample, at) {
  const inner = at === 'top' ? sample : sample.find((x) => Array.isArray(x));
  const n = inner.length;
  const kinds = [];
  const add = (name, family, rule, transform, where = '') => {
    const place = at === 'top' ? where : `nested item${where ? `, ${where}` : ''}`;
    kinds.push({ name, family, rule, where: place, make: (c, valid) => atDepth(valid, at, (arr) => transform(c, arr)) });
  };
  const positions = n > 1 ? [0, n - 1] : n === 1 ? [0] : [];
  for (const a of ACTIONS.filter((x) => x.applies(entry))) {
    for (const i of positions) {
      add(`element getter ${a.id}`, 'getters', a.rule, (c, arr) => {
        const copy = arr.slice();
        getterOn(copy, i, c, 'element getter', a, arr[i]);
        return { value: copy, expect: [a.expect], checks: [exactlyOnce('element getter')] };
      }, `element ${i}`);
    }
    add(`length trap ${a.id}`, 'getters', a.rule, (c, arr) => ({
      value: new Proxy(arr.slice(), {
        get(t, k, r) {
          if (k === 'length' && c.inCall) {
            c.ran('length trap');
            a.run(c);
          }
          return Reflect.get(t, k, r);
        },
      }),
      expect: [a.expect],
      checks: [exactlyOnce('length trap')],
    }));
  }
  add('Proxy logging every trap', 'getters', 'rule 1', (c, arr) => {
    const log = [];
    return { value: loggingProxy(arr.slice(), c, log), expect: ['plain'], checks: [() => readOrder(log, arr.length)] };
  });
  add('array with a hostile iterator, species, methods and coercion hooks', 'values', 'rule 1', (c, arr) => ({ value: hostileArray(c, arr), expect: ['plain'] }));
  add('Proxy whose traps all throw', 'values', 'rule 6', (c, arr) => ({ value: new Proxy(arr.slice(), throwingHandler(c)), expect: ['user'] }));
  add('revoked Proxy', 'values', 'rule 6', () => ({ value: revokedProxy([]), expect: ['type'] }));
  if (n > 0) {
    add('revoked Proxy inside the argument', 'values', 'rule 6', (c, arr) => {
      const copy = arr.slice();
      copy[0] = revokedProxy([]);
      return { value: copy, expect: ['type'] };
    }, 'element 0');
    add('Proxy whose traps all throw inside the argument', 'values', 'rule 6', (c, arr) => {
      const copy = arr.slice();
      copy[0] = new Proxy([], throwingHandler(c));
      return { value: copy, expect: ['type', 'user'] };
    }, 'element 0');
    add('object with re-entrant coercion hooks', 'values', 'rule 2', (c, arr) => {
      const copy = arr.slice();
      copy[0] = coercible(c, typeof arr[0] === 'number' ? arr[0] : 0);
      return { value: copy, expect: ['type'] };
    }, 'element 0');
    add('primitive wrapper with re-entrant hooks', 'values', 'rule 2', (c, arr) => {
      const copy = arr.slice();
      copy[0] = wrapped(c, typeof arr[0] === 'number' ? arr[0] : 0);
      return { value: copy, expect: ['type'] };
    }, 'element 0');
    add('getter on the last element lengthens the array', 'lying', 'rule 1', (c, arr) => {
      const copy = arr.slice();
      getterOn(copy, n - 1, c, 'element getter', { run: () => { copy.length = 1e6; } }, arr[n - 1]);
      return { value: copy, expect: ['plain'], checks: [exactlyOnce('element getter')] };
    });
    add('getter on the last element empties the array', 'lying', 'rule 1', (c, arr) => {
      const copy = arr.slice();
      getterOn(copy, n - 1, c, 'element getter', { run: () => { copy.length = 0; } }, arr[n - 1]);
      return { value: copy, expect: ['plain'], checks: [exactlyOnce('element getter')] };
    });
  }
  // The true length first, then a lie: from the second read on, or (as when a check reads
  // the array before a copy does) from a later read on.
  const lies = [
    ['grows to 1e6 after the first read', 1, () => 1e6], ['shrinks by one after the first read', 1, (len) => len - 1],
    ['turns 0 after the first read', 1, () => 0],
    ...[3, 4, 5].map((k) => [`turns 4096 from its read ${k} on`, k - 1, () => 4096]),
  ];
  for (const [what, truthful, later] of lies) {
    if (what.startsWith('shrinks') && n < 2) continue;
    add(`Proxy whose length ${what}`, 'lying', 'rule 1', (c, arr) => {
      let reads = 0;
      return {
        value: new Proxy(arr.slice(), {
          get(t, k, r) {
            if (k === 'length' && c.inCall) {
              c.ran('length trap');
              return reads++ < truthful ? t.length : later(t.length);
            }
            return Reflect.get(t, k, r);
          },
        }),
        expect: ['plain'],
        checks: [exactlyOnce('length trap')],
      };
    });
  }
  return kinds;
}

/**
 * Typed arrays standing for a list of numbers (shapes), a data array (ex.tensor) or bytes
 * (fromNpy, initSync). `Base` is the type the forgeries build on, `WindowBase` the type of
 * the window over wasm memory.
 */
function typedKinds(Base, WindowBase, bytes = false) {
  const build = (Ctor, valid) => {
    const v = new Ctor(valid.length);
    v.set(valid);
    return v;
  };
  const other = Base === Float32Array ? Int32Array : Float32Array;
  const windowDtype = { Float64Array: 'float64', Int32Array: 'int32', Uint8Array: 'uint8' }[WindowBase.name];
  const kinds = [
    { name: 'typed array with a forged constructor', rule: 'rule 9', make: (c, valid) => ({ value: Object.defineProperty(build(Base, valid), 'constructor', { value: other, configurable: true }), expect: ['plain'] }) },
    { name: 'typed-array subclass', rule: 'rule 9', make: (c, valid) => ({ value: build(class Sub extends Base {}, valid), expect: ['plain'] }) },
    { name: 'typed-array subclass with hostile accessors', rule: 'rule 1', make: (c, valid) => ({ value: build(hostileTypedClass(Base, c), valid), expect: ['plain'] }) },
    { name: 'typed array with hostile own properties', rule: 'rule 1', make: (c, valid) => ({ value: withHostileOwnProps(build(Base, valid), c), expect: ['plain'] }) },
    { name: 'window over wasm memory', rule: 'rule 1', make: (c, valid) => ({ value: c.t(ex.tensor(build(WindowBase, valid), { dtype: windowDtype })).data, expect: ['plain'] }) },
    {
      name: 'window detached by memory growth',
      rule: 'rule 1',
      make: (c, valid) => {
        const w = c.t(ex.tensor(build(WindowBase, valid), { dtype: windowDtype })).data;
        growMemory();
        return { value: w, expect: ['plain', 'type'] };
      },
      // Shared memory (the threaded build) never detaches: the window keeps its elements.
      plain: BUILD === 'threads' ? (c, valid) => build(WindowBase, valid) : () => new WindowBase(0),
    },
    { name: 'Proxy around a typed array', rule: 'rule 1', make: (c, valid) => ({ value: new Proxy(build(Base, valid), {}), expect: ['type'] }) },
  ];
  if (bytes) {
    kinds.push({
      name: 'ArrayBuffer with hostile own properties',
      rule: 'rule 1',
      make: (c, valid) => {
        const buffer = build(Uint8Array, valid).buffer;
        for (const key of ['byteLength', 'slice', 'constructor', 'resizable', 'maxByteLength']) {
          Object.defineProperty(buffer, key, { get: hookThrow(c, `own ${key} of an ArrayBuffer`, () => Reflect.get(ArrayBuffer.prototype, key, buffer)), configurable: true });
        }
        return { value: buffer, expect: ['plain'] };
      },
      plain: (c, valid) => build(Uint8Array, valid).buffer,
    });
  }
  return kinds.map((k) => ({ family: 'values', ...k }));
}

function scalarKinds(entry, slot, sample) {
  const base = slot.kind === 'ignored' ? ['plain', 'error'] : slot.kind === 'flag' ? ['plain', 'type'] : ['type'];
  const prim = primOf(sample, slot);
  const ignored = slot.kind === 'ignored';
  return [
    { name: 'object with re-entrant coercion hooks', family: 'values', rule: 'rule 2', make: (c) => ({ value: coercible(c, prim), expect: base }) },
    { name: 'primitive wrapper with re-entrant hooks', family: 'values', rule: 'rule 2', make: (c) => ({ value: wrapped(c, prim), expect: base }) },
    { name: 'revoked Proxy', family: 'values', rule: 'rule 6', make: () => ({ value: revokedProxy({}), expect: base }) },
    {
      name: 'Proxy whose traps all throw',
      family: 'values',
      rule: 'rule 6',
      make: (c) => ({ value: new Proxy({}, throwingHandler(c, ignored ? (t) => c.forbid(`${t} trap of an ignored argument`) : null)), expect: ignored ? base : [...base, 'user'] }),
    },
    { name: 'Proxy whose getPrototypeOf trap frees tensors', family: 'values', rule: 'rule 3', make: (c) => ({ value: protoTrapProxy(c, {}), expect: base }) },
  ];
}

/** Forged and dressed-up tensors, as the argument, as the last element of a tensor list or as the last value of a record. */
function tensorKinds(where) {
  const mk = (name, rule, build, expect = ['forged']) => ({
    name: where === 'element' ? `${name}, in a list` : where === 'record' ? `${name}, as a record value` : name,
    family: 'values',
    rule,
    make: (c, valid) => {
      if (where === 'record') {
        const key = Object.keys(valid).at(-1);
        return { value: { ...valid, [key]: build(c, valid[key]) }, expect };
      }
      if (where !== 'element') return { value: build(c, valid), expect };
      const copy = valid.slice();
      copy[copy.length - 1] = build(c, valid[valid.length - 1]);
      return { value: copy, expect };
    },
  });
  return [
    mk('Object.create(ExTensor.prototype)', 'rule 3', () => Object.create(P)),
    mk('Object.create(tensor)', 'rule 3', (c, g) => Object.create(g)),
    mk('Proxy around a tensor', 'rule 3', (c, g) => new Proxy(g, {})),
    mk('tensor Proxy whose getPrototypeOf trap frees tensors', 'rule 3', (c, g) => protoTrapProxy(c, g)),
    mk('tensor Proxy whose traps all throw', 'rule 3', (c, g) => new Proxy(g, throwingHandler(c, (t) => c.forbid(`${t} trap of a tensor Proxy`)))),
    mk('instance of another class', 'rule 3', () => new Impostor()),
    mk('revoked Proxy around a tensor', 'rule 6', (c, g) => revokedProxy(g)),
    mk('tensor with hostile own accessors and hooks', 'rule 3', (c, g) => dressUp(c, g), ['plain']),
    mk('tensor with its prototype removed', 'rule 3', (c, g) => Object.setPrototypeOf(g, null), ['plain']),
    mk('tensor whose prototype is a Proxy with a getPrototypeOf trap', 'rule 3', (c, g) => Object.setPrototypeOf(g, protoTrapProxy(c, P)), ['plain']),
  ];
}

function optionsKinds(entry, slot, sample) {
  const keys = Object.keys(sample);
  const kinds = [];
  for (const key of keys) {
    for (const a of ACTIONS.filter((x) => x.applies(entry))) {
      kinds.push({
        name: `options key getter ${a.id}`,
        family: 'getters',
        rule: a.rule,
        where: `key ${key}`,
        make: (c, valid) => {
          const copy = { ...valid };
          getterOn(copy, key, c, 'key getter', a, valid[key]);
          return { value: copy, expect: [a.expect], checks: [exactlyOnce('key getter')] };
        },
      });
    }
  }
  kinds.push({
    name: 'options Proxy logging every trap',
    family: 'getters',
    rule: 'rule 1',
    make: (c, valid) => {
      const log = [];
      return { value: loggingProxy({ ...valid }, c, log), expect: ['plain'], checks: [() => atMostOnce(log)] };
    },
  });
  kinds.push({ name: 'Proxy whose traps all throw', family: 'values', rule: 'rule 6', make: (c, valid) => ({ value: new Proxy({ ...valid }, throwingHandler(c)), expect: ['user'] }) });
  kinds.push({ name: 'revoked Proxy', family: 'values', rule: 'rule 6', make: () => ({ value: revokedProxy({}), expect: ['type'] }) });
  kinds.push({
    name: 'object whose prototype has re-entrant coercion hooks',
    family: 'values',
    rule: 'rule 2',
    make: (c, valid) => ({ value: Object.assign(defineHooks(Object.create(Object.create(Object.prototype)), c, 0), valid), expect: ['plain', 'type'] }),
  });
  for (const key of keys) {
    const sub = { name: `${slot.name}.${key}`, kind: slot.keys[key], keys: slot.nested?.[key], valid: (c) => slot.valid(c)[key] };
    kinds.push({
      name: 'revoked Proxy inside the argument',
      family: 'values',
      rule: 'rule 6',
      where: `key ${key}`,
      make: (c, valid) => ({ value: { ...valid, [key]: revokedProxy([]) }, expect: ['type'], codes: slotCodes(sub) }),
    });
    for (const k of kindsFor(entry, sub, sample[key])) {
      kinds.push({
        ...k,
        where: `key ${key}${k.where ? `, ${k.where}` : ''}`,
        make: (c, valid) => {
          const r = k.make(c, valid[key], sub);
          return { ...r, value: { ...valid, [key]: r.value }, codes: r.codes ?? slotCodes(sub) };
        },
        plain: k.plain && ((c, valid) => ({ ...valid, [key]: k.plain(c, valid[key]) })),
      });
    }
  }
  return kinds;
}

/** A record of tensors (ex.toNpz): an object or a Map, read once; its values by brand. */
function recordKinds(entry) {
  const last = (valid) => Object.keys(valid).at(-1);
  const kinds = [];
  for (const a of ACTIONS.filter((x) => x.applies(entry))) {
    kinds.push({
      name: `value getter ${a.id}`,
      family: 'getters',
      rule: a.rule,
      where: 'last key',
      make: (c, valid) => {
        const copy = { ...valid };
        getterOn(copy, last(valid), c, 'value getter', a, valid[last(valid)]);
        return { value: copy, expect: [a.expect], checks: [exactlyOnce('value getter')] };
      },
    });
  }
  kinds.push({
    name: 'record Proxy logging every trap',
    family: 'getters',
    rule: 'rule 1',
    make: (c, valid) => {
      const log = [];
      return { value: loggingProxy({ ...valid }, c, log), expect: ['plain'], checks: [() => atMostOnce(log)] };
    },
  });
  kinds.push({ name: 'Proxy whose traps all throw', family: 'values', rule: 'rule 6', make: (c, valid) => ({ value: new Proxy({ ...valid }, throwingHandler(c)), expect: ['user'] }) });
  kinds.push({ name: 'revoked Proxy', family: 'values', rule: 'rule 6', make: () => ({ value: revokedProxy({}), expect: ['type'] }) });
  kinds.push({
    name: 'revoked Proxy as a value',
    family: 'values',
    rule: 'rule 6',
    make: (c, valid) => ({ value: { ...valid, [last(valid)]: revokedProxy({}) }, expect: ['type'] }),
  });
  kinds.push({
    name: 'object whose prototype has re-entrant coercion hooks',
    family: 'values',
    rule: 'rule 2',
    make: (c, valid) => ({ value: Object.assign(defineHooks(Object.create(Object.create(Object.prototype)), c, 0), valid), expect: ['plain'] }),
  });
  kinds.push({
    name: 'record with a symbol key and a non-enumerable key whose getters must never run',
    family: 'values',
    rule: 'rule 1',
    make: (c, valid) => {
      const copy = { ...valid };
      Object.defineProperty(copy, Symbol('hidden'), { get: hookThrow(c, 'symbol-keyed getter', () => undefined), enumerable: true });
      Object.defineProperty(copy, 'hidden', { get: hookThrow(c, 'non-enumerable getter', () => undefined), enumerable: false });
      return { value: copy, expect: ['plain'] };
    },
  });
  kinds.push({ name: 'Map of the same tensors', family: 'values', rule: 'rule 1', make: (c, valid) => ({ value: new Map(Object.entries(valid)), expect: ['plain'] }) });
  kinds.push({
    name: 'Map with hostile own methods, size and iterator',
    family: 'values',
    rule: 'rule 1',
    make: (c, valid) => {
      const map = new Map(Object.entries(valid));
      for (const key of ['get', 'has', 'keys', 'values', 'entries', 'forEach', Symbol.iterator]) {
        Object.defineProperty(map, key, { value: hookThrow(c, `own ${keyName(key)} of a Map`, (...a) => Map.prototype[key].apply(map, a)), configurable: true });
      }
      Object.defineProperty(map, 'size', { get: hookThrow(c, 'own size of a Map', () => valid.length), configurable: true });
      return { value: defineHooks(map, c, 0), expect: ['plain'] };
    },
  });
  kinds.push({
    name: 'Map subclass whose methods free tensors',
    family: 'values',
    rule: 'rule 1',
    make: (c, valid) => {
      class HostileMap extends Map {}
      for (const key of ['get', 'entries', 'forEach', Symbol.iterator]) {
        Object.defineProperty(HostileMap.prototype, key, { value: hookThrow(c, `HostileMap ${keyName(key)}`, function real(...a) { return Map.prototype[key].apply(this, a); }), configurable: true });
      }
      return { value: new HostileMap(Object.entries(valid)), expect: ['plain'] };
    },
  });
  kinds.push({
    name: 'Map with a non-string key',
    family: 'values',
    rule: 'rule 2',
    make: (c, valid) => ({ value: new Map([...Object.entries(valid), [coercible(c, 'k'), valid[last(valid)]]]), expect: ['type'] }),
  });
  kinds.push({
    name: 'Map whose value is a Proxy around a tensor',
    family: 'values',
    rule: 'rule 3',
    make: (c, valid) => ({ value: new Map([...Object.entries(valid), ['p', protoTrapProxy(c, valid[last(valid)])]]), expect: ['forged'] }),
  });
  return [...kinds, ...tensorKinds('record')];
}

function functionKinds(entry, slot, sample) {
  return [
    {
      name: 'Proxy function whose apply trap throws',
      family: 'values',
      rule: 'rule 6',
      make: (c, fn) => ({
        value: new Proxy(fn, {
          apply(t, self, a) {
            if (c.inCall) {
              c.ran('apply trap');
              ex.ones([4]); // made inside tidy: freed by it
              throw c.userError;
            }
            return Reflect.apply(t, self, a);
          },
        }),
        expect: ['user'],
      }),
    },
    { name: 'revoked Proxy', family: 'values', rule: 'rule 6', make: (c, fn) => ({ value: revokedProxy(fn), expect: ['type'] }) },
    {
      name: 'function with hostile own properties and hooks',
      family: 'values',
      rule: 'rule 2',
      make: (c, fn) => {
        const f = (...a) => fn(...a);
        for (const key of ['length', 'name', 'constructor', 'prototype', 'call', 'apply', 'bind']) {
          Object.defineProperty(f, key, { get: hookThrow(c, `own ${key} of the function`, () => undefined), configurable: true });
        }
        return { value: defineHooks(f, c, 0), expect: ['plain'] };
      },
    },
    {
      name: 'function that grows wasm memory and re-enters',
      family: 'getters',
      rule: 'rule 5',
      make: (c, fn) => ({
        value: () => {
          if (c.inCall) {
            growMemory();
            reenter();
          }
          return fn();
        },
        expect: ['plain'],
      }),
    },
    ...scalarKinds(entry, slot, sample).filter((k) => k.name !== 'revoked Proxy' && k.name !== 'Proxy whose traps all throw'),
  ];
}

function kindsFor(entry, slot, sample) {
  switch (slot.kind) {
    case 'shape':
    case 'number list':
      return [...arrayKinds(entry, sample, 'top'), ...typedKinds(Int32Array, Float64Array), ...scalarKinds(entry, slot, sample)];
    case 'axes':
      return [...arrayKinds(entry, sample, 'top'), ...scalarKinds(entry, slot, sample)];
    case 'slice spec':
    case 'index spec':
    case 'nested data':
      return [
        ...arrayKinds(entry, sample, 'top'),
        ...(sample.some((x) => Array.isArray(x)) ? arrayKinds(entry, sample, 'nested') : []),
        ...scalarKinds(entry, slot, sample),
      ];
    case 'tensor list':
      return [...arrayKinds(entry, sample, 'top'), ...tensorKinds('element'), ...scalarKinds(entry, slot, sample).slice(0, 1)];
    case 'tensor':
      return [...tensorKinds('value'), ...scalarKinds(entry, slot, sample).slice(0, 1)];
    case 'tensor record':
      return recordKinds(entry);
    case 'typed array':
      return [...typedKinds(Int32Array, Int32Array), ...scalarKinds(entry, slot, sample)];
    case 'bytes':
      return [...typedKinds(Uint8Array, Uint8Array, true), ...scalarKinds(entry, slot, sample)];
    case 'options':
      return optionsKinds(entry, slot, sample);
    case 'function':
      return functionKinds(entry, slot, sample);
    default: // scalar, index, dtype, flag, ignored
      return scalarKinds(entry, slot, sample);
  }
}

// ---------------------------------------------------------------- the entry-point table

const WASM = new Uint8Array(readFileSync(new URL(`../../pkg/extensor_${BUILD}_bg.wasm`, import.meta.url)));
const PKG_FOLDER = new URL('../../pkg/', import.meta.url).href;
const NPY = (() => {
  const a = ex.arange(6, 'int32');
  const b = a.reshape([2, 3]);
  const bytes = b.toNpy();
  a.free();
  b.free();
  return bytes;
})();

const NPZ = (() => {
  const a = ex.arange(6, 'int32');
  const b = a.reshape([2, 3]);
  const bytes = ex.toNpz({ a, b }, { compress: true });
  a.free();
  b.free();
  return bytes;
})();

const R23 = (c) => c.t(ex.tensor([[0, 1, 2], [3, 4, 5]], { dtype: 'float32' }));
const R213 = (c) => c.t(ex.tensor([[[0, 1, 2]], [[3, 4, 5]]], { dtype: 'float32' }));
const R3 = (c) => c.t(ex.tensor([1, 2, 3], { dtype: 'float32' }));
const R11 = (c) => c.t(ex.tensor([[4.5]], { dtype: 'float32' }));
const RSCOPE = (c) => {
  const s = ex.scope();
  c.scopes.push(s);
  return s;
};

const slot = (name, kind, valid, more = {}) => ({ name, kind, valid, ...more });
const ignored = (name = 'extra') => slot(name, 'ignored', () => undefined);
const num = (name, v, more) => slot(name, 'scalar', () => v, more);
const dtype = (name, v) => slot(name, 'dtype', () => v);
const shape = (name, v) => slot(name, 'shape', () => v.slice(), { prim: 6 });
const tensorArg = (name, make) => slot(name, 'tensor', (c) => c.t(make()), { prim: 1 });
/** An index argument given as JS integers (nested arrays): ragged is INVALID_SHAPE, a value past the axis INDEX_OUT_OF_BOUNDS. */
const indexData = (name, v) => slot(name, 'nested data', () => structuredClone(v()), { prim: 1, codes: ['INVALID_SHAPE', 'INDEX_OUT_OF_BOUNDS'] });

function fnEntry(point, slots, call, more = {}) {
  return { point, slots, call: (r, a) => call(...a), ...more };
}
function member(key, slots, more = {}) {
  return {
    point: `ExTensor#${keyName(key)}`, member: key, receiver: R23, tensorReceiver: true, slots,
    call: (r, a) => r[key](...a), viaProto: (self, a) => D[key].value.call(self, ...a), ...more,
  };
}
function getterMember(key) {
  return { point: `ExTensor#${keyName(key)}`, member: key, receiver: R23, tensorReceiver: true, getter: true, slots: [], call: (r) => r[key], viaProto: (self) => D[key].get.call(self) };
}
function scopeMember(key, slots, more = {}) {
  return {
    point: `Scope#${keyName(key)}`, member: key, scope: true, receiver: RSCOPE, slots,
    call: (r, a) => r[key](...a), viaProto: (self, a) => SD[key].value.call(self, ...a), ...more,
  };
}

// Op names from the Rust core, their one source.
const BINARY = [...glue.binaryOpNames(), ...glue.compareOpNames(), ...glue.logicalOpNames()];
const UNARY = [...glue.unaryOpNames(), ...glue.predicateOpNames()];
const GETTERS = ['shape', 'strides', 'offset', 'dtype', 'ndim', 'size', 'nbytes', 'isContiguous', 'isView', 'isWritable', 'refCount', 'isFreed', 'data', 'T'];
const buildOptions = () => ({ ...OPTIONS[BUILD] });
const flagKeys = Object.fromEntries(Object.keys(OPTIONS[BUILD]).map((k) => [k, k === 'threads' ? 'scalar' : 'flag']));
// initSync is single-threaded: it takes only the build flags.
const syncOptions = () => ({ simd: OPTIONS[BUILD].simd, relaxed: OPTIONS[BUILD].relaxed });
const syncKeys = { simd: 'flag', relaxed: 'flag' };

const FUNCTIONS = [
  fnEntry('ex.tensor', [slot('data', 'nested data', () => [[1, 2], [3, 4]], { prim: 3 }), slot('options', 'options', () => ({ dtype: 'int32' }), { keys: { dtype: 'dtype' } })], ex.tensor, { form: 'nested' }),
  fnEntry('ex.tensor', [slot('data', 'typed array', () => new Int32Array([1, 2, 3, 4, 5, 6])), slot('options', 'options', () => ({ shape: [2, 3] }), { keys: { shape: 'shape' } })], ex.tensor, { form: 'typed' }),
  fnEntry('ex.tensor', [slot('data', 'nested data', () => [1, 2, 3, 4, 5, 6], { prim: 3 }), slot('options', 'options', () => ({ shape: [3, 2], dtype: 'float64' }), { keys: { shape: 'shape', dtype: 'dtype' } })], ex.tensor, { form: 'flat' }),
  fnEntry('ex.fromNpy', [slot('bytes', 'bytes', () => NPY.slice())], ex.fromNpy),
  fnEntry('ex.fromNpz', [slot('bytes', 'bytes', () => NPZ.slice())], ex.fromNpz),
  fnEntry('ex.toNpz', [
    slot('record', 'tensor record', (c) => ({ w: c.t(ex.tensor([[1, 2], [3, 4]], { dtype: 'int32' })), b: c.t(ex.tensor([0.5, -1], { dtype: 'float64' })) })),
    slot('options', 'options', () => ({ compress: true }), { keys: { compress: 'flag' } }),
  ], ex.toNpz),
  fnEntry('ex.zeros', [shape('shape', [2, 3]), dtype('dtype', 'int32')], ex.zeros),
  fnEntry('ex.ones', [shape('shape', [2, 3]), dtype('dtype', 'float64')], ex.ones),
  fnEntry('ex.empty', [shape('shape', [3]), dtype('dtype', 'uint8')], ex.empty),
  fnEntry('ex.full', [shape('shape', [2, 2]), num('value', 7), dtype('dtype', 'int16')], ex.full),
  fnEntry('ex.arange', [num('start', 1), num('stop', 7, { codes: ['DTYPE'] }), num('step', 2, { codes: ['DTYPE'] }), dtype('dtype', 'int32')], ex.arange),
  fnEntry('ex.linspace', [num('start', 0), num('stop', 1), num('num', 5), dtype('dtype', 'float64')], ex.linspace),
  fnEntry('ex.eye', [num('n', 3), num('m', 4, { codes: ['DTYPE'] }), num('k', 1, { codes: ['DTYPE'] }), dtype('dtype', 'float32')], ex.eye),
  fnEntry('ex.rand', [shape('shape', [2, 3]), slot('options', 'options', () => ({ seed: 7, dtype: 'float64' }), { keys: { seed: 'scalar', dtype: 'dtype' } })], ex.rand),
  fnEntry('ex.randn', [shape('shape', [4]), slot('options', 'options', () => ({ seed: 11 }), { keys: { seed: 'scalar' } })], ex.randn),
  fnEntry('ex.matmul', [tensorArg('a', () => ex.tensor([[1, 2, 3], [4, 5, 6]])), tensorArg('b', () => ex.tensor([[1, 0], [0, 1], [1, 1]]))], ex.matmul),
  fnEntry('ex.concat', [slot('list', 'tensor list', (c) => [c.t(ex.tensor([[1, 2, 3], [4, 5, 6]])), c.t(ex.tensor([[7, 8, 9]]))]), num('axis', 0)], ex.concat),
  fnEntry('ex.stack', [slot('list', 'tensor list', (c) => [c.t(ex.tensor([1, 2, 3])), c.t(ex.tensor([4, 5, 6]))]), num('axis', 1)], ex.stack),
  fnEntry('ex.einsum', [num('subscripts', 'ij,jk->ik'), tensorArg('a', () => ex.tensor([[1, 2, 3], [4, 5, 6]])), tensorArg('b', () => ex.tensor([[1, 0], [0, 1], [1, 1]]))], ex.einsum),
  // The function forms of every elementwise op: tensors, the scalar first, the scalar second.
  ...BINARY.flatMap((op) => [
    fnEntry(`ex.${op}`, [tensorArg('a', () => ex.tensor([[1, 2, 3], [4, 5, 6]])), tensorArg('b', () => ex.tensor([1, 2, 3]))], ex[op], { form: 'tensors' }),
    fnEntry(`ex.${op}`, [num('a', 2), tensorArg('b', () => ex.tensor([1, 2, 3]))], ex[op], { form: 'scalar first' }),
    fnEntry(`ex.${op}`, [tensorArg('a', () => ex.tensor([1, 2, 3])), num('b', 2)], ex[op], { form: 'scalar second' }),
  ]),
  ...UNARY.map((op) => fnEntry(`ex.${op}`, [tensorArg('x', () => ex.tensor([[0.5, 1, 2], [3, 4, 5]]))], ex[op])),
  fnEntry('ex.clip', [tensorArg('x', () => ex.tensor([[0, 1, 2], [3, 4, 5]])), num('min', 1), tensorArg('max', () => ex.tensor([4, 3, 2]))], ex.clip),
  ...['isclose', 'allclose'].map((op) => fnEntry(`ex.${op}`, [tensorArg('a', () => ex.tensor([[1, 2, 3], [4, 5, 6]])), tensorArg('b', () => ex.tensor([1, 2.0000001, 3])), slot('options', 'options', () => ({ rtol: 1e-3, atol: 0, equalNaN: true }), { keys: { rtol: 'scalar', atol: 'scalar', equalNaN: 'flag' } })], ex[op])),
  fnEntry('ex.bincount', [tensorArg('x', () => ex.tensor([0, 2, 2, 5], { dtype: 'int32' })), slot('options', 'options', () => ({ minlength: 7 }), { keys: { minlength: 'scalar' } })], ex.bincount),
  fnEntry('ex.where', [tensorArg('cond', () => ex.tensor([true, false, true])), tensorArg('a', () => ex.tensor([1, 2, 3])), num('b', 0)], ex.where),
  fnEntry('ex.oneHot', [indexData('indices', () => [0, 2, -1]), num('depth', 3), dtype('dtype', 'int32')], ex.oneHot, { form: 'nested' }),
  fnEntry('ex.oneHot', [tensorArg('indices', () => ex.tensor([[0, 2]], { dtype: 'int16' })), num('depth', 3), dtype('dtype', 'float64')], ex.oneHot, { form: 'tensor' }),
  fnEntry('ex.nonzero', [tensorArg('t', () => ex.tensor([[0, 1], [2, 0]]))], ex.nonzero),
  fnEntry('ex.split', [tensorArg('t', () => ex.tensor([[1, 2, 3], [4, 5, 6]])), slot('sectionsOrIndices', 'number list', () => [1, -1], { prim: 2, codes: [] }), num('axis', 1)], ex.split),
  fnEntry('ex.tidy', [slot('fn', 'function', () => () => {
    const a = ex.arange(3);
    const b = a.add(1);
    return b;
  })], ex.tidy),
  fnEntry('ex.scope', [ignored()], ex.scope),
  fnEntry('ex.memory', [ignored()], ex.memory),
  fnEntry('ex.backend', [ignored()], ex.backend),
  fnEntry('ex.engineSupport', [ignored()], ex.engineSupport),
  fnEntry('ex.debug.trackLeaks', [slot('on', 'flag', () => true)], (...a) => ex.debug.trackLeaks(...a), { after: () => ex.debug.trackLeaks(false) }),
  fnEntry('ex.debug.leaks', [ignored()], (...a) => ex.debug.leaks(...a)),
  fnEntry('ex.linalg.inv', [tensorArg('a', () => ex.tensor([[4, 7], [2, 6]]))], (...a) => ex.linalg.inv(...a)),
  fnEntry('ex.linalg.solve', [tensorArg('a', () => ex.tensor([[2, 1], [1, 3]])), tensorArg('b', () => ex.tensor([3, 5]))], (...a) => ex.linalg.solve(...a)),
  fnEntry('ex.linalg.det', [tensorArg('a', () => ex.tensor([[1, 2], [3, 4]]))], (...a) => ex.linalg.det(...a)),
  fnEntry('ex.linalg.cholesky', [tensorArg('a', () => ex.tensor([[4, 2], [2, 5]]))], (...a) => ex.linalg.cholesky(...a)),
  fnEntry('ex.linalg.norm', [
    tensorArg('x', () => ex.tensor([[3, 4], [0, 1]])),
    slot('options', 'options', () => ({ ord: 1, axis: [0, 1], keepDims: true }), { keys: { ord: 'scalar', axis: 'axes', keepDims: 'flag' } }),
  ], (...a) => ex.linalg.norm(...a)),
  fnEntry('ex.init', [slot('options', 'options', buildOptions, { keys: flagKeys })], ex.init, { async: true }),
  fnEntry('ex.init', [slot('options', 'options', () => ({ ...buildOptions(), wasmPaths: PKG_FOLDER }), { keys: { ...flagKeys, wasmPaths: 'scalar' } })], ex.init, { async: true, form: 'wasmPaths folder' }),
  fnEntry('ex.init', [
    slot('options', 'options', () => ({ ...buildOptions(), wasmPaths: { [BUILD]: `${PKG_FOLDER}extensor_${BUILD}_bg.wasm` } }), { keys: { ...flagKeys, wasmPaths: 'options' }, nested: { wasmPaths: { [BUILD]: 'scalar' } } }),
  ], ex.init, { async: true, form: 'wasmPaths map' }),
  fnEntry('ex.initSync', [slot('source', 'bytes', () => WASM.slice(), { lenient: true }), slot('options', 'options', syncOptions, { keys: syncKeys })], ex.initSync),
];

const MEMBERS = [
  ...GETTERS.map(getterMember),
  member('constructor', [ignored('token'), ignored('raw')], { call: (r, a) => new ex.ExTensor(...a), receiver: null, tensorReceiver: false, noForge: true }),
  member('sharesMemory', [tensorArg('other', () => ex.ones([2]))]),
  ...['share', 'clone', 'flatten', 'contiguous', 'toArray', 'toNpy', 'toString', 'free', Symbol.dispose, INSPECT].map((k) => member(k, [ignored()])),
  member('toTypedArray', [slot('options', 'options', () => ({ float16Array: true }), { keys: { float16Array: 'flag' } })]),
  member('item', [ignored()], { receiver: R11 }),
  member('reshape', [slot('shape', 'number list', () => [3, -1], { prim: 6 })]),
  member('slice', [slot('spec', 'slice spec', () => [1, [null, null, -1]], { prim: '1, ::-1' })]),
  member('transpose', [slot('axes', 'axes', () => [1, 0])]),
  member('flip', [slot('axis', 'axes', () => [1])]),
  member('moveaxis', [slot('source', 'axes', () => [0]), slot('destination', 'axes', () => [1])]),
  member('take', [indexData('indices', () => [[1, 0]]), num('axis', 1)], { form: 'nested' }),
  member('take', [tensorArg('indices', () => ex.tensor([2, 0], { dtype: 'int32' })), num('axis', 1)], { form: 'tensor' }),
  member('takeAlongAxis', [indexData('indices', () => [[1], [0]]), num('axis', 1)], { form: 'nested' }),
  member('takeAlongAxis', [tensorArg('indices', () => ex.tensor([[2, 0, 1]], { dtype: 'int64' })), num('axis', 1)], { form: 'tensor' }),
  member('tile', [slot('reps', 'number list', () => [2, 1], { prim: 2, codes: [] })]),
  member('repeat', [slot('repeats', 'number list', () => [1, 0, 2], { prim: 2, codes: ['SHAPE_MISMATCH'] }), num('axis', 1)]),
  member('pad', [slot('padWidth', 'nested data', () => [[1, 0], [0, 2]], { prim: 1 }), slot('options', 'options', () => ({ mode: 'constant', value: 5 }), { keys: { mode: 'scalar', value: 'scalar' } })]),
  member('squeeze', [slot('axis', 'axes', () => [1])], { receiver: R213 }),
  member('unsqueeze', [num('axis', 1)]),
  member('broadcastTo', [shape('shape', [2, 3])], { receiver: R3 }),
  member('astype', [dtype('dtype', 'int32')]),
  ...BINARY.flatMap((op) => [
    member(op, [tensorArg('other', () => ex.tensor([1, 2, 3]))], { form: 'tensor' }),
    member(op, [num('other', 2)], { form: 'scalar' }),
  ]),
  ...UNARY.map((op) => member(op, [ignored()])),
  ...['sum', 'prod', 'mean'].map((op) => member(op, [slot('axis', 'axes', () => [1]), slot('keepDims', 'flag', () => true), slot('options', 'options', () => ({ dtype: 'float64' }), { keys: { dtype: 'dtype' } })])),
  ...['max', 'min'].map((op) => member(op, [slot('axis', 'axes', () => [1]), slot('keepDims', 'flag', () => true)])),
  ...['argMax', 'argMin'].map((op) => member(op, [num('axis', 1)])),
  member('matmul', [tensorArg('other', () => ex.tensor([[1, 0], [0, 1], [1, 1]]))]),
  member('softmax', [num('axis', 1)]),
  member('clip', [num('min', 1), tensorArg('max', () => ex.tensor([4, 3, 2]))]),
  ...['any', 'all', 'logSumExp'].map((op) => member(op, [slot('axis', 'axes', () => [1]), slot('keepDims', 'flag', () => true)])),
  ...['var', 'std'].map((op) => member(op, [slot('axis', 'axes', () => [1]), slot('keepDims', 'flag', () => true), slot('options', 'options', () => ({ ddof: 1 }), { keys: { ddof: 'scalar' } })])),
  ...['cumsum', 'cumprod'].map((op) => member(op, [num('axis', 1), slot('options', 'options', () => ({ dtype: 'float64' }), { keys: { dtype: 'dtype' } })])),
  member('logSoftmax', [num('axis', 1)]),
  member('index', [slot('spec', 'index spec', () => [[1, 0], ':'])], { form: 'arrays' }),
  member('index', [tensorArg('spec', () => ex.tensor([1, 0], { dtype: 'int32' }))], { form: 'tensor' }),
  member('indexSet', [slot('spec', 'index spec', () => [':', [2, 0]]), num('value', 7)], { form: 'scalar' }),
  member('indexSet', [slot('spec', 'index spec', () => [[1]]), tensorArg('value', () => ex.tensor([9, 8, 7]))], { form: 'tensor' }),
  ...['sort', 'argsort'].map((op) => member(op, [num('axis', 1), slot('options', 'options', () => ({ descending: true }), { keys: { descending: 'flag' } })])),
  member('topk', [num('k', 2), slot('options', 'options', () => ({ axis: 1, largest: false, sorted: true }), { keys: { axis: 'scalar', largest: 'flag', sorted: 'flag' } })]),
  member('get', [slot('i', 'index', () => 1), slot('j', 'index', () => 2)]),
  member('set', [num('value', 7), slot('i', 'index', () => 1), slot('j', 'index', () => 2)]),
  member('fill', [num('value', 9)]),
  member('assign', [tensorArg('other', () => ex.tensor([7, 8, 9]))]),
];

const SCOPE_MEMBERS = [
  scopeMember('keep', [tensorArg('tensor', () => ex.ones([2]))]),
  scopeMember('dispose', [ignored()]),
  scopeMember(Symbol.dispose, [ignored()]),
  { point: 'Scope#open', member: 'open', scope: true, getter: true, receiver: RSCOPE, slots: [], call: (r) => r.open, viaProto: (self) => SD.open.get.call(self) },
  { point: 'Scope#size', member: 'size', scope: true, getter: true, receiver: RSCOPE, slots: [], call: (r) => r.size, viaProto: (self) => SD.size.get.call(self) },
  scopeMember('constructor', [ignored('token'), ignored('checkTensor')], { call: (r, a) => new SCOPE_PROTO.constructor(...a), receiver: null, noForge: true }),
];

const ENTRIES = [...FUNCTIONS, ...MEMBERS, ...SCOPE_MEMBERS];

/** Entry names with their valid arguments, and each slot's hostile kinds (made once). */
const PREPARED = (() => {
  const probe = new Ctx();
  probe.phase = 'args';
  const out = [];
  for (const entry of ENTRIES) {
    const samples = entry.slots.map((s) => s.valid(probe));
    const args = entry.getter ? '' : `(${samples.map((v, i) => (entry.slots[i].kind === 'ignored' ? '' : fmt(v))).filter(Boolean).join(', ')})`;
    const head = entry.member === 'constructor' ? `new ${entry.scope ? 'Scope' : 'ExTensor'}`
      : entry.member !== undefined ? `${entry.scope ? 'scope' : 't'}.${keyName(entry.member)}` : entry.point;
    const name = `${head}${args}`;
    const kinds = entry.slots.map((s, i) => kindsFor(entry, s, samples[i]));
    out.push({ ...entry, name, kinds });
  }
  for (const t of probe.tensors) tFree(t);
  return out;
})();

/** The table covers this member (by key) of ExTensor.prototype / the Scope prototype. */
const present = (entry) => !entry.member || entry.member === 'constructor' || (entry.scope ? SD : D)[entry.member] !== undefined;

async function runFamilies(m, families) {
  for (const entry of PREPARED) {
    if (!present(entry)) continue;
    for (const [i, kinds] of entry.kinds.entries()) {
      for (const kind of kinds) {
        if (!families.has(kind.family)) continue;
        const label = `${entry.name}${entry.form ? ` [${entry.form}]` : ''} · ${entry.slots[i].name}${kind.where ? ` (${kind.where})` : ''} · ${kind.name}`;
        await m.run(label, entry, kind.name, kind.rule, { slotIndex: i, kind });
      }
    }
  }
}

// ---------------------------------------------------------------- rule 8, and the table itself

const DOCUMENTED_CONSTANTS = new Set(['DTYPES', 'MAX_NDIM', 'VERSION', 'ExTensor', 'ExTensorError', 'ERROR_CODES', 'debug', 'linalg']);

test('rule 8: nothing internal is reachable, and the table covers every export and member', () => {
  const m = new Matrix('rule 8 and the table');
  const check = (label, ok, problem) => {
    m.count(null, null);
    if (!ok) m.add('rule 8', label, problem);
  };
  check('ExTensor own properties', isDeepStrictEqual(Object.getOwnPropertyNames(ex.ExTensor).sort(), ['length', 'name', 'prototype']),
    `Object.getOwnPropertyNames(ex.ExTensor) is ${JSON.stringify(Object.getOwnPropertyNames(ex.ExTensor).sort())}`);
  for (const [where, object] of [['ExTensor.prototype', P], ['the Scope prototype', SCOPE_PROTO], ['the module', ex], ['ex.debug', ex.debug], ['ex.linalg', ex.linalg]]) {
    const underscored = Reflect.ownKeys(object).filter((k) => typeof k === 'string' && k.startsWith('_'));
    check(`${where}: no _-prefixed members`, underscored.length === 0, `has ${underscored.join(', ')}`);
  }
  const points = new Set(ENTRIES.map((e) => e.point));
  for (const name of Object.keys(ex)) {
    if (typeof ex[name] === 'function' && name !== 'ExTensor' && name !== 'ExTensorError') {
      check(`ex.${name}`, points.has(`ex.${name}`), `ex.${name} is exported but has no row in the hostile table`);
    } else {
      check(`ex.${name}`, DOCUMENTED_CONSTANTS.has(name), `ex.${name} is exported but is not part of the documented API`);
    }
  }
  for (const [space, object] of [['debug', ex.debug], ['linalg', ex.linalg]]) {
    check(`ex.${space} is frozen`, Object.isFrozen(object), `ex.${space} can be changed`);
    for (const name of Object.keys(object)) check(`ex.${space}.${name}`, points.has(`ex.${space}.${name}`), `ex.${space}.${name} has no row in the hostile table`);
  }
  for (const [cls, proto, prefix] of [['ExTensor', P, 'ExTensor#'], ['Scope', SCOPE_PROTO, 'Scope#']]) {
    const keys = Reflect.ownKeys(proto);
    for (const key of keys) {
      check(`${cls}.prototype.${keyName(key)}`, points.has(`${prefix}${keyName(key)}`), `${cls} member ${keyName(key)} has no row in the hostile table (add it, with its argument slots)`);
    }
    for (const e of ENTRIES.filter((x) => x.point.startsWith(prefix))) {
      check(`table row ${e.point}`, keys.includes(e.member), `the table lists ${e.point}, which ${cls} does not have`);
    }
  }
  // console.log(ExTensor.prototype) and friends work (rule 4's exception).
  for (const [label, fn] of [
    ['inspect(ExTensor.prototype)', () => inspect(P)], ['String(Object.create(ExTensor.prototype))', () => String(Object.create(P))],
    ['inspect(Object.create(ExTensor.prototype))', () => inspect(Object.create(P))], ['inspect(a freed tensor)', () => { const t = ex.zeros([1]); t.free(); return inspect(t); }],
  ]) {
    m.count('ExTensor#toString', null);
    try {
      const s = fn();
      if (typeof s !== 'string') m.add('rule 4', label, `gave ${typeof s}`);
    } catch (e) {
      m.add('rule 4', label, `threw ${errText(e)}`);
    }
  }
  const counters = memoryCounters();
  if (counters.liveHandles + counters.liveStorages + counters.storageBytes !== 0) m.add('rule 7', 'end of "rule 8"', `ex.memory() is not back to zero: ${JSON.stringify(counters)}`);
  if (m.violations.length > 0) assert.fail(report(m));
});

// ---------------------------------------------------------------- the matrix

test('rules 2, 3, 6, 9: coercion hooks, forged tensors, revoked Proxies and typed-array forgeries in every slot', async () => {
  const m = new Matrix('hostile values');
  await runFamilies(m, new Set(['values']));
  await m.finish();
});

test('rules 1, 5: getters and traps that free, grow memory, throw or re-enter, in every slot', async () => {
  const m = new Matrix('hostile getters');
  await runFamilies(m, new Set(['getters']));
  await m.finish();
});

/** Forged receivers; `brand` ones are genuine tensors and must work as the plain call. */
const RECEIVER_KINDS = [
  { name: 'Object.create(prototype)', make: (c, g, e) => Object.create(e.scope ? SCOPE_PROTO : P) },
  { name: '{}', make: () => ({}) },
  { name: 'instance of another class', make: () => new Impostor() },
  {
    name: 'instance of the other library class',
    make: (c, g, e) => {
      if (!e.scope) {
        const s = ex.scope();
        s.dispose();
        return s;
      }
      return c.t(ex.ones([1]));
    },
  },
  { name: 'Proxy around a receiver', make: (c, g) => new Proxy(g, {}) },
  { name: 'Object.create(receiver)', make: (c, g) => Object.create(g) },
  { name: 'receiver Proxy whose getPrototypeOf trap frees it', make: (c, g) => protoTrapProxy(c, g) },
  { name: 'receiver Proxy whose traps all throw', make: (c, g) => new Proxy(g, throwingHandler(c, (t) => c.forbid(`${t} trap of a receiver Proxy`))) },
  { name: 'revoked Proxy around a receiver', make: (c, g) => revokedProxy(g) },
  { name: 'undefined', make: () => undefined },
  { name: 'receiver with its prototype removed', brand: true, make: (c, g) => Object.setPrototypeOf(g, null) },
  { name: 'receiver with hostile own members shadowing its class’s', brand: true, make: (c, g, e) => dressReceiver(c, g, e) },
  { name: 'receiver whose prototype is a Proxy with a getPrototypeOf trap', brand: true, make: (c, g, e) => Object.setPrototypeOf(g, protoTrapProxy(c, e.scope ? SCOPE_PROTO : P)) },
];

async function runReceivers(m, scopeMembers) {
  for (const entry of PREPARED) {
    if (entry.noForge || !entry.member || !present(entry) || Boolean(entry.scope) !== scopeMembers) continue;
    for (const rk of RECEIVER_KINDS) {
      const label = `${entry.name}${entry.form ? ` [${entry.form}]` : ''} · this = ${rk.name}`;
      await m.run(label, entry, rk.name, rk.brand ? 'rule 3' : 'rule 4', { receiverKind: rk });
    }
  }
}

test('rule 4: every ExTensor member with a forged receiver is INVALID_ARGUMENT (toString and inspect: a string)', async () => {
  const m = new Matrix('forged receivers');
  await runReceivers(m, false);
  await m.finish();
});

// Rule 4 names ExTensor; scope.keep / dispose / open / size are public members too, and the
// general rule (every failure is an ExTensorError or the user's own error) covers them.
test('rule 4 for Scope: every scope member with a forged receiver is an ExTensorError', async () => {
  const m = new Matrix('forged scope receivers');
  await runReceivers(m, true);
  await m.finish();
});

// ---------------------------------------------------------------- rule 9: typed-array brands

test('rule 9: ex.tensor infers the dtype of a typed array from its internal slot', async () => {
  const m = new Matrix('typed-array brands');
  const tag = (ta, name, c) => Object.defineProperty(ta, Symbol.toStringTag, { get: hookFn(c, 'Symbol.toStringTag', name), configurable: true });
  const cases = [
    ['Int32Array whose constructor is Float32Array', () => Object.defineProperty(new Int32Array([1, -2, 3]), 'constructor', { value: Float32Array }), 'int32', [1, -2, 3]],
    ['subclass of Int32Array', () => new (class MyInts extends Int32Array {})([1, -2, 3]), 'int32', [1, -2, 3]],
    ['subclass of BigInt64Array holding 2n**60n+1n', () => new (class MyBigs extends BigInt64Array {})([2n ** 60n + 1n, -5n]), 'int64', [2n ** 60n + 1n, -5n]],
    ['subclass of BigUint64Array holding 2n**64n-1n', () => new (class MyUBigs extends BigUint64Array {})([2n ** 64n - 1n]), 'uint64', [2n ** 64n - 1n]],
    ['Float64Array whose constructor is Int8Array', () => Object.defineProperty(new Float64Array([0.1, 2.5]), 'constructor', { value: Int8Array }), 'float64', [0.1, 2.5]],
    ['subclass of Uint8ClampedArray', () => new (class MyClamped extends Uint8ClampedArray {})([0, 255]), 'uint8', [0, 255]],
    ['Int16Array with an own Symbol.toStringTag of Float32Array', (c) => tag(new Int16Array([-7, 9]), 'Float32Array', c), 'int16', [-7, 9]],
    ['subclass of Uint16Array whose Symbol.toStringTag says Float64Array', (c) => new (class Liar extends Uint16Array { get [Symbol.toStringTag]() { c.forbid('Symbol.toStringTag'); return 'Float64Array'; } })([3, 65535]), 'uint16', [3, 65535]],
    ['Uint32Array whose constructor getter throws', (c) => Object.defineProperty(new Uint32Array([4]), 'constructor', { get: hookThrow(c, 'constructor getter', () => Uint32Array) }), 'uint32', [4]],
  ];
  for (const [name, make, dtypeWanted, values] of cases) {
    for (const withShape of [false, true]) {
      const label = `ex.tensor(${name}${withShape ? ', { shape }' : ''})`;
      if (!m.selected(label)) continue;
      m.count('ex.tensor', 'typed array with a forged brand');
      const before = liveHandles();
      const c = new Ctx();
      let t;
      try {
        const data = make(c);
        c.inCall = true;
        t = ex.tensor(data, withShape ? { shape: [values.length] } : undefined);
        c.inCall = false;
        if (t.dtype !== dtypeWanted) m.add('rule 9', label, `dtype ${t.dtype}, expected ${dtypeWanted}`);
        else if (!isDeepStrictEqual(t.toArray(), values)) m.add('rule 9', label, `values ${brief(t.toArray())}, expected ${brief(values)}`);
      } catch (e) {
        m.add('rule 9', label, `threw ${errText(e)}`);
      } finally {
        c.inCall = false;
        if (t) tFree(t);
      }
      if (c.forbidden.length) m.add('rule 2', label, `ran ${c.forbidden.join(', ')}`);
      m.afterCase(label, before);
    }
  }
  // The same brands as shapes.
  for (const [name, make] of [
    ['Int32Array shape whose constructor is Float32Array', () => Object.defineProperty(new Int32Array([2, 3]), 'constructor', { value: Float32Array })],
    ['subclass of Float64Array as a shape', () => new (class Dims extends Float64Array {})([2, 3])],
  ]) {
    const label = `ex.zeros(${name})`;
    if (!m.selected(label)) continue;
    m.count('ex.zeros', 'typed array with a forged brand');
    const before = liveHandles();
    try {
      const t = ex.zeros(make());
      if (!isDeepStrictEqual(t.shape, [2, 3])) m.add('rule 9', label, `shape ${brief(t.shape)}`);
      t.free();
    } catch (e) {
      m.add('rule 9', label, `threw ${errText(e)}`);
    }
    m.afterCase(label, before);
  }
  await m.finish();
});

// ---------------------------------------------------------------- rule 10: zeros anywhere

test('rule 10: a shape with a 0 anywhere is empty however large the other dimensions', async () => {
  const m = new Matrix('empty shapes');
  const BIG = 2 ** 20;
  const shapes = [[BIG, BIG, 0], [0, BIG, BIG], [BIG, 0, BIG]];
  const creators = {
    zeros: (s) => ex.zeros(s), ones: (s) => ex.ones(s, 'float64'), empty: (s) => ex.empty(s, 'int8'), full: (s) => ex.full(s, 3, 'int32'),
    rand: (s) => ex.rand(s, { seed: 1 }), randn: (s) => ex.randn(s, { seed: 1 }), tensor: (s) => ex.tensor(new Float32Array(0), { shape: s }),
    reshape: (s) => ex.zeros([0]).reshape(s),
  };
  const then = {
    'transpose()': (t) => t.transpose(),
    'transpose().clone()': (t) => t.transpose().clone(),
    'transpose().add(1)': (t) => t.transpose().add(1),
    'transpose().add(itself)': (t) => { const u = t.transpose(); return u.add(u); },
    "transpose().slice('::-1')": (t) => t.transpose().slice('::-1'),
    'transpose().reshape([-1])': (t) => t.transpose().reshape([-1]),
    'transpose().contiguous()': (t) => t.transpose().contiguous(),
    'transpose().sum()': (t) => t.transpose().sum(),
  };
  const reversed = (s) => [...s].reverse();
  for (const s of shapes) {
    for (const [cname, create] of Object.entries(creators)) {
      for (const [oname, op] of [['', null], ...Object.entries(then)]) {
        const label = `${cname}(${fmt(s)})${oname ? `.${oname}` : ''}`;
        if (!m.selected(label)) continue;
        if (oname && cname !== 'zeros' && cname !== 'full') continue; // the follow-ups on two creators are enough
        m.count(cname === 'reshape' ? 'ExTensor#reshape' : `ex.${cname}`, null);
        const before = liveHandles();
        try {
          ex.tidy(() => { // every view and result made along the way is freed by the tidy
            const t = create(s);
            if (!isDeepStrictEqual(t.shape, s) || t.size !== 0) m.add('rule 10', label, `shape ${brief(t.shape)} size ${t.size}`);
            if (op) {
              const r = op(t);
              const want = oname.includes('reshape') ? [0] : oname.includes('sum') ? [] : reversed(s);
              if (!isDeepStrictEqual(r.shape, want)) m.add('rule 10', label, `shape ${brief(r.shape)}, expected ${brief(want)}`);
            }
          });
        } catch (e) {
          m.add('rule 10', label, `threw ${errText(e)}`);
        }
        m.afterCase(label, before);
      }
    }
  }
  await m.finish();
});

// ---------------------------------------------------------------- rule 11: short messages

test('rule 11: error messages stay short (numbers printed as JavaScript prints them)', async () => {
  const m = new Matrix('short messages');
  const t = () => ex.zeros([2, 3]);
  const cases = [
    ['zeros([5e-324])', () => ex.zeros([5e-324]), 'INVALID_SHAPE'],
    ['zeros([1.0000000000000002])', () => ex.zeros([1.0000000000000002]), 'INVALID_SHAPE'],
    ['zeros([2, 5e-324])', () => ex.zeros([2, 5e-324]), 'INVALID_SHAPE'],
    ['tensor([1], { shape: [5e-324] })', () => ex.tensor([1], { shape: [5e-324] }), 'INVALID_SHAPE'],
    ['t.reshape([5e-324])', () => t().reshape([5e-324]), 'INVALID_SHAPE'],
    ['t.broadcastTo([5e-324])', () => t().broadcastTo([5e-324]), 'INVALID_SHAPE'],
    ['t.get(5e-324, 0)', () => t().get(5e-324, 0), 'INDEX_OUT_OF_BOUNDS'],
    ['t.transpose([5e-324, 1])', () => t().transpose([5e-324, 1]), 'INVALID_ARGUMENT'],
    ['t.sum(5e-324)', () => t().sum(5e-324), 'INVALID_ARGUMENT'],
    ['linspace(0, 1, 5e-324)', () => ex.linspace(0, 1, 5e-324), ['INVALID_ARGUMENT', 'INVALID_SHAPE']],
    ['eye(5e-324)', () => ex.eye(5e-324), ['INVALID_ARGUMENT', 'INVALID_SHAPE']],
  ];
  for (const [label, fn, codes] of cases) {
    if (!m.selected(label)) continue;
    m.count(null, null);
    const before = liveHandles();
    try {
      ex.tidy(() => {
        let caught;
        try {
          fn();
        } catch (e) {
          caught = e;
        }
        const allowed = Array.isArray(codes) ? codes : [codes];
        if (!isExErr(caught)) m.add('rule 11', label, caught ? `threw ${errText(caught)}` : 'did not throw');
        else if (!allowed.includes(caught.code)) m.add('rule 11', label, `code ${caught.code}, expected ${allowed.join('/')}`);
        else if (caught.message.length >= 120) m.add('rule 11', label, `a ${caught.message.length}-character message: ${caught.message.slice(0, 100)}…`);
      });
    } catch (e) {
      m.add('rule 11', label, `threw ${errText(e)}`);
    }
    m.afterCase(label, before);
  }
  await m.finish();
});

// ---------------------------------------------------------------- rule 12: tidy

test('rule 12: tidy frees every handle made inside when walking its result throws', async () => {
  const m = new Matrix('tidy');
  const throwingArray = (c) => Object.defineProperty([], 0, { get() { if (c.inCall) throw c.userError; return 0; }, enumerable: true });
  const cases = [
    { name: 'a throwing getter in the returned object', result: (c, t) => ({ t, get bad() { if (c.inCall) throw c.userError; return 1; } }), expect: 'user' },
    { name: 'a throwing getter in a returned array', result: (c, t) => [t, throwingArray(c)], expect: 'user' },
    { name: 'a throwing getter beside a nested tensor', result: (c, t) => ({ inner: { t }, list: [throwingArray(c)] }), expect: 'user' },
    { name: 'a revoked Proxy in the returned object', result: (c, t) => ({ t, p: revokedProxy({}) }), expect: 'thrown' },
    { name: 'a revoked Proxy in a returned array', result: (c, t) => [t, revokedProxy([])], expect: 'thrown' },
    { name: 'a revoked Proxy as the result', result: () => revokedProxy({}), expect: 'thrown' },
    { name: 'a Proxy whose traps all throw in the result', result: (c, t) => ({ t, p: new Proxy({}, throwingHandler(c)) }), expect: 'user' },
    { name: 'the callback throws', result: (c) => { throw c.userError; }, expect: 'user' },
    // (nested, so that only the walk's tensor check can meet the trap, not a Promise check of the result)
    { name: 'a Proxy in the result whose getPrototypeOf trap frees tensors', result: (c, t) => ({ inner: protoTrapProxy(c, { t }) }), expect: 'kept' },
    { name: 'a result with getters that re-enter the library', result: (c, t) => ({ get t() { if (c.inCall) reenter(); return t; } }), expect: 'kept' },
  ];
  for (const k of cases) {
    const label = `ex.tidy(() => ${k.name})`;
    if (!m.selected(label)) continue;
    m.count('ex.tidy', `tidy result: ${k.name}`);
    const before = liveHandles();
    const c = new Ctx();
    const made = [];
    let outcome;
    c.inCall = true;
    try {
      outcome = {
        value: ex.tidy(() => {
          const a = ex.ones([3]);
          const b = a.add(1);
          const v = b.reshape([3, 1]);
          made.push(a, b, v);
          c.argTensors = [v];
          return k.result(c, v);
        }),
      };
    } catch (e) {
      outcome = { error: e };
    } finally {
      c.inCall = false;
    }
    if (k.expect === 'kept') {
      if (outcome.error) m.add('rule 12', label, `threw ${errText(outcome.error)}`);
      else if (tIsFreed(made[2])) m.add('rule 12', label, 'the returned tensor was freed');
      const others = made.slice(0, 2).filter((t) => !tIsFreed(t));
      if (others.length) m.add('rule 12', label, `${others.length} temporaries were left alive`);
    } else {
      const e = outcome.error;
      if (!('error' in outcome)) m.add('rule 12', label, 'tidy returned instead of throwing');
      else if (k.expect === 'user' && e !== c.userError) m.add('rule 12', label, `threw ${errText(e)}, expected the user's own error`);
      else if (k.expect === 'thrown' && !isExErr(e) && !(e instanceof TypeError && /revoked/.test(e.message))) m.add('rule 12', label, `threw ${errText(e)}, expected an ExTensorError (or the engine's revoked-Proxy TypeError, propagated)`);
      const alive = made.filter((t) => !tIsFreed(t));
      if (alive.length) m.add('rule 12', label, `${alive.length} handle(s) made inside the tidy were left alive`);
    }
    if (c.forbidden.length) m.add('rule 3', label, `ran ${c.forbidden.join(', ')}`);
    for (const t of made) {
      try { tFree(t); tFree(t); } catch (e) { m.add('rule 7', label, `free() threw ${errText(e)}`); }
    }
    m.afterCase(label, before);
  }
  await m.finish();
});

// ---------------------------------------------------------------- rule 13: stale windows

const MARK = { bool: true, int64: 5n, uint64: 5n };
const FORTY_TWO = (w) => (w instanceof BigInt64Array || w instanceof BigUint64Array ? 42n : 42);

/**
 * Keeps a window past free() of the last handle on its storage (and, with `grow`, across a
 * memory growth), allocates same-sized tensors so the allocator would reuse the bytes, reads
 * and writes through the window, and returns what went wrong.
 */
function staleWindow(dtypeName, form, grow) {
  const problems = [];
  const made = [];
  const keep = (t) => (made.push(t), t);
  try {
    const marker = MARK[dtypeName] ?? 5;
    const reference = keep(ex.full([1024], marker, dtypeName));
    const expected = reference.toTypedArray();
    let owner;
    let parent = null;
    if (form === 'tensor') {
      owner = ex.zeros([1024], dtypeName);
    } else {
      parent = ex.zeros([3, 1024], dtypeName);
      owner = parent.slice('1'); // a contiguous view: row 1
    }
    const w = owner.data;
    if (w.length !== 1024) problems.push(`the window has length ${w.length}, expected 1024`);
    owner.free();
    parent?.free();
    if (grow) {
      growMemory();
      // Shared memory (the threaded build) never detaches: its window keeps its storage's
      // old bytes, pinned until the window is collected (checked below like any other).
      if (BUILD === 'threads') {
        if (w.length !== 1024) problems.push(`after memory growth a window over shared memory has length ${w.length}, expected 1024`);
      } else if (w.length !== 0) problems.push(`after memory growth the stale window still has length ${w.length} (rule 13: detached, length 0)`);
    }
    const others = [];
    for (let i = 0; i < 8; i++) others.push(keep(ex.full([1024], marker, dtypeName)));
    for (let i = 0; i < 2; i++) others.push(keep(ex.full([3, 1024], marker, dtypeName)));
    if (w.length > 0 && w.every((x, i) => x === expected[i])) problems.push('the stale window reads another tensor’s elements');
    if (w.length > 0) w.fill(FORTY_TWO(w)); // (fill on a detached window is a TypeError of the engine's)
    others.forEach((o, i) => {
      const got = o.toTypedArray();
      if (!got.every((x) => x === expected[0])) problems.push(`live tensor ${i} changed when the stale window was written`);
    });
  } catch (e) {
    problems.push(`threw ${errText(e)}`);
  } finally {
    for (const t of made) tFree(t);
  }
  return problems;
}

test('rule 13: windows kept past free() and across memory growth never touch another tensor', async () => {
  const m = new Matrix('stale windows');
  const one = (label, kind, fn) => {
    if (!m.selected(label)) return;
    m.count('ExTensor#data', kind);
    const before = liveHandles();
    let problems;
    try {
      problems = fn();
    } catch (e) {
      problems = [`threw ${errText(e)}`];
    }
    for (const p of problems) m.add('rule 13', label, p);
    m.afterCase(label, before);
  };
  one('the issue’s example: zeros([1024]).data kept, free, zeros([1024]), fill(42)', 'window kept past free()', () => {
    const a = ex.zeros([1024]);
    const w = a.data;
    a.free();
    const b = ex.zeros([1024]);
    w.fill(42);
    const s = b.sum();
    const total = s.item();
    s.free();
    b.free();
    return total === 0 ? [] : [`b.sum() is ${total}, expected 0`];
  });
  for (const dtypeName of ex.DTYPES) {
    for (const form of ['tensor', 'view']) {
      one(`${dtypeName} ${form}: window kept past free()`, 'window kept past free()', () => staleWindow(dtypeName, form, false));
      one(`${dtypeName} ${form}: window kept past free() and a memory growth`, 'window kept past free() and memory growth', () => staleWindow(dtypeName, form, true));
    }
  }
  one('a live tensor’s window across memory growth', 'window kept across memory growth', () => {
    const problems = [];
    const t = ex.arange(1024, 'int32');
    const w = t.data;
    growMemory();
    if (BUILD === 'threads') {
      // Shared memory never detaches: the old window is still the live tensor's.
      if (w.length !== 1024) problems.push(`a window over shared memory from before the growth has length ${w.length}, expected 1024`);
      w[0] = 7;
      if (t.get(0) !== 7) problems.push('a write through a window over shared memory did not reach its live tensor');
    } else if (w.length !== 0) {
      problems.push(`a window from before the growth has length ${w.length} (detached: 0)`);
      w.fill(42);
    }
    const fresh = t.data;
    if (fresh.length !== 1024 || fresh[1000] !== 1000) problems.push('t.data after growth is not a live window with the same elements');
    t.free();
    return problems;
  });
  one('a window kept while 300 tensors come and go', 'window kept past free()', () => {
    const problems = [];
    const a = ex.zeros([1024]);
    const w = a.data;
    a.free();
    for (let i = 0; i < 300 && problems.length === 0; i++) {
      const b = ex.full([1024], 1);
      if (w.length > 0) w.fill(42);
      const s = b.sum();
      if (s.item() !== 1024) problems.push(`round ${i}: a fresh tensor changed through the stale window (sum ${s.item()})`);
      s.free();
      b.free();
    }
    return problems;
  });
  one('windows of every view of one storage, the storage freed last', 'window kept past free()', () => {
    const problems = [];
    const base = ex.zeros([4, 256], 'float64');
    const views = [base.slice('0'), base.slice('1:3'), base.reshape([1024]), base.slice('3')];
    const windows = views.map((v) => v.data);
    for (const v of views) v.free();
    base.free();
    const others = Array.from({ length: 6 }, () => ex.full([1024], 7, 'float64'));
    for (const w of windows) if (w.length > 0) w.fill(42);
    others.forEach((o, i) => {
      const s = o.sum();
      if (s.item() !== 7 * 1024) problems.push(`live tensor ${i} changed (sum ${s.item()})`);
      s.free();
      o.free();
    });
    return problems;
  });
  await m.finish();
});

// ---------------------------------------------------------------- rule 1: lying lengths (last: on a
// boundary that passes the caller's array to the glue they corrupt the instance)

test('rule 1: Proxies whose length changes while read, and arrays that change while read', async () => {
  const m = new Matrix('lying lengths');
  await runFamilies(m, new Set(['lying']));
  await m.finish();
});

// ---------------------------------------------------------------- rule 7: the finalizer backstop

test('rule 7: handles dropped after hostile failures are reclaimed by the finalizer, which never throws', async () => {
  const m = new Matrix('finalizer');
  const c = new Ctx();
  const throwing = () => Object.defineProperty([0], 0, { get() { throw c.userError; }, enumerable: true });
  const taggedThrow = () => ({ get [Symbol.toStringTag]() { throw c.userError; } });
  const scenarios = {
    'sum(axes with a throwing getter)': (t) => t.sum(throwing()),
    'transpose(a revoked Proxy)': (t) => t.transpose(revokedProxy([])),
    'slice([a throwing getter])': (t) => t.slice(throwing()),
    'slice([a revoked Proxy])': (t) => t.slice([revokedProxy([])]),
    'fill(a revoked Proxy)': (t) => t.fill(revokedProxy({})),
    'set(a revoked Proxy, 0, 0)': (t) => t.set(revokedProxy({}), 0, 0),
    'squeeze([a throwing Symbol.toStringTag])': (t) => t.squeeze([taggedThrow()]),
    'transpose([a throwing Symbol.toStringTag, 0])': (t) => t.transpose([taggedThrow(), 0]),
    'add(a Proxy whose getPrototypeOf throws)': (t) => t.add(new Proxy({}, { getPrototypeOf() { throw c.userError; } })),
    'reshape([a throwing getter, 3])': (t) => t.reshape(Object.defineProperty([0, 3], 0, { get() { throw c.userError; } })),
  };
  const before = memoryCounters();
  const dropped = (name, fn) => {
    // The tensor is unreachable once this returns; only the finalizer can release it.
    const t = ex.zeros([2, 3]);
    try {
      fn(t);
    } catch (e) {
      if (e !== c.userError && !isExErr(e)) m.add('rule 6', `t.${name}`, `threw ${errText(e)}`);
    }
  };
  for (const [name, fn] of Object.entries(scenarios)) {
    if (!m.selected(`t.${name}`)) continue;
    m.count(null, 'a handle dropped after a hostile failure');
    for (let i = 0; i < 3; i++) dropped(name, fn);
  }
  let counters = memoryCounters();
  for (let round = 0; round < 40 && counters.liveHandles !== before.liveHandles; round++) {
    await settle(1);
    counters = memoryCounters();
  }
  if (counters.liveHandles !== before.liveHandles) {
    m.add('rule 7', 'dropped handles', `${counters.liveHandles - before.liveHandles} dropped handle(s) were never reclaimed by the finalizer`);
  }
  await m.finish();
});

test('no uncaught exception or unhandled rejection reached the process; the summary', async () => {
  await settle(5);
  growMemory();
  await settle(5);
  const kinds = new Set([...STATS.kinds]);
  if (MEMORY === null) console.log('note: the glue did not hand out the WebAssembly.Memory; memory growth was forced by allocation');
  console.log(`hostile matrix: ${STATS.cases} cases over ${STATS.points.size} entry points, ${kinds.size} hostile kinds`);
  assert.deepEqual(processFaults, [], 'errors reached the process (a finalizer callback or a promise)');
});
