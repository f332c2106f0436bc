#!/usr/bin/env node
/**
 * Issue 11's scale targets: how long a request waits behind the server's
 * longest blocking step while it indexes 100,000 tiny files, and while it
 * checks a 5 MB draft or a draft of 50,000 quotations for the first time.
 * The language server is spawned over stdio (the tsc build, or the build
 * VERBATIM_SERVER names); a hover on another, small draft is sent every 20 ms,
 * without waiting for the previous answer, until the work is done. The
 * slowest answer is the figure: the target is 100 ms. The files run goes on
 * after the index: the small draft's first diagnostics (and 3 s more, for the
 * full collection once idle), workspace symbols and Open Source's list
 * (`verbatim/sources`, its first page) over every source, seven queries of
 * Open Source typed 50 ms apart, and a reopen from the saved index.
 *
 *   node bench/hostileScale.mjs [files] [draft] [quotes]   (default: all three)
 *
 * Options (environment): SCALE_FILES=100000, SCALE_QUOTES=50000,
 * SCALE_DRAFT_BYTES=5000000 (under the 5 MB `verbatim.maxDraftMB` limit),
 * SCALE_PROFILE=dir (the server writes a V8 CPU profile there, see profiledServer.mjs;
 * the waits over 100 ms go to dir/slow-waits.json, on the profile's clock: bench/slowWaits.mjs reads both),
 * SCALE_STALLS=dir (the server logs its event loop's stalls with their CPU time to dir, see
 * stallServer.mjs: on a loaded machine, what a quiet one would show),
 * SCALE_VERBOSE=1 (the five slowest hovers: when each was sent, after the work began, and its wait).
 * The tiny files are written to a temporary folder and removed afterwards;
 * the drafts quote ../shared/data/sotu (BENCH_DATA names another data folder).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile } from './stats.mjs';
import { seededRandom as seeded } from '../server/out/index/quoteSampler.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { TestClient } = await import(new URL('../test/out/lsp/harness.js', import.meta.url).href);
const SOTU = join(resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')), 'sotu');
const FILES = Number(process.env.SCALE_FILES ?? 100_000);
const QUOTES = Number(process.env.SCALE_QUOTES ?? 50_000);
const DRAFT_BYTES = Number(process.env.SCALE_DRAFT_BYTES ?? 5_000_000);
const EVERY_MS = 20;
/** The server under the V8 profiler (NODE_OPTIONS may not carry --cpu-prof): a wrapper that writes the profile on exit. */
const PROFILED = fileURLToPath(new URL('./profiledServer.mjs', import.meta.url));
const STALLS = fileURLToPath(new URL('./stallServer.mjs', import.meta.url));
const WRAPPER = process.env.SCALE_WRAPPER ?? (process.env.SCALE_PROFILE ? PROFILED : process.env.SCALE_STALLS ? STALLS : undefined);
if (process.env.SCALE_STALLS) {
  mkdirSync(process.env.SCALE_STALLS, { recursive: true });
  process.env.STALL_LOG = process.env.SCALE_STALLS;
}
if (WRAPPER) {
  if (process.env.SCALE_PROFILE) mkdirSync(process.env.SCALE_PROFILE, { recursive: true });
  process.env.SCALE_SERVER = pathToFileURL(process.env.VERBATIM_SERVER ?? join(repo, 'server', 'out', 'server.js')).href;
}

const SMALL = 'A note: “the same for all of them to see” [@small].\n';
/** A draft with nothing to check: its hovers wait only behind other work (small.md's waits its own check too). */
const OTHER = 'Plain prose, no quotation.\n';

/** Starts the server on a new workspace (or on `again`'s, with its saved index): `corpus` (absolute) as its corpus, small.md holding one quotation. */
async function start(corpus, again) {
  const root = again ?? mkdtempSync(join(tmpdir(), 'verbatim-scale-'));
  writeFileSync(join(root, 'small.md'), SMALL);
  let client;
  try {
    client = await TestClient.start(root, {
      configuration: () => ({ corpus: [corpus] }),
      initializationOptions: { cacheDir: join(root, '.cache') },
      ...(WRAPPER ? { server: WRAPPER } : {}),
    });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const small = pathToFileURL(join(root, 'small.md')).href;
  const other = pathToFileURL(join(root, 'other.md')).href;
  // Not awaited: their diagnostics come once the corpus is indexed, and the hovers start before.
  const diagnosed = client.open(small, SMALL);
  diagnosed.catch(() => undefined);
  client.open(other, OTHER).catch(() => undefined);
  return { root, client, small, other, diagnosed };
}

/**
 * Sends a hover on `uri` every 20 ms, each without waiting for the last,
 * until `done` settles; resolves the time each took to be answered. With
 * `other`, the same on `other` at the same time: `{ waits, otherWaits }`.
 */
async function hoverEvery(client, uri, done, other) {
  if (other) {
    const [waits, otherWaits] = await Promise.all([hoverEvery(client, uri, done), hoverEvery(client, other, done)]);
    return { waits, otherWaits };
  }
  let over = false;
  void done.then(() => { over = true; }, () => { over = true; });
  const waits = [];
  const answers = [];
  const began = performance.now();
  const slowest = [];
  while (!over) {
    const sent = performance.now();
    const clock = process.hrtime.bigint();
    answers.push(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } })
      .then(() => {
        const wait = performance.now() - sent;
        waits.push(wait);
        slowest.push([wait, sent - began]);
        // With a profile: the slowest waits on the monotonic clock V8's profile uses (µs), to find what held them.
        if (process.env.SCALE_PROFILE && wait > 100) slowWaits.push({ from: Number(clock / 1000n), ms: Math.round(wait) });
      }));
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, EVERY_MS))]);
  }
  await Promise.all(answers);
  if (process.env.SCALE_VERBOSE) {
    for (const [wait, at] of slowest.sort((a, b) => b[0] - a[0]).slice(0, 5)) console.log(`  hover sent at ${Math.round(at)} ms waited ${Math.round(wait)} ms`);
  }
  return waits;
}

function summary(name, ms, waits, extra = '') {
  const fmt = (v) => `${Math.round(v)} ms`;
  const figures = (w) => `median ${fmt(percentile(w, 0.5))}, p95 ${fmt(percentile(w, 0.95))}, slowest ${fmt(w.length ? Math.max(...w) : 0)}`;
  if (Array.isArray(waits)) return `${name.padEnd(30)} done in ${(ms / 1000).toFixed(1)} s; ${waits.length} hovers: ${figures(waits)}${extra}`;
  return `${name.padEnd(30)} done in ${(ms / 1000).toFixed(1)} s; ${waits.waits.length} hovers on small.md: ${figures(waits.waits)}; ` +
    `on other.md: ${figures(waits.otherWaits)}${extra}`;
}

/** Hovers answered after more than 100 ms, when profiling: written to SCALE_PROFILE/slow-waits.json. */
const slowWaits = [];
process.on('exit', () => {
  if (process.env.SCALE_PROFILE) writeFileSync(join(process.env.SCALE_PROFILE, 'slow-waits.json'), JSON.stringify(slowWaits));
});

/** Resolves after `ms`. */
const after = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** 100,000 tiny files in 100 folders, indexed from cold while hovers go to small.md. */
async function files() {
  const corpus = mkdtempSync(join(tmpdir(), 'verbatim-tiny-'));
  try {
    const random = seeded(11);
    const words = readFileSync(join(SOTU, '1790_george_washington_n.txt'), 'utf8').toLowerCase().match(/[a-z]+/g);
    const perFolder = 1000;
    for (let f = 0; f * perFolder < FILES; f++) {
      const folder = join(corpus, `d${String(f).padStart(3, '0')}`);
      mkdirSync(folder);
      for (let i = 0; i < perFolder && f * perFolder + i < FILES; i++) {
        const at = Math.floor(random() * (words.length - 12));
        writeFileSync(join(folder, `f${i}.txt`), `Note ${f * perFolder + i}: ${words.slice(at, at + 12).join(' ')}.\n`);
      }
    }
    const started = performance.now();
    let { root, client, small, other, diagnosed } = await start(corpus);
    try {
      const indexed = client.indexed(FILES);
      const waits = await hoverEvery(client, small, indexed, other);
      const lines = [summary(`${FILES} tiny files, indexing`, performance.now() - started, waits, ` (${(await indexed).sources} sources)`)];
      // After the index: the open draft's first check over every source, then the full collection once idle (a second).
      const settled = performance.now();
      const settleWaits = await hoverEvery(client, small, diagnosed.then(() => after(3000)), other);
      lines.push(summary('  then first diagnostics + 3 s', performance.now() - settled, settleWaits));
      // Requests that go over every source: workspace symbols (all, and a query) and Open Source's list.
      const listed = performance.now();
      const answers = Promise.all([
        client.request('workspace/symbol', { query: '' }),
        client.request('workspace/symbol', { query: 'note 123' }),
        client.request('verbatim/sources', { uri: small }),
      ]);
      const listWaits = await hoverEvery(client, small, answers, other);
      const [all, some, sources] = await answers;
      lines.push(summary('  then symbols + source list', performance.now() - listed, listWaits,
        // An array from a server before `{ items, total }` (every source in one answer).
        ` (${all.length} and ${some.length} symbols, ${Array.isArray(sources) ? `${sources.length} sources` : `${sources.items.length} of ${sources.total} sources`})`));
      // Open Source as the writer types: a query a keystroke, every 50 ms, each without waiting for the last answer.
      const typed = performance.now();
      const typing = (async () => {
        const asked = [];
        for (const query of ['n', 'no', 'not', 'note', 'note ', 'note 4', 'note 42']) {
          asked.push(client.request('verbatim/sources', { uri: small, query }));
          await after(50);
        }
        return Promise.all(asked);
      })();
      const typeWaits = await hoverEvery(client, small, typing, other);
      const last = (await typing).at(-1);
      lines.push(summary('  then typing in Open Source', performance.now() - typed, typeWaits,
        ` (7 queries; "note 42": ${Array.isArray(last) ? `${last.length} sources, unfiltered` : `${last.items.length} of ${last.total} sources`})`));
      // A new server on the same workspace: the saved index is read, checked and reused.
      await client.stop();
      const reopened = performance.now();
      ({ client, small, other, diagnosed } = await start(corpus, root));
      const reindexed = client.indexed(FILES);
      const reopenWaits = await hoverEvery(client, small, reindexed, other);
      lines.push(summary('  reopened (saved index)', performance.now() - reopened, reopenWaits, ` (${(await reindexed).sources} sources)`));
      return lines.join('\n');
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
}

/** Quotations of sotu passages, `words` long, cited to their file; one in eight has a word changed. */
function quotations(random, count, words) {
  const sources = readdirSync(SOTU).filter((n) => n.endsWith('.txt')).sort().slice(0, 60)
    .map((name) => ({ key: name.replace(/\.txt$/, ''), words: readFileSync(join(SOTU, name), 'utf8').split(/\s+/).filter(Boolean) }));
  const out = [];
  for (let i = 0; i < count; i++) {
    const source = sources[Math.floor(random() * sources.length)];
    const at = Math.floor(random() * (source.words.length - words));
    const quoted = source.words.slice(at, at + words);
    if (i % 8 === 0) quoted[Math.floor(words / 2)] = 'nevertheless';
    out.push(`“${quoted.join(' ').replace(/[“”"]/g, '')}” [@${source.key}]`);
  }
  return out;
}

/** Opens `text` as big.md once sotu is indexed, with hovers to small.md until its first diagnostics arrive. */
async function firstCheck(name, text) {
  const { root, client, small, diagnosed: smallChecked } = await start(SOTU);
  try {
    await client.indexed(60);
    // small.md's own first check (the first quotation this process matches) is not the large draft's.
    await smallChecked;
    const big = pathToFileURL(join(root, 'big.md')).href;
    const started = performance.now();
    const diagnosed = client.nextDiagnostics(big);
    // The hovers start once the draft is written to the server's stdin: before that, they wait
    // for this process to encode 5 MB and for the pipe, not for the server (136 + 100 ms of 395).
    await client.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'markdown', version: 1, text } });
    const waits = await hoverEvery(client, small, diagnosed);
    const diagnostics = await diagnosed;
    return summary(name, performance.now() - started, waits, ` (${(text.length / 1e6).toFixed(1)} M chars, ${diagnostics.length} diagnostics)`);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** A 5 MB draft: paragraphs of prose, a quotation in each. */
function draft() {
  const random = seeded(5);
  // The speeches are one line each: paragraphs of five sentences.
  const sentences = readFileSync(join(SOTU, '1861_abraham_lincoln_r.txt'), 'utf8').replace(/[“”"\[\]]/g, '').split(/(?<=[.!?])\s+/);
  const prose = [];
  for (let i = 0; i + 5 <= sentences.length; i += 5) prose.push(sentences.slice(i, i + 5).join(' '));
  const paragraphs = [];
  let size = 0;
  const quotes = quotations(random, 20_000, 10);
  for (let i = 0; size < DRAFT_BYTES - 2000; i++) {
    const p = `${prose[i % prose.length]} As was said, ${quotes[i % quotes.length]}.\n\n`;
    paragraphs.push(p);
    size += Buffer.byteLength(p);
  }
  return firstCheck(`a ${(DRAFT_BYTES / 1e6).toFixed(0)} MB draft, first check`, paragraphs.join(''));
}

/** 50,000 quotations, one a line. */
function quotes() {
  const random = seeded(50);
  const lines = quotations(random, QUOTES, 7).map((q, i) => `${i % 2 ? 'Then' : 'He said'} ${q}.\n`);
  return firstCheck(`${QUOTES} quotations, first check`, lines.join(''));
}

const runs = { files, draft, quotes };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(runs);
console.log(`bench/hostileScale: a hover every ${EVERY_MS} ms on another draft; ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const name of chosen) {
  if (!runs[name]) throw new Error(`unknown run ${name}: one of ${Object.keys(runs).join(', ')}`);
  console.log(await runs[name]());
}
