import { timeSlices } from '../engine/timeSlices.js';
import type { BibEntry, BibFile } from './entry.js';

/**
 * The entries a draft can cite, from its bibliography files in order (the
 * first file defining a key wins, as in Pandoc) and its front matter's
 * inline `references`.
 * `new Bibliography([file]).get('smith2020')?.title`
 */
export class Bibliography {
  private readonly byKey: ReadonlyMap<string, BibEntry>;
  /** The file of each key, when there are several files. */
  private readonly fileByKey: ReadonlyMap<string, BibFile> | undefined;

  constructor(readonly files: readonly BibFile[]) {
    if (files.length === 1) {
      // One file (the usual case): its key map as made once for its entries (see `mapKeysInSlices`).
      this.byKey = keyMap(files[0]!.entries);
      this.fileByKey = undefined;
      return;
    }
    const byKey = new Map<string, BibEntry>();
    const fileByKey = new Map<string, BibFile>();
    for (const file of files) {
      for (const [key, entry] of keyMap(file.entries)) {
        if (byKey.has(key)) continue;
        byKey.set(key, entry);
        fileByKey.set(key, file);
      }
    }
    this.byKey = byKey;
    this.fileByKey = fileByKey;
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): BibEntry | undefined {
    return this.byKey.get(key);
  }

  /** The file an entry came from. */
  fileOf(key: string): BibFile | undefined {
    if (this.fileByKey) return this.fileByKey.get(key);
    return this.byKey.has(key) ? this.files[0] : undefined;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  entries(): IterableIterator<BibEntry> {
    return this.byKey.values();
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /**
   * Every entry in key order (UTF-16 code units, as `<` compares). A
   * bibliography of one file whose reader sorted it (`BibFile.keyOrder`)
   * takes that order (a key defined again once, as `get` has it): sorting
   * 10,000 keys here held a request ~30 ms (and did for every file with a
   * key defined twice, as big-10k.bib has).
   */
  sortedEntries(): BibEntry[] {
    const only = this.files.length === 1 ? this.files[0]! : undefined;
    const order = only?.keyOrder;
    if (only && order && order.length === only.entries.length) {
      // A key defined again keeps its first entry (as `get` does): the later ones are left out.
      const sorted: BibEntry[] = [];
      for (let i = 0; i < order.length; i++) {
        const entry = only.entries[order[i]!]!;
        if (this.byKey.get(entry.key) === entry) sorted.push(entry);
      }
      if (sorted.length === this.byKey.size) return sorted;
    }
    return [...this.entries()].sort((a, b) => compareKeys(a.key, b.key));
  }
}

/** Keys by UTF-16 code units: the order of `Bibliography.sortedEntries` and of `keyOrder`. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A file's entries by key (the first entry of a key wins), by its entries
 * array: made once and shared by every `Bibliography` of those entries (each
 * draft's, each change of another file), never changed after.
 */
const keyMaps = new WeakMap<readonly BibEntry[], ReadonlyMap<string, BibEntry>>();

function keyMap(entries: readonly BibEntry[]): ReadonlyMap<string, BibEntry> {
  let map = keyMaps.get(entries);
  if (!map) {
    const made = new Map<string, BibEntry>();
    for (const entry of entries) if (!made.has(entry.key)) made.set(entry.key, entry);
    keyMaps.set(entries, map = made);
  }
  return map;
}

/**
 * Makes the key map of `entries` a slice of time at a time (see
 * `timeSlices`), before a file of them is announced: made at once, in the
 * first request that built a `Bibliography`, 10,000 keys held it ~10-30 ms.
 */
export async function mapKeysInSlices(entries: readonly BibEntry[]): Promise<void> {
  if (keyMaps.has(entries)) return;
  const made = new Map<string, BibEntry>();
  const due = timeSlices();
  for (const entry of entries) {
    const turn = due();
    if (turn) await turn;
    if (!made.has(entry.key)) made.set(entry.key, entry);
  }
  if (!keyMaps.has(entries)) keyMaps.set(entries, made);
}

export const emptyBibliography = new Bibliography([]);
