// ExTensorError: stable codes, messages naming the op and the values, nothing trapping.
import assert from 'node:assert/strict';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

test('ExTensorError is an Error subclass with a stable code and a useful message', () => {
  ex.tidy(() => {
    const e = throwsCode(() => ex.zeros([2, 3]).reshape([4, 2]), 'SHAPE_MISMATCH');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'ExTensorError');
    assert.equal(e.message, 'reshape: cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)');
    assert.deepEqual([...ex.ERROR_CODES].sort(), ['DTYPE', 'FREED', 'INDEX_OUT_OF_BOUNDS', 'INVALID_ARGUMENT', 'INVALID_SHAPE', 'OUT_OF_MEMORY', 'READ_ONLY', 'SHAPE_MISMATCH']);
  });
});

test('bad shapes are INVALID_SHAPE: negative, fractional, NaN, Infinity, non-numbers, huge', () => {
  for (const shape of [[-1], [1.5], [NaN], [Infinity], ['2'], [2 ** 31, 2 ** 31], [2 ** 53, 2 ** 53], 'x', {}]) {
    throwsCode(() => ex.zeros(shape), 'INVALID_SHAPE');
  }
  ex.tidy(() => throwsCode(() => ex.tensor([1]).reshape([-1, -1]), 'INVALID_SHAPE'));
});

test('tensors larger than wasm memory can hold are OUT_OF_MEMORY, and the instance keeps working', () => {
  throwsCode(() => ex.zeros([2 ** 30], 'float64'), 'OUT_OF_MEMORY');
  throwsCode(() => ex.zeros([2 ** 29, 3], 'float32'), 'OUT_OF_MEMORY');
  ex.tidy(() => assert.equal(ex.ones([4]).sum().item(), 4));
});

test('unknown dtypes are DTYPE errors', () => {
  throwsCode(() => ex.zeros([2], 'float'), 'DTYPE', /float/);
  ex.tidy(() => throwsCode(() => ex.zeros([2]).astype('complex64'), 'DTYPE'));
});

test('bad axes are INVALID_ARGUMENT', () => {
  ex.tidy(() => {
    const t = ex.zeros([2, 3]);
    throwsCode(() => t.transpose([0, 0]), 'INVALID_ARGUMENT');
    throwsCode(() => t.transpose([0]), 'INVALID_ARGUMENT');
    throwsCode(() => t.unsqueeze(5), 'INVALID_ARGUMENT');
    throwsCode(() => t.unsqueeze('0'), 'INVALID_ARGUMENT');
    throwsCode(() => t.squeeze(0), 'INVALID_ARGUMENT');
    throwsCode(() => t.sum(2), 'INVALID_ARGUMENT');
    throwsCode(() => t.sum(0.5), 'INVALID_ARGUMENT');
  });
});

test('wrong argument types never reach the glue as TypeErrors', () => {
  ex.tidy(() => {
    const t = ex.zeros([2]);
    throwsCode(() => t.assign([1, 2]), 'INVALID_ARGUMENT');
    throwsCode(() => t.sharesMemory({}), 'INVALID_ARGUMENT');
    throwsCode(() => t.fill('1'), 'INVALID_ARGUMENT');
    throwsCode(() => t.set({}, 0), 'INVALID_ARGUMENT');
    throwsCode(() => t.get(1n), 'INDEX_OUT_OF_BOUNDS');
    throwsCode(() => t.reshape([2n]), 'INVALID_SHAPE');
    throwsCode(() => t.slice(5n), 'INVALID_ARGUMENT');
    throwsCode(() => ex.full([2], 'x'), 'INVALID_ARGUMENT');
    throwsCode(() => ex.arange('a', 'b'), 'INVALID_ARGUMENT');
    throwsCode(() => ex.tidy(5), 'INVALID_ARGUMENT');
    assert.throws(() => new ex.ExTensor(), (e) => e.code === 'INVALID_ARGUMENT');
  });
});

// One source for each fact: the JS constants mirror the Rust core's, held equal here.
const { glue } = await import('./helpers.mjs');

test('ERROR_CODES, MAX_NDIM and VERSION equal the Rust core\'s (ERROR_CODES adds FREED, which only JS raises)', () => {
  assert.deepEqual([...ex.ERROR_CODES].filter((c) => c !== 'FREED'), glue.errorCodes());
  assert.ok(ex.ERROR_CODES.includes('FREED'));
  assert.equal(ex.MAX_NDIM, glue.maxNdim());
  assert.equal(ex.VERSION, glue.crateVersion());
});

test('every op the core names is an ExTensor method, and the core names every op method', () => {
  const core = [...glue.binaryOpNames(), ...glue.compareOpNames(), ...glue.unaryOpNames(), ...glue.reduceOpNames()];
  for (const op of core) assert.equal(typeof ex.ExTensor.prototype[op], 'function', op);
  ex.tidy(() => {
    const t = ex.tensor([[1, 2], [3, 4]]);
    // Each op method reaches the core by its name (a method whose name the core lacks throws).
    for (const op of core) assert.ok(t[op](...(glue.unaryOpNames().includes(op) || glue.reduceOpNames().includes(op) ? [] : [t])) instanceof ex.ExTensor, op);
  });
});
