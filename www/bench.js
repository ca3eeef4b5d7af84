// The in-browser benchmark: ExTensor against plain JS loops on the same Float32Array data,
// and the SVG bar chart of the speedups.
import * as ex from '../js/browser.js';

const N = 1 << 20;
const MATMUL_N = 128;
export const SAMPLES = 7;
// performance.now() is coarse in a page that is not cross-origin isolated (100 µs in
// Chromium), so calls faster than this are timed in batches.
const MIN_SAMPLE_MS = 8;
const MAX_BATCH = 200;

// Every JS loop adds its result here, so no engine can drop the loop as dead code.
let sink = 0;

/** A seeded float32 tensor and a JS copy of its values. */
function input(shape, seed) {
  const tensor = ex.rand(shape, { seed });
  return [tensor, tensor.toTypedArray()];
}

function elementwise(name, exOp, jsOp) {
  return {
    name,
    setup() {
      const [a, x] = input([N], 1);
      const [b, y] = input([N], 2);
      return {
        tensors: [a, b],
        // tidy frees the result (and anything else the call made).
        extensor: () => ex.tidy(() => { exOp(a, b); }),
        js: () => {
          const out = new Float32Array(N);
          for (let i = 0; i < N; i++) out[i] = jsOp(x[i], y[i]);
          sink += out[N - 1];
        },
      };
    },
  };
}

const sumRow = {
  name: 'sum f32 1M',
  setup() {
    const [a, x] = input([N], 3);
    return {
      tensors: [a],
      extensor: () => ex.tidy(() => { sink += a.sum().item(); }),
      js: () => {
        let total = 0;
        for (let i = 0; i < N; i++) total += x[i];
        sink += total;
      },
    };
  },
};

const matmulRow = {
  name: `matmul ${MATMUL_N}×${MATMUL_N}`,
  setup() {
    const n = MATMUL_N;
    const [a, x] = input([n, n], 4);
    const [b, y] = input([n, n], 5);
    return {
      tensors: [a, b],
      extensor: () => ex.tidy(() => { a.matmul(b); }),
      js: () => {
        // The textbook triple loop: what a JS user writes without a library.
        const out = new Float32Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let acc = 0;
            for (let k = 0; k < n; k++) acc += x[i * n + k] * y[k * n + j];
            out[i * n + j] = acc;
          }
        }
        sink += out[0];
      },
    };
  },
};

export const BENCH_ROWS = [
  elementwise('add f32 1M', (a, b) => a.add(b), (p, q) => p + q),
  sumRow,
  elementwise('exp f32 1M', (a) => a.exp(), (p) => Math.exp(p)),
  matmulRow,
];

function median(values) {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median milliseconds per call of fn. */
function measure(fn) {
  fn(); // warm-up: JIT tiers, first allocations, wasm memory growth
  const start = performance.now();
  fn();
  const once = Math.max(performance.now() - start, 0.01);
  const batch = Math.min(MAX_BATCH, Math.ceil(MIN_SAMPLE_MS / once));
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t0) / batch);
  }
  return median(samples);
}

/** Lets the page repaint between rows. */
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs every row; calls onRow(result, index) after each. Frees every tensor it made,
 * even when a row throws. Results: { name, extensorMs, jsMs, speedup }.
 */
export async function runBenchmark(onRow) {
  const results = [];
  for (const [index, row] of BENCH_ROWS.entries()) {
    await nextFrame();
    const { tensors, extensor, js } = row.setup();
    try {
      const extensorMs = measure(extensor);
      await nextFrame();
      const jsMs = measure(js);
      const result = { name: row.name, extensorMs, jsMs, speedup: jsMs / extensorMs };
      results.push(result);
      onRow(result, index);
    } finally {
      for (const t of tensors) t.free();
    }
  }
  return results;
}

export function formatMs(ms) {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export function formatSpeedup(speedup) {
  return `${speedup.toFixed(speedup < 10 ? 2 : 1)}×`;
}

// ------------------------------------------------------------------ chart

const SVG_NS = 'http://www.w3.org/2000/svg';
const CHART = { width: 640, rowHeight: 34, barHeight: 20, labelWidth: 140, valueWidth: 110, top: 24, bottom: 8 };

function svg(name, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A horizontal bar per row: the speedup of ExTensor over plain JS, with a line at 1×. */
export function drawChart(container, results) {
  const { width, rowHeight, barHeight, labelWidth, valueWidth, top, bottom } = CHART;
  const height = top + results.length * rowHeight + bottom;
  const plotWidth = width - labelWidth - valueWidth;
  const maxSpeedup = Math.max(1, ...results.map((r) => r.speedup)) * 1.05;
  const x = (speedup) => labelWidth + (speedup / maxSpeedup) * plotWidth;

  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'bench-chart-title',
    class: 'chart',
  });
  chart.append(svg('title', { id: 'bench-chart-title' }, 'Speedup of ExTensor over plain JS per row (higher is better)'));
  chart.append(svg('text', { x: labelWidth, y: 14, class: 'chart-caption' }, 'speedup over plain JS (higher is better)'));

  results.forEach((result, i) => {
    const y = top + i * rowHeight;
    chart.append(svg('text', { x: labelWidth - 8, y: y + barHeight / 2, class: 'chart-label', 'text-anchor': 'end', 'dominant-baseline': 'central' }, result.name));
    const bar = svg('rect', {
      x: labelWidth,
      y,
      width: Math.max(1, x(result.speedup) - labelWidth),
      height: barHeight,
      rx: 3,
      class: `bar ${result.speedup >= 1 ? 'bar-faster' : 'bar-slower'}`,
      'data-row': result.name,
      'data-speedup': result.speedup.toFixed(3),
    });
    bar.append(svg('title', {}, `${result.name}: ExTensor ${formatMs(result.extensorMs)}, plain JS ${formatMs(result.jsMs)}`));
    chart.append(bar);
    chart.append(svg('text', { x: x(result.speedup) + 6, y: y + barHeight / 2, class: 'chart-value', 'dominant-baseline': 'central' }, formatSpeedup(result.speedup)));
  });

  const one = x(1);
  chart.append(svg('line', { x1: one, x2: one, y1: top - 6, y2: height - bottom + 2, class: 'chart-unit' }));
  chart.append(svg('text', { x: one, y: height - 1, class: 'chart-unit-label', 'text-anchor': 'middle' }, '1×'));
  container.replaceChildren(chart);
}
