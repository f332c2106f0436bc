import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { FolderState } from '../../../server/out/lsp/folderState.js';
import { indexFolder, reindexFile } from '../../../server/out/lsp/indexer.js';

const files = (n: number) => {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) out[`/w/corpus/s${String(i).padStart(3, '0')}.txt`] = `Source ${i}\n\nThe words of source number ${i} are here.`;
  return out;
};

test('indexes every corpus file, reporting files done of total', async () => {
  const folder = new FolderState('file:///w', '/w', 'w');
  const seen: string[] = [];
  const finished = await indexFolder(folder, { fs: memoryFileSystem(files(100)) }, { progress: (_f, done, total) => seen.push(`${done}/${total}`) });
  assert.equal(finished, true);
  assert.deepEqual(seen, ['0/0', '32/100', '64/100', '96/100', '100/100']);
  assert.equal(folder.index.size, 100);
  assert.equal(folder.ready, true);
  assert.equal(folder.indexing, null);
});

test('a newer run abandons an older one, and a rebuild keeps the old index until it is done', async () => {
  const folder = new FolderState('file:///w', '/w', 'w');
  const fs = memoryFileSystem(files(3));
  await indexFolder(folder, { fs }, { progress() {} });
  const old = folder.index;
  fs.set('/w/corpus/extra.txt', 'Extra\n\nMore words.');
  let sizeDuring = -1;
  const first = indexFolder(folder, { fs }, { progress: () => { sizeDuring = folder.index.size; } });
  const second = indexFolder(folder, { fs }, { progress() {} });
  assert.deepEqual(await Promise.all([first, second]), [false, true]);
  assert.equal(sizeDuring, 3);
  assert.notEqual(folder.index, old);
  assert.equal(folder.index.size, 4);
});

test('warns about bad files and duplicate keys, and indexes the rest', async () => {
  const folder = new FolderState('file:///w', '/w', 'w');
  const fs = memoryFileSystem({ '/w/corpus/a.txt': 'A\n\nText of a.', '/w/corpus/b.txt': '', '/w/corpus/c.md': '---\nid: a\n---\nSame key.' });
  await indexFolder(folder, { fs }, { progress() {} });
  assert.deepEqual(folder.warnings.map((w) => [w.kind, w.path]), [['empty', '/w/corpus/b.txt'], ['duplicate-key', '/w/corpus/c.md']]);
  assert.deepEqual([...folder.index.sources()].map((s) => s.key), ['a']);
});

test('re-reads one changed, added or deleted file alone', async () => {
  const folder = new FolderState('file:///w', '/w', 'w');
  const fs = memoryFileSystem(files(2));
  await indexFolder(folder, { fs }, { progress() {} });
  fs.set('/w/corpus/new.txt', 'New\n\nFresh words.');
  assert.equal(await reindexFile(folder, fs, '/w/corpus/new.txt'), undefined);
  assert.equal(folder.index.get('new')?.title, 'New');
  fs.delete('/w/corpus/s000.txt');
  await reindexFile(folder, fs, '/w/corpus/s000.txt');
  assert.equal(folder.index.get('s000'), undefined);
  assert.equal(await reindexFile(folder, fs, '/elsewhere/x.txt'), undefined);
  assert.deepEqual([...folder.index.sources()].map((s) => s.key).sort(), ['new', 's001']);
});

test('with saveLater, a folder is ready before its index is saved, and the later save is reused on the next open', async () => {
  const fs = memoryFileSystem(files(3));
  const cacheDir = '/w/.cache';
  const saved = async () => (await fs.readDirectory(cacheDir).catch(() => [])).length > 0;
  const folder = new FolderState('file:///w', '/w', 'w');
  const saves: { ready: boolean; save: () => Promise<string | undefined> }[] = [];
  await indexFolder(folder, { fs, cacheDir }, { progress() {}, saveLater: (f, save) => saves.push({ ready: f.ready, save }) });
  assert.equal(saves.length, 1);
  assert.equal(saves[0]!.ready, true);
  assert.equal(await saved(), false, 'nothing is saved before the save is run');
  assert.equal(await saves[0]!.save(), undefined);
  assert.equal(await saved(), true);

  const reopened = new FolderState('file:///w', '/w', 'w');
  const reports: string[] = [];
  const again: unknown[] = [];
  await indexFolder(reopened, { fs, cacheDir }, { progress() {}, cache: (_f, r) => reports.push(`${r.status} ${r.reusedFiles}`), saveLater: (_f, save) => again.push(save) });
  assert.deepEqual(reports, ['reused 3']);
  assert.equal(again.length, 0, 'an index equal to the saved one is not saved again');
});
