import type { CorpusIndex } from '../index/corpusIndex.js';

/** Symbols listed at most for one query. */
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
 * keys first when they match, at most `limit`. An empty query lists sources by key.
 * `workspaceSymbols(index, 'lincoln 1862')` finds `sotu/1862_abraham_lincoln_n`.
 */
export function workspaceSymbols(index: CorpusIndex, query: string, limit = MAX_SYMBOLS): SourceSymbol[] {
  const steps = symbolSteps(index, query, limit);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `workspaceSymbols` on the server's thread in slices: `due()` (`timeSlices`)
 * is asked every thousand sources and awaited when the slice is over. The
 * same symbols (the same steps). Over 100,000 sources one request held the
 * server for hundreds of milliseconds (bench/README.md, "Requests behind hostile scale").
 */
export async function workspaceSymbolsInSlices(index: CorpusIndex, query: string, limit: number, due: () => Promise<void> | undefined): Promise<SourceSymbol[]> {
  const steps = symbolSteps(index, query, limit);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = due();
    if (turn) await turn;
  }
}

const SOURCES_PER_STEP = 1000;

const byName = (a: SourceSymbol, b: SourceSymbol) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The matches' first `limit` by name: sorted (stably) and cut whenever twice
 * as many have gathered, so the whole list, which an empty query makes of every
 * source, is never sorted at once. The same first `limit` as one sort of them all.
 */
class FirstByName {
  private items: SourceSymbol[] = [];
  constructor(private readonly limit: number) {}
  add(symbol: SourceSymbol): void {
    this.items.push(symbol);
    if (this.items.length >= 2 * this.limit + SOURCES_PER_STEP) this.cut();
  }
  sorted(): SourceSymbol[] {
    this.cut();
    return this.items;
  }
  private cut(): void {
    this.items = this.items.sort(byName).slice(0, this.limit);
  }
}

function* symbolSteps(index: CorpusIndex, query: string, limit: number): Generator<void, SourceSymbol[]> {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const keyHits = new FirstByName(limit);
  const titleHits = new FirstByName(limit);
  let seen = 0;
  for (const source of index.sources()) {
    if (++seen % SOURCES_PER_STEP === 0) yield;
    const key = source.key.toLowerCase();
    const haystack = `${key} ${source.title.toLowerCase()}`;
    if (!terms.every((t) => haystack.includes(t))) continue;
    const symbol = { name: source.key, detail: source.title, path: source.path };
    (terms.every((t) => key.includes(t)) ? keyHits : titleHits).add(symbol);
  }
  return [...keyHits.sorted(), ...titleHits.sorted()].slice(0, limit);
}
