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
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT, 'small.md': SMALL });
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
