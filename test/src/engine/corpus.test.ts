import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import type { FileSystem } from '../../../server/out/engine/io.js';
import { keyForPath, listCorpusFiles, loadCorpus, loadSource, parseFrontMatter } from '../../../server/out/corpus/index.js';
import type { Source } from '../../../server/out/corpus/source.js';

test('keys a source by its path without the extension', () => {
  assert.equal(keyForPath('sotu/1862_abraham_lincoln_n.txt'), 'sotu/1862_abraham_lincoln_n');
  assert.equal(keyForPath('000_5b963e663469ef88.txt'), '000_5b963e663469ef88');
  assert.equal(keyForPath('notes.v2.MD'), 'notes.v2');
  assert.equal(keyForPath('a\\b\\c.md'), 'a/b/c');
  assert.equal(keyForPath('./x.txt'), 'x');
});

test('keys nested sources by their path under the corpus folder', async () => {
  const fs = memoryFileSystem({
    'corpus/top.txt': 'Top\n\nText.',
    'corpus/sotu/1862_abraham_lincoln_n.txt': 'Lincoln\n\nText.',
    'corpus/a/b/deep.md': '# Deep\n\nText.',
  });
  const { sources } = await loadCorpus(fs, ['corpus']);
  assert.deepEqual(sources.map((s) => [s.key, s.path]), [
    ['a/b/deep', 'corpus/a/b/deep.md'],
    ['sotu/1862_abraham_lincoln_n', 'corpus/sotu/1862_abraham_lincoln_n.txt'],
    ['top', 'corpus/top.txt'],
  ]);
});

test('lists text, Markdown, PDF, web page, Word and EPUB files in any case, skipping dot-folders, node_modules and other files', async () => {
  const fs = memoryFileSystem({
    'corpus/a.TXT': 'x', 'corpus/b.Md': 'x', 'corpus/c.pdf': 'x', 'corpus/d.txt.bak': 'x',
    'corpus/.git/e.txt': 'x', 'corpus/node_modules/f.md': 'x', 'corpus/.hidden.txt': 'x', 'corpus/sub/g.txt': 'x',
    'corpus/h.HTM': 'x', 'corpus/i.html': 'x', 'corpus/j.xhtml': 'x', 'corpus/k.docx': 'x', 'corpus/l.epub': 'x',
    'corpus/m.doc': 'x', 'corpus/n.pdf.part': 'x', 'corpus/.o.pdf': 'x',
  });
  assert.deepEqual(await listCorpusFiles(fs, 'corpus'), {
    files: [
      { path: 'corpus/a.TXT', relativePath: 'a.TXT', realPath: 'corpus/a.TXT' },
      { path: 'corpus/b.Md', relativePath: 'b.Md', realPath: 'corpus/b.Md' },
      { path: 'corpus/c.pdf', relativePath: 'c.pdf', realPath: 'corpus/c.pdf' },
      { path: 'corpus/h.HTM', relativePath: 'h.HTM', realPath: 'corpus/h.HTM' },
      { path: 'corpus/i.html', relativePath: 'i.html', realPath: 'corpus/i.html' },
      { path: 'corpus/j.xhtml', relativePath: 'j.xhtml', realPath: 'corpus/j.xhtml' },
      { path: 'corpus/k.docx', relativePath: 'k.docx', realPath: 'corpus/k.docx' },
      { path: 'corpus/l.epub', relativePath: 'l.epub', realPath: 'corpus/l.epub' },
      { path: 'corpus/sub/g.txt', relativePath: 'sub/g.txt', realPath: 'corpus/sub/g.txt' },
    ],
    warnings: [],
  });
});

test('reads several corpus folders, each keyed relative to its own folder', async () => {
  const fs = memoryFileSystem({ 'news/a.txt': 'A headline\n\nText.', 'books/b.txt': 'B headline\n\nText.' });
  const { sources } = await loadCorpus(fs, ['news', 'books']);
  assert.deepEqual(sources.map((s) => s.key), ['b', 'a']);
});

test('returns sources sorted by path whatever order the folder lists them in', async () => {
  const inner = memoryFileSystem({ 'corpus/b.txt': 'B\n', 'corpus/a.txt': 'A\n', 'corpus/c.txt': 'C\n' });
  const fs: FileSystem = { ...inner, readDirectory: async (p) => [...(await inner.readDirectory(p))].reverse() };
  const { sources } = await loadCorpus(fs, ['corpus']);
  assert.deepEqual(sources.map((s) => s.path), ['corpus/a.txt', 'corpus/b.txt', 'corpus/c.txt']);
});

test('describes a source with its text, size and modification time', async () => {
  const fs = memoryFileSystem({ 'corpus/a.txt': 'Headline here\r\nBody.' });
  const { source } = await loadSource(fs, 'corpus', 'corpus/a.txt');
  assert.deepEqual(described(source!), {
    key: 'a', path: 'corpus/a.txt', text: 'Headline here\r\nBody.', bodyStart: 0, title: 'Headline here', size: 20, mtimeMs: 1,
    opening: 'Headline here\r\nBody.',
  });
});

test('loads one file on its own, keyed relative to the folder', async () => {
  const fs = memoryFileSystem({ 'corpus/sotu/1862_abraham_lincoln_n.txt': 'Annual message\n\nText.' });
  const { source, warning } = await loadSource(fs, 'corpus/', 'corpus/sotu/1862_abraham_lincoln_n.txt');
  assert.equal(warning, undefined);
  assert.equal(source?.key, 'sotu/1862_abraham_lincoln_n');
});

test('parses simple front matter fields, unquoting values and dropping comments', () => {
  const text = '---\r\nTitle: "The \\"Big\\" One"\r\nauthor: \'O\'\'Brien\'\r\ndate: 2024-05-29 # day of publication\r\n' +
    'url: https://example.org/a#b\r\ntags:\r\n  - war\r\n---\r\nBody';
  assert.deepEqual(parseFrontMatter(text), {
    fields: { title: 'The "Big" One', author: "O'Brien", date: '2024-05-29', url: 'https://example.org/a#b' },
    bodyStart: text.indexOf('Body'),
  });
});

test('treats an unclosed or absent front matter block as body text', () => {
  assert.deepEqual(parseFrontMatter('---\ntitle: x\nno end'), { fields: {}, bodyStart: 0 });
  assert.deepEqual(parseFrontMatter('title: x\n---\n'), { fields: {}, bodyStart: 0 });
});

test('takes a Markdown source\'s id, title, author, date and url from its front matter', async () => {
  const text = '---\nid: lincoln1862\ntitle: Annual Message to Congress\nauthor: Abraham Lincoln\ndate: 1862-12-01\n' +
    'url: https://example.org/1862\n---\n# Ignored heading\n\nFellow-citizens...';
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/sotu/1862.md': text }), ['corpus']);
  const { text: _text, size: _size, mtimeMs: _mtime, opening, ...fields } = described(sources[0]!);
  assert.equal(opening, '# Ignored heading\n\nFellow-citizens...');
  assert.deepEqual(fields, {
    key: 'lincoln1862', path: 'corpus/sotu/1862.md', bodyStart: text.indexOf('# Ignored'),
    title: 'Annual Message to Congress', author: 'Abraham Lincoln', date: '1862-12-01', url: 'https://example.org/1862',
  });
});

test('does not read front matter in a .txt source', async () => {
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/a.txt': '---\nid: other\n---\nHeadline\n' }), ['corpus']);
  assert.deepEqual([sources[0]?.key, sources[0]?.bodyStart], ['a', 0]);
});

test('reports progress after each file', async () => {
  const fs = memoryFileSystem({ 'corpus/a.txt': 'A\n', 'corpus/b.txt': '', 'corpus/c.txt': 'C\n' });
  const calls: [number, number][] = [];
  await loadCorpus(fs, ['corpus'], {}, (done, total) => calls.push([done, total]));
  assert.deepEqual(calls, [[1, 3], [2, 3], [3, 3]]);
});

test('loads nothing when cancelled before it starts', async () => {
  const calls: number[] = [];
  const result = await loadCorpus(memoryFileSystem({ 'corpus/a.txt': 'A\n' }), ['corpus'], {}, (done) => calls.push(done),
    { isCancellationRequested: true });
  assert.deepEqual([result.sources, calls], [[], []]);
});

test('starts no further file once cancelled, keeping what was loaded in path order', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i++) files[`corpus/${String(i).padStart(3, '0')}.txt`] = `Headline ${i}\n`;
  const token = { isCancellationRequested: false };
  const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus'], {}, () => { token.isCancellationRequested = true; }, token);
  assert.ok(sources.length > 0 && sources.length < 100, `loaded ${sources.length}`);
  assert.deepEqual(sources.map((s) => s.key), sources.map((_, i) => String(i).padStart(3, '0')));
});

test('reads files concurrently but never more than sixteen at once', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`corpus/${i}.txt`] = `Headline ${i}\n`;
  const inner = memoryFileSystem(files);
  let inFlight = 0;
  let most = 0;
  const fs: FileSystem = {
    ...inner,
    async readFile(path) {
      most = Math.max(most, ++inFlight);
      try { return await inner.readFile(path); } finally { inFlight--; }
    },
  };
  const { sources } = await loadCorpus(fs, ['corpus']);
  assert.equal(sources.length, 60);
  assert.ok(most > 1 && most <= 16, `at most ${most} reads in flight`);
});

test('reads a file listed by two overlapping corpus folders once, keyed by the first folder', async () => {
  const fs = memoryFileSystem({ 'corpus/sotu/1862.txt': 'Annual message\n' });
  const { sources, warnings } = await loadCorpus(fs, ['corpus', 'corpus/sotu']);
  assert.deepEqual([sources.map((s) => s.key), warnings], [['sotu/1862'], []]);
});

test('stops walking folders nested too deep, as a symbolic link loop makes them, with one warning', async () => {
  const loop: FileSystem = {
    readFile: () => Promise.reject(new Error('ENOENT')),
    stat: async () => ({ kind: 'directory', size: 0, mtimeMs: 0 }),
    readDirectory: async () => [{ name: 'loop', kind: 'directory' }],
    realPath: async (p) => p,
  };
  const { files, warnings } = await listCorpusFiles(loop, 'corpus');
  assert.deepEqual([files, warnings.map((w) => [w.kind, w.path.split('/').length])], [[], [['unreadable', 34]]]);
});

/** A source's fields as plain data (a `LazySource` keeps its text behind a getter). */
function described(source: Source): Record<string, unknown> {
  const { key, path, text, bodyStart, title, author, date, url, opening, size, mtimeMs } = source;
  return Object.fromEntries(Object.entries({ key, path, text, bodyStart, title, author, date, url, opening, size, mtimeMs })
    .filter(([, value]) => value !== undefined));
}
