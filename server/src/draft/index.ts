/** The draft parser: citations and quotations of a Markdown draft, with their places. */
export type { Citation, ParsedDraft, Quote, QuoteKind } from './model.js';
export { DraftParser, parseDraft } from './parse.js';
export { citationAt, quoteAt } from './lookup.js';
export { citationText, keyText } from './writeKey.js';
