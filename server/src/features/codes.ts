/** Diagnostic codes: quick fixes and clients match on these, never on message text. */
export enum DiagnosticCode {
  QuoteMismatch = 'quote-mismatch',
  QuoteMisattributed = 'quote-misattributed',
  QuoteNotFound = 'quote-not-found',
  UncitedQuote = 'uncited-quote',
  UnknownSource = 'unknown-source',
  QuoteSpelling = 'quote-spelling',
  QuoteUnverifiable = 'quote-unverifiable',
  BibliographyMissing = 'bibliography-missing',
  LocatorMismatch = 'locator-mismatch',
  /** A quotation over `MAX_QUOTE_WORDS` words: not checked (the rest of the draft is). */
  QuoteTooLong = 'quote-too-long',
  /** A draft over the size limit (`maxDraftMB`): not checked at all. */
  DraftTooLarge = 'draft-too-large',
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const defaultSeverities: Readonly<Record<DiagnosticCode, Severity>> = {
  [DiagnosticCode.UnknownSource]: 'error',
  [DiagnosticCode.QuoteMismatch]: 'warning',
  [DiagnosticCode.QuoteMisattributed]: 'warning',
  [DiagnosticCode.QuoteNotFound]: 'warning',
  [DiagnosticCode.UncitedQuote]: 'information',
  [DiagnosticCode.QuoteSpelling]: 'hint',
  [DiagnosticCode.QuoteUnverifiable]: 'information',
  [DiagnosticCode.BibliographyMissing]: 'warning',
  [DiagnosticCode.LocatorMismatch]: 'warning',
  [DiagnosticCode.QuoteTooLong]: 'information',
  [DiagnosticCode.DraftTooLarge]: 'warning',
};
