import { citationAt, quoteAt } from '../draft/lookup.js';
import type { Range, Span } from '../engine/text.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { DraftReport } from './check.js';

/** A place in a corpus file (`path` as the corpus knows it). */
export interface SourceLocation {
  readonly path: string;
  readonly range: Range;
  /** The source's key, and the place as offsets into its text (absent: its start), for a readable text of a PDF or e-book. */
  readonly key: string;
  readonly span?: Span;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Where the thing at `offset` comes from: on a key, the start of its source
 * file; on a quotation, the passage that holds it (or its first cited source).
 * On `[@a]` it is `{ path: 'corpus/a.txt', range: <0:0>, key: 'a' }`.
 */
export function definitionAt(index: CorpusIndex, report: DraftReport, offset: number): SourceLocation | undefined {
  const citation = citationAt(report.draft, offset);
  if (citation) {
    const source = index.get(citation.key);
    return source ? { path: source.path, range: FILE_START, key: source.key } : undefined;
  }
  const quote = quoteAt(report.draft, offset);
  if (!quote) return undefined;
  const verdict = report.verdicts.find((v) => v.quote === quote) ?? report.verdicts.find((v) => v.quote.span.start === quote.span.start);
  if (verdict?.passage) return { path: verdict.passage.path, range: verdict.passage.range, key: verdict.passage.key, span: verdict.passage.span };
  for (const c of quote.citations) {
    const source = index.get(c.key);
    if (source) return { path: source.path, range: FILE_START, key: source.key };
  }
  return undefined;
}
