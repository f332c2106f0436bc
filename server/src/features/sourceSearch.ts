import type { Source } from '../corpus/source.js';
import { finish, finishInSlices, type Steps } from '../engine/steps.js';

/**
 * Finding sources by key and title, for requests that list them as the user
 * types (Open Source's picker, workspace symbols): the best `limit` matches and
 * how many match in all, without sorting every source. Substring matching and
 * not Fuse.js: the user narrows a list by what they see (keys and titles), and
 * a walk of 100,000 keys and titles with `includes` costs a few tens of
 * milliseconds in slices, where Fuse's scoring costs seconds (the "did you
 * mean" search, bench/README.md).
 */

/** A query longer than this matches no source: its words would each be looked for in every key and title. */
export const MAX_QUERY_CHARS = 1000;

/**
 * How well a source matches, best first: its key is the query; its key begins
 * with it; its key holds every word; its key and title together hold every word.
 * With an empty query every source is `KEY_IS_QUERY`'s equal (listed by key).
 */
export const KEY_IS_QUERY = 0;
export const KEY_BEGINS = 1;
export const KEY_HOLDS = 2;
export const TITLE_HOLDS = 3;

/** A query read once: lower-cased, a leading `@` (a citation's) dropped, split into distinct words. */
export interface SourceQuery {
  readonly whole: string;
  readonly words: readonly string[];
  /** Over `MAX_QUERY_CHARS`: nothing matches. */
  readonly tooLong: boolean;
}

export function sourceQuery(query: string): SourceQuery {
  const whole = query.trim().toLowerCase().replace(/^@/, '');
  return { whole, words: [...new Set(whole.split(/\s+/).filter((w) => w !== ''))], tooLong: query.length > MAX_QUERY_CHARS };
}

/**
 * The rank of a source (`KEY_IS_QUERY`…`TITLE_HOLDS`) for `query`, or
 * undefined when some word of the query is in neither its key nor its title
 * (case-insensitive). `matchRank(sourceQuery('lincoln 1862'), 'sotu/1862_abraham_lincoln_n', '…')` is `KEY_HOLDS`.
 */
export function matchRank(query: SourceQuery, key: string, title: string): number | undefined {
  if (query.tooLong) return undefined;
  if (query.words.length === 0) return KEY_IS_QUERY;
  const lowerKey = key.toLowerCase();
  if (lowerKey === query.whole) return KEY_IS_QUERY;
  if (lowerKey.startsWith(query.whole)) return KEY_BEGINS;
  if (query.words.every((w) => lowerKey.includes(w))) return KEY_HOLDS;
  const lowerTitle = title.toLowerCase();
  return query.words.every((w) => lowerKey.includes(w) || lowerTitle.includes(w)) ? TITLE_HOLDS : undefined;
}

interface Ranked<T> {
  readonly rank: number;
  readonly key: string;
  readonly item: T;
}

/** By rank, then by key (code units, as keys were always listed). */
function byRank<T>(a: Ranked<T>, b: Ranked<T>): number {
  return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Matches gathered before the list is sorted and cut to its best (beyond twice the limit). */
const SLACK = 1000;

/**
 * The best `limit` of the items added, by rank then key, equal ones in the
 * order they came (the first `limit` of one stable sort of them all), and how
 * many were added. The list is sorted and cut whenever it has grown past
 * twice the limit, so it is never sorted whole; after a cut, an item that is
 * no better than the last one kept is counted and dropped with one comparison.
 */
export class BestMatches<T> {
  private kept: Ranked<T>[] = [];
  /** The last item kept at the last cut, once `limit` are kept. */
  private worst: Ranked<T> | undefined;
  /** How many matches were added. */
  total = 0;

  constructor(private readonly limit: number) {}

  add(rank: number, key: string, item: T): void {
    this.total++;
    if (this.limit <= 0) return;
    const entry = { rank, key, item };
    // Not better than the worst kept: it comes after `limit` others in the stable order.
    if (this.worst && byRank(entry, this.worst) >= 0) return;
    this.kept.push(entry);
    if (this.kept.length >= 2 * this.limit + SLACK) this.cut();
  }

  best(): T[] {
    this.cut();
    return this.kept.map((r) => r.item);
  }

  private cut(): void {
    this.kept.sort(byRank);
    if (this.kept.length >= this.limit) {
      this.kept.length = this.limit;
      this.worst = this.kept[this.limit - 1];
    }
  }
}

/** The best matches, best first, and how many sources match in all. */
export interface SourceMatches {
  readonly sources: Source[];
  readonly total: number;
}

/** Sources looked at between two `yield`s of `sourceMatchSteps` (fewer for a query of many words). */
const WORK_PER_STEP = 1000;

/**
 * `sourceMatches` as steps: it yields every thousand sources or so (fewer for a
 * query of many words), for a caller that lets other work in between. With
 * several lists, a path met again is skipped (nested folders share sources).
 */
export function* sourceMatchSteps(lists: readonly Iterable<Source>[], query: string, limit: number): Steps<SourceMatches> {
  const parsed = sourceQuery(query);
  const perStep = Math.max(1, Math.floor(WORK_PER_STEP / Math.max(1, parsed.words.length)));
  const best = new BestMatches<Source>(limit);
  const seen = lists.length > 1 ? new Set<string>() : undefined;
  let looked = 0;
  for (const list of lists) {
    for (const source of list) {
      if (++looked % perStep === 0) yield;
      if (seen) {
        if (seen.has(source.path)) continue;
        seen.add(source.path);
      }
      const rank = matchRank(parsed, source.key, source.title);
      if (rank !== undefined) best.add(rank, source.key, source);
    }
  }
  return { sources: best.best(), total: best.total };
}

/**
 * The sources of `lists` whose key or title holds every word of `query`
 * (case-insensitive), the best `limit` first (`matchRank`, then by key), and
 * how many match. `sourceMatches([index.sources()], 'lincoln', 20)`.
 */
export function sourceMatches(lists: readonly Iterable<Source>[], query: string, limit: number): SourceMatches {
  return finish(sourceMatchSteps(lists, query, limit));
}

/**
 * `sourceMatches` on the server's thread in slices: `due()` (`timeSlices`) is
 * asked at each step and awaited when the slice is over; undefined once `token`
 * is cancelled (the user typed on). The same matches as in one piece.
 */
export async function sourceMatchesInSlices(
  lists: readonly Iterable<Source>[], query: string, limit: number,
  due: () => Promise<void> | undefined, token?: { readonly isCancellationRequested: boolean },
): Promise<SourceMatches | undefined> {
  return finishInSlices(sourceMatchSteps(lists, query, limit), due, token);
}
