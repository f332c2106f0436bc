/**
 * A large draft's first check runs in turns (issue 11, item 10): requests on
 * other documents are answered while it runs, not after it. The test asserts
 * the order of events (hovers answered before the large draft's diagnostics
 * are published), never a number of milliseconds; the waits it sees are
 * printed for the record.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace } from '../lsp/harness.js';
import { LINCOLN, REPORT } from '../fixtures/smallCorpus.js';

const QUOTATIONS = Number(process.env['VERBATIM_LARGE_DRAFT_QUOTES'] ?? 3000);
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

test(`hovers on another draft are answered while a draft with ${QUOTATIONS} quotations is first checked`, async () => {
  const small = uriOf(root, 'small.md');
  const smallText = 'He said “we cannot escape history” [@lincoln].\n';
  await client.open(small, smallText);
  const large = uriOf(root, 'large.md');
  const largeText = Array.from({ length: QUOTATIONS }, (_, i) => `She said “the army moved ${i} soldiers to the border” [@report].`).join('\n\n') + '\n';
  let published = false;
  const diagnostics = client.nextDiagnostics(large).then((d) => { published = true; return d; });
  const opened = performance.now();
  await client.openQuietly(large, largeText);
  const waits: number[] = [];
  let answeredBefore = 0;
  while (!published) {
    const sent = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri: small }, position: positionOf(smallText, 'escape', 1) });
    waits.push(performance.now() - sent);
    if (!published) answeredBefore++;
  }
  const found = await diagnostics;
  const took = performance.now() - opened;
  assert.equal(found.length, QUOTATIONS - 1, 'every misquote but the one verbatim (300 soldiers) is reported');
  console.log(`# first check of ${QUOTATIONS} quotations: ${took.toFixed(0)} ms; ${answeredBefore} hovers answered meanwhile; ` +
    `hover waits: median ${median(waits).toFixed(1)} ms, max ${Math.max(...waits).toFixed(1)} ms`);
  assert.ok(answeredBefore >= 3, `only ${answeredBefore} hovers were answered during the check (${took.toFixed(0)} ms)`);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
