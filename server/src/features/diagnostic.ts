import type { PassagePlace } from '../corpus/places.js';
import type { LineIndex, Range } from '../engine/text.js';
import { CODES, DiagnosticCode, SEVERITIES, type Severity, type SeverityNumber } from './codes.js';
import type { Finding } from './finding.js';

export type { SeverityNumber } from './codes.js';

export type SeverityLevel = Severity | 'off';

/** What a code action needs, carried in `Diagnostic.data` (the CLI's JSON has the same). */
export interface DiagnosticData {
  sourceKey?: string;
  sourceText?: string;
  /** The passage's range in the source file. */
  range?: Range;
  /** "Did you mean" keys, for `unknown-source`. */
  suggestions?: string[];
  /** For `quote-mismatch`: another source holds the quotation word for word (a "Cite @key instead" fix). */
  exactKey?: string;
  /** For `quote-mismatch`: a difference may be the source's scanning error (its fix is not preferred, fix-all skips it). */
  scanningError?: true;
  /** The page or chapter holding the passage (`{ kind: 'page', index: 40, label: '34' }`), when its source has them. */
  page?: PassagePlace;
  /** The citation's locator, for `locator-mismatch`. */
  citedLocator?: string;
}

/** Structurally an LSP `Diagnostic`; the engine imports no protocol types. */
export interface VerbatimDiagnostic {
  range: Range;
  severity: SeverityNumber;
  code: DiagnosticCode;
  source: 'verbatim';
  message: string;
  data: DiagnosticData;
}

/** `severityNumber('warning')` is 2. */
export function severityNumber(severity: Severity): SeverityNumber {
  return SEVERITIES[severity].number;
}

/** The default severity of each code (`CODES`), as a `severityFor` argument. */
export const defaultSeverityFor = (code: DiagnosticCode): SeverityLevel => CODES[code].severity;

/**
 * Turns one engine finding into an LSP-shaped diagnostic over the draft, or
 * `undefined` when its code is switched off.
 * A mismatch at offsets 10..42 becomes `{ range: {start: {line: 0, character: 10}, ...},
 * severity: 2, code: 'quote-mismatch', source: 'verbatim', message, data: { sourceKey, sourceText, range } }`.
 */
export function toDiagnostic(
  finding: Finding,
  lineIndex: LineIndex,
  severityFor: (code: DiagnosticCode) => SeverityLevel = defaultSeverityFor,
): VerbatimDiagnostic | undefined {
  const level = severityFor(finding.code);
  if (level === 'off') return undefined;
  const data: DiagnosticData = {};
  if (finding.data.sourceKey !== undefined) data.sourceKey = finding.data.sourceKey;
  if (finding.data.sourceText !== undefined) data.sourceText = finding.data.sourceText;
  if (finding.data.range !== undefined) data.range = finding.data.range;
  if (finding.data.suggestions !== undefined) data.suggestions = [...finding.data.suggestions];
  if (finding.data.exactKey !== undefined) data.exactKey = finding.data.exactKey;
  if (finding.data.diffs?.some((d) => d.kind === 'scanning-error')) data.scanningError = true;
  if (finding.data.page !== undefined) data.page = { ...finding.data.page };
  if (finding.data.citedLocator !== undefined) data.citedLocator = finding.data.citedLocator;
  return {
    range: lineIndex.rangeOf(finding.span),
    severity: SEVERITIES[level].number,
    code: finding.code,
    source: 'verbatim',
    message: finding.message,
    data,
  };
}
