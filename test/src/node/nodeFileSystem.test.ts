import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
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
  await mkdir(`${root}/corpus/inside`);
  await writeFile(`${root}/corpus/inside/linked.md`, '# Linked\n');
  await symlink(`${root}/elsewhere/linked.md`, `${root}/corpus/out.md`);
  await symlink(`${root}/elsewhere`, `${root}/corpus/outdir`);
  await symlink('inside/linked.md', `${root}/corpus/link.md`);
  await symlink('sotu', `${root}/corpus/linkdir`);
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

test('reads a large file whole in a buffer of its own, an empty one, and one whose size the system does not give', async () => {
  // 5 MB of varied bytes: read in one call now (FileHandle.readFile read 512 KB a call), the same bytes.
  const big = new Uint8Array(5 * 1024 * 1024 + 3).map((_, i) => (i * 7919) % 251);
  await writeFile(`${root}/big.bin`, big);
  const read = await nodeFileSystem.readFile(`${root}/big.bin`);
  assert.deepEqual(read, big);
  // Its own buffer, so the BibTeX thread can be given it without a copy.
  assert.equal(read.byteLength, read.buffer.byteLength);
  await writeFile(`${root}/empty.txt`, '');
  assert.equal((await nodeFileSystem.readFile(`${root}/empty.txt`)).length, 0);
  if (process.platform === 'linux') {
    // A regular file of size 0 that has content: read to its end.
    const status = new TextDecoder().decode(await nodeFileSystem.readFile('/proc/self/status'));
    assert.match(status, /^Name:/);
    assert.match(status, /\nPid:\s+\d+/);
  }
  await assert.rejects(nodeFileSystem.readFile(`${root}/corpus`), /EISDIR|EINVAL/);
});

test('lists symbolic links as links, without following them, and resolves their real paths', async () => {
  const entries = [...(await nodeFileSystem.readDirectory(`${root}/corpus`))].sort((a, b) => (a.name < b.name ? -1 : 1));
  assert.deepEqual(entries, [
    { name: 'a.txt', kind: 'file' },
    { name: 'broken.txt', kind: 'symlink' },
    { name: 'inside', kind: 'directory' },
    { name: 'link.md', kind: 'symlink' },
    { name: 'linkdir', kind: 'symlink' },
    { name: 'out.md', kind: 'symlink' },
    { name: 'outdir', kind: 'symlink' },
    { name: 'sotu', kind: 'directory' },
  ]);
  const real = await nodeFileSystem.realPath(root);
  assert.equal(await nodeFileSystem.realPath(`${root}/corpus/link.md`), `${real}/corpus/inside/linked.md`);
  await assert.rejects(nodeFileSystem.realPath(`${root}/corpus/broken.txt`), /ENOENT/);
});

test('loads a corpus from disk, following links only within it, each file once, and warning of the others', async () => {
  const { sources, warnings } = await loadCorpus(nodeFileSystem, [`${root}/corpus`]);
  assert.deepEqual(sources.map((s) => [s.key, s.title]), [
    ['a', 'Headline A'], ['inside/linked', 'Linked'], ['sotu/1862', 'Annual Message'],
  ]);
  assert.deepEqual(warnings.map((w) => [w.kind, w.path.slice(root.length + 1)]), [
    ['link', 'corpus/broken.txt'], ['link', 'corpus/link.md'], ['link', 'corpus/linkdir'], ['link', 'corpus/out.md'], ['link', 'corpus/outdir'],
  ]);
  assert.match(warnings[3]!.message, /outside the corpus folders/);
  assert.doesNotMatch(warnings.map((w) => w.message).join('\n'), /elsewhere/, 'a warning does not name what lies outside');
});

test('openFile reads any range of a file as it was when opened, after the path is replaced by a rename', async () => {
  const path = `${root}/saved.bin`;
  await writeFile(path, 'abcdefghij');
  const file = await nodeFileSystem.openFile!(path);
  assert.equal(file.size, 10);
  await writeFile(`${root}/saved.tmp`, 'XXXXXXXXXXXXXXX');
  await rename(`${root}/saved.tmp`, path);
  assert.equal(new TextDecoder().decode(file.readRange(3, 4)), 'defg');
  assert.equal(new TextDecoder().decode(file.readRange(8, 10)), 'ij', 'fewer bytes only past its end');
  assert.equal(new TextDecoder().decode(await file.readAll()), 'abcdefghij');
  await assert.rejects(nodeFileSystem.openFile!(`${root}/corpus`), /EINVAL|EISDIR/);
});
