/**
 * Regression tests for state the server kept too long, each found by the
 * differential stress test (`differential.test.ts`) and cut down by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeWorkspace, type Diagnostic } from './harness.js';
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
