import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEpub } from '../../../server/out/formats/epub/index.js';
import type { ExtractedSource } from '../../../server/out/formats/extracted.js';
import { declareSize, epub, rejectsWith, sharedFormat, zip } from './build.js';

/** Each chapter as [index, label, its text]. */
const chapters = (result: ExtractedSource): [number, string | undefined, string][] =>
  (result.locators ?? []).map((l) => [l.index, l.label, result.text.slice(l.start, l.end)]);

/** The text of the chapter at `position` in `found`; the test fails when there is none. */
function chapterText(found: readonly [number, string | undefined, string][], position: number): string {
  const chapter = found[position];
  assert.ok(chapter, `no chapter at position ${position} of ${found.length}`);
  return chapter[2];
}

test('reads an EPUB 3 book in spine order, its chapters from the nav document', async () => {
  const book = epub({
    chapters: [['cover.xhtml', '<p>Cover words</p>'], ['c1.xhtml', '<h1>One</h1><p>First text.</p>'], ['c2.xhtml', '<h1>Two</h1><p>Second text.</p>']],
    toc: [['c1.xhtml', 'Chapter One'], ['c2.xhtml', 'Chapter Two']],
  });
  const result = await extractEpub(book, 'book.epub');
  assert.equal(result.text, 'Cover words\n\nOne\n\nFirst text.\n\nTwo\n\nSecond text.', 'the nav document is not read as text');
  assert.deepEqual(chapters(result), [[1, 'Chapter One', 'One\n\nFirst text.'], [2, 'Chapter Two', 'Two\n\nSecond text.']]);
  assert.ok(result.locators!.every((l) => l.kind === 'chapter'));
});

test('reads an EPUB 2 book\'s chapters from its NCX, nested points included', async () => {
  const book = epub({
    version: '2.0',
    chapters: [['part1.xhtml', '<h1>Part I</h1><p>Intro.</p><h2 id="s1">Section A</h2><p>A text.</p><h2 id="s2">Section B</h2><p>B text.</p>']],
    toc: [['part1.xhtml', 'Part I', [['part1.xhtml#s1', 'Section A'], ['part1.xhtml#s2', 'Section B']]]],
  });
  const result = await extractEpub(book, 'old.epub');
  assert.deepEqual(chapters(result), [[1, 'Part I', 'Part I\n\nIntro.'], [2, 'Section A', 'Section A\n\nA text.'], [3, 'Section B', 'Section B\n\nB text.']]);
});

test('merges a spine document the table leaves out into the chapter before it, and leaves front matter in no chapter', async () => {
  const book = epub({
    chapters: [['title.xhtml', '<p>Title page</p>'], ['c1.xhtml', '<p>One.</p>'], ['c1b.xhtml', '<p>One, continued.</p>'], ['c2.xhtml', '<p>Two.</p>']],
    toc: [['c1.xhtml', 'One'], ['c2.xhtml', 'Two']],
  });
  const result = await extractEpub(book, 'split.epub');
  assert.deepEqual(chapters(result), [[1, 'One', 'One.\n\nOne, continued.'], [2, 'Two', 'Two.']]);
  assert.equal(result.locators?.[0]?.start, 'Title page\n\n'.length);
});

test('counts entries that point at one place once, with the last title, and skips documents without text', async () => {
  const book = epub({
    chapters: [['image.xhtml', '<img src="cover.jpg" alt="Cover"/>'], ['c1.xhtml', '<h1>Chapter 1</h1><p>Text.</p>']],
    toc: [['image.xhtml', 'Cover'], ['c1.xhtml', 'Part One', [['c1.xhtml', 'Chapter 1']]]],
  });
  assert.deepEqual(chapters(await extractEpub(book, 'same.epub')), [[1, 'Chapter 1', 'Chapter 1\n\nText.']]);
});

test('gives one unlabeled chapter per document when the book has no table of contents', async () => {
  const book = epub({ chapters: [['a.xhtml', '<p>Alpha.</p>'], ['empty.xhtml', ''], ['b.xhtml', '<p>Beta.</p>']] });
  assert.deepEqual(chapters(await extractEpub(book, 'plain.epub')), [[1, undefined, 'Alpha.'], [2, undefined, 'Beta.']]);
});

test('resolves percent-encoded and relative references', async () => {
  const book = epub({
    chapters: [['Text/chapter one.xhtml', '<p>Uno.</p>'], ['Text/notes.xhtml', '<p>Notes.</p>']],
    toc: [['Text/chapter%20one.xhtml', 'Uno'], ['./Text/../Text/notes.xhtml', 'Notes']],
  });
  const result = await extractEpub(book, 'paths.epub');
  assert.deepEqual(chapters(result), [[1, 'Uno', 'Uno.'], [2, 'Notes', 'Notes.']]);
});

test('leaves footnote marks out of the text and keeps the notes', async () => {
  const book = epub({ chapters: [['c.xhtml', '<p>A line<a epub:type="noteref" href="#n1">1</a> goes on.</p><aside epub:type="footnote" id="n1"><p>The note.</p></aside>']] });
  assert.equal((await extractEpub(book, 'notes.epub')).text, 'A line goes on.\n\nThe note.');
});

test('takes title, authors, publication date and a URL identifier from the OPF', async () => {
  const metadata = '<dc:title>The Book</dc:title><dc:title>A Subtitle</dc:title>'
    + '<dc:creator opf:role="aut">Doe, Jane</dc:creator><dc:creator opf:role="edt">Ed Itor</dc:creator><dc:creator id="c3">Roe, R.</dc:creator>'
    + '<meta refines="#c3" property="role" scheme="marc:relators">aut</meta>'
    + '<dc:date opf:event="modification">2020-01-01</dc:date><dc:date opf:event="publication">1999-05-01</dc:date>'
    + '<dc:identifier>urn:isbn:9780000000000</dc:identifier><dc:identifier>https://example.org/book</dc:identifier>';
  const result = await extractEpub(epub({ chapters: [['c.xhtml', '<p>Text.</p>']], metadata }), 'meta.epub');
  assert.deepEqual(result.meta, { title: 'The Book', author: 'Doe, Jane; Roe, R.', date: '1999-05-01', url: 'https://example.org/book' });
  const doi = await extractEpub(epub({ chapters: [['c.xhtml', '<p>Text.</p>']], metadata: '<dc:identifier>doi:10.1000/abc</dc:identifier>' }), 'doi.epub');
  assert.deepEqual(doi.meta, { url: 'https://doi.org/10.1000/abc' });
});

test('notes spine documents missing from the book and reads the rest', async () => {
  const book = epub({ chapters: [['c.xhtml', '<p>Here.</p>']], spineExtra: '<itemref idref="gone"/>' });
  const result = await extractEpub(book, 'missing.epub');
  assert.equal(result.text, 'Here.');
  assert.deepEqual(result.notes, ['1 document of the reading order is missing from the book.']);
});

test('reads a book whose fonts are obfuscated, but fails with encrypted on DRM', async () => {
  const encryption = (algorithm: string, uri: string): string => '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">'
    + `<enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
  const fonts = epub({ chapters: [['c.xhtml', '<p>Readable.</p>']], extra: { 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding', 'OEBPS/font.otf') } });
  assert.equal((await extractEpub(fonts, 'fonts.epub')).text, 'Readable.');
  const drm = epub({ chapters: [['c.xhtml', '<p>Scrambled.</p>']], extra: { 'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OEBPS/c.xhtml') } });
  await rejectsWith(extractEpub(drm, 'drm.epub'), 'encrypted', /^drm\.epub: is protected by DRM .*DRM-free copy/);
});

test('fails with corrupt on a file that is not a zip or has no package document', async () => {
  await rejectsWith(extractEpub(new TextEncoder().encode('not a zip'), 'text.epub'), 'corrupt', /^text\.epub: is damaged or not a EPUB file/);
  await rejectsWith(extractEpub(zip({ mimetype: 'application/epub+zip', 'a.xhtml': '<p>x</p>' }), 'bare.epub'), 'corrupt', /no package document/);
});

test('fails with no-text on a book of images only, and too-large on a zip bomb', async () => {
  await rejectsWith(extractEpub(epub({ chapters: [['c.xhtml', '<img src="a.jpg"/>']] }), 'images.epub'), 'no-text', /^images\.epub: the book holds no text/);
  await rejectsWith(extractEpub(declareSize(epub({ chapters: [['c.xhtml', '<p>x</p>']] }), 300 * 1024 * 1024), 'bomb.epub'), 'too-large', /unpacks to more than 200 MB/);
});

const alice = sharedFormat('epub/alice.epub');
const wasteland = sharedFormat('epub/wasteland.epub');

test('reads the real EPUB 3 alice.epub: eleven chapters from its nav document', { skip: !alice && 'no ../shared/data/formats' }, async () => {
  const result = await extractEpub(alice!, 'alice.epub');
  assert.deepEqual(result.meta, { title: "Alice's Adventures in Wonderland", author: 'Lewis Carroll' });
  const found = chapters(result);
  assert.deepEqual(found.map(([index, label]) => [index, label]).slice(0, 3), [[1, 'Title Page'], [2, 'Down The Rabbit-Hole'], [3, 'The Pool Of Tears']]);
  assert.equal(found.length, 11);
  assert.match(chapterText(found, 1), /^Down The Rabbit-Hole\n\nAlice was beginning to get very tired of sitting by her sister on the bank/);
  assert.match(chapterText(found, 10), /^Alice's Evidence\n\n"Here!" cried Alice\./);
  assert.match(chapterText(found, 10), /a wonderful dream it had been\.$/);
  assert.equal(result.locators?.[10]?.end, result.text.trimEnd().length);
});

test('reads the real wasteland.epub: anchored chapters inside one document, title page before them', { skip: !wasteland && 'no ../shared/data/formats' }, async () => {
  const result = await extractEpub(wasteland!, 'wasteland.epub');
  assert.deepEqual(result.meta, { title: 'The Waste Land', author: 'T.S. Eliot', date: '2011-09-01' });
  assert.match(result.text, /^The Waste Land\n\nT\.S\. Eliot\n\n/);
  const found = chapters(result);
  assert.deepEqual(found.map(([index, label]) => [index, label]), [[1, 'I. THE BURIAL OF THE DEAD'], [2, 'II. A GAME OF CHESS']]);
  assert.match(chapterText(found, 0), /^I\. THE BURIAL OF THE DEAD\n\nApril is the cruellest month, breeding\n\nLilacs out of the dead land, mixing/);
  assert.ok(!chapterText(found, 0).includes('Eliot'), 'the title page is in no chapter');
});
