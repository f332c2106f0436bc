/**
 * The session's corpus watching, driven through a fake `FileWatcher`: what
 * the session asks it to watch, and what a change it reports does to the index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import type { ClientSupport } from '../../../server/out/lsp/capabilities.js';
import type { FileWatcher, WatchEvents } from '../../../server/out/lsp/fileWatcher.js';
import { Session } from '../../../server/out/lsp/session.js';

/** A watcher that records what it is asked to watch and lets the test report changes. */
class FakeWatcher implements FileWatcher {
  readonly folders: string[][] = [];
  readonly files: string[][] = [];
  disposed = false;
  constructor(readonly support: ClientSupport, readonly events: WatchEvents) {}
  watchFolders(roots: readonly string[]): void { this.folders.push([...roots]); }
  watchFiles(paths: readonly string[]): void { this.files.push([...paths]); }
  dispose(): void { this.disposed = true; }
}

/** A connection that goes nowhere, but for the `verbatim/status` notifications, which it counts. */
function quietConnection() {
  const statuses: unknown[] = [];
  const waiting: (() => void)[] = [];
  const connection = {
    console: { info() {}, warn() {}, error() {} },
    sendNotification: async (type: { method: string } | string, params: unknown) => {
      if ((typeof type === 'string' ? type : type.method) !== 'verbatim/status') return;
      statuses.push(params);
      for (const resolve of waiting.splice(0)) resolve();
    },
    sendDiagnostics: async () => undefined,
    window: { createWorkDoneProgress: async () => ({ begin() {}, report() {}, done() {} }) },
    client: { register: async () => ({ dispose() {} }) },
  } as unknown as Connection;
  /** Resolves at the next status the session sends. */
  const nextStatus = () => new Promise<void>((resolve) => waiting.push(resolve));
  return { connection, statuses, nextStatus };
}

async function startedSession(files: Record<string, string>) {
  const fs = memoryFileSystem(files);
  const { connection, nextStatus, statuses } = quietConnection();
  let watcher: FakeWatcher | undefined;
  const session = new Session(connection, { fs, watcher: (support, events) => (watcher = new FakeWatcher(support, events)) }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] });
  await session.start();
  assert.ok(watcher, 'the session made its watcher when it started watching');
  return { session, fs, watcher, folder: session.workspace.all()[0]!, nextStatus, statuses };
}

test('the session asks its watcher to watch the corpus folder, and indexes a file the watcher reports', async () => {
  const { session, fs, watcher, folder, nextStatus } = await startedSession({ '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n' });
  assert.deepEqual(watcher.folders.at(-1), ['/w/corpus']);
  assert.equal(folder.index.get('new'), undefined);

  fs.set('/w/corpus/new.txt', 'New\n\nThe navy sailed at dawn.\n');
  const indexed = nextStatus();
  watcher.events.folderFileChanged('/w/corpus/new.txt');
  await indexed;
  assert.match(folder.index.get('new')?.text ?? '', /sailed at dawn/);

  fs.delete('/w/corpus/report.txt');
  const dropped = nextStatus();
  watcher.events.folderFileChanged('/w/corpus/report.txt');
  await dropped;
  assert.equal(folder.index.get('report'), undefined);
  await session.dispose();
  assert.equal(watcher.disposed, true);
});

test('a file outside the corpus that the watcher reports changes nothing and sends no status', async () => {
  const { session, fs, watcher, folder, statuses } = await startedSession({ '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n' });
  const sent = statuses.length;
  fs.set('/w/notes/new.txt', 'Notes\n\nNot a source.\n');
  await session.corpus.folderFileChanged('/w/notes/new.txt');
  fs.set('/w/corpus/image.png', 'not a source');
  await session.corpus.folderFileChanged('/w/corpus/image.png');
  assert.deepEqual([...folder.index.sources()].map((s) => s.key), ['report']);
  assert.equal(statuses.length, sent);
  assert.deepEqual(watcher.folders.at(-1), ['/w/corpus']);
  await session.dispose();
});

test('when the corpus setting changes, the watcher is told the new folders', async () => {
  const { session, watcher, folder } = await startedSession({
    '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n',
    '/w/sources/letter.txt': 'Letter\n\nWe cannot escape history.\n',
  });
  await session.onConfigurationChanged({ verbatim: { corpus: ['sources', 'corpus'] } });
  assert.deepEqual(watcher.folders.at(-1), ['/w/sources', '/w/corpus']);
  assert.deepEqual([...folder.index.sources()].map((s) => s.key).sort(), ['letter', 'report']);
  await session.dispose();
});

test('the watcher is made once, with the client\'s abilities, so it can watch through the client', async () => {
  const { connection } = quietConnection();
  const seen: ClientSupport[] = [];
  const session = new Session(connection, { fs: memoryFileSystem({}), watcher: (support, events) => { seen.push(support); return new FakeWatcher(support, events); } }, '/w');
  session.initialize({
    processId: null, rootUri: 'file:///w', workspaceFolders: [{ uri: 'file:///w', name: 'w' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
  });
  session.updateWatchers();
  session.updateWatchers();
  assert.equal(seen.length, 1, 'one watcher, made once');
  assert.equal(seen[0]!.watchedFilesRegistration, true);
  assert.equal(seen[0]!.relativePatterns, true);
  await session.dispose();
});
