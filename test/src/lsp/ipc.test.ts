import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import { removeWorkspace, writeWorkspace } from './harness.js';
import { REPORT } from './fixtures.js';

const SERVER = process.env['VERBATIM_SERVER'] ?? fileURLToPath(new URL('../../../server/out/server.js', import.meta.url));

test('serves over Node IPC, as the VS Code client starts it', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT });
  const child = fork(SERVER, ['--node-ipc'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let sources = 0;
    const indexed = new Promise<void>((resolve) => connection.onNotification('verbatim/status', (s: { sources: number; indexing: unknown }) => {
      if (s.indexing === null) { sources = s.sources; resolve(); }
    }));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const result = await connection.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    }) as { capabilities: { executeCommandProvider: { commands: string[] } }; serverInfo: { name: string } };
    assert.equal(result.serverInfo.name, 'verbatim-language-server');
    assert.deepEqual(result.capabilities.executeCommandProvider.commands, ['verbatim.checkAllDrafts', 'verbatim.rebuildIndex', 'verbatim.bibliographyCslJson']);
    await connection.sendNotification('initialized', {});
    await indexed;
    assert.equal(sources, 1);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
    removeWorkspace(root);
  }
});
