// Plain JS: what a JS programmer writes over typed arrays, one new output array per op.
// Environment-agnostic. Elementwise loops are specialised per op (one small function per
// expression, like ndarray-ops' generated loops), so no call in a hot loop is megamorphic.
import { ARRAY_TYPES, readNpy, writeNpy } from '../data.mjs';
import { alongIndices, countData, everydayIndices, throwing, toNested } from './extensor.mjs';

const OUT_TYPES = { ...ARRAY_TYPES, bool: Uint8Array };

/** Round half to even (NumPy's round; Math.round goes half up). */
const roundHalfEven = (x) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
};
/** erf, Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
const erf = (x) => {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
};
const HELPERS = { roundHalfEven, erf };

const UNARY_EXPR = {
  neg: '-x', abs: 'Math.abs(x)', exp: 'Math.exp(x)', log: 'Math.log(x)', sqrt: 'Math.sqrt(x)', sin: 'Math.sin(x)',
  cos: 'Math.cos(x)', tanh: 'Math.tanh(x)', sigmoid: '1 / (1 + Math.exp(-x))', relu: 'x > 0 ? x : 0', square: 'x * x',
  floor: 'Math.floor(x)', ceil: 'Math.ceil(x)', round: 'H.roundHalfEven(x)',
  log1p: 'Math.log1p(x)', expm1: 'Math.expm1(x)', log2: 'Math.log2(x)', log10: 'Math.log10(x)', exp2: '2 ** x',
  tan: 'Math.tan(x)', asin: 'Math.asin(x)', acos: 'Math.acos(x)', atan: 'Math.atan(x)', sinh: 'Math.sinh(x)',
  cosh: 'Math.cosh(x)', asinh: 'Math.asinh(x)', acosh: 'Math.acosh(x)', atanh: 'Math.atanh(x)', erf: 'H.erf(x)',
  sign: 'Math.sign(x)', reciprocal: '1 / x', trunc: 'Math.trunc(x)',
};
const BINARY_EXPR = {
  add: 'x + y', sub: 'x - y', mul: 'x * y', div: 'x / y', pow: 'x ** y', maximum: 'x > y || x !== x ? x : y',
  minimum: 'x < y || x !== x ? x : y', mod: 'x - Math.floor(x / y) * y', floorDiv: 'Math.floor(x / y)', atan2: 'Math.atan2(x, y)',
  equal: 'x === y ? 1 : 0', notEqual: 'x !== y ? 1 : 0', less: 'x < y ? 1 : 0', lessEqual: 'x <= y ? 1 : 0',
  greater: 'x > y ? 1 : 0', greaterEqual: 'x >= y ? 1 : 0',
};

const loops = new Map();
/** A compiled loop: out[i * cols + j] = expr(a[ao + i*as0 + j*as1], b[bo + i*bs0 + j*bs1]). */
function loop(kind, expr) {
  const key = `${kind}|${expr}`;
  let f = loops.get(key);
  if (f) return f;
  const body = {
    unary: 'for (let i = 0; i < n; i++) { const x = a[i]; out[i] = EXPR; }',
    binary: 'for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; out[i] = EXPR; }',
    scalar: 'for (let i = 0; i < n; i++) { const x = a[i]; out[i] = EXPR; }',
    strided: `for (let i = 0, k = 0; i < rows; i++) {
      let ia = ao + i * as0, ib = bo + i * bs0;
      for (let j = 0; j < cols; j++, k++, ia += as1, ib += bs1) { const x = a[ia], y = b[ib]; out[k] = EXPR; }
    }`,
  }[kind].replace('EXPR', expr);
  const args = {
    unary: ['a', 'out', 'n'], binary: ['a', 'b', 'out', 'n'], scalar: ['a', 'y', 'out', 'n'],
    strided: ['a', 'ao', 'as0', 'as1', 'b', 'bo', 'bs0', 'bs1', 'out', 'rows', 'cols'],
  }[kind];
  // eslint-disable-next-line no-new-func
  f = new Function('H', `return function ${kind}(${args.join(', ')}) { ${body} return out; }`)(HELPERS);
  loops.set(key, f);
  return f;
}

/** Integer wrapping of a result, as the output typed array does when written. */
function outType(row) {
  return OUT_TYPES[row.out.dtype];
}

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function reduce2d(op, a, rows, cols, axis) {
  // axis undefined: all; -1 / 1: inner; 0: outer. Result as Float64Array.
  const red = {
    sum: [0, (s, x) => s + x],
    prod: [1, (s, x) => s * x],
    mean: [0, (s, x) => s + x],
    max: [-Infinity, (s, x) => (x > s ? x : s)],
    min: [Infinity, (s, x) => (x < s ? x : s)],
  }[op];
  if (axis === undefined) {
    if (op === 'argMax' || op === 'argMin') {
      let best = 0;
      for (let i = 1; i < a.length; i++) if (op === 'argMax' ? a[i] > a[best] : a[i] < a[best]) best = i;
      return best;
    }
    if (op === 'sum' || op === 'mean') {
      const s = sum(a);
      return op === 'mean' ? s / a.length : s;
    }
    let s = red[0];
    for (let i = 0; i < a.length; i++) s = red[1](s, a[i]);
    return s;
  }
  const inner = axis === -1 || axis === 1;
  const n = inner ? rows : cols;
  const len = inner ? cols : rows;
  const out = new Float64Array(n);
  if (op === 'argMax' || op === 'argMin') {
    const best = new Float64Array(n).fill(op === 'argMax' ? -Infinity : Infinity);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const x = a[i * cols + j];
        const o = inner ? i : j;
        if (op === 'argMax' ? x > best[o] : x < best[o]) { best[o] = x; out[o] = inner ? j : i; }
      }
    }
    return out;
  }
  out.fill(red[0]);
  const f = red[1];
  if (inner) {
    for (let i = 0; i < rows; i++) {
      let s = red[0];
      for (let j = 0; j < cols; j++) s = f(s, a[i * cols + j]);
      out[i] = s;
    }
  } else {
    // row by row: contiguous reads, accumulate into the output row
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] = f(out[j], a[i * cols + j]);
  }
  if (op === 'mean') for (let k = 0; k < n; k++) out[k] /= len;
  return out;
}

function softmax2d(a, rows, cols, axis, Type) {
  const out = new Type(a.length);
  const inner = axis === -1 || axis === 1;
  const n = inner ? rows : cols;
  const len = inner ? cols : rows;
  const at = (k, t) => (inner ? k * cols + t : t * cols + k);
  for (let k = 0; k < n; k++) {
    let m = -Infinity;
    for (let t = 0; t < len; t++) m = Math.max(m, a[at(k, t)]);
    let s = 0;
    for (let t = 0; t < len; t++) {
      const e = Math.exp(a[at(k, t)] - m);
      out[at(k, t)] = e;
      s += e;
    }
    for (let t = 0; t < len; t++) out[at(k, t)] /= s;
  }
  return out;
}

/** n × m times m × p, i-k-j loop order (row-major, streams rows of b and c). */
export function matmulJs(a, b, n, m, p, Type, c = new Type(n * p), ao = 0, bo = 0, co = 0) {
  for (let i = 0; i < n; i++) {
    const ci = co + i * p;
    for (let k = 0; k < m; k++) {
      const aik = a[ao + i * m + k];
      const bk = bo + k * p;
      for (let j = 0; j < p; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

function transposeCopy(a, rows, cols, Type) {
  const out = new Type(a.length);
  for (let j = 0; j < cols; j++) {
    const o = j * rows;
    for (let i = 0; i < rows; i++) out[o + i] = a[i * cols + j];
  }
  return out;
}

/** t[100:900, ::2].T[::3] of a 1000 × 1000 array by one gather loop (plain JS has no views). */
export function viewChainJs(t) {
  const rows = Math.ceil(500 / 3);
  const cols = 800;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = t[(100 + j) * 1000 + 6 * i];
  return out;
}

const same = (f) => ({ run: f, result: f, dispose() {} });

export function jsCase(row, inp) {
  const { family, op, layout, param } = row;
  const Out = outType(row);
  switch (family) {
    case 'creation': {
      const n = row.out.shape.reduce((x, y) => x * y, 1);
      if (op === 'tensor') {
        const { data, shape } = inp.a;
        if (layout === 'typed') return same(() => data.slice());
        const nested = toNested(data, shape);
        const rows = shape[0];
        return same(() => {
          if (shape.length === 1) return Float32Array.from(nested);
          const cols = shape[1];
          const out = new Float32Array(rows * cols);
          for (let i = 0; i < rows; i++) {
            const r = nested[i];
            for (let j = 0; j < cols; j++) out[i * cols + j] = r[j];
          }
          return out;
        });
      }
      const make = {
        zeros: () => new Float32Array(n),
        empty: () => new Float32Array(n),
        ones: () => new Float32Array(n).fill(1),
        full: () => new Float32Array(n).fill(1.5),
        arange: () => { const o = new Float32Array(n); for (let i = 0; i < n; i++) o[i] = i; return o; },
        linspace: () => { const o = new Float32Array(n); const d = 1 / (n - 1); for (let i = 0; i < n; i++) o[i] = i * d; return o; },
        eye: () => { const o = new Float32Array(n); for (let i = 0; i < param; i++) o[i * param + i] = 1; return o; },
        rand: () => { const o = new Float32Array(n); for (let i = 0; i < n; i++) o[i] = Math.random(); return o; },
        randn: () => {
          const o = new Float32Array(n);
          for (let i = 0; i < n; i += 2) {
            const r = Math.sqrt(-2 * Math.log(1 - Math.random()));
            const t = 2 * Math.PI * Math.random();
            o[i] = r * Math.cos(t);
            if (i + 1 < n) o[i + 1] = r * Math.sin(t);
          }
          return o;
        },
      }[op];
      return same(make);
    }

    case 'copies': {
      if (op === 'fromNpy') return same(() => readNpy(inp.npy.bytes).data);
      const { data, shape, dtype } = inp.a;
      switch (op) {
        case 'clone':
        case 'toTypedArray': return same(() => data.slice());
        case 'astype': return same(() => new OUT_TYPES[param](data));
        case 'contiguous': {
          const [rows, cols] = shape;
          if (layout === 'transposed') return same(() => transposeCopy(data, rows, cols, ARRAY_TYPES[dtype]));
          const half = cols / 2;
          return same(() => {
            const out = new (ARRAY_TYPES[dtype])(rows * half);
            for (let i = 0; i < rows; i++) out.set(data.subarray(i * cols, i * cols + half), i * half);
            return out;
          });
        }
        case 'toArray': return same(() => toNested(data, shape));
        case 'toNpy': return { run: () => writeNpy(data, shape, dtype), result: () => data.slice(), dispose() {} };
        default: return { na: 'no plain-JS case' };
      }
    }

    case 'access': {
      const a = inp.a.data.slice();
      const cols = inp.a.shape[inp.a.shape.length - 1];
      const at = row.size === 'large' ? 500 * cols + 500 : cols + 1;
      switch (op) {
        case 'get': return same(() => a[at]);
        case 'set': return { run: () => { a[at] = 0.5; }, result: () => { a[at] = 0.25; return a[at]; }, dispose() {} };
        case 'item': return same(() => a[0]);
        case 'fill': return { run: () => a.fill(1.5), result: () => a.fill(1.5).slice(), dispose() {} };
        case 'assign': {
          const b = inp.b.data;
          if (b.length === a.length) return { run: () => a.set(b), result: () => { a.set(b); return a.slice(); }, dispose() {} };
          const run = () => { for (let o = 0; o < a.length; o += b.length) a.set(b, o); return a; };
          return { run, result: () => run().slice(), dispose() {} };
        }
        default: return { na: 'plain JS arrays have no such metadata' };
      }
    }

    case 'unary': {
      const { data, shape } = inp.a;
      const expr = UNARY_EXPR[op];
      if (layout === 'transposed') {
        const [rows, cols] = shape;
        // out[j][i] = f(a[i][j]): read a transposed, write c in order
        const f = loop('strided', expr.replace(/\bx\b/g, 'x'));
        return same(() => f(data, 0, 1, cols, data, 0, 0, 0, new Out(data.length), cols, rows));
      }
      const f = loop('unary', expr);
      return same(() => f(data, new Out(data.length), data.length));
    }

    case 'binary':
    case 'compare': {
      const expr = BINARY_EXPR[op];
      const a = inp.a.data;
      const [rows, cols] = inp.a.shape.length === 2 ? inp.a.shape : [1, inp.a.shape[0]];
      if (layout === 'scalar') {
        const f = loop('scalar', expr);
        return same(() => f(a, param, new Out(a.length), a.length));
      }
      const b = inp.b.data;
      if (layout === 'default' || layout === 'contig') {
        const f = loop('binary', expr);
        return same(() => f(a, b, new Out(a.length), a.length));
      }
      const f = loop('strided', expr);
      switch (layout) {
        case 'bcast-col': return same(() => f(a, 0, cols, 1, b, 0, 1, 0, new Out(a.length), rows, cols));
        case 'bcast-row': return same(() => f(a, 0, cols, 1, b, 0, 0, 1, new Out(a.length), rows, cols));
        case 'transposed': return same(() => f(a, 0, 1, cols, b, 0, cols, 1, new Out(a.length), cols, rows));
        case 'strided': return same(() => f(a, 0, cols, 2, b, 0, cols, 2, new Out(a.length / 2), rows, cols / 2));
        default: return { na: `no plain-JS case for layout ${layout}` };
      }
    }

    case 'reduce': {
      const { data, shape } = inp.a;
      const [rows, cols] = shape.length === 2 ? shape : [1, shape[0]];
      return same(() => reduce2d(op, data, rows, cols, param));
    }

    case 'softmax': {
      const { data, shape, dtype } = inp.a;
      return same(() => softmax2d(data, shape[0], shape[1], param, ARRAY_TYPES[dtype]));
    }

    case 'everyday': return everydayJs(op, inp, param);
    case 'linalg': return linalgJs(op, inp, row.dtype);

    case 'matmul': {
      const { data: a, shape } = inp.a;
      const b = inp.b.data;
      const Type = ARRAY_TYPES[row.dtype];
      const n = shape[shape.length - 1];
      if (shape.length === 3) {
        const batch = shape[0];
        const step = n * n;
        return same(() => {
          const c = new Type(batch * step);
          for (let k = 0; k < batch; k++) matmulJs(a, b, n, n, n, Type, c, k * step, k * step, k * step);
          return c;
        });
      }
      if (n > 256) return { na: 'plain-JS matmul timed up to 256² (1 GFLOP/s: seconds per op above)' };
      return same(() => matmulJs(a, b, n, n, n, Type));
    }

    case 'join': {
      if (op === 'where') {
        const c = inp.cond.data;
        const a = inp.a.data;
        const b = inp.b?.data;
        const y = param;
        return same(b
          ? () => { const o = new Float32Array(a.length); for (let i = 0; i < a.length; i++) o[i] = c[i] ? a[i] : b[i]; return o; }
          : () => { const o = new Float32Array(a.length); for (let i = 0; i < a.length; i++) o[i] = c[i] ? a[i] : y; return o; });
      }
      const a = inp.a.data;
      const b = inp.b.data;
      if (op === 'stack' || param === 0) {
        return same(() => { const o = new Float32Array(a.length + b.length); o.set(a, 0); o.set(b, a.length); return o; });
      }
      const [rows, cols] = inp.a.shape;
      return same(() => {
        const o = new Float32Array(2 * rows * cols);
        for (let i = 0; i < rows; i++) {
          o.set(a.subarray(i * cols, (i + 1) * cols), 2 * i * cols);
          o.set(b.subarray(i * cols, (i + 1) * cols), (2 * i + 1) * cols);
        }
        return o;
      });
    }

    case 'errors':
      return throwing(() => { throw new RangeError(`${op}: a plain JS error, thrown and caught`); });

    case 'chain':
      return same(() => viewChainJs(inp.grid.data));

    default:
      return { na: 'no plain-JS case' };
  }
}

/** The copy reference: TypedArray.prototype.set of `bytes` bytes between two arrays on the JS heap. */
export function copyCase(bytes) {
  const n = Math.ceil(bytes / 8);
  const src = new Float64Array(n).fill(1.5);
  const dst = new Float64Array(n);
  return { run: () => dst.set(src), result: () => null, dispose() {} };
}

/** Plain JS over the rows of a [rows, n] Float32Array: what the everyday rows compute. */
function everydayJs(op, inp, k) {
  const { data, shape } = inp.a;
  const n = shape[shape.length - 1];
  const rows = data.length / n;
  const each = (Out, width, f) => same(() => {
    const out = new Out(rows * width);
    for (let r = 0; r < rows; r++) f(data.subarray(r * n, (r + 1) * n), out, r * width);
    return out;
  });
  const order = (lane, descending) => {
    const idx = Array.from({ length: lane.length }, (_, i) => i);
    return idx.sort(descending ? (x, y) => lane[y] - lane[x] : (x, y) => lane[x] - lane[y]);
  };
  switch (op) {
    case 'sort': return each(Float32Array, n, (lane, out, at) => out.set(lane.slice().sort(), at));
    case 'argsort': return each(Int32Array, n, (lane, out, at) => out.set(order(lane, false), at));
    case 'topk': return each(Float32Array, k, (lane, out, at) => { const o = order(lane, true); for (let j = 0; j < k; j++) out[at + j] = lane[o[j]]; });
    case 'cumsum': return each(Float32Array, n, (lane, out, at) => { let s = 0; for (let j = 0; j < n; j++) out[at + j] = s += lane[j]; });
    case 'cumprod': return each(Float32Array, n, (lane, out, at) => { let s = 1; for (let j = 0; j < n; j++) out[at + j] = s *= lane[j]; });
    case 'std': return each(Float32Array, 1, (lane, out, at) => {
      let m = 0; for (let j = 0; j < n; j++) m += lane[j]; m /= n;
      let v = 0; for (let j = 0; j < n; j++) v += (lane[j] - m) ** 2; out[at] = Math.sqrt(v / n);
    });
    case 'all': return each(Uint8Array, 1, (lane, out, at) => { out[at] = lane.every((x) => x !== 0) ? 1 : 0; });
    case 'isNaN': return same(() => { const out = new Uint8Array(data.length); for (let i = 0; i < data.length; i++) out[i] = data[i] !== data[i] ? 1 : 0; return out; });
    case 'logicalAnd': {
      const b = inp.b.data;
      return same(() => { const out = new Uint8Array(data.length); for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 && b[i] !== 0 ? 1 : 0; return out; });
    }
    case 'allclose': {
      const b = inp.b.data;
      return same(() => { for (let i = 0; i < data.length; i++) if (!(Math.abs(data[i] - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]))) return Uint8Array.of(0); return Uint8Array.of(1); });
    }
    case 'indexSet': return same(() => { const out = data.slice(); for (let i = 0; i < out.length; i++) if (out[i] > 0) out[i] = 0; return out; });
    case 'takeAlongAxis': {
      const idx = alongIndices(shape);
      return same(() => { const out = new Float32Array(data.length); for (let i = 0; i < data.length; i++) out[i] = data[i - (i % n) + idx[i]]; return out; });
    }
    case 'oneHot': {
      const idx = everydayIndices(n);
      return same(() => { const out = new Float32Array(n * n); for (let i = 0; i < n; i++) out[i * n + idx[i]] = 1; return out; });
    }
    case 'nonzero': return same(() => { const rows = []; for (let i = 0; i < data.length; i++) if (data[i] !== 0) rows.push(Math.floor(i / n)); return Int32Array.from(rows); });
    case 'bincount': {
      const x = countData(data.length, n);
      return same(() => { const out = new BigInt64Array(n); const c = new Float64Array(n); for (let i = 0; i < x.length; i++) c[x[i]]++; for (let j = 0; j < n; j++) out[j] = BigInt(c[j]); return out; });
    }
    case 'split': return same(() => data.slice(data.length / 2));
    case 'tile': return same(() => { const out = new Float32Array(data.length * 2); out.set(data); out.set(data, data.length); return out; });
    case 'repeat': return same(() => { const out = new Float32Array(data.length * 2); for (let r = 0; r < rows; r++) { const lane = data.subarray(r * n, (r + 1) * n); out.set(lane, 2 * r * n); out.set(lane, (2 * r + 1) * n); } return out; });
    case 'pad': return same(() => { const w = n + 2; const out = new Float32Array((rows + 2) * w); for (let r = 0; r < rows; r++) out.set(data.subarray(r * n, (r + 1) * n), (r + 1) * w + 1); return out; });
    case 'einsum': {
      const b = inp.b.data;
      return each(Float32Array, 1, (lane, out, at) => { let s = 0; const o = at * n; for (let j = 0; j < n; j++) s += lane[j] * b[o + j]; out[at] = s; });
    }
    case 'var': return each(Float32Array, 1, (lane, out, at) => {
      let m = 0; for (let j = 0; j < n; j++) m += lane[j]; m /= n;
      let v = 0; for (let j = 0; j < n; j++) v += (lane[j] - m) ** 2; out[at] = v / n;
    });
    case 'logSumExp': return each(Float32Array, 1, (lane, out, at) => {
      let m = -Infinity; for (let j = 0; j < n; j++) m = Math.max(m, lane[j]);
      let s = 0; for (let j = 0; j < n; j++) s += Math.exp(lane[j] - m); out[at] = Math.log(s) + m;
    });
    case 'logSoftmax': return each(Float32Array, n, (lane, out, at) => {
      let m = -Infinity; for (let j = 0; j < n; j++) m = Math.max(m, lane[j]);
      let s = 0; for (let j = 0; j < n; j++) s += Math.exp(lane[j] - m);
      const l = Math.log(s) + m; for (let j = 0; j < n; j++) out[at + j] = lane[j] - l;
    });
    case 'clip': return same(() => data.map((x) => (x < -0.5 ? -0.5 : x > 0.5 ? 0.5 : x)));
    case 'any': return each(Uint8Array, 1, (lane, out, at) => { out[at] = lane.some((x) => x !== 0) ? 1 : 0; });
    case 'isclose': {
      const b = inp.b.data;
      return same(() => { const out = new Uint8Array(data.length); for (let i = 0; i < data.length; i++) out[i] = Math.abs(data[i] - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]) ? 1 : 0; return out; });
    }
    case 'maskIndex': return same(() => data.filter((x) => x > 0));
    case 'take': {
      const idx = everydayIndices(n);
      return each(Float32Array, n, (lane, out, at) => { for (let j = 0; j < n; j++) out[at + j] = lane[idx[j]]; });
    }
    default: return { na: `no plain-JS ${op}` };
  }
}

/** Plain JS Gaussian elimination with partial pivoting on A + n·I (as the ExTensor case). */
function linalgJs(op, inp, dtype) {
  const n = inp.a.shape[0];
  const Type = ARRAY_TYPES[dtype];
  const base = inp.a.data;
  const matrix = () => { const a = Type.from(base); for (let i = 0; i < n; i++) a[i * n + i] += n; return a; };
  const lu = (a) => {
    const piv = Int32Array.from({ length: n }, (_, i) => i);
    let sign = 1;
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
      if (p !== c) { for (let j = 0; j < n; j++) { const t = a[c * n + j]; a[c * n + j] = a[p * n + j]; a[p * n + j] = t; } [piv[c], piv[p]] = [piv[p], piv[c]]; sign = -sign; }
      const d = a[c * n + c];
      for (let r = c + 1; r < n; r++) {
        const f = (a[r * n + c] /= d);
        for (let j = c + 1; j < n; j++) a[r * n + j] -= f * a[c * n + j];
      }
    }
    return { piv, sign };
  };
  const solveInto = (a, piv, rhs, cols) => {
    const x = new Type(n * cols);
    for (let i = 0; i < n; i++) for (let k = 0; k < cols; k++) x[i * cols + k] = rhs(piv[i], k);
    for (let i = 0; i < n; i++) for (let r = i + 1; r < n; r++) { const f = a[r * n + i]; for (let k = 0; k < cols; k++) x[r * cols + k] -= f * x[i * cols + k]; }
    for (let i = n - 1; i >= 0; i--) for (let k = 0; k < cols; k++) { let s = x[i * cols + k]; for (let j = i + 1; j < n; j++) s -= a[i * n + j] * x[j * cols + k]; x[i * cols + k] = s / a[i * n + i]; }
    return x;
  };
  if (op === 'norm') return same(() => { let s = 0; for (let i = 0; i < base.length; i++) s += base[i] * base[i]; return Type.of(Math.sqrt(s)); });
  if (op === 'cholesky') {
    return same(() => {
      const a = new Type(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (base[i * n + j] + base[j * n + i]) / 2 + (i === j ? n : 0);
      const l = new Type(n * n);
      for (let j = 0; j < n; j++) {
        let d = a[j * n + j];
        for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
        const ljj = Math.sqrt(d);
        l[j * n + j] = ljj;
        for (let i = j + 1; i < n; i++) {
          let s = a[i * n + j];
          for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
          l[i * n + j] = s / ljj;
        }
      }
      return l;
    });
  }
  switch (op) {
    case 'det': return same(() => { const a = matrix(); const { sign } = lu(a); let d = sign; for (let i = 0; i < n; i++) d *= a[i * n + i]; return Type.of(d); });
    case 'inv': return same(() => { const a = matrix(); const { piv } = lu(a); return solveInto(a, piv, (i, k) => (i === k ? 1 : 0), n); });
    case 'solve': { const b = inp.b.data; return same(() => { const a = matrix(); const { piv } = lu(a); return solveInto(a, piv, (i) => b[i], 1); }); }
    default: return { na: `no plain-JS ${op}` };
  }
}
