import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { keyCompletions, LARGE_CORPUS } from '../../../server/out/features/keyCompletion.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';

async function indexOf(files: Record<string, string>): Promise<CorpusIndex> {
  const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus']);
  return new CorpusIndex(sources);
}

test('key completion over a corpus past LARGE_CORPUS: the typed key first, then keys beginning and holding it, then titles; the list cut and marked incomplete', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i <= LARGE_CORPUS; i++) files[`corpus/d${String(Math.floor(i / 1000)).padStart(3, '0')}/f${i % 1000}.md`] = `# Note ${i}${i === 4321 ? ' on the Gettysburg Address' : ''}\n\nText ${i}.\n`;
  const index = await indexOf(files);
  assert.ok(index.size > LARGE_CORPUS);
  const context = (prefix: string) => ({ kind: 'key' as const, prefix, span: { start: 0, end: prefix.length } });
  const typed = keyCompletions(index, context('d003/f12'));
  assert.deepEqual(typed.items.slice(0, 3).map((i) => i.label), ['d003/f12', 'd003/f120', 'd003/f121']);
  assert.ok(typed.items.every((i) => i.label.startsWith('d003/f12')));
  assert.equal(typed.isIncomplete, true);
  const all = keyCompletions(index, context(''));
  assert.equal(all.items.length, 500);
  assert.equal(all.isIncomplete, true);
  assert.deepEqual(all.items.slice(0, 2).map((i) => i.label), ['d000/f0', 'd000/f1']);
  assert.deepEqual(keyCompletions(index, context('gettysburg')).items.map((i) => i.label), ['d004/f321']);
  // Inside keys: `f321` ends five (d000 to d004).
  assert.deepEqual(keyCompletions(index, context('f321')).items.map((i) => i.label), ['d000/f321', 'd001/f321', 'd002/f321', 'd003/f321', 'd004/f321']);
});
