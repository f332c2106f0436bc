import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyCompletions } from '../../../server/out/features/keyCompletion.js';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { fixtureIndex } from './featuresFixture.js';

const AT = { kind: 'key', prefix: '', span: { start: 0, end: 0 } } as const;

test('`[@` lists the keys in order, and a source added since is listed at once (the first keys are kept per index version)', async () => {
  const index = await fixtureIndex();
  const before = keyCompletions(index, AT).items.map((i) => i.label);
  assert.deepEqual(before, [...index.keys()].sort());
  assert.deepEqual(keyCompletions(index, AT).items.map((i) => i.label), before, 'the same list when asked again');
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/aaa.txt': 'A new source, first by key.\n' }), ['corpus']);
  index.set(sources[0]!);
  assert.deepEqual(keyCompletions(index, AT).items.map((i) => i.label), ['aaa', ...before]);
  index.deletePath(sources[0]!.path);
  assert.deepEqual(keyCompletions(index, AT).items.map((i) => i.label), before);
});
