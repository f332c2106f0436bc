import type { Citation, ParsedDraft, Quote } from '../draft/model.js';
import { citationText } from '../draft/writeKey.js';
import type { LineIndex, Range, Span } from '../engine/text.js';
import { words } from '../text/tokenize.js';
import { placeName, type PassagePlace } from '../corpus/places.js';
import { DiagnosticCode } from './codes.js';
import { truncate } from './markdownEscape.js';

/** The parts of a diagnostic a fix reads: its code and data, never its message. */
export interface DiagnosticLike {
  readonly code?: string | number;
  readonly range: Range;
  readonly data?: unknown;
}

export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A code action in engine terms: a title, a kind, and edits to the draft. */
export interface ActionPlan {
  readonly title: string;
  readonly kind: 'quickfix' | 'source.fixAll.verbatim';
  readonly isPreferred?: boolean;
  /** The diagnostic it fixes (quick fixes only). */
  readonly diagnostic?: DiagnosticLike;
  readonly edits: readonly SpanEdit[];
}

interface Data {
  sourceKey?: string;
  sourceText?: string;
  suggestions?: string[];
  exactKey?: string;
  scanningError?: boolean;
  page?: PassagePlace;
  citedLocator?: string;
}

/**
 * The quick fixes for the diagnostics under the cursor.
 * For a `quote-mismatch` whose data holds `sourceText: 'rose to 300'`, the
 * preferred fix replaces the words between the quote marks with `rose to 300`.
 */
export function quickFixes(draft: ParsedDraft, lines: LineIndex, diagnostics: readonly DiagnosticLike[]): ActionPlan[] {
  const plans: ActionPlan[] = [];
  for (const diagnostic of diagnostics) {
    for (const fix of fixesFor(draft, lines, diagnostic)) plans.push({ ...fix, kind: 'quickfix', diagnostic });
  }
  return plans;
}

/**
 * `source.fixAll.verbatim`: applies every fix that cannot change what the
 * writer meant to say, only how faithfully it is quoted and credited:
 * a mismatched quote gets the source's wording, an uncited verbatim quote gets
 * its citation, and an unknown key with exactly one "did you mean" gets that
 * key. A misattributed quote is left alone (re-crediting a quote is the
 * writer's call), and so are an unknown key with several candidates, a
 * page locator (the writer may cite another edition's pages), a spelling
 * variant (the writer may spell as they mean to) and a mismatch that may be
 * the source's scanning error (its fix would copy the error).
 */
export function fixAll(draft: ParsedDraft, lines: LineIndex, diagnostics: readonly DiagnosticLike[]): ActionPlan | undefined {
  const edits: SpanEdit[] = [];
  for (const diagnostic of diagnostics) {
    const data = dataOf(diagnostic);
    if (diagnostic.code === DiagnosticCode.QuoteMisattributed || diagnostic.code === DiagnosticCode.QuoteSpelling) continue;
    if (diagnostic.code === DiagnosticCode.QuoteMismatch && data.scanningError) continue;
    // The writer may cite another edition's pages than the corpus file has: a page is changed only on request.
    if (diagnostic.code === DiagnosticCode.LocatorMismatch) continue;
    if (diagnostic.code === DiagnosticCode.UnknownSource && (data.suggestions?.length ?? 0) !== 1) continue;
    const fix = fixesFor(draft, lines, diagnostic)[0];
    if (fix) edits.push(...fix.edits);
  }
  const safe = withoutOverlaps(edits);
  if (safe.length === 0) return undefined;
  return { title: `Fix all safe Verbatim problems (${safe.length})`, kind: 'source.fixAll.verbatim', edits: safe };
}

function fixesFor(draft: ParsedDraft, lines: LineIndex, diagnostic: DiagnosticLike): Omit<ActionPlan, 'kind'>[] {
  const data = dataOf(diagnostic);
  const start = lines.offsetAt(diagnostic.range.start);
  const end = lines.offsetAt(diagnostic.range.end);
  // A fix edits the quotation the diagnostic names, exactly at its range, or nothing.
  const quoteStartingAt = (d: ParsedDraft, offset: number) => quoteAt(d, offset, end);
  switch (diagnostic.code) {
    case DiagnosticCode.QuoteMismatch: {
      const quote = quoteStartingAt(draft, start);
      if (!quote || data.sourceText === undefined) return [];
      const wording = oneLine(data.sourceText);
      // No fix that changes nothing: a quotation whose only fault is an omission
      // reaching too far already has the source's words.
      // Another source holds the exact words: re-crediting is the writer's call, so not preferred.
      const exact = data.exactKey === undefined ? undefined : citationText(data.exactKey);
      const cited = quote.citations[0];
      const recite = exact && cited ? [{ title: `Cite ${exact} instead`, isPreferred: false, edits: [replaceKey(cited, exact)] }] : [];
      if (oneLine(quotedWords(quote)) === wording) return recite;
      // A difference that may be the source's scanning error: the writer's words may be right.
      return [{ title: `Replace with the source's wording: “${truncate(wording, 60)}”`, isPreferred: !data.scanningError, edits: [replaceQuoteText(quote, wording)] }, ...recite];
    }
    case DiagnosticCode.QuoteSpelling: {
      const quote = quoteStartingAt(draft, start);
      if (!quote || data.sourceText === undefined) return [];
      const wording = oneLine(data.sourceText);
      if (oneLine(quotedWords(quote)) === wording) return [];
      return [{ title: `Restore the source's spelling: “${truncate(wording, 60)}”`, isPreferred: false, edits: [replaceQuoteText(quote, wording)] }];
    }
    case DiagnosticCode.QuoteMisattributed: {
      const quote = quoteStartingAt(draft, start);
      const written = data.sourceKey === undefined ? undefined : citationText(data.sourceKey);
      if (!quote || !written) return [];
      const cited = quote.citations[0];
      if (!cited) return [{ title: `Cite ${written}`, isPreferred: true, edits: [addCitation(quote, written)] }];
      return [{ title: `Cite ${written} instead of @${cited.key}`, isPreferred: true, edits: [replaceKey(cited, written)] }];
    }
    case DiagnosticCode.UncitedQuote: {
      const quote = quoteStartingAt(draft, start);
      const written = data.sourceKey === undefined ? undefined : citationText(data.sourceKey);
      if (!quote || !written) return [];
      return [{ title: `Cite ${written}`, isPreferred: true, edits: [addCitation(quote, written)] }];
    }
    case DiagnosticCode.UnknownSource: {
      const citation = citationCovering(draft, start);
      if (!citation || citation.keySpan.start !== start || citation.keySpan.end !== end) return [];
      // A suggestion no citation can name (white space, unbalanced braces) is not offered.
      const suggestions = (data.suggestions ?? []).flatMap((key) => {
        const written = citationText(key);
        return written ? [written] : [];
      });
      return suggestions.map((written, i) => ({
        title: `Change to ${written}`,
        isPreferred: i === 0 && suggestions.length === 1,
        edits: [replaceKey(citation, written)],
      }));
    }
    case DiagnosticCode.LocatorMismatch: {
      const edit = locatorEdit(draft, start, end, data);
      return edit ? [{ title: `Change to ${edit.newText}`, isPreferred: true, edits: [edit] }] : [];
    }
    default:
      return [];
  }
}

/**
 * Replaces exactly the locator of the quotation's citation of `sourceKey`
 * with the page (or chapter) that holds the passage; nothing when the
 * citation no longer reads as the diagnostic saw it (the draft changed).
 */
function locatorEdit(draft: ParsedDraft, start: number, end: number, data: Data): SpanEdit | undefined {
  const quote = quoteAt(draft, start, end);
  if (!quote || !data.sourceKey || !data.page || data.citedLocator === undefined) return undefined;
  const citation = quote.citations.find((c) => c.key === data.sourceKey && c.locator === data.citedLocator);
  if (!citation?.locatorSpan) return undefined;
  return { span: citation.locatorSpan, newText: placeName(data.page) };
}

/**
 * Replaces the quote's words, first to last, keeping punctuation at its edges
 * (the source passage runs from word to word): in `“rose to 500.”` only
 * `rose to 500` is replaced.
 */
/** Where the quotation's words run, first to last, in its text (edge punctuation left out); undefined without words. */
function wordRun(quote: Quote): { start: number; end: number } | undefined {
  const all = words(quote.text);
  return all.length === 0 ? undefined : { start: all[0]!.start, end: all[all.length - 1]!.end };
}

function replaceQuoteText(quote: Quote, wording: string): SpanEdit {
  const run = wordRun(quote);
  if (!run) return { span: quote.innerSpan, newText: wording };
  const start = quote.textOffsets[run.start] ?? quote.innerSpan.start;
  const end = (quote.textOffsets[run.end - 1] ?? quote.innerSpan.end - 1) + 1;
  return { span: { start, end }, newText: wording };
}

/** The quotation's text from its first word to its last (what `replaceQuoteText` replaces). */
function quotedWords(quote: Quote): string {
  const run = wordRun(quote);
  return run ? quote.text.slice(run.start, run.end) : '';
}

/** ` [@key]` after the quotation; `citation` is `@key` as `citationText` writes it. */
function addCitation(quote: Quote, citation: string): SpanEdit {
  return { span: { start: quote.span.end, end: quote.span.end }, newText: ` [${citation}]` };
}

/**
 * Puts `written` (`@key` or `@{key}`) in place of a citation's key: only the key's characters
 * when neither is braced (`@smith` to `@smyth`), else the whole `@…`.
 */
function replaceKey(citation: Citation, written: string): SpanEdit {
  const plain = citation.keySpan.start === citation.span.start + 1 && citation.keySpan.end === citation.span.end;
  if (plain && !written.startsWith('@{')) return { span: citation.keySpan, newText: written.slice(1) };
  return { span: citation.span, newText: written };
}

/** The quotation spanning exactly `[start, end)`: a diagnostic whose quotation moved names none. */
function quoteAt(draft: ParsedDraft, start: number, end: number): Quote | undefined {
  return draft.quotes.find((q) => q.span.start === start && q.span.end === end);
}

function citationCovering(draft: ParsedDraft, offset: number): Citation | undefined {
  return draft.citations.find((c) => c.span.start <= offset && offset <= c.span.end);
}

function dataOf(diagnostic: DiagnosticLike): Data {
  const d = diagnostic.data;
  if (typeof d !== 'object' || d === null) return {};
  const raw = d as Record<string, unknown>;
  return {
    sourceKey: typeof raw['sourceKey'] === 'string' ? raw['sourceKey'] : undefined,
    sourceText: typeof raw['sourceText'] === 'string' ? raw['sourceText'] : undefined,
    suggestions: Array.isArray(raw['suggestions']) ? raw['suggestions'].filter((s): s is string => typeof s === 'string') : undefined,
    exactKey: typeof raw['exactKey'] === 'string' ? raw['exactKey'] : undefined,
    scanningError: raw['scanningError'] === true,
    page: placeData(raw['page']),
    citedLocator: typeof raw['citedLocator'] === 'string' ? raw['citedLocator'] : undefined,
  };
}

/** A `PassagePlace` read back from a client's diagnostic data; undefined unless well formed. */
function placeData(value: unknown): PassagePlace | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const kind = raw['kind'];
  const index = raw['index'];
  if ((kind !== 'page' && kind !== 'chapter') || !Number.isInteger(index)) return undefined;
  const label = typeof raw['label'] === 'string' ? raw['label'] : undefined;
  const lastIndex = Number.isInteger(raw['lastIndex']) ? raw['lastIndex'] as number : undefined;
  const lastLabel = typeof raw['lastLabel'] === 'string' ? raw['lastLabel'] : undefined;
  return {
    kind, index: index as number,
    ...(label !== undefined ? { label } : {}),
    ...(lastIndex !== undefined ? { lastIndex, ...(lastLabel !== undefined ? { lastLabel } : {}) } : {}),
  };
}

/**
 * Source wording on one line: a quotation stays one paragraph. Runs of spaces
 * close up too: editorial artifacts and markup a source holds (`[Pg 12]`, a
 * link's target) read as blanks (see `corpus/visibleText.ts`).
 */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Keeps edits in order and drops any that overlaps an earlier one. */
function withoutOverlaps(edits: readonly SpanEdit[]): SpanEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: SpanEdit[] = [];
  let end = -1;
  for (const edit of sorted) {
    if (edit.span.start < end || (edit.span.start === end && edit.span.start === edit.span.end && kept.at(-1)?.span.end === end)) continue;
    kept.push(edit);
    end = Math.max(end, edit.span.end);
  }
  return kept;
}
