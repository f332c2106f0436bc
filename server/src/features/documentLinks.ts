import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources } from '../bibliography/citable.js';
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
 * A link from each cited key whose full text is indexed (a corpus source, or
 * a bibliography entry's attachment) to that source's file.
 * `[@a]` with source `a` at `corpus/a.txt` gives `{ span: <a>, path: 'corpus/a.txt', key: 'a', tooltip: 'Open source: Title' }`.
 */
export function documentLinks(index: CorpusIndex, draft: ParsedDraft, bibliography?: Bibliography): SourceLink[] {
  const sources = citableSources(index, bibliography);
  const links: SourceLink[] = [];
  for (const citation of draft.citations) {
    const sourceKey = sources.sourceKey(citation.key);
    const source = sourceKey === undefined ? undefined : index.get(sourceKey);
    if (source) links.push({ span: citation.keySpan, path: source.path, key: source.key, tooltip: `Open source: ${source.title || source.key}` });
  }
  return links;
}
