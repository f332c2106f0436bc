#!/usr/bin/env node
// Seeded stress harness for Verbatim's verdicts.
//
//   node scripts/qa/verdicts.mjs [--corpus DIR] [--n 300] [--seed 1] [--show 40] [--json FILE] [--split WORDS]
//
// Samples passages from a corpus folder, builds one-quote drafts from them
// (verbatim, accepted variants, one mutation, wrong source, uncited, invented)
// and checks each verdict of `checkDraft` against what it must be. Prints a
// table per category, every wrong verdict, the design-level ambiguities apart
// from real failures, and the per-quote check time (p50/p95, > 50 ms listed).
// Run `npx tsc -b` first: it imports the compiled engine under server/out/.
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../../server/out/corpus/index.js';
import { nodeFileSystem } from '../../server/out/node/nodeFileSystem.js';
import { CorpusIndex } from '../../server/out/index/corpusIndex.js';
import { checkDraft } from '../../server/out/features/check.js';
import { hashWord } from '../../server/out/index/hash.js';
import { normalizeWord } from '../../server/out/text/tokenize.js';
import { mulberry32, parseArgs } from './lib/random.mjs';
import { samplePassage } from './lib/sample.mjs';
import { buildCases } from './lib/cases.mjs';
import { judge } from './lib/judge.mjs';
import { printReport } from './lib/report.mjs';
import { splitSource } from './lib/split.mjs';
import { artifactCases, syntheticCases } from './lib/synthetic.mjs';

const args = parseArgs(process.argv.slice(2), { corpus: 'corpus', n: '300', seed: '1', show: '40', json: '', split: '0' });
const rand = mulberry32(Number(args.seed));

const t0 = performance.now();
const loaded = (await loadCorpus(nodeFileSystem, [args.corpus])).sources;
// --split W: each source cut into in-memory sources of about W words (many small sources, as a notes folder has).
const sources = Number(args.split) > 0 ? loaded.flatMap((s) => splitSource(s, Number(args.split))) : loaded;
// Issue 13's cases that need sources of their own (a reordered copy, a scanned copy) are added to the index only.
const synthetic = sources.length > 0 ? syntheticCases(mulberry32(Number(args.seed) + 13), sources, Math.ceil(Number(args.n) / 10)) : { sources: [], cases: [] };
const index = new CorpusIndex([...sources, ...synthetic.sources]);
const allSources = [...sources, ...synthetic.sources];
// A scanning error is called only where the writer's word is common in the corpus (20 places or more): otherwise a changed word.
for (const c of synthetic.cases) {
  if (c.expect.diff === 'scanning-error' && index.frequency(hashWord(normalizeWord(c.mutated[c.at]))) < 20) c.expect = { ...c.expect, diff: 'substituted' };
}
const indexMs = performance.now() - t0;
if (sources.length === 0) {
  console.error(`verdicts: no sources under ${args.corpus}`);
  process.exit(2);
}

const results = [];
const skipped = new Map();
const n = Number(args.n);
for (let i = 0; i < n; i++) {
  const passage = samplePassage(rand, sources, i);
  if (passage.skip) { skipped.set(passage.skip, (skipped.get(passage.skip) ?? 0) + 1); continue; }
  for (const c of buildCases(rand, passage, sources)) {
    const start = performance.now();
    const report = checkDraft(index, c.draft);
    const ms = performance.now() - start;
    results.push({ ...c, passage, ms, outcome: judge(c, report, passage, allSources) });
  }
}

const extraCases = [...synthetic.cases, ...artifactCases(mulberry32(Number(args.seed) + 17), sources, Math.ceil(Number(args.n) / 10))];
for (const c of extraCases) {
  const start = performance.now();
  const report = checkDraft(index, c.draft);
  const ms = performance.now() - start;
  results.push({ ...c, ms, outcome: judge(c, report, c.passage, allSources) });
}

printReport({ corpus: args.corpus, sources: sources.length, indexMs, results, skipped, show: Number(args.show), seed: args.seed });
if (args.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(args.json, JSON.stringify(results.filter((r) => r.outcome.status !== 'ok').map((r) => ({
    category: r.category, variant: r.variant, draft: r.draft, expected: r.outcome.expected, actual: r.outcome.actual,
    status: r.outcome.status, note: r.outcome.note, key: r.passage.key, source: r.passage.text,
  })), null, 2));
}
