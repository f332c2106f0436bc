import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { sampleDraft, sampleQuotes } from '../../../server/out/index/quoteSampler.js';
import { buildSegmentData, SEGMENT_ARRAYS } from '../../../server/out/index/segmentData.js';
import { workerBuilder } from '../../../server/out/node/workerBuilder.js';
import { sampleFiles, sampleIndex } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';

const docs = Object.values(sampleFiles).map((text) => ({ text, bodyStart: 0 }));

test('a worker thread builds exactly the segment this thread builds', async () => {
  const builder = workerBuilder(2, 2000, 0);
  try {
    const [fromWorker, again] = await Promise.all([builder.build(docs), builder.build(docs.slice(1))]);
    const local = buildSegmentData(docs);
    for (const name of SEGMENT_ARRAYS) assert.deepEqual(fromWorker[name], local[name], name);
    assert.deepEqual(again.terms, buildSegmentData(docs.slice(1)).terms);
  } finally {
    await builder.close();
  }
});

test('an index built on worker threads gives the verdicts of the plain index', async () => {
  const plain = await sampleIndex();
  const draft = sampleDraft(sampleQuotes(plain, { count: 60, seed: 9 }));
  const builder = workerBuilder(2, 2000, 0);
  try {
    const { index } = await openIndex(memoryFileSystem({ ...sampleFiles }), ['corpus'], { builder });
    assert.deepEqual(verdictsOf(index, draft), verdictsOf(plain, draft));
  } finally {
    await builder.close();
  }
});

test('a closed builder starts threads again when given more work', async () => {
  const builder = workerBuilder(1, 2000, 0);
  await builder.close();
  const data = await builder.build(docs.slice(0, 1));
  assert.deepEqual(data.terms, buildSegmentData(docs.slice(0, 1)).terms);
  await builder.close();
});
