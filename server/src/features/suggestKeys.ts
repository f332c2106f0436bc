import Fuse from 'fuse.js';
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

/** A fuzzy finder over the corpus's keys and titles, rebuilt only when the corpus changes. */
export function keyFinder(index: CorpusIndex): Fuse<KeyRecord> {
  const cached = fuses.get(index);
  if (cached && cached.version === index.version) return cached.fuse;
  // In key order, so keys that score the same come in the same order however the index was filled.
  const records = [...index.sources()].map((s) => ({ key: s.key, title: s.title })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const fuse = new Fuse(records, {
    keys: [{ name: 'key', weight: 0.7 }, { name: 'title', weight: 0.3 }],
    includeScore: true,
    threshold: 0.45,
    ignoreLocation: true,
  });
  fuses.set(index, { version: index.version, fuse });
  return fuse;
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
    fuse = new Fuse(records, { keys: [{ name: 'key', weight: 0.7 }, { name: 'title', weight: 0.3 }], includeScore: true, threshold: 0.45, ignoreLocation: true });
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
  if (key.length === 0) return [];
  const found = index.size === 0 ? [] : keyFinder(index).search(key, { limit });
  if (bibliography && bibliography.size > 0) found.push(...bibliographyFinder(bibliography, key).search(key, { limit }));
  const ranked = found.filter((r) => (r.score ?? 1) <= MAX_SUGGESTION_SCORE)
    .sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(ranked.map((r) => r.item.key))].slice(0, limit);
}
