import type { CorpusIndex } from '../index/corpusIndex.js';

export interface SourceSymbol {
  /** The source's key. */
  readonly name: string;
  /** Its title. */
  readonly detail: string;
  readonly path: string;
}

/**
 * Sources whose key or title holds every word of `query` (case-insensitive),
 * keys first when they match, at most `limit`. An empty query lists sources by key.
 * `workspaceSymbols(index, 'lincoln 1862')` finds `sotu/1862_abraham_lincoln_n`.
 */
export function workspaceSymbols(index: CorpusIndex, query: string, limit = 200): SourceSymbol[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const keyHits: SourceSymbol[] = [];
  const titleHits: SourceSymbol[] = [];
  for (const source of index.sources()) {
    const key = source.key.toLowerCase();
    const haystack = `${key} ${source.title.toLowerCase()}`;
    if (!terms.every((t) => haystack.includes(t))) continue;
    const symbol = { name: source.key, detail: source.title, path: source.path };
    (terms.every((t) => key.includes(t)) ? keyHits : titleHits).push(symbol);
  }
  const byName = (a: SourceSymbol, b: SourceSymbol) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...keyHits.sort(byName), ...titleHits.sort(byName)].slice(0, limit);
}
