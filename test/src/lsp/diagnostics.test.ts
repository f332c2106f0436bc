import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeFile, writeWorkspace, type Diagnostic } from './harness.js';
import { DRAFT, HARBOR, LINCOLN, rangeOf, REPORT } from './fixtures.js';

let root: string;
let client: TestClient;
let uri: string;

before(async () => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT, 'draft.md': DRAFT, 'notes/other.md': 'As “the army moved 300 soldiers to the border” [@report] shows.\n' });
  client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  await client.indexed(2);
  uri = uriOf(root, 'draft.md');
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);

test('publishes one diagnostic per problem with the CLI’s codes, ranges, severities and data', async () => {
  const diagnostics = await client.open(uri, DRAFT);
  assert.deepEqual(diagnostics.map(({ message: _m, ...rest }) => rest), [
    {
      range: rangeOf(DRAFT, '“the army moved 500 soldiers to the border”'),
      severity: 2,
      code: 'quote-mismatch',
      source: 'verbatim',
      data: { sourceKey: 'report', sourceText: 'the army moved 300 soldiers to the border', range: rangeOf(REPORT, 'the army moved 300 soldiers to the border') },
    },
    {
      range: rangeOf(DRAFT, '“The fiery trial through which we pass”'),
      severity: 2,
      code: 'quote-misattributed',
      source: 'verbatim',
      data: { sourceKey: 'lincoln', sourceText: 'The fiery trial through which we pass', range: rangeOf(LINCOLN, 'The fiery trial through which we pass') },
    },
    {
      range: rangeOf(DRAFT, '“The decision was not taken lightly”'),
      severity: 3,
      code: 'uncited-quote',
      source: 'verbatim',
      data: { sourceKey: 'report', sourceText: 'The decision was not taken lightly', range: rangeOf(REPORT, 'The decision was not taken lightly') },
    },
    {
      range: rangeOf(DRAFT, '“nothing of the kind was ever written anywhere”'),
      severity: 2,
      code: 'quote-not-found',
      source: 'verbatim',
      data: {},
    },
    {
      range: rangeOf(DRAFT, 'lincon'),
      severity: 1,
      code: 'unknown-source',
      source: 'verbatim',
      data: { suggestions: ['lincoln'] },
    },
  ]);
  for (const d of diagnostics) assert.match(d.message, /\S/);
});

test('re-checks after an edit: a corrected number clears its mismatch', async () => {
  const fixed = DRAFT.replace('500 soldiers', '300 soldiers');
  const diagnostics = await client.change(uri, fixed);
  assert.deepEqual(brief(diagnostics), ['quote-misattributed@4:13', 'uncited-quote@6:0', 'quote-not-found@8:8', 'unknown-source@9:11']);
});

test('a burst of edits is checked once, for the newest version', async () => {
  const published: number[] = [];
  const listener = client.nextDiagnostics(uri, (p) => { published.push(p.version ?? -1); return false; });
  void listener;
  const first = await client.changeQuietly(uri, DRAFT.replace('500', '400'));
  await client.changeQuietly(uri, DRAFT.replace('500', '450'));
  const last = await client.change(uri, DRAFT);
  assert.equal(last.length, 5);
  assert.deepEqual(published, [first + 2]);
});

test('re-checks open drafts when a corpus file is added', async () => {
  const text = 'News: “The harbor reopened on Monday after the storm” [@harbor].\n';
  const harborUri = uriOf(root, 'harbor-draft.md');
  assert.deepEqual(brief(await client.open(harborUri, text)), ['quote-not-found@0:6', 'unknown-source@0:56']);
  const next = client.nextDiagnostics(harborUri);
  writeFile(root, 'corpus/harbor.txt', HARBOR);
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'corpus/harbor.txt'), type: 1 }] });
  assert.deepEqual(await next, []);
});

test('re-checks open drafts when a corpus file changes', async () => {
  const harborUri = uriOf(root, 'harbor-draft.md');
  const next = client.nextDiagnostics(harborUri);
  writeFile(root, 'corpus/harbor.txt', HARBOR.replace('on Monday', 'on Sunday'));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'corpus/harbor.txt'), type: 2 }] });
  const diagnostics = await next;
  assert.deepEqual(brief(diagnostics), ['quote-mismatch@0:6']);
  assert.deepEqual(diagnostics[0]!.data, {
    sourceKey: 'harbor',
    sourceText: 'The harbor reopened on Sunday after the storm',
    range: rangeOf(HARBOR, 'The harbor reopened on Monday after the storm'),
  });
});

test('re-checks open drafts when a corpus file is deleted', async () => {
  const harborUri = uriOf(root, 'harbor-draft.md');
  const next = client.nextDiagnostics(harborUri);
  removeWorkspace(`${root}/corpus/harbor.txt`);
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'corpus/harbor.txt'), type: 3 }] });
  assert.deepEqual(brief(await next), ['quote-not-found@0:6', 'unknown-source@0:56']);
});

test('registers a watcher for the corpus folder with the client', () => {
  const watched = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.deepEqual(watched?.registerOptions, { watchers: [{ globPattern: `${root}/corpus/**/*`, kind: 7 }] });
});

test('reports indexing progress as files done of total', () => {
  const values = client.progress.map((p) => (p as { value: { kind: string; message?: string } }).value);
  assert.equal(values[0]!.kind, 'begin');
  assert.ok(values.some((v) => v.kind === 'report' && v.message === '2 of 2 files'));
  assert.equal(values.at(-1)!.kind, 'end');
});

test('checks every draft in the workspace on command, including drafts not open', async () => {
  const otherUri = uriOf(root, 'notes/other.md');
  const other = client.nextDiagnostics(otherUri);
  const result = await client.request('workspace/executeCommand', { command: 'verbatim.checkAllDrafts', arguments: [] });
  assert.deepEqual(await other, []);
  assert.deepEqual(result, { drafts: 2, problems: 5 });
});

test('rebuilds the index on command and re-checks open drafts', async () => {
  const rechecked = client.nextDiagnostics(uri);
  const result = await client.request('workspace/executeCommand', { command: 'verbatim.rebuildIndex', arguments: [] });
  assert.deepEqual(result, { sources: 2 });
  assert.equal((await rechecked).length, 5);
});

test('clears diagnostics when a draft is closed', async () => {
  const next = client.nextDiagnostics(uri);
  await client.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await next, []);
});

test('requests cancelled before they run leave the next diagnostics whole', async () => {
  // VS Code cancels hovers, code actions and links as the cursor moves; on a busy
  // server the cancellation arrives before the request runs. Such a request checks
  // nothing to the end, and what it skipped must not stand in for the draft's check.
  const cancelUri = uriOf(root, 'cancelled.md');
  const whole = brief(await client.open(cancelUri, DRAFT));
  assert.equal(whole.length, 5);
  const next = client.nextDiagnostics(cancelUri, (p) => p.version === 2);
  const at = { textDocument: { uri: cancelUri }, position: { line: 3, character: 20 } };
  client.sendRaw([
    { method: 'textDocument/didChange', params: { textDocument: { uri: cancelUri, version: 2 }, contentChanges: [{ text: `${DRAFT}\nOne more line.\n` }] } },
    { id: 'cancelled-hover', method: 'textDocument/hover', params: at },
    { method: '$/cancelRequest', params: { id: 'cancelled-hover' } },
    { id: 'cancelled-actions', method: 'textDocument/codeAction', params: { ...at, range: { start: at.position, end: at.position }, context: { diagnostics: [] } } },
    { method: '$/cancelRequest', params: { id: 'cancelled-actions' } },
  ]);
  assert.deepEqual(brief(await next), whole);
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', at);
  assert.match(hover?.contents.value ?? '', /300/);
  await client.notify('textDocument/didClose', { textDocument: { uri: cancelUri } });
});
