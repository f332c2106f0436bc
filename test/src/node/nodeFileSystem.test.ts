import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../server/out/node/nodeFileSystem.js';
import { loadCorpus } from '../../../server/out/corpus/index.js';

let root = '';

before(async () => {
  root = (await mkdtemp(join(tmpdir(), 'verbatim-fs-'))).replace(/\\/g, '/');
  await mkdir(`${root}/corpus/sotu`, { recursive: true });
  await mkdir(`${root}/elsewhere`);
  await writeFile(`${root}/corpus/a.txt`, 'Headline A\n\nText.');
  await writeFile(`${root}/corpus/sotu/1862.txt`, '\uFEFFAnnual Message\n\nText.');
  await writeFile(`${root}/elsewhere/linked.md`, '# Linked\n');
  await symlink(`${root}/elsewhere/linked.md`, `${root}/corpus/link.md`);
  await symlink(`${root}/elsewhere`, `${root}/corpus/linkdir`);
  await symlink(`${root}/nothing-here`, `${root}/corpus/broken.txt`);
});

after(() => rm(root, { recursive: true, force: true }));

test('stats files and folders, and resolves undefined for a missing path', async () => {
  assert.deepEqual(
    [(await nodeFileSystem.stat(`${root}/corpus/a.txt`))?.kind, (await nodeFileSystem.stat(`${root}/corpus/a.txt`))?.size,
      (await nodeFileSystem.stat(`${root}/corpus`))?.kind, await nodeFileSystem.stat(`${root}/missing.txt`),
      await nodeFileSystem.stat(`${root}/corpus/a.txt/under-a-file`)],
    ['file', 17, 'directory', undefined, undefined],
  );
});

test('reads a file as bytes and rejects with the reason for a missing one', async () => {
  assert.equal(new TextDecoder().decode(await nodeFileSystem.readFile(`${root}/corpus/a.txt`)), 'Headline A\n\nText.');
  await assert.rejects(nodeFileSystem.readFile(`${root}/missing.txt`), /ENOENT/);
});

test('lists symbolic links by what they point to, and a broken one as other', async () => {
  const entries = [...(await nodeFileSystem.readDirectory(`${root}/corpus`))].sort((a, b) => (a.name < b.name ? -1 : 1));
  assert.deepEqual(entries, [
    { name: 'a.txt', kind: 'file' },
    { name: 'broken.txt', kind: 'other' },
    { name: 'link.md', kind: 'file' },
    { name: 'linkdir', kind: 'directory' },
    { name: 'sotu', kind: 'directory' },
  ]);
});

test('loads a corpus from disk through the adapter', async () => {
  const { sources, warnings } = await loadCorpus(nodeFileSystem, [`${root}/corpus`]);
  assert.deepEqual(sources.map((s) => [s.key, s.title]), [
    ['a', 'Headline A'], ['link', 'Linked'], ['linkdir/linked', 'Linked'], ['sotu/1862', 'Annual Message'],
  ]);
  assert.deepEqual(warnings, []);
});
