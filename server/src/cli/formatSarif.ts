import { ALL_CODES, CODES, SEVERITIES, severityName } from '../features/codes.js';
import type { FileReport } from './report.js';

/** SARIF 2.1.0, for code-scanning services. Regions are 1-based lines and UTF-16 columns. */
export function formatSarif(files: readonly FileReport[], version: string): string {
  const results = files.flatMap((file) => file.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ALL_CODES.indexOf(d.code),
    level: SEVERITIES[severityName(d.severity)].sarifLevel,
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
          rules: ALL_CODES.map((id) => ({
            id,
            shortDescription: { text: CODES[id].description },
            defaultConfiguration: { level: SEVERITIES[CODES[id].severity].sarifLevel },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
