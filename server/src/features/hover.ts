import { citableSources, sourceName, type CitableSources } from '../bibliography/citable.js';
import { describePlace, placeOf } from '../corpus/places.js';
import type { Citation } from '../draft/model.js';
import { citationAt, quoteAt } from '../draft/lookup.js';
import type { Span } from '../engine/text.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { sourceAround } from '../match/context.js';
import type { QuoteVerdict } from '../match/verdict.js';
import type { DraftReport } from './check.js';
import { DiagnosticCode } from './codes.js';
import { escapeMarkdown } from './markdownEscape.js';
import { passageInSentence } from './passageMarkdown.js';
import { referenceMarkdown } from './referenceMarkdown.js';
import { safeLink } from './sourceInfo.js';
import { wordComparison } from './wordComparison.js';

/** Plain Markdown (every piece of corpus or draft text escaped) over a span of the draft. */
export interface HoverInfo {
  readonly markdown: string;
  readonly span: Span;
}

export interface HoverOptions {
  /** How to show a source's path (the server makes it relative to the workspace folder). */
  readonly displayPath?: (path: string) => string;
}

/**
 * What to show at `offset` of a checked draft: a source's details on a
 * citation key, a verdict and the source passage on a quotation. The report
 * may be one still being made (`complete` false, as the server answers while
 * a draft is checked): it then holds the verdict of the quotation at `offset`,
 * and an unknown key's suggestions are not known yet.
 * Over `[@lincoln]` it begins `**Annual Message to Congress**`.
 */
export function hoverAt(index: CorpusIndex, report: DraftReport, offset: number, options: HoverOptions = {}): HoverInfo | undefined {
  const citation = citationAt(report.draft, offset);
  if (citation) return { markdown: keyHover(index, report, citation, options.displayPath ?? ((p) => p)), span: citation.span };
  const quote = quoteAt(report.draft, offset);
  if (!quote) return undefined;
  const verdict = report.verdicts.find((v) => v.quote === quote) ?? report.verdicts.find((v) => v.quote.span.start === quote.span.start);
  if (!verdict) return undefined;
  return { markdown: quoteHover(index, verdict, citableSources(index, report.bibliography)), span: quote.span };
}

function keyHover(index: CorpusIndex, report: DraftReport, citation: Citation, displayPath: (path: string) => string): string {
  const entry = report.bibliography?.get(citation.key);
  if (entry) {
    const citable = citableSources(index, report.bibliography, report.attachmentsPending);
    const sourceKey = citable.sourceKey(citation.key);
    const source = sourceKey === undefined ? undefined : index.get(sourceKey);
    const file = report.bibliography?.fileOf(citation.key)?.path;
    const text = source ? `Full text: ${escapeMarkdown(displayPath(source.path))}`
      // Not "no full text" while its attachment may still be indexed: that would be wrong a moment later.
      : citable.pending(citation.key) ? 'Full text: not known yet, its attachments are still being read.'
      : 'No full text here: quotations from it are not checked. Add its file to the corpus or a `file` field to the entry.';
    return [referenceMarkdown(entry), '', text + '  ', ...(file ? [`From ${escapeMarkdown(displayPath(file))}`] : [])].join('\n');
  }
  const source = index.get(citation.key);
  if (!source) {
    const finding = report.findings.find((f) => f.code === DiagnosticCode.UnknownSource && f.span.start <= citation.keySpan.start && citation.keySpan.start <= f.span.end);
    const suggestions = finding?.data.suggestions ?? [];
    // While the draft is still being checked (`report.complete` false) its suggestions are not known yet.
    const hint = suggestions.length > 0 ? `\n\nDid you mean ${suggestions.map((s) => `@${escapeMarkdown(s)}`).join(', ')}?`
      : report.complete ? '' : '\n\nSuggestions come once the draft is checked.';
    return `**Unknown source** @${escapeMarkdown(citation.key)}: no corpus file has this key.${hint}`;
  }
  const quotes = report.draft.quotes.filter((q) => q.citations.some((c) => c.key === citation.key)).length;
  const lines = [`**${escapeMarkdown(source.title || source.key)}**`, ''];
  if (source.author) lines.push(`Author: ${escapeMarkdown(source.author)}  `);
  if (source.date) lines.push(`Date: ${escapeMarkdown(source.date)}  `);
  if (source.url) {
    const link = safeLink(source.url);
    lines.push(`URL: ${link ? `<${link}>` : escapeMarkdown(source.url)}  `);
  }
  lines.push(`File: ${escapeMarkdown(displayPath(source.path))}  `);
  lines.push(`Quoted ${quotes === 1 ? 'once' : `${quotes} times`} in this draft`);
  return lines.join('\n');
}

function quoteHover(index: CorpusIndex, verdict: QuoteVerdict, sources: CitableSources): string {
  const passage = verdict.passage;
  const source = passage ? index.get(passage.key) : undefined;
  const where = passage ? `@${escapeMarkdown(sourceName(sources, verdict.quote.citations, passage.key))}${source?.title ? ` (${escapeMarkdown(source.title)})` : ''}` : '';
  const around = passage && source ? sourceAround(source, passage.span) : undefined;
  const context = passage && around
    ? `\n\n${passageInSentence(around.text, { start: passage.span.start - around.base, end: passage.span.end - around.base })}` : '';
  const place = passage && source ? placeOf(source, passage.span) : undefined;
  const placeLine = place ? `\n\n${place.kind === 'page' ? 'Page' : 'Chapter'}: ${escapeMarkdown(describePlace(place))}` : '';
  switch (verdict.kind) {
    case 'verbatim':
      return `**Verbatim** in ${where}${placeLine}${context}`;
    case 'spelling':
      return `**Spelled differently** from ${where}\n\nYour quote: ${wordComparison(verdict.quote, verdict.diffs)}${context}`;
    case 'mismatch':
      return `**Differs from the source** ${where}${placeLine}\n\nYour quote: ${wordComparison(verdict.quote, verdict.diffs)}${context}`;
    case 'misattributed':
      return `**Not in the cited source**: found in ${where}${placeLine}${context}`;
    case 'uncited':
      return `**Uncited**: verbatim in ${where}${placeLine}${context}`;
    case 'not-found':
      return '**Not found** in the cited sources or anywhere else in the corpus.';
  }
}
