#!/usr/bin/env node
/**
 * `npm run bench`: builds the project, then measures Verbatim on the shared
 * data (../shared/data/sotu, ../shared/data/gutenberg and 10/25/50 MB subsets
 * of gutenberg) and prints tables with medians and spread over several runs,
 * side by side with ripgrep and (extrapolated) Fuse.js. See bench/README.md.
 *   BENCH_RUNS=5 npm run bench        more runs
 *   BENCH_DATA=/path/to/data          another data folder
 *   BENCH_QUICK=1                     sotu and 10 MB only, no server runs
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { completionTimes, draftTimes, editTimes, fuseEstimate, quotesFor, quoteTimes, ripgrepTimes } from './engine.mjs';
import { folderBytes, present, subset } from './subsets.mjs';
import { mb, median, ms, spread, table } from './stats.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data'));
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const quick = process.env.BENCH_QUICK === '1';
const log = (text) => process.stderr.write(`bench: ${text}\n`);

log('building (npx tsc -b)');
const build = spawnSync('npx', ['tsc', '-b'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) { log('the build failed; nothing was measured'); process.exit(1); }

const gutenberg = join(data, 'gutenberg');
const sotu = join(data, 'sotu');
if (!present(gutenberg) && !present(sotu)) {
  console.log(`No benchmark data: neither ${gutenberg} nor ${sotu} exists (or they are empty).`);
  console.log('Put the shared data next to the repository (../shared/data) or point BENCH_DATA at it; nothing was measured.');
  process.exit(0);
}

const { openIndex } = await import('../server/out/index/openIndex.js');
const { sampleDraft } = await import('../server/out/index/quoteSampler.js');
const { checkDraft } = await import('../server/out/features/check.js');
const { nodeFileSystem } = await import('../server/out/node/nodeFileSystem.js');
const { sha256Digest } = await import('../server/out/node/digest.js');
const { isUtf8 } = await import('node:buffer');
const { workerBuilder } = await import('../server/out/node/workerBuilder.js');
const { serverBuild, serverRun } = await import('./server.mjs');

const scratch = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
const corpora = [];
if (present(sotu)) corpora.push({ name: 'sotu', dir: sotu, bytes: folderBytes(sotu) });
else log(`${sotu} is missing: sotu is skipped`);
if (present(gutenberg)) {
  for (const size of quick ? [10] : [10, 25, 50]) corpora.push({ name: `gutenberg ${size} MB`, ...subset(gutenberg, size, scratch) });
  if (!quick) corpora.push({ name: 'gutenberg (all)', dir: gutenberg, bytes: folderBytes(gutenberg) });
} else log(`${gutenberg} is missing: the gutenberg series is skipped`);

/**
 * Runs bench/measure.mjs in a fresh process and parses its JSON line.
 * `tuned`: launched as the server could be, with glibc's mmap threshold fixed
 * (freed buffers go back to the system) and a 1 MB young generation.
 */
function measure(args, tuned = false) {
  const flags = tuned ? ['--max-semi-space-size=1'] : [];
  const env = tuned ? { ...process.env, MALLOC_MMAP_THRESHOLD_: '1048576' } : process.env;
  const out = execFileSync(process.execPath, ['--expose-gc', ...flags, join(repo, 'bench', 'measure.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  return JSON.parse(out.trim().split('\n').pop());
}

const loadBefore = loadavg()[0];
const results = [];
for (const corpus of corpora) {
  log(`${corpus.name}: ${mb(corpus.bytes)} in ${corpus.dir}`);
  const cacheDir = join(scratch, `cache-${corpus.name.replace(/\W+/g, '-')}`);
  const cold = [];
  for (let r = 0; r < runs; r++) cold.push(measure(['cold', corpus.dir]));
  measure(['save', corpus.dir, cacheDir]);
  const tuned = corpus === corpora[corpora.length - 1] ? Array.from({ length: runs }, () => measure(['cold', corpus.dir], true)) : [];

  // One index in this process for the query-side measurements.
  const builder = workerBuilder();
  const { index } = await openIndex(nodeFileSystem, [corpus.dir], { builder, digest: sha256Digest, isUtf8, cacheDir });
  await builder.close();
  const quotes = quotesFor(index, 300);
  const firstDraft = join(scratch, 'first-draft.md');
  writeFileSync(firstDraft, sampleDraft(quotes.slice(0, 20), 1_500));
  const reopen = [];
  for (let r = 0; r < runs; r++) reopen.push(measure(['open', corpus.dir, cacheDir, firstDraft]));

  const verify = quoteTimes(index, quotes, runs);
  const draft300 = sampleDraft(quotes);
  const draftMs = draftTimes(index, draft300, runs);
  const rg = ripgrepTimes(corpus.dir, quotes, scratch, runs);
  if (rg.missing) log('rg (Debian package ripgrep) is not installed: the ripgrep column is skipped');
  const completion = completionTimes(index, quotes, runs);
  const edits = editTimes(index, quotes, 20);
  const draft100 = sampleDraft(quotesFor(index, 100, 2));
  const draft100Ms = draftTimes(index, draft100, runs);
  const fuse = fuseEstimate(index, quotes, 300_000, 5);
  results.push({ corpus, cold, tuned, reopen, verify, draftMs, rg, completion, edits, draft100Ms, fuse, sources: index.size });
  log(`${corpus.name}: done`);
}

let server;
const biggest = corpora[corpora.length - 1];
const serverUnderTest = quick || !biggest ? undefined
  : process.env.BENCH_SERVER ? { path: resolve(process.env.BENCH_SERVER), label: `${process.env.BENCH_SERVER} (BENCH_SERVER), launched as the VS Code client does` }
  : serverBuild(log);
if (!serverUnderTest) log('server runs skipped');
else if (serverUnderTest.missing) log(`${serverUnderTest.missing}: server runs skipped`);
else {
  log(`language server (${serverUnderTest.path}) on ${biggest.name}: cold index with requests, then reopen with its saved index`);
  const cacheDir = join(scratch, 'server-cache');
  const builder = workerBuilder();
  const { index } = await openIndex(nodeFileSystem, [biggest.dir], { builder, digest: sha256Digest, isUtf8 });
  await builder.close();
  const draft = sampleDraft(quotesFor(index, 20, 3), 1_500);
  const coldRuns = [];
  const warmRuns = [];
  const busyRuns = [];
  const plainRuns = [];
  for (let r = 0; r < runs; r++) {
    rmSync(cacheDir, { recursive: true, force: true });
    coldRuns.push(await serverRun(serverUnderTest.path, biggest.dir, cacheDir, draft, scratch));
    warmRuns.push(await serverRun(serverUnderTest.path, biggest.dir, cacheDir, draft, scratch, { requests: false }));
    busyRuns.push(await serverRun(serverUnderTest.path, biggest.dir, cacheDir, draft, scratch));
    plainRuns.push(await serverRun(serverUnderTest.path, biggest.dir, cacheDir, draft, scratch, { launch: 'plain', requests: false }));
  }
  server = { corpus: biggest, coldRuns, warmRuns, busyRuns, plainRuns, build: serverUnderTest };
}

// ---- report -------------------------------------------------------------------
const out = [];
out.push(`Verbatim benchmark — ${new Date().toISOString()}`);
out.push(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; ${runs} runs per figure: median [min–max]`);
out.push(`data: ${data}; load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (other processes share these cores)`);
out.push('');
out.push(table(
  ['corpus', 'size', 'sources', 'cold index', 'RSS after cold index', 'saved index: open + first diagnostics (20 quotes)', 'one quote p50', 'one quote p95'],
  results.map((r) => [
    r.corpus.name, mb(r.corpus.bytes), r.sources,
    spread(r.cold.map((c) => c.indexMs)),
    `${spread(r.cold.map((c) => c.rss), mb)} (${(median(r.cold.map((c) => c.rss)) / r.corpus.bytes).toFixed(2)}×)`,
    spread(r.reopen.map((c) => c.firstDiagnosticsMs)),
    spread(r.verify.p50), spread(r.verify.p95),
  ]),
));
out.push('');
out.push(table(
  ['corpus', 'draft of 300 quotes', 'rg -F -i -f (same 300)', 'rg ÷ Verbatim', 'rg found', 'completion p95 (keys / passages)', 'edit → diagnostics, 10k words, 300 quotes (p50 / p95)', 'Fuse.js per quote, extrapolated', 'Fuse ÷ Verbatim p50'],
  results.map((r) => [
    r.corpus.name,
    spread(r.draftMs),
    r.rg.missing ? 'rg not installed: skipped' : spread(r.rg.times),
    r.rg.missing ? '—' : `${(median(r.rg.times) / median(r.draftMs)).toFixed(2)}×`,
    r.rg.missing ? '—' : `${r.rg.found}/300`,
    `${ms(r.completion.keys)} / ${ms(r.completion.passages)}`,
    `${ms(median(r.edits))} / ${ms(r.edits.slice().sort((a, b) => a - b)[Math.ceil(0.95 * r.edits.length) - 1])}`,
    `${ms(r.fuse.perQuoteExtrapolated)} (measured ${ms(r.fuse.perQuoteSample)} on ${r.fuse.sentences} sentences, ${(r.fuse.sampleChars / 1e3).toFixed(0)} K chars)`,
    `${(r.fuse.perQuoteExtrapolated / median(r.verify.p50)).toFixed(0)}×`,
  ]),
));
for (const r of results.filter((x) => x.tuned.length > 0)) {
  out.push('');
  out.push(`Tuned launch on ${r.corpus.name} (MALLOC_MMAP_THRESHOLD_=1048576, --max-semi-space-size=1): cold index ${spread(r.tuned.map((c) => c.indexMs))}, ` +
    `RSS ${spread(r.tuned.map((c) => c.rss), mb)} (${(median(r.tuned.map((c) => c.rss)) / r.corpus.bytes).toFixed(2)}×)`);
}
out.push('');
out.push('Correctness on the sampled quotations (one pass): ' + results.map((r) => `${r.corpus.name}: ${r.verify.flagged} verbatim flagged, ${r.verify.missed} changed ones passed as verbatim`).join('; '));
out.push('');
out.push('Issue 2 note (one run each): ' + results.filter((r) => r.corpus.name === 'sotu' || r.corpus.name === 'gutenberg (all)')
  .map((r) => `${r.corpus.name}: index built in ${ms(r.cold[0].indexMs)}, a draft of 100 quotes checked in ${ms(r.draft100Ms[0])}`).join('; '));
if (server) {
  const c = server.coldRuns;
  const w = server.warmRuns;
  out.push('');
  out.push(`Language server over stdio on ${server.corpus.name} (${mb(server.corpus.bytes)}), a draft of 20 quotes open; build: ${server.build.label}:`);
  out.push(table(['what', 'figure'], [
    ['cold: spawn → index ready', spread(c.map((x) => x.indexedMs))],
    ['cold: hover + completion requests while indexing: count / p95 / max', `${median(c.map((x) => x.requests))} / ${spread(c.map((x) => x.requestP95))} / ${spread(c.map((x) => x.requestMax))}`],
    ['cold: server RSS after indexing and diagnostics', `${spread(c.map((x) => x.rss), mb)} (${(median(c.map((x) => x.rss)) / server.corpus.bytes).toFixed(2)}×)`],
    ['saved index: spawn → initialize answered', spread(w.map((x) => x.initializedMs))],
    ['saved index: spawn → first diagnostics (the workspace opened, nothing asked meanwhile)', spread(w.map((x) => x.firstDiagnosticsMs))],
    ['saved index, hover + completion every 25 ms while it opens: spawn → first diagnostics', spread(server.busyRuns.map((x) => x.firstDiagnosticsMs))],
    ['saved index: server RSS', `${spread(w.map((x) => x.rss), mb)} (${(median(w.map((x) => x.rss)) / server.corpus.bytes).toFixed(2)}×)`],
    ['saved index, launched without the memory settings: spawn → first diagnostics / RSS', `${spread(server.plainRuns.map((x) => x.firstDiagnosticsMs))} / ${spread(server.plainRuns.map((x) => x.rss), mb)}`],
  ]));
}
// Source formats: the PDF reader's quality and speed (bench/formats/pdfQuality.mjs; BENCH_PDF=0 skips it).
if (process.env.BENCH_PDF !== '0') {
  const { pdfBench } = await import('./formats/pdfQuality.mjs');
  out.push('', await pdfBench({ data, log }));
}
console.log(out.join('\n'));
rmSync(scratch, { recursive: true, force: true });

// Issue 10's bibliography targets on formats/bib/big-10k.bib (also `npm run bench:bibliography` alone).
const { bibliographyBench } = await import('./bibliography.mjs');
await bibliographyBench(data, log);
