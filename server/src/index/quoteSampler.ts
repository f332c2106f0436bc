import { type Word } from '../text/tokenize.js';
import type { CorpusIndex, IndexedDoc } from './corpusIndex.js';

/** How a sampled quotation differs from its source: not at all, or by one word, number or negation. */
export type QuoteChange = 'verbatim' | 'word' | 'number' | 'negation';

export interface SampledQuote {
  /** The quotation as a writer would type it (without quote marks). */
  readonly text: string;
  /** The source it was drawn from (cite it for a verbatim verdict). */
  readonly key: string;
  readonly change: QuoteChange;
}

export interface SampleOptions {
  readonly count: number;
  readonly seed?: number;
  readonly minWords?: number;
  readonly maxWords?: number;
  /** Share of quotations left verbatim; the rest cycle through word, number and negation changes. Default 0.5. */
  readonly verbatimShare?: number;
}

/** mulberry32: a small seeded generator, so a benchmark draws the same quotations every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AUXILIARIES = new Set(['is', 'was', 'are', 'were', 'will', 'would', 'could', 'should', 'can', 'must', 'had', 'has', 'have', 'did', 'do', 'does', 'shall', 'may', 'might']);
const NEGATIONS = new Set(['not', 'never', 'no']);
const SUBSTITUTES = ['purple', 'gravel', 'lantern', 'harvest', 'marble', 'thunder', 'velvet', 'orchard'];
/** Passages holding these would not read back as one plain quotation in Markdown. */
const AWKWARD = /["“”„«»*_`<>\[\]\\#@|~]/;

/**
 * Draws `count` passages from the corpus with a seeded generator and changes
 * some of them (a word substituted, a number changed, a negation added or
 * dropped), for benchmarks and for tests that compare two indexes.
 * `sampleQuotes(index, { count: 100, seed: 1 })` gives the same 100 quotations on every run.
 */
export function sampleQuotes(index: CorpusIndex, options: SampleOptions): SampledQuote[] {
  const random = seededRandom(options.seed ?? 1);
  const minWords = options.minWords ?? 8;
  const maxWords = options.maxWords ?? 24;
  const verbatimShare = options.verbatimShare ?? 0.5;
  const docs = [...index.sources()].map((s) => index.docByKey(s.key)).filter((d): d is IndexedDoc => d !== undefined && d.wordCount > maxWords * 2);
  docs.sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
  const totalWords = docs.reduce((n, d) => n + d.wordCount, 0);
  const out: SampledQuote[] = [];
  const changes: QuoteChange[] = ['word', 'number', 'negation'];
  for (let attempt = 0; out.length < options.count && attempt < options.count * 200 && docs.length > 0; attempt++) {
    const doc = pickByWords(docs, totalWords, random());
    const length = minWords + Math.floor(random() * (maxWords - minWords + 1));
    const first = Math.floor(random() * (doc.wordCount - length));
    const passage = doc.words(doc.wordStart(first), doc.wordStart(first + length)).slice(0, length);
    if (passage.length < length) continue;
    const text = doc.slice(passage[0]!.start, passage[length - 1]!.end);
    if (AWKWARD.test(text) || /\n\s*\n/.test(text)) continue;
    const slot = out.length % 6;
    const change: QuoteChange = slot < 6 * verbatimShare ? 'verbatim' : changes[slot % changes.length]!;
    const changed = change === 'verbatim' ? text : mutate(text, passage, change, random);
    if (changed === undefined) continue;
    out.push({ text: changed.replace(/\s+/g, ' '), key: doc.source.key, change });
  }
  return out;
}

function pickByWords(docs: readonly IndexedDoc[], total: number, r: number): IndexedDoc {
  let target = r * total;
  for (const doc of docs) {
    target -= doc.wordCount;
    if (target < 0) return doc;
  }
  return docs[docs.length - 1]!;
}

/** The passage with one change, or undefined when it offers no place for that change. */
function mutate(text: string, passage: readonly Word[], change: QuoteChange, random: () => number): string | undefined {
  const base = passage[0]!.start;
  const replace = (w: Word, by: string) => text.slice(0, w.start - base) + by + text.slice(w.end - base);
  if (change === 'number') {
    const number = passage.find((w) => /^\d+$/.test(w.norm));
    return number ? replace(number, String(Number(number.norm) + 1 + Math.floor(random() * 8))) : undefined;
  }
  if (change === 'negation') {
    const negation = passage.find((w, i) => i > 0 && i < passage.length - 1 && NEGATIONS.has(w.norm));
    if (negation) {
      const end = negation.end - base;
      return text.slice(0, negation.start - base) + text.slice(end).replace(/^\s+/, '');
    }
    const auxiliary = passage.find((w, i) => i > 0 && i < passage.length - 1 && AUXILIARIES.has(w.norm));
    return auxiliary ? replace(auxiliary, `${text.slice(auxiliary.start - base, auxiliary.end - base)} not`) : undefined;
  }
  const candidates = passage.filter((w, i) => i > 0 && i < passage.length - 1 && /^[a-z]{4,}$/.test(w.norm) && !AUXILIARIES.has(w.norm));
  if (candidates.length === 0) return undefined;
  const target = candidates[Math.floor(random() * candidates.length)]!;
  const pick = Math.floor(random() * SUBSTITUTES.length);
  const substitute = SUBSTITUTES[pick] === target.norm ? SUBSTITUTES[(pick + 1) % SUBSTITUTES.length]! : SUBSTITUTES[pick]!;
  return replace(target, substitute);
}

/**
 * A Markdown draft quoting each sampled passage with its citation, padded
 * with plain sentences to about `words` words.
 * `sampleDraft(quotes, 10_000)` is a 10,000-word draft with one paragraph per quotation.
 */
export function sampleDraft(quotes: readonly SampledQuote[], totalWords = 0, seed = 7): string {
  const random = seededRandom(seed);
  const quoteWords = quotes.reduce((n, q) => n + q.text.split(' ').length + 4, 0);
  const fillerPerQuote = Math.max(0, Math.round((totalWords - quoteWords) / Math.max(1, quotes.length)));
  const filler = ['the', 'report', 'notes', 'that', 'writers', 'often', 'compare', 'sources', 'with', 'care', 'and', 'patience', 'in', 'every', 'chapter'];
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(filler[Math.floor(random() * filler.length)]!);
    return out.length === 0 ? '' : `${out.join(' ').replace(/^./, (c) => c.toUpperCase())}. `;
  };
  return quotes.map((q, i) => `${sentence(fillerPerQuote)}As the source ${i} puts it, “${q.text}” [@${q.key}].\n`).join('\n');
}
