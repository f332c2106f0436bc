import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { decodeSource } from '../../../server/out/corpus/decode.js';
import { loadSource } from '../../../server/out/corpus/loadSource.js';
import { LazySource, sourceLength, sourceSlice } from '../../../server/out/corpus/sourceText.js';
import { TextCache } from '../../../server/out/corpus/textCache.js';
import { chunkByteStart, chunkLineBreaks, decodeChunks, decodeUtf8, utf16Units } from '../../../server/out/corpus/utf8Chunks.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { sourceLines } from '../../../server/out/corpus/sourceLines.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { keyCompletions } from '../../../server/out/features/keyCompletion.js';
import { verdictsOf } from '../fixtures/verdicts.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** A body of `n` words with a two-byte letter and a three-byte curly quote on every line. */
function longBody(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i += 10) lines.push(`Line ${i} of the café’s long record, word ${i + 1} then ${i + 2} and more.`);
  return lines.join('\n');
}

async function loadBytes(path: string, bytes: Uint8Array, texts = new TextCache()) {
  const fs = memoryFileSystem({});
  fs.set(path, bytes);
  return loadSource(fs, 'corpus', path, { texts });
}

test('a UTF-8 source is described from its opening and decodes to exactly the text decodeSource gives', async () => {
  // Over 64 KB, with a multi-byte character straddling the byte where the opening is cut.
  let text = 'A Headline\n\n' + longBody(12_000);
  while (encode(text.slice(0, text.indexOf('é', 65_000))).length < 65_530) text = 'x' + text;
  const bytes = encode(text);
  const { source, warning } = await loadBytes('corpus/long.txt', bytes);
  assert.equal(warning, undefined);
  assert.ok(source instanceof LazySource);
  assert.equal(source.isDecoded, false, 'nothing decoded beyond the opening yet');
  assert.equal(source.textLength, text.length, 'its length is counted in the bytes');
  assert.equal(source.isDecoded, false);
  assert.equal(source.opening, text.slice(0, source.opening!.length));
  assert.ok(source.opening!.length >= 1200);
  assert.equal(source.text, decodeSource(bytes).text);
});

test('windows, slices and line positions of a lazy source equal those of its whole text', async () => {
  // Two-, three- and four-byte characters, \r\n and lone \r line breaks, across many 16 KB chunks.
  const parts = ['plain words', 'café', '“curly”', 'emoji 😀 here', 'CRLF\r\n', 'lone\rCR', '\n', '—dash—', 'ß'];
  let text = 'Title\n\n';
  for (let i = 0; text.length < 120_000; i++) text += parts[(i * 7) % parts.length] + (i % 3 === 0 ? '\n' : ' ');
  const lines = new LineIndex(text);
  // Once as loaded (chunk starts counted in the bytes, lines found in the bytes), once indexed (the index's chunk tables).
  for (const indexed of [false, true]) {
    const { source } = await loadBytes('corpus/mixed.txt', encode(text), new TextCache(40_000));
    assert.ok(source instanceof LazySource);
    if (indexed) new CorpusIndex([source]);
    const lazyLines = sourceLines(source);
    for (let k = 0; k < 400; k++) {
      let from = Math.floor((k * 7919) % text.length);
      if (from > 0 && text.charCodeAt(from) >= 0xdc00 && text.charCodeAt(from) <= 0xdfff) from--; // not inside a pair
      if (text[from - 1] === '\r' && text[from] === '\n') from++; // not inside a line break
      const to = Math.min(text.length, from + (k % 5) * 3000 + 17);
      assert.equal(sourceSlice(source, from, to), text.slice(from, to), `slice ${from}-${to}`);
      assert.deepEqual(lazyLines.positionAt(from), lines.positionAt(from), `position of ${from} (indexed: ${indexed})`);
    }
    assert.deepEqual(lazyLines.positionAt(text.length), lines.positionAt(text.length));
    assert.equal(source.isDecoded, true);
    assert.equal(sourceLength(source), text.length);
  }
});

test('decodeChunks gives the text decodeUtf8 gives and where each chunk starts; chunkLineBreaks the line breaks before each', () => {
  for (const line of ['line one\r\nline two\rthree “é” 😀\n', 'line “é” 😀 and ß\n\nmore\n']) {
    const text = line.repeat(3000);
    const bytes = encode(text);
    const { text: decoded, starts } = decodeChunks(bytes);
    const lines = [0];
    for (let c = 0; c < starts.length - 1; c++) lines.push(lines[c]! + chunkLineBreaks(bytes, c));
    assert.equal(decoded, decodeUtf8(bytes));
    assert.equal(starts[starts.length - 1], text.length);
    const index = new LineIndex(text);
    for (let c = 0; c < starts.length; c++) {
      assert.equal(lines[c], index.positionAt(starts[c]!).line, `chunk ${c}`);
      if (c < starts.length - 1) {
        const from = chunkByteStart(bytes, c);
        const head = decodeUtf8(bytes.subarray(from, from + 40)).slice(0, 8);
        assert.equal(text.slice(starts[c]!, starts[c]! + 8), head, `chunk ${c} starts at byte ${from}`);
      }
    }
  }
});

test('counts UTF-16 units in UTF-8 bytes at any alignment', () => {
  const text = 'a é “q” 😀 ß — z '.repeat(50);
  const bytes = encode(text);
  for (const shift of [0, 1, 2, 3]) {
    const shifted = new Uint8Array(bytes.length + shift);
    shifted.set(bytes, shift);
    const view = shifted.subarray(shift);
    assert.equal(utf16Units(view, 0, view.length), text.length, `shift ${shift}`);
    assert.equal(utf16Units(view, 0, encode(text.slice(0, 101)).length), 101);
  }
});

test('front matter longer than the opening, or a title past it, is read from the whole text', async () => {
  const fields = Array.from({ length: 4000 }, (_, i) => `field${i}: value ${i}`).join('\n');
  const md = `---\nid: big\ntitle: Far Title\n${fields}\n---\n# Heading\n\nBody text.`;
  const { source } = await loadBytes('corpus/big.md', encode(md));
  assert.equal(source?.key, 'big');
  assert.equal(source?.title, 'Far Title');
  assert.equal(source?.bodyStart, md.indexOf('# Heading'));
  assert.equal(source?.text, md);

  const blank = ' '.repeat(70_000) + 'Late Headline\n\nBody.';
  const late = await loadBytes('corpus/late.txt', encode(blank));
  assert.equal(late.source?.text, blank, 'a file that only starts with 64 KB of spaces is not empty');
});

test('decoded text beyond the budget is dropped, least recently read first, and decodes again the same', async () => {
  const texts = new TextCache(300_000);
  const a = (await loadBytes('corpus/a.txt', encode('Alpha\n\n' + 'a'.repeat(200_000)), texts)).source!;
  const b = (await loadBytes('corpus/b.txt', encode('Beta\n\n' + 'b'.repeat(200_000)), texts)).source!;
  assert.ok(a instanceof LazySource && b instanceof LazySource);
  const first = a.text;
  assert.equal(texts.bytesHeld, first.length);
  const second = b.text;
  assert.equal(a.isDecoded, false, 'a was read least recently and dropped');
  assert.equal(b.isDecoded, true);
  assert.ok(texts.bytesHeld <= 300_000);
  assert.equal(a.text, first);
  assert.equal(b.isDecoded, false);
  assert.equal(second.length, 200_006);
  a.release();
  assert.equal(texts.bytesHeld, 0);
});

test('UTF-16 and invalid UTF-8 sources are decoded at once, keeping their warning', async () => {
  const invalid = new Uint8Array([...encode('Title\n\nBad '), 0xff, ...encode(' byte here.')]);
  const loaded = await loadBytes('corpus/bad.txt', invalid);
  assert.equal(loaded.warning?.kind, 'invalid-utf8');
  assert.ok(!(loaded.source instanceof LazySource));
  assert.equal(loaded.source?.text, 'Title\n\nBad \uFFFD byte here.');
  const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Hi there', (c) => [c.charCodeAt(0), 0]).flat()]);
  assert.equal((await loadBytes('corpus/u16.txt', utf16)).source?.text, 'Hi there');
});

test('a saved-index open describes unchanged files from the saved index without decoding them', async () => {
  const texts = new TextCache();
  const files = {
    'corpus/one.md': '---\ntitle: One Title\nauthor: A. Writer\n---\nThe first source says “the river rose by 300 feet” today.',
    'corpus/two.txt': 'Two Headline\n\nThe second source has the words of its own, café and all.',
    'corpus/bad.txt': new Uint8Array([...encode('Bad Headline\n\nBroken '), 0xc3, ...encode(' bytes stay reported.')]),
  };
  const fs = memoryFileSystem(files);
  const first = await openIndex(fs, ['corpus'], { cacheDir: '.cache', texts });
  const second = await openIndex(fs, ['corpus'], { cacheDir: '.cache', texts });
  assert.equal(second.cache.status, 'reused');
  assert.deepEqual(second.warnings.map((w) => w.kind), ['invalid-utf8'], 'the bad file is still reported on a saved open');
  const one = second.index.get('one')!;
  assert.ok(one instanceof LazySource);
  assert.equal(one.isDecoded, false);
  const items = keyCompletions(second.index, { kind: 'key', prefix: '', span: { start: 0, end: 0 } }).items;
  assert.match(String(items.find((i) => i.label === 'two')?.documentation), /second source/);
  assert.equal((second.index.get('two') as LazySource).isDecoded, false, 'key completion reads the opening, not the text');
  for (const key of ['one', 'two', 'bad']) {
    const [was, now] = [first.index.get(key)!, second.index.get(key)!];
    assert.deepEqual([now.title, now.author, now.bodyStart, now.text], [was.title, was.author, was.bodyStart, was.text], key);
  }
  assert.deepEqual(verdictsOf(second.index, '“the river rose by 500 feet” [@one]'), ['mismatch @one: number “500”→“300”']);
});

test('a copy of a lazy source with another text is a plain source of that text', async () => {
  const { source } = await loadBytes('corpus/long.txt', encode('Long Headline\n\nThe whole book says the river rose by 300 feet.'));
  const piece = { ...source!, key: 'piece', path: 'corpus/long.txt#1', text: 'Only this piece says the sky was green today.', bodyStart: 0 };
  assert.equal('encoded' in piece || 'opening' in piece, false, 'nothing of the bytes is copied');
  const index = new CorpusIndex([piece]);
  assert.deepEqual(verdictsOf(index, '“this piece says the sky was green” [@piece]'), ['verbatim @piece']);
  assert.deepEqual(verdictsOf(index, '“the river rose by 300 feet” [@piece]'), ['not-found']);
});

test('an index replaced by a rebuild lets go of its sources\' decoded text', async () => {
  const texts = new TextCache();
  const fs = memoryFileSystem({ 'corpus/a.txt': 'A Headline\n\nThe first source says the river rose by 300 feet today.' });
  const { index } = await openIndex(fs, ['corpus'], { texts });
  assert.deepEqual(verdictsOf(index, '“the river rose by 300 feet” [@a]'), ['verbatim @a']);
  assert.ok(texts.bytesHeld > 0);
  index.releaseTexts();
  assert.equal(texts.bytesHeld, 0);
  assert.deepEqual(verdictsOf(index, '“the river rose by 300 feet” [@a]'), ['verbatim @a'], 'it still reads its text when asked');
});

test('line positions in a lazy source whose lines run across several chunks equal those of its whole text', async () => {
  // A speech on one line (the State of the Union files are), then lines far apart, one of them ending in a lone \r.
  const text = `${'word and café '.repeat(6000)}\n${'more “words” '.repeat(5000)}\r${'end '.repeat(9000)}\r\n${'tail '.repeat(100)}`;
  const lines = new LineIndex(text);
  const { source } = await loadBytes('corpus/long-lines.txt', encode(text), new TextCache(40_000));
  assert.ok(source instanceof LazySource);
  const lazyLines = sourceLines(source);
  for (let k = 0; k < 300; k++) {
    let at = Math.floor((k * 7919.5) % (text.length + 1));
    if (text[at - 1] === '\r' && text[at] === '\n') at++; // not inside a line break
    assert.deepEqual(lazyLines.positionAt(at), lines.positionAt(at), `position of ${at}`);
  }
  for (const at of [0, 84_000, 84_001, 149_001, 149_002, 185_002, 185_004, text.length]) assert.deepEqual(lazyLines.positionAt(at), lines.positionAt(at), `position of ${at}`);
});
