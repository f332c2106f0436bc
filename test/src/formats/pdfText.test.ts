import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hyphenJunction } from '../../../server/out/formats/pdf/hyphens.js';
import { restoreMissingGlyphs } from '../../../server/out/formats/pdf/missingGlyphs.js';
import { vocabularyOf } from '../../../server/out/formats/pdf/vocabulary.js';
import { cleanLine } from '../../../server/out/formats/pdf/characters.js';
import { numberCandidates, printedNumbers, romanValue } from '../../../server/out/formats/pdf/printedNumbers.js';
import { isoDate, metaOf } from '../../../server/out/formats/pdf/meta.js';
import { pageList } from '../../../server/out/formats/pdf/failures.js';
import { layoutPage } from '../../../server/out/formats/pdf/page.js';
import { assemble } from '../../../server/out/formats/pdf/assemble.js';
import { documentText } from '../../../server/out/formats/pdf/index.js';

test('decides line-end hyphens by the words the document uses elsewhere', () => {
  const v = vocabularyOf(['the co-operation of', 'a cooperative effort', 'some information', 'well and known']);
  assert.equal(hyphenJunction('the co-', 'operation', v), 'keep-hyphen');
  assert.equal(hyphenJunction('a co-', 'operative', v), 'join');
  assert.equal(hyphenJunction('more infor-', 'mation', v), 'join');
  // No evidence either way: two words of the document read as a compound.
  assert.equal(hyphenJunction('the well-', 'known', v), 'keep-hyphen');
  assert.equal(hyphenJunction('text\u00ad', 'ual', v), 'join');
});

test('leaves the halves of a word broken at a line end out of the vocabulary', () => {
  const v = vocabularyOf(['an infor-', 'mation desk']);
  assert.equal(v.words.get('infor'), undefined);
  assert.equal(v.words.get('mation'), undefined);
  assert.equal(v.words.get('desk'), 1);
});

test('reads a glyph without text (U+0000) as the ligature the document spells elsewhere, else by the letter after it', () => {
  const v = vocabularyOf(['affine maps are fine', 'a conflict']);
  assert.equal(restoreMissingGlyphs('a\0ne', v), 'affine');
  assert.equal(restoreMissingGlyphs('con\0ict', v), 'conflict');
  assert.equal(restoreMissingGlyphs('speci\0c \0ow \0eld re\0ect', vocabularyOf([])), 'specific flow field reflect');
  assert.equal(restoreMissingGlyphs('di\0erent e\0cient o\0ce o\0 shu\0e', vocabularyOf([])), 'different efficient office off shuffle');
  assert.equal(restoreMissingGlyphs('no glyphs missing', v), 'no glyphs missing');
});

test('composes TeX accents set as separate glyphs, and drops soft hyphens inside a line', () => {
  assert.equal(cleanLine('a na\u00a8\u0131ve \u00b4ecole'), 'a naïve école');
  assert.equal(cleanLine('hy\u00adphen at end\u00ad'), 'hyphen at end\u00ad');
});

test('finds page numbers at either end of an edge line', () => {
  const line = (text: string) => ({ text, x0: 0, x1: 100, y: 0, size: 10 });
  assert.deepEqual(numberCandidates(line('- 12 -')).map((c) => [c.value, c.alone]), [[12, true]]);
  assert.deepEqual(numberCandidates(line('Summary December 1998 Page 7')).map((c) => c.value), [7]);
  assert.deepEqual(numberCandidates(line('xiv Preface')).map((c) => [c.value, c.roman]), [[14, true]]);
  assert.equal(romanValue('iiii'), undefined);
  assert.equal(romanValue('MCMXC'), 1990);
});

test('keeps a printed number only where a neighbour agrees on its offset, and fills a single gap', () => {
  const line = { text: '', x0: 0, x1: 0, y: 0, size: 10 };
  const c = (value: number) => ({ value, roman: false, text: String(value), line, alone: true });
  const got = printedNumbers([[c(2024)], [c(2024), c(1)], [], [c(2024), c(3)], [c(4), c(77)]]);
  assert.deepEqual(got.map((n) => n?.label), [undefined, '1', '2', '3', '4']);
});

test('takes metadata from XMP first, then the info dictionary, and drops file names as titles', () => {
  const xmp = new Map<string, unknown>([['dc:title', 'The Real Title'], ['dc:creator', ['Ada Lovelace', 'Charles Babbage']]]);
  assert.deepEqual(metaOf({ info: { Title: 'Microsoft Word - draft3.docx', Author: 'x', CreationDate: "D:20090401163925-07'00'" }, metadata: { get: (k: string) => xmp.get(k) } }), {
    title: 'The Real Title', author: 'Ada Lovelace; Charles Babbage', date: '2009-04-01',
  });
  assert.deepEqual(metaOf({ info: { Title: 'Microsoft Word - draft3.docx' } }), {});
  assert.equal(isoDate('2021-12-28T10:00:00Z'), '2021-12-28');
  assert.deepEqual(metaOf({ info: { Author: 'ARRAY(0x2c7cf020)', CreationDate: 'D:20240102' }, metadata: { get: (k: string) => (k === 'xmp:createdate' ? '0000-01-01T00:00:00Z' : undefined) } }), { date: '2024-01-02' });
});

test('lists pages as ranges', () => {
  assert.equal(pageList([1, 2, 3, 7]), 'pages 1–3, 7');
  assert.equal(pageList([4]), 'page 4');
});

test('counts the characters of a page that decode to nothing readable (a font without a Unicode map)', () => {
  const flip = [1, 0, 0, -1, 0, 792]; // PDF user space to display space, as pdf.js's viewport gives it
  const item = (str: string, x: number, y: number) => ({ str, transform: [10, 0, 0, 10, x, y], width: 5 * str.length });
  const page = layoutPage([item('\u0003\u0004\u0005 \u0006\u0007', 72, 700), item('ok', 72, 680)], flip, 792);
  assert.equal(page.undecodable, 5);
  assert.equal(page.chars, 7);
});

test('sets text at an angle apart from the horizontal text, after it', () => {
  const flip = [1, 0, 0, -1, 0, 792];
  const page = layoutPage([
    { str: 'arXiv:1234.5678v1', transform: [0, 10, -10, 0, 30, 300], width: 90 },
    { str: 'Body text of the page.', transform: [10, 0, 0, 10, 72, 700], width: 110 },
  ], flip, 792);
  assert.deepEqual(page.blocks.map((b) => b.lines.map((l) => l.text).join(' / ')), ['Body text of the page.', 'arXiv:1234.5678v1']);
});

test('notes the pages left out past the text limit, and keeps a span for each', () => {
  const flip = [1, 0, 0, -1, 0, 792];
  const page = layoutPage([{ str: 'The first page.', transform: [10, 0, 0, 10, 72, 400], width: 80 }], flip, 792);
  const r = documentText([page, 'skipped', 'skipped'], 0, null, {}, 'big.pdf');
  assert.equal(r.text, 'The first page.');
  assert.deepEqual(r.locators!.map((l) => [l.index, l.start, l.end]), [[1, 0, 15], [2, 15, 15], [3, 15, 15]]);
  assert.deepEqual(r.notes, ['It holds more than 33,554,432 characters of text, so its last 2 pages were left out.']);
});

test('a word hyphenated across a page break leaves well-formed page spans (tracemonkey.pdf p. 4 to 5 lost every page)', () => {
  const pages = [
    { paragraphs: [['The first page ends with infor-']] },
    { paragraphs: [['mation that the second page holds.']] },
    { paragraphs: [['A third page.']] },
  ];
  const { text, locators } = assemble(pages, vocabularyOf(['information', 'infor-', 'mation']));
  assert.match(text, /ends with information that/);
  locators.forEach((l, i) => {
    assert.ok(l.start <= l.end && l.end <= text.length, `page ${i + 1} inside the text`);
    if (i > 0) assert.ok(l.start >= locators[i - 1]!.end, `page ${i + 1} starts after page ${i} ends`);
  });
  assert.equal(text.slice(locators[0]!.start, locators[0]!.end), 'The first page ends with infor');
  assert.equal(text.slice(locators[1]!.start, locators[1]!.end), 'mation that the second page holds.');
});
