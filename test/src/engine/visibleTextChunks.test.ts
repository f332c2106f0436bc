// What is not text in a source (issue 13: editorial artifacts; issue 11 item 7: Markdown markup) is blanked the same
// way whether a lazy source is read whole, chunk by chunk, or by the index's scanner: seeded random texts with
// artifacts and markup straddling 4 KB chunk boundaries, multi-byte characters included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { loadSource } from '../../../server/out/corpus/loadSource.js';
import { LazySource } from '../../../server/out/corpus/sourceText.js';
import { TextCache } from '../../../server/out/corpus/textCache.js';
import { decodeUtf8 } from '../../../server/out/corpus/utf8Chunks.js';
import { maskText } from '../../../server/out/corpus/visibleText.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { words } from '../../../server/out/text/tokenize.js';

const PIECES = ['word ', 'café ', 'naïve ', '日本語 ', '\n', '\n\n', '[Illustration: a long caption of the plate]', '[Footnote 3: see the\nappendix.]',
  '[Pg 12]', '{44}', 'said[1] ', '[sic] ', '[the river](https://example.com/a_b) ', '<b>bold</b> ', '*em* ', '__strong__ ', 'snake_case ',
  '`code` ', '<!-- note -->', '[ref]: https://example.com\n', '[a][ref] ', '<https://example.com> ', '[unclosed ', '] ', '{ ', '} '];

function randomText(seed: number, length: number): string {
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += PIECES[(state >>> 8) % PIECES.length];
  }
  return text;
}

async function lazy(path: string, text: string, texts: TextCache): Promise<LazySource> {
  const fs = memoryFileSystem({});
  fs.set(path, new TextEncoder().encode(text));
  const { source } = await loadSource(fs, 'corpus', path, { texts });
  assert.ok(source instanceof LazySource);
  return source;
}

test('a lazy source reads the same masked characters chunk by chunk as whole, and as maskText gives', async () => {
  for (let seed = 1; seed <= 24; seed++) {
    for (const path of ['corpus/book.txt', 'corpus/notes.md']) {
      const raw = randomText(seed, 20_000);
      const expected = maskText(raw, path.endsWith('.md') ? 'markdown' : 'plain');
      assert.equal(expected.length, raw.length);
      const source = await lazy(path, raw, new TextCache());
      let pieced = '';
      for (let at = 0; at < source.textLength;) {
        const window = source.window(at, at + 1);
        pieced += window.text.slice(at - window.base);
        at = window.base + window.text.length;
      }
      assert.equal(pieced, expected, `seed ${seed}, ${path}`);
      assert.equal(source.text, expected, `seed ${seed}, ${path}`);
      assert.equal(decodeUtf8(source.encoded), raw);
    }
  }
});

test('the index holds the words verification re-reads from a masked source', async () => {
  for (let seed = 1; seed <= 8; seed++) {
    const raw = randomText(seed, 12_000);
    const source = await lazy('corpus/book.txt', raw, new TextCache());
    const index = new CorpusIndex([source]);
    const doc = index.doc(0)!;
    const expected = words(maskText(raw, 'plain'));
    assert.equal(doc.wordCount, expected.length, `seed ${seed}`);
    for (let i = 0; i < expected.length; i += 37) assert.equal(doc.wordStart(i), expected[i]!.start, `seed ${seed}, word ${i}`);
  }
});
