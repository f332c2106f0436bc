import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { LazySource } from '../../../server/out/corpus/sourceText.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { ExtractionError, type ExtractedFormat, type ExtractedSource } from '../../../server/out/formats/extracted.js';
import { READER_VERSIONS } from '../../../server/out/formats/readers.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { verdictsOf } from '../fixtures/verdicts.js';

const CACHE = '.cache/verbatim';

const PAGE_1 = 'Harbour Survey 2019\n\nThe survey counted 412 vessels in the northern harbour during the spring of 2019.';
const PAGE_2 = 'The harbour master reported that the new breakwater reduced wave damage by a third.';
const REPORT_TEXT = `${PAGE_1}\n\n${PAGE_2}`;
const REPORT_PAGES = [
  { kind: 'page' as const, start: 0, end: PAGE_1.length, index: 1, label: 'iv' },
  { kind: 'page' as const, start: PAGE_1.length + 2, end: REPORT_TEXT.length, index: 2, label: '1' },
];
const PAGE_TEXT = 'Daring Fireball is written and produced by John Gruber, who keeps a list of the apps he uses every day.';

/**
 * A stand-in for the format readers: known text for known files (by name), a
 * failure for others, and a count of the calls per path, so a test can tell
 * what was extracted.
 */
function fakeExtractor(results: Record<string, ExtractedSource | ExtractionError | Error>) {
  const calls: string[] = [];
  const extract = async (format: ExtractedFormat, _bytes: Uint8Array, path: string): Promise<ExtractedSource> => {
    calls.push(`${format} ${path}`);
    const name = path.slice(path.lastIndexOf('/') + 1);
    const result = results[name];
    if (result === undefined) throw new Error(`no fake result for ${name}`);
    if (result instanceof Error) throw result;
    return result;
  };
  return { extract, calls };
}

const reportResult: ExtractedSource = {
  text: REPORT_TEXT,
  locators: REPORT_PAGES,
  meta: { title: 'Harbour Survey 2019', author: 'Port Authority Survey Team', date: '2019-05-01', url: 'https://example.org/harbour' },
};
const pageResult: ExtractedSource = { text: PAGE_TEXT, meta: { url: 'https://daringfireball.net/colophon/' } };

function corpus(extra: Record<string, string | Uint8Array> = {}) {
  return memoryFileSystem({
    'corpus/report.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]),
    'corpus/web/colophon.html': '<html><body><p>not what is indexed</p></body></html>',
    'corpus/notes.txt': 'Notes\n\nThe ferry timetable changes in October every year.',
    ...extra,
  });
}

test('indexes a PDF and a web page through the extractor, keyed by path, with their metadata and pages', async () => {
  const fake = fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult });
  const { index, warnings } = await openIndex(corpus(), ['corpus'], { extract: fake.extract });
  assert.deepEqual(warnings, []);
  assert.deepEqual([...index.sources()].map((s) => s.key).sort(), ['notes', 'report', 'web/colophon']);
  assert.deepEqual(fake.calls.sort(), ['html corpus/web/colophon.html', 'pdf corpus/report.pdf']);

  const report = index.get('report')!;
  assert.equal(report.path, 'corpus/report.pdf');
  assert.equal(report.text, REPORT_TEXT);
  assert.deepEqual({ title: report.title, author: report.author, date: report.date, url: report.url },
    { title: 'Harbour Survey 2019', author: 'Port Authority Survey Team', date: '2019-05-01', url: 'https://example.org/harbour' });
  assert.deepEqual(report.locators, REPORT_PAGES);
  assert.equal(report.size, 7, "the size is the file's, not the text's");
  assert.equal((report as LazySource).format, 'pdf');

  // No title in the page's metadata: the title is guessed from the text, as for a plain text file.
  const page = index.get('web/colophon')!;
  assert.equal(page.title, PAGE_TEXT.replace(/\.$/, ''));
  assert.equal(page.url, 'https://daringfireball.net/colophon/');
  assert.equal(page.locators, undefined);

  assert.deepEqual(verdictsOf(index, [
    '“The harbour master reported that the new breakwater reduced wave damage by a third” [@report].',
    '“The survey counted 421 vessels in the northern harbour” [@report].',
    '“Daring Fireball is written and produced by John Gruber” [@web/colophon].',
  ].join('\n\n')), ['verbatim @report', 'mismatch @report: number “421”→“412”', 'verbatim @web/colophon']);
});

test('warns once for each file a reader cannot read, with its message and failure, and indexes the rest', async () => {
  const fake = fakeExtractor({
    'report.pdf': reportResult,
    'scan.pdf': new ExtractionError('no-text', 'corpus/scan.pdf has no text layer: run OCR on it (e.g. ocrmypdf), then save it again.'),
    'locked.pdf': new ExtractionError('encrypted', 'it is encrypted: save a copy without a password.'),
    'broken.docx': new Error('end of central directory not found'),
    'blank.epub': { text: ' \n\n ', meta: {} },
    'book.epub': new ExtractionError('unsupported', 'corpus/book.epub: EPUB files cannot be read yet, so it was skipped.'),
    'colophon.html': pageResult,
  });
  const fs = corpus({ 'corpus/scan.pdf': 'x', 'corpus/locked.pdf': 'x', 'corpus/broken.docx': 'x', 'corpus/blank.epub': 'x', 'corpus/book.epub': 'x' });
  const { index, warnings } = await openIndex(fs, ['corpus'], { extract: fake.extract });
  assert.deepEqual(warnings.map((w) => `${w.kind} ${w.message}`), [
    'no-text corpus/blank.epub holds no text that could be read, so it was skipped. If it is a scan, run OCR on it (e.g. ocrmypdf) and save it again.',
    'unsupported corpus/book.epub: EPUB files cannot be read yet, so it was skipped.',
    'corrupt corpus/broken.docx could not be read (end of central directory not found); it may be damaged. Open it and save it again, or remove it from the corpus.',
    'encrypted corpus/locked.pdf: it is encrypted: save a copy without a password.',
    'no-text corpus/scan.pdf has no text layer: run OCR on it (e.g. ocrmypdf), then save it again.',
  ]);
  assert.deepEqual([...index.sources()].map((s) => s.key).sort(), ['notes', 'report', 'web/colophon']);
});

test('indexes a file read with a reservation, and says what it is', async () => {
  const fake = fakeExtractor({ 'report.pdf': { ...reportResult, notes: ['page 3 has no text layer'] }, 'colophon.html': pageResult });
  const { index, warnings } = await openIndex(corpus(), ['corpus'], { extract: fake.extract });
  assert.deepEqual(warnings.map((w) => `${w.kind} ${w.message}`), ['partly-read corpus/report.pdf was read, but: page 3 has no text layer']);
  assert.equal(index.get('report')?.text, REPORT_TEXT);
});

test("drops a reader's pages when any is out of order or outside the text, keeps the text, and says so once", async () => {
  const overlapping = [REPORT_PAGES[0]!, { ...REPORT_PAGES[1]!, start: 3 }];
  const outside = [{ ...REPORT_PAGES[0]!, end: REPORT_TEXT.length + 1 }];
  for (const locators of [overlapping, outside]) {
    const fake = fakeExtractor({ 'report.pdf': { ...reportResult, locators }, 'colophon.html': pageResult });
    const { index, warnings } = await openIndex(corpus(), ['corpus'], { extract: fake.extract });
    assert.equal(index.get('report')?.locators, undefined);
    assert.equal(index.get('report')?.text, REPORT_TEXT);
    assert.deepEqual(warnings.map((w) => `${w.kind} ${w.path}`), ['partly-read corpus/report.pdf']);
    assert.match(warnings[0]!.message, /pages or chapters could not be placed/);
  }
});

test('a PDF and a text file with the same key: the first by path keeps it, the other is reported', async () => {
  const fake = fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult });
  const { index, warnings } = await openIndex(corpus({ 'corpus/report.txt': 'Report\n\nAnother text.' }), ['corpus'], { extract: fake.extract });
  assert.equal(index.get('report')?.path, 'corpus/report.pdf');
  assert.deepEqual(warnings.map((w) => `${w.kind} ${w.path}`), ['duplicate-key corpus/report.txt']);
});

test('loadCorpus reads format files through the same extractor', async () => {
  const fake = fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': new ExtractionError('corrupt', 'damaged') });
  const { sources, warnings } = await loadCorpus(corpus(), ['corpus'], { extract: fake.extract });
  assert.deepEqual(sources.map((s) => s.key), ['notes', 'report']);
  assert.deepEqual(sources[1]!.locators, REPORT_PAGES);
  assert.deepEqual(warnings.map((w) => `${w.kind} ${w.message}`), ['corrupt corpus/web/colophon.html: damaged']);
});

test('a reopen takes extracted text, pages and metadata from the saved index and extracts nothing', async () => {
  const fs = corpus();
  const first = fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult });
  const created = await openIndex(fs, ['corpus'], { extract: first.extract, cacheDir: CACHE });
  assert.deepEqual(created.cache, { status: 'created', reusedFiles: 0, indexedFiles: 3, extractedFiles: 2 });

  const second = fakeExtractor({});
  const reopened = await openIndex(fs, ['corpus'], { extract: second.extract, cacheDir: CACHE });
  assert.deepEqual(second.calls, [], 'nothing is extracted again');
  assert.deepEqual(reopened.cache, { status: 'reused', reusedFiles: 3, indexedFiles: 0 });
  assert.deepEqual(reopened.warnings, []);
  const report = reopened.index.get('report')!;
  assert.equal(report.text, REPORT_TEXT);
  assert.deepEqual(report.locators, REPORT_PAGES);
  assert.deepEqual({ title: report.title, author: report.author, date: report.date, url: report.url, size: report.size },
    { title: 'Harbour Survey 2019', author: 'Port Authority Survey Team', date: '2019-05-01', url: 'https://example.org/harbour', size: 7 });
  assert.equal(reopened.index.get('web/colophon')?.title, PAGE_TEXT.replace(/\.$/, ''));
  assert.deepEqual(verdictsOf(reopened.index, '“reduced wave damage by a third” [@report] and “written and produced by John Gruber” [@web/colophon].'),
    ['verbatim @report', 'verbatim @web/colophon']);
});

test('a changed file is extracted again alone; a removed one leaves the index', async () => {
  const fs = corpus({ 'corpus/other.pdf': 'other' });
  const otherResult: ExtractedSource = { text: 'An unrelated pamphlet about lighthouse keepers and their lamps.', meta: {} };
  await openIndex(fs, ['corpus'], { extract: fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult, 'other.pdf': otherResult }).extract, cacheDir: CACHE });
  // Same size, other bytes: only the digest can tell.
  fs.set('corpus/report.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 9, 9, 9]));
  fs.delete('corpus/other.pdf');
  const changedText = REPORT_TEXT.replace('by a third', 'by a half');
  const fake = fakeExtractor({ 'report.pdf': { ...reportResult, text: changedText } });
  const reopened = await openIndex(fs, ['corpus'], { extract: fake.extract, cacheDir: CACHE });
  assert.deepEqual(fake.calls, ['pdf corpus/report.pdf']);
  assert.equal(reopened.index.get('other'), undefined);
  assert.deepEqual(verdictsOf(reopened.index, '“the new breakwater reduced wave damage by a half” [@report].'), ['verbatim @report']);
});

test('a file that failed for a lasting reason is not read again while unchanged; one not readable yet is tried again', async () => {
  const fs = corpus({ 'corpus/scan.pdf': 'scan', 'corpus/book.epub': 'book' });
  const failing = {
    'report.pdf': reportResult, 'colophon.html': pageResult,
    'scan.pdf': new ExtractionError('no-text', 'corpus/scan.pdf has no text layer.'),
    'book.epub': new ExtractionError('unsupported', 'corpus/book.epub: EPUB files cannot be read yet.'),
  };
  const first = await openIndex(fs, ['corpus'], { extract: fakeExtractor(failing).extract, cacheDir: CACHE });
  const again = fakeExtractor(failing);
  const second = await openIndex(fs, ['corpus'], { extract: again.extract, cacheDir: CACHE });
  assert.deepEqual(again.calls, ['epub corpus/book.epub']);
  assert.deepEqual(second.warnings, first.warnings, 'the same warnings, once each');

  fs.set('corpus/scan.pdf', 'scan, after OCR');
  const third = fakeExtractor({ ...failing, 'scan.pdf': { text: 'Text that OCR found on the scanned page.', meta: {} } });
  const reopened = await openIndex(fs, ['corpus'], { extract: third.extract, cacheDir: CACHE });
  assert.deepEqual(third.calls.sort(), ['epub corpus/book.epub', 'pdf corpus/scan.pdf']);
  assert.equal(reopened.index.get('scan')?.text, 'Text that OCR found on the scanned page.');
});

test('reports progress of the files read, and of the files extracted among them', async () => {
  const fake = fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult });
  const seen: string[] = [];
  await openIndex(corpus(), ['corpus'], {
    extract: fake.extract,
    onProgress: (done, total, extracting) => seen.push(`${done}/${total} ${extracting ? `${extracting.done}/${extracting.total}` : '-'}`),
  });
  assert.deepEqual(seen, ['0/3 1/2', '0/3 2/2', '3/3 2/2']);
  const plain: (object | undefined)[] = [];
  await openIndex(memoryFileSystem({ 'corpus/a.txt': 'A text.' }), ['corpus'], { onProgress: (_d, _t, extracting) => plain.push(extracting) });
  assert.deepEqual(plain, [undefined], 'a corpus of plain text says nothing of extraction');
});

test("a newer version of a format's reader reads that format's files again, and their new words are the ones searched", async () => {
  const fs = corpus();
  await openIndex(fs, ['corpus'], { extract: fakeExtractor({ 'report.pdf': reportResult, 'colophon.html': pageResult }).extract, cacheDir: CACHE });
  const versions = READER_VERSIONS as Record<string, number>;
  versions['pdf']!++;
  try {
    const better = fakeExtractor({ 'report.pdf': { ...reportResult, text: REPORT_TEXT.replace('by a third', 'by one third') } });
    const reopened = await openIndex(fs, ['corpus'], { extract: better.extract, cacheDir: CACHE });
    assert.deepEqual(better.calls, ['pdf corpus/report.pdf'], 'the web page is kept');
    assert.deepEqual(verdictsOf(reopened.index, '“the new breakwater reduced wave damage by one third” [@report].'), ['verbatim @report']);
    const again = fakeExtractor({});
    await openIndex(fs, ['corpus'], { extract: again.extract, cacheDir: CACHE });
    assert.deepEqual(again.calls, [], 'saved with the new version');
  } finally {
    versions['pdf']!--;
  }
});
