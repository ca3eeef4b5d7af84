// onnxruntime-web cases: one-node ONNX models (hand-encoded by ../onnx.mjs) run by the wasm
// execution provider. Environment-agnostic: `ort` is the loaded module, its env already set
// (one thread, no proxy worker). Async: session.run() returns a promise. Each run copies
// its inputs into ORT's wasm memory and its output out again: that is the API (CPU tensors
// live on the JS heap), and it is part of the time.
import { onnxModel } from '../onnx.mjs';

const UNARY = {
  neg: 'Neg', abs: 'Abs', exp: 'Exp', log: 'Log', sqrt: 'Sqrt', sin: 'Sin', cos: 'Cos', tanh: 'Tanh', sigmoid: 'Sigmoid',
  relu: 'Relu', square: 'Mul', floor: 'Floor', ceil: 'Ceil', round: 'Round', tan: 'Tan', asin: 'Asin', acos: 'Acos',
  atan: 'Atan', sinh: 'Sinh', cosh: 'Cosh', asinh: 'Asinh', acosh: 'Acosh', atanh: 'Atanh', erf: 'Erf', sign: 'Sign',
  reciprocal: 'Reciprocal',
};
const BINARY = {
  add: 'Add', sub: 'Sub', mul: 'Mul', div: 'Div', pow: 'Pow', maximum: 'Max', minimum: 'Min',
  equal: 'Equal', less: 'Less', lessEqual: 'LessOrEqual', greater: 'Greater', greaterEqual: 'GreaterOrEqual',
};

/**
 * Imports onnxruntime-web (node_modules in Node, the page's import map in Chromium) and sets
 * its wasm execution provider as the bench runs it: one thread (no worker pool), no proxy
 * worker, errors only; `configure(ort)` adds the environment's settings. Sessions load the
 * wasm on first use.
 * @returns {Promise<{ lib, info } | { error }>} a peers loader's result (session.mjs)
 */
export async function startOrt(configure = () => {}) {
  let ort;
  try {
    ort = await import('onnxruntime-web');
  } catch (e) {
    return { error: `onnxruntime-web did not load (${e.code ?? e.message}); run npm install` };
  }
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  configure(ort);
  return {
    lib: ort,
    info: {
      version: ort.env.versions?.web ?? 'unknown',
      threads: ort.env.wasm.numThreads,
      file: 'ort-wasm-simd-threaded.wasm (the only wasm build 1.30 ships; SIMD128)',
    },
  };
}

/** The model for a row: { op, inputs: [{ name, dtype, shape, feed }], out, attrs } or { na }. */
function plan(row, inp) {
  const { family, op, layout, param, dtype } = row;
  const input = (name, x, d = x.dtype) => ({ name, dtype: d, shape: x.shape, data: x.data });
  const scalar = (name, v, d) => ({ name, dtype: d, shape: [], data: d === 'float64' ? Float64Array.of(v) : d === 'int32' ? Int32Array.of(v) : d === 'uint8' ? Uint8Array.of(v) : Float32Array.of(v) });
  const out = { name: 'z', dtype: row.out.dtype, shape: row.out.shape };
  switch (family) {
    case 'unary': {
      if (layout === 'transposed') return { na: 'a transposed input is a second node (Transpose)' };
      const o = UNARY[op];
      if (!o) return { na: `ONNX has no ${op}` };
      const x = input('x', inp.a);
      return { op: o, inputs: op === 'square' ? [x, { ...x, name: 'x', dup: true }] : [x], out };
    }
    case 'binary':
    case 'compare': {
      if (layout === 'transposed' || layout === 'strided') return { na: 'a strided input is another node (Transpose/Slice)' };
      const o = BINARY[op];
      if (!o) return { na: `ONNX has no ${op} (as NumPy defines it)` };
      const a = input('a', inp.a);
      const b = layout === 'scalar' ? scalar('b', param, dtype) : input('b', inp.b);
      return { op: o, inputs: [a, b], out };
    }
    case 'softmax':
      return { op: 'Softmax', inputs: [input('x', inp.a)], out, attrs: { axis: param } };
    case 'matmul':
      return { op: 'MatMul', inputs: [input('a', inp.a), input('b', inp.b)], out };
    case 'join': {
      if (op === 'where') {
        const b = layout === 'scalar' ? scalar('b', param, dtype) : input('b', inp.b);
        return { op: 'Where', inputs: [input('c', inp.cond, 'bool'), input('a', inp.a), b], out };
      }
      if (op === 'concat') return { op: 'Concat', inputs: [input('a', inp.a), input('b', inp.b)], out, attrs: { axis: param } };
      return { na: 'stack is Unsqueeze + Concat in ONNX' };
    }
    default:
      return { na: 'not measured with onnxruntime' };
  }
}

export async function ortCase(ort, row, inp) {
  const p = plan(row, inp);
  if (p.na) return p;
  // The node's inputs may repeat a graph input (square is Mul(x, x)); the graph lists it once.
  const graphInputs = p.inputs.filter((i) => !i.dup);
  const model = onnxModel({
    inputs: graphInputs,
    outputs: [p.out],
    nodes: [{ op: p.op, inputs: p.inputs.map((i) => i.name), outputs: [p.out.name], attrs: p.attrs }],
  });
  let session;
  try {
    session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  } catch (e) {
    return { na: `onnxruntime: ${String(e.message ?? e).split('\n')[0].slice(0, 120)}` };
  }
  const feeds = Object.fromEntries(graphInputs.map((i) => [i.name, new ort.Tensor(i.dtype, i.data, i.shape)]));
  const run = async () => (await session.run(feeds)).z;
  try {
    await run();
  } catch (e) {
    await session.release();
    return { na: `onnxruntime: ${String(e.message ?? e).split('\n')[0].slice(0, 120)}` };
  }
  return {
    async: true,
    run,
    result: async () => (await run()).data,
    dispose: () => session.release(),
  };
}
