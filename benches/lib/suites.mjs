// One "suite" per implementation: for each row id, a case
//   { run(): one op, result(): its output as a Float32Array or number (for the check) }
// or { na: 'why' } when the implementation lacks the operation. `dispose()` frees inputs.
import { GRID, jsAdd, jsExp, jsMatmul, jsSum, jsViewChain } from './data.mjs';

// ---------------------------------------------------------------- ExTensor

/** The benchmark inputs as one library's tensors (`make(data, shape)`), plus the list to free. */
function makeInputs(d, make) {
  const inputs = [];
  const t = (data, shape) => {
    const x = make(data, shape);
    inputs.push(x);
    return x;
  };
  return {
    inputs,
    a: t(d.a, [d.a.length]),
    b: t(d.b, [d.b.length]),
    a4: t(d.a4, [4]),
    b4: t(d.b4, [4]),
    grid: t(d.grid, [GRID, GRID]),
    mats: { 128: [t(d.m128a, [128, 128]), t(d.m128b, [128, 128])], 512: [t(d.m512a, [512, 512]), t(d.m512b, [512, 512])] },
  };
}

export function extensorSuite(ex, d) {
  const P = ex.ExTensor.prototype;
  const has = (name) => typeof P[name] === 'function';
  const missing = (name) => ({ na: `ExTensor has no ${name}() yet` });
  const { inputs, a, b, a4, b4, grid, mats } = makeInputs(d, (data, shape) => ex.tensor(data, { shape }));

  /** Runs op, returns its output's values (Float32Array or a number), frees it. */
  const values = (op, scalar = false) => () => {
    const r = op();
    try {
      return scalar ? r.item() : r.toTypedArray();
    } finally {
      r.free();
    }
  };

  const cases = {};
  cases.add = has('add')
    ? { run: () => a.add(b).free(), result: values(() => a.add(b)) }
    : missing('add');
  cases.sum = has('sum')
    ? { run: () => a.sum().free(), result: values(() => a.sum(), true) }
    : missing('sum');
  cases.exp = has('exp')
    ? { run: () => a.exp().free(), result: values(() => a.exp()) }
    : missing('exp');

  const matmul = typeof ex.matmul === 'function' ? (x, y) => ex.matmul(x, y) : has('matmul') ? (x, y) => x.matmul(y) : null;
  for (const n of [128, 512]) {
    const [x, y] = mats[n];
    cases[`matmul${n}`] = matmul
      ? { run: () => matmul(x, y).free(), result: values(() => matmul(x, y)) }
      : { na: 'ExTensor has no matmul yet' };
  }

  cases.add4 = has('add')
    ? { run: () => { const c = a4.add(b4); c.free(); }, result: values(() => a4.add(b4)) }
    : missing('add');

  // slice -> transpose -> slice: three zero-copy views, each a handle to free.
  cases.view = {
    run: () => {
      const s1 = grid.slice('100:900, ::2');
      const s2 = s1.transpose();
      const s3 = s2.slice('::3');
      s1.free();
      s2.free();
      s3.free();
    },
    result: () => {
      const s1 = grid.slice('100:900, ::2');
      const s2 = s1.transpose();
      const s3 = s2.slice('::3');
      try {
        return s3.toTypedArray();
      } finally {
        s1.free();
        s2.free();
        s3.free();
      }
    },
  };

  return { cases, dispose: () => inputs.forEach((x) => x.free()) };
}

// ---------------------------------------------------------------- TensorFlow.js (wasm backend)
// tfjs-backend-wasm runs every kernel eagerly when the op is called, so timing the op
// call (without dataSync) times the computation.

export function tfjsSuite(tf, d) {
  const { inputs, a, b, a4, b4, grid, mats } = makeInputs(d, (data, shape) => tf.tensor(data, shape, 'float32'));

  const values = (op, scalar = false) => () => {
    const r = op();
    try {
      const v = r.dataSync();
      return scalar ? v[0] : Float32Array.from(v);
    } finally {
      r.dispose();
    }
  };

  const chain = () => {
    const s1 = tf.stridedSlice(grid, [100, 0], [900, GRID], [1, 2]);
    const s2 = tf.transpose(s1);
    const s3 = tf.stridedSlice(s2, [0, 0], [500, 800], [3, 1]);
    return [s1, s2, s3];
  };

  const cases = {
    add: { run: () => tf.add(a, b).dispose(), result: values(() => tf.add(a, b)) },
    sum: { run: () => tf.sum(a).dispose(), result: values(() => tf.sum(a), true) },
    exp: { run: () => tf.exp(a).dispose(), result: values(() => tf.exp(a)) },
    add4: { run: () => { const c = tf.add(a4, b4); c.dispose(); }, result: values(() => tf.add(a4, b4)) },
    view: {
      run: () => chain().forEach((x) => x.dispose()),
      result: () => {
        const [s1, s2, s3] = chain();
        const v = Float32Array.from(s3.dataSync());
        [s1, s2, s3].forEach((x) => x.dispose());
        return v;
      },
    },
  };
  for (const n of [128, 512]) {
    const [x, y] = mats[n];
    cases[`matmul${n}`] = { run: () => tf.matMul(x, y).dispose(), result: values(() => tf.matMul(x, y)) };
  }
  return { cases, dispose: () => inputs.forEach((x) => x.dispose()) };
}

// ---------------------------------------------------------------- plain JS

export function jsSuite(d) {
  const cases = {
    add: { run: () => jsAdd(d.a, d.b), result: () => jsAdd(d.a, d.b) },
    sum: { run: () => jsSum(d.a), result: () => jsSum(d.a) },
    exp: { run: () => jsExp(d.a), result: () => jsExp(d.a) },
    matmul128: { run: () => jsMatmul(d.m128a, d.m128b, 128), result: () => jsMatmul(d.m128a, d.m128b, 128) },
    matmul512: { run: () => jsMatmul(d.m512a, d.m512b, 512), result: () => jsMatmul(d.m512a, d.m512b, 512) },
    add4: { run: () => jsAdd(d.a4, d.b4), result: () => jsAdd(d.a4, d.b4) },
    view: { run: () => jsViewChain(d.grid), result: () => jsViewChain(d.grid) },
  };
  return { cases, dispose: () => {} };
}
