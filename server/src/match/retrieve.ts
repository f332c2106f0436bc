import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';

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
}

/** Seeds per quote: the rarest distinct words. More seeds cost time, fewer risk missing a passage whose rare words changed. */
const MAX_SEEDS = 6;
/** Occurrences visited per seed word at most: a quote made only of very common words is bounded, not a scan. */
const MAX_OCCURRENCES_PER_SEED = 200_000;
/** Diagonals are pooled in buckets of this many words so that an added or dropped word keeps the votes together. */
const BUCKET = 8;

/**
 * Finds where a run of quote words may come from, without scanning the corpus:
 * each occurrence of the quote's rarest words votes for the diagonal
 * (source position minus quote position) it implies, and the best-voted
 * diagonals are returned.
 * `retrieve(index, ['risk', 'of', 'escalation'], ...)` votes with `escalation` first.
 */
export function retrieve(index: CorpusIndex, norms: readonly string[], options: RetrieveOptions): { preferred: Candidate[]; other: Candidate[] } {
  const seeds = chooseSeeds(index, norms);
  const votes = new Map<number, { docId: number; wordIndex: number; votes: number }>();
  for (const seed of seeds) {
    let visited = 0;
    index.forEachOccurrence(seed.hash, (docId, wordIndex) => {
      for (const q of seed.quoteIndexes) {
        const diagonal = Math.max(0, wordIndex - q);
        const key = docId * 0x1000000 + Math.floor(diagonal / BUCKET);
        const entry = votes.get(key);
        if (entry) entry.votes++;
        else votes.set(key, { docId, wordIndex: diagonal, votes: 1 });
      }
      return ++visited < MAX_OCCURRENCES_PER_SEED;
    });
  }
  const preferred: Candidate[] = [];
  const other: Candidate[] = [];
  for (const [key, entry] of votes) {
    // A passage straddling two buckets splits its votes: count the neighbour's too.
    const neighbour = (votes.get(key - 1)?.votes ?? 0) + (votes.get(key + 1)?.votes ?? 0);
    const candidate = { docId: entry.docId, wordIndex: entry.wordIndex, votes: entry.votes + neighbour };
    (options.preferred.has(entry.docId) ? preferred : other).push(candidate);
  }
  const byVotes = (a: Candidate, b: Candidate) => b.votes - a.votes || a.docId - b.docId || a.wordIndex - b.wordIndex;
  return {
    preferred: preferred.sort(byVotes).slice(0, options.preferredLimit),
    other: other.sort(byVotes).slice(0, options.otherLimit),
  };
}

interface Seed {
  readonly hash: number;
  readonly quoteIndexes: number[];
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
