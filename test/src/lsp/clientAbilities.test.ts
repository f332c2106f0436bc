import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace } from './harness.js';
import { DRAFT, LINCOLN, REPORT } from './fixtures.js';

// A client like VS Code's (completion label details) that cannot register
// didChangeConfiguration dynamically (like eglot and Neovim 0.7).
let root: string;
let client: TestClient;
let uri: string;

before(async () => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT, 'draft.md': DRAFT });
  client = await TestClient.start(root, { labelDetails: true, configurationRegistration: false });
  await client.indexed(2);
  uri = uriOf(root, 'draft.md');
  await client.open(uri, DRAFT);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

interface CompletionItem { label: string; labelDetails?: { detail?: string; description?: string } }

test('each key in the completion list shows its source’s title beside it', async () => {
  const text = `${DRAFT}\nMore in [@`;
  await client.change(uri, text);
  const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'More in [@', 10) });
  assert.deepEqual(list.items.map((i) => [i.label, i.labelDetails]), [
    ['lincoln', { description: 'Annual Message to Congress' }],
    ['report', { description: 'Troop Levels Rise in the North' }],
  ]);
});

test('each passage in the completion list shows the key of its source beside it', async () => {
  const text = `${DRAFT}\nAs “Officials said the army`;
  await client.change(uri, text);
  const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'the army', 8) });
  assert.ok(list.items.length > 0);
  assert.deepEqual(list.items[0]!.labelDetails, { description: '@report' });
});

test('registers nothing the client cannot register', () => {
  assert.deepEqual(client.registrations.map((r) => r.method).filter((m) => m === 'workspace/didChangeConfiguration'), []);
  assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
});
