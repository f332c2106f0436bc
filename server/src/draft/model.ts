import type { Span } from '../engine/text.js';

/**
 * One cited key in a draft: `[see @smith, p. 3]` gives key `smith`, prefix `see`,
 * locator `p. 3`. Spans are UTF-16 offsets into the draft.
 */
export interface Citation {
  readonly key: string;
  /** `@key` including the `@` (and braces for `@{key}`). */
  readonly span: Span;
  /** The key alone, without `@` (for Pandoc's empty key `@{}`, its braces). */
  readonly keySpan: Span;
  /** The whole bracketed group `[...]`, or the same as `span` for an in-text `@key`. */
  readonly groupSpan: Span;
  readonly bracketed: boolean;
  /** `[-@smith]`: Pandoc prints the year alone (only inside brackets; an in-text `-@smith` is `-` and `@smith`). */
  readonly suppressAuthor?: boolean;
  readonly prefix?: string;
  readonly locator?: string;
  /** Where `locator` stands in the draft; absent when markup runs through it. */
  readonly locatorSpan?: Span;
  readonly suffix?: string;
}

export type QuoteKind = 'inline' | 'block';

/** A quotation in the draft's prose. */
export interface Quote {
  readonly kind: QuoteKind;
  /** The quoted words as written, markup removed, line breaks as single spaces. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, its offset in the draft (so a word of the quote maps back to the draft). */
  readonly textOffsets: readonly number[];
  /** Including the quote marks (for a block quote: the quoted block without its citation). */
  readonly span: Span;
  /** The words between the quote marks. */
  readonly innerSpan: Span;
  /** Number of words, as counted by `countWords`. */
  readonly wordCount: number;
  /** The citations this quote is attributed to (one bracketed group, or one in-text key); empty when uncited. */
  readonly citations: readonly Citation[];
}

export interface ParsedDraft {
  readonly citations: readonly Citation[];
  /** Every quotation, scare quotes included; the checker skips those under `minQuoteWords`. */
  readonly quotes: readonly Quote[];
}
