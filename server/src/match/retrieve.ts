import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { PatternItem } from './quotePattern.js';
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

/** Occurrences examined at most by the exhaustive search in the cited sources. */
const MAX_EXACT_OCCURRENCES = 50_000;

/**
 * Every place in `docIds` where the longest gap-free run of `items` occurs word
 * for word: the exhaustive complement of `retrieve` for cited sources, so a
 * verbatim quotation made of common words is never lost among equally voted
 * candidates. `wordIndex` estimates where the part's first item falls.
 */
export function exactRunCandidates(index: CorpusIndex, items: readonly PatternItem[], docIds: ReadonlySet<number>, limit: number): Candidate[] {
  const run = longestWordRun(items);
  if (run.norms.length === 0 || docIds.size === 0) return [];
  let pivot = 0;
  let pivotFrequency = Infinity;
  run.norms.forEach((norm, i) => {
    const f = index.frequency(hashWord(norm));
    if (f < pivotFrequency) { pivot = i; pivotFrequency = f; }
  });
  const found: Candidate[] = [];
  let visited = 0;
  index.forEachOccurrence(hashWord(run.norms[pivot]!), (docId, wordIndex) => {
    if (++visited > MAX_EXACT_OCCURRENCES) return false;
    if (!docIds.has(docId)) return true;
    const start = wordIndex - pivot;
    if (start < 0) return true;
    const words = windowWords(index.doc(docId)!, start, start + run.norms.length);
    if (words.length === run.norms.length && words.every((w, i) => w.norm === run.norms[i])) {
      found.push({ docId, wordIndex: Math.max(0, start - run.offset), votes: run.norms.length });
    }
    return found.length < limit;
  });
  return found;
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
