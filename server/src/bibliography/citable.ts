import type { CorpusIndex } from '../index/corpusIndex.js';
import { Bibliography, emptyBibliography } from './bibliography.js';
import type { BibEntry } from './entry.js';

/**
 * What a cited key stands for: a bibliography entry, an indexed source with
 * its full text, both, or neither (an unknown key).
 */
export interface CitableSources {
  /** The key of the indexed source holding the full text cited as `key`; undefined when there is none. */
  sourceKey(key: string): string | undefined;
  entry(key: string): BibEntry | undefined;
  /** Known to a bibliography or the corpus: never `unknown-source`. */
  known(key: string): boolean;
  readonly bibliography: Bibliography;
}

const fileNames = new WeakMap<CorpusIndex, { version: number; byName: Map<string, string>; byStem: Map<string, string> }>();

/**
 * Resolves cited keys against the corpus and a bibliography. An entry's full
 * text is, in order: the indexed source with its key (a corpus file keyed so,
 * or an attachment indexed under the entry's key); a corpus file with the file
 * name of one of its `file` attachments (compared after NFC normalization);
 * a corpus file whose name without extension is the key
 * (`corpus/papers/smith2020.pdf` for `@smith2020`).
 * `citableSources(index, bib).sourceKey('smith2020')` is `papers/smith2020` then.
 */
export function citableSources(index: CorpusIndex, bibliography: Bibliography = emptyBibliography): CitableSources {
  const names = () => corpusFileNames(index);
  return {
    bibliography,
    entry: (key) => bibliography.get(key),
    known: (key) => index.get(key) !== undefined || bibliography.has(key),
    sourceKey(key) {
      if (index.get(key)) return key;
      const entry = bibliography.get(key);
      if (!entry) return undefined;
      const { byName, byStem } = names();
      for (const file of entry.files) {
        const found = byName.get(fileName(file));
        if (found !== undefined) return found;
      }
      return byStem.get(key.normalize('NFC'));
    },
  };
}

/** `fileName('C:\\Users\\a\\Smith 2020.PDF')` is `Smith 2020.PDF`, NFC-normalized. */
export function fileName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1).normalize('NFC');
}

function corpusFileNames(index: CorpusIndex): { byName: Map<string, string>; byStem: Map<string, string> } {
  const cached = fileNames.get(index);
  if (cached && cached.version === index.version) return cached;
  const byName = new Map<string, string>();
  const byStem = new Map<string, string>();
  // In path order, so the same corpus always answers with the same file.
  const sources = [...index.sources()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const source of sources) {
    const name = fileName(source.path);
    if (!byName.has(name)) byName.set(name, source.key);
    const stem = name.replace(/\.[^.]*$/, '');
    if (!byStem.has(stem)) byStem.set(stem, source.key);
  }
  const entry = { version: index.version, byName, byStem };
  fileNames.set(index, entry);
  return entry;
}
