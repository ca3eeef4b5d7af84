// node:test for the page (tests/page/js-suites-browser.test.mjs bundles each JS suite with this
// in its place). Importing a suite registers its tests, suites and hooks here; the page then
// calls runRegistered() (as globalThis.__EXTENSOR_RUN: the shim is bundled into the suite, so
// the page cannot import the same instance). It runs them one after another as Node's runner
// does (before/after once per suite, beforeEach/afterEach around every test, outer ones
// first) and returns one record a test: its path (suite names, then the test name), its
// status and, on failure, the message. A suite skipped by its options is one skipped record
// (Node does not run its body either). Tests named in `excluded` are recorded as such, never
// run; a suite none of whose tests run runs no hooks either.
const root = newSuite('', {}, null);
let collecting = root;

function newSuite(name, options, parent) {
  return { kind: 'suite', name, options, parent, children: [], before: [], after: [], beforeEach: [], afterEach: [] };
}

/** Node's (name, options, fn) argument forms. */
function parse(args) {
  let [name, options, fn] = args;
  if (typeof name === 'function') [name, options, fn] = [name.name || '<anonymous>', {}, name];
  else if (typeof options === 'function') [options, fn] = [{}, options];
  if (typeof name === 'object' && name !== null) [name, options, fn] = [fn?.name || '<anonymous>', name, options];
  return { name: String(name ?? '<anonymous>'), options: options ?? {}, fn };
}

export function test(...args) {
  const { name, options, fn } = parse(args);
  collecting.children.push({ kind: 'test', name, options, fn, parent: collecting });
  return Promise.resolve();
}

export function describe(...args) {
  const { name, options, fn } = parse(args);
  const suite = newSuite(name, options, collecting);
  collecting.children.push(suite);
  // Node runs no body of a suite skipped by its options.
  if (options.skip || options.todo || typeof fn !== 'function') return Promise.resolve();
  const outer = collecting;
  collecting = suite;
  try {
    const out = fn({ name });
    if (out && typeof out.then === 'function') throw new Error(`describe("${name}"): an async suite body is not supported in the page`);
  } finally {
    collecting = outer;
  }
  return Promise.resolve();
}

const modifier = (register, key) => (...args) => {
  const { name, options, fn } = parse(args);
  return register(name, { ...options, [key]: options[key] ?? true }, fn);
};
for (const f of [test, describe]) {
  f.skip = modifier(f, 'skip');
  f.todo = modifier(f, 'todo');
  f.only = (...args) => f(...args);
}

export const it = test;
export const suite = describe;
export const before = (fn) => { collecting.before.push(fn); };
export const after = (fn) => { collecting.after.push(fn); };
export const beforeEach = (fn) => { collecting.beforeEach.push(fn); };
export const afterEach = (fn) => { collecting.afterEach.push(fn); };
test.test = test;
test.it = test;
test.describe = describe;
test.suite = describe;
Object.assign(test, { before, after, beforeEach, afterEach });
export default test;

const reason = (value) => (typeof value === 'string' ? value : '');

function errorText(e) {
  if (e instanceof Error) return `${e.name}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  try {
    return `thrown: ${String(e)}`;
  } catch {
    return 'thrown: a value that cannot be printed';
  }
}

/** Every test record under `node` (its path is `here`) with `status`, without running anything. */
function markAll(node, here, status, message, records) {
  if (node.kind === 'test' || node.children.length === 0) {
    records.push({ path: here, status, message });
    return;
  }
  for (const child of node.children) markAll(child, [...here, child.name], status, message, records);
}

/** Whether any test under `node` (its path is `here`) would run: is neither skipped nor excluded. */
function anyRuns(node, here, excluded) {
  if (node.options.skip || node.options.todo) return false;
  if (node.kind === 'test') return !excluded.has(JSON.stringify(here));
  return node.children.length === 0 || node.children.some((c) => anyRuns(c, [...here, c.name], excluded));
}

/** Runs `fn` as Node would with a test context; resolves to { skip, todo } if the test said so. */
async function runBody(fn, name, diagnostics) {
  const said = {};
  const context = {
    name,
    signal: new AbortController().signal,
    diagnostic: (message) => diagnostics.push(String(message)),
    skip: (message = '') => { said.skip = message || true; },
    todo: (message = '') => { said.todo = message || true; },
    test: () => { throw new Error('subtests (t.test) are not supported in the page'); },
  };
  if (fn.length >= 2) {
    await new Promise((resolve, reject) => {
      fn(context, (err) => (err ? reject(err) : resolve()));
    });
  } else {
    await fn(context);
  }
  return said;
}

async function runHooks(hooks) {
  for (const hook of hooks) await hook({});
}

async function runNode(node, path, excluded, eachChain, records) {
  const here = node.parent === null ? [] : [...path, node.name];
  if (node.kind === 'test') {
    const key = JSON.stringify(here);
    const { skip, todo } = node.options;
    if (excluded.has(key)) return records.push({ path: here, status: 'excluded' });
    if (skip) return records.push({ path: here, status: 'skip', message: reason(skip) });
    if (typeof node.fn !== 'function' && !todo) return records.push({ path: here, status: 'todo', message: 'no function' });
    const diagnostics = [];
    let said = {};
    let error;
    try {
      for (const suite of eachChain) await runHooks(suite.beforeEach);
      said = await runBody(node.fn ?? (() => {}), node.name, diagnostics);
    } catch (e) {
      error = e;
    }
    for (const suite of [...eachChain].reverse()) {
      try {
        await runHooks(suite.afterEach);
      } catch (e) {
        error ??= e;
      }
    }
    const message = error === undefined ? undefined : errorText(error);
    if (todo || said.todo) return records.push({ path: here, status: 'todo', message: reason(todo || said.todo), diagnostics, failedAsTodo: error !== undefined ? message : undefined });
    if (error !== undefined) return records.push({ path: here, status: 'fail', message, diagnostics });
    if (said.skip) return records.push({ path: here, status: 'skip', message: reason(said.skip), diagnostics });
    return records.push({ path: here, status: 'pass', diagnostics });
  }
  if (node.options.skip || node.options.todo) {
    return records.push({ path: here, status: node.options.skip ? 'skip' : 'todo', message: reason(node.options.skip || node.options.todo) });
  }
  if (node.children.length === 0 && node.parent !== null) return records.push({ path: here, status: 'pass' });
  const chain = [...eachChain, node];
  // Hooks run only where a test runs: a suite whose tests are all excluded stays untouched.
  if (!anyRuns(node, here, excluded)) {
    for (const child of node.children) await runNode(child, here, excluded, chain, records);
    return undefined;
  }
  try {
    await runHooks(node.before);
  } catch (e) {
    const message = `a before hook failed: ${errorText(e)}`;
    for (const child of node.children) markAll(child, [...here, child.name], 'fail', message, records);
    return undefined;
  }
  for (const child of node.children) await runNode(child, here, excluded, chain, records);
  for (const hook of node.after) {
    try {
      await hook({});
    } catch (e) {
      records.push({ path: [...here, '<after hook>'], status: 'fail', message: errorText(e) });
    }
  }
  return undefined;
}

/**
 * Runs every registered test (`excluded`: JSON arrays of test paths not to run); resolves to
 * the records, in order.
 */
export async function runRegistered({ excluded = [] } = {}) {
  const records = [];
  await runNode(root, [], new Set(excluded), [], records);
  return records;
}

globalThis.__EXTENSOR_RUN = runRegistered;
