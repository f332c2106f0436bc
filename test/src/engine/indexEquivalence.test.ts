import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/index.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { sampleDraft, sampleQuotes } from '../../../server/out/index/quoteSampler.js';
import { sampleFiles, sampleIndex } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';

const plain = await sampleIndex();
const quotes = sampleQuotes(plain, { count: 120, seed: 42, minWords: 6, maxWords: 20 });
const draft = sampleDraft(quotes);

test('the sampler draws verbatim and changed quotations of every kind from the sample corpus', () => {
  const kinds = new Set(quotes.map((q) => q.change));
  assert.deepEqual([...kinds].sort(), ['negation', 'number', 'verbatim', 'word']);
  assert.equal(quotes.length, 120);
});

test('the sampler draws the same quotations for the same seed, and others for another', () => {
  assert.deepEqual(sampleQuotes(plain, { count: 120, seed: 42, minWords: 6, maxWords: 20 }), quotes);
  assert.notDeepEqual(sampleQuotes(plain, { count: 120, seed: 43, minWords: 6, maxWords: 20 }), quotes);
});

test('no sampled verbatim quotation is flagged and no changed one passes as verbatim', () => {
  const verdicts = verdictsOf(plain, draft);
  assert.equal(verdicts.length, quotes.length);
  quotes.forEach((q, i) => {
    if (q.change === 'verbatim') assert.equal(verdicts[i], `verbatim @${q.key}`, q.text);
    else assert.ok(!verdicts[i]!.startsWith('verbatim'), `${q.change}: ${q.text} → ${verdicts[i]}`);
  });
});

test('an index of one segment per source gives the same verdicts as one built at once', async () => {
  const { sources } = await loadCorpus(memoryFileSystem(sampleFiles), ['corpus']);
  const piecewise = new CorpusIndex();
  for (const source of sources) piecewise.set(source);
  assert.equal(piecewise.segmentCount, sources.length);
  assert.deepEqual(verdictsOf(piecewise, draft), verdictsOf(plain, draft));
});

test('an index reopened from its saved form gives the same verdicts as the plain one', async () => {
  const fs = memoryFileSystem({ ...sampleFiles });
  const built = await openIndex(fs, ['corpus'], { cacheDir: 'cache' });
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: 'cache' });
  assert.equal(reopened.cache.status, 'reused');
  const expected = verdictsOf(plain, draft);
  assert.deepEqual(verdictsOf(built.index, draft), expected);
  assert.deepEqual(verdictsOf(reopened.index, draft), expected);
});

test('a saved index with one source changed and one removed gives the verdicts of a fresh index of the same files', async () => {
  const fs = memoryFileSystem({ ...sampleFiles });
  await openIndex(fs, ['corpus'], { cacheDir: 'cache' });
  const paths = Object.keys(sampleFiles).sort();
  fs.set(paths[1]!, sampleFiles[paths[1]!]!.replace(/ the /g, ' a '));
  fs.delete(paths[3]!);
  const reopened = await openIndex(fs, ['corpus'], { cacheDir: 'cache' });
  const fresh = await openIndex(fs, ['corpus']);
  assert.equal(reopened.cache.status, 'updated');
  assert.equal(reopened.index.size, 4);
  assert.deepEqual(verdictsOf(reopened.index, draft), verdictsOf(fresh.index, draft));
});
