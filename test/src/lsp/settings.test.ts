import { test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf, removeWorkspace, TestClient, uriOf, writeFile, writeWorkspace, type Diagnostic } from './harness.js';
import { DRAFT, LINCOLN, REPORT } from './fixtures.js';

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`);

test('a client that answers workspace/configuration with null gets the defaults', async () => {
  const root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  const client = await TestClient.start(root, { configuration: () => null });
  try {
    await client.indexed(2);
    const diagnostics = await client.open(uriOf(root, 'draft.md'), DRAFT);
    assert.deepEqual(brief(diagnostics), ['quote-mismatch:2', 'quote-misattributed:2', 'uncited-quote:3', 'quote-not-found:2', 'unknown-source:1']);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('reads the corpus folder, minimum quote length and severities from settings', async () => {
  const root = writeWorkspace({ 'sources/lincoln.md': LINCOLN, 'sources/report.txt': REPORT });
  const client = await TestClient.start(root, {
    configuration: () => ({ corpus: ['sources'], minQuoteWords: 7, severity: { 'unknown-source': 'off', 'quote-mismatch': 'error' } }),
  });
  try {
    await client.indexed(2);
    const diagnostics = await client.open(uriOf(root, 'draft.md'), DRAFT);
    // “we cannot escape history” and “The decision was not taken lightly” are now too short to check.
    assert.deepEqual(brief(diagnostics), ['quote-mismatch:1', 'quote-misattributed:2', 'quote-not-found:2']);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('without workspace/configuration, settings come from initializationOptions and didChangeConfiguration', async () => {
  const root = writeWorkspace({ 'refs/lincoln.md': LINCOLN, 'refs/report.txt': REPORT, 'other/report.txt': REPORT });
  const client = await TestClient.start(root, { configurationSupport: false, initializationOptions: { corpus: ['refs'] } });
  try {
    await client.indexed(2);
    const uri = uriOf(root, 'draft.md');
    assert.equal((await client.open(uri, DRAFT)).length, 5);
    const rechecked = client.nextDiagnostics(uri);
    const reindexed = client.nextStatus((s) => s.indexing === null && s.sources === 1);
    await client.notify('workspace/didChangeConfiguration', { settings: { verbatim: { corpus: ['other'] } } });
    await reindexed;
    // Only `report` is left: both @lincoln citations are now unknown, and their quotes not found.
    assert.deepEqual((await rechecked).map((d) => d.code),
      ['quote-not-found', 'unknown-source', 'quote-mismatch', 'quote-not-found', 'uncited-quote', 'quote-not-found', 'unknown-source', 'unknown-source']);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('a request that throws answers an error and the server keeps serving', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT });
  const client = await TestClient.start(root);
  try {
    await client.indexed(1);
    const uri = uriOf(root, 'draft.md');
    await client.open(uri, DRAFT);
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri }, position: null }), /Verbatim: hover failed/);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(DRAFT, '@report', 2) });
    assert.match(hover.contents.value, /^\*\*Troop Levels Rise in the North\*\*/);
    assert.ok(client.logs.some((l) => l.startsWith('hover failed: TypeError')));
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('when the client cannot watch files, the server watches the corpus itself', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT });
  const client = await TestClient.start(root, { watchSupport: false });
  try {
    await client.indexed(1);
    assert.equal(client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').length, 0);
    const uri = uriOf(root, 'draft.md');
    const text = 'He wrote “we cannot escape history” [@lincoln].\n';
    assert.deepEqual((await client.open(uri, text)).map((d) => d.code), ['quote-not-found', 'unknown-source']);
    const next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    writeFile(root, 'corpus/lincoln.md', LINCOLN);
    assert.deepEqual(await next, []);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('logs each unusable corpus file once and still indexes the rest', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'corpus/empty.txt': '' });
  const client = await TestClient.start(root);
  try {
    const status = await client.indexed(1);
    assert.deepEqual(status, { sources: 1, indexing: null, warnings: 1, formats: { text: 1 }, skipped: [{ path: `${root}/corpus/empty.txt`, kind: 'empty' }] });
    await client.request('workspace/executeCommand', { command: 'verbatim.rebuildIndex' });
    assert.equal(client.logs.filter((l) => l.includes('empty.txt')).length, 1);
    assert.equal(client.shown.length, 0);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('saves the index in the cacheDir it is given and reuses it on the next start', async () => {
  const root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  const cacheDir = `${root}/.cache`;
  try {
    for (const expected of ['created', 'reused']) {
      const client = await TestClient.start(root, { initializationOptions: { cacheDir } });
      try {
        await client.indexed(2);
        assert.ok(client.logs.some((l) => l.startsWith(`Saved index for ws: ${expected}`)), client.logs.join('\n'));
        assert.equal((await client.open(uriOf(root, 'draft.md'), DRAFT)).length, 5);
      } finally {
        await client.stop();
      }
    }
  } finally {
    removeWorkspace(root);
  }
});

test('saves the index again after the corpus changes, so the next start re-indexes nothing', async () => {
  const root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  const cacheDir = `${root}/.cache`;
  try {
    const first = await TestClient.start(root, { initializationOptions: { cacheDir } });
    try {
      await first.indexed(2);
      const saved = first.nextLog((l) => l.startsWith('Saved index for ws: updated'));
      writeFile(root, 'corpus/report.txt', REPORT + '\nA sentence added later to the report.\n');
      await first.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'corpus/report.txt'), type: 2 }] });
      await saved;
    } finally {
      await first.stop();
    }
    const second = await TestClient.start(root, { initializationOptions: { cacheDir } });
    try {
      await second.indexed(2);
      assert.ok(second.logs.some((l) => l.startsWith('Saved index for ws: reused (2 files reused, 0 indexed)')), second.logs.join('\n'));
    } finally {
      await second.stop();
    }
  } finally {
    removeWorkspace(root);
  }
});
