import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import type { FileSystem } from '../../../server/out/engine/io.js';
import { loadCorpus, type CorpusOptions } from '../../../server/out/corpus/index.js';

const GOOD = { 'corpus/good.txt': 'A good headline\n\nSome text.' };

/** Loads `files` (plus one good file) and returns the keys loaded and the warnings as `kind path: message`. */
async function load(files: Record<string, string | Uint8Array | null>, options?: CorpusOptions, wrap?: (fs: FileSystem) => FileSystem) {
  const inner = memoryFileSystem({ ...GOOD, ...files });
  const { sources, warnings } = await loadCorpus(wrap ? wrap(inner) : inner, ['corpus'], options);
  return { keys: sources.map((s) => s.key), warnings: warnings.map((w) => `${w.kind} ${w.path}: ${w.message}`) };
}

test('skips a binary file with one warning', async () => {
  assert.deepEqual(await load({ 'corpus/photo.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) }), {
    keys: ['good'],
    warnings: ['binary corpus/photo.txt: corpus/photo.txt looks like a binary file (it contains NUL bytes), so it was skipped. ' +
      'Sources must be text: save it as UTF-8 .txt or .md, or move it out of the corpus folder.'],
  });
});

test('skips a file full of control characters as binary', async () => {
  const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
  const { keys, warnings } = await load({ 'corpus/blob.txt': bytes });
  assert.deepEqual([keys, warnings.map((w) => w.split(':')[0])], [['good'], ['binary corpus/blob.txt']]);
});

test('loads invalid UTF-8 with replacement characters and one warning naming the bad byte', async () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('Headline\nCaf'), 0xe9, ...new TextEncoder().encode(' au lait')]);
  const inner = memoryFileSystem({ 'corpus/latin1.txt': bytes });
  const { sources, warnings } = await loadCorpus(inner, ['corpus']);
  assert.deepEqual(sources.map((s) => [s.key, s.text]), [['latin1', 'Headline\nCaf\uFFFD au lait']]);
  assert.deepEqual(warnings, [{
    path: 'corpus/latin1.txt',
    kind: 'invalid-utf8',
    message: 'corpus/latin1.txt is not valid UTF-8 (first bad byte at offset 12, line 2); the bad bytes were read as \uFFFD, ' +
      'so quotes near them may not match. Re-save the file as UTF-8.',
  }]);
});

test('decodes UTF-16 LE with a byte order mark, without a warning', async () => {
  const text = 'Héadline “quoted”\n';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) { bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff; bytes[3 + 2 * i] = text.charCodeAt(i) >> 8; }
  const { sources, warnings } = await loadCorpus(memoryFileSystem({ 'corpus/le.txt': bytes }), ['corpus']);
  assert.deepEqual([sources.map((s) => [s.text, s.title]), warnings], [[[text, 'Héadline “quoted”']], []]);
});

test('decodes UTF-16 BE with a byte order mark, without a warning', async () => {
  const text = 'Héadline “quoted”\n';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) { bytes[2 + 2 * i] = text.charCodeAt(i) >> 8; bytes[3 + 2 * i] = text.charCodeAt(i) & 0xff; }
  const { sources, warnings } = await loadCorpus(memoryFileSystem({ 'corpus/be.txt': bytes }), ['corpus']);
  assert.deepEqual([sources.map((s) => s.text), warnings], [[text], []]);
});

test('strips a UTF-8 byte order mark', async () => {
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/bom.md': '\uFEFF---\ntitle: T\n---\nBody' }), ['corpus']);
  assert.deepEqual([sources[0]?.text, sources[0]?.title, sources[0]?.bodyStart], ['---\ntitle: T\n---\nBody', 'T', 17]);
});

test('skips an empty or whitespace-only file with one warning', async () => {
  assert.deepEqual(await load({ 'corpus/blank.txt': ' \n\t\r\n', 'corpus/zero.md': '' }), {
    keys: ['good'],
    warnings: [
      "empty corpus/blank.txt: corpus/blank.txt is empty (or only whitespace), so it was skipped. Add the source's text or delete the file.",
      "empty corpus/zero.md: corpus/zero.md is empty (or only whitespace), so it was skipped. Add the source's text or delete the file.",
    ],
  });
});

test('skips an unreadable file with one warning giving the reason', async () => {
  assert.deepEqual(await load({ 'corpus/locked.txt': null }), {
    keys: ['good'],
    warnings: ['unreadable corpus/locked.txt: Could not read corpus/locked.txt (EACCES: permission denied: corpus/locked.txt), ' +
      'so it was skipped. Check its permissions.'],
  });
});

test('skips a file that vanished between listing and stat', async () => {
  const wrap = (fs: ReturnType<typeof memoryFileSystem>): FileSystem => ({
    ...fs,
    async readDirectory(path) {
      const entries = await fs.readDirectory(path);
      fs.delete('corpus/gone.txt');
      return entries;
    },
  });
  assert.deepEqual(await load({ 'corpus/gone.txt': 'Headline\n' }, {}, wrap as (fs: FileSystem) => FileSystem), {
    keys: ['good'],
    warnings: ['vanished corpus/gone.txt: corpus/gone.txt disappeared while the corpus was being read, so it was skipped.'],
  });
});

test('skips a file that vanished between stat and read', async () => {
  const wrap = (fs: FileSystem): FileSystem => ({
    ...fs,
    readFile: (path) => (path === 'corpus/gone.txt' ? Promise.reject(new Error('ENOENT: no such file or directory')) : fs.readFile(path)),
  });
  const { keys, warnings } = await load({ 'corpus/gone.txt': 'Headline\n' }, {}, wrap);
  assert.deepEqual([keys, warnings.map((w) => w.split(':')[0])], [['good'], ['vanished corpus/gone.txt']]);
});

test('skips a file over the size limit without reading it', async () => {
  const read: string[] = [];
  const wrap = (fs: FileSystem): FileSystem => ({ ...fs, readFile: (path) => { read.push(path); return fs.readFile(path); } });
  const result = await load({ 'corpus/huge.txt': 'x'.repeat(3000) }, { maxFileBytes: 2048 }, wrap);
  assert.deepEqual(result, {
    keys: ['good'],
    warnings: ['too-large corpus/huge.txt: corpus/huge.txt is 2.9 KB, over the 2 KB limit for one source, so it was skipped. ' +
      'Split it into smaller files or raise the size limit.'],
  });
  assert.deepEqual(read, ['corpus/good.txt']);
});

test('keeps the first of two files with the same key, in path order, and warns about the other', async () => {
  assert.deepEqual(await load({ 'corpus/a.txt': 'Text A\n', 'corpus/a.md': '# Markdown A\n' }), {
    keys: ['a', 'good'],
    warnings: ['duplicate-key corpus/a.txt: corpus/a.txt has the key "a", which corpus/a.md already has, so it was skipped. ' +
      'Rename one of the files, or give one a different front matter id.'],
  });
});

test('reports a front matter id that repeats another source\'s key as a duplicate', async () => {
  const { keys, warnings } = await load({ 'corpus/z.md': '---\nid: good\n---\nText\n' });
  assert.deepEqual([keys, warnings.map((w) => w.split(':')[0])], [['good'], ['duplicate-key corpus/z.md']]);
});

test('warns about a missing corpus folder and still reads the others', async () => {
  const { sources, warnings } = await loadCorpus(memoryFileSystem(GOOD), ['corpus', 'nowhere']);
  assert.deepEqual(sources.map((s) => s.key), ['good']);
  assert.deepEqual(warnings, [{
    path: 'nowhere',
    kind: 'missing-folder',
    message: 'Corpus folder nowhere does not exist, so no sources were read from it. ' +
      'Create it and put .txt or .md sources in it, or change the corpus setting (--corpus).',
  }]);
});

test('warns about an unreadable subfolder and lists the rest', async () => {
  const inner = memoryFileSystem({ ...GOOD, 'corpus/locked/a.txt': 'A\n' });
  const fs: FileSystem = {
    ...inner,
    readDirectory: (path) => (path === 'corpus/locked' ? Promise.reject(new Error('EACCES: permission denied')) : inner.readDirectory(path)),
  };
  const { sources, warnings } = await loadCorpus(fs, ['corpus']);
  assert.deepEqual([sources.map((s) => s.key), warnings.map((w) => [w.kind, w.path])], [['good'], [['unreadable', 'corpus/locked']]]);
});

test('a bad file of every kind does not stop the rest from loading', async () => {
  const { keys, warnings } = await load({
    'corpus/a-binary.txt': new Uint8Array([0, 1, 2, 3]),
    'corpus/b-empty.txt': '',
    'corpus/c-locked.txt': null,
    'corpus/d-huge.txt': 'x'.repeat(5000),
    'corpus/e-latin1.txt': new Uint8Array([0x48, 0x69, 0xe9]),
    'corpus/f.txt': 'F headline\n',
    'corpus/sub/g.md': '# G\n',
  }, { maxFileBytes: 4096 });
  assert.deepEqual(keys, ['e-latin1', 'f', 'good', 'sub/g']);
  assert.deepEqual(warnings.map((w) => w.split(':')[0]), [
    'binary corpus/a-binary.txt', 'empty corpus/b-empty.txt', 'unreadable corpus/c-locked.txt',
    'too-large corpus/d-huge.txt', 'invalid-utf8 corpus/e-latin1.txt',
  ]);
});
