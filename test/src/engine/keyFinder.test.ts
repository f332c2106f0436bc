import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { findSources } from '../../../server/out/features/keyFinder.js';
import { suggestKeys } from '../../../server/out/features/suggestKeys.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';

const FILES = {
  'corpus/lincoln1862.md': '---\ntitle: Annual Message to Congress\n---\nFellow-citizens of the Senate.\n',
  'corpus/report.txt': 'Troop Levels\n\nOfficials said the army moved.\n',
};

test('completion and "did you mean" find through one finder, which sees a source as soon as the index has it', async () => {
  const { sources } = await loadCorpus(memoryFileSystem(FILES), ['corpus']);
  const index = new CorpusIndex(sources);
  assert.deepEqual(findSources(index, 'complete', 'lincon').map((h) => h.item.key), ['lincoln1862']);
  assert.deepEqual(suggestKeys(index, 'lincon1862'), ['lincoln1862']);
  assert.deepEqual(suggestKeys(index, 'harbr'), []);
  const added = await loadCorpus(memoryFileSystem({ 'corpus/harbor.txt': 'Harbor News\n\nThe harbor reopened.\n' }), ['corpus']);
  index.set(added.sources[0]!);
  assert.deepEqual(findSources(index, 'complete', 'harbr').map((h) => h.item.key), ['harbor']);
  assert.deepEqual(suggestKeys(index, 'harbr'), ['harbor']);
});

test('completing weighs a title word more than correcting a key does', async () => {
  const { sources } = await loadCorpus(memoryFileSystem(FILES), ['corpus']);
  const index = new CorpusIndex(sources);
  const score = (use: 'complete' | 'correct') => findSources(index, use, 'Congress').find((h) => h.item.key === 'lincoln1862')?.score;
  const completing = score('complete');
  const correcting = score('correct');
  assert.ok(completing !== undefined && correcting !== undefined, 'the title word is found both ways');
  assert.ok(completing < correcting, `complete ${completing} < correct ${correcting}`);
});
