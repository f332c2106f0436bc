#!/usr/bin/env node
/**
 * Web page reader quality: on Readability's test pages
 * (`../shared/data/formats/html/<name>/`: `source.html`, `expected.html` = the
 * article Readability should keep, `expected-metadata.json`), the word F1 of
 * `extractHtml`'s text against the text of `expected.html` (both turned to
 * text by the same `htmlToText`, words as the engine tokenizes them, counted
 * as bags), the agreement of title, author and date with the expected
 * metadata (where it gives one), and the CPU time per page (user + system, one
 * thread, after a warm-up page). `html/deep-review-manuscript.html` is checked
 * apart: its article must come through whole.
 *
 *   node bench/formats/htmlQuality.mjs [data/formats]     (after `npm run build`; HTML_QUALITY_PAGES=1 also prints each page)
 *   const result = await htmlQuality('/path/to/formats');  (from `npm run bench`)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function htmlQuality(formatsDir) {
  const { extractHtml } = await import(join(repo, 'server/out/formats/html/index.js'));
  const { htmlToText } = await import(join(repo, 'server/out/formats/htmlText.js'));
  const { parseHtmlDocument } = await import(join(repo, 'server/out/formats/dom.js'));
  const { forEachWord, normalizeWord } = await import(join(repo, 'server/out/text/tokenize.js'));
  const bag = (text) => {
    const counts = new Map();
    forEachWord(text, (s, e) => { const w = normalizeWord(text.slice(s, e)); counts.set(w, (counts.get(w) ?? 0) + 1); });
    return counts;
  };
  const dir = join(formatsDir, 'html');
  const names = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'source.html'))).sort();
  const pages = [];
  // Warm-up: the first extraction compiles Readability and linkedom.
  if (names.length > 0) await extractHtml(readFileSync(join(dir, names[0], 'source.html')), 'warm-up.html');
  for (const name of names) {
    const bytes = readFileSync(join(dir, name, 'source.html'));
    const expectedHtml = readFileSync(join(dir, name, 'expected.html'), 'utf8');
    const expectedText = htmlToText(parseHtmlDocument(expectedHtml)).text;
    // The same article as the DOM's textContent: every character, footnote marks and all.
    const expectedRaw = parseHtmlDocument(`<html><body>${expectedHtml}</body></html>`).getElementsByTagName('body')[0].textContent;
    const expectedMeta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8'));
    const before = process.cpuUsage();
    let result; let failure;
    try { result = await extractHtml(bytes, `${name}/source.html`); } catch (error) { failure = error; }
    const cpu = process.cpuUsage(before);
    const ours = bag(result?.text ?? '');
    const { f1, precision, recall, oursTotal, expectedTotal } = wordF1(ours, bag(expectedText));
    const raw = wordF1(ours, bag(expectedRaw));
    pages.push({
      name, f1, precision, recall, f1Raw: raw.f1, words: oursTotal, expectedWords: expectedTotal, cpuMs: (cpu.user + cpu.system) / 1000,
      failure: failure ? `${failure.failure ?? 'error'}: ${failure.message}` : undefined,
      meta: result?.meta ?? {},
      agree: {
        title: compare(result?.meta.title, expectedMeta.title),
        author: compare(result?.meta.author, expectedMeta.byline),
        date: compare(result?.meta.date, expectedMeta.publishedTime),
      },
      expectedMeta: { title: expectedMeta.title, byline: expectedMeta.byline, publishedTime: expectedMeta.publishedTime },
    });
  }
  const deepReview = await deepReviewCheck(formatsDir, extractHtml, bag);
  return { pages, summary: summarize(pages), deepReview };
}

/** Word F1 of two bags of words (precision: share of ours in theirs; recall: share of theirs in ours). */
function wordF1(ours, expected) {
  let common = 0; let oursTotal = 0; let expectedTotal = 0;
  for (const [w, n] of ours) { oursTotal += n; common += Math.min(n, expected.get(w) ?? 0); }
  for (const n of expected.values()) expectedTotal += n;
  const precision = oursTotal ? common / oursTotal : (expectedTotal ? 0 : 1);
  const recall = expectedTotal ? common / expectedTotal : 1;
  const f1 = precision + recall ? 2 * precision * recall / (precision + recall) : 0;
  return { f1, precision, recall, oursTotal, expectedTotal };
}

/** 'same' | 'differs' | 'missing' (expected a value, got none) | 'extra' (got one, none expected) | 'none' (neither). */
function compare(ours, expected) {
  const norm = (v) => (v ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  if (!norm(expected)) return norm(ours) ? 'extra' : 'none';
  if (!norm(ours)) return 'missing';
  return norm(ours) === norm(expected) ? 'same' : 'differs';
}

function summarize(pages) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const cpu = sorted(pages.map((p) => p.cpuMs));
  const agreement = {};
  for (const field of ['title', 'author', 'date']) {
    const counts = { same: 0, differs: 0, missing: 0, extra: 0, none: 0 };
    for (const p of pages) counts[p.agree[field]]++;
    agreement[field] = counts;
  }
  return {
    pages: pages.length,
    failures: pages.filter((p) => p.failure).length,
    meanF1: mean(pages.map((p) => p.f1)),
    medianF1: sorted(pages.map((p) => p.f1))[Math.floor(pages.length / 2)],
    below95: pages.filter((p) => p.f1 < 0.95).map((p) => `${p.name} ${p.f1.toFixed(3)}`),
    meanF1AgainstTextContent: mean(pages.map((p) => p.f1Raw)),
    meanPrecision: mean(pages.map((p) => p.precision)),
    meanRecall: mean(pages.map((p) => p.recall)),
    cpuMsMean: mean(cpu),
    cpuMsMedian: cpu[Math.floor(cpu.length / 2)],
    cpuMsP95: cpu[Math.floor(cpu.length * 0.95)],
    cpuMsMax: cpu[cpu.length - 1],
    agreement,
  };
}

/** The Manubot HTML of the deep-review manuscript: its article (about 30,000 words) must be what is read. */
async function deepReviewCheck(formatsDir, extractHtml, bag) {
  const file = join(formatsDir, 'html', 'deep-review-manuscript.html');
  if (!existsSync(file)) return undefined;
  const before = process.cpuUsage();
  const result = await extractHtml(readFileSync(file), 'deep-review-manuscript.html');
  const cpu = process.cpuUsage(before);
  let words = 0;
  for (const n of bag(result.text).values()) words += n;
  return {
    words, cpuMs: (cpu.user + cpu.system) / 1000, meta: result.meta,
    opening: result.text.slice(0, 160),
    hasAbstract: /Deep learning describes a class of machine learning algorithms/.test(result.text),
    hasConclusions: /Conclusions/.test(result.text),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const formatsDir = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'data', 'formats'));
  if (!existsSync(join(formatsDir, 'html'))) {
    console.log(`No web page data in ${formatsDir}/html; nothing was measured.`);
    process.exit(0);
  }
  const loadBefore = loadavg()[0];
  const { summary, pages, deepReview } = await htmlQuality(formatsDir);
  if (process.env.HTML_QUALITY_PAGES === '1') for (const p of pages) console.log(JSON.stringify(p));
  const load = `load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  console.log(JSON.stringify({ node: process.version, load, summary, deepReview }, null, 2));
}
