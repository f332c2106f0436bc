import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { CACHE_FORMAT_VERSION } from '../../../server/out/index/cacheFormat.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { A, B, sampleFiles } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';

const CACHE = '.cache/verbatim';
const QUOTE_A = `“So far, we are on the same page about the thresholds” [@${A}].`;
const QUOTE_B = `“We’ve been talking about it for a long time” [@${B}].`;

function freshFs() {
  return memoryFileSystem({ ...sampleFiles });
}

async function cacheFile(fs: ReturnType<typeof freshFs>): Promise<string> {
  const names = await fs.readDirectory(CACHE);
  assert.equal(names.length, 1, 'one saved index per corpus scope');
  return `${CACHE}/${names[0]!.name}`;
}

test('saves the index on first open and reuses every unchanged file on the next', async () => {
  const fs = freshFs();
  const first = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.deepEqual(first.cache, { status: 'created', reusedFiles: 0, indexedFiles: 5 });
  const second = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.deepEqual(second.cache, { status: 'reused', reusedFiles: 5, indexedFiles: 0 });
  assert.deepEqual(verdictsOf(second.index, QUOTE_A + ' ' + QUOTE_B), [`verbatim @${A}`, `verbatim @${B}`]);
  assert.equal(second.index.get(A)?.title, first.index.get(A)?.title);
});

test('indexes a changed file alone, with its new words, and keeps the others from the saved index', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const path = `corpus/${A}.txt`;
  // Same length, one word changed: only the content digest can tell.
  fs.set(path, sampleFiles[path]!.replace('same page', 'same pact'));
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.deepEqual(reopened.cache, { status: 'updated', reusedFiles: 4, indexedFiles: 1 });
  assert.deepEqual(verdictsOf(reopened.index, `“So far, we are on the same pact about the thresholds” [@${A}]. ${QUOTE_B}`),
    [`verbatim @${A}`, `verbatim @${B}`]);
  assert.deepEqual(verdictsOf(reopened.index, QUOTE_A), [`mismatch @${A}: substituted “page”→“pact”`]);
  const again = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.deepEqual(again.cache, { status: 'reused', reusedFiles: 5, indexedFiles: 0 });
});

test('forgets a removed file instead of searching it from the saved index', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  fs.delete(`corpus/${A}.txt`);
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.index.get(A), undefined);
  assert.equal(reopened.index.size, 4);
  assert.deepEqual(verdictsOf(reopened.index, `“So far, we are on the same page about the thresholds”.`), ['not-found']);
});

test('rebuilds a truncated saved index and says so', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const path = await cacheFile(fs);
  const bytes = await fs.readFile(path);
  fs.set(path, bytes.slice(0, bytes.length - 100));
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.cache.status, 'rebuilt');
  assert.equal(reopened.cache.problem?.kind, 'corrupt');
  assert.match(reopened.cache.problem?.message ?? '', /was damaged: its checksum does not match \(it is truncated or damaged\)\. The corpus was indexed again/);
  assert.deepEqual(verdictsOf(reopened.index, QUOTE_A), [`verbatim @${A}`]);
  const again = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(again.cache.status, 'reused', 'the rebuilt index was saved anew');
});

test('rebuilds a saved index with one damaged byte rather than trusting it', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const path = await cacheFile(fs);
  const bytes = (await fs.readFile(path)).slice();
  bytes[bytes.length - 3]! ^= 0x40;
  fs.set(path, bytes);
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.cache.problem?.kind, 'corrupt');
  assert.deepEqual(verdictsOf(reopened.index, QUOTE_B), [`verbatim @${B}`]);
});

test('does not read a saved index of another format version', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const path = await cacheFile(fs);
  const bytes = (await fs.readFile(path)).slice();
  new DataView(bytes.buffer).setUint32(8, CACHE_FORMAT_VERSION + 1, true);
  fs.set(path, bytes);
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.cache.status, 'rebuilt');
  assert.equal(reopened.cache.problem?.kind, 'version');
  assert.match(reopened.cache.problem?.message ?? '', new RegExp(`was not used: it was written by another version of Verbatim \\(format ${CACHE_FORMAT_VERSION + 1}, this one reads ${CACHE_FORMAT_VERSION}\\)`));
  assert.deepEqual(verdictsOf(reopened.index, QUOTE_A), [`verbatim @${A}`]);
});

test('rebuilds when the cache file is not an index at all', async () => {
  const fs = freshFs();
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const path = await cacheFile(fs);
  fs.set(path, 'hello');
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.cache.problem?.kind, 'corrupt');
  assert.equal(reopened.index.size, 5);
});

test('keeps one saved index per set of corpus folders', async () => {
  const fs = memoryFileSystem({ ...sampleFiles, 'other/x.txt': 'Other\n\nA different corpus with its own words entirely.' });
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const other = await openIndex(fs, ['other'], { cacheDir: CACHE });
  assert.equal(other.cache.status, 'created');
  assert.equal((await fs.readDirectory(CACHE)).length, 2);
  assert.equal((await openIndex(fs, ['corpus'], { cacheDir: CACHE })).cache.status, 'reused');
});

test('indexes without saving when the file system cannot write', async () => {
  const { writeFile: _unused, ...readOnly } = freshFs();
  const opened = await openIndex(readOnly, ['corpus'], { cacheDir: CACHE });
  assert.equal(opened.cache.saveError, 'this file system cannot write files');
  assert.deepEqual(verdictsOf(opened.index, QUOTE_A), [`verbatim @${A}`]);
});

test('reports bad corpus files and duplicate keys as loadCorpus does', async () => {
  const fs = memoryFileSystem({ ...sampleFiles, 'corpus/empty.txt': '   ', 'corpus/zz.md': `---\nid: ${A}\n---\n# Dup\n\ntext here` });
  const opened = await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  assert.deepEqual(opened.warnings.map((w) => `${w.kind} ${w.path}`), ['empty corpus/empty.txt', 'duplicate-key corpus/zz.md']);
  assert.equal(opened.index.size, 5);
});
