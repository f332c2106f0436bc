import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { ScanOutput } from '../index/scan.js';
import type { PatternItem } from './quotePattern.js';
import type { Candidate } from './retrieve.js';
import { windowWords } from './window.js';

/** Occurrences examined at most by the exhaustive search in the cited sources. */
const MAX_EXACT_OCCURRENCES = 50_000;
/** A second word filters the pivot's places when the pivot has more places than this... */
const FILTER_FROM = 16;
/** ...and the second word no more than this many (its places are put in a set). */
const FILTER_MAX = 50_000;

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
  const starts = pivotFrequency > FILTER_FROM ? startsWithSecondWord(index, hashes, pivot, docIds) : undefined;
  let visited = 0;
  let stopped = false;
  index.forEachOccurrence(hashes[pivot]!, (docId, wordIndex) => {
    if (++visited > MAX_EXACT_OCCURRENCES) { stopped = true; return false; }
    const start = wordIndex - pivot;
    if (start < 0) return true;
    // The index already says whether the second word stands where it must: no text is read where it does not.
    if (starts && !starts.has(docId * PLACE + start)) return true;
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

/** Document ids are multiplied by this to key a word's place in a set (documents stay under 2^26 words). */
const PLACE = 0x4000000;

/**
 * The run starts (`docId * PLACE + word index`) that the run's rarest word
 * other than the pivot allows, when it has few enough places: an exact place
 * must hold it there (the index hashes words as the window scan does), so a
 * pivot place without it is skipped without reading text. Reading the text
 * around each of a common pivot's places was most of the time of a
 * corpus-wide exact search (each place a chunk of a book to decode).
 */
function startsWithSecondWord(index: CorpusIndex, hashes: readonly number[], pivot: number, docIds: ReadonlySet<number> | undefined):
  Set<number> | undefined {
  let at = -1;
  let frequency = Infinity;
  hashes.forEach((hash, i) => {
    if (i === pivot || hash === hashes[pivot]) return;
    const f = index.frequency(hash);
    if (f < frequency) { at = i; frequency = f; }
  });
  if (at < 0 || frequency > FILTER_MAX) return undefined;
  const starts = new Set<number>();
  index.forEachOccurrence(hashes[at]!, (docId, wordIndex) => { if (wordIndex >= at) starts.add(docId * PLACE + wordIndex - at); }, docIds);
  return starts;
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
