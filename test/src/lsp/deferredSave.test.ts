/**
 * The session saves a new index after the folder is ready, once idle
 * (`SessionDeps.whenIdle`), and a shutdown runs a save still waiting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { Session } from '../../../server/out/lsp/session.js';

/** A connection that goes nowhere, keeping the log. */
function quietConnection(logs: string[]): Connection {
  const log = (line: string) => { logs.push(line); };
  return {
    console: { info: log, warn: log, error: log },
    sendNotification: async () => undefined,
    sendDiagnostics: async () => undefined,
    window: { createWorkDoneProgress: async () => ({ begin() {}, report() {}, done() {} }) },
    client: { register: async () => ({ dispose() {} }) },
  } as unknown as Connection;
}

const CACHE = '/w/.cache';

async function startedSession() {
  const fs = memoryFileSystem({ '/w/corpus/report.txt': 'Report\n\nThe army moved 300 soldiers.\n' });
  const idle: { work: () => void; delayMs: number; cancelled: boolean }[] = [];
  const logs: string[] = [];
  const session = new Session(quietConnection(logs), {
    fs,
    watcher: () => ({ watchFolders() {}, watchFiles() {}, dispose() {} }),
    whenIdle: (work, delayMs) => {
      const waiting = { work, delayMs, cancelled: false };
      idle.push(waiting);
      return { cancel: () => { waiting.cancelled = true; } };
    },
  }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }], initializationOptions: { cacheDir: CACHE } });
  await session.start();
  const saved = async () => (await fs.readDirectory(CACHE).catch(() => [])).length > 0;
  return { session, idle, saved, logs, folder: session.workspace.all()[0]! };
}

test('a new index is saved once the server is idle, after its folder is ready', async () => {
  const { session, idle, saved, folder } = await startedSession();
  assert.equal(folder.ready, true);
  assert.equal(await saved(), false, 'not saved before the server is idle');
  assert.equal(idle.length, 1);
  idle[0]!.work();
  await session.dispose(); // waits for the save under way
  assert.equal(await saved(), true);
});

test('a shutdown runs a save still waiting for the server to be idle', async () => {
  const { session, idle, saved, logs } = await startedSession();
  assert.equal(await saved(), false);
  await session.dispose();
  assert.equal(idle[0]!.cancelled, true, 'the wait is cancelled');
  assert.equal(await saved(), true);
  assert.ok(logs.some((l) => l.startsWith('Saved index for w: created')), logs.join('\n'));
});
