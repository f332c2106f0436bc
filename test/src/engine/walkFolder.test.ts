import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { walkFolder } from '../../../server/out/engine/walkFolder.js';
import { listDrafts } from '../../../server/out/features/listDrafts.js';

const TREE = {
  'w/a/1.md': '1',
  'w/a/2.md': '2',
  'w/b.md': 'b',
  'w/.hidden/h.md': 'h',
  'w/node_modules/n.md': 'n',
  'w/linked': { symlink: '.hidden' },
  'w/out': { symlink: '../elsewhere' },
  'elsewhere/e.md': 'e',
};

test('drafts and corpus folders are walked alike, but only a corpus walk follows a link (and only inside its folder)', async () => {
  const wanted = (name: string) => name.endsWith('.md');
  const drafts = await walkFolder(memoryFileSystem(TREE), 'w', { wanted, links: 'ignore' });
  assert.deepEqual(drafts.files.map((f) => f.path), ['w/a/1.md', 'w/a/2.md', 'w/b.md']);
  assert.deepEqual(drafts.problems, []);
  const corpus = await walkFolder(memoryFileSystem(TREE), 'w', { wanted, links: 'inside' });
  assert.deepEqual(corpus.files.map((f) => [f.path, f.realPath]),
    [['w/a/1.md', 'w/a/1.md'], ['w/a/2.md', 'w/a/2.md'], ['w/b.md', 'w/b.md'], ['w/linked/h.md', 'w/.hidden/h.md']]);
  assert.deepEqual(corpus.problems, [{ kind: 'link', path: 'w/out', why: 'to a place outside the corpus folders' }]);
});

test('a limit keeps the first files of a depth-first walk in listing order', async () => {
  assert.deepEqual(await listDrafts(memoryFileSystem(TREE), 'w', [], 2), ['w/a/1.md', 'w/a/2.md']);
  assert.deepEqual(await listDrafts(memoryFileSystem(TREE), 'w', ['w/a'], 2), ['w/b.md']);
});

test('a missing folder and one nested too deep are problems, and the rest is listed', async () => {
  const deep = Object.fromEntries([[`w/${'d/'.repeat(34)}x.md`, 'x'], ['w/y.md', 'y']]);
  const walked = await walkFolder(memoryFileSystem(deep), 'w', { wanted: () => true, links: 'ignore' });
  assert.deepEqual(walked.files.map((f) => f.path), ['w/y.md']);
  assert.deepEqual(walked.problems, [{ kind: 'too-deep', path: `w/${'d/'.repeat(32)}d` }]);
  assert.deepEqual((await walkFolder(memoryFileSystem({}), 'none', { wanted: () => true, links: 'inside' })).problems,
    [{ kind: 'missing-folder', path: 'none', what: 'does not exist' }]);
});

test('a folder of thousands of files (sorted in slices) is listed by path, as a small one is', async () => {
  const tree: Record<string, string> = {};
  // Names in no particular order, nested, with digits that sort as text (f10 before f9).
  for (let i = 0; i < 12_000; i++) tree[`w/d${(i * 7919) % 13}/f${(i * 104_729) % 12_000}.md`] = 'x';
  const { files } = await walkFolder(memoryFileSystem(tree), 'w', { wanted: (n) => n.endsWith('.md'), links: 'inside' });
  const expected = Object.keys(tree).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.equal(files.length, expected.length);
  assert.deepEqual(files.map((f) => f.path), expected);
});
