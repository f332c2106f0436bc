import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { PatternItem } from './quotePattern.js';
import { ScanOutput, scanWords } from '../index/scan.js';
import { TopK, VoteTable } from './votes.js';
import { windowWords } from './window.js';

/** A place worth aligning: document `docId` with the quote's word 0 near source word `wordIndex`. */
export interface Candidate {
  readonly docId: number;
  readonly wordIndex: number;
  readonly votes: number;
}

export interface RetrieveOptions {
  /** Documents whose candidates are ranked separately (the cited sources). */
  readonly preferred: ReadonlySet<number>;
  readonly preferredLimit: number;
  readonly otherLimit: number;
  /** Vote only in these documents (the cited ones, when only they matter). */
  readonly onlyDocs?: ReadonlySet<number>;
}

/** Seeds per quote: the rarest distinct words. More seeds cost time, fewer risk missing a passage whose rare words changed. */
const MAX_SEEDS = 6;
/** Occurrences visited per seed word at most: a quote made only of very common words is bounded, not a scan. */
const MAX_OCCURRENCES_PER_SEED = 200_000;
/** Diagonals are pooled in buckets of this many words so that an added or dropped word keeps the votes together. */
const BUCKET = 8;
/** Votes the rarest seeds may cast anywhere (at least `MIN_FREE_SEEDS` of them do, whatever it costs). */
const FREE_VOTES = 20_000;
const MIN_FREE_SEEDS = 2;


/**
 * Finds where a run of quote words may come from, without scanning the corpus:
 * each occurrence of the quote's rarest words votes for the diagonal
 * (source position minus quote position) it implies, and the best-voted
 * diagonals are returned.
 * `retrieve(index, ['risk', 'of', 'escalation'], ...)` votes with `escalation` first.
 */
export function retrieve(index: CorpusIndex, norms: readonly string[], options: RetrieveOptions): { preferred: Candidate[]; other: Candidate[] } {
  const seeds = chooseSeeds(index, norms);
  // The rarest seeds vote anywhere; once they have cast FREE_VOTES, the more
  // common ones are only looked for around the best places so far (see
  // voteNearLeaders), so a quotation of common words costs a few windows of
  // text, not a pass over the corpus' commonest postings.
  let cast = 0;
  let split = seeds.length;
  // Voting only in some documents costs their share of each seed's occurrences (about).
  let share = 1;
  if (options.onlyDocs) {
    let words = 0;
    for (const id of options.onlyDocs) words += index.doc(id)?.wordCount ?? 0;
    share = Math.min(1, words / Math.max(1, index.wordCount));
  }
  for (let s = 0; s < seeds.length; s++) {
    const cost = Math.min(seeds[s]!.frequency * share, MAX_OCCURRENCES_PER_SEED) * seeds[s]!.quoteIndexes.length;
    if (s >= MIN_FREE_SEEDS && cast + cost > FREE_VOTES) { split = s; break; }
    cast += cost;
  }
  let capacity = 1024;
  while (capacity < cast && capacity < 1 << 15) capacity <<= 1;
  const votes = new VoteTable(capacity);
  for (const seed of seeds.slice(0, split)) {
    let visited = 0;
    const quoteIndexes = seed.quoteIndexes;
    index.forEachOccurrence(seed.hash, (docId, wordIndex) => {
      for (let i = 0; i < quoteIndexes.length; i++) {
        const diagonal = Math.max(0, wordIndex - quoteIndexes[i]!);
        votes.add(docId * 0x1000000 + Math.floor(diagonal / BUCKET), docId, diagonal);
      }
      return ++visited < MAX_OCCURRENCES_PER_SEED;
    }, options.onlyDocs);
  }
  if (split < seeds.length) voteNearLeaders(index, votes, seeds.slice(split), norms.length, options);
  const maxVotes = seeds.reduce((n, s) => n + s.quoteIndexes.length, 0);
  const preferred = new TopK(options.preferredLimit);
  const other = new TopK(options.otherLimit);
  for (let entry = 0; entry < votes.size; entry++) {
    const docId = votes.docIds[entry]!;
    const top = options.preferred.has(docId) ? preferred : other;
    // A passage straddling two buckets splits its votes: count the neighbour's too.
    // (A bucket's neighbours hold at most as many votes as there are seed hits, so a
    // candidate that cannot reach the last kept one even with them is skipped early.)
    const own = votes.votes[entry]!;
    if (!top.wants(own + 2 * maxVotes)) continue;
    const key = votes.keys[entry]!;
    const total = own + votes.get(key - 1) + votes.get(key + 1);
    top.offer({ docId, wordIndex: votes.wordIndexes[entry]!, votes: total });
  }
  return { preferred: preferred.items, other: other.items };
}

/**
 * Adds the votes of common seeds at the best-voted places so far
 * (and the buckets next to them), reading those places' words instead of the
 * seeds' postings: the same votes those places would get from the postings.
 */
function voteNearLeaders(index: CorpusIndex, votes: VoteTable, seeds: readonly Seed[], quoteLength: number, options: RetrieveOptions): void {
  const preferred = options.preferred;
  let maxVotes = 0;
  for (let entry = 0; entry < votes.size; entry++) maxVotes = Math.max(maxVotes, votes.votes[entry]!);
  const general = new TopK(2 * options.otherLimit);
  const cited = new TopK(options.preferredLimit);
  for (let entry = 0; entry < votes.size; entry++) {
    const docId = votes.docIds[entry]!;
    const top = preferred.has(docId) ? cited : general;
    // Ranked as in `retrieve`: with the neighbouring buckets' votes, which a passage straddling two splits.
    const key = votes.keys[entry]!;
    const own = votes.votes[entry]!;
    if (!top.wants(own + 2 * maxVotes)) continue;
    top.offer({ docId, wordIndex: key % 0x1000000, votes: own + votes.get(key - 1) + votes.get(key + 1) });
  }
  // Buckets that may take votes: the leaders' and their neighbours'.
  const allowed = new Set<number>();
  const ranges: { docId: number; from: number; to: number }[] = [];
  for (const place of [...general.items, ...cited.items]) {
    const key = place.docId * 0x1000000 + place.wordIndex;
    allowed.add(key - 1).add(key).add(key + 1);
    ranges.push({ docId: place.docId, from: (place.wordIndex - 1) * BUCKET, to: (place.wordIndex + 2) * BUCKET + quoteLength });
  }
  ranges.sort((a, b) => a.docId - b.docId || a.from - b.from);
  const byHash = new Map<number, readonly number[]>();
  for (const seed of seeds) byHash.set(seed.hash, seed.quoteIndexes);
  let last: { docId: number; from: number; to: number } | undefined;
  const merged: { docId: number; from: number; to: number }[] = [];
  for (const range of ranges) {
    if (last && last.docId === range.docId && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push(last = { ...range });
  }
  const scan = new ScanOutput(256);
  for (const range of merged) {
    const doc = index.doc(range.docId);
    if (!doc) continue;
    const from = Math.max(0, Math.min(range.from, doc.wordCount));
    const to = Math.max(from, Math.min(range.to, doc.wordCount));
    scan.words = 0;
    scan.markCount = 0;
    scanWords(doc.source.text, doc.wordStart(from), doc.wordStart(to), scan);
    for (let i = 0; i < scan.words; i++) {
      const quoteIndexes = byHash.get(scan.hashes[i]!);
      if (!quoteIndexes) continue;
      for (const q of quoteIndexes) {
        const diagonal = Math.max(0, from + i - q);
        const key = range.docId * 0x1000000 + Math.floor(diagonal / BUCKET);
        if (allowed.has(key)) votes.add(key, range.docId, diagonal);
      }
    }
  }
}

interface Seed {
  readonly hash: number;
  readonly quoteIndexes: number[];
  readonly frequency: number;
}

function chooseSeeds(index: CorpusIndex, norms: readonly string[]): Seed[] {
  const byWord = new Map<string, Seed & { frequency: number }>();
  norms.forEach((norm, q) => {
    const existing = byWord.get(norm);
    if (existing) { existing.quoteIndexes.push(q); return; }
    const hash = hashWord(norm);
    byWord.set(norm, { hash, quoteIndexes: [q], frequency: index.frequency(hash) });
  });
  return [...byWord.values()]
    .filter((seed) => seed.frequency > 0)
    .sort((a, b) => a.frequency - b.frequency)
    .slice(0, MAX_SEEDS);
}

/** Occurrences examined at most by the exhaustive search in the cited sources. */
const MAX_EXACT_OCCURRENCES = 50_000;

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
  let visited = 0;
  let stopped = false;
  index.forEachOccurrence(hashes[pivot]!, (docId, wordIndex) => {
    if (++visited > MAX_EXACT_OCCURRENCES) { stopped = true; return false; }
    const start = wordIndex - pivot;
    if (start < 0) return true;
    const doc = index.doc(docId)!;
    // Word hashes first (no allocation), the words themselves only where every hash agrees.
    scan.words = 0;
    scan.markCount = 0;
    scanWords(doc.source.text, doc.wordStart(start), doc.wordStart(start + hashes.length), scan);
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
  const top = new TopK(limit);
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
      scanWords(doc.source.text, doc.wordStart(start), doc.wordStart(first + items.length + NEARBY), scan);
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
  }
  return top.items;
}
