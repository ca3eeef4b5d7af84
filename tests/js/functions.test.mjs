// The function forms of the elementwise ops (`ex.add(a, b)`, `ex.sub(1, p)`, `ex.exp(t)`),
// over every op the core names and every dtype: each form must give what the method gives
// (values, dtype, error code), and the scalar-first form what a 0-d tensor of NEP 50's dtype
// gives on the left. The op names come from the core (the glue's lists), their one source.
import assert from 'node:assert/strict';
import test from 'node:test';
import { glue } from './helpers.mjs';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

checkMemoryReturnsToZero();

const BINARY = glue.binaryOpNames();
const COMPARE = glue.compareOpNames();
const LOGICAL = glue.logicalOpNames();
const UNARY = [...glue.unaryOpNames(), ...glue.predicateOpNames()];
const MIRROR = { less: 'greater', lessEqual: 'greaterEqual', greater: 'less', greaterEqual: 'lessEqual', equal: 'equal', notEqual: 'notEqual' };
const DTYPES = ex.DTYPES.filter((d) => d !== 'bfloat16');

/** A tensor's outcome: its dtype, shape and values, or the error code; freed. */
function outcome(fn) {
  let t;
  try {
    t = fn();
  } catch (e) {
    assert.ok(e instanceof ex.ExTensorError, `not an ExTensorError: ${e}`);
    return { error: e.code };
  }
  try {
    return { dtype: t.dtype, shape: t.shape, values: t.toArray() };
  } finally {
    t.free();
  }
}

function sample(dtype) {
  const values = dtype === 'bool' ? [[true, false], [true, true]] : [[3, 0], [1, 2]];
  return ex.tensor(values, { dtype });
}

test('every elementwise op of the core is an ex function and an ExTensor method', () => {
  for (const op of [...BINARY, ...COMPARE, ...LOGICAL, ...UNARY]) {
    assert.equal(typeof ex[op], 'function', `ex.${op}`);
    assert.equal(typeof ex.ExTensor.prototype[op], 'function', `ExTensor#${op}`);
  }
});

test('ex.<binary>(tensor, x) is the method, for every op, dtype and operand kind', () => {
  for (const op of [...BINARY, ...COMPARE, ...LOGICAL]) {
    for (const dtype of DTYPES) {
      const t = sample(dtype);
      const u = ex.tensor([2, 1], { dtype: 'int16' });
      try {
        for (const other of [u, 2, 0.5, true]) {
          assert.deepEqual(outcome(() => ex[op](t, other)), outcome(() => t[op](other)), `${op} ${dtype} with ${other}`);
        }
      } finally {
        t.free();
        u.free();
      }
    }
  }
});

test('ex.<binary>(scalar, tensor) is the scalar as a 0-d tensor of NEP 50 dtype on the left', () => {
  for (const op of [...BINARY, ...COMPARE, ...LOGICAL]) {
    for (const dtype of DTYPES) {
      for (const s of [2, 0.5, 300]) {
        const t = sample(dtype);
        try {
          const got = outcome(() => ex[op](s, t));
          if (COMPARE.includes(op) || LOGICAL.includes(op)) {
            // Comparisons mirror; the logical ops are symmetric and take any scalar's truth.
            assert.deepEqual(got, outcome(() => t[MIRROR[op] ?? op](s)), `${op}(${s}, ${dtype})`);
            continue;
          }
          // The dtype the scalar takes beside t: that of t <op> s, or the error it gives.
          const weak = outcome(() => t.add(s));
          if (weak.error) {
            assert.equal(got.error, weak.error, `${op}(${s}, ${dtype}) refuses what t.add(${s}) refuses`);
            continue;
          }
          const left = ex.full([], s, weak.dtype);
          try {
            assert.deepEqual(got, outcome(() => left[op](t)), `${op}(${s}, ${dtype})`);
          } finally {
            left.free();
          }
        } finally {
          t.free();
        }
      }
    }
  }
});

test('two scalars act as Python scalars: int64 for integers, float64 otherwise', () => {
  assert.deepEqual(outcome(() => ex.add(1, 2)), { dtype: 'int64', shape: [], values: 3n });
  assert.deepEqual(outcome(() => ex.sub(1, 2.5)), { dtype: 'float64', shape: [], values: -1.5 });
  assert.deepEqual(outcome(() => ex.less(1, 2)), { dtype: 'bool', shape: [], values: true });
  assert.deepEqual(outcome(() => ex.exp(0)), { dtype: 'float64', shape: [], values: 1 });
  assert.deepEqual(outcome(() => ex.logicalNot(true)), { dtype: 'bool', shape: [], values: false });
  assert.equal(outcome(() => ex.add(2 ** 60, 1)).error, 'INVALID_ARGUMENT');
});

test('ex.<unary>(tensor) is the method for every op and dtype', () => {
  for (const op of UNARY) {
    for (const dtype of DTYPES) {
      const t = sample(dtype);
      try {
        assert.deepEqual(outcome(() => ex[op](t)), outcome(() => t[op]()), `${op} ${dtype}`);
      } finally {
        t.free();
      }
    }
  }
});

test('the function forms refuse what is neither a tensor nor a scalar, without coercing it', () => {
  const t = ex.ones([2]);
  const hostile = { valueOf() { throw new Error('coerced'); }, toString() { throw new Error('coerced'); } };
  try {
    for (const op of [...BINARY, ...COMPARE, ...LOGICAL]) {
      for (const args of [[hostile, t], [t, hostile], [hostile, 1], [1, hostile], ['1', t], [null, t]]) {
        assert.equal(outcome(() => ex[op](...args)).error, 'INVALID_ARGUMENT', `${op}`);
      }
    }
    for (const op of UNARY) {
      for (const x of [hostile, '1', null, undefined, [1]]) {
        assert.equal(outcome(() => ex[op](x)).error, 'INVALID_ARGUMENT', `${op}`);
      }
    }
  } finally {
    t.free();
  }
});

test('clip is np.clip: NEP 50 dtypes, bounds beyond an integer dtype dropped, NaN kept', () => {
  const i = ex.tensor([1, 5, 9], { dtype: 'int32' });
  const b = ex.tensor([1, 5, -9], { dtype: 'int8' });
  const f = ex.tensor([1, 5, NaN], { dtype: 'float64' });
  try {
    assert.deepEqual(outcome(() => i.clip(0, 2.5)), { dtype: 'float64', shape: [3], values: [1, 2.5, 2.5] });
    assert.deepEqual(outcome(() => b.clip(-1000, 2)), { dtype: 'int8', shape: [3], values: [1, 2, -9] });
    assert.equal(outcome(() => b.clip(-1000, -500)).error, 'INVALID_ARGUMENT');
    assert.deepEqual(outcome(() => ex.clip(f, 4, 2)).values, [2, 2, NaN]);
    assert.deepEqual(outcome(() => f.clip()).values, [1, 5, NaN]);
    assert.deepEqual(outcome(() => f.clip(null, 2)).values, [1, 2, NaN]);
  } finally {
    i.free();
    b.free();
    f.free();
  }
});
