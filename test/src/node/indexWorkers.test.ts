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

test('a group is sent to a thread packed (UTF-8 bytes, typed arrays) and builds the segment its documents build', async () => {
  const withChunks = docs.map((d, i) => (i % 2 === 0 ? { ...d, chunkStarts: new Uint32Array([0, 4096 + i, 8192 + i]) } : d));
  // A long text, encoded in several steps, with a surrogate pair across a step's end.
  const long = { text: `${'word '.repeat(52_428)}xyz😀 “end” é ${'more words '.repeat(40_000)}`, bodyStart: 3 };
  const group = [...withChunks, long];
  const packed = (await packGroup(group))!;
  assert.ok(packed.bytes instanceof Uint8Array);
  assert.deepEqual(unpackGroup(packed).map((d) => d.text), group.map((d) => d.text));
  const local = buildSegmentData(group);
  const unpacked = buildSegmentData(unpackGroup(packed));
  for (const name of SEGMENT_ARRAYS) assert.deepEqual(unpacked[name], local[name], name);
  assert.ok(local.chunkStarts.length > 0);
  // A document given by its bytes, or holding a lone surrogate (UTF-8 cannot carry it), is sent as it is.
  assert.equal(await packGroup([...withChunks, { encoded: new TextEncoder().encode('a b c'), bodyStart: 0 }]), undefined);
  assert.equal(await packGroup([...withChunks, { text: 'a \ud800 b', bodyStart: 0 }]), undefined);
  const builder = workerBuilder(1, 2000, 0);
  try {
    const fromWorker = await builder.build(group);
    for (const name of SEGMENT_ARRAYS) assert.deepEqual(fromWorker[name], local[name], name);
    const lone = [...withChunks, { text: 'a \ud800 b \udc00 c', bodyStart: 0 }];
    const fromWorkerLone = await builder.build(lone);
    const localLone = buildSegmentData(lone);
    for (const name of SEGMENT_ARRAYS) assert.deepEqual(fromWorkerLone[name], localLone[name], name);
  } finally {
    await builder.close();
  }
});
