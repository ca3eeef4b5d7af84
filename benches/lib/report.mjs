// Formatting: the results table (plain text and Markdown), the bandwidth and check
// sections, and a hand-written SVG bar chart of ExTensor's speedup over tfjs-wasm.
import { ROWS, TOLERANCE } from './data.mjs';

export function fmtTime(ms) {
  const units = [[1e3, 's', 1e-3], [1, 'ms', 1], [1e-3, 'µs', 1e3], [0, 'ns', 1e6]];
  for (const [limit, unit, scale] of units) {
    if (ms >= limit) return `${sig(ms * scale)} ${unit}`;
  }
  return `${sig(ms * 1e6)} ns`;
}

function sig(x) {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  return r < 0.1 ? `${r.toPrecision(2)}×` : `${sig(r)}×`;
}

const gbps = (bytes, ms) => bytes / (ms * 1e-3) / 1e9;

/** The text of one timing cell. */
function cellText(row, cell) {
  if (cell === undefined) return '—';
  if (cell.na) return 'n/a';
  if (cell.error) return 'error';
  let s = fmtTime(cell.ms);
  if (row.flops) s += ` (${sig(row.flops / (cell.ms * 1e-3) / 1e9)} GFLOP/s)`;
  return s;
}

/**
 * The table as rows of strings. impls: [{ key, label }], the ExTensor ones flagged `ex`.
 * Ratio columns: for each ExTensor build, time(tfjs) / time(ExTensor) and time(JS) / time(ExTensor).
 */
export function tableRows(results) {
  const { impls, cells } = results;
  const exImpls = impls.filter((i) => i.ex);
  const header = ['row', ...impls.map((i) => i.label)];
  for (const e of exImpls) header.push(`${e.short} vs tfjs`, `${e.short} vs JS`);
  const body = ROWS.map((row) => {
    const line = [row.label, ...impls.map((i) => cellText(row, cells[i.key]?.[row.id]))];
    for (const e of exImpls) {
      const t = cells[e.key]?.[row.id]?.ms;
      line.push(fmtRatio(cells.tfjs?.[row.id]?.ms / t), fmtRatio(cells.js?.[row.id]?.ms / t));
    }
    return line;
  });
  return [header, ...body];
}

export function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const pad = (s, w, right) => (right ? s.padStart(w) : s.padEnd(w));
  const lines = rows.map((r) => r.map((s, c) => pad(s, widths[c], c > 0)).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

export function markdownTable(rows) {
  const line = (r) => `| ${r.join(' | ')} |`;
  const align = `| --- | ${rows[0].slice(1).map(() => '---:').join(' | ')} |`;
  return [line(rows[0]), align, ...rows.slice(1).map(line)].join('\n');
}

/** Bytes moved per second by add (two reads, one write of 4 MiB) against the memcpy references. */
export function bandwidthLines(results) {
  const add = ROWS.find((r) => r.id === 'add');
  const lines = [];
  const copies = results.memcpy.filter((m) => m.ms);
  for (const m of results.memcpy) {
    lines.push(m.ms
      ? `memcpy 4 MiB (${m.label}): ${fmtTime(m.ms)}, ${sig(gbps(m.bytes, m.ms))} GB/s moved`
      : `memcpy (${m.label}): ${m.error}`);
  }
  for (const impl of results.impls) {
    const cell = results.cells[impl.key]?.add;
    if (!cell?.ms) continue;
    const bw = gbps(add.bytes, cell.ms);
    const vs = copies.map((m) => `${Math.round((100 * bw) / gbps(m.bytes, m.ms))}% of ${m.short}`).join(', ');
    lines.push(`add f32 1M, ${impl.label}: 12 MiB moved per op = ${sig(bw)} GB/s = ${vs}`);
  }
  return lines;
}

export function checkLines(results) {
  const bad = results.checks.filter((c) => !(c.diff <= TOLERANCE));
  if (results.checks.length === 0) return ['check: nothing to compare'];
  if (bad.length === 0) {
    const worst = Math.max(...results.checks.map((c) => c.diff));
    return [`check: ok (${results.checks.length} comparisons, normwise relative difference <= ${worst.toExponential(1)}, tolerance ${TOLERANCE})`];
  }
  return bad.map((c) => `check: MISMATCH ${c.row}: ${c.a} vs ${c.b}: relative difference ${c.diff.toPrecision(3)} > ${TOLERANCE}`);
}

/** n/a reasons and errors, one line per distinct message. */
export function noteLines(results) {
  const seen = new Map();
  for (const impl of results.impls) {
    for (const row of ROWS) {
      const cell = results.cells[impl.key]?.[row.id];
      const msg = cell?.na ? `n/a: ${cell.na}` : cell?.error ? `error in ${impl.label}: ${cell.error}` : null;
      if (msg) seen.set(msg, new Set([...(seen.get(msg) ?? []), row.label]));
    }
  }
  return [...seen].map(([msg, rows]) => `${msg}: ${[...rows].join('; ')}`);
}

// ---------------------------------------------------------------- SVG

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function svgChart(results, footnote) {
  const exImpls = results.impls.filter((i) => i.ex);
  const colors = ['#2b6cb0', '#90cdf4', '#2f855a', '#9ae6b4'];
  const ratio = (impl, row) => results.cells.tfjs?.[row.id]?.ms / results.cells[impl.key]?.[row.id]?.ms;
  const logs = [];
  for (const row of ROWS) for (const impl of exImpls) {
    const r = ratio(impl, row);
    if (Number.isFinite(r) && r > 0) logs.push(Math.log10(r));
  }
  const lo = Math.min(-1, Math.floor(Math.min(0, ...logs)));
  const hi = Math.max(1, Math.ceil(Math.max(0, ...logs)));

  const W = 860;
  const left = 200;
  const right = 80;
  const top = 78;
  const barH = 14;
  const gap = 3;
  const groupGap = 14;
  const groupH = exImpls.length * barH + (exImpls.length - 1) * gap;
  const plotH = ROWS.length * groupH + (ROWS.length - 1) * groupGap;
  const H = top + plotH + 40 + 14 * footnote.length + 12;
  const x = (l) => left + ((l - lo) / (hi - lo)) * (W - left - right);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">ExTensor speedup over TensorFlow.js wasm (SIMD, 1 thread)</text>`);
  out.push(`<text x="${W / 2}" y="40" text-anchor="middle" fill="#555">time(tfjs) / time(ExTensor), log scale; right of 1× = ExTensor faster</text>`);
  exImpls.forEach((impl, k) => {
    const lx = left + k * 170;
    out.push(`<rect x="${lx}" y="50" width="12" height="12" fill="${colors[k]}"/>`);
    out.push(`<text x="${lx + 17}" y="60">${esc(impl.label)}</text>`);
  });
  for (let d = lo; d <= hi; d++) {
    const gx = x(d);
    out.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + plotH + 6}" stroke="${d === 0 ? '#333' : '#ddd'}" stroke-width="${d === 0 ? 1.5 : 1}"/>`);
    const label = d >= 0 ? `${10 ** d}×` : `${(10 ** d).toFixed(-d)}×`;
    out.push(`<text x="${gx}" y="${top + plotH + 22}" text-anchor="middle" fill="#333">${label}</text>`);
  }
  ROWS.forEach((row, i) => {
    const gy = top + i * (groupH + groupGap);
    out.push(`<text x="${left - 10}" y="${gy + groupH / 2 + 4}" text-anchor="end">${esc(row.label)}</text>`);
    exImpls.forEach((impl, k) => {
      const y = gy + k * (barH + gap);
      const r = ratio(impl, row);
      const x0 = x(0);
      if (!(Number.isFinite(r) && r > 0)) {
        const cell = results.cells[impl.key]?.[row.id];
        const why = results.cells.tfjs?.[row.id]?.ms === undefined ? 'no tfjs time' : cell?.error ? 'error' : 'n/a';
        out.push(`<text x="${x0 + 5}" y="${y + barH - 3}" fill="#999">${why}</text>`);
        return;
      }
      const x1 = x(Math.log10(r));
      out.push(`<rect x="${Math.min(x0, x1)}" y="${y}" width="${Math.max(1, Math.abs(x1 - x0))}" height="${barH}" fill="${colors[k]}"><title>${esc(`${row.label}, ${impl.label}: ${fmtRatio(r)}`)}</title></rect>`);
      const tx = r >= 1 ? x1 + 4 : x1 - 4;
      out.push(`<text x="${tx}" y="${y + barH - 3}" text-anchor="${r >= 1 ? 'start' : 'end'}" fill="#222">${fmtRatio(r)}</text>`);
    });
  });
  footnote.forEach((line, k) => {
    out.push(`<text x="10" y="${top + plotH + 44 + k * 14}" fill="#666" font-size="10">${esc(line)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
