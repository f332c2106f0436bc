import Fuse, { type FuseIndex, type IFuseOptions } from 'fuse.js';
import type { Bibliography } from '../bibliography/bibliography.js';
import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { KeyCandidates, type CandidateScoring } from './keyCandidates.js';

/**
 * The one fuzzy finder of citation keys, shared by key completion (ranking
 * what is typed after `@`) and "did you mean" (`suggestKeys`): Fuse.js over
 * key and title, one Fuse index per version of the corpus.
 *
 * Each use ranks with its own weights over that one index (Fuse keeps the
 * weights apart from the index): completing, the title counts for a third
 * (a writer types an author's name or a title word); correcting a mistyped
 * key, for 0.3. One weighting for both would change one of them: 2:1 for
 * "did you mean" changed 99 of 3,000 typo suggestion lists on the Gutenberg
 * corpus (mostly dropping the second and third guesses).
 */
export type KeyUse = 'complete' | 'correct';

const KEYS = ['key', 'title'] as const;
const WEIGHTS: Readonly<Record<KeyUse, readonly [key: number, title: number]>> = { complete: [2, 1], correct: [0.7, 0.3] };

/** The weights (normalized, as Fuse normalizes them) and threshold of a use, for `KeyCandidates`' bound. */
function scoring(use: KeyUse): CandidateScoring {
  const [key, title] = WEIGHTS[use];
  return { keyWeight: key / (key + title), titleWeight: title / (key + title), threshold: THRESHOLD };
}

const THRESHOLD = 0.45;

function options(use: KeyUse): IFuseOptions<Keyed> {
  return {
    keys: KEYS.map((name, i) => ({ name, weight: WEIGHTS[use][i]! })),
    threshold: THRESHOLD,
    ignoreLocation: true,
    includeScore: true,
  };
}

interface Keyed {
  readonly key: string;
  readonly title?: string;
}

/** A bibliography entry as the finder sees it. */
export interface KeyRecord {
  readonly key: string;
  readonly title: string;
}

/** A match: Fuse's score runs from 0 (exact) to 1. */
export interface KeyHit<T> {
  readonly item: T;
  readonly score: number;
}

/** One Fuse index over a list, and a finder for each use, made when first asked for. */
class Finder<T extends Keyed> {
  private readonly index: FuseIndex<T>;
  private readonly byUse = new Map<KeyUse, Fuse<T>>();

  constructor(private readonly items: readonly T[]) {
    this.index = Fuse.createIndex<T>([...KEYS], items);
  }

  search(use: KeyUse, text: string, limit: number | undefined): KeyHit<T>[] {
    let fuse = this.byUse.get(use);
    if (!fuse) this.byUse.set(use, fuse = new Fuse<T>(this.items, options(use), this.index));
    const found = limit === undefined ? fuse.search(text) : fuse.search(text, { limit });
    return found.map((r) => ({ item: r.item, score: r.score ?? 1 }));
  }
}

const corpusFinders = new WeakMap<CorpusIndex, { version: number; finder: Finder<Source> }>();
/**
 * The sources whose key or title is like `text`, best first (equal scores in
 * the index's order), at most `limit`.
 * `findSources(index, 'correct', '000_5b963e66346')[0].item.key` is `'000_5b963e663469ef88'` on the sample corpus.
 */
export function findSources(index: CorpusIndex, use: KeyUse, text: string, limit?: number): KeyHit<Source>[] {
  let cached = corpusFinders.get(index);
  if (!cached || cached.version !== index.version) {
    cached = { version: index.version, finder: new Finder([...index.sources()]) };
    corpusFinders.set(index, cached);
  }
  return cached.finder.search(use, text, limit);
}

const bibliographyBuckets = new WeakMap<Bibliography, Map<string, { records: KeyRecord[]; parts: Map<number, (Finder<KeyRecord> | undefined)[]> }>>();

/** Bibliography records per part of `bibliographyKeyParts`: a part is searched in a few milliseconds. */
export const BIBLIOGRAPHY_PART_SIZE = 100;

/**
 * The bibliography entries whose key or title is like `text`, best first
 * (equal scores in key order): those whose key begins with `text`'s initial
 * letter, and the keys one slip at the start away from it (`amith2020`,
 * `mith2020`, `xsmith2020` and `msith2020` all reach `smith2020`: `slipsAway`).
 * Why not every key: Fuse.js over all 10,000 entries of a large
 * bibliography took ~60 ms a search, on every check of a draft with a
 * half-typed key; a bucket of one initial letter holds a few hundred.
 */
export function findBibliographyKeys(bibliography: Bibliography, use: KeyUse, text: string, limit?: number): KeyHit<KeyRecord>[] {
  const parts = bibliographyKeyParts(bibliography, text);
  const hits: KeyHit<KeyRecord>[] = [];
  for (let part = 0; part < parts.count; part++) hits.push(...parts.search(part, use));
  const ranked = rankHits(hits);
  return limit === undefined ? ranked : ranked.slice(0, limit);
}

/** Best first, equal scores in key order: the order of one Fuse.js search of records in key order. */
export function rankHits(hits: KeyHit<KeyRecord>[]): KeyHit<KeyRecord>[] {
  return hits.sort((a, b) => a.score - b.score || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
}

/**
 * What `findBibliographyKeys` searches, in parts of `partSize` entries of the
 * bucket of `text`'s initial letter, then one of the keys a slip away: each
 * part is searched as the whole would be (a match's score does not depend on
 * the other items), so that a check can stop between two parts and let
 * requests in. The bucket of one letter of a 10,000-entry bibliography holds
 * up to ~1,000 keys: ~50 ms of Fuse.js in one piece.
 */
export function bibliographyKeyParts(bibliography: Bibliography, text: string, partSize = BIBLIOGRAPHY_PART_SIZE): { readonly count: number; search(part: number, use: KeyUse): KeyHit<KeyRecord>[] } {
  let buckets = bibliographyBuckets.get(bibliography);
  if (!buckets) bibliographyBuckets.set(bibliography, buckets = new Map());
  const initial = text.charAt(0).toLowerCase();
  let bucket = buckets.get(initial);
  if (!bucket) {
    const records: KeyRecord[] = [];
    for (const e of bibliography.entries()) if (e.key.charAt(0).toLowerCase() === initial) records.push({ key: e.key, title: e.title ?? '' });
    records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    buckets.set(initial, bucket = { records, parts: new Map() });
  }
  const { records } = bucket;
  let finders = bucket.parts.get(partSize);
  if (!finders) bucket.parts.set(partSize, finders = new Array<Finder<KeyRecord> | undefined>(Math.ceil(records.length / partSize)));
  const own = finders;
  return {
    count: own.length + 1,
    search(part, use) {
      if (part < own.length) {
        const finder = own[part] ??= new Finder(records.slice(part * partSize, (part + 1) * partSize));
        return finder.search(use, text, undefined);
      }
      const slipped = slipsAway(bibliography, text).filter((r) => r.key.charAt(0).toLowerCase() !== initial);
      return slipped.length === 0 ? [] : new Finder(slipped).search(use, text, undefined);
    },
  };
}

/** Each bibliography's keys, lowercased, whole and without their first one and two characters; by `keySet`. */
const keyTails = new WeakMap<object, { whole: Map<string, string[]>; less1: Map<string, string[]>; less2: Map<string, string[]> }>();

/**
 * What stands for a bibliography's set of keys: a file's key order (`BibFile.keyOrder`,
 * kept when the full parse replaces the scanned entries: the same keys), else the bibliography.
 */
function keySet(bibliography: Bibliography): object {
  const only = bibliography.files.length === 1 ? bibliography.files[0]! : undefined;
  return only?.keyOrder && typeof only.keyOrder === 'object' && only.keyOrder.length === only.entries.length ? only.keyOrder : bibliography;
}

/**
 * The entries whose key is `text` but for one slip in its first two
 * characters, lowercased: a first character changed (`amith`), dropped
 * (`mith`) or added (`xsmith`), or the first two swapped (`msith`). Found by
 * exact lookups of the keys' tails, made once per set of keys (a full parse
 * landing keeps them: 10,000 keys' tails were ~15 ms): a fuzzy search
 * of the keys sharing a second letter held up to a quarter of them (31 ms).
 */
function slipsAway(bibliography: Bibliography, text: string): KeyRecord[] {
  const set = keySet(bibliography);
  let tails = keyTails.get(set);
  if (!tails) {
    tails = { whole: new Map(), less1: new Map(), less2: new Map() };
    const add = (map: Map<string, string[]>, tail: string, key: string) => {
      if (tail === '') return;
      const list = map.get(tail);
      if (list) list.push(key);
      else map.set(tail, [key]);
    };
    for (const key of bibliography.keys()) {
      const lower = key.toLowerCase();
      add(tails.whole, lower, key);
      add(tails.less1, lower.slice(1), key);
      add(tails.less2, lower.slice(2), key);
    }
    keyTails.set(set, tails);
  }
  const typed = text.toLowerCase();
  if (typed.length < 3) return [];
  const swapped = typed.charAt(1) + typed.charAt(0);
  const found = new Set<string>();
  for (const k of tails.less1.get(typed.slice(1)) ?? []) found.add(k); // changed
  for (const k of tails.less1.get(typed) ?? []) found.add(k); // dropped
  for (const k of tails.whole.get(typed.slice(1)) ?? []) found.add(k); // added
  for (const k of tails.less2.get(typed.slice(2)) ?? []) if (k.slice(0, 2).toLowerCase() === swapped) found.add(k); // swapped
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => ({ key, title: bibliography.get(key)?.title ?? '' }));
}

/**
 * Sources per part of `sourceParts`. One search of a corpus of 20,000 files
 * took 1.2 s, too long for the server to answer nothing meanwhile; a part is
 * searched in a few milliseconds.
 */
export const SOURCE_PART_SIZE = 2000;

/** One part of `sourceParts`: its Fuse index over every source in it, and its candidate filter for "did you mean", each made when first needed. */
class SourcePart {
  private all: Finder<Source> | undefined;
  private readonly filters: Partial<Record<KeyUse, KeyCandidates<Source>>> = {};

  constructor(private readonly sources: readonly Source[]) {}

  /** With `maxScore`, the hits within it (all of them: the others are left out by the filter), else every hit. */
  search(use: KeyUse, text: string, maxScore?: number): KeyHit<Source>[] {
    const candidates = maxScore === undefined ? undefined : (this.filters[use] ??= new KeyCandidates(this.sources, scoring(use))).candidates(text, maxScore);
    if (candidates === undefined) return (this.all ??= new Finder(this.sources)).search(use, text, undefined);
    return candidates.length === 0 ? [] : new Finder(candidates).search(use, text, undefined);
  }
}

/** The parts cut so far from one version of the index's sources, and the rest of them, not yet listed. */
interface PartedSources {
  readonly version: number;
  readonly count: number;
  readonly parts: SourcePart[];
  readonly rest: Iterator<Source>;
}

const partedFinders = new WeakMap<CorpusIndex, Map<number, PartedSources>>();

/**
 * The corpus's sources in parts of `partSize`, each searched as `findSources`
 * searches them all (a match's score does not depend on the other items), so
 * that a search can stop between two parts. Given the highest score wanted
 * (as "did you mean" is), Fuse runs only over a part's candidates
 * (`KeyCandidates`: the sources whose key and title hold enough of the typed
 * key's character pairs to score within it), so a search of 100,000 sources
 * is a few milliseconds. Each part's filter and
 * index are made when it is first searched, once per version of the corpus;
 * the parts themselves are cut from the index's sources then, in order (a
 * part asked for cuts the ones before it first): listing 100,000 sources at
 * once held the thread 36-55 ms at the end of a first index. A part past the
 * last source (the index's size counts a source being added) is empty.
 */
export function sourceParts(index: CorpusIndex, partSize = SOURCE_PART_SIZE): { readonly count: number; search(part: number, use: KeyUse, text: string, maxScore?: number): KeyHit<Source>[] } {
  let bySize = partedFinders.get(index);
  if (!bySize) partedFinders.set(index, bySize = new Map());
  let cached = bySize.get(partSize);
  if (!cached || cached.version !== index.version) {
    cached = { version: index.version, count: Math.ceil(index.size / partSize), parts: [], rest: index.sources() };
    bySize.set(partSize, cached);
  }
  const { count, parts, rest } = cached;
  return {
    count,
    search(part, use, text, maxScore) {
      while (parts.length <= part) {
        const sources: Source[] = [];
        for (let next = rest.next(); !next.done; next = rest.next()) {
          sources.push(next.value);
          if (sources.length === partSize) break;
        }
        parts.push(new SourcePart(sources));
      }
      return parts[part]!.search(use, text, maxScore);
    },
  };
}
