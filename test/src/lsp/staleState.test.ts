/**
 * Regression tests for state the server kept too long, each found by the
 * differential stress test (`differential.test.ts`) and cut down by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeWorkspace, TestClient, uriOf, writeFile, writeWorkspace, type Diagnostic } from './harness.js';
import { DRAFT, LINCOLN, REPORT } from './fixtures.js';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

test('a settings change re-checks open drafts with the new minimum quote length and severities', async () => {
  const root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  let settings: object = { minQuoteWords: 4 };
  const client = await TestClient.start(root, { configuration: () => settings });
  try {
    await client.indexed(2);
    const uri = uriOf(root, 'draft.md');
    assert.deepEqual(codes(await client.open(uri, DRAFT)), ['quote-mismatch', 'quote-misattributed', 'uncited-quote', 'quote-not-found', 'unknown-source']);
    // The draft is not edited: only the settings say that quotes under 7 words are not checked, and mismatches are not shown.
    settings = { minQuoteWords: 7, severity: { 'quote-mismatch': 'off' } };
    const rechecked = client.nextDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codes(await rechecked), ['quote-misattributed', 'quote-not-found', 'unknown-source']);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 25 } });
    assert.equal(hover, null);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('a key two corpus files share goes to the first by path, whatever order they changed in', async () => {
  // As a full index does: `report.md` sorts before `report.txt`, so it holds @report while both exist.
  const REPORT_400 = REPORT.replace('300', '400');
  const root = writeWorkspace({ 'corpus/report.md': REPORT_400, 'corpus/report.txt': REPORT });
  const client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  const watched = async (path: string, type: number) => {
    const next = client.nextDiagnostics(uri);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, path), type }] });
    return codes(await next);
  };
  const uri = uriOf(root, 'draft.md');
  try {
    await client.indexed(1);
    assert.deepEqual(codes(await client.open(uri, 'The report says “the army moved 400 soldiers to the border” [@report].\n')), []);
    // report.md goes: report.txt (300 soldiers) takes @report over.
    rmSync(join(root, 'corpus/report.md'));
    assert.deepEqual(await watched('corpus/report.md', 3), ['quote-mismatch']);
    // report.md comes back: it sorts first, so it holds @report again.
    writeFile(root, 'corpus/report.md', REPORT_400);
    assert.deepEqual(await watched('corpus/report.md', 1), []);
    // report.txt changes: it still loses to report.md.
    writeFile(root, 'corpus/report.txt', REPORT.replace('300', '500'));
    assert.deepEqual(await watched('corpus/report.txt', 2), []);
    // report.md gives itself another key: @report passes to report.txt (500 soldiers), the 400 are in @other.
    // The cited source holds a close passage, so it is a misquote of it (naming @other, which has the exact words).
    writeFile(root, 'corpus/report.md', `---\nid: other\n---\n${REPORT_400}`);
    assert.deepEqual(await watched('corpus/report.md', 2), ['quote-mismatch']);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 62 } });
    assert.match(hover?.contents.value ?? '', /report\.txt/);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});
