/**
 * Corpus changes applied in the server's session, with a file system whose
 * reads the test holds back: the orders of events that a busy disk produces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType, type Connection } from 'vscode-languageserver/node.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { indexFolder } from '../../../server/out/lsp/indexer.js';
import { Session } from '../../../server/out/lsp/session.js';

/** Just what a session uses when a corpus file changes: a log, status and diagnostics that go nowhere. */
const connection = {
  console: { info() {}, warn() {}, error() {} },
  sendNotification: async () => undefined,
  sendDiagnostics: async () => undefined,
} as unknown as Connection;

test('two quick saves of a corpus file leave the index with the newer text, even when the older read finishes last', async () => {
  const files = memoryFileSystem({ '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n' });
  // The first read of the file takes the text it finds, then waits until the test lets it finish.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let reads = 0;
  const fs = {
    ...files,
    async readFile(path: string) {
      const bytes = files.readFile(path);
      if (++reads === 1) await held;
      return bytes;
    },
  };
  const session = new Session(connection, { fs }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] });
  const folder = session.workspace.all()[0]!;
  await indexFolder(folder, { fs: files }, { progress() {} });
  const changed: { uri: string; type: FileChangeType }[] = [{ uri: 'file:///w/corpus/report.txt', type: FileChangeType.Changed }];

  files.set('/w/corpus/report.txt', 'Report\n\nThe army moved 400 soldiers.\n');
  const first = session.onWatchedFiles(changed);
  await new Promise((resolve) => setImmediate(resolve));
  files.set('/w/corpus/report.txt', 'Report\n\nThe army moved 500 soldiers.\n');
  const second = session.onWatchedFiles(changed);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await Promise.all([first, second]);
  assert.equal(reads, 2);
  assert.match(folder.index.get('report')?.text ?? '', /500 soldiers/);
  session.dispose();
});

test('deleting a corpus folder passes a key its files held to the next file by path', async () => {
  const fs = memoryFileSystem({
    '/w/corpus/notes/r.md': '---\nid: report\n---\nNotes\n\nThe army moved 400 soldiers.\n',
    '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n',
  });
  const session = new Session(connection, { fs }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] });
  const folder = session.workspace.all()[0]!;
  await indexFolder(folder, { fs }, { progress() {} });
  assert.equal(folder.index.get('report')?.path, '/w/corpus/notes/r.md');
  assert.deepEqual(folder.warnings.map((w) => [w.kind, w.path]), [['duplicate-key', '/w/corpus/report.txt']]);

  fs.delete('/w/corpus/notes/r.md');
  await session.onWatchedFiles([{ uri: 'file:///w/corpus/notes', type: FileChangeType.Deleted }]);
  assert.equal(folder.index.get('report')?.path, '/w/corpus/report.txt');
  assert.deepEqual(folder.warnings, []);
  session.dispose();
});
