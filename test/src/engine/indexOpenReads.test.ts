import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSystem } from '../../../server/out/engine/io.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { A, sampleFiles } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';

/**
 * openIndex reads the saved index file while it lists the folders and reads
 * the first sources, and reads each group of 32 sources while the one before
 * is matched against the saved index: these tests pin what that may not change.
 */

const CACHE = '.cache/verbatim';
const QUOTE_A = `“So far, we are on the same page about the thresholds” [@${A}].`;

/** 100 small sources, `corpus/f000.txt` .. `corpus/f099.txt`. */
function manyFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i++) files[`corpus/f${String(i).padStart(3, '0')}.txt`] = `Title ${i}\n\nSource number ${i} says something of its own.`;
  return files;
}

/** The same file system, recording every path whose bytes were read. */
function recording(fs: FileSystem): { fs: FileSystem; read: string[] } {
  const read: string[] = [];
  return {
    read,
    fs: { ...fs, readFile: (path) => { read.push(path); return fs.readFile(path); } },
  };
}

test('rebuilds, and says why, when the saved index exists but cannot be read', async () => {
  const fs = memoryFileSystem({ ...sampleFiles });
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const broken: FileSystem = {
    ...fs,
    readFile: (path) => path.startsWith(`${CACHE}/`) ? Promise.reject(new Error('EACCES: permission denied')) : fs.readFile(path),
    openFile: (path) => path.startsWith(`${CACHE}/`) ? Promise.reject(new Error('EACCES: permission denied')) : fs.openFile!(path),
  };
  const reopened = await openIndex(broken, ['corpus'], { cacheDir: CACHE });
  assert.equal(reopened.cache.status, 'rebuilt');
  assert.equal(reopened.cache.problem?.kind, 'unreadable');
  assert.match(reopened.cache.problem?.message ?? '', /^The saved index \.cache\/verbatim\/index-\w+\.vbx could not be read \(EACCES: permission denied\); the corpus was indexed again\.$/);
  assert.deepEqual(verdictsOf(reopened.index, QUOTE_A), [`verbatim @${A}`]);
});

test('reuses all of a saved index of 100 sources, read in groups while the saved index is checked', async () => {
  const fs = memoryFileSystem(manyFiles());
  await openIndex(fs, ['corpus'], { cacheDir: CACHE });
  const progress: number[] = [];
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: CACHE, onProgress: (done) => progress.push(done) });
  assert.deepEqual(reopened.cache, { status: 'reused', reusedFiles: 100, indexedFiles: 0 });
  assert.deepEqual(progress, [32, 64, 96, 100]);
  assert.deepEqual([...reopened.index.sources()].map((s) => s.key).slice(0, 3), ['f000', 'f001', 'f002']);
});

test('a cancelled open reads no file past the group read ahead, saves nothing, and still resolves', async () => {
  const { fs, read } = recording(memoryFileSystem(manyFiles()));
  const token = { isCancellationRequested: false };
  const opened = await openIndex(fs, ['corpus'], {
    cacheDir: CACHE,
    token,
    onProgress: () => { token.isCancellationRequested = true; },
  });
  const sources = read.filter((path) => path.startsWith('corpus/')).sort();
  assert.ok(sources.length >= 32 && sources.length <= 64, `read ${sources.length} sources`);
  assert.deepEqual(sources.filter((path) => path >= 'corpus/f064.txt'), []);
  assert.deepEqual(await fs.readDirectory(CACHE).catch(() => []), []);
  assert.equal(opened.cache.saveError, undefined);
});
