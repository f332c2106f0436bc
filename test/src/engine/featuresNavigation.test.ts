import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/parse.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { defaultSeverityFor, toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { definitionAt } from '../../../server/out/features/definition.js';
import { documentLinks } from '../../../server/out/features/documentLinks.js';
import { listDrafts } from '../../../server/out/features/listDrafts.js';
import { citationsOf, keyAt } from '../../../server/out/features/references.js';
import { workspaceSymbols } from '../../../server/out/features/workspaceSymbols.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { cursor, fixtureIndex } from './featuresFixture.js';

test('definition on a key is the start of its source; on a quote, the passage', async () => {
  const index = await fixtureIndex();
  const key = cursor('“we cannot escape history” [@lin$$coln]');
  assert.deepEqual(definitionAt(index, checkDraft(index, key.text), key.offset),
    { path: 'corpus/lincoln.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, key: 'lincoln' });
  const quote = cursor('“we cannot $$escape history” [@lincoln]');
  const found = definitionAt(index, checkDraft(index, quote.text), quote.offset)!;
  assert.deepEqual({ path: found.path, range: found.range, key: found.key },
    { path: 'corpus/lincoln.md', range: { start: { line: 8, character: 17 }, end: { line: 8, character: 41 } }, key: 'lincoln' });
  assert.equal(index.get('lincoln')!.text.slice(found.span!.start, found.span!.end), 'we cannot escape history');
});

test('no definition for an unknown key', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('[@nob$$ody]');
  assert.equal(definitionAt(index, checkDraft(index, text), offset), undefined);
});

test('finds the key under the cursor and every citation of it', () => {
  const draft = parseDraft('[@a] and [@b; @a] and @a.');
  assert.equal(keyAt(draft, 15), 'a');
  assert.deepEqual(citationsOf(draft, 'a'), [{ start: 1, end: 3 }, { start: 14, end: 16 }, { start: 22, end: 24 }]);
});

test('links known keys to their files, not unknown ones', async () => {
  const index = await fixtureIndex();
  assert.deepEqual(documentLinks(index, parseDraft('[@report; @nobody]')), [
    { span: { start: 2, end: 8 }, path: 'corpus/report.txt', key: 'report', tooltip: 'Open source: Troop Levels Rise in the North' },
  ]);
});

test('workspace symbols match every query word in key or title, key matches first', async () => {
  const index = await fixtureIndex();
  assert.deepEqual(workspaceSymbols(index, 'annual congress').map((s) => s.name), ['lincoln']);
  assert.deepEqual(workspaceSymbols(index, 'r').map((s) => s.name), ['report', 'hostile', 'lincoln']);
  assert.deepEqual(workspaceSymbols(index, '').map((s) => s.name), ['hostile', 'lincoln', 'report']);
});

test('lists drafts outside the corpus, node_modules and dot-folders', async () => {
  const fs = memoryFileSystem({
    'w/a.md': '', 'w/notes/b.markdown': '', 'w/corpus/s.md': '', 'w/node_modules/x/readme.md': '', 'w/.git/c.md': '', 'w/data.txt': '',
  });
  assert.deepEqual(await listDrafts(fs, 'w', ['w/corpus']), ['w/a.md', 'w/notes/b.markdown']);
});

test('turns a finding into an LSP diagnostic with the configured severity, or none when off', () => {
  const finding = { code: 'quote-mismatch', message: 'm', span: { start: 2, end: 5 }, data: { sourceKey: 'k', sourceText: 't', path: 'p', diffs: [] } } as const;
  const lines = new LineIndex('a\nbcdef');
  assert.deepEqual(toDiagnostic(finding as never, lines), {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
    severity: 2, code: 'quote-mismatch', source: 'verbatim', message: 'm', data: { sourceKey: 'k', sourceText: 't' },
  });
  assert.equal(toDiagnostic(finding as never, lines, () => 'hint')!.severity, 4);
  assert.equal(toDiagnostic(finding as never, lines, () => 'off'), undefined);
  assert.equal(defaultSeverityFor('unknown-source' as never), 'error');
});
