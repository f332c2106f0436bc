/**
 * The steps `startServer` is made of, each on its own: the capabilities it
 * announces, the code actions it answers, a change of workspace folders, and
 * the version it reads from package.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind } from 'vscode-languageserver/node.js';
import { SERVER_COMMANDS } from '../../../shared/out/protocol.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { serverCapabilities } from '../../../server/out/lsp/capabilities.js';
import { codeActionsFor, FIX_ALL_KIND } from '../../../server/out/lsp/codeActions.js';
import { DraftReports } from '../../../server/out/lsp/draftReports.js';
import { FolderState } from '../../../server/out/lsp/folderState.js';
import { indexFolder } from '../../../server/out/lsp/indexer.js';
import { Workspace } from '../../../server/out/lsp/workspace.js';
import { changeWorkspaceFolders } from '../../../server/out/lsp/workspaceFolders.js';
import { packageVersion } from '../../../server/out/node/packageVersion.js';
import { LINCOLN, REPORT } from './fixtures.js';

test('the server announces every command of the shared protocol, and the fix-all kind', () => {
  const capabilities = serverCapabilities();
  assert.deepEqual(capabilities.executeCommandProvider?.commands, [...SERVER_COMMANDS]);
  assert.deepEqual(SERVER_COMMANDS, ['verbatim.checkAllDrafts', 'verbatim.rebuildIndex', 'verbatim.bibliographyCslJson']);
  const codeActions = capabilities.codeActionProvider;
  assert.ok(typeof codeActions === 'object');
  assert.deepEqual(codeActions.codeActionKinds, [CodeActionKind.QuickFix, FIX_ALL_KIND]);
});

async function checkedDraft(text: string) {
  const fs = memoryFileSystem({ '/w/corpus/lincoln.txt': LINCOLN, '/w/corpus/report.txt': REPORT });
  const folder = new FolderState('file:///w', '/w', 'w');
  await indexFolder(folder, { fs }, { progress() {} });
  return new DraftReports().check('file:///w/draft.md', 1, text, folder);
}

test('a quick fix answers only a diagnostic the server published for this version, at its exact range', async () => {
  const checked = await checkedDraft('The report says “the army moved 500 soldiers to the border” [@report].\n');
  const mismatch = checked.diagnostics.find((d) => d.code === 'quote-mismatch');
  assert.ok(mismatch, 'the draft has a mismatch');
  const fixes = codeActionsFor('file:///w/draft.md', checked, { diagnostics: [mismatch as never], only: [CodeActionKind.QuickFix] });
  assert.ok(fixes.length > 0);
  assert.ok(fixes.every((a) => a.kind === CodeActionKind.QuickFix));

  const moved = { ...mismatch, range: { start: mismatch.range.start, end: { ...mismatch.range.end, character: mismatch.range.end.character - 1 } } };
  assert.deepEqual(codeActionsFor('file:///w/draft.md', checked, { diagnostics: [moved as never], only: [CodeActionKind.QuickFix] }), []);
  const foreign = { ...mismatch, source: 'other' };
  assert.deepEqual(codeActionsFor('file:///w/draft.md', checked, { diagnostics: [foreign as never] }), []);
});

test('fix-all is offered when asked for by kind, and only then when no diagnostic is given', async () => {
  const checked = await checkedDraft('The report says “the army moved 500 soldiers to the border” [@report].\n');
  const all = codeActionsFor('file:///w/draft.md', checked, { diagnostics: [], only: ['source.fixAll'] });
  assert.deepEqual(all.map((a) => a.kind), [FIX_ALL_KIND]);
  assert.deepEqual(codeActionsFor('file:///w/draft.md', checked, { diagnostics: [] }), []);
});

test('removing the last workspace folder puts the working directory in its place, indexed anew, then sends one status', async () => {
  const calls: string[] = [];
  const workspace = new Workspace('/home/writer');
  workspace.reset([{ uri: 'file:///w', name: 'w' }]);
  await changeWorkspaceFolders({
    workspace,
    refreshFolder: async (folder, force) => { calls.push(`refresh ${folder.path} ${force}`); },
    updateWatchers: () => calls.push('watch'),
    recheckOpen: () => calls.push('recheck'),
    sendStatus: () => calls.push('status'),
  }, { removed: [{ uri: 'file:///w', name: 'w' }], added: [{ uri: 'file:///v', name: 'v' }] });
  assert.deepEqual(calls, ['refresh /home/writer true', 'watch', 'recheck', 'refresh /v true', 'status']);
  assert.deepEqual(workspace.all().map((f) => f.path), ['/home/writer', '/v']);
});

test('the version is the one in package.json, found from tsc\'s output and from a bundle\'s folder alike', () => {
  const root = new URL('../../../', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
  assert.equal(packageVersion(new URL('server/out/server.js', root)), manifest.version);
  assert.equal(packageVersion(new URL('dist/server.mjs', root)), manifest.version);
  const elsewhere = mkdtempSync(join(tmpdir(), 'verbatim-version-'));
  try {
    assert.equal(packageVersion(pathToFileURL(join(elsewhere, 'server.mjs'))), '0.0.0');
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
