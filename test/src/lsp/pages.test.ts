import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { positionOf, removeWorkspace, TestClient, uriOf, writeWorkspace, type Diagnostic, type Range } from './harness.js';
import { LINCOLN, rangeOf } from './fixtures.js';

const PAGED_SERVER = fileURLToPath(new URL('./pagedServer.js', import.meta.url));

const DRAFT = `# Harbor

The report says “the harbor master ordered the dredging of the northern channel” [see @annual, p. 2, emphasis added].
It adds “Nobody expected the tides to turn against the engineers” [@annual, pp. 2–3].
At dawn “the sea lay flat and silver” [@novel, ch. 1].
`;

interface TextEdit { range: Range; newText: string }
interface CodeAction { title: string; edit: { changes: Record<string, TextEdit[]> } }
interface Location { uri: string; range: Range }
interface SourceText { key: string; title: string; uri: string; text: string; map: { source: number; text: number }[] }

let root: string;

before(() => {
  root = writeWorkspace({ 'corpus/lincoln.md': LINCOLN, 'draft.md': DRAFT });
});

after(() => removeWorkspace(root));

async function started(initializationOptions?: unknown): Promise<{ client: TestClient; uri: string; diagnostics: Diagnostic[] }> {
  const client = await TestClient.start(root, { server: PAGED_SERVER, initializationOptions });
  await client.indexed(3);
  const uri = uriOf(root, 'draft.md');
  return { client, uri, diagnostics: await client.open(uri, DRAFT) };
}

test('publishes locator-mismatch with its data, and fixes exactly the locator', async () => {
  const { client, uri, diagnostics } = await started();
  try {
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.message]), [
      ['locator-mismatch', 2, 'The quotation is on p. 1 of @annual, not p. 2.'],
      ['locator-mismatch', 2, 'The quotation is in ch. 2 of @novel, not ch. 1.'],
    ]);
    const [page] = diagnostics;
    assert.deepEqual(page!.range, rangeOf(DRAFT, '“the harbor master ordered the dredging of the northern channel”'));
    const data = page!.data as { sourceKey: string; page: unknown; citedLocator: string };
    assert.equal(data.sourceKey, 'annual');
    assert.deepEqual(data.page, { kind: 'page', index: 3, label: '1' });
    assert.equal(data.citedLocator, 'p. 2');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: page!.range, context: { diagnostics: [page] } });
    assert.deepEqual(actions.map((a) => [a.title, a.edit.changes[uri]]), [
      ['Change to p. 1', [{ range: rangeOf(DRAFT, 'p. 2'), newText: 'p. 1' }]],
    ]);
    // The draft changed under the diagnostic (its quotation moved, its locator is another): no edit.
    const changed = `Intro.\n${DRAFT.replace('p. 2,', 'p. 7,')}`;
    await client.change(uri, changed);
    const stale = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: page!.range, context: { diagnostics: [page] } });
    assert.deepEqual(stale.filter((a) => a.title.startsWith('Change to p.')), []);

    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(changed, 'harbor master') });
    assert.match(hover.contents.value, /\n\nPage: p\. 1, PDF page 3\n/);
  } finally {
    await client.stop();
  }
});

test('without a source scheme, Go to Definition writes the readable text to the cache folder and lands on the passage', async () => {
  const cacheDir = `${root}/.cache`;
  const { client, uri } = await started({ cacheDir });
  try {
    const onQuote = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(DRAFT, 'Nobody') });
    assert.ok(onQuote.uri.startsWith('file:'), onQuote.uri);
    const path = fileURLToPath(onQuote.uri);
    assert.equal(path, `${cacheDir}/sources/annual.pdf.txt`);
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.equal(lines[onQuote.range.start.line]!.slice(onQuote.range.start.character), 'Nobody expected the tides to ');
    assert.equal(lines[onQuote.range.start.line + 1], '── p. 3 (PDF page 5) ──');
    assert.equal(lines[onQuote.range.end.line]!.slice(0, onQuote.range.end.character), 'turn against the engineers');

    const onKey = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(DRAFT, '@novel', 2) });
    assert.equal(fileURLToPath(onKey.uri), `${cacheDir}/sources/novel.epub.txt`);
    assert.deepEqual(onKey.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(readFileSync(fileURLToPath(onKey.uri), 'utf8').split('\n')[0], '── Prologue ──');

    // A text source still opens as itself.
    const text = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(DRAFT, '# Harbor') });
    assert.equal(text, null);
  } finally {
    await client.stop();
  }
});

test('without a cache folder the readable text goes to a temporary folder, removed when the server stops', async () => {
  const { client, uri } = await started();
  const found = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(DRAFT, 'harbor master') });
  const path = fileURLToPath(found.uri);
  assert.match(path, /verbatim-sources-[^/]+\/sources\/annual\.pdf\.txt$/);
  assert.ok(existsSync(path));
  await client.stop();
  assert.equal(existsSync(path), false);
});

test('a client with a source scheme gets virtual locations and asks for the text with verbatim/sourceText', async () => {
  const { client, uri } = await started({ sourceTextScheme: 'verbatim-source' });
  try {
    const found = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(DRAFT, 'harbor master') });
    assert.equal(found.uri, 'verbatim-source:/annual.pdf.txt?annual');
    const source = await client.request<SourceText>('verbatim/sourceText', { key: 'annual', uri });
    assert.equal(source.key, 'annual');
    assert.equal(source.uri, uriOf(root, 'corpus/annual.pdf'));
    const lines = source.text.split('\n');
    assert.equal(lines[found.range.start.line - 2], '── p. 1 (PDF page 3) ──');
    assert.equal(lines[found.range.start.line]!.slice(found.range.start.character, found.range.end.character),
      'the harbor master ordered the dredging of the northern channel');
    assert.deepEqual(source.map[0], { source: 0, text: 0 });
    assert.equal(await client.request('verbatim/sourceText', { key: 'nobody' }), null);
    // Text sources are served too (a client may ask for any key).
    const plain = await client.request<Location | null>('verbatim/sourceText', { key: 'lincoln' });
    assert.ok(plain);
  } finally {
    await client.stop();
  }
});

test('keys, symbols, references and verbatim/sources lead to the readable text of sources that are not text files', async () => {
  const { client, uri } = await started({ sourceTextScheme: 'verbatim-source' });
  try {
    const links = await client.request<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => l.target), ['verbatim-source:/annual.pdf.txt?annual', 'verbatim-source:/annual.pdf.txt?annual', 'verbatim-source:/novel.epub.txt?novel']);
    const symbols = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: '' });
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri]), [
      ['annual', 'verbatim-source:/annual.pdf.txt?annual'], ['lincoln', uriOf(root, 'corpus/lincoln.md')], ['novel', 'verbatim-source:/novel.epub.txt?novel'],
    ]);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(DRAFT, '@novel', 2), context: { includeDeclaration: true } });
    assert.equal(references[0]!.uri, 'verbatim-source:/novel.epub.txt?novel');
    // Insert Quote from Sources writes the locator the search gives.
    const passages = await client.request<{ key: string; text: string; locator?: string }[]>('verbatim/searchPassages', { query: 'northern channel dredging', uri });
    const found = passages.find((p) => p.key === 'annual');
    assert.deepEqual(found && [found.text, found.locator], ['In the spring the harbor master ordered the dredging of the northern channel at once.', 'p. 1']);
    assert.equal(passages.find((p) => p.key === 'lincoln')?.locator, undefined);
    const sources = await client.request<{ items: { key: string; uri: string; textUri?: string }[] }>('verbatim/sources', { uri });
    assert.deepEqual(sources.items.map((s) => [s.key, s.textUri]), [
      ['annual', 'verbatim-source:/annual.pdf.txt?annual'], ['lincoln', undefined], ['novel', 'verbatim-source:/novel.epub.txt?novel'],
    ]);
  } finally {
    await client.stop();
  }
});
