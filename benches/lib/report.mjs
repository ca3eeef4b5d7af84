// Formatting: the per-family tables (plain text and Markdown), the summary, the list of
// target misses, the whole report (text for stdout, Markdown for the results file), and a
// hand-written SVG bar chart of the ratio vs tfjs-wasm per row.
// Environment-agnostic: everything returns strings.
import { FAMILIES } from './matrix.mjs';
import { TOLERANCE } from './data.mjs';
import { PEERS, PEER_LABELS } from './targets.mjs';
import { reasonFor } from './reasons.mjs';

export function fmtTime(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1e3) return `${sig(ms / 1e3)} s`;
  if (ms >= 1) return `${sig(ms)} ms`;
  if (ms >= 1e-3) return `${sig(ms * 1e3)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

export function sig(x) {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  if (r >= 1000) return `${Math.round(r).toLocaleString('en-US').replace(/,/g, ' ')}×`;
  return r < 0.1 ? `${r.toPrecision(2)}×` : `${sig(r)}×`;
}

const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.sqrt(s[m - 1] * s[m]);
};

/** The text of one timing cell. */
function cellText(row, cell) {
  if (cell === undefined) return '';
  if (cell.na) return 'n/a';
  if (cell.error) return 'error';
  let s = fmtTime(cell.ms);
  if (row.flops) s += ` (${sig(row.flops / (cell.ms * 1e-3) / 1e9)} GFLOP/s)`;
  return s;
}

export function ratioVs(res, peer) {
  return res.cells[peer]?.ms / res.cells.ex?.ms;
}

function targetText(ev) {
  if (ev.pass === null) return `– ${ev.label} (${ev.why})`;
  const v = ev.kind === 'time' ? `${sig(ev.value)} µs` : ev.kind === 'peer' ? fmtRatio(ev.value) : `${sig(ev.value)}×`;
  return `${ev.pass ? '✓' : '✗'} ${ev.label}: ${v}`;
}

/** Bound ratio shown for information: time / (read bound for reduce and softmax, else copy bound). */
function boundRatio(res) {
  const kind = ['reduce', 'softmax'].includes(res.row.family) ? 'read' : 'copy';
  const b = res.bounds?.[kind];
  const ex = res.cells.ex?.ms;
  return b > 0 && ex > 0 ? { kind, value: ex / b } : null;
}

/** Columns present in a set of results (a peer column only when some row ran it). */
function columns(results, extraBuilds) {
  const peers = PEERS.filter((p) => results.some((r) => r.row.peers.includes(p)));
  const builds = extraBuilds.filter((b) => results.some((r) => r.cells[b]));
  return { peers, builds };
}

const BUILD_LABEL = { baseline: 'ExTensor baseline', relaxed: 'ExTensor relaxed' };
const PEER_SHORT = { tfjs: 'tfjs-wasm', ort: 'ort-web', ndarray: 'ndarray', js: 'plain JS' };

/** One family's table as rows of strings (header first). */
export function familyTable(results, exLabel, { targets = true } = {}) {
  const { peers, builds } = columns(results, ['relaxed', 'baseline']);
  const header = ['row', exLabel, ...peers.map((p) => PEER_SHORT[p]), ...builds.map((b) => BUILD_LABEL[b]),
    ...peers.map((p) => `vs ${PEER_SHORT[p]}`), 'vs bound'];
  if (targets) header.push('targets');
  const body = results.map((res) => {
    const line = [res.row.label, cellText(res.row, res.cells.ex)];
    for (const p of peers) line.push(res.row.peers.includes(p) ? cellText(res.row, res.cells[p]) : '');
    for (const b of builds) {
      const cell = res.cells[b];
      line.push(cell ? `${cellText(res.row, cell)}${cell.ms ? ` (${sig(cell.ms / res.cells.ex?.ms)}×)` : ''}` : '');
    }
    for (const p of peers) line.push(res.row.peers.includes(p) ? fmtRatio(ratioVs(res, p)) : '');
    const br = boundRatio(res);
    line.push(br ? `${sig(br.value)}× ${br.kind}` : '');
    // targets that do not apply to the row (its peer lacks the op or dtype) are left out
    if (targets) line.push(res.evals.filter((ev) => ev.pass !== null || ev.kind !== 'peer').map(targetText).join('; '));
    return line;
  });
  return [header, ...body];
}

export function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const pad = (s, w, right) => (right ? s.padStart(w) : s.padEnd(w));
  const last = rows[0].length - 1;
  const lines = rows.map((r) => r.map((s, c) => (c === last ? s : pad(s, widths[c], c > 0))).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w, c) => '-'.repeat(c === last ? Math.min(w, 20) : w)).join('  '));
  return lines.join('\n');
}

export function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const line = (r) => `| ${r.map(esc).join(' | ')} |`;
  const align = `| --- | ${rows[0].slice(1).map((h) => (h === 'targets' ? '---' : '---:')).join(' | ')} |`;
  return [line(rows[0]), align, ...rows.slice(1).map(line)].join('\n');
}

/** Per family: rows, worst and median ratio vs tfjs, targets checked, misses. */
export function summaryRows(results) {
  const header = ['family', 'rows', 'rows vs tfjs', 'worst vs tfjs', 'median vs tfjs', 'targets checked', 'misses'];
  const out = [header];
  const all = { rows: 0, tf: [], checked: 0, misses: 0 };
  for (const family of FAMILIES) {
    const rs = results.filter((r) => r.row.family === family);
    if (rs.length === 0) continue;
    const tf = rs.map((r) => ratioVs(r, 'tfjs')).filter((x) => Number.isFinite(x) && x > 0);
    const evals = rs.flatMap((r) => r.evals);
    const checked = evals.filter((e) => e.pass !== null).length;
    const misses = evals.filter((e) => e.pass === false).length;
    const worst = tf.length ? Math.min(...tf) : NaN;
    const worstRow = rs.find((r) => ratioVs(r, 'tfjs') === worst);
    out.push([family, String(rs.length), String(tf.length), tf.length ? `${fmtRatio(worst)} (${worstRow.row.label})` : '—',
      fmtRatio(median(tf)), String(checked), String(misses)]);
    all.rows += rs.length;
    all.tf.push(...tf);
    all.checked += checked;
    all.misses += misses;
  }
  out.push(['**all**', String(all.rows), String(all.tf.length), all.tf.length ? fmtRatio(Math.min(...all.tf)) : '—',
    fmtRatio(median(all.tf)), String(all.checked), String(all.misses)]);
  return out;
}

/** Every failed target: { row, label, text } (the optimisation worklist). */
export function misses(results) {
  const out = [];
  for (const res of results) {
    for (const ev of res.evals) {
      if (ev.pass === false) {
        out.push({
          id: res.row.id, row: res.row.label, family: res.row.family, text: targetText(ev).replace(/^✗ /, ''),
          kind: ev.kind, peer: /^(\w+)>=/.exec(ev.target)?.[1],
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- the report

const fmtBytes = (b) => (b < 2 ** 20 ? `${sig(b / 2 ** 10)} KiB` : `${sig(b / 2 ** 20)} MiB`);
const gbPerS = (bytes, ms) => sig(bytes / (ms * 1e-3) / 1e9);

/** The copy references: TypedArray.set per byte count, then the copies in wasm memory. */
export function copyLines(sizes, copies, wasmCopies) {
  return [
    ...sizes.map((b) => `TypedArray.set, JS heap, ${fmtBytes(b)} (${b} bytes): ${fmtTime(copies.get(b))} = ${gbPerS(b, copies.get(b))} GB/s copied`),
    ...wasmCopies.map((m) => (m.ms ? `${m.label}, 4 MiB: ${fmtTime(m.ms)} = ${gbPerS(m.bytes, m.ms)} GB/s copied` : `${m.label}: ${m.error}`)),
  ];
}

/** The cross-check: one line when every comparison passed, else one line per mismatch. */
export function checkLines(checks) {
  if (checks.length === 0) return ['check: nothing to compare'];
  const bad = checks.filter((c) => !c.ok);
  if (bad.length === 0) {
    return [`check: ok (${checks.length} comparisons; exact rows equal, float rows within ${TOLERANCE} normwise relative difference, worst ${Math.max(...checks.map((c) => c.diff)).toExponential(1)})`];
  }
  return bad.map((c) => `check: MISMATCH ${c.row} (${c.id}): ${c.a} vs ${c.b}: normwise relative difference ${Number.isNaN(c.diff) ? 'NaN' : c.diff.toPrecision(3)} > ${c.tol}`);
}

/** n/a reasons and errors, one line per distinct message; skipped rows. */
export function noteLines(results, skipped) {
  const seen = new Map();
  for (const res of results) {
    for (const [impl, cell] of Object.entries(res.cells)) {
      const who = impl === 'ex' ? 'ExTensor' : PEER_LABELS[impl] ?? `ExTensor ${impl}`;
      const msg = cell.na ? `${who} n/a: ${cell.na}` : cell.error ? `${who} error: ${cell.error}` : null;
      if (msg) seen.set(msg, [...(seen.get(msg) ?? []), res.row.id]);
    }
  }
  const lines = [...seen].map(([msg, ids]) => `${msg} — ${ids.length > 4 ? `${ids.length} rows, e.g. ${ids.slice(0, 3).join(', ')}` : ids.join(', ')}`);
  const byWhy = new Map();
  for (const s of skipped) {
    const why = s.why.replace(/ \w+\(\)/, ' <op>()');
    byWhy.set(why, [...(byWhy.get(why) ?? []), s.row.op]);
  }
  for (const [why, ops] of byWhy) lines.push(`not in this build, rows left out: ${[...new Set(ops)].join(', ')} (${why})`);
  return lines;
}

const byFamily = (results) => FAMILIES.map((family) => [family, results.filter((r) => r.row.family === family)]).filter(([, rs]) => rs.length);

/**
 * The run for stdout: a table per family, the summary, copy references, check, notes,
 * machine, the misses. `report` = { results, exLabel, missList, copyLines, checkLines, notes, machine }.
 */
export function textReport({ results, exLabel, missList, copyLines, checkLines, notes, machine }, where) {
  return [
    ...byFamily(results).map(([family, rs]) => `\n## ${family}\n${textTable(familyTable(rs, exLabel))}`),
    '\nratio = time(peer) / time(ExTensor): above 1× ExTensor is faster. vs bound = time(ExTensor) / bound (copy bound, or read bound for reductions and softmax).',
    `\n## summary\n${textTable(summaryRows(results))}`,
    ['', '## copy references', ...copyLines, '', ...checkLines, ...(notes.length ? ['', '## notes', ...notes] : []), '', ...machine].join('\n'),
    `\n## target misses: ${missList.length} (${unexplained(missList, where).length} without a stated reason)`,
    ...missList.map((m) => `MISS ${m.row} [${m.id}]: ${m.text}${reasonFor(m, where) ? '' : ' (no reason stated)'}`),
  ].join('\n');
}

/** The misses as Markdown, one sub-list per family. */
function missesByFamily(missList, where) {
  const out = [];
  for (const fam of FAMILIES) {
    const ms = missList.filter((m) => m.family === fam);
    if (ms.length === 0) continue;
    out.push(`- **${fam}** (${ms.length})`);
    for (const m of ms) {
      const why = reasonFor(m, where);
      out.push(`  - ${m.row} (\`${m.id}\`): ${m.text}${why ? ` — *why:* ${why}` : ' — **no reason stated yet**'}`);
    }
  }
  return out;
}

/** How many misses have no stated reason (lib/reasons.mjs): the optimisation worklist. */
export function unexplained(missList, where) {
  return missList.filter((m) => reasonFor(m, where) === null);
}

/**
 * The results file (results.md, results-chromium.md). `page` = { title, intro: lines under
 * the title, where: where the targets were checked ('Node', 'Chromium'), chart: the SVG's
 * file name or null }.
 */
export function resultsMarkdown({ results, exLabel, missList, copyLines, checkLines, notes, machine }, page) {
  const out = [
    `# ${page.title}`,
    '',
    ...page.intro,
    'Ratio = time(peer) ÷ time(ExTensor): above 1× ExTensor is faster.',
    '',
    '## Summary',
    '',
    markdownTable(summaryRows(results)),
    '',
    `Targets are checked on the ${exLabel.replace('ExTensor ', '')} build (${page.where}); "worst"/"median vs tfjs" are over the rows tfjs-wasm ran.`,
    '',
    `## Target misses (${missList.length}; ${unexplained(missList, page.where).length} without a stated reason)`,
    '',
    'Each miss with the reason it misses, where it is understood (one source: `benches/lib/reasons.mjs`).',
    '',
    ...(missList.length ? missesByFamily(missList, page.where) : ['None.']),
    '',
    ...(page.chart ? [`![ratio vs tfjs-wasm per row](${page.chart})`, ''] : []),
  ];
  for (const [family, rs] of byFamily(results)) out.push(`## ${family}`, '', markdownTable(familyTable(rs, exLabel)), '');
  out.push(
    'Cells: time per op (min of runs; a row\'s op includes `free()`/`dispose()` of what it makes).',
    '"vs <peer>" = time(peer) ÷ time(ExTensor). "vs bound" = time(ExTensor) ÷ the row\'s bound, copy(X) being the',
    'time of a `TypedArray.prototype.set` copy of X bytes measured in this run (below): the copy bound is',
    'copy((bytes read + bytes written) / 2), a copy moving as many bytes as the op (for a plain copy of X bytes,',
    'copy(X)); the read bound (reductions, softmax) is copy(bytes read) = bytes read ÷ copy bandwidth, the copy',
    'bandwidth being bytes copied per second. Baseline/relaxed columns: that build\'s time (and its time ÷ this',
    'build\'s). Targets a row\'s peer cannot be compared on (n/a) are not listed.',
    '',
    '## Copy references',
    '',
    ...copyLines.map((l) => `- ${l}`),
    '',
    '## Correctness cross-check',
    '',
    ...checkLines.map((l) => `- ${l}`),
    '',
    ...(notes.length ? ['## Notes', '', ...notes.map((l) => `- ${l}`), ''] : []),
    '## Machine',
    '',
    ...machine.map((l) => `- ${l}`),
    '',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- SVG

const escXml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One bar per row that tfjs-wasm ran: time(tfjs) / time(ExTensor) on a log scale, grouped
 * by family; green where ExTensor is at least as fast, red where it is slower.
 */
export function svgChart(results, title, footnote) {
  const rows = results.filter((r) => Number.isFinite(ratioVs(r, 'tfjs')) && ratioVs(r, 'tfjs') > 0);
  const logs = rows.map((r) => Math.log10(ratioVs(r, 'tfjs')));
  // a margin of ~0.4 decade beyond the extreme bars leaves room for their value labels
  const lo = Math.min(-1, Math.floor(Math.min(0, ...logs) - 0.4));
  const hi = Math.max(1, Math.ceil(Math.max(0, ...logs) + 0.4));
  const families = FAMILIES.filter((f) => rows.some((r) => r.row.family === f));

  const W = 900;
  const left = 330;
  const right = 70;
  const top = 64;
  const barH = 10;
  const step = 13;
  const famH = 22;
  const plotH = rows.length * step + families.length * famH;
  const H = top + plotH + 34 + 13 * footnote.length + 10;
  const x = (l) => left + ((l - lo) / (hi - lo)) * (W - left - right);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escXml(title)}</text>`);
  out.push(`<text x="${W / 2}" y="37" text-anchor="middle" font-size="11" fill="#555">time(tfjs-wasm) / time(ExTensor), log scale; right of 1× ExTensor is faster (green), left slower (red)</text>`);
  const gridTop = top - 8;
  const gridBottom = top + plotH;
  for (let d = lo; d <= hi; d++) {
    const gx = x(d);
    out.push(`<line x1="${gx}" y1="${gridTop}" x2="${gx}" y2="${gridBottom}" stroke="${d === 0 ? '#333' : '#ddd'}" stroke-width="${d === 0 ? 1.2 : 1}"/>`);
    const label = d >= 0 ? `${10 ** d}×` : `${(10 ** d).toFixed(-d)}×`;
    out.push(`<text x="${gx}" y="${gridTop - 2}" text-anchor="middle" fill="#333">${label}</text>`);
    out.push(`<text x="${gx}" y="${gridBottom + 12}" text-anchor="middle" fill="#333">${label}</text>`);
  }
  let y = top;
  for (const family of families) {
    out.push(`<text x="8" y="${y + 14}" font-size="12" font-weight="bold" fill="#222">${escXml(family)}</text>`);
    out.push(`<line x1="8" y1="${y + 18}" x2="${W - 8}" y2="${y + 18}" stroke="#bbb"/>`);
    y += famH;
    for (const res of rows.filter((r) => r.row.family === family)) {
      const r = ratioVs(res, 'tfjs');
      const x0 = x(0);
      const x1 = x(Math.log10(r));
      const color = r >= 1 ? '#38a169' : '#e53e3e';
      out.push(`<text x="${left - 6}" y="${y + barH - 1}" text-anchor="end" fill="#222">${escXml(res.row.label.length > 58 ? `${res.row.label.slice(0, 57)}…` : res.row.label)}</text>`);
      out.push(`<rect x="${Math.min(x0, x1)}" y="${y}" width="${Math.max(1, Math.abs(x1 - x0))}" height="${barH}" fill="${color}"><title>${escXml(`${res.row.label}: ${fmtRatio(r)}`)}</title></rect>`);
      out.push(`<text x="${r >= 1 ? x1 + 3 : x1 - 3}" y="${y + barH - 1}" text-anchor="${r >= 1 ? 'start' : 'end'}" fill="#222">${fmtRatio(r)}</text>`);
      y += step;
    }
  }
  footnote.forEach((line, k) => {
    out.push(`<text x="8" y="${gridBottom + 30 + k * 13}" fill="#666" font-size="9">${escXml(line)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
