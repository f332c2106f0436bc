import type { ParsedDraft } from '../draft/model.js';
import type { Span } from '../engine/text.js';
import type { CorpusIndex } from '../index/corpusIndex.js';

export interface SourceLink {
  /** The key's characters in the draft (without `@`). */
  readonly span: Span;
  /** The source file, as the corpus knows its path, and the source's key. */
  readonly path: string;
  readonly key: string;
  readonly tooltip: string;
}

/**
 * A link from each cited key that a source has to that source's file.
 * `[@a]` with source `a` at `corpus/a.txt` gives `{ span: <a>, path: 'corpus/a.txt', key: 'a', tooltip: 'Open source: Title' }`.
 */
export function documentLinks(index: CorpusIndex, draft: ParsedDraft): SourceLink[] {
  const links: SourceLink[] = [];
  for (const citation of draft.citations) {
    const source = index.get(citation.key);
    if (source) links.push({ span: citation.keySpan, path: source.path, key: source.key, tooltip: `Open source: ${source.title || source.key}` });
  }
  return links;
}
