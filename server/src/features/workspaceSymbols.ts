import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { sourceMatches, sourceMatchesInSlices } from './sourceSearch.js';

/** Symbols listed at most for one query (clients ask again as the user types). */
export const MAX_SYMBOLS = 200;

export interface SourceSymbol {
  /** The source's key. */
  readonly name: string;
  /** Its title. */
  readonly detail: string;
  readonly path: string;
}

/**
 * Sources whose key or title holds every word of `query` (case-insensitive),
 * at most `limit`, the best first (`sourceSearch.ts` `matchRank`: the key
 * itself, keys that begin with the query, keys that hold every word, then key
 * and title together; by key within each). An empty query lists sources by key.
 * `workspaceSymbols(index, 'lincoln 1862')` finds `sotu/1862_abraham_lincoln_n`.
 */
export function workspaceSymbols(index: CorpusIndex, query: string, limit = MAX_SYMBOLS): SourceSymbol[] {
  return sourceMatches([index.sources()], query, limit).sources.map(symbolOf);
}

/**
 * `workspaceSymbols` over several folders' indexes (a path in two of them
 * listed once, from the first), on the server's thread in slices: `due()`
 * (`timeSlices`) is asked every thousand sources and awaited when the slice is
 * over. Over 100,000 sources one request held the server for hundreds of
 * milliseconds (bench/README.md, "Requests behind hostile scale").
 * Undefined once `token` is cancelled.
 */
export async function workspaceSymbolsInSlices(
  indexes: readonly CorpusIndex[], query: string, limit: number,
  due: () => Promise<void> | undefined, token?: { readonly isCancellationRequested: boolean },
): Promise<SourceSymbol[] | undefined> {
  return (await sourceMatchesInSlices(indexes.map((i) => i.sources()), query, limit, due, token))?.sources.map(symbolOf);
}

function symbolOf(source: Source): SourceSymbol {
  return { name: source.key, detail: source.title, path: source.path };
}
