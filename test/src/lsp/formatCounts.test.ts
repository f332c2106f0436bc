import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFormats } from '../../../server/out/corpus/formatCounts.js';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { formatsInSlices, formatsOf } from '../../../server/out/lsp/status.js';

async function indexOf(files: Record<string, string>): Promise<CorpusIndex> {
  const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus']);
  return new CorpusIndex(sources);
}

test('the formats counted in slices at the end of an index are those counted at once, and are kept for the status', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3_500; i++) files[`corpus/f${i}.${i % 7 === 0 ? 'md' : 'txt'}`] = `Note ${i}.\n`;
  const index = await indexOf(files);
  const counts = await formatsInSlices(index);
  assert.deepEqual(counts, countFormats(index.sources()));
  assert.deepEqual(counts, { text: 3000, markdown: 500 });
  assert.equal(formatsOf(index), counts, 'the status reads the same counts, not counted again');
});

test('when the index changes while the formats are counted in slices, the count is of the index as it is now', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3_000; i++) files[`corpus/f${i}.txt`] = 'x\n';
  const index = await indexOf(files);
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/new.md': 'A new one.\n' }), ['corpus']);
  let slices = 0;
  // Between the first two slices, a source comes.
  const counts = await formatsInSlices(index, () => (++slices === 1 ? Promise.resolve().then(() => index.set(sources[0]!)) : undefined));
  assert.ok(slices >= 1);
  assert.deepEqual(counts, { text: 3_000, markdown: 1 });
  assert.deepEqual(formatsOf(index), counts);
});
