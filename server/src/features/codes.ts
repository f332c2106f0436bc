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

/** LSP's `DiagnosticSeverity`: 1 error, 2 warning, 3 information, 4 hint. */
export type SeverityNumber = 1 | 2 | 3 | 4;

/** How each severity is written: LSP's number and SARIF's `level` (SARIF has no hint: a hint is a note). */
export const SEVERITIES: Readonly<Record<Severity, { readonly number: SeverityNumber; readonly sarifLevel: 'error' | 'warning' | 'note' }>> = {
  error: { number: 1, sarifLevel: 'error' },
  warning: { number: 2, sarifLevel: 'warning' },
  information: { number: 3, sarifLevel: 'note' },
  hint: { number: 4, sarifLevel: 'note' },
};

/** One row of `CODES`: what a code is reported as unless the `severity` setting says otherwise, and what it means. */
export interface CodeInfo {
  readonly severity: Severity;
  /** One sentence for a writer: the `verbatim.severity` setting's description in package.json, SARIF's rule description. */
  readonly description: string;
}

/**
 * The one table of codes that the language server (settings), the CLI (text,
 * JSON) and SARIF (rules) read. package.json's `verbatim.severity` schema
 * repeats it for VS Code's settings editor; `test/src/architecture/codes.test.ts`
 * keeps the two equal. `CODES['unknown-source'].severity` is `'error'`.
 */
export const CODES: Readonly<Record<DiagnosticCode, CodeInfo>> = {
  [DiagnosticCode.UnknownSource]: {
    severity: 'error',
    description: 'A citation key that no source has.',
  },
  [DiagnosticCode.QuoteMismatch]: {
    severity: 'warning',
    description: 'A quotation that differs from its cited source: a changed number or word, an added or dropped negation, words left out without an ellipsis.',
  },
  [DiagnosticCode.QuoteMisattributed]: {
    severity: 'warning',
    description: 'A quotation found in a source other than the one cited.',
  },
  [DiagnosticCode.QuoteNotFound]: {
    severity: 'warning',
    description: 'A quotation found in no source.',
  },
  [DiagnosticCode.UncitedQuote]: {
    severity: 'information',
    description: 'A quotation found verbatim in a source but not cited.',
  },
  [DiagnosticCode.QuoteTooLong]: {
    severity: 'information',
    description: 'A quotation over 2,000 words: too long to check (the rest of the draft is checked).',
  },
  [DiagnosticCode.DraftTooLarge]: {
    severity: 'warning',
    description: 'A draft over `verbatim.maxDraftMB`: not checked.',
  },
  [DiagnosticCode.LocatorMismatch]: {
    severity: 'warning',
    description: 'A quotation found in the cited PDF or e-book, but not on the page or chapter the citation gives (`[@key, p. 33]`).',
  },
  [DiagnosticCode.QuoteUnverifiable]: {
    severity: 'information',
    description: 'A quotation cited to a bibliography entry whose full text is not in the corpus or attached, so it could not be checked.',
  },
  [DiagnosticCode.BibliographyMissing]: {
    severity: 'warning',
    description: 'A bibliography file named in the draft\'s front matter that cannot be read, or front matter naming one that is not valid YAML.',
  },
  [DiagnosticCode.QuoteSpelling]: {
    severity: 'hint',
    description: 'A quotation that differs from its source only in spelling: a compound split or joined (can not/cannot, to-day/today), British or American spelling (labour/labor), an archaic inflection (mov\'d/moved, whipt/whipped), & for and.',
  },
};

/** Every code, in the enum's order (SARIF's rule indexes). */
export const ALL_CODES: readonly DiagnosticCode[] = Object.values(DiagnosticCode);

/** The default severity of each code (`CODES[code].severity`), as a record. */
export const defaultSeverities: Readonly<Record<DiagnosticCode, Severity>> =
  Object.fromEntries(ALL_CODES.map((code) => [code, CODES[code].severity])) as Record<DiagnosticCode, Severity>;

/** `severityName(2)` is `'warning'`. */
export function severityName(number: SeverityNumber): Severity {
  return (Object.keys(SEVERITIES) as Severity[]).find((s) => SEVERITIES[s].number === number)!;
}
