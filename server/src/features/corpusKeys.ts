import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';

/**
 * The corpus's sources in key order, with their keys and titles in lower
 * case, made once per version of the index: what key completion reads when
 * the corpus is too large for a fuzzy search per keystroke (`LARGE_CORPUS`).
 */
interface KeyTable {
  readonly version: number;
  readonly sources: readonly Source[];
  readonly lowerKeys: readonly string[];
  readonly lowerTitles: readonly string[];
}

/**
 * Past this many sources, key completion scans keys and titles instead of
 * running Fuse.js over every source: over 100,000 sources one fuzzy search
 * took 300-850 ms of CPU, a keystroke's completion; the scans take a few.
 */
export const LARGE_CORPUS = 5_000;

const tables = new WeakMap<CorpusIndex, KeyTable>();

/** `index`'s sources in key order (code-unit order, as the completion list shows them). */
export function keyTable(index: CorpusIndex): KeyTable {
  let table = tables.get(index);
  if (!table || table.version !== index.version) {
    const sources = [...index.sources()];
    // Sources are mostly listed in key order already: a check spares the sort.
    let sorted = true;
    for (let i = 1; i < sources.length && sorted; i++) sorted = sources[i - 1]!.key <= sources[i]!.key;
    if (!sorted) sources.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    table = { version: index.version, sources, lowerKeys: sources.map((s) => s.key.toLowerCase()), lowerTitles: sources.map((s) => s.title.toLowerCase()) };
    tables.set(index, table);
  }
  return table;
}

/**
 * Up to `limit` sources for a typed prefix, best first, by plain scans:
 * keys that start with it (shortest first, then in key order), then keys that
 * contain it, then titles that contain it.
 * `scanKeys(index, 'linc', 500)` lists `lincoln` before `abraham_lincoln`.
 */
export function scanKeys(index: CorpusIndex, prefix: string, limit: number): { sources: Source[]; more: boolean } {
  const { sources, lowerKeys, lowerTitles } = keyTable(index);
  const lower = prefix.toLowerCase();
  // One more than the limit is looked for: whether the list is cut.
  const wanted = limit + 1;
  // Keys that start with the prefix, by length: scanned in key order, so each length's list is in key order.
  const byLength: number[][] = [];
  const inKey: number[] = [];
  const inTitle: number[] = [];
  let starting = 0;
  for (let i = 0; i < sources.length; i++) {
    const key = lowerKeys[i]!;
    if (key.startsWith(lower)) {
      (byLength[key.length] ??= []).push(i);
      starting++;
    } else if (starting + inKey.length < wanted && key.includes(lower)) {
      inKey.push(i);
    } else if (starting + inKey.length + inTitle.length < wanted && lowerTitles[i]!.includes(lower)) {
      inTitle.push(i);
    }
  }
  const found: Source[] = [];
  for (const bucket of byLength) if (bucket) for (const i of bucket) if (found.length < wanted) found.push(sources[i]!);
  for (const i of [...inKey, ...inTitle]) if (found.length < wanted) found.push(sources[i]!);
  return { sources: found.slice(0, limit), more: found.length > limit };
}
