import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWorkspace, TestClient, uriOf, writeWorkspace } from './harness.js';
import { LINCOLN, REPORT } from './fixtures.js';

// A draft whose first check takes many of the server's turns: 3,000 different quotations, each a changed number.
// Its last line holds an unknown key and a verbatim quotation.
const QUOTES = Array.from({ length: 3000 }, (_, i) => `Line ${i}: “the army moved ${i + 1000} soldiers to the border” [@report].\n`).join('');
const LAST = 'Last: “we cannot escape history” [@lincoln], and see [@lincon].\n';
const BIG = QUOTES + LAST;

interface Hover { contents: { value: string } }

let root: string;
let client: TestClient;

before(async () => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT });
  client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  await client.indexed(2);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

const hover = (uri: string, line: number, character: number) =>
  client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });

/** Fix All: made from the server's own diagnostics for this version, so it takes the check's turns to the end. */
const fixAll = (uri: string) => client.request<{ title: string }[]>('textDocument/codeAction', {
  textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.verbatim'] },
});

test('a hover on a draft whose check is running is answered before that check publishes, with the verdict it publishes', async () => {
  const big = uriOf(root, 'big.md');
  const order: string[] = [];
  const diagnosed = client.nextDiagnostics(big).then((d) => { order.push('diagnostics'); return d; });
  await client.openQuietly(big, BIG);
  // Sent right after the draft is opened, behind a request that waits for the whole check.
  const fixes = fixAll(big).then((f) => { order.push('fix all'); return f; });
  const [mismatch, verbatim, unknown] = await Promise.all([
    hover(big, 2999, 15).then((h) => { order.push('hover'); return h; }),
    hover(big, 3000, 10),
    hover(big, 3000, 58),
  ]);
  const diagnostics = await diagnosed;
  assert.equal((await fixes).length, 1, 'one Fix All, made from the finished report');
  assert.equal(order[0], 'hover', order.join(', '));
  assert.equal(diagnostics.length, 3001, 'each changed number is a mismatch, and the key is unknown');
  assert.match(mismatch!.contents.value, /^\*\*Differs from the source\*\* @report/);
  assert.match(mismatch!.contents.value, /3999/);
  assert.match(verbatim!.contents.value, /^\*\*Verbatim\*\* in @lincoln/);
  // What it cannot know yet it does not make up: the unknown key's suggestions come with the check.
  assert.match(unknown!.contents.value, /^\*\*Unknown source\*\* @lincon/);
  assert.match(unknown!.contents.value, /Suggestions come once the draft is checked/);
  // Once checked, the same hovers read the finished report: the same verdicts, and now the suggestion.
  assert.equal((await hover(big, 2999, 15))!.contents.value, mismatch!.contents.value);
  assert.equal((await hover(big, 3000, 10))!.contents.value, verbatim!.contents.value);
  assert.match((await hover(big, 3000, 58))!.contents.value, /Did you mean @lincoln\?/);
});

test('go to definition and document links on a draft being checked are answered before it publishes; code actions come from its finished report', async () => {
  const big = uriOf(root, 'big-too.md');
  const order: string[] = [];
  const diagnosed = client.nextDiagnostics(big).then((d) => { order.push('diagnostics'); return d; });
  await client.openQuietly(big, BIG.replace(/army/g, 'navy'));
  const actions = fixAll(big).then((f) => { order.push('fix all'); return f; });
  const definition = client.request<{ uri: string }[] | { uri: string } | null>('textDocument/definition', { textDocument: { uri: big }, position: { line: 3000, character: 10 } })
    .then((d) => { order.push('definition'); return d; });
  const links = client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: big } }).then((l) => { order.push('links'); return l; });
  const [found, linked, fixes, diagnostics] = await Promise.all([definition, links, actions, diagnosed]);
  assert.deepEqual(order.slice(0, 2).sort(), ['definition', 'links'], order.join(', '));
  const location = Array.isArray(found) ? found[0] : found;
  assert.match(location!.uri, /lincoln\.md$/);
  assert.equal(linked.length, 3001, 'a link per citation of a known key');
  assert.equal(diagnostics.length, 3001);
  assert.equal(fixes.length, 1, 'one Fix All, made from the finished report');
});
