import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace, type Diagnostic, type Range } from './harness.js';
import { DRAFT, LINCOLN, rangeOf, REPORT } from './fixtures.js';

let root: string;
let client: TestClient;
let uri: string;
let diagnostics: Diagnostic[];

const OTHER = 'Elsewhere: “we cannot escape history” [@lincoln; @report].\n';

before(async () => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'corpus/report.txt': REPORT, 'draft.md': DRAFT, 'chapters/two.md': OTHER });
  client = await TestClient.start(root);
  await client.indexed(2);
  uri = uriOf(root, 'draft.md');
  diagnostics = await client.open(uri, DRAFT);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

interface Hover { contents: { kind: string; value: string }; range: Range }
interface TextEdit { range: Range; newText: string }
interface CodeAction { title: string; kind: string; isPreferred?: boolean; diagnostics?: Diagnostic[]; edit: { changes: Record<string, TextEdit[]> } }
interface CompletionItem { label: string; detail?: string; documentation?: { value: string }; textEdit: TextEdit }

const at = (marker: string, delta = 0) => ({ textDocument: { uri }, position: positionOf(DRAFT, marker, delta) });
const diagnostic = (code: string) => diagnostics.find((d) => d.code === code)!;
const actionsFor = (d: Diagnostic) => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });

test('hover on a key shows the source’s title, author, date, URL, file and how often the draft quotes it', async () => {
  const hover = await client.request<Hover>('textDocument/hover', at('@lincoln', 2));
  assert.deepEqual(hover, {
    contents: {
      kind: 'markdown',
      value: '**Annual Message to Congress**\n\nAuthor: Abraham Lincoln  \nDate: 1862-12-01  \nURL: <https://example.com/lincoln>  \n' +
        'File: corpus/lincoln.md  \nQuoted 2 times in this draft',
    },
    range: rangeOf(DRAFT, '@lincoln'),
  });
});

test('hover on a misquote compares word by word and shows the passage in its sentence', async () => {
  const hover = await client.request<Hover>('textDocument/hover', at('500'));
  assert.equal(hover.contents.value,
    '**Differs from the source** @report (Troop Levels Rise in the North)\n\n' +
    'Your quote: the army moved ~~500~~ **300** soldiers to the border\n\n' +
    '> Officials said **the army moved 300 soldiers to the border** on Tuesday.');
  assert.deepEqual(hover.range, rangeOf(DRAFT, '“the army moved 500 soldiers to the border”'));
});

test('hover on a verbatim quote names its source and shows the passage', async () => {
  const hover = await client.request<Hover>('textDocument/hover', at('cannot escape'));
  assert.equal(hover.contents.value,
    '**Verbatim** in @lincoln (Annual Message to Congress)\n\n> Fellow-citizens, **we cannot escape history**.');
});

test('hover on an unknown key offers the keys it may have meant', async () => {
  const hover = await client.request<Hover>('textDocument/hover', at('@lincon', 3));
  assert.equal(hover.contents.value, '**Unknown source** @lincon: no corpus file has this key.\n\nDid you mean @lincoln?');
});

test('completes every source key after “[@”, with title, author and date as detail', async () => {
  const text = `${DRAFT}\nMore in [@`;
  await client.change(uri, text);
  const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'More in [@', 10) });
  assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [
    ['lincoln', 'Annual Message to Congress — Abraham Lincoln, 1862-12-01'],
    ['report', 'Troop Levels Rise in the North'],
  ]);
  // The documentation is the opening of the text, without the title line it would repeat.
  assert.match(list.items[0]!.documentation!.value, /^Fellow-citizens, we cannot escape history\. We of this Congress/);
  assert.match(list.items[1]!.documentation!.value, /^Officials said the army moved 300 soldiers/);
});

test('ranks keys by what is typed, fuzzily on key and title', async () => {
  const text = `${DRAFT}\nMore in [see @troop`;
  await client.change(uri, text);
  const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '@troop', 6) });
  assert.equal(list.items[0]!.label, 'report');
  assert.deepEqual(list.items[0]!.textEdit, { range: rangeOf(text, 'troop', 'More in'), newText: 'report' });
});

test('completes an open quotation with the source’s wording, closing mark and citation', async () => {
  const text = `${DRAFT}\nThey wrote “officials said the army`;
  await client.change(uri, text);
  const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'the army', 8 + text.lastIndexOf('the army') - text.indexOf('the army')) });
  const first = list.items[0]!;
  assert.equal(first.detail, 'report — Troop Levels Rise in the North');
  assert.deepEqual(first.textEdit, {
    range: rangeOf(text, 'officials said the army', 'They wrote'),
    newText: 'Officials said the army moved 300 soldiers to the border on Tuesday” [@report]',
  });
  await client.change(uri, DRAFT);
});

test('the preferred fix for a misquote replaces its words with the source’s', async () => {
  const [fix] = await actionsFor(diagnostic('quote-mismatch'));
  assert.equal(fix!.kind, 'quickfix');
  assert.equal(fix!.isPreferred, true);
  assert.deepEqual(fix!.edit.changes[uri], [{ range: rangeOf(DRAFT, 'the army moved 500 soldiers to the border'), newText: 'the army moved 300 soldiers to the border' }]);
});

test('a misattributed quote can cite the source that holds it', async () => {
  const [fix] = await actionsFor(diagnostic('quote-misattributed'));
  assert.equal(fix!.title, 'Cite @lincoln instead of @report');
  assert.deepEqual(fix!.edit.changes[uri], [{ range: rangeOf(DRAFT, 'report', 'Someone said'), newText: 'lincoln' }]);
});

test('an uncited quote can get its citation', async () => {
  const [fix] = await actionsFor(diagnostic('uncited-quote'));
  assert.equal(fix!.title, 'Cite @report');
  const end = rangeOf(DRAFT, '“The decision was not taken lightly”').end;
  assert.deepEqual(fix!.edit.changes[uri], [{ range: { start: end, end }, newText: ' [@report]' }]);
});

test('an unknown key offers each “did you mean” key', async () => {
  const fixes = await actionsFor(diagnostic('unknown-source'));
  assert.deepEqual(fixes.filter((f) => f.kind === 'quickfix').map((f) => [f.title, f.edit.changes[uri]]), [
    ['Change to @lincoln', [{ range: rangeOf(DRAFT, 'lincon'), newText: 'lincoln' }]],
  ]);
});

test('fix all applies the safe fixes only: misquotes, uncited quotes, single-candidate keys', async () => {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(DRAFT, '# Draft'), context: { diagnostics: [], only: ['source.fixAll'] } });
  assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.verbatim']);
  const end = rangeOf(DRAFT, '“The decision was not taken lightly”').end;
  assert.deepEqual(actions[0]!.edit.changes[uri], [
    { range: rangeOf(DRAFT, 'the army moved 500 soldiers to the border'), newText: 'the army moved 300 soldiers to the border' },
    { range: { start: end, end }, newText: ' [@report]' },
    { range: rangeOf(DRAFT, 'lincon'), newText: 'lincoln' },
  ]);
});

test('definition on a key goes to the start of its source file; on a quote, to the passage', async () => {
  assert.deepEqual(await client.request('textDocument/definition', at('@report', 2)), {
    uri: uriOf(root, 'corpus/report.txt'),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
  assert.deepEqual(await client.request('textDocument/definition', at('fiery trial')), {
    uri: uriOf(root, 'corpus/lincoln.md'),
    range: rangeOf(LINCOLN, 'The fiery trial through which we pass'),
  });
});

test('references on a key list its citations across the workspace’s drafts', async () => {
  const refs = await client.request('textDocument/references', { ...at('@lincoln', 2), context: { includeDeclaration: false } });
  assert.deepEqual(refs, [
    { uri: uriOf(root, 'chapters/two.md'), range: rangeOf(OTHER, '@lincoln') },
    { uri, range: rangeOf(DRAFT, '@lincoln') },
    { uri, range: rangeOf(DRAFT, '@lincoln', 'He said') },
  ]);
});

test('links each known key to its source file', async () => {
  const links = await client.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(links.map((l) => [l.range, l.target]), [
    [rangeOf(DRAFT, 'lincoln'), uriOf(root, 'corpus/lincoln.md')],
    [rangeOf(DRAFT, 'report', '[@report]'), uriOf(root, 'corpus/report.txt')],
    [rangeOf(DRAFT, 'report', 'Someone'), uriOf(root, 'corpus/report.txt')],
    [rangeOf(DRAFT, 'lincoln', 'He said'), uriOf(root, 'corpus/lincoln.md')],
  ]);
});

test('workspace symbols find sources by key and by title', async () => {
  const byTitle = await client.request<{ name: string; containerName: string }[]>('workspace/symbol', { query: 'troop' });
  assert.deepEqual(byTitle.map((s) => [s.name, s.containerName]), [['report', 'Troop Levels Rise in the North']]);
  const byKey = await client.request<{ name: string }[]>('workspace/symbol', { query: 'linc' });
  assert.deepEqual(byKey.map((s) => s.name), ['lincoln']);
});

test('searches passages for the Insert Quote picker', async () => {
  const found = await client.request<{ key: string; text: string; uri: string }[]>('verbatim/searchPassages', { query: 'fiery trial', uri });
  assert.equal(found[0]!.key, 'lincoln');
  assert.match(found[0]!.text, /The fiery trial/);
  assert.equal(found[0]!.uri, uriOf(root, 'corpus/lincoln.md'));
});

test('lists sources for the Open Source picker', async () => {
  assert.deepEqual(await client.request('verbatim/sources', { uri }), {
    items: [
      { key: 'lincoln', title: 'Annual Message to Congress', uri: uriOf(root, 'corpus/lincoln.md') },
      { key: 'report', title: 'Troop Levels Rise in the North', uri: uriOf(root, 'corpus/report.txt') },
    ],
    total: 2,
  });
});
