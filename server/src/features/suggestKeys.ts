import Fuse, { type FuseResult } from 'fuse.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';
import type { Bibliography } from '../bibliography/bibliography.js';
import type { CorpusIndex } from '../index/corpusIndex.js';

/** Fuse scores run from 0 (exact) to 1; past this a "did you mean" is a guess that misleads. */
const MAX_SUGGESTION_SCORE = 0.4;

interface KeyRecord {
  readonly key: string;
  readonly title: string;
}

const fuses = new WeakMap<CorpusIndex, { version: number; fuse: Fuse<KeyRecord> }>();
const bibliographyFuses = new WeakMap<Bibliography, Map<string, Fuse<KeyRecord>>>();

const FUSE_OPTIONS = {
  keys: [{ name: 'key', weight: 0.7 }, { name: 'title', weight: 0.3 }],
  includeScore: true,
  threshold: 0.45,
  ignoreLocation: true,
};

/** The corpus's keys and titles in key order, so keys that score the same come in the same order however the index was filled. */
function keyRecords(index: CorpusIndex): KeyRecord[] {
  return [...index.sources()].map((s) => ({ key: s.key, title: s.title })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A fuzzy finder over the corpus's keys and titles, rebuilt only when the corpus changes. */
export function keyFinder(index: CorpusIndex): Fuse<KeyRecord> {
  const cached = fuses.get(index);
  if (cached && cached.version === index.version) return cached.fuse;
  const fuse = new Fuse(keyRecords(index), FUSE_OPTIONS);
  fuses.set(index, { version: index.version, fuse });
  return fuse;
}

/**
 * Keys per part of the corpus's parted finder. One Fuse.js search of a
 * corpus of 20,000 files took 1.2 s, too long for the server to answer
 * nothing; a part is searched in a few milliseconds, so a check can stop
 * between parts and let requests in.
 */
const PART_SIZE = 2000;

interface PartedFinder {
  readonly version: number;
  readonly records: readonly KeyRecord[];
  /** Built when first searched. */
  readonly parts: (Fuse<KeyRecord> | undefined)[];
}

const partedFinders = new WeakMap<CorpusIndex, Map<number, PartedFinder>>();

function partedFinder(index: CorpusIndex, partSize: number): PartedFinder {
  let bySize = partedFinders.get(index);
  if (!bySize) partedFinders.set(index, bySize = new Map());
  const cached = bySize.get(partSize);
  if (cached && cached.version === index.version) return cached;
  const records = keyRecords(index);
  const finder = { version: index.version, records, parts: new Array<Fuse<KeyRecord> | undefined>(Math.ceil(records.length / partSize)) };
  bySize.set(partSize, finder);
  return finder;
}

/**
 * `suggestKeys`, searched a part of the corpus's keys at a time, so that it
 * can stop once `token` is cancelled and go on where it stopped at the next
 * `run`. The same keys as one search of all keys: a key's Fuse score does not
 * depend on the other keys, and the parts' best are merged in Fuse's order
 * (score, then place in key order).
 * `new KeySuggestions(index, 'lincon').run(neverCancelled)` is `suggestKeys(index, 'lincon')`.
 */
export class KeySuggestions {
  private next = 0;
  private readonly found: { result: FuseResult<KeyRecord>; at: number }[] = [];

  constructor(private readonly index: CorpusIndex, readonly key: string, private readonly limit = 3,
    private readonly bibliography?: Bibliography, private readonly partSize = PART_SIZE) {}

  /** The suggested keys, best first; undefined when `token` was cancelled first (at least one part is searched per run). */
  run(token: CancellationToken): string[] | undefined {
    if (this.key.length === 0) return [];
    const finder = partedFinder(this.index, this.partSize);
    for (const first = this.next; this.next < finder.parts.length; this.next++) {
      if (this.next > first && token.isCancellationRequested) return undefined;
      const start = this.next * this.partSize;
      const fuse = finder.parts[this.next] ??= new Fuse(finder.records.slice(start, start + this.partSize), FUSE_OPTIONS);
      for (const result of fuse.search(this.key, { limit: this.limit })) this.found.push({ result, at: start + result.refIndex });
    }
    // Fuse's own order: score, then place.
    const best = this.found.sort((a, b) => (a.result.score === b.result.score ? a.at - b.at : (a.result.score ?? 1) - (b.result.score ?? 1)))
      .slice(0, this.limit).map((f) => f.result);
    return ranked(best, this.key, this.limit, this.bibliography);
  }
}

/**
 * A fuzzy finder over the bibliography keys that begin with the same letter
 * as `key`: Fuse.js over all 10,000 entries of a large bibliography took
 * ~60 ms a search, on every check of a draft with a half-typed key; a
 * bucket of one initial letter holds a few hundred.
 */
function bibliographyFinder(bibliography: Bibliography, key: string): Fuse<KeyRecord> {
  let buckets = bibliographyFuses.get(bibliography);
  if (!buckets) bibliographyFuses.set(bibliography, buckets = new Map());
  const initial = key.charAt(0).toLowerCase();
  let fuse = buckets.get(initial);
  if (!fuse) {
    const records: KeyRecord[] = [];
    for (const e of bibliography.entries()) if (e.key.charAt(0).toLowerCase() === initial) records.push({ key: e.key, title: e.title ?? '' });
    records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    fuse = new Fuse(records, FUSE_OPTIONS);
    buckets.set(initial, fuse);
  }
  return fuse;
}

/**
 * "Did you mean" keys for a key no source has, best first, from the corpus
 * and the bibliography (its keys with the same initial letter).
 * `suggestKeys(index, '000_5b963e66346')` is `['000_5b963e663469ef88']` on the sample corpus.
 */
export function suggestKeys(index: CorpusIndex, key: string, limit = 3, bibliography?: Bibliography): string[] {
  return new KeySuggestions(index, key, limit, bibliography).run(neverCancelled)!;
}

/** The corpus's best matches and the bibliography's, within the score that still helps, best first. */
function ranked(corpus: FuseResult<KeyRecord>[], key: string, limit: number, bibliography: Bibliography | undefined): string[] {
  const found = [...corpus];
  if (bibliography && bibliography.size > 0) found.push(...bibliographyFinder(bibliography, key).search(key, { limit }));
  const ranked = found.filter((r) => (r.score ?? 1) <= MAX_SUGGESTION_SCORE)
    .sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(ranked.map((r) => r.item.key))].slice(0, limit);
}
