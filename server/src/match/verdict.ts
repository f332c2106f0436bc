import type { Quote } from '../draft/model.js';
import type { Range, Span } from '../engine/text.js';

/** Where a quotation's words stand in a source. */
export interface SourcePassage {
  readonly key: string;
  readonly path: string;
  /** UTF-16 offsets into the source's text, from the first matched word to the last. */
  readonly span: Span;
  /** The same span as a range in the source file. */
  readonly range: Range;
  /** The source's own characters over `span` (curly quotes, case and all). */
  readonly text: string;
  /**
   * The source's words for the quotation: `text` for a quote in one piece; for a
   * quote with omissions, each part's source words joined by ` … `.
   */
  readonly wording: string;
}

export type WordDiffKind = 'number' | 'negation-added' | 'negation-dropped' | 'substituted' | 'dropped' | 'added' | 'swapped' | 'omission'
  /** The same words spelled differently (see `match/spelling.ts`): `labour` for the source's `labor`. */
  | 'spelling'
  /** A substituted word where the source's word looks like a scanning error (see `match/scanningErrors.ts`). */
  | 'scanning-error';

/**
 * One word-level difference between a quote and its source passage.
 * `{ kind: 'number', quote: '500', source: '300' }`. For `omission` (an omission
 * mark standing for more than a paragraph), `quote` is the mark and `source` says
 * how many words it stands for: `{ kind: 'omission', quote: '…', source: '412 words' }`.
 */
export interface WordDiff {
  readonly kind: WordDiffKind;
  /** The quote's words (empty for `dropped`). */
  readonly quote: string;
  /** The source's words (empty for `added`). */
  readonly source: string;
  /** Where the quote's words are in the draft, or the point where dropped words belong. */
  readonly draftSpan: Span;
}

export type VerdictKind = 'verbatim' | 'spelling' | 'mismatch' | 'misattributed' | 'not-found' | 'uncited';

export interface QuoteVerdict {
  readonly kind: VerdictKind;
  readonly quote: Quote;
  /** The best passage: in a cited source for verbatim/mismatch, in another source for misattributed/uncited. */
  readonly passage?: SourcePassage;
  /** Word differences against `passage`; empty when verbatim. */
  readonly diffs: readonly WordDiff[];
  /** For a mismatch in a cited source: another source that holds the quotation word for word. */
  readonly exactIn?: SourcePassage;
}
