import type { BibEntry, BibFile } from './entry.js';

/**
 * The entries a draft can cite, from its bibliography files in order (the
 * first file defining a key wins, as in Pandoc) and its front matter's
 * inline `references`.
 * `new Bibliography([file]).get('smith2020')?.title`
 */
export class Bibliography {
  private readonly byKey = new Map<string, { entry: BibEntry; file: BibFile }>();

  constructor(readonly files: readonly BibFile[]) {
    for (const file of files) {
      for (const entry of file.entries) if (!this.byKey.has(entry.key)) this.byKey.set(entry.key, { entry, file });
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): BibEntry | undefined {
    return this.byKey.get(key)?.entry;
  }

  /** The file an entry came from. */
  fileOf(key: string): BibFile | undefined {
    return this.byKey.get(key)?.file;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  *entries(): IterableIterator<BibEntry> {
    for (const value of this.byKey.values()) yield value.entry;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }
}

export const emptyBibliography = new Bibliography([]);
