import { DiagnosticCode, defaultSeverities, type Severity } from '../features/codes.js';
import type { FileReport } from './report.js';

const RULES: Readonly<Record<DiagnosticCode, string>> = {
  [DiagnosticCode.QuoteMismatch]: 'A quotation differs from the passage of the source it cites (a word, number or negation changed, words dropped or swapped).',
  [DiagnosticCode.QuoteMisattributed]: 'A quotation is in a source other than the one cited.',
  [DiagnosticCode.QuoteNotFound]: 'No source holds the quotation or anything close to it.',
  [DiagnosticCode.UncitedQuote]: 'A quotation from a source has no citation.',
  [DiagnosticCode.UnknownSource]: 'A citation names a key that no source has.',
  [DiagnosticCode.QuoteSpelling]: 'A quotation differs from its source only in spelling (a compound split or joined, British or American spelling, an archaic inflection, & for and).',
  [DiagnosticCode.QuoteUnverifiable]: 'A quotation cites a bibliography entry whose full text is not here, so it could not be checked.',
  [DiagnosticCode.BibliographyMissing]: 'A bibliography file named in the front matter cannot be read.',
  [DiagnosticCode.LocatorMismatch]: 'A quotation is in the cited source, but not on the page or chapter its citation gives.',
  [DiagnosticCode.QuoteTooLong]: 'A quotation is too long to check; the rest of the draft is checked.',
  [DiagnosticCode.DraftTooLarge]: 'A draft is over the size limit and was not checked.',
};

const LEVELS = ['none', 'error', 'warning', 'note', 'note'] as const;
const SARIF_LEVELS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning services. Regions are 1-based lines and UTF-16 columns. */
export function formatSarif(files: readonly FileReport[], version: string): string {
  const ruleIds = Object.values(DiagnosticCode);
  const results = files.flatMap((file) => file.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIds.indexOf(d.code),
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(file.path) },
        region: {
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        },
      },
    }],
    ...(d.data.sourceKey ? { properties: {
      sourceKey: d.data.sourceKey,
      sourceText: d.data.sourceText,
      ...(d.data.page ? { page: d.data.page } : {}),
      ...(d.data.citedLocator !== undefined ? { citedLocator: d.data.citedLocator } : {}),
    } } : {}),
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'verbatim',
          version,
          informationUri: 'https://github.com/verbatim-writing/verbatim',
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id] }, defaultConfiguration: { level: SARIF_LEVELS[defaultSeverities[id]] } })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
