import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from '../../../server/out/cli/formatJson.js';
import { formatSarif } from '../../../server/out/cli/formatSarif.js';
import { formatText } from '../../../server/out/cli/formatText.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { toDiagnostic, type VerbatimDiagnostic } from '../../../server/out/features/diagnostic.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { ANNUAL, pagedSource } from '../fixtures/pagedSources.js';

const DRAFT = 'He wrote “the harbor master ordered the dredging of the southern channel” [@annual, p. 2].\n';

function reports() {
  const index = new CorpusIndex([pagedSource('annual', 'corpus/annual.pdf', ANNUAL)]);
  const lines = new LineIndex(DRAFT);
  const diagnostics = checkDraft(index, DRAFT).findings.map((f) => toDiagnostic(f, lines)).filter((d): d is VerbatimDiagnostic => d !== undefined);
  return [{ path: 'draft.md', diagnostics }];
}

test('the JSON output carries the page of the passage and the cited locator', () => {
  const json = JSON.parse(formatJson(reports())) as { files: { diagnostics: { code: string; data: { page?: unknown; citedLocator?: string } }[] }[] };
  assert.deepEqual(json.files[0]!.diagnostics.map((d) => [d.code, d.data.page, d.data.citedLocator]), [
    ['quote-mismatch', { kind: 'page', index: 3, label: '1' }, undefined],
    ['locator-mismatch', { kind: 'page', index: 3, label: '1' }, 'p. 2'],
  ]);
});

test('the SARIF output has a locator-mismatch rule and the page as a property of each result', () => {
  const sarif = JSON.parse(formatSarif(reports(), '0.1.0')) as {
    runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; properties?: { page?: unknown; citedLocator?: string } }[] }[];
  };
  const run = sarif.runs[0]!;
  const rule = run.tool.driver.rules.findIndex((r) => r.id === 'locator-mismatch');
  assert.ok(rule >= 0);
  assert.equal(run.tool.driver.rules[rule]!.defaultConfiguration.level, 'warning');
  assert.deepEqual(run.results.map((r) => [r.ruleId, r.properties?.page, r.properties?.citedLocator]), [
    ['quote-mismatch', { kind: 'page', index: 3, label: '1' }, undefined],
    ['locator-mismatch', { kind: 'page', index: 3, label: '1' }, 'p. 2'],
  ]);
  assert.equal(run.results[1]!.ruleIndex, rule);
});

test('the text output names the page after the source', () => {
  assert.deepEqual(formatText(reports()).trim().split('\n').map((line) => line.slice(line.lastIndexOf(' ('))), [
    ' (source: annual, p. 1)',
    ' (source: annual, p. 1)',
  ]);
  assert.match(formatText(reports()), /^draft\.md:1:10: warning locator-mismatch: The quotation is on p\. 1 of @annual, not p\. 2\. \(source: annual, p\. 1\)$/m);
});
