import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeWorkspace } from './harness.js';
import { HARBOR, LINCOLN, REPORT } from './fixtures.js';

test('each workspace folder has its own corpus and settings', async () => {
  const root = writeWorkspace({
    'book/corpus/lincoln.md': LINCOLN,
    'news/sources/report.txt': REPORT,
    'news/sources/harbor.txt': HARBOR,
  });
  const client = await TestClient.start(root, {
    folders: ['book', 'news'],
    configuration: (item) => (item.scopeUri?.endsWith('/news') ? { corpus: ['sources'], severity: { 'unknown-source': 'warning' } } : null),
  });
  try {
    await client.indexed(3);
    const text = 'He said “we cannot escape history” [@lincoln] and “the army moved 300 soldiers to the border” [@report].\n';
    const book = await client.open(uriOf(root, 'book/ch1.md'), text);
    // The book's corpus has no `report`; the news folder has no `lincoln` and reports unknown keys as warnings.
    assert.deepEqual(book.map((d) => [d.code, d.severity, d.range.start.character]),
      [['quote-not-found', 2, text.indexOf('“the army')], ['unknown-source', 1, text.indexOf('report]')]]);
    const news = await client.open(uriOf(root, 'news/story.md'), text);
    assert.deepEqual(news.map((d) => [d.code, d.severity, d.range.start.character]),
      [['quote-not-found', 2, text.indexOf('“we')], ['unknown-source', 2, text.indexOf('lincoln]')]]);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('a workspace folder added later gets its own index; a removed one hands its drafts to the rest', async () => {
  const root = writeWorkspace({ 'book/corpus/lincoln.md': LINCOLN, 'news/corpus/report.txt': REPORT });
  const client = await TestClient.start(root, { folders: ['book'] });
  try {
    await client.indexed(1);
    const added = client.nextStatus((s) => s.indexing === null && s.sources === 2);
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(root, 'news'), name: 'news' }], removed: [] } });
    await added;
    const text = 'As “the army moved 300 soldiers to the border” [@report].\n';
    assert.deepEqual(await client.open(uriOf(root, 'news/story.md'), text), []);
    const rechecked = client.nextDiagnostics(uriOf(root, 'news/story.md'));
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(root, 'news'), name: 'news' }] } });
    assert.deepEqual((await rechecked).map((d) => d.code), ['quote-not-found', 'unknown-source']);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});
