import type { Source } from '../corpus/source.js';
import { sourceSlice } from '../corpus/sourceText.js';
import { FILTER_FROM, filterWords } from './exactSearch.js';
import type { Span } from '../engine/text.js';
import { hashWord } from '../index/hash.js';
import { ScanOutput } from '../index/scan.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { words } from '../text/tokenize.js';
import { sourceSentence } from './context.js';
import { retrieve } from './retrieve.js';
import { windowWords } from './window.js';

/** A passage offered to the writer: the source's own wording over `span`. */
export interface PassageSuggestion {
  readonly key: string;
  readonly path: string;
  /** Offsets in the source's text. */
  readonly span: Span;
  readonly text: string;
}

/** Words of context matched at most: enough to pin a passage, cheap to compare. */
const MAX_CONTEXT_WORDS = 8;
const MAX_OCCURRENCES = 5_000;

/**
 * Passages that continue what the writer has typed inside an open quotation,
 * from the first typed word to the end of the source's sentence (at most
 * `maxWords` more words). The last typed word may be unfinished.
 * `suggestContinuations(index, 'so far, we are on')[0].text` is
 * `So far, we are on the same page about the thresholds,` on the sample corpus.
 */
export function suggestContinuations(index: CorpusIndex, typed: string,
  options: { limit?: number; preferKeys?: readonly string[]; maxWords?: number } = {}): PassageSuggestion[] {
  const limit = options.limit ?? 5;
  const maxWords = options.maxWords ?? 40;
  const typedWords = words(typed);
  const partial = typedWords.length > 0 && typedWords[typedWords.length - 1]!.end === typed.length ? typedWords.pop()!.norm : '';
  const context = typedWords.slice(-MAX_CONTEXT_WORDS).map((w) => w.norm);
  if (context.length === 0) return [];

  // The rarest context word pins the candidates; the rest are compared in place.
  let pivot = 0;
  let pivotFrequency = Infinity;
  context.forEach((norm, i) => {
    const f = index.frequency(hashWord(norm));
    if (f < pivotFrequency) { pivot = i; pivotFrequency = f; }
  });
  if (pivotFrequency === 0) return [];

  const prefer = new Set(options.preferKeys ?? []);
  const found: (PassageSuggestion & { preferred: boolean })[] = [];
  const seen = new Set<string>();
  let visited = 0;
  const hashes = context.map(hashWord);
  const scan = new ScanOutput(context.length + 1);
  // The index tells where the next-rarest typed word stands in place too: text is read only there.
  const others = pivotFrequency > FILTER_FROM ? filterWords(index, hashes, pivot, pivotFrequency) : [];
  index.forEachPhrasePlace(hashes[pivot]!, others, (docId, wordIndex, holds) => {
    const first = wordIndex - pivot;
    if (first < 0 || !holds) return ++visited < MAX_OCCURRENCES;
    const doc = index.doc(docId)!;
    // The typed words' hashes first, without allocating: most places differ there.
    scan.words = 0;
    scan.markCount = 0;
    doc.scan(doc.wordStart(first), doc.wordStart(first + context.length), scan);
    for (let i = 0; i < hashes.length; i++) if (scan.hashes[i] !== hashes[i]) return ++visited < MAX_OCCURRENCES;
    const window = windowWords(doc, first, first + context.length + 1 + maxWords);
    const agrees = context.every((norm, i) => window[i]?.norm === norm)
      && (partial === '' || (window[context.length]?.norm.startsWith(partial) ?? false));
    if (agrees && window.length > context.length) {
      const start = window[0]!.start;
      const typedEnd = window[context.length - 1]!.end;
      const end = continuationEnd(doc.source, window, context.length, typedEnd);
      const text = doc.slice(start, end);
      const dedupe = text.toLowerCase();
      if (!seen.has(dedupe)) {
        seen.add(dedupe);
        found.push({ key: doc.source.key, path: doc.source.path, span: { start, end }, text, preferred: prefer.has(doc.source.key) });
      }
    }
    return ++visited < MAX_OCCURRENCES;
  });
  return found
    .sort((a, b) => Number(b.preferred) - Number(a.preferred))
    .slice(0, limit)
    .map(({ preferred: _preferred, ...suggestion }) => suggestion);
}

/**
 * Source sentences that hold the words of a free query, best first (for
 * "Insert Quote from Sources…"). `searchPassages(index, 'powerful asymmetry')`
 * finds the sentence of 001_3a9f18657eae9295 that says so.
 */
export function searchPassages(index: CorpusIndex, query: string, options: { limit?: number } = {}): PassageSuggestion[] {
  const limit = options.limit ?? 20;
  const norms = words(query).map((w) => w.norm);
  if (norms.length === 0) return [];
  const { other } = retrieve(index, norms, { preferred: new Set(), preferredLimit: 0, otherLimit: limit * 3 });
  const results: PassageSuggestion[] = [];
  const seen = new Set<string>();
  for (const candidate of other) {
    const doc = index.doc(candidate.docId);
    if (!doc) continue;
    const hit = windowWords(doc, candidate.wordIndex, candidate.wordIndex + norms.length + 8).find((w) => norms.includes(w.norm));
    if (!hit) continue;
    const span = sourceSentence(doc.source, { start: hit.start, end: hit.end });
    const id = `${doc.id}:${span.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    results.push({ key: doc.source.key, path: doc.source.path, span, text: doc.slice(span.start, span.end) });
    if (results.length >= limit) break;
  }
  return results;
}

/**
 * Where an offered continuation stops: at the end of the last word before the
 * source's sentence ends or its own quotation closes, whichever comes first.
 */
function continuationEnd(source: Source, window: readonly { start: number; end: number }[], typedCount: number, typedEnd: number): number {
  let boundary = sourceSentence(source, { start: typedEnd, end: typedEnd }).end;
  const closing = sourceSlice(source, typedEnd, boundary).search(/[”"]/);
  if (closing >= 0) boundary = typedEnd + closing;
  let end = window[typedCount]!.end;
  for (let i = typedCount; i < window.length && window[i]!.end <= boundary; i++) end = window[i]!.end;
  return end;
}
