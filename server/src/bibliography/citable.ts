import type { CorpusIndex } from '../index/corpusIndex.js';
import { Bibliography, emptyBibliography } from './bibliography.js';
import type { BibEntry } from './entry.js';
import { isArriving } from './lazyEntry.js';

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
  /**
   * Where `key`'s full text is, is not known yet: its entry's text has not
   * arrived from its file's thread, or it has a `file` field, no full text yet,
   * and attachments are still being indexed (`attachmentsPending`).
   */
  pending(key: string): boolean;
  /**
   * The key a writer cites for an indexed source: the bibliography entry whose
   * full text it is (the first in bibliography order), else the source's own key.
   * With `corpus/papers/smith2020.pdf` and an entry `smith2020`,
   * `citeKey('papers/smith2020')` is `smith2020`.
   */
  citeKey(sourceKey: string): string;
  readonly bibliography: Bibliography;
}

/** Each bibliography's entries by the indexed source holding their full text, for one index version. */
const citeKeys = new WeakMap<Bibliography, { index: CorpusIndex; version: number; bySource: Map<string, string> }>();

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
export function citableSources(index: CorpusIndex, bibliography: Bibliography = emptyBibliography, attachmentsPending = false): CitableSources {
  const names = () => corpusFileNames(index);
  const sourceKey = (key: string): string | undefined => {
    if (index.get(key)) return key;
    const entry = bibliography.get(key);
    if (!entry) return undefined;
    const { byName, byStem } = names();
    for (const file of entry.files) {
      const found = byName.get(fileName(file));
      if (found !== undefined) return found;
    }
    return byStem.get(key.normalize('NFC'));
  };
  return {
    bibliography,
    entry: (key) => bibliography.get(key),
    known: (key) => index.get(key) !== undefined || bibliography.has(key),
    pending(key) {
      const entry = bibliography.get(key);
      if (!entry) return false;
      return isArriving(entry) || (attachmentsPending && entry.files.length > 0 && sourceKey(key) === undefined);
    },
    sourceKey,
    citeKey(key) {
      if (bibliography.size === 0 || bibliography.has(key)) return key;
      let cached = citeKeys.get(bibliography);
      if (!cached || cached.index !== index || cached.version !== index.version) {
        // Made on the first finding that names a source, once per index version: about 10 ms for 10,000 entries.
        const bySource = new Map<string, string>();
        for (const entry of bibliography.entries()) {
          const holder = sourceKey(entry.key);
          if (holder !== undefined && !bySource.has(holder)) bySource.set(holder, entry.key);
        }
        citeKeys.set(bibliography, cached = { index, version: index.version, bySource });
      }
      return cached.bySource.get(key) ?? key;
    },
  };
}

/**
 * How a finding on a quotation names the indexed source `sourceKey`: by the
 * quotation's own citation of it, else by the key a writer would cite.
 */
export function sourceName(sources: CitableSources, citations: readonly { readonly key: string }[], sourceKey: string): string {
  return citations.find((c) => sources.sourceKey(c.key) === sourceKey)?.key ?? sources.citeKey(sourceKey);
}

/** `fileName('C:\\Users\\a\\Smith 2020.PDF')` is `Smith 2020.PDF`, NFC-normalized. */
export function fileName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1).normalize('NFC');
}

function corpusFileNames(index: CorpusIndex): { byName: Map<string, string>; byStem: Map<string, string> } {
  const cached = fileNames.get(index);
  if (cached && cached.version === index.version) return cached;
  // The first in path order, so the same corpus always answers with the same file: one pass keeping the
  // least path (a sort of every source by path held the thread ~100 ms at 100,000 sources, once per version).
  const byName = new Map<string, { path: string; key: string }>();
  const byStem = new Map<string, { path: string; key: string }>();
  const keep = (map: Map<string, { path: string; key: string }>, name: string, path: string, key: string) => {
    const held = map.get(name);
    if (!held || path < held.path) map.set(name, { path, key });
  };
  for (const source of index.sources()) {
    const name = fileName(source.path);
    keep(byName, name, source.path, source.key);
    keep(byStem, name.replace(/\.[^.]*$/, ''), source.path, source.key);
  }
  const keys = (map: Map<string, { path: string; key: string }>) => new Map([...map].map(([name, { key }]) => [name, key]));
  const entry = { version: index.version, byName: keys(byName), byStem: keys(byStem) };
  fileNames.set(index, entry);
  return entry;
}
