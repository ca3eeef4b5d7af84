// scijs `ndarray` (pure-JS strided views) + `ndarray-ops` (generated loops) cases.
// Environment-agnostic: `nd` is { ndarray, ops }, the two packages' exports.
// ndarray-ops writes into an output array the caller passes: every case here allocates a
// fresh output ndarray per call, as ExTensor makes a new tensor per op (and frees it).

const UNARY = {
  neg: 'neg', abs: 'abs', exp: 'exp', log: 'log', sqrt: 'sqrt', sin: 'sin', cos: 'cos', floor: 'floor', ceil: 'ceil',
  round: 'round', tan: 'tan', asin: 'asin', acos: 'acos', atan: 'atan', reciprocal: 'recip',
};
const BINARY = {
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow', maximum: 'max', minimum: 'min', atan2: 'atan2',
  equal: 'eq', notEqual: 'neq', less: 'lt', lessEqual: 'leq', greater: 'gt', greaterEqual: 'geq',
};
const GETTERS = { shape: 'shape', strides: 'stride', offset: 'offset', dtype: 'dtype', ndim: 'dimension', size: 'size' };
const TYPES = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array, bool: Uint8Array };

export function ndarrayCase({ ndarray, ops }, row, inp) {
  const { family, op, layout, size, param } = row;
  const wrap = (x) => ndarray(x.data.slice(), x.shape);
  const fresh = (shape, dtype = row.out.dtype) => ndarray(new TYPES[dtype](shape.reduce((a, b) => a * b, 1)), shape);
  /** A view's elements in C order (for the check). */
  const flat = (v) => {
    const out = fresh(v.shape, row.dtype);
    ops.assign(out, v);
    return out.data;
  };
  const same = (f) => ({ run: f, result: f, dispose() {} });
  const view = (f) => ({ run: f, result: () => flat(f()), dispose() {} });

  switch (family) {
    case 'copies': {
      const a = wrap(inp.a);
      const [rows, cols] = a.shape;
      if (op === 'clone') return view(() => { const o = fresh(a.shape); ops.assign(o, a); return o; });
      if (op === 'contiguous') {
        const v = layout === 'transposed' ? a.transpose(1, 0) : a.hi(rows, cols / 2);
        return view(() => { const o = fresh(v.shape); ops.assign(o, v); return o; });
      }
      return { na: `ndarray has no ${op}` };
    }

    case 'views': {
      const a = wrap(inp.a);
      const [rows, cols] = a.shape;
      const big = size === 'large';
      switch (op) {
        case 'reshape': return view(() => ndarray(a.data, big ? [2 * rows, cols / 2] : [rows * cols]));
        case 'slice':
        case 'sliceArray':
          return view(() => a.hi(big ? 900 : 1, cols).lo(big ? 100 : 0, 0).step(1, 2));
        case 'transpose': return view(() => a.transpose(1, 0));
        case 'squeeze': {
          const a1 = ndarray(a.data, [1, rows, cols]);
          return view(() => a1.pick(0, null, null));
        }
        case 'unsqueeze': return view(() => ndarray(a.data, [1, rows, cols], [0, a.stride[0], a.stride[1]], a.offset));
        case 'broadcastTo': {
          const r = a.hi(1, cols);
          return view(() => ndarray(r.data, [rows, cols], [0, r.stride[1]], r.offset));
        }
        case 'flatten': return view(() => ndarray(a.data, [a.size]));
        default: return { na: `ndarray has no ${op} (views are garbage-collected objects)` };
      }
    }

    case 'access': {
      const a = wrap(inp.a);
      if (GETTERS[op]) return same(() => a[GETTERS[op]]);
      const at = size === 'large' ? [500, 500] : [1, 1];
      switch (op) {
        case 'get': return same(() => a.get(...at));
        case 'set': return { run: () => a.set(...at, 0.5), result: () => { a.set(...at, 0.25); return a.get(...at); }, dispose() {} };
        case 'item': return same(() => a.get(0));
        case 'fill': return { run: () => ops.assigns(a, 1.5), result: () => { ops.assigns(a, 1.5); return a.data.slice(); }, dispose() {} };
        case 'assign': {
          let b = wrap(inp.b);
          if (b.dimension < a.dimension) b = ndarray(b.data, a.shape, [0, b.stride[0]], b.offset);
          return { run: () => ops.assign(a, b), result: () => { ops.assign(a, b); return a.data.slice(); }, dispose() {} };
        }
        default: return { na: `ndarray has no ${op}` };
      }
    }

    case 'unary': {
      const name = UNARY[op];
      if (!name || layout !== 'default') return { na: `ndarray-ops has no ${op}` };
      const a = wrap(inp.a);
      return view(() => { const o = fresh(a.shape); ops[name](o, a); return o; });
    }

    case 'binary':
    case 'compare': {
      const name = BINARY[op];
      if (!name) return { na: `ndarray-ops has no ${op}` };
      const a = wrap(inp.a);
      if (layout === 'scalar') return view(() => { const o = fresh(a.shape); ops[`${name}s`](o, a, param); return o; });
      if (layout !== 'default') return { na: 'ndarray-ops does not broadcast' };
      const b = wrap(inp.b);
      return view(() => { const o = fresh(a.shape); ops[name](o, a, b); return o; });
    }

    case 'reduce': {
      const a = wrap(inp.a);
      if (param !== undefined) return { na: 'ndarray-ops reduces over all axes only' };
      const f = {
        sum: () => ops.sum(a), prod: () => ops.prod(a), mean: () => ops.sum(a) / a.size, max: () => ops.sup(a),
        min: () => ops.inf(a), argMax: () => ops.argmax(a)[0], argMin: () => ops.argmin(a)[0],
      }[op];
      return same(f);
    }

    case 'chain': {
      const g = wrap(inp.grid);
      return view(() => g.hi(900, 1000).lo(100, 0).step(1, 2).transpose(1, 0).step(3, 1));
    }

    default:
      return { na: 'not measured with ndarray' };
  }
}
