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

test('says of each place of a word whether the other words of a phrase stand at their distance, as the text does', () => {
  // Common words in a seeded shuffle across many sources, one removed: the index's answer must equal reading the words.
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const vocabulary = ['i', 'think', 'they', 'are', 'a', 'the', 'of'];
  const sources = Array.from({ length: 30 }, (_, d) => source(`p${d}`, Array.from({ length: 400 }, () => vocabulary[Math.floor(next() * vocabulary.length)]!).join(' ')));
  const index = new CorpusIndex(sources);
  index.deletePath('corpus/p3.txt');
  const phrase = ['think', 'they', 'are'];
  const others = [{ hash: hashWord('they'), delta: 1 }, { hash: hashWord('are'), delta: 2 }];
  const found: string[] = [];
  const holding: string[] = [];
  index.forEachPhrasePlace(hashWord('think'), others, (docId, wordIndex, holds) => {
    found.push(`${docId}:${wordIndex}`);
    if (holds) holding.push(`${docId}:${wordIndex}`);
  });
  const expected: string[] = [];
  for (let id = 0; id < sources.length; id++) {
    const doc = index.doc(id);
    if (!doc) continue;
    const words = doc.source.text.split(' ');
    words.forEach((w, i) => { if (w === 'think' && words[i + 1] === phrase[1] && words[i + 2] === phrase[2]) expected.push(`${id}:${i}`); });
  }
  assert.ok(expected.length > 10);
  assert.deepEqual(holding, expected);
  assert.deepEqual(found, occurrences(index, 'think').map((o) => {
    const [key, i] = o.split(':');
    return `${index.docByKey(key!)!.id}:${i}`;
  }), 'every place of the pivot is still visited, in order');
});
