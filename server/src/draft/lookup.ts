import type { Citation, ParsedDraft, Quote } from './model.js';

/**
 * The citation whose `@key` contains `offset`, end included (a cursor just after the key counts).
 * In `see [@smith]`, offsets 5 to 11 give the citation `smith`.
 */
export function citationAt(draft: ParsedDraft, offset: number): Citation | undefined {
  return draft.citations.find((c) => c.span.start <= offset && offset <= c.span.end);
}

/**
 * The quote whose span (quote marks included) contains `offset`, end excluded.
 * In `a “b c” d`, offsets 2 to 6 give the quote `b c`.
 */
export function quoteAt(draft: ParsedDraft, offset: number): Quote | undefined {
  return draft.quotes.find((q) => q.span.start <= offset && offset < q.span.end);
}
