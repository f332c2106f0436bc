import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { ScanOutput } from '../index/scan.js';
import type { PatternItem } from './quotePattern.js';
import type { Candidate } from './retrieve.js';
import { finish, type Steps } from '../engine/steps.js';
import { byPath, TopK } from './votes.js';

/** Occurrences of the pivot words looked at by `rareWordCandidates`, and how many pivots at most. */
const MAX_PIVOT_OCCURRENCES = 400;
const MAX_PIVOTS = 3;
/** Words either side of the expected place where a quote word still counts. */
const NEARBY = 3;

/**
 * Places in `docIds` (or anywhere) around each occurrence of the part's rarest
 * word that the corpus holds, ranked by how many of the part's distinct words
 * stand near where they should. A changed quotation keeps most of its rare
 * words, so this finds its place even in a source that repeats its common words
 * many times (where diagonal votes tie).
 * In a source of twelve lines "…over the way to the house…" and one
 * "He went to No. 27 over the way", the quote "to No. 25 over the way" is
 * placed by "no".
 */
export function rareWordCandidates(index: CorpusIndex, items: readonly PatternItem[], docIds: ReadonlySet<number> | undefined, limit: number): Candidate[] {
  return finish(rareWordSteps(index, items, docIds, limit));
}

/** `rareWordCandidates` in steps (see `retrieveSteps`): it pauses after each pivot word's places. */
export function* rareWordSteps(index: CorpusIndex, items: readonly PatternItem[], docIds: ReadonlySet<number> | undefined, limit: number): Steps<Candidate[]> {
  const words: { hash: number; q: number; frequency: number }[] = [];
  items.forEach((item, q) => {
    if (item.kind === 'word') {
      const hash = hashWord(item.norm);
      words.push({ hash, q, frequency: index.frequency(hash) });
    }
  });
  // The rarest words first; more than one, because the rarest may be the very
  // word the writer changed (and then it is not where the passage is).
  const pivots = words.filter((w) => w.frequency > 0).sort((a, b) => a.frequency - b.frequency).slice(0, MAX_PIVOTS);
  if (pivots.length === 0) return [];
  const wanted = new Map<number, number[]>();
  for (const word of words) wanted.set(word.hash, [...(wanted.get(word.hash) ?? []), word.q]);
  const top = new TopK(limit, byPath(index));
  const placed = new Set<number>();
  const scan = new ScanOutput(items.length + 2 * NEARBY + 8);
  let visited = 0;
  for (const pivot of pivots) {
    if (visited >= MAX_PIVOT_OCCURRENCES) break;
    index.forEachOccurrence(pivot.hash, (docId, wordIndex) => {
      const first = wordIndex - pivot.q;
      const key = docId * 0x4000000 + Math.max(0, first);
      if (placed.has(key)) return ++visited < MAX_PIVOT_OCCURRENCES;
      placed.add(key);
      const doc = index.doc(docId)!;
      const start = Math.max(0, first - NEARBY);
      scan.words = 0;
      scan.markCount = 0;
      doc.scan(doc.wordStart(start), doc.wordStart(first + items.length + NEARBY), scan);
      // Distinct quote positions whose word stands within NEARBY of where it should.
      const seen = new Set<number>();
      for (let i = 0; i < scan.words; i++) {
        const qs = wanted.get(scan.hashes[i]!);
        if (!qs) continue;
        const offset = start + i - first;
        for (const q of qs) if (Math.abs(offset - q) <= NEARBY) seen.add(q);
      }
      top.offer({ docId, wordIndex: Math.max(0, first), votes: seen.size });
      return ++visited < MAX_PIVOT_OCCURRENCES;
    }, docIds);
    yield;
  }
  return top.items;
}
