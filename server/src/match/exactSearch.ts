import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { ScanOutput } from '../index/scan.js';
import type { PatternItem } from './quotePattern.js';
import type { Candidate } from './retrieve.js';
import { windowWords } from './window.js';

/** Occurrences examined at most by the exhaustive search in the cited sources. */
const MAX_EXACT_OCCURRENCES = 50_000;
/**
 * The run's next-rarest word filters the pivot's places (from the index) when
 * the pivot has more places than this, and the word at most `FILTER_RATIO`
 * times as many (its positions are decoded per segment). Measured on the
 * 100 MB corpus against 2 and 3 filter words and ratios of 4 to 1000: one word
 * is best for typical quotations (p50 0.22 ms, p95 2.2 ms) and still cuts the
 * worst, all common words, from 330 to 67 ms (one quote p95 went from 7 to 2 ms:
 * bench/README.md, "Targets (issue 5)", exact searches).
 */
export const FILTER_FROM = 16;
const FILTER_WORDS = 1;
const FILTER_RATIO = 1000;

/**
 * Every place in `docIds` where the longest gap-free run of `items` occurs word
 * for word: the exhaustive complement of `retrieve` for cited sources, so a
 * verbatim quotation made of common words is never lost among equally voted
 * candidates. `wordIndex` estimates where the part's first item falls.
 */
export function exactRunCandidates(index: CorpusIndex, items: readonly PatternItem[], docIds: ReadonlySet<number>, limit: number): Candidate[] {
  return docIds.size === 0 ? [] : exactRunSearch(index, items, docIds, limit).candidates;
}

/**
 * `exactRunCandidates` in `docIds`, or in every document when undefined;
 * `exhaustive` is true when every occurrence was examined and fewer than
 * `limit` places were found, so no other place holds the run.
 */
export function exactRunSearch(index: CorpusIndex, items: readonly PatternItem[], docIds: ReadonlySet<number> | undefined,
  limit: number): { candidates: Candidate[]; exhaustive: boolean } {
  const run = longestWordRun(items);
  if (run.norms.length === 0) return { candidates: [], exhaustive: false };
  let pivot = 0;
  let pivotFrequency = Infinity;
  run.norms.forEach((norm, i) => {
    const f = index.frequency(hashWord(norm));
    if (f < pivotFrequency) { pivot = i; pivotFrequency = f; }
  });
  const found: Candidate[] = [];
  const hashes = run.norms.map(hashWord);
  const scan = new ScanOutput(run.norms.length + 1);
  const others = pivotFrequency > FILTER_FROM ? filterWords(index, hashes, pivot, pivotFrequency) : [];
  let visited = 0;
  let stopped = false;
  index.forEachPhrasePlace(hashes[pivot]!, others, (docId, wordIndex, holds) => {
    if (++visited > MAX_EXACT_OCCURRENCES) { stopped = true; return false; }
    const start = wordIndex - pivot;
    if (start < 0) return true;
    // The index already says whether the other words stand where they must: no text is read where they do not.
    if (!holds) return true;
    const doc = index.doc(docId)!;
    // Word hashes first (no allocation), the words themselves only where every hash agrees.
    scan.words = 0;
    scan.markCount = 0;
    doc.scan(doc.wordStart(start), doc.wordStart(start + hashes.length), scan);
    if (scan.words !== hashes.length) return true;
    for (let i = 0; i < hashes.length; i++) if (scan.hashes[i] !== hashes[i]) return true;
    const words = windowWords(doc, start, start + run.norms.length);
    if (words.length === run.norms.length && words.every((w, i) => w.norm === run.norms[i])) {
      found.push({ docId, wordIndex: Math.max(0, start - run.offset), votes: run.norms.length });
    }
    if (found.length >= limit) { stopped = true; return false; }
    return true;
  }, docIds);
  return { candidates: found, exhaustive: !stopped };
}

/**
 * The run's rarest words after the pivot (other than repeats of it), with
 * their distance from it: an exact place must hold each of them there (the
 * index hashes words as the window scan does), so `forEachPhrasePlace` tells
 * which of the pivot's places to read at all. Reading a window of text at each
 * place of a common pivot word was most of the time of a corpus-wide exact
 * search (each place a chunk of a book to decode).
 */
export function filterWords(index: CorpusIndex, hashes: readonly number[], pivot: number, pivotFrequency: number): { hash: number; delta: number }[] {
  const seen = new Set([hashes[pivot]!]);
  const words: { hash: number; delta: number; frequency: number }[] = [];
  hashes.forEach((hash, i) => {
    if (seen.has(hash)) return;
    seen.add(hash);
    const frequency = index.frequency(hash);
    if (frequency <= pivotFrequency * FILTER_RATIO) words.push({ hash, delta: i - pivot, frequency });
  });
  return words.sort((a, b) => a.frequency - b.frequency).slice(0, FILTER_WORDS).map(({ hash, delta }) => ({ hash, delta }));
}

/** The longest stretch of consecutive words (no bracket gap) and how many items precede it. */
function longestWordRun(items: readonly PatternItem[]): { norms: string[]; offset: number } {
  let best = { norms: [] as string[], offset: 0 };
  let current: string[] = [];
  let start = 0;
  items.forEach((item, i) => {
    if (item.kind === 'word') {
      if (current.length === 0) start = i;
      current.push(item.norm);
      if (current.length > best.norms.length) best = { norms: [...current], offset: start };
    } else {
      current = [];
    }
  });
  return best;
}
