/**
 * The real server over stdio with a real PDF in the corpus (test/fixtures/formats/report.pdf,
 * two pages): a quotation from page 2 cited as p. 1 gets `locator-mismatch` naming p. 2,
 * cited as p. 2 gets nothing, and the quick fix edits only the locator.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace, type Diagnostic, type Range } from './harness.js';
import { rangeOf } from './fixtures.js';

const REPORT_PDF = fileURLToPath(new URL('../../fixtures/formats/report.pdf', import.meta.url));
const QUOTE = '“the new breakwater reduced wave damage by a third”';
const WRONG = `The harbour master reported ${QUOTE} [@report, p. 1].\n`;
const RIGHT = `The harbour master reported ${QUOTE} [@report, p. 2].\n`;

interface TextEdit { range: Range; newText: string }
interface CodeAction { title: string; edit?: { changes: Record<string, TextEdit[]> } }

let root: string;
let client: TestClient;

before(async () => {
  root = writeWorkspace({ 'corpus/notes.txt': 'Notes\n\nThe ferry timetable changes in October every year.\n' });
  copyFileSync(REPORT_PDF, join(root, 'corpus', 'report.pdf'));
  client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  const status = await client.indexed(2);
  assert.equal(status.formats?.['pdf'], 1);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

test('a quotation from page 2 of a real PDF cited as p. 1 gets locator-mismatch naming p. 2', async () => {
  const uri = uriOf(root, 'wrong.md');
  const diagnostics = await client.open(uri, WRONG);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['locator-mismatch', 'The quotation is on p. 2 of @report, not p. 1.']]);
  const [mismatch] = diagnostics as [Diagnostic];
  assert.deepEqual(mismatch.range, rangeOf(WRONG, QUOTE));
  const data = mismatch.data as { sourceKey: string; page: unknown; citedLocator: string };
  assert.equal(data.sourceKey, 'report');
  // The PDF has no page labels: page 2 is the second page.
  assert.deepEqual(data.page, { kind: 'page', index: 2 });
  assert.equal(data.citedLocator, 'p. 1');

  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch] } });
  const fix = actions.find((a) => a.title === 'Change to p. 2');
  assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.deepEqual(fix.edit?.changes, { [uri]: [{ range: rangeOf(WRONG, 'p. 1'), newText: 'p. 2' }] });

  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(WRONG, 'breakwater') });
  assert.match(hover.contents.value, /\n\nPage: PDF page 2\n/);
});

test('the same quotation cited as p. 2, as the fix writes it, has no diagnostic', async () => {
  assert.equal(WRONG.replace('p. 1', 'p. 2'), RIGHT);
  assert.deepEqual(await client.open(uriOf(root, 'right.md'), RIGHT), []);
  // Without a page the citation is not checked for one.
  assert.deepEqual(await client.open(uriOf(root, 'bare.md'), RIGHT.replace(', p. 2', '')), []);
});
