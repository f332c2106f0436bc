/**
 * A code action is computed from the server's own report for the document's
 * current version: a client that sends an old diagnostic (its range now over
 * another quotation, its data forged) gets no edit of that quotation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeWorkspace, type Diagnostic } from '../lsp/harness.js';
import { LINCOLN, REPORT } from '../fixtures/smallCorpus.js';

let root: string;
let client: TestClient;

before(async () => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  client = await TestClient.start(root);
  await client.indexed(2);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

interface CodeAction { title: string; edit?: { changes: Record<string, { range: unknown; newText: string }[]> } }

test('a quick fix for a stale diagnostic edits nothing; one for the current diagnostic edits its own quotation', async () => {
  const uri = uriOf(root, 'draft.md');
  const misquote = 'The report: “the army moved 500 soldiers to the border” [@report].';
  const [old] = await client.open(uri, misquote + '\n');
  assert.equal(old?.code, 'quote-mismatch');
  const pasted = `Lincoln: “we cannot escape history, we of this Congress” [@lincoln].\n\n${misquote}\n`;
  const now = await client.change(uri, pasted);
  const forged: Diagnostic = { ...old!, data: { ...(old!.data as object), sourceText: 'INJECTED TEXT' } };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: old!.range, context: { diagnostics: [forged] } });
  const texts = actions.flatMap((a) => Object.values(a.edit?.changes ?? {}).flat().map((e) => e.newText));
  assert.ok(!texts.includes('INJECTED TEXT'), `edits: ${JSON.stringify(texts)}`);
  assert.ok(actions.every((a) => !a.title.startsWith('Replace with')), `actions: ${actions.map((a) => a.title).join('; ')}`);

  const current = now.find((d) => d.code === 'quote-mismatch')!;
  const fixes = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: current.range, context: { diagnostics: [{ ...current, data: { sourceText: 'INJECTED TEXT' } }] } });
  const replace = fixes.find((a) => a.title.startsWith('Replace with'))!;
  assert.deepEqual(Object.values(replace.edit!.changes).flat().map((e) => e.newText), ['the army moved 300 soldiers to the border']);
});
