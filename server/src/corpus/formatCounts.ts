import { extractedFormat } from '../formats/extracted.js';
import type { CorpusWarning, Source } from './source.js';

/** The format a source was read from: a plain `.txt` or `.md` file, or one read through an extractor. */
export type SourceFormat = 'text' | 'markdown' | 'pdf' | 'html' | 'docx' | 'epub';

/** `sourceFormat('corpus/a.PDF')` is `'pdf'`; `sourceFormat('notes.md')` is `'markdown'`. */
export function sourceFormat(path: string): SourceFormat {
  return extractedFormat(path) ?? (/\.md$/i.test(path) ? 'markdown' : 'text');
}

/** Sources by format, formats with none left out: `{ text: 12, pdf: 3 }`. */
export function countFormats(sources: Iterable<Source>): Partial<Record<SourceFormat, number>> {
  const counts: Partial<Record<SourceFormat, number>> = {};
  for (const source of sources) countFormat(counts, source);
  return counts;
}

/** Counts one source in `counts` (what `countFormats` does for each). */
export function countFormat(counts: Partial<Record<SourceFormat, number>>, source: Source): void {
  const format = sourceFormat(source.path);
  counts[format] = (counts[format] ?? 0) + 1;
}

const NAMES: Record<SourceFormat, [string, string]> = {
  text: ['plain text file', 'plain text files'],
  markdown: ['Markdown file', 'Markdown files'],
  pdf: ['PDF', 'PDFs'],
  html: ['web page', 'web pages'],
  docx: ['Word file', 'Word files'],
  epub: ['EPUB', 'EPUBs'],
};

/** `describeFormats({ pdf: 3, html: 1 })` is `'3 PDFs, 1 web page'`; `'no files'` for none. */
export function describeFormats(counts: Partial<Record<SourceFormat, number>>): string {
  const parts = (Object.keys(NAMES) as SourceFormat[])
    .filter((f) => (counts[f] ?? 0) > 0)
    .map((f) => `${counts[f]} ${NAMES[f][counts[f] === 1 ? 0 : 1]}`);
  return parts.length > 0 ? parts.join(', ') : 'no files';
}

/** Whether a warning means its file was left out of the index (a 'partly-read' file was indexed, as was one with bad front matter). */
export function isSkipped(warning: CorpusWarning): boolean {
  return warning.kind !== 'partly-read' && warning.kind !== 'front-matter';
}

/** `describeSkipped(warnings)` is like `'2 files skipped: 1 no-text, 1 encrypted'`, or `''` when none was. */
export function describeSkipped(warnings: readonly CorpusWarning[]): string {
  const skipped = warnings.filter(isSkipped);
  if (skipped.length === 0) return '';
  const byKind = new Map<string, number>();
  for (const w of skipped) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
  return `${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped: ${kinds}`;
}
