import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { sampleDraft, sampleQuotes } from '../../../server/out/index/quoteSampler.js';
import { buildSegmentData, SEGMENT_ARRAYS } from '../../../server/out/index/segmentData.js';
import { packGroup, unpackGroup } from '../../../server/out/node/segmentWire.js';
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

test('a group is sent to a thread packed (one string, typed arrays) and builds the segment its documents build', async () => {
  const withChunks = docs.map((d, i) => (i % 2 === 0 ? { ...d, chunkStarts: new Uint32Array([0, 4096 + i, 8192 + i]) } : d));
  const packed = packGroup(withChunks)!;
  assert.equal(typeof packed.texts, 'string');
  const local = buildSegmentData(withChunks);
  const unpacked = buildSegmentData(unpackGroup(packed));
  for (const name of SEGMENT_ARRAYS) assert.deepEqual(unpacked[name], local[name], name);
  assert.ok(local.chunkStarts.length > 0);
  // A document given by its bytes is sent as it is.
  assert.equal(packGroup([...withChunks, { encoded: new TextEncoder().encode('a b c'), bodyStart: 0 }]), undefined);
  const builder = workerBuilder(1, 2000, 0);
  try {
    const fromWorker = await builder.build(withChunks);
    for (const name of SEGMENT_ARRAYS) assert.deepEqual(fromWorker[name], local[name], name);
  } finally {
    await builder.close();
  }
});
