import type { Bibliography } from '../bibliography/bibliography.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { findBibliographyKeys, findSources } from './keyFinder.js';

/** Fuse scores run from 0 (exact) to 1; past this a "did you mean" is a guess that misleads. */
const MAX_SUGGESTION_SCORE = 0.4;

/**
 * "Did you mean" keys for a key no source has, best first (equal scores in
 * key order, however the index was filled), from the corpus and the
 * bibliography (its keys with the same initial letter).
 * `suggestKeys(index, '000_5b963e66346')` is `['000_5b963e663469ef88']` on the sample corpus.
 */
export function suggestKeys(index: CorpusIndex, key: string, limit = 3, bibliography?: Bibliography): string[] {
  if (key.length === 0) return [];
  // Every corpus match, not the first `limit`: those would be the first in the index's order among equal scores.
  const found: { key: string; score: number }[] = index.size === 0 ? [] : findSources(index, 'correct', key).map((r) => ({ key: r.item.key, score: r.score }));
  if (bibliography && bibliography.size > 0) found.push(...findBibliographyKeys(bibliography, 'correct', key, limit).map((r) => ({ key: r.item.key, score: r.score })));
  const ranked = found.filter((r) => r.score <= MAX_SUGGESTION_SCORE)
    .sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...new Set(ranked.map((r) => r.key))].slice(0, limit);
}
