/**
 * Engine-side measurements on one built index: quote verification, a draft
 * against ripgrep, completion, diagnostics after an edit, and Fuse.js over
 * sentences of a sample (extrapolated).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { checkDraft, VerdictCache } from '../server/out/features/check.js';
import { complete } from '../server/out/features/completion.js';
import { sampleDraft, sampleQuotes, seededRandom } from '../server/out/index/quoteSampler.js';
import { matchQuote } from '../server/out/match/verify.js';
import { median, percentile } from './stats.mjs';

/** Quotations drawn from the corpus (half verbatim, half with a word, number or negation changed). */
export function quotesFor(index, count, seed = 1) {
  return sampleQuotes(index, { count, seed, minWords: 8, maxWords: 24 });
}

/** Per-quote verification times over `rounds` passes (the first pass warms the JIT and is dropped). */
export function quoteTimes(index, quotes, rounds) {
  const p50 = [];
  const p95 = [];
  let flagged = 0;
  let missed = 0;
  for (let round = 0; round <= rounds; round++) {
    const times = [];
    for (const q of quotes) {
      const t = performance.now();
      const result = matchQuote(index, q.text, [q.key]);
      times.push(performance.now() - t);
      if (round === 0) {
        if (q.change === 'verbatim' && result.kind !== 'verbatim') flagged++;
        if (q.change !== 'verbatim' && result.kind === 'verbatim') missed++;
      }
    }
    if (round > 0) { p50.push(percentile(times, 0.5)); p95.push(percentile(times, 0.95)); }
  }
  return { p50, p95, flagged, missed };
}

/** Wall time of checking a whole draft with a fresh verdict cache, per run. */
export function draftTimes(index, draft, rounds) {
  checkDraft(index, draft); // warm the JIT
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    checkDraft(index, draft, {}, new VerdictCache());
    times.push(performance.now() - t);
  }
  return times;
}

/**
 * `rg -F -i -f quotes.txt` over the same files (`-L`: the subsets are links), per run, with how many
 * quotations it found (fixed strings cannot match across the corpus' line breaks).
 */
export function ripgrepTimes(dir, quotes, scratch, rounds) {
  const version = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { missing: true };
  const file = join(scratch, 'quotes.txt');
  writeFileSync(file, quotes.map((q) => q.text).join('\n') + '\n');
  const times = [];
  let found = 0;
  for (let r = 0; r <= rounds; r++) {
    const t = performance.now();
    const run = spawnSync('rg', ['-F', '-i', '-L', '-o', '--no-filename', '--no-line-number', '-f', file, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const elapsed = performance.now() - t;
    if (r > 0) times.push(elapsed); // the first run warms the page cache
    const hits = new Set(run.stdout.split('\n').filter(Boolean).map((s) => s.toLowerCase()));
    found = quotes.filter((q) => hits.has(q.text.toLowerCase())).length;
  }
  return { times, found, version: version.stdout.split('\n')[0] };
}

/** Completion latencies: citation keys after `[@` and passage continuations inside an open quotation. */
export function completionTimes(index, quotes, rounds) {
  const random = seededRandom(5);
  const keys = [...index.keys()];
  const cases = [];
  for (let i = 0; i < 40; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    const typed = key.slice(0, 1 + Math.floor(random() * 4));
    cases.push(`As shown [@${typed}`);
  }
  for (const q of quotes.filter((x) => x.change === 'verbatim').slice(0, 40)) {
    const words = q.text.split(' ');
    cases.push(`As the source says, “${words.slice(0, Math.min(words.length - 1, 3 + Math.floor(random() * 4))).join(' ')} `);
  }
  const keyTimes = [];
  const passageTimes = [];
  for (let r = 0; r <= rounds; r++) {
    for (const text of cases) {
      const t = performance.now();
      complete(index, text, text.length);
      const elapsed = performance.now() - t;
      if (r > 0) (text.includes('[@') ? keyTimes : passageTimes).push(elapsed);
    }
  }
  return { keys: percentile(keyTimes, 0.95), passages: percentile(passageTimes, 0.95), all: percentile([...keyTimes, ...passageTimes], 0.95) };
}

/**
 * Server time to re-check a 10,000-word, 300-quote draft after one quotation
 * changed, with the verdict cache of the previous check (as the server keeps it).
 */
export function editTimes(index, quotes, edits) {
  const draft = sampleDraft(quotes, 10_000);
  const cache = new VerdictCache();
  checkDraft(index, draft, {}, cache);
  const times = [];
  let text = draft;
  for (let e = 0; e < edits; e++) {
    const q = quotes[(e * 37) % quotes.length];
    const at = text.indexOf(q.text);
    const edited = q.text.replace(/\b(\w+)\s*$/, (w) => (w === 'edited' ? 'changed' : 'edited'));
    text = text.slice(0, at) + edited + text.slice(at + q.text.length);
    const t = performance.now();
    checkDraft(index, text, {}, cache);
    times.push(performance.now() - t);
    quotes = quotes.map((x) => (x === q ? { ...x, text: edited } : x));
  }
  return times;
}

/**
 * Fuse.js (the fuzzy matcher the project uses for keys) over the sentences
 * of the first `sampleChars` characters of text, searched for `count` quotations;
 * the time per quotation is extrapolated linearly to the whole corpus.
 */
export function fuseEstimate(index, quotes, sampleChars, count) {
  const sentences = [];
  let chars = 0;
  let corpusChars = 0;
  for (const source of index.sources()) corpusChars += source.text.length;
  for (const source of index.sources()) {
    if (chars >= sampleChars) break;
    const text = source.text.slice(0, sampleChars - chars);
    chars += text.length;
    for (const sentence of text.split(/(?<=[.!?])\s+/)) if (sentence.trim()) sentences.push(sentence.replace(/\s+/g, ' '));
  }
  const fuse = new Fuse(sentences, { includeScore: true, threshold: 0.4, ignoreLocation: true });
  const times = [];
  for (const q of quotes.slice(0, count)) {
    const t = performance.now();
    fuse.search(q.text, { limit: 5 });
    times.push(performance.now() - t);
  }
  const perQuote = median(times);
  return { sampleChars: chars, sentences: sentences.length, perQuoteSample: perQuote, perQuoteExtrapolated: perQuote * (corpusChars / chars) };
}
