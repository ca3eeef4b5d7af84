// ExTensor's case for every row of the matrix. Environment-agnostic: `ex` is the loaded
// module (`import * as ex from 'extensor'` in Node, the browser entry in a page).
//
// A case is { run(), result(), dispose() } — run() is the timed call (it frees what it
// makes, so a row's time includes `free()`), result() gives the output for the cross-check
// — or { na: 'why' } when the library lacks it, or { skip: 'why' } when this build does not
// have the op at all (the row is left out of the report).

const GRID_SPEC = ['100:900, ::2', '::3'];

/** The ops of the everyday family that are `ex` functions, not methods. */
const EX_FUNCTIONS = new Set(['isclose', 'allclose', 'oneHot', 'nonzero', 'bincount', 'split', 'einsum']);

/** takeAlongAxis's indices for a [rows, n] tensor: row r takes (j·7919 + r) mod n. */
export function alongIndices([rows, n]) {
  return Int32Array.from({ length: rows * n }, (_, i) => ((i % n) * 7919 + Math.floor(i / n)) % n);
}

/** bincount's input: `count` values in 0..n-1. */
export function countData(count, n) {
  return Int32Array.from({ length: count }, (_, i) => (i * 7919) % n);
}

/** The indices the `take` rows gather along the last axis (every peer takes the same). */
export function everydayIndices(n) {
  return Int32Array.from({ length: n }, (_, i) => (i * 7919) % n);
}

export function extensorCase(ex, row, inp) {
  const P = ex.ExTensor.prototype;
  const owned = [];
  const T = (x, dtype = x.dtype) => {
    const t = ex.tensor(x.data, { shape: x.shape, dtype });
    owned.push(t);
    return t;
  };
  const keep = (t) => {
    owned.push(t);
    return t;
  };
  const dispose = () => {
    for (const t of owned.reverse()) t.free();
  };
  /** A case whose op returns a new tensor (or view): run() frees it. */
  const produces = (op) => ({
    run: () => op().free(),
    result: () => {
      const r = op();
      try {
        return r.toTypedArray();
      } finally {
        r.free();
      }
    },
    dispose,
  });
  const { family, op, size, layout, param } = row;
  // (read the prototype's own descriptor: touching a getter on the prototype would throw)
  if (['unary', 'binary', 'compare', 'reduce'].includes(family) && typeof Object.getOwnPropertyDescriptor(P, op)?.value !== 'function') {
    return { skip: `ExTensor has no ${op}() in this build` };
  }

  switch (family) {
    case 'creation': {
      const shape = row.out.shape;
      if (op === 'tensor') {
        const a = inp.a;
        if (layout === 'typed') return produces(() => ex.tensor(a.data, { shape: a.shape }));
        const nested = toNested(a.data, a.shape);
        return produces(() => ex.tensor(nested));
      }
      const make = {
        zeros: () => ex.zeros(shape),
        ones: () => ex.ones(shape),
        full: () => ex.full(shape, 1.5),
        empty: () => ex.empty(shape),
        arange: () => ex.arange(0, param, 1, 'float32'),
        linspace: () => ex.linspace(0, 1, param),
        eye: () => ex.eye(param),
        rand: () => ex.rand(shape, { seed: 7 }),
        randn: () => ex.randn(shape, { seed: 7 }),
      }[op];
      return produces(make);
    }

    case 'copies': {
      if (op === 'fromNpy') {
        const bytes = inp.npy.bytes;
        return produces(() => ex.fromNpy(bytes));
      }
      const a = T(inp.a);
      if (op === 'clone') return produces(() => a.clone());
      if (op === 'astype') return produces(() => a.astype(param));
      if (op === 'contiguous') {
        const v = keep(layout === 'blocks' ? a.slice(`:, 0:${a.shape[1] / 2}`) : a.transpose());
        return produces(() => v.contiguous());
      }
      if (op === 'toTypedArray') return { run: () => a.toTypedArray(), result: () => a.toTypedArray(), dispose };
      if (op === 'toArray') return { run: () => a.toArray(), result: () => a.toArray(), dispose };
      if (op === 'toNpy') {
        const n = a.nbytes;
        return { run: () => a.toNpy(), result: () => npyPayload(a.toNpy(), n, a.dtype), dispose };
      }
      break;
    }

    case 'views': {
      const big = size === 'large';
      const a = T(inp.a);
      const [rows, cols] = a.shape;
      switch (op) {
        case 'reshape': return produces(() => a.reshape(big ? [2 * rows, cols / 2] : [rows * cols]));
        case 'slice': return produces(() => a.slice(big ? '100:900, ::2' : '0:1, ::2'));
        case 'sliceArray': return produces(() => a.slice(big ? [[100, 900], [0, null, 2]] : [[0, 1], [0, null, 2]]));
        case 'transpose': return produces(() => a.transpose());
        case 'squeeze': {
          const a1 = keep(a.unsqueeze(0));
          return produces(() => a1.squeeze(0));
        }
        case 'unsqueeze': return produces(() => a.unsqueeze(0));
        case 'broadcastTo': {
          const r = keep(a.slice('0:1, :'));
          return produces(() => r.broadcastTo([rows, cols]));
        }
        case 'flatten': return produces(() => a.flatten());
        case 'share': return produces(() => a.share());
        default: break;
      }
      break;
    }

    case 'access': {
      const a = T(inp.a);
      const at = size === 'large' ? [500, 500] : [1, 1];
      switch (op) {
        case 'get': return { run: () => a.get(...at), result: () => a.get(...at), dispose };
        case 'set': return {
          run: () => a.set(0.5, ...at),
          result: () => { a.set(0.25, ...at); return a.get(...at); },
          dispose,
        };
        case 'item': return { run: () => a.item(), result: () => a.item(), dispose };
        case 'fill': return { run: () => a.fill(1.5), result: () => a.fill(1.5).toTypedArray(), dispose };
        case 'assign': {
          const b = T(inp.b);
          return { run: () => a.assign(b), result: () => a.assign(b).toTypedArray(), dispose };
        }
        default: // metadata getters
          return { run: () => a[op], result: () => null, dispose };
      }
    }

    case 'unary': {
      const a = T(inp.a);
      const x = layout === 'transposed' ? keep(a.transpose()) : a;
      return produces(() => x[op]());
    }

    case 'binary':
    case 'compare': {
      const a = T(inp.a);
      let x = a;
      let y = layout === 'scalar' ? param : T(inp.b);
      if (layout === 'transposed') x = keep(a.transpose());
      if (layout === 'strided') {
        x = keep(a.slice(':, ::2'));
        y = keep(y.slice(':, ::2'));
      }
      return produces(() => x[op](y));
    }

    case 'reduce': {
      const a = T(inp.a);
      return produces(() => a[op](param));
    }

    case 'softmax': {
      const a = T(inp.a);
      return produces(() => a.softmax(param));
    }

    case 'matmul': {
      const a = T(inp.a);
      const b = T(inp.b);
      return produces(() => ex.matmul(a, b));
    }

    case 'everyday': {
      const method = { maskIndex: 'index', logicalAnd: 'logicalAnd' }[op] ?? (EX_FUNCTIONS.has(op) ? null : op);
      if (method === null && typeof ex[op] !== 'function') return { skip: `ex has no ${op}() in this build` };
      if (method !== null && typeof Object.getOwnPropertyDescriptor(P, method)?.value !== 'function') {
        return { skip: `ExTensor has no ${op}() in this build` };
      }
      const a = T(inp.a);
      const n = inp.a.shape.at(-1);
      switch (op) {
        case 'topk': {
          const both = () => a.topk(param);
          return {
            run: () => { const r = both(); r.values.free(); r.indices.free(); },
            result: () => { const r = both(); try { return r.values.toTypedArray(); } finally { r.values.free(); r.indices.free(); } },
            dispose,
          };
        }
        case 'clip': return produces(() => a.clip(-0.5, 0.5));
        case 'isclose': { const b = T(inp.b); return produces(() => ex.isclose(a, b)); }
        case 'allclose': { const b = T(inp.b); return { run: () => ex.allclose(a, b), result: () => Uint8Array.of(ex.allclose(a, b) ? 1 : 0), dispose }; }
        case 'logicalAnd': { const b = T(inp.b); return produces(() => a.logicalAnd(b)); }
        case 'indexSet': {
          const m = keep(a.greater(0));
          return { run: () => { a.indexSet(m, 0); }, result: () => a.indexSet(m, 0).toTypedArray(), dispose };
        }
        case 'takeAlongAxis': { const idx = keep(ex.tensor(alongIndices(inp.a.shape), { shape: inp.a.shape, dtype: 'int32' })); return produces(() => a.takeAlongAxis(idx, -1)); }
        case 'oneHot': { const idx = keep(ex.tensor(everydayIndices(n), { dtype: 'int32' })); return produces(() => ex.oneHot(idx, n)); }
        case 'nonzero': return { run: () => ex.nonzero(a).forEach((t) => t.free()), result: () => { const [r, c] = ex.nonzero(a); try { return r.toTypedArray(); } finally { r.free(); c.free(); } }, dispose };
        case 'bincount': { const x = keep(ex.tensor(countData(inp.a.data.length, n), { dtype: 'int32' })); return produces(() => ex.bincount(x)); }
        case 'split': return { run: () => ex.split(a, 2, 0).forEach((t) => t.free()), result: () => { const parts = ex.split(a, 2, 0); try { return parts[1].toTypedArray(); } finally { parts.forEach((t) => t.free()); } }, dispose };
        case 'tile': return produces(() => a.tile([2, 1]));
        case 'repeat': return produces(() => a.repeat(2, 0));
        case 'pad': return produces(() => a.pad(1));
        case 'einsum': { const b = T(inp.b); return produces(() => ex.einsum('ij,ij->i', a, b)); }
        case 'maskIndex': { const m = keep(a.greater(0)); return produces(() => a.index(m)); }
        case 'take': { const idx = keep(ex.tensor(everydayIndices(n), { dtype: 'int32' })); return produces(() => a.take(idx, -1)); }
        default: return produces(() => a[op](param));
      }
    }

    case 'linalg': {
      if (ex.linalg === undefined) return { skip: 'ExTensor has no ex.linalg in this build' };
      if (op === 'norm') {
        const x = T(inp.a);
        return produces(() => ex.linalg.norm(x));
      }
      // Diagonally dominant (A + n·I), so every peer meets a well-conditioned matrix.
      const base = T(inp.a);
      const n = inp.a.shape[0];
      // cholesky needs symmetric positive-definite: (A + Aᵀ)/2 + n·I.
      const a = keep(ex.tidy(() => (op === 'cholesky' ? base.add(base.T).mul(0.5) : base).add(ex.eye(n, row.dtype).mul(n))));
      if (op === 'solve') {
        const b = T(inp.b);
        return produces(() => ex.linalg.solve(a, b));
      }
      return produces(() => ex.linalg[op](a));
    }

    case 'join': {
      if (op === 'where') {
        const cond = T(inp.cond, 'bool');
        const a = T(inp.a);
        const b = layout === 'scalar' ? param : T(inp.b);
        return produces(() => ex.where(cond, a, b));
      }
      const a = T(inp.a);
      const b = T(inp.b);
      const list = [a, b];
      return produces(op === 'concat' ? () => ex.concat(list, param) : () => ex.stack(list, param));
    }

    case 'errors': {
      const a = T(inp.a);
      const b = T(inp.b);
      const freed = ex.zeros([4]);
      freed.free();
      const call = {
        reshape: () => a.reshape([5]),
        add: () => a.add(b),
        freed: () => freed.add(a),
      }[op];
      return throwing(call, dispose);
    }

    case 'chain': {
      const grid = T(inp.grid);
      const chain = () => {
        const s1 = grid.slice(GRID_SPEC[0]);
        const s2 = s1.transpose();
        const s3 = s2.slice(GRID_SPEC[1]);
        return [s1, s2, s3];
      };
      return {
        run: () => {
          const [s1, s2, s3] = chain();
          s1.free();
          s2.free();
          s3.free();
        },
        result: () => {
          const views = chain();
          try {
            return views[2].toTypedArray();
          } finally {
            views.forEach((v) => v.free());
          }
        },
        dispose,
      };
    }
    default:
      break;
  }
  dispose();
  return { na: `no ExTensor case for ${row.id}` };
}

/** A case timing a call that must throw: it is checked to throw once before timing. */
export function throwing(call, dispose = () => {}) {
  const attempt = () => {
    try {
      call();
    } catch (e) {
      return e;
    }
    throw new Error('expected the call to throw, and it returned');
  };
  attempt();
  return { run: attempt, result: () => null, dispose };
}

/** Nested JS arrays of a flat C-order array. */
export function toNested(flat, shape) {
  let at = 0;
  const build = (d) => {
    const out = new Array(shape[d]);
    for (let i = 0; i < shape[d]; i++) out[i] = d === shape.length - 1 ? flat[at++] : build(d + 1);
    return out;
  };
  return build(0);
}

const NPY_TYPES = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array };

/** The elements of .npy bytes: the last `n` bytes (copied, for alignment). */
export function npyPayload(bytes, n, dtype) {
  return new NPY_TYPES[dtype](bytes.slice(bytes.length - n).buffer);
}
