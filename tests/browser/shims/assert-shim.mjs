// node:assert/strict for the page (tests/page/js-suites-browser.test.mjs bundles the JS suites
// with this in its place): the members the suites use, with Node's strict semantics
// (Object.is for primitives, prototypes and own keys compared, typed arrays byte by byte).
import { inspect, isDeepStrictEqual } from './util-shim.mjs';

export { isDeepStrictEqual };

export class AssertionError extends Error {
  constructor({ message, actual, expected, operator }) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.generatedMessage = false;
  }
}

function fail(message, fallback, actual, expected, operator) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message ?? fallback, actual, expected, operator });
}

const show = (v) => inspect(v, { depth: 4 });

export function ok(value, message) {
  if (!value) fail(message, `The expression evaluated to a falsy value:\n\n  ${show(value)}\n`, value, true, '==');
}

export function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n\n${show(actual)} !== ${show(expected)}\n`, actual, expected, 'strictEqual');
}

export function notEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected, 'notStrictEqual');
}

export function deepEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) {
    fail(message, `Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ ${show(actual)}\n- ${show(expected)}\n`, actual, expected, 'deepStrictEqual');
  }
}

export function notDeepEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected, 'notDeepStrictEqual');
}

export function match(string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) {
    fail(message, `The input did not match the regular expression ${regexp}. Input:\n\n${show(string)}\n`, string, regexp, 'match');
  }
}

export function doesNotMatch(string, regexp, message) {
  if (typeof string !== 'string' || regexp.test(string)) {
    fail(message, `The input was expected to not match the regular expression ${regexp}. Input:\n\n${show(string)}\n`, string, regexp, 'doesNotMatch');
  }
}

/** Node's expected-error check of throws() and rejects(): a RegExp, a class, a validation function or an object of properties. */
function checkError(actual, expected, message, operator) {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (!expected.test(String(actual))) fail(message, `The error message "${actual?.message}" does not match ${expected}`, actual, expected, operator);
    return;
  }
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      fail(message, `The error is expected to be an instance of "${expected.name}". Received ${show(actual)}`, actual, expected, operator);
    }
    if (expected.call({}, actual) !== true) {
      fail(message, `The ${operator === 'rejects' ? '"promiseFn"' : '"fn"'} validation function is expected to return "true". Received ${show(actual)}`, actual, expected, operator);
    }
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    for (const key of Reflect.ownKeys(expected)) {
      const want = expected[key];
      const got = actual?.[key];
      const same = want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeepStrictEqual(got, want);
      if (!same) fail(message, `Expected values to be strictly deep-equal at "${String(key)}":\n+ ${show(got)}\n- ${show(want)}`, actual, expected, operator);
    }
    return;
  }
  throw new TypeError(`assert.${operator}: unsupported "expected" ${show(expected)}`);
}

const NOTHING = Symbol('nothing thrown');

export function throws(fn, expected, message) {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  let caught = NOTHING;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (caught === NOTHING) fail(message, 'Missing expected exception.', undefined, expected, 'throws');
  checkError(caught, expected, message, 'throws');
}

export function doesNotThrow(fn, message) {
  try {
    fn();
  } catch (e) {
    fail(typeof message === 'string' ? message : undefined, `Got unwanted exception.\nActual message: "${e?.message}"`, e, undefined, 'doesNotThrow');
  }
}

export async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  let caught = NOTHING;
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    caught = e;
  }
  if (caught === NOTHING) fail(message, 'Missing expected rejection.', undefined, expected, 'rejects');
  checkError(caught, expected, message, 'rejects');
}

export async function doesNotReject(promiseOrFn, message) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    fail(typeof message === 'string' ? message : undefined, `Got unwanted rejection.\nActual message: "${e?.message}"`, e, undefined, 'doesNotReject');
  }
}

function assert(value, message) {
  ok(value, message);
}

const failAssert = (message = 'Failed') => fail(message, 'Failed', undefined, undefined, 'fail');

Object.assign(assert, {
  AssertionError, ok, equal, notEqual, deepEqual, notDeepEqual, match, doesNotMatch, throws, doesNotThrow, rejects, doesNotReject,
  fail: failAssert,
  strictEqual: equal, notStrictEqual: notEqual, deepStrictEqual: deepEqual, notDeepStrictEqual: notDeepEqual,
});
assert.strict = assert;

export { failAssert as fail, equal as strictEqual, notEqual as notStrictEqual, deepEqual as deepStrictEqual, notDeepEqual as notDeepStrictEqual };
export { assert as strict };
export default assert;
