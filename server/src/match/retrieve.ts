import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { ScanOutput } from '../index/scan.js';
import { finish, type Steps } from '../engine/steps.js';
import { byPath, TopK, VoteTable } from './votes.js';

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
/** Vote entries ranked between two pauses of `retrieveSteps` (tens of thousands over 100,000 sources: 10-30 ms cold). */
const ENTRIES_PER_STEP = 4096;


/**
 * Finds where a run of quote words may come from, without scanning the corpus:
 * each occurrence of the quote's rarest words votes for the diagonal
 * (source position minus quote position) it implies, and the best-voted
 * diagonals are returned.
 * `retrieve(index, ['risk', 'of', 'escalation'], ...)` votes with `escalation` first.
 */
export function retrieve(index: CorpusIndex, norms: readonly string[], options: RetrieveOptions): { preferred: Candidate[]; other: Candidate[] } {
  return finish(retrieveSteps(index, norms, options));
}

/**
 * `retrieve` in steps, for a search that stops when its turn is over and goes
 * on in the next (`matchSteps`): it pauses after each seed's votes and before
 * the votes near the leaders (each 5-30 ms over 100,000 tiny sources).
 */
export function* retrieveSteps(index: CorpusIndex, norms: readonly string[], options: RetrieveOptions): Steps<{ preferred: Candidate[]; other: Candidate[] }> {
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
    yield;
  }
  if (split < seeds.length) {
    yield* voteNearLeaders(index, votes, seeds.slice(split), norms.length, options);
    yield;
  }
  const maxVotes = seeds.reduce((n, s) => n + s.quoteIndexes.length, 0);
  const order = byPath(index);
  const preferred = new TopK(options.preferredLimit, order);
  const other = new TopK(options.otherLimit, order);
  for (let entry = 0; entry < votes.size; entry++) {
    const docId = votes.docIds[entry]!;
    const top = options.preferred.has(docId) ? preferred : other;
    // A passage straddling two buckets splits its votes: count the neighbour's too.
    // (A bucket's neighbours hold at most as many votes as there are seed hits, so a
    // candidate that cannot reach the last kept one even with them is skipped early.)
    if ((entry + 1) % ENTRIES_PER_STEP === 0) yield;
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
function* voteNearLeaders(index: CorpusIndex, votes: VoteTable, seeds: readonly Seed[], quoteLength: number, options: RetrieveOptions): Steps<void> {
  const preferred = options.preferred;
  let maxVotes = 0;
  for (let entry = 0; entry < votes.size; entry++) maxVotes = Math.max(maxVotes, votes.votes[entry]!);
  const order = byPath(index);
  const general = new TopK(2 * options.otherLimit, order);
  const cited = new TopK(options.preferredLimit, order);
  for (let entry = 0; entry < votes.size; entry++) {
    if ((entry + 1) % ENTRIES_PER_STEP === 0) yield;
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
  yield;
  const scan = new ScanOutput(256);
  for (const range of merged) {
    const doc = index.doc(range.docId);
    if (!doc) continue;
    const from = Math.max(0, Math.min(range.from, doc.wordCount));
    const to = Math.max(from, Math.min(range.to, doc.wordCount));
    scan.words = 0;
    scan.markCount = 0;
    doc.scan(doc.wordStart(from), doc.wordStart(to), scan);
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
