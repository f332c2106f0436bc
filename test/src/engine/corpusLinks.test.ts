import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listCorpusFiles, loadCorpus } from '../../../server/out/corpus/index.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';

// Symbolic links in a corpus: nothing outside the corpus folders is read, each
// real file is indexed once under one key, and a loop is one warning, never a recursion.

const TEXT = 'The Harbor\n\nThe harbor reopened on Monday after the storm.\n';

test('a link to a file outside the corpus is not read, and gets one warning', async () => {
  const fs = memoryFileSystem({
    'repo/.git/config': '[remote]\n\ttoken = ghp_SECRET_TOKEN_VALUE\n',
    'repo/corpus/a.txt': TEXT,
    'repo/corpus/notes.txt': { symlink: '../.git/config' },
    'repo/corpus/etc': { symlink: '../../etc' },
    'etc/passwd.txt': 'root:x:0:0',
  });
  const { sources, warnings } = await loadCorpus(fs, ['repo/corpus']);
  assert.deepEqual(sources.map((s) => s.key), ['a']);
  assert.deepEqual(warnings.map((w) => [w.kind, w.path]), [['link', 'repo/corpus/etc'], ['link', 'repo/corpus/notes.txt']]);
  assert.doesNotMatch(JSON.stringify(warnings), /SECRET|passwd/);
});

test('links that loop are each one warning: a/up -> .., b/up -> .., self -> .', async () => {
  const fs = memoryFileSystem({
    'corpus/a/x.txt': TEXT,
    'corpus/b/y.txt': TEXT,
    'corpus/a/up': { symlink: '..' },
    'corpus/b/up': { symlink: '..' },
    'corpus/self': { symlink: '.' },
    'corpus/ring1': { symlink: 'ring2' },
    'corpus/ring2': { symlink: 'ring1' },
  });
  const { files, warnings } = await listCorpusFiles(fs, 'corpus');
  assert.deepEqual(files.map((f) => f.path), ['corpus/a/x.txt', 'corpus/b/y.txt']);
  assert.deepEqual(warnings.map((w) => w.path), ['corpus/a/up', 'corpus/b/up', 'corpus/ring1', 'corpus/ring2', 'corpus/self']);
  assert.ok(warnings.every((w) => w.kind === 'link'));
  const { index } = await openIndex(fs, ['corpus']);
  assert.deepEqual([...index.sources()].map((s) => s.key).sort(), ['a/x', 'b/y']);
});

test('a link within the corpus is followed; a file reached twice is indexed once, under its own path and folder', async () => {
  const fs = memoryFileSystem({
    'corpus/books/harbor.txt': TEXT,
    'corpus/alias.txt': { symlink: 'books/harbor.txt' },
    'corpus/shelf': { symlink: 'books' },
    'corpus/other/more.txt': TEXT.replace('Harbor', 'More'),
    'corpus/z-more': { symlink: 'other' },
    'shared/extra.txt': TEXT,
    'corpus/into-second': { symlink: '../shared' },
  });
  const { sources, warnings } = await loadCorpus(fs, ['corpus', 'shared']);
  assert.deepEqual(sources.map((s) => s.key), ['books/harbor', 'other/more', 'extra']);
  assert.deepEqual(warnings.map((w) => w.path), ['corpus/alias.txt', 'corpus/into-second', 'corpus/shelf', 'corpus/z-more']);
  assert.match(warnings[1]!.message, /another corpus folder/);
});

test('a thousand nested folders are walked without recursion, the deep ones refused with one warning', async () => {
  const deep = Array.from({ length: 1000 }, () => 'd').join('/');
  const fs = memoryFileSystem({ [`corpus/${deep}/x.txt`]: TEXT, 'corpus/top.txt': TEXT });
  const { files, warnings } = await listCorpusFiles(fs, 'corpus');
  assert.deepEqual(files.map((f) => f.path), ['corpus/top.txt']);
  assert.equal(warnings.length, 1);
});
