// One run of the matrix over a bench session (session.mjs), wherever the session lives: in
// this process (the Node runner) or in a Chromium page (chromium.mjs). Copy references
// before and after the rows (the faster kept), warm-up, every row, the bounds, then a second
// pass over the rows that miss a target. Only row ids and plain results cross to the session.
import { boundsOf, copySizes, evaluate } from './targets.mjs';
import { fmtRatio, fmtTime, sig } from './report.mjs';

/**
 * @param rows the selected rows (matrix.mjs expandRows(), filtered)
 * @param session createSession()'s methods, or their page.evaluate proxies
 * @param log progress, one line per call
 * @returns {Promise<{ results, skipped, checks, sizes, copies: Map<number, number>, retried: number }>}
 */
export async function runMatrix(rows, session, { exLabel, log }) {
  // 1. copy references (before the rows; again after; the minimum is kept)
  const sizes = copySizes(rows);
  const copies = new Map();
  const measureCopies = async () => {
    for (const [bytes, ms] of await session.copyTimes(sizes)) copies.set(bytes, Math.min(copies.get(bytes) ?? Infinity, ms));
  };
  await measureCopies();
  log(`copy references: ${sizes.map((b) => `${sig(b / 2 ** 20)} MiB ${fmtTime(copies.get(b))}`).join(', ')}`);

  // 2. warm-up
  await session.warmUp(rows.map((r) => r.id));

  // 3. the rows
  const results = [];
  const skipped = [];
  const checks = [];
  const exShort = exLabel.replace('ExTensor ', 'ex-');
  for (const [k, row] of rows.entries()) {
    const r = await session.runRow(row.id);
    if (r.skip) {
      skipped.push({ row, why: r.skip });
      continue;
    }
    const res = { row, cells: r.cells };
    checks.push(...r.checks);
    results.push(res);
    const ex = res.cells.ex;
    const parts = [`${exShort} ${ex.ms ? fmtTime(ex.ms) : ex.na ?? ex.error}`];
    for (const peer of row.peers) {
      const c = res.cells[peer];
      parts.push(`${peer} ${c.ms ? `${fmtTime(c.ms)} (${fmtRatio(c.ms / ex.ms)})` : 'n/a'}`);
    }
    log(`${String(k + 1).padStart(3)}/${rows.length} ${row.id.padEnd(44)} ${parts.join(' | ')}`);
  }
  await measureCopies();
  for (const res of results) res.bounds = boundsOf(res.row, (b) => copies.get(b));

  // 4. second pass for the rows that miss a target: ExTensor and the peers its targets name
  // are timed again and the faster time of the two passes kept (min of runs, over a longer
  // span), so a slow spell of this noisy machine does not make a miss on its own.
  const retry = results.filter((res) => res.row.targets.some((t) => !t.startsWith('baseline') && evaluate(t, res).pass === false));
  if (retry.length) log(`second pass: ${retry.length} rows that missed a target`);
  for (const res of retry) {
    const { row } = res;
    const again = ['ex', ...row.peers.filter((p) => row.targets.some((t) => t.startsWith(`${p}>=`)))];
    const cells = await session.retime(row.id, again);
    for (const [impl, cell] of Object.entries(cells)) {
      if (cell.ms < (res.cells[impl]?.ms ?? Infinity)) res.cells[impl] = { ...cell, pass: 2 };
    }
  }
  return { results, skipped, checks, sizes, copies, retried: retry.length };
}
