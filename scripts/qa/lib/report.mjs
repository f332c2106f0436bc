// Prints the harness's counts, wrong verdicts and timings.

const STATUSES = ['ok', 'ok-alt', 'ambiguous', 'wrong-diff', 'fail'];

function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;
}

function clip(s, n = 320) {
  const t = s.replace(/\n/g, '⏎');
  return t.length > n ? t.slice(0, n) + '…' : t;
}

export function printReport({ corpus, sources, indexMs, results, skipped, show, seed }) {
  console.log(`# verdicts QA: ${corpus} (${sources} sources, index ${(indexMs / 1000).toFixed(1)} s, seed ${seed})\n`);
  const rows = new Map();
  for (const r of results) {
    const k = `${r.category} / ${r.variant}`;
    const row = rows.get(k) ?? Object.fromEntries(STATUSES.map((s) => [s, 0]));
    row[r.outcome.status]++;
    rows.set(k, row);
  }
  console.log(`| category / variant | total | ${STATUSES.join(' | ')} |`);
  console.log(`|---|---:|${STATUSES.map(() => '---:').join('|')}|`);
  const totals = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const [k, row] of [...rows].sort()) {
    const total = STATUSES.reduce((n, s) => n + row[s], 0);
    for (const s of STATUSES) totals[s] += row[s];
    console.log(`| ${k} | ${total} | ${STATUSES.map((s) => row[s]).join(' | ')} |`);
  }
  console.log(`| all | ${results.length} | ${STATUSES.map((s) => totals[s]).join(' | ')} |`);
  if (skipped.size) console.log(`\nPassages skipped: ${[...skipped].map(([k, v]) => `${k} ×${v}`).join(', ')}`);

  for (const status of ['fail', 'wrong-diff', 'ambiguous']) {
    const list = results.filter((r) => r.outcome.status === status);
    if (!list.length) continue;
    console.log(`\n## ${status} (${list.length})\n`);
    for (const r of list.slice(0, show)) {
      console.log(`- ${r.category} / ${r.variant}${r.note ? ' (' + r.note + ')' : ''}${r.passage.tags.length ? ' [' + r.passage.tags.join(', ') + ']' : ''}${r.outcome.note ? ' — ' + r.outcome.note : ''}`);
      console.log(`  draft:    ${clip(r.draft)}`);
      console.log(`  expected: ${r.outcome.expected}`);
      console.log(`  actual:   ${r.outcome.actual}`);
      console.log(`  source:   @${r.passage.key}: ${clip(r.passage.text)}`);
    }
    if (list.length > show) console.log(`  … and ${list.length - show} more`);
  }

  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`\n## per-quote check time (checkDraft on a one-quote draft)\n`);
  console.log(`n ${times.length}, p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${times.at(-1)?.toFixed(1)} ms`);
  const slow = results.filter((r) => r.ms > 50).sort((a, b) => b.ms - a.ms);
  for (const r of slow.slice(0, 20)) console.log(`- ${r.ms.toFixed(1)} ms ${r.category} / ${r.variant}: ${clip(r.draft, 160)}`);
  if (slow.length > 20) console.log(`  … and ${slow.length - 20} more over 50 ms`);
}
