import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocx } from '../../../server/out/formats/docx/index.js';
import { extractEpub } from '../../../server/out/formats/epub/index.js';
import { extractHtml } from '../../../server/out/formats/html/index.js';
import { ExtractionError, type ExtractedSource } from '../../../server/out/formats/extracted.js';
import { epub, fixture, zip } from './build.js';
import { seededRandom as random } from '../../../server/out/index/quoteSampler.js';


/** `bytes` with a few bytes overwritten, a slice cut out, or the end cut off. */
function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  const copy = bytes.slice();
  const kind = Math.floor(next() * 3);
  if (kind === 0) {
    for (let i = 0; i < 1 + Math.floor(next() * 8); i++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
    return copy;
  }
  const at = Math.floor(next() * copy.length);
  if (kind === 1) return new Uint8Array([...copy.subarray(0, at), ...copy.subarray(Math.min(copy.length, at + 1 + Math.floor(next() * 64)))]);
  return copy.subarray(0, at);
}

async function survives(read: (bytes: Uint8Array, path: string) => Promise<ExtractedSource>, original: Uint8Array, name: string, seeds: number): Promise<void> {
  for (let seed = 1; seed <= seeds; seed++) {
    const bytes = mutate(original, random(seed));
    try {
      const result = await read(bytes, name);
      assert.equal(typeof result.text, 'string');
      for (const l of result.locators ?? []) assert.ok(l.start >= 0 && l.start < l.end && l.end <= result.text.length, `seed ${seed}: locator in the text`);
    } catch (error) {
      assert.ok(error instanceof ExtractionError, `seed ${seed}: ${name} rejected with ${String(error)}`);
    }
  }
}

test('a damaged Word file is read or rejected with an ExtractionError, never anything else', async () => {
  await survives(extractDocx, fixture('docx/notes.docx'), 'notes.docx', 40);
});

test('a damaged EPUB is read or rejected with an ExtractionError, with its chapters inside its text', async () => {
  const book = epub({
    chapters: [['c1.xhtml', '<h1 id="a">One</h1><p>First &amp; text.</p>'], ['c2.xhtml', '<h1>Two</h1><p>Second<br/>text.</p>']],
    toc: [['c1.xhtml#a', 'One'], ['c2.xhtml', 'Two']],
  });
  // Stored entries, so a changed byte changes markup rather than only breaking the deflate stream.
  await survives(extractEpub, book, 'book.epub', 40);
  const stored = zip({ mimetype: 'application/epub+zip', 'META-INF/container.xml': '<container><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>', 'p.opf': '<package><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>', 'a.xhtml': '<html><body><p>Some text</p></body></html>' }, true);
  await survives(extractEpub, stored, 'stored.epub', 40);
});

test('a damaged web page is read or rejected with an ExtractionError', async () => {
  await survives(extractHtml, fixture('html/medium-2/source.html'), 'medium.html', 15);
});
