import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Source } from '../../../server/out/corpus/source.js';
import type { FileSystem } from '../../../server/out/engine/io.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import type { ExtractedFormat, ExtractedSource } from '../../../server/out/formats/extracted.js';
import { keptSegments, masksStaleFiles } from '../../../server/out/index/assembleIndex.js';
import type { CachedSegment } from '../../../server/out/index/cacheFormat.js';
import { cacheStatus, openIndex } from '../../../server/out/index/openIndex.js';
import { FileOpener, listCorpus } from '../../../server/out/index/openFiles.js';
import { SavedFiles, SETTLE_MS, unchanged, unchangedByStat } from '../../../server/out/index/savedFiles.js';
import { cacheFilePath, cacheScope } from '../../../server/out/index/savedIndex.js';
import { TextCache } from '../../../server/out/corpus/textCache.js';
import { verdictsOf } from '../fixtures/verdicts.js';

/**
 * openIndex's steps, each on its own: the saved index by path and the
 * saved-file check (`SavedFiles`, `unchanged`, `unchangedByStat`), which files
 * changed (`FileOpener`), the listing (`listCorpus`), which saved segments are
 * kept (`keptSegments`) and what the open reports (`cacheStatus`).
 */

const CACHE = '.cache/verbatim';
const REPORT = 'Harbour Survey 2019\n\nThe harbour master reported that the new breakwater reduced wave damage by a third.';
const NOTES = 'Notes\n\nThe ferry timetable changes in October every year.';

/** Extracts known texts by file name, counting the calls. */
function extractor(texts: Record<string, string>) {
  const calls: string[] = [];
  const extract = async (_format: ExtractedFormat, _bytes: Uint8Array, path: string): Promise<ExtractedSource> => {
    calls.push(path);
    const text = texts[path.slice(path.lastIndexOf('/') + 1)];
    if (text === undefined) throw new Error(`no text for ${path}`);
    return { text, meta: {} };
  };
  return { extract, calls };
}

/** The same file system, recording every path whose bytes were read. */
function recording(fs: FileSystem): { fs: FileSystem; read: string[] } {
  const read: string[] = [];
  return { read, fs: { ...fs, readFile: (path) => { read.push(path); return fs.readFile(path); } } };
}

function library() {
  return memoryFileSystem({
    'corpus/report.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]),
    'corpus/notes.txt': NOTES,
  });
}

async function savedFiles(fs: FileSystem): Promise<SavedFiles> {
  const scope = cacheScope(['corpus'], {});
  return SavedFiles.read(fs, cacheFilePath(CACHE, scope), scope);
}

test('the saved-file check: the same size and digest, or, for a settled entry, the same size and time', () => {
  assert.equal(unchanged({ size: 3, digest: 'ab' }, 3, 'ab'), true);
  assert.equal(unchanged({ size: 3, digest: 'ab' }, 3, 'ac'), false);
  assert.equal(unchanged({ size: 3, digest: 'ab' }, 4, 'ab'), false);
  assert.equal(unchanged(undefined, 3, 'ab'), false);
  const file = { path: 'corpus/a.pdf', size: 7, mtimeMs: 1000, digest: 'ab', bodyStart: 0 };
  const stat = { kind: 'file' as const, size: 7, mtimeMs: 1000 };
  assert.equal(unchangedByStat({ ...file, settled: true }, stat), true);
  assert.equal(unchangedByStat(file, stat), false, 'an entry read while its file was still being written is never trusted on its time');
  assert.equal(unchangedByStat({ ...file, settled: true }, { ...stat, mtimeMs: 1001 }), false);
  assert.equal(unchangedByStat({ ...file, settled: true }, { ...stat, size: 8 }), false);
});

test('SavedFiles finds each saved file by path, with its place, and is empty when nothing was saved', async () => {
  const fs = library();
  assert.equal((await savedFiles(fs)).place('corpus/notes.txt'), undefined);
  await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor({ 'report.pdf': REPORT }).extract });
  const saved = await savedFiles(fs);
  assert.equal(saved.problem, undefined);
  const report = saved.place('corpus/report.pdf');
  assert.equal(report?.file.size, 7);
  assert.equal(report?.file.settled, true, 'a memory file system\'s times are long past');
  const text = saved.text(report!.file);
  assert.ok(text && !(text instanceof Uint8Array), 'read from the saved index held open, not kept');
  assert.equal(new TextDecoder().decode(text.file.readRange(text.at, text.length)), REPORT);
  assert.equal(saved.place('corpus/notes.txt')?.file.meta?.key, 'notes');
  assert.equal(saved.text(saved.place('corpus/notes.txt')!.file), undefined, 'a plain file\'s text is its own bytes, not saved');
});

test('an unchanged PDF with a settled entry is not read at all on reopen, and its saved text is searched', async () => {
  const plain = library();
  await openIndex(plain, ['corpus'], { cacheDir: CACHE, extract: extractor({ 'report.pdf': REPORT }).extract });
  const { fs, read } = recording(plain);
  const again = extractor({});
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: again.extract });
  assert.deepEqual(read.filter((path) => path.startsWith('corpus/')), ['corpus/notes.txt']);
  assert.deepEqual(again.calls, []);
  assert.deepEqual(reopened.cache, { status: 'reused', reusedFiles: 2, indexedFiles: 0 });
  assert.deepEqual(verdictsOf(reopened.index, '“the new breakwater reduced wave damage by a third” [@report].'), ['verbatim @report']);
});

test('a changed PDF is noticed by its time even at the same size, read and extracted again', async () => {
  const fs = library();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor({ 'report.pdf': REPORT }).extract });
  fs.set('corpus/report.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 9, 9, 9]));
  const again = extractor({ 'report.pdf': REPORT.replace('by a third', 'by a half') });
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: again.extract });
  assert.deepEqual(again.calls, ['corpus/report.pdf']);
  assert.deepEqual(verdictsOf(reopened.index, '“the new breakwater reduced wave damage by a third” [@report].'), ['mismatch @report: substituted “third”→“half”']);
});

test('FileOpener reads a PDF whose saved entry is not settled, and calls it settled once its time is old enough', async () => {
  const fs = library();
  const now = { ms: 2 }; // the memory file system's times are 1, 2, 3...: "now" just after them, nothing is settled
  const saved = Promise.resolve(new SavedFiles({}));
  const first = new FileOpener(fs, { extract: extractor({ 'report.pdf': REPORT }).extract }, saved, undefined, () => now.ms);
  const opened = await first.open({ folder: 'corpus', path: 'corpus/report.pdf' });
  assert.equal(opened.settled, false);
  assert.equal(first.extractedFiles, 1);
  assert.equal(first.formatFilesDone, 1);
  now.ms = 10 + SETTLE_MS;
  const later = new FileOpener(fs, { extract: extractor({ 'report.pdf': REPORT }).extract }, saved, undefined, () => now.ms);
  assert.equal((await later.open({ folder: 'corpus', path: 'corpus/report.pdf' })).settled, true);
});

test('a reopen that finds files newly settled saves them so, and still says every file was reused', async () => {
  const fs = library();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor({ 'report.pdf': REPORT }).extract });
  // Saved as if read while still being written: the entry is not settled, so the reopen reads the PDF.
  const scope = cacheScope(['corpus'], {});
  const path = cacheFilePath(CACHE, scope);
  const { decodeCache, encodeCache } = await import('../../../server/out/index/cacheFormat.js');
  const contents = decodeCache(await fs.readFile(path));
  const unsettled = contents.segments.map((s) => ({ ...s, files: s.files.map((f) => f && (({ settled: _s, ...rest }) => rest)(f)) }));
  await fs.writeFile!(path, encodeCache({ ...contents, segments: unsettled }));
  const first = recording(fs);
  const reopened = await openIndex(first.fs, ['corpus'], { cacheDir: CACHE, extract: extractor({}).extract });
  assert.ok(first.read.includes('corpus/report.pdf'));
  assert.deepEqual(reopened.cache, { status: 'reused', reusedFiles: 2, indexedFiles: 0 });
  const second = recording(fs);
  await openIndex(second.fs, ['corpus'], { cacheDir: CACHE, extract: extractor({}).extract });
  assert.ok(!second.read.includes('corpus/report.pdf'), 'settled now: checked by its stat');
});

test('listCorpus lists each real file once, though two corpus folders reach it, sorted by path', async () => {
  const fs = memoryFileSystem({ 'corpus/z.txt': 'z', 'corpus/a.txt': 'a', 'corpus/sub/m.txt': 'm' });
  const { files, warnings } = await listCorpus(fs, ['corpus/sub', 'corpus']);
  assert.deepEqual(files.map((f) => `${f.folder} ${f.path}`), ['corpus corpus/a.txt', 'corpus/sub corpus/sub/m.txt', 'corpus corpus/z.txt']);
  assert.deepEqual(warnings, []);
});

/** A saved segment of documents with these word counts (only what `keptSegments` reads). */
function segmentOf(words: number[]): CachedSegment {
  const docBase = new Uint32Array(words.length + 1);
  words.forEach((n, d) => { docBase[d + 1] = docBase[d]! + n; });
  const files = words.map((_, d) => ({ path: `corpus/${d}.txt`, size: 1, mtimeMs: 1, digest: '', bodyStart: 0 }));
  return { files, data: { docBase } as unknown as CachedSegment['data'] };
}

const source = (key: string) => ({ key }) as unknown as Source;

test('keptSegments keeps a saved segment while reused files hold half its words, and rebuilds the others\' sources', () => {
  const a = source('a');
  const b = source('b');
  const c = source('c');
  const { kept, rebuilt } = keptSegments([segmentOf([50, 50]), segmentOf([40, 60]), segmentOf([10])], [[a, undefined], [b, undefined], [undefined]]);
  assert.deepEqual(kept.map((k) => k.sources), [[a, undefined]]);
  assert.deepEqual(rebuilt, [b]);
  assert.equal(masksStaleFiles(kept), true, 'the kept segment masks a file that changed');
  assert.equal(masksStaleFiles(keptSegments([segmentOf([5])], [[c]]).kept), false);
});

test('cacheStatus: off, created, rebuilt, reused or updated', () => {
  const none = new SavedFiles({});
  const damaged = new SavedFiles({ problem: { kind: 'corrupt', message: 'damaged' } });
  const saved = new SavedFiles({ contents: { scope: '', segments: [segmentOf([5])] } });
  assert.equal(cacheStatus(false, none, 3, 0), 'off');
  assert.equal(cacheStatus(true, none, 3, 0), 'created');
  assert.equal(cacheStatus(true, damaged, 3, 0), 'rebuilt');
  assert.equal(cacheStatus(true, saved, 0, 1), 'reused');
  assert.equal(cacheStatus(true, saved, 1, 1), 'updated');
  assert.equal(cacheStatus(true, saved, 0, 0), 'updated', 'a saved segment was rebuilt');
});

test('a reopened PDF\'s text stays in the saved index held open: read when needed, within the text budget, and still the same after the saved index is replaced', async () => {
  const fs = library();
  const papers: Record<string, string> = { 'report.pdf': REPORT };
  for (let i = 0; i < 6; i++) {
    fs.set(`corpus/paper${i}.pdf`, new Uint8Array([0x25, 0x50, 0x44, 0x46, 10 + i]));
    papers[`paper${i}.pdf`] = `Paper ${i}\n\n${`Paper number ${i} measured the tide at the northern pier. `.repeat(200)}`;
  }
  await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor(papers).extract });
  const texts = new TextCache(20_000); // less than two papers' 11 KB each
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor({}).extract, texts });
  assert.equal(texts.bytesHeld, 0, 'nothing of the texts is read to reopen');
  // The saved index is replaced (as a later save does): the sources read the file they were opened from.
  fs.set(cacheFilePath(CACHE, cacheScope(['corpus'], {})), new Uint8Array(100));
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 6; i++) {
      const source = reopened.index.get(`paper${i}`)!;
      assert.equal(source.text, papers[`paper${i}.pdf`]);
      assert.ok(texts.bytesHeld <= 20_000, `${texts.bytesHeld} bytes held`);
    }
  }
  assert.deepEqual(verdictsOf(reopened.index, '“the new breakwater reduced wave damage by a third” [@report].'), ['verbatim @report']);
  assert.deepEqual(verdictsOf(reopened.index, '“Paper number 4 measured the tide at the southern pier” [@paper4].'),
    ['mismatch @paper4: substituted “southern”→“northern”']);
});

test('a saved index whose extracted text is damaged is rebuilt, though its texts are only counted in the checksum as they are read', async () => {
  const fs = library();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: extractor({ 'report.pdf': REPORT }).extract });
  const path = cacheFilePath(CACHE, cacheScope(['corpus'], {}));
  const damaged = (await fs.readFile(path)).slice();
  damaged[damaged.length - 5]! ^= 0x20; // a letter of the report's text, the file's last bytes
  fs.set(path, damaged);
  const again = extractor({ 'report.pdf': REPORT });
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE, extract: again.extract });
  assert.equal(reopened.cache.status, 'rebuilt');
  assert.match(reopened.cache.problem?.message ?? '', /checksum does not match/);
  assert.deepEqual(again.calls, ['corpus/report.pdf']);
});

test('Checksum32 over pieces equals checksum32 over the whole', async () => {
  const { checksum32, Checksum32 } = await import('../../../server/out/index/checksum.js');
  for (const length of [0, 5, 16, 31, 1000, 4099]) {
    const bytes = new Uint8Array(length).map((_, i) => (i * 2654435761) >>> 24);
    for (const cut of [16, 48, 1024]) {
      const sum = new Checksum32(length);
      for (let at = 0; at < length; at += cut) sum.update(bytes.slice(at, Math.min(length, at + cut)));
      assert.equal(sum.digest(), checksum32(bytes, 0, length), `${length} bytes in pieces of ${cut}`);
    }
  }
});
