import { citableSources, type CitableSources } from '../bibliography/citable.js';
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
 * Where the thing at `offset` comes from: on a key, the start of the source
 * holding its full text, else its entry in the bibliography file; on a
 * quotation, the passage that holds it (or its first cited source).
 * On `[@a]` it is `{ path: 'corpus/a.txt', range: <0:0>, key: 'a' }`.
 */
export function definitionAt(index: CorpusIndex, report: DraftReport, offset: number): SourceLocation | undefined {
  const sources = citableSources(index, report.bibliography);
  const citation = citationAt(report.draft, offset);
  if (citation) return fullText(index, sources, citation.key) ?? entryPlace(sources, citation.key);
  const quote = quoteAt(report.draft, offset);
  if (!quote) return undefined;
  const verdict = report.verdicts.find((v) => v.quote === quote) ?? report.verdicts.find((v) => v.quote.span.start === quote.span.start);
  if (verdict?.passage) return { path: verdict.passage.path, range: verdict.passage.range, key: verdict.passage.key, span: verdict.passage.span };
  for (const c of quote.citations) {
    const found = fullText(index, sources, c.key);
    if (found) return found;
  }
  return undefined;
}

/** The top of the indexed source holding `key`'s full text. */
function fullText(index: CorpusIndex, sources: CitableSources, key: string): SourceLocation | undefined {
  const sourceKey = sources.sourceKey(key);
  const source = sourceKey === undefined ? undefined : index.get(sourceKey);
  return source ? { path: source.path, range: FILE_START, key: source.key } : undefined;
}

/** The first line of `key`'s entry in its bibliography file (CSL-JSON and BibTeX; not front matter `references`). */
function entryPlace(sources: CitableSources, key: string): SourceLocation | undefined {
  const entry = sources.entry(key);
  const file = sources.bibliography.fileOf(key);
  if (!entry || !file || entry.line < 1) return undefined;
  const line = { line: entry.line - 1, character: 0 };
  return { path: file.path, range: { start: line, end: line }, key };
}
