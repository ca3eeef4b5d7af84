// The thread-scaling bench's tables (benches/threads.mjs): per environment a table of times
// per configuration, speed-ups, ratios against the peers and targets; the README's summary;
// the results file. Environment-agnostic: everything returns strings.
import { fmtRatio, fmtTime, markdownTable, sig, textTable } from './report.mjs';
import { KIND_LABELS, TARGET_THREADS, parseConfig } from './threads.mjs';

const SHORT = { ex: 'ExTensor', ort: 'ORT', tfjs: 'tfjs' };
const thr = (n) => `${n} thr`;

function cellText(cell) {
  if (!cell) return '';
  if (cell.ms) return fmtTime(cell.ms);
  if (cell.skip) return 'skip';
  return cell.error ? 'error' : 'n/a';
}

const ratio = (a, b) => (a?.ms > 0 && b?.ms > 0 ? a.ms / b.ms : NaN);

/** A target's ratio: three decimals where two would print the threshold itself (a 0.947× miss of ≥ 0.95). */
function targetValue(ev) {
  const text = fmtRatio(ev.value);
  return text === fmtRatio(ev.min) && ev.value !== ev.min ? `${ev.value.toFixed(3)}×` : text;
}

function targetText(ev) {
  if (ev.pass === null) return `– ${ev.label}`;
  return `${ev.pass ? 'PASS' : 'MISS'} ${ev.label}: ${targetValue(ev)}`;
}

/** 'vs 1 thr' (ExTensor's own) or 'vs ORT 2 thr'. */
function refShort(ref) {
  const { impl, threads } = parseConfig(ref);
  return impl === 'ex' ? `vs ${thr(threads)}` : `vs ${SHORT[impl]} ${thr(threads)}`;
}

/** The thread counts and libraries an environment's run has. */
function layout(env) {
  const impls = ['ex', 'ort', 'tfjs'].filter((impl) => env.configs.some((c) => parseConfig(c).impl === impl));
  const peerAt = env.threads.includes(TARGET_THREADS) ? TARGET_THREADS : Math.max(...env.threads);
  return { impls, peerAt };
}

/**
 * One environment's table: per library its time at each thread count and its own speed-up over
 * 1 thread, then time(peer) ÷ time(ExTensor) at the target thread count, then the targets.
 */
export function envTable(env) {
  const { impls, peerAt } = layout(env);
  const many = env.threads.filter((n) => n > 1);
  const header = ['row'];
  for (const impl of impls) {
    header.push(...env.threads.map((n) => `${SHORT[impl]} ${thr(n)}${impl === 'ex' && n === 1 ? ' (SIMD build)' : ''}`));
    if (env.threads.includes(1)) header.push(...many.map((n) => `${SHORT[impl]} ×${n}`));
  }
  const peers = impls.filter((i) => i !== 'ex');
  header.push(...peers.map((p) => `vs ${SHORT[p]} ${thr(peerAt)}`), 'targets');
  const body = env.results.map(({ row, cells, evals }) => {
    const line = [row.label];
    for (const impl of impls) {
      line.push(...env.threads.map((n) => cellText(cells[`${impl}@${n}`])));
      if (env.threads.includes(1)) line.push(...many.map((n) => fmtRatio(ratio(cells[`${impl}@1`], cells[`${impl}@${n}`]))));
    }
    line.push(...peers.map((p) => fmtRatio(ratio(cells[`${p}@${peerAt}`], cells[`ex@${peerAt}`]))));
    line.push(evals.filter((ev) => ev.pass !== null).map(targetText).join('; '));
    return line;
  });
  return [header, ...body];
}

/** Every target checked in an environment, and the misses. */
export function targetCounts(env) {
  const evals = env.results.flatMap((r) => r.evals.map((ev) => ({ ...ev, row: r.row })));
  const checked = evals.filter((ev) => ev.pass !== null);
  return { checked, misses: checked.filter((ev) => ev.pass === false) };
}

const missLine = (env, ev) => `MISS ${env.name}: ${ev.row.label} (${ev.row.id}): ${ev.label}: ${targetValue(ev)}`;

/** n/a reasons, one line per distinct reason. */
function noteLines(env) {
  const seen = new Map();
  for (const { row, cells } of env.results) {
    for (const [config, cell] of Object.entries(cells)) {
      const why = cell.na ?? cell.error ?? cell.skip;
      if (!why || why === 'not a peer of this row') continue;
      const msg = `${config}${cell.error ? ' error' : ''}: ${why}`;
      seen.set(msg, [...(seen.get(msg) ?? []), row.id]);
    }
  }
  return [...seen].map(([msg, ids]) => `${msg} — ${ids.length > 4 ? `${ids.length} rows` : ids.join(', ')}`);
}

function checkLines(env) {
  if (env.checks.length === 0) return ['check: nothing to compare'];
  const bad = env.checks.filter((c) => !c.ok);
  const exact = env.checks.filter((c) => parseConfig(c.config).impl === 'ex');
  const lines = [`check: ${env.checks.length - bad.length} of ${env.checks.length} comparisons with ExTensor 1 thread agree (ExTensor at more threads: ${exact.filter((c) => c.ok).length} of ${exact.length} outputs bit-identical; peers: sampled normwise difference ≤ tolerance)`];
  return [...lines, ...bad.map((c) => `check: MISMATCH ${c.config} on ${c.row} (${c.id}): ${c.what}`)];
}

/** The text report of one environment (stdout). */
export function envText(env) {
  const { checked, misses } = targetCounts(env);
  return [
    `\n## ${env.name}: ${env.where}`,
    textTable(envTable(env)),
    '',
    ...checkLines(env),
    ...noteLines(env).map((l) => `n/a ${l}`),
    ...env.machine,
    `targets: ${checked.length} checked, ${checked.length - misses.length} pass, ${misses.length} miss`,
    ...misses.map((ev) => missLine(env, ev)),
  ].join('\n');
}

/**
 * The README's block: ExTensor's scaling per environment (time at each thread count and the
 * speed-up), the ratios to the peers at the target thread count, and the target tally.
 */
export function readmeSummary(envs, command) {
  const rows = envs[0]?.results.map((r) => r.row) ?? [];
  const header = ['op (f32)'];
  for (const env of envs) {
    header.push(...env.threads.map((n) => `${env.name} ${thr(n)}`));
    if (env.threads.includes(1)) header.push(...env.threads.filter((n) => n > 1).map((n) => `${env.name} ×${n}`));
  }
  const cellsOf = (env, row) => env.results.find((r) => r.row.id === row.id)?.cells ?? {};
  const peerCols = envs.flatMap((env) => {
    const { impls, peerAt } = layout(env);
    return impls.filter((i) => i !== 'ex').map((p) => ({ env, p, peerAt, title: `${env.name}: ${SHORT[p]} ${thr(peerAt)} ÷ ExTensor` }));
  }).filter(({ env, p, peerAt }) => rows.some((row) => cellsOf(env, row)[`${p}@${peerAt}`]?.ms)); // tfjs has no threads in Node
  header.push(...peerCols.map((c) => c.title));
  const body = rows.map((row) => {
    const line = [row.label.replace(/ f32\b/, '')];
    for (const env of envs) {
      const cells = cellsOf(env, row);
      line.push(...env.threads.map((n) => cellText(cells[`ex@${n}`])));
      if (env.threads.includes(1)) line.push(...env.threads.filter((n) => n > 1).map((n) => fmtRatio(ratio(cells['ex@1'], cells[`ex@${n}`]))));
    }
    for (const { env, p, peerAt } of peerCols) {
      const cells = cellsOf(env, row);
      const r = ratio(cells[`${p}@${peerAt}`], cells[`ex@${peerAt}`]);
      line.push(Number.isFinite(r) ? fmtRatio(r) : '');
    }
    return line;
  });
  const tally = envs.map((env) => {
    const { checked, misses } = targetCounts(env);
    const list = misses.map((ev) => `${ev.row.label.replace(/ f32\b/, '')} ${targetValue(ev)} ${refShort(ev.ref)} (≥ ${ev.min})`);
    return `${env.name}: ${checked.length - misses.length} of ${checked.length} targets pass${list.length ? `; misses: ${list.join(', ')}` : ''}`;
  });
  return [
    `One run of \`${command}\` on this 2-core machine (${envs.map((e) => `${e.short}, load average ${e.load.map((x) => x.toFixed(1)).join(' → ')}`).join('; ')}): times are the minimum of`,
    'runs, ×N = time at 1 thread ÷ time at N threads (1 thread = the single-threaded SIMD build, N > 1 = the threaded build),',
    `a peer column = its time ÷ ExTensor's, both at that thread count. ${tally.join('. ')}. Every row, peer and target:`,
    '[benches/results-threads.md](benches/results-threads.md).',
    '',
    markdownTable([header, ...body]),
  ].join('\n');
}

/** benches/results-threads.md */
export function resultsMarkdown(envs, { command, seconds, date, passes }) {
  const out = [
    '# ExTensor thread scaling (issue 14)',
    '',
    `Written by \`${command}\` (see [the README](../README.md#threads)); do not edit by hand. ${date}, ${sig(seconds)} s.`,
    'Each library at each thread count runs in its own process (Node) or page (Chromium), all open at once; each row is',
    `timed in one configuration after another, ${passes} pass${passes > 1 ? 'es (every other one in the reverse order), the fastest time kept' : ''}, so every ratio`,
    'compares times measured in the same run. Time = min of runs of an adaptive batch (lib/timing.mjs). ×N = time at 1',
    'thread ÷ time at N threads; "vs <peer> N thr" = time(peer) ÷ time(ExTensor), both at N threads: above 1× ExTensor is',
    `faster. Targets are checked with ExTensor at ${TARGET_THREADS} threads (threaded build) against the named configuration.`,
    '',
    `Rows: ${Object.entries(KIND_LABELS).map(([k, v]) => `${v} (${envs[0]?.results.filter((r) => r.row.kind === k).map((r) => r.row.id).join(', ')})`).join('; ')}.`,
    '',
  ];
  for (const env of envs) {
    const { checked, misses } = targetCounts(env);
    out.push(`## ${env.name}`, '', env.where, '', markdownTable(envTable(env)), '');
    out.push(`Targets: ${checked.length} checked, ${checked.length - misses.length} pass, ${misses.length} miss.`, '');
    if (misses.length) out.push(...misses.map((ev) => `- ${missLine(env, ev)}`), '');
    out.push(...checkLines(env).map((l) => `- ${l}`), ...noteLines(env).map((l) => `- n/a ${l}`), '', '### Configurations', '');
    out.push(...env.machine.map((l) => `- ${l}`), '');
  }
  return out.join('\n');
}
