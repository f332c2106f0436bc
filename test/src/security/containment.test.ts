/**
 * The `.git/config` attack (issue 11): a corpus link to a file outside the
 * corpus that holds a token, and a draft that near-quotes it. Nothing of the
 * target may appear in any CLI output (text, JSON, SARIF) nor in the server's
 * diagnostics, hovers, completion or source list; a watched change of the link
 * reads nothing either.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FileChangeType, type Connection } from 'vscode-languageserver/node.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { indexFolder } from '../../../server/out/lsp/indexer.js';
import { Session } from '../../../server/out/lsp/session.js';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace } from '../lsp/harness.js';
import { HARBOR } from '../fixtures/smallCorpus.js';

const cli = fileURLToPath(new URL('../../../server/out/cli/main.js', import.meta.url));
/** The token's tail is a word of its own (`_` is not a word character): what a misquote message would show. */
const SECRET_WORD = '9f8e7d6c5b4a';
const SECRET = `ghp_${SECRET_WORD}`;
const CONFIG = `[core]\n\trepositoryformatversion = 0\n[ci]\n\ttoken = ${SECRET}\n# The deploy token ${SECRET} must never leave the build machine again.\n`;
const DRAFT = 'One said “The deploy token ghp_0000000000 must never leave the build machine again” [@notes].\n' +
  'Another wrote “The deploy token ghp_1111111111 must never leave the build machine” too.\n\nSee [@no';

let root: string;

before(() => {
  root = writeWorkspace({ '.git/config': CONFIG, 'corpus/harbor.txt': HARBOR, 'draft.md': DRAFT, 'elsewhere/passwd.txt': `root:${SECRET}:0:0\n` });
  symlinkSync('../.git/config', `${root}/corpus/notes.txt`);
  symlinkSync('../elsewhere', `${root}/corpus/etc`);
  mkdirSync(`${root}/corpus/a`);
  symlinkSync('..', `${root}/corpus/a/up`);
  symlinkSync('.', `${root}/corpus/self`);
});

after(() => removeWorkspace(root));

for (const format of ['text', 'json', 'sarif']) {
  test(`verbatim check --format ${format} shows nothing of a file a corpus link points to outside the corpus`, () => {
    const result = spawnSync(process.execPath, [cli, 'check', 'draft.md', '--format', format], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!result.stdout.includes(SECRET_WORD) && !result.stderr.includes(SECRET_WORD), `${format} output shows the token:\n${result.stdout}${result.stderr}`);
    assert.ok(!/deploy token ghp_9/.test(result.stdout + result.stderr));
    assert.match(result.stderr, /corpus\/notes\.txt is a symbolic link to a place outside the corpus folders, so it was not followed/);
    assert.match(result.stderr, /corpus\/a\/up is a symbolic link back to a folder already read/);
    assert.match(result.stderr, /corpus\/self is a symbolic link back to a folder already read/);
    if (format !== 'text') JSON.parse(result.stdout);
  });
}

test('the server shows nothing of it either: diagnostics, hover, completion and the source list', async () => {
  const client = await TestClient.start(root);
  try {
    await client.indexed(1);
    const uri = uriOf(root, 'draft.md');
    const diagnostics = await client.open(uri, DRAFT);
    const seen: unknown[] = [diagnostics];
    for (const marker of ['deploy token ghp_0', 'deploy token ghp_1', '@notes']) {
      seen.push(await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(DRAFT, marker, 2) }));
    }
    seen.push(await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(DRAFT, '[@no', 4) }));
    seen.push(await client.request('verbatim/sources', { uri }));
    seen.push(await client.request('workspace/symbol', { query: '' }));
    const all = JSON.stringify(seen);
    assert.ok(!all.includes(SECRET_WORD), `the server shows the token: ${all}`);
    assert.ok(!all.includes('notes.txt') || !all.includes('"key":"notes"'));
    assert.ok(client.logs.some((l) => /notes\.txt is a symbolic link to a place outside/.test(l)));
  } finally {
    await client.stop();
  }
});

const quiet = {
  console: { info() {}, warn() {}, error() {} },
  sendNotification: async () => undefined,
  sendDiagnostics: async () => undefined,
} as unknown as Connection;

test('a watched change of a link out of the corpus reads nothing; a link within it is left to the walk', async () => {
  const files = memoryFileSystem({ '/w/corpus/harbor.txt': HARBOR, '/w/.git/config': CONFIG });
  let outsideReads = 0;
  const fs = { ...files, async readFile(path: string) { if (!path.startsWith('/w/corpus/harbor')) outsideReads++; return files.readFile(path); } };
  const session = new Session(quiet, { fs }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] });
  const folder = session.workspace.all()[0]!;
  await indexFolder(folder, { fs }, { progress() {} });
  files.set('/w/corpus/notes.txt', { symlink: '../.git/config' });
  files.set('/w/corpus/alias.txt', { symlink: 'harbor.txt' });
  await session.onWatchedFiles([
    { uri: 'file:///w/corpus/notes.txt', type: FileChangeType.Created },
    { uri: 'file:///w/corpus/alias.txt', type: FileChangeType.Created },
  ]);
  assert.equal(outsideReads, 0);
  assert.deepEqual([...folder.index.sources()].map((s) => s.key), ['harbor']);
  assert.deepEqual(folder.warnings.map((w) => [w.kind, w.path]), [['link', '/w/corpus/notes.txt']]);
  session.dispose();
});

