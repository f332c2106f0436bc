import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeWorkspace } from './harness.js';
import { LINCOLN, REPORT } from './fixtures.js';

// A draft whose first check takes many of the server's turns: 3,000 different quotations.
const BIG = Array.from({ length: 3000 }, (_, i) => `Line ${i}: “the army moved ${i + 1000} soldiers to the border” [@report].\n`).join('');
const SMALL = 'As “we cannot escape history” [@lincoln] says.\n';

let root: string;
let client: TestClient;

before(async () => {
  // Two large drafts on disk, never opened, for Check All Drafts.
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT, 'small.md': SMALL, 'disk-a.md': BIG, 'disk-b.md': BIG });
  client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  await client.indexed(2);
  await client.open(uriOf(root, 'small.md'), SMALL);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

test('a hover on a large draft being checked does not hold up a hover on another draft sent after it', async () => {
  const big = uriOf(root, 'big.md');
  const order: string[] = [];
  const diagnosed = client.nextDiagnostics(big).then((d) => { order.push('big draft diagnostics'); return d; });
  await client.openQuietly(big, BIG);
  const hovers = [
    client.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 2999, character: 12 } }).then(() => order.push('hover on the big draft')),
    client.request('textDocument/hover', { textDocument: { uri: uriOf(root, 'small.md') }, position: { line: 0, character: 6 } }).then(() => order.push('hover on the small draft')),
  ];
  await Promise.all(hovers);
  assert.equal((await diagnosed).length, 3000, 'each changed number is a mismatch');
  // The big draft's check runs in turns, with requests let in between: the second hover is answered first.
  assert.equal(order[0], 'hover on the small draft', order.join(', '));
});

test('Check All Drafts checks each draft in turns: a hover sent while it checks the second large draft is answered first', async () => {
  const order: string[] = [];
  // The first large draft's diagnostics: the command goes on to the second one.
  const first = client.nextDiagnostics(uriOf(root, 'disk-a.md'));
  const command = client.request<{ drafts: number; problems: number }>('workspace/executeCommand', { command: 'verbatim.checkAllDrafts', arguments: [] })
    .then((result) => { order.push('all drafts checked'); return result; });
  assert.equal((await first).length, 3000);
  await client.request('textDocument/hover', { textDocument: { uri: uriOf(root, 'small.md') }, position: { line: 0, character: 6 } });
  order.push('hover on the small draft');
  const result = await command;
  assert.equal(result.drafts, 3, 'small.md and the two large drafts');
  assert.equal(result.problems, 6000);
  assert.equal(order[0], 'hover on the small draft', order.join(', '));
});

test('many hovers on a large draft being checked are answered without waiting for its check, and do not hold up a request on another draft', async () => {
  // Another large draft, so that nothing of it is checked yet.
  const big = uriOf(root, 'big-too.md');
  await client.openQuietly(big, BIG.replace(/army/g, 'navy'));
  const order: string[] = [];
  // Fix All is made from the server's own report: it takes the check's turns to the end.
  const fixAll = client.request('textDocument/codeAction', {
    textDocument: { uri: big }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.verbatim'] },
  }).then(() => order.push('fix all'));
  const onBig = Array.from({ length: 60 }, (_, i) =>
    client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: big }, position: { line: i, character: 12 } })
      .then((h) => { order.push('hover on the big draft'); return h; }));
  const onSmall = client.request('textDocument/hover', { textDocument: { uri: uriOf(root, 'small.md') }, position: { line: 0, character: 6 } })
    .then(() => order.push('hover on the small draft'));
  const [hovers] = await Promise.all([Promise.all(onBig), onSmall, fixAll]);
  // One of the 60 takes the turns of the draft's parse, the others wait for it, then each matches its own quotation.
  assert.equal(order.at(-1), 'fix all', order.slice(-3).join(', '));
  assert.ok(hovers.every((h) => /^\*\*Differs from the source\*\* @report/.test(h!.contents.value)), 'each number was changed');
});

test('a draft opened while Check All Drafts checks it from disk keeps the diagnostics of its open text', async () => {
  const disk = uriOf(root, 'disk-b.md');
  const first = client.nextDiagnostics(uriOf(root, 'disk-a.md'));
  const command = client.request('workspace/executeCommand', { command: 'verbatim.checkAllDrafts', arguments: [] });
  await first; // the command now checks disk-b.md as it is on disk: 3,000 misquotations
  // The writer opens it with an edit not saved yet: one quotation, verbatim.
  const opened = await client.open(disk, SMALL);
  assert.deepEqual(opened, []);
  await command;
  // The command's diagnostics of the text on disk came after the draft was opened: they would stay.
  const last = client.diagnostics.get(disk)!;
  assert.equal(last.version, 1, `the last diagnostics are the open draft's, not the disk's (${last.diagnostics.length})`);
  assert.deepEqual(last.diagnostics, []);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: disk } });
});
