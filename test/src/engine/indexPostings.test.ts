import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { hashWord } from '../../../server/out/index/hash.js';
import { buildSegmentData } from '../../../server/out/index/segmentData.js';

function source(key: string, text: string) {
  return { key, path: `corpus/${key}.txt`, text, bodyStart: 0, title: key, size: text.length, mtimeMs: 0 };
}

/** Twenty sources, each with `alpha` at every third word among others: long enough posting lists to use skip pairs. */
function corpus(): ReturnType<typeof source>[] {
  return Array.from({ length: 20 }, (_, d) => source(`s${d}`,
    Array.from({ length: 150 }, (_, w) => (w % 3 === 0 ? 'alpha' : `w${d}x${w}`)).join(' ')));
}

function occurrences(index: CorpusIndex, word: string, only?: Set<number>): string[] {
  const out: string[] = [];
  index.forEachOccurrence(hashWord(word), (docId, wordIndex) => { out.push(`${index.doc(docId)!.source.key}:${wordIndex}`); }, only);
  return out;
}

test('lists every occurrence of a word, per source, in word order', () => {
  const index = new CorpusIndex(corpus());
  const all = occurrences(index, 'alpha');
  assert.equal(all.length, 20 * 50);
  assert.deepEqual(all.slice(0, 3), ['s0:0', 's0:3', 's0:6']);
  assert.equal(all[all.length - 1], 's19:147');
  assert.equal(index.frequency(hashWord('alpha')), 1000);
  assert.equal(index.frequency(hashWord('absent')), 0);
});

test('restricted to some sources, skips the others and finds exactly their occurrences', () => {
  const index = new CorpusIndex(corpus());
  const wanted = new Set([index.docByKey('s3')!.id, index.docByKey('s17')!.id]);
  const expected = occurrences(index, 'alpha').filter((o) => o.startsWith('s3:') || o.startsWith('s17:'));
  assert.equal(expected.length, 100);
  assert.deepEqual(occurrences(index, 'alpha', wanted), expected);
});

test('passes over removed and replaced sources', () => {
  const index = new CorpusIndex(corpus());
  index.deletePath('corpus/s5.txt');
  index.set(source('s6', 'alpha beta alpha'));
  const found = occurrences(index, 'alpha');
  assert.equal(found.filter((o) => o.startsWith('s5:')).length, 0);
  assert.deepEqual(found.filter((o) => o.startsWith('s6:')), ['s6:0', 's6:2']);
  assert.equal(found.length, 18 * 50 + 2);
});

test('finds where any word starts from the sparse marks', () => {
  const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' -- ');
  const index = new CorpusIndex([source('m', text)]);
  const doc = index.docByKey('m')!;
  assert.equal(doc.wordCount, 100);
  assert.equal(text.slice(doc.wordStart(0), doc.wordStart(0) + 5), 'word0');
  assert.equal(text.slice(doc.wordStart(77), doc.wordStart(77) + 6), 'word77');
  assert.equal(doc.wordStart(100), text.length);
});

test('stores postings as deltas in a byte or two per word for a common word', () => {
  const data = buildSegmentData([{ text: 'the cat and the dog and the bird '.repeat(100), bodyStart: 0 }]);
  assert.equal(data.docBase[1], 800);
  assert.equal(data.counts.reduce((a, b) => a + b, 0), 800);
  assert.equal(data.postings.length, 800);
});
