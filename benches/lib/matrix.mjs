// The benchmark matrix: a declarative table of families × ops × sizes × dtypes × layouts,
// each group with its peers and targets, expanded into rows. Environment-agnostic (no
// imports): the Node runner (bench.mjs) and a browser runner share it.
//
// A row: { id, family, op, dtype, size, layout, label, inputs: { name: { shape, dtype, dist } },
//          param, out, bytes: { read, write }, flops?, exact, peers: [...], targets: [...],
//          memBound, extra }
// Targets are strings, evaluated by targets.mjs:
//   'tfjs>=1'      time(tfjs) / time(ExTensor) >= 1 (also 'ort>=1', 'ndarray>=0.1', ...)
//   'copy<=1.5'    time(ExTensor) / copy bound <= 1.5 (the bound: see targets.mjs)
//   'read<=1.5'    time(ExTensor) / read bound <= 1.5
//   'time<=0.4us'  time(ExTensor) per call <= 0.4 µs
//   'baseline<=2'  time(ExTensor baseline build) / time(ExTensor SIMD build) <= 2
// A trailing '@large' or '@small' limits a target to that size. 'tfjs>=1' is added to every
// row that lists tfjs as a peer (it counts only where tfjs has the op for that dtype), and
// 'baseline<=2' to every large memory-bound row (`memBound`: adds, copies, reductions, joins).

export const L = 1024; // large: L × L = 1,048,576 elements
export const SMALL = 4; // small: 4 elements ([4], or [2, 2] where a layout needs two axes)

export const DT = { float32: 'f32', float64: 'f64', int32: 'i32', uint8: 'u8', bool: 'bool', int64: 'i64', uint64: 'u64' };
export const ITEMSIZE = { float32: 4, float64: 8, int32: 4, uint8: 1, bool: 1, int64: 8, uint64: 8 };
const DTYPE_OF = Object.fromEntries(Object.entries(DT).map(([k, v]) => [v, k]));

const ALL_DTYPES = ['float32', 'float64', 'int32', 'uint8'];
const SL = ['small', 'large'];
const LARGE = ['large'];
const SMALLONLY = ['small'];

/** Unary ops: the core set, then the contract's "Everyday NumPy" ones (rows run where the build has them). */
export const UNARY_CORE = ['neg', 'abs', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'square', 'floor', 'ceil', 'round'];
export const UNARY_EXTRA = ['log1p', 'expm1', 'log2', 'log10', 'exp2', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'erf', 'sign', 'reciprocal', 'trunc'];
export const BINARY_CORE = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum'];
export const BINARY_EXTRA = ['mod', 'floorDiv', 'atan2'];
export const COMPARE = ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'];
export const REDUCE = ['sum', 'prod', 'mean', 'max', 'min', 'argMax', 'argMin'];
/** The Everyday NumPy ops beyond the elementwise ones, each along the last axis of a [L, L] float32 tensor. */
export const EVERYDAY = [
  'sort', 'argsort', 'topk', 'cumsum', 'cumprod', 'var', 'std', 'logSumExp', 'logSoftmax', 'clip', 'any', 'all', 'isNaN',
  'logicalAnd', 'isclose', 'allclose', 'maskIndex', 'indexSet', 'take', 'takeAlongAxis', 'oneHot', 'nonzero', 'bincount',
  'split', 'tile', 'repeat', 'pad', 'einsum',
];
export const LINALG = ['inv', 'solve', 'det', 'cholesky', 'norm'];
export const GETTERS = ['shape', 'strides', 'offset', 'dtype', 'ndim', 'size', 'nbytes', 'isContiguous', 'isView', 'refCount', 'isWritable', 'isFreed'];
export const VIEWS = ['reshape', 'slice', 'sliceArray', 'transpose', 'squeeze', 'unsqueeze', 'broadcastTo', 'flatten', 'share'];

/** Data distributions (see data.mjs) the ops need to stay finite and meaningful. */
const UNARY_DIST = {
  log: 'positive', sqrt: 'positive', log2: 'positive', log10: 'positive', log1p: 'positive', reciprocal: 'positive',
  acosh: 'ge1', asin: 'unit', acos: 'unit', atanh: 'unit',
  floor: 'wide', ceil: 'wide', round: 'wide', trunc: 'wide', sign: 'wide',
};

// ---------------------------------------------------------------- the table
// Each group expands to ops × dtypes × sizes × layouts (or its explicit `combos`).
// `peers`: which implementations besides ExTensor to run ('tfjs', 'ort', 'ndarray', 'js';
// 'ndarray@small': at the small size only); a peer without the op or the dtype reports n/a.

export const TABLE = [
  // creation
  { family: 'creation', ops: ['tensor'], layouts: ['typed'], dtypes: ALL_DTYPES, sizes: SL, peers: ['tfjs', 'js'], targets: ['copy<=1.5@large'], memBound: true },
  { family: 'creation', ops: ['tensor'], layouts: ['nested'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'js'] },
  { family: 'creation', ops: ['zeros', 'ones', 'full', 'empty', 'arange', 'linspace', 'eye', 'rand', 'randn'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'js'] },

  // copies and conversions
  { family: 'copies', ops: ['clone'], dtypes: ALL_DTYPES, sizes: SL, peers: ['tfjs', 'ndarray', 'js'], targets: ['copy<=1.5@large'], memBound: true },
  {
    family: 'copies', ops: ['astype'], sizes: SL, peers: ['tfjs', 'js'], targets: ['copy<=1.5@large'], memBound: true,
    combos: [['float32', 'float64'], ['float64', 'float32'], ['float32', 'int32'], ['int32', 'float32'], ['uint8', 'float32'], ['float32', 'uint8']]
      .map(([dtype, to]) => ({ dtype, layout: `to-${DT[to]}` })),
  },
  { family: 'copies', ops: ['contiguous'], layouts: ['transposed'], dtypes: ['float32', 'float64', 'uint8'], sizes: LARGE, peers: ['tfjs', 'ndarray', 'js'], targets: ['copy<=1.5@large'], memBound: true },
  { family: 'copies', ops: ['contiguous'], layouts: ['transposed', 'blocks'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'ndarray', 'js'] },
  { family: 'copies', ops: ['contiguous'], layouts: ['blocks'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ndarray', 'js'], targets: ['copy<=1.5@large'], memBound: true },
  { family: 'copies', ops: ['toTypedArray'], dtypes: ALL_DTYPES, sizes: SL, peers: ['tfjs', 'js'], targets: ['copy<=1.5@large'], memBound: true },
  { family: 'copies', ops: ['toArray'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'js'] },
  { family: 'copies', ops: ['toNpy', 'fromNpy'], dtypes: ['float32'], sizes: SL, peers: ['js'], memBound: true },
  { family: 'copies', ops: ['toNpy', 'fromNpy'], dtypes: ['float64'], sizes: LARGE, peers: ['js'], memBound: true },

  // views (zero-copy in ExTensor and scijs ndarray; tfjs copies where it has no view)
  { family: 'views', ops: VIEWS, dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ndarray'], targets: ['time<=0.4us'] },

  // element access and metadata
  { family: 'access', ops: ['get', 'set', 'fill', 'assign'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ndarray', 'js'] },
  { family: 'access', ops: ['assign'], layouts: ['bcast-row'], dtypes: ['float32'], sizes: LARGE, peers: ['ndarray', 'js'] },
  { family: 'access', ops: ['item'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'ndarray', 'js'] },
  { family: 'access', ops: GETTERS, dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ndarray'], targets: ['time<=0.05us'] },

  // elementwise unary
  { family: 'unary', ops: [...UNARY_CORE, ...UNARY_EXTRA], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ort', 'ndarray@small', 'js'] },
  { family: 'unary', ops: [...UNARY_CORE, ...UNARY_EXTRA], dtypes: ['float64'], sizes: LARGE, peers: ['ort', 'js'] },
  { family: 'unary', ops: ['neg', 'abs', 'square'], dtypes: ['int32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'] },
  { family: 'unary', ops: ['square'], dtypes: ['uint8'], sizes: LARGE, peers: ['js'] },
  { family: 'unary', ops: ['exp', 'neg'], layouts: ['transposed'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'js'] },

  // elementwise binary (a JS number is a weak scalar)
  { family: 'binary', ops: [...BINARY_CORE, ...BINARY_EXTRA], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ort', 'ndarray@small', 'js'], memBound: ['add'] },
  { family: 'binary', ops: ['add'], dtypes: ['float32'], sizes: SMALLONLY, layouts: ['contig'], peers: [], targets: ['time<=0.7us', 'ndarray>=1'], merge: true },
  { family: 'binary', ops: ['add', 'mul'], dtypes: ['float64', 'int32', 'uint8'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'], memBound: ['add'] },
  { family: 'binary', ops: ['add'], layouts: ['bcast-col', 'bcast-row', 'transposed', 'strided', 'scalar'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'], memBound: ['add'] },
  { family: 'binary', ops: ['add'], layouts: ['scalar'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'ort', 'ndarray', 'js'] },
  { family: 'binary', ops: ['add', 'mul'], layouts: ['scalar'], dtypes: ['int32', 'uint8'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'] },

  // comparisons (-> bool)
  { family: 'compare', ops: COMPARE, dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ort', 'ndarray@small', 'js'] },
  { family: 'compare', ops: ['less'], layouts: ['scalar'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'] },
  { family: 'compare', ops: ['greater'], layouts: ['bcast-row'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'] },
  { family: 'compare', ops: ['less'], layouts: ['transposed'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'js'] },
  { family: 'compare', ops: ['equal'], dtypes: ['int32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'] },

  // reductions: all axes / inner (last) axis / outer (first) axis
  { family: 'reduce', ops: REDUCE, layouts: ['all', 'inner', 'outer'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'js'], targets: ['read<=1.5'], memBound: true },
  { family: 'reduce', ops: REDUCE, layouts: ['all'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'ndarray', 'js'] },
  { family: 'reduce', ops: ['sum'], layouts: ['all', 'inner'], dtypes: ['float64', 'int32', 'uint8'], sizes: LARGE, peers: ['tfjs', 'js'], targets: ['read<=1.5'], memBound: true },
  { family: 'reduce', ops: ['max'], layouts: ['all'], dtypes: ['float64', 'int32', 'uint8'], sizes: LARGE, peers: ['tfjs', 'js'], targets: ['read<=1.5'], memBound: true },
  { family: 'reduce', ops: ['mean'], layouts: ['all'], dtypes: ['int32'], sizes: LARGE, peers: ['tfjs', 'js'], targets: ['read<=1.5'], memBound: true },

  // softmax
  { family: 'softmax', ops: ['softmax'], layouts: ['inner', 'outer'], dtypes: ['float32'], sizes: LARGE, peers: ['tfjs', 'ort', 'js'], targets: ['read<=1.5'] },
  { family: 'softmax', ops: ['softmax'], layouts: ['inner'], dtypes: ['float64'], sizes: LARGE, peers: ['ort', 'js'], targets: ['read<=1.5'] },
  { family: 'softmax', ops: ['softmax'], layouts: ['inner'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'ort', 'js'] },

  // matmul: n × n times n × n, and a batch of 16 64 × 64 products
  { family: 'matmul', ops: ['matmul'], dtypes: ['float32'], sizes: ['32', '64', '128', '256', '512', '1024', 'batch16x64'], peers: ['tfjs', 'ort', 'js'], targets: ['ort>=1'] },
  { family: 'matmul', ops: ['matmul'], dtypes: ['float64'], sizes: ['256'], peers: ['ort', 'js'] },

  // joining and selecting
  { family: 'join', ops: ['concat'], layouts: ['axis0', 'axis1'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ort', 'js'], memBound: true },
  { family: 'join', ops: ['stack'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'js'], memBound: true },
  { family: 'join', ops: ['where'], layouts: ['tensors', 'scalar'], dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'ort', 'js'] },

  // Everyday NumPy: sorting, scans, statistics, selection
  { family: 'everyday', ops: EVERYDAY, dtypes: ['float32'], sizes: SL, peers: ['tfjs', 'js'] },
  // ex.linalg on n × n float64 and float32 matrices
  { family: 'linalg', ops: LINALG, dtypes: ['float32', 'float64'], sizes: ['64'], peers: ['js'] },
  { family: 'linalg', ops: ['norm'], dtypes: ['float32'], sizes: ['1024'], peers: ['tfjs', 'js'] },
  { family: 'linalg', ops: ['inv', 'solve'], dtypes: ['float32', 'float64'], sizes: ['256'], peers: ['js'] },

  // a throwing call, caught
  { family: 'errors', ops: ['reshape', 'add', 'freed'], dtypes: ['float32'], sizes: SMALLONLY, peers: ['tfjs', 'js'], targets: ['time<=3us'] },

  // the README's view chain on 1000 × 1000
  { family: 'chain', ops: ['viewChain'], dtypes: ['float32'], sizes: ['grid'], peers: ['tfjs', 'ndarray', 'js'], targets: ['ndarray>=0.1'] },
];

export const FAMILIES = ['creation', 'copies', 'views', 'access', 'unary', 'binary', 'compare', 'reduce', 'softmax', 'matmul', 'join', 'everyday', 'linalg', 'errors', 'chain'];

// ---------------------------------------------------------------- row descriptions

const nbytes = (shape, dtype) => shape.reduce((a, b) => a * b, 1) * ITEMSIZE[dtype];
const sizeOf = (shape) => shape.reduce((a, b) => a * b, 1);

/** The main shape of a size: 1-D small ([4]) unless the layout needs two axes. */
function mainShape(size, twoD) {
  if (size === 'large') return [L, L];
  return twoD ? [2, 2] : [SMALL];
}

function shapeLabel(shape) {
  if (shape.length === 2 && shape[0] === shape[1] && shape[0] >= 32) return `${shape[0]}²`;
  return `[${shape.join(',')}]`;
}

const TWO_D_LAYOUTS = new Set(['bcast-col', 'bcast-row', 'transposed', 'strided', 'inner', 'outer', 'blocks', 'axis0', 'axis1']);

/** Fills in a row's inputs, output, bytes, label. */
function describe(row) {
  const { family, op, dtype, size, layout } = row;
  const dt = DT[dtype];
  const twoD = TWO_D_LAYOUTS.has(layout) || ['creation', 'copies', 'views', 'access'].includes(family) && size !== 'small'
    || ['eye', 'contiguous', 'toArray', 'get', 'set', 'reshape', 'slice', 'sliceArray', 'transpose', 'squeeze', 'unsqueeze', 'broadcastTo', 'flatten'].includes(op);
  const shape = mainShape(size, twoD);
  const inp = (s, dist = 'uniform', d = dtype) => ({ shape: s, dtype: d, dist: d === 'int32' || d === 'uint8' ? (dist === 'uniform' ? 'int' : dist) : dist });
  let label = `${op} ${dt} ${shapeLabel(shape)}`;
  let out = { shape, dtype };
  let read = 0;
  let write = 0;
  row.param = null;
  row.exact = false;

  switch (family) {
    case 'creation': {
      if (op === 'tensor') {
        row.inputs = { a: inp(shape) };
        label = `tensor(${layout === 'typed' ? `${{ float32: 'Float32', float64: 'Float64', int32: 'Int32', uint8: 'Uint8' }[dtype]}Array` : 'nested arrays'}) ${shapeLabel(shape)}`;
        read = write = nbytes(shape, dtype);
        row.exact = true;
      } else {
        row.inputs = {};
        if (op === 'eye') {
          row.param = shape[0];
        } else if (op === 'arange' || op === 'linspace') {
          row.param = sizeOf(shape);
          out = { shape: [sizeOf(shape)], dtype };
          label = `${op} ${dt} ${sizeOf(shape) === SMALL ? SMALL : '1M'}`;
        }
        write = nbytes(out.shape, dtype);
        row.noCheck = op === 'rand' || op === 'randn' || op === 'empty';
      }
      break;
    }
    case 'copies': {
      if (op === 'astype') {
        const to = DTYPE_OF[layout.slice(3)];
        const dist = to === 'uint8' ? 'u8range' : to === 'int32' ? 'wide' : 'uniform';
        row.inputs = { a: inp(shape, dist) };
        row.param = to;
        out = { shape, dtype: to };
        label = `astype ${dt}→${DT[to]} ${shapeLabel(shape)}`;
        read = nbytes(shape, dtype);
        write = nbytes(shape, to);
        row.exact = true;
      } else if (op === 'contiguous') {
        row.inputs = { a: inp(shape) };
        const outShape = layout === 'blocks' ? [shape[0], shape[1] / 2] : [shape[1], shape[0]];
        out = { shape: outShape, dtype };
        label = layout === 'blocks'
          ? `contiguous ${dt} of slice(':, 0:${shape[1] / 2}') of ${shapeLabel(shape)}`
          : `contiguous ${dt} of transposed ${shapeLabel(shape)}`;
        read = write = nbytes(outShape, dtype);
        row.exact = true;
      } else if (op === 'fromNpy') {
        row.inputs = { npy: inp(shape) };
        read = write = nbytes(shape, dtype);
        row.exact = true;
      } else {
        row.inputs = { a: inp(shape) };
        read = write = nbytes(shape, dtype);
        row.exact = true;
      }
      break;
    }
    case 'views': {
      row.inputs = { a: inp(shape) };
      label = `${{ slice: 'slice (string spec)', sliceArray: 'slice (array spec)', share: 'share' }[op] ?? op} ${dt} ${shapeLabel(shape)} + free`;
      row.exact = true;
      break;
    }
    case 'access': {
      if (GETTERS.includes(op)) {
        row.inputs = { a: inp(shape) };
        label = `.${op} getter`;
        row.noCheck = true;
      } else if (op === 'item') {
        row.inputs = { a: inp([1]) };
        label = `item ${dt} [1]`;
      } else if (op === 'assign') {
        const other = layout === 'bcast-row' ? [shape[shape.length - 1]] : shape;
        row.inputs = { a: inp(shape), b: inp(other) };
        label = `assign ${dt} ${shapeLabel(shape)} ← ${shapeLabel(other)}`;
        read = nbytes(other, dtype);
        write = nbytes(shape, dtype);
      } else {
        row.inputs = { a: inp(shape) };
        if (op === 'fill') write = nbytes(shape, dtype);
      }
      row.exact = true;
      break;
    }
    case 'unary': {
      const dist = dtype === 'float32' || dtype === 'float64' ? (UNARY_DIST[op] ?? 'uniform') : 'int';
      row.inputs = { a: inp(shape, dist) };
      if (layout === 'transposed') label += ' transposed';
      read = nbytes(shape, dtype);
      write = nbytes(shape, dtype);
      row.exact = dtype === 'int32' || dtype === 'uint8';
      break;
    }
    case 'binary':
    case 'compare': {
      const isCmp = family === 'compare';
      const distA = isCmp ? 'smallint' : op === 'pow' ? 'positive' : 'uniform';
      const distB = isCmp ? 'smallint' : ['div', 'mod', 'floorDiv'].includes(op) ? 'positive' : 'uniform';
      let bShape = shape;
      let aShape = shape;
      if (layout === 'bcast-col') bShape = [shape[0], 1];
      if (layout === 'bcast-row') bShape = [shape[1]];
      if (layout === 'scalar') bShape = null;
      row.inputs = { a: inp(aShape, distA) };
      if (bShape) row.inputs.b = inp(bShape, distB);
      // weak scalars: an integral value for integer tensors (stays integer), else a float
      row.param = layout === 'scalar' ? (isCmp ? 0 : dtype === 'float32' || dtype === 'float64' ? 2.5 : 3) : null;
      const suffix = {
        'bcast-col': ` + ${shapeLabel(bShape ?? [])}`,
        'bcast-row': ` + ${shapeLabel(bShape ?? [])}`,
        transposed: ' (a.T, b)',
        strided: " (a[:, ::2], b[:, ::2])",
        scalar: ` (JS number ${row.param})`,
      }[layout] ?? '';
      label += suffix;
      const outShape = layout === 'strided' ? [shape[0], shape[1] / 2] : shape;
      out = { shape: outShape, dtype: isCmp ? 'bool' : dtype };
      read = nbytes(outShape, dtype) * (bShape ? 2 : 1);
      write = nbytes(outShape, out.dtype);
      row.exact = isCmp || dtype === 'int32' || dtype === 'uint8';
      break;
    }
    case 'reduce': {
      const dist = op === 'prod' ? 'near1' : 'uniform';
      const s = size === 'small' ? [SMALL] : shape;
      row.inputs = { a: inp(s, dist) };
      row.param = layout === 'all' ? undefined : layout === 'inner' ? -1 : 0;
      label = `${op} ${dt} ${shapeLabel(s)} ${layout === 'all' ? 'all axes' : layout === 'inner' ? 'axis -1' : 'axis 0'}`;
      read = nbytes(s, dtype);
      row.exact = op === 'argMax' || op === 'argMin' || (dtype !== 'float32' && dtype !== 'float64' && op !== 'mean');
      break;
    }
    case 'softmax': {
      const s = size === 'small' ? [2, 2] : shape;
      row.inputs = { a: inp(s) };
      row.param = layout === 'inner' ? -1 : 0;
      label = `softmax ${dt} ${shapeLabel(s)} axis ${row.param}`;
      read = nbytes(s, dtype);
      write = nbytes(s, dtype);
      break;
    }
    case 'everyday': {
      const s = size === 'small' ? [2, 2] : shape;
      const n = s[s.length - 1];
      row.inputs = { a: inp(s) };
      if (['isclose', 'allclose', 'logicalAnd', 'einsum'].includes(op)) row.inputs.b = inp(s);
      row.param = op === 'topk' ? Math.min(8, n) : -1;
      label = `${op} ${dt} ${shapeLabel(s)}${op === 'topk' ? ` k ${row.param}` : ''} axis -1`;
      read = nbytes(s, dtype) * (op === 'isclose' ? 2 : 1);
      row.exact = ['sort', 'argsort', 'topk', 'any', 'all', 'isNaN', 'logicalAnd', 'isclose', 'allclose', 'maskIndex', 'indexSet', 'take',
        'takeAlongAxis', 'oneHot', 'nonzero', 'bincount', 'split', 'tile', 'repeat', 'pad', 'clip'].includes(op);
      break;
    }
    case 'linalg': {
      const n = +size;
      row.inputs = { a: inp([n, n]) };
      if (op === 'solve') row.inputs.b = inp([n, 1]);
      label = `linalg.${op} ${dt} ${n}²`;
      row.flops = (2 / 3) * n ** 3 * (op === 'inv' ? 3 : 1);
      break;
    }
    case 'matmul': {
      const [a, b] = size === 'batch16x64' ? [[16, 64, 64], [16, 64, 64]] : [[+size, +size], [+size, +size]];
      row.inputs = { a: inp(a), b: inp(b) };
      out = { shape: size === 'batch16x64' ? [16, 64, 64] : [+size, +size], dtype };
      row.flops = size === 'batch16x64' ? 16 * 2 * 64 ** 3 : 2 * (+size) ** 3;
      label = size === 'batch16x64' ? `matmul ${dt} [16,64,64] @ [16,64,64]` : `matmul ${dt} ${size}²`;
      break;
    }
    case 'join': {
      if (op === 'where') {
        const s = size === 'small' ? [SMALL] : shape;
        row.inputs = { cond: inp(s, 'cond', 'bool'), a: inp(s) };
        if (layout === 'tensors') row.inputs.b = inp(s);
        label = `where ${dt} ${shapeLabel(s)}${layout === 'scalar' ? ' (cond, a, 0)' : ' (cond, a, b)'}`;
        row.param = layout === 'scalar' ? 0 : null;
        read = nbytes(s, dtype) * (layout === 'scalar' ? 1 : 2) + nbytes(s, 'bool');
        write = nbytes(s, dtype);
      } else {
        const axis = op === 'stack' ? 0 : layout === 'axis0' ? 0 : 1;
        const part = size === 'small'
          ? (op === 'stack' ? [2] : axis === 0 ? [1, 2] : [2, 1])
          : op === 'stack' || axis === 0 ? [L / 2, L] : [L, L / 2];
        row.inputs = { a: inp(part), b: inp(part) };
        row.param = axis;
        const outShape = op === 'stack' ? [2, ...part] : part.map((d, k) => (k === axis ? 2 * d : d));
        out = { shape: outShape, dtype };
        label = `${op} ${dt} 2 × ${shapeLabel(part)} axis ${axis}`;
        read = write = nbytes(outShape, dtype);
      }
      row.exact = true;
      break;
    }
    case 'errors': {
      row.inputs = { a: inp([SMALL]), b: inp([3]) };
      label = {
        reshape: 'reshape [4] → [5] throws (caught)',
        add: 'add [4] + [3] throws (caught)',
        freed: 'add on a freed tensor throws (caught)',
      }[op];
      row.noCheck = true;
      break;
    }
    case 'chain': {
      row.inputs = { grid: inp([1000, 1000]) };
      label = 'view chain on 1000² (3 views + 3 free)';
      row.exact = true;
      break;
    }
    default:
      throw new Error(`matrix: unknown family ${family}`);
  }
  row.label = label;
  row.out = out;
  row.bytes = { read, write };
}

/** Every row of the table, in table order. */
export function expandRows(table = TABLE) {
  const rows = [];
  const byId = new Map();
  for (const g of table) {
    const combos = g.combos ?? (g.dtypes ?? ['float32']).flatMap((dtype) => (g.layouts ?? ['default']).map((layout) => ({ dtype, layout })));
    for (const op of g.ops) {
      for (const size of g.sizes) {
        for (const { dtype, layout } of combos) {
          const row = { family: g.family, op, dtype, size, layout };
          row.id = `${g.family}/${op}/${DT[dtype]}/${size}${layout === 'default' ? '' : `/${layout}`}`;
          if (g.merge) {
            // adds targets to rows another group made (same family/op/dtype/size, layout 'default')
            const base = byId.get(row.id.replace(/\/contig$/, ''));
            if (!base) throw new Error(`matrix: nothing to merge into for ${row.id}`);
            base.targets.push(...(g.targets ?? []));
            continue;
          }
          if (byId.has(row.id)) throw new Error(`matrix: duplicate row ${row.id}`);
          row.peers = g.peers
            .filter((p) => !p.includes('@') || p.endsWith(`@${size}`))
            .map((p) => p.replace(/@\w+$/, ''));
          // memBound: true, or the ops of the group that are (the baseline child runs these rows)
          row.memBound = size === 'large' && (Array.isArray(g.memBound) ? g.memBound.includes(op) : Boolean(g.memBound));
          row.targets = [...(g.targets ?? [])]
            .filter((t) => !t.includes('@') || t.endsWith(`@${size}`))
            .map((t) => t.replace(/@\w+$/, ''));
          if (row.peers.includes('tfjs')) row.targets.unshift('tfjs>=1');
          if (row.memBound) row.targets.push('baseline<=2');
          row.extra = UNARY_EXTRA.includes(op) || BINARY_EXTRA.includes(op);
          describe(row);
          rows.push(row);
          byId.set(row.id, row);
        }
      }
    }
  }
  return rows;
}
