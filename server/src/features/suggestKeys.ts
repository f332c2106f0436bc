import type { Bibliography } from '../bibliography/bibliography.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { BIBLIOGRAPHY_PART_SIZE, bibliographyKeyParts, type KeyHit, type KeyRecord, rankHits, SOURCE_PART_SIZE, sourceParts } from './keyFinder.js';

/** Fuse scores run from 0 (exact) to 1; past this a "did you mean" is a guess that misleads. */
const MAX_SUGGESTION_SCORE = 0.4;

/**
 * "Did you mean" keys for a key no source has, best first (equal scores in
 * key order, however the index was filled), from the corpus and the
 * bibliography (its keys a slip in the first two letters can reach: `findBibliographyKeys`).
 * `suggestKeys(index, '000_5b963e66346')` is `['000_5b963e663469ef88']` on the sample corpus.
 */
export function suggestKeys(index: CorpusIndex, key: string, limit = 3, bibliography?: Bibliography): string[] {
  return new KeySuggestions(index, key, limit, bibliography).run(neverCancelled)!;
}

/**
 * `suggestKeys`, searched a part of the corpus's sources at a time
 * (`sourceParts`), so that it can stop once `token` is cancelled and go on
 * where it stopped at the next `run`: how a check of a draft with unknown keys
 * lets requests in on a large corpus. The same keys as one search: every
 * corpus match is kept and the order is score, then key.
 * `new KeySuggestions(index, 'lincon').run(neverCancelled)` is `suggestKeys(index, 'lincon')`.
 */
export class KeySuggestions {
  private next = 0;
  private nextBibliographyPart = 0;
  private readonly found: { key: string; score: number }[] = [];
  private readonly bibliographyHits: KeyHit<KeyRecord>[] = [];

  constructor(private readonly index: CorpusIndex, readonly key: string, private readonly limit = 3,
    private readonly bibliography?: Bibliography, private readonly partSize = SOURCE_PART_SIZE,
    private readonly bibliographyPartSize = BIBLIOGRAPHY_PART_SIZE) {}

  /** The suggested keys, best first; undefined when `token` was cancelled first (at least one part is searched per run). */
  run(token: CancellationToken): string[] | undefined {
    if (this.key.length === 0) return [];
    const parts = this.index.size === 0 ? { count: 0, search: () => [] } : sourceParts(this.index, this.partSize);
    let searched = 0;
    for (; this.next < parts.count; this.next++) {
      if (searched++ > 0 && token.isCancellationRequested) return undefined;
      // Every corpus match, not the first `limit`: those would be the first in the index's order among equal scores.
      for (const r of parts.search(this.next, 'correct', this.key, MAX_SUGGESTION_SCORE)) if (r.score <= MAX_SUGGESTION_SCORE) this.found.push({ key: r.item.key, score: r.score });
    }
    const found = [...this.found];
    if (this.bibliography && this.bibliography.size > 0) {
      // The bibliography's keys in parts too (`bibliographyKeyParts`): the same keys as `findBibliographyKeys`.
      const bibliographyParts = bibliographyKeyParts(this.bibliography, this.key, this.bibliographyPartSize);
      for (; this.nextBibliographyPart < bibliographyParts.count; this.nextBibliographyPart++) {
        if (searched++ > 0 && token.isCancellationRequested) return undefined;
        this.bibliographyHits.push(...bibliographyParts.search(this.nextBibliographyPart, 'correct'));
      }
      found.push(...rankHits([...this.bibliographyHits]).slice(0, this.limit).map((r) => ({ key: r.item.key, score: r.score })));
    }
    const ranked = found.filter((r) => r.score <= MAX_SUGGESTION_SCORE)
      .sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return [...new Set(ranked.map((r) => r.key))].slice(0, this.limit);
  }
}
