// TensorFlow.js (wasm backend) cases. Environment-agnostic: `tf` is the loaded tfjs-core with
// the wasm backend set. tfjs-backend-wasm runs every kernel eagerly when the op is called,
// so timing the call (then dispose) times the computation; no dataSync() is timed except
// where reading back is the op (toTypedArray ↔ dataSync, toArray ↔ arraySync, item).
// tfjs tensors are immutable and have no strided views: slice, transpose and broadcastTo
// copy, and an ExTensor view input (a.T, a[:, ::2]) is a tfjs op that copies, timed with it.
import { everydayIndices, countData, throwing, toNested } from './extensor.mjs';

const TF_DTYPES = new Set(['float32', 'int32', 'bool']);

/**
 * Imports TensorFlow.js and its wasm backend (bare specifiers: node_modules in Node, the
 * page's import map in Chromium), lets the environment point the backend at its .wasm files
 * (`setPaths(tf, wasm)`), and selects the backend, single-threaded unless `threads` > 1.
 * `loadedFile()` names the .wasm the environment saw loaded.
 *
 * `threads` > 1 (the thread-scaling bench, benches/threads.mjs): `setThreadsCount(threads)`
 * and the threaded SIMD build, which tfjs picks where `WASM_HAS_MULTITHREAD_SUPPORT` holds (a
 * cross-origin isolated page; never Node, where tfjs hard-codes the flag false). A backend
 * that did not come up threaded with that many threads is an error, not a quieter result.
 * @returns {Promise<{ lib, info } | { error }>} a peers loader's result (session.mjs)
 */
export async function startTfjs(setPaths, loadedFile, { threads = 1 } = {}) {
  let tf;
  let wasm;
  try {
    tf = await import('@tensorflow/tfjs-core');
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    return { error: `TensorFlow.js did not load (${e.code ?? e.message}); run npm install` };
  }
  setPaths(tf, wasm);
  if (threads > 1) {
    wasm.setThreadsCount(threads);
  } else {
    // One thread: Node has none anyway, and a cross-origin isolated page (the Chromium
    // runners') would otherwise get the threaded build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  if (!ok || tf.getBackend() !== 'wasm') return { error: `tf.setBackend('wasm') failed (backend: ${tf.getBackend()})` };
  const multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  if (threads > 1 && !(multithread && wasm.getThreadsCount() === threads)) {
    return { error: `tfjs-backend-wasm is not threaded: WASM_HAS_MULTITHREAD_SUPPORT = ${multithread}, getThreadsCount() = ${wasm.getThreadsCount()}, loaded ${loadedFile()}` };
  }
  return {
    lib: tf,
    info: {
      core: tf.version_core,
      wasm: wasm.version_wasm,
      backend: tf.getBackend(),
      file: loadedFile(),
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      multithread,
      threads: wasm.getThreadsCount(),
    },
  };
}

const UNARY = {
  neg: 'neg', abs: 'abs', exp: 'exp', log: 'log', sqrt: 'sqrt', sin: 'sin', cos: 'cos', tanh: 'tanh', sigmoid: 'sigmoid',
  relu: 'relu', square: 'square', floor: 'floor', ceil: 'ceil', round: 'round', log1p: 'log1p', expm1: 'expm1',
  tan: 'tan', asin: 'asin', acos: 'acos', atan: 'atan', sinh: 'sinh', cosh: 'cosh', asinh: 'asinh', acosh: 'acosh',
  atanh: 'atanh', erf: 'erf', sign: 'sign', reciprocal: 'reciprocal',
};
const BINARY = {
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow', maximum: 'maximum', minimum: 'minimum',
  mod: 'mod', floorDiv: 'floorDiv', atan2: 'atan2',
  equal: 'equal', notEqual: 'notEqual', less: 'less', lessEqual: 'lessEqual', greater: 'greater', greaterEqual: 'greaterEqual',
};
const REDUCE = { sum: 'sum', prod: 'prod', mean: 'mean', max: 'max', min: 'min', argMax: 'argMax', argMin: 'argMin' };
/** tfjs names of the getters ExTensor has (tfjs tensors are plain objects with fields). */
const GETTERS = { shape: 'shape', strides: 'strides', dtype: 'dtype', size: 'size', ndim: 'rank' };

export function tfjsCase(tf, row, inp) {
  const owned = [];
  const T = (x, dtype = x.dtype) => {
    const t = tf.tensor(x.data, x.shape, dtype);
    owned.push(t);
    return t;
  };
  const dispose = () => owned.forEach((t) => t.dispose());
  const produces = (op) => ({
    run: () => op().dispose(),
    result: () => {
      const r = op();
      try {
        return r.dataSync().slice();
      } finally {
        r.dispose();
      }
    },
    dispose,
  });
  /** Ops that make several tensors (a copy, then the op): all disposed. */
  const producesAll = (op) => ({
    run: () => op().forEach((t) => t.dispose()),
    result: () => {
      const ts = op();
      const v = ts.at(-1).dataSync().slice();
      ts.forEach((t) => t.dispose());
      return v;
    },
    dispose,
  });
  const { family, op, layout, param, size } = row;
  for (const x of Object.values(row.inputs)) {
    if (!TF_DTYPES.has(x.dtype)) return { na: `tfjs has no ${x.dtype}` };
  }
  if (family === 'copies' && op === 'astype' && !TF_DTYPES.has(param)) return { na: `tfjs has no ${param}` };

  switch (family) {
    case 'creation': {
      const shape = row.out.shape;
      if (op === 'tensor') {
        const a = inp.a;
        if (layout === 'typed') return produces(() => tf.tensor(a.data, a.shape, a.dtype));
        const nested = toNested(a.data, a.shape);
        return produces(() => tf.tensor(nested));
      }
      const make = {
        zeros: () => tf.zeros(shape),
        ones: () => tf.ones(shape),
        full: () => tf.fill(shape, 1.5),
        arange: () => tf.range(0, param, 1, 'float32'),
        linspace: () => tf.linspace(0, 1, param),
        eye: () => tf.eye(param),
        rand: () => tf.randomUniform(shape, 0, 1, 'float32', 7),
        randn: () => tf.randomNormal(shape, 0, 1, 'float32', 7),
      }[op];
      return make ? produces(make) : { na: `tfjs has no ${op}` };
    }

    case 'copies': {
      if (op === 'clone') return { na: 'tf.clone() copies no data (immutable tensors share the buffer): compared with share()' };
      if (op === 'toNpy' || op === 'fromNpy') return { na: 'tfjs has no .npy' };
      const a = T(inp.a);
      switch (op) {
        case 'astype': return produces(() => tf.cast(a, param));
        case 'contiguous':
          if (layout === 'transposed') return produces(() => tf.transpose(a));
          return produces(() => tf.slice(a, [0, 0], [a.shape[0], a.shape[1] / 2]));
        case 'toTypedArray': return { run: () => a.dataSync(), result: () => a.dataSync().slice(), dispose };
        case 'toArray': return { run: () => a.arraySync(), result: () => a.arraySync(), dispose };
        default: return { na: `tfjs has no ${op}` };
      }
    }

    case 'views': {
      const big = size === 'large';
      const a = T(inp.a);
      const [rows, cols] = a.shape;
      switch (op) {
        case 'reshape': return produces(() => tf.reshape(a, big ? [2 * rows, cols / 2] : [rows * cols]));
        case 'slice':
        case 'sliceArray':
          return produces(() => tf.stridedSlice(a, [big ? 100 : 0, 0], [big ? 900 : 1, cols], [1, 2]));
        case 'transpose': return produces(() => tf.transpose(a));
        case 'squeeze': {
          const a1 = tf.expandDims(a, 0);
          owned.push(a1);
          return produces(() => tf.squeeze(a1, [0]));
        }
        case 'unsqueeze': return produces(() => tf.expandDims(a, 0));
        case 'broadcastTo': {
          const r = tf.slice(a, [0, 0], [1, cols]);
          owned.push(r);
          return produces(() => tf.broadcastTo(r, [rows, cols]));
        }
        case 'flatten': return produces(() => tf.reshape(a, [-1]));
        case 'share': return produces(() => tf.clone(a));
        default: return { na: `tfjs has no ${op}` };
      }
    }

    case 'access': {
      const a = T(inp.a);
      if (GETTERS[op]) return { run: () => a[GETTERS[op]], result: () => null, dispose };
      switch (op) {
        case 'item': return { run: () => a.dataSync()[0], result: () => a.dataSync()[0], dispose };
        case 'fill': return produces(() => tf.fill(a.shape, 1.5));
        case 'get': return { na: 'tfjs reads an element only by reading back the whole tensor', dispose };
        case 'set':
        case 'assign': return { na: 'tfjs tensors are immutable', dispose };
        default: return { na: `tfjs has no ${op}`, dispose };
      }
    }

    case 'unary': {
      const name = UNARY[op];
      if (!name || typeof tf[name] !== 'function') return { na: `tfjs has no ${op}` };
      const a = T(inp.a);
      if (layout === 'transposed') return producesAll(() => { const t = tf.transpose(a); return [t, tf[name](t)]; });
      return produces(() => tf[name](a));
    }

    case 'binary':
    case 'compare': {
      const name = BINARY[op];
      if (!name || typeof tf[name] !== 'function') return { na: `tfjs has no ${op}` };
      if (op === 'div' && row.dtype === 'int32') return { na: 'tf.div of int32 floors' };
      const a = T(inp.a);
      if (layout === 'scalar') return produces(() => tf[name](a, param));
      const b = T(inp.b);
      const [rows, cols] = a.shape;
      if (layout === 'transposed') return producesAll(() => { const t = tf.transpose(a); return [t, tf[name](t, b)]; });
      if (layout === 'strided') {
        return producesAll(() => {
          const x = tf.stridedSlice(a, [0, 0], [rows, cols], [1, 2]);
          const y = tf.stridedSlice(b, [0, 0], [rows, cols], [1, 2]);
          return [x, y, tf[name](x, y)];
        });
      }
      return produces(() => tf[name](a, b));
    }

    case 'reduce': {
      const name = REDUCE[op];
      const a = T(inp.a);
      if ((op === 'argMax' || op === 'argMin') && param === undefined) {
        // tf.argMax's default is axis 0, not the flattened tensor: flatten first (reshape is free)
        return producesAll(() => { const f = tf.reshape(a, [-1]); return [f, tf[name](f)]; });
      }
      return produces(() => tf[name](a, param));
    }

    case 'softmax': {
      if (param !== -1 && param !== row.inputs.a.shape.length - 1) return { na: 'tf.softmax: only the last axis' };
      const a = T(inp.a);
      return produces(() => tf.softmax(a, -1));
    }

    case 'matmul': {
      const a = T(inp.a);
      const b = T(inp.b);
      return produces(() => tf.matMul(a, b));
    }

    case 'linalg': {
      if (op !== 'norm') return { na: `tfjs has no linalg.${op}` };
      const a = T(inp.a);
      return produces(() => tf.norm(a));
    }

    case 'everyday': {
      const a = T(inp.a);
      const n = inp.a.shape.at(-1);
      switch (op) {
        case 'sort': return producesAll(() => { const r = tf.topk(tf.neg(a), n); const v = tf.neg(r.values); return [r.values, r.indices, v]; });
        case 'topk': return producesAll(() => { const r = tf.topk(a, param); return [r.indices, r.values]; });
        case 'cumsum': return produces(() => tf.cumsum(a, inp.a.shape.length - 1));
        case 'cumprod': return typeof tf.cumprod === 'function' ? produces(() => tf.cumprod(a, inp.a.shape.length - 1)) : { na: 'tfjs has no cumprod' };
        case 'std': return producesAll(() => { const m = tf.moments(a, -1); return [m.mean, m.variance, tf.sqrt(m.variance)]; });
        case 'isNaN': return produces(() => tf.isNaN(a));
        case 'oneHot': { const idx = T({ data: everydayIndices(n), shape: [n], dtype: 'int32' }); return produces(() => tf.oneHot(idx, n)); }
        case 'bincount': { const x = T({ data: countData(inp.a.data.length, n), shape: [inp.a.data.length], dtype: 'int32' }); return produces(() => tf.bincount(x, [], n)); }
        case 'split': return producesAll(() => tf.split(a, 2, 0));
        case 'tile': return produces(() => tf.tile(a, [2, 1]));
        case 'pad': return produces(() => tf.pad(a, [[1, 1], [1, 1]]));
        case 'einsum': { const b = T(inp.b); return produces(() => tf.einsum('ij,ij->i', a, b)); }
        case 'var': return producesAll(() => { const m = tf.moments(a, -1); return [m.mean, m.variance]; });
        case 'logSumExp': return produces(() => tf.logSumExp(a, -1));
        case 'logSoftmax': return produces(() => tf.logSoftmax(a, -1));
        case 'clip': return produces(() => tf.clipByValue(a, -0.5, 0.5));
        case 'take': { const idx = T({ data: everydayIndices(n), shape: [n], dtype: 'int32' }); return produces(() => tf.gather(a, idx, -1)); }
        default: return { na: `tfjs has no synchronous ${op}` };
      }
    }

    case 'join': {
      if (op === 'where') {
        const cond = T(inp.cond, 'bool');
        const a = T(inp.a);
        if (layout === 'scalar') return produces(() => tf.where(cond, a, param));
        const b = T(inp.b);
        return produces(() => tf.where(cond, a, b));
      }
      const list = [T(inp.a), T(inp.b)];
      return produces(op === 'concat' ? () => tf.concat(list, param) : () => tf.stack(list, param));
    }

    case 'errors': {
      const a = T(inp.a);
      const b = T(inp.b);
      const freed = tf.zeros([4]);
      freed.dispose();
      const call = {
        reshape: () => tf.reshape(a, [5]),
        add: () => tf.add(a, b),
        freed: () => tf.add(freed, a),
      }[op];
      return throwing(call, dispose);
    }

    case 'chain': {
      const grid = T(inp.grid);
      const chain = () => {
        const s1 = tf.stridedSlice(grid, [100, 0], [900, 1000], [1, 2]);
        const s2 = tf.transpose(s1);
        const s3 = tf.stridedSlice(s2, [0, 0], [500, 800], [3, 1]);
        return [s1, s2, s3];
      };
      return producesAll(chain);
    }
    default:
      return { na: 'no tfjs case' };
  }
}
