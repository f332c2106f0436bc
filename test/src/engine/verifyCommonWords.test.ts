import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { verdictsOf } from '../fixtures/verdicts.js';

function source(key: string, text: string) {
  return { key, path: `corpus/${key}.txt`, text, bodyStart: 0, title: key, size: text.length, mtimeMs: 0 };
}

test('finds a verbatim quotation of common words among many near-identical places', () => {
  // Forty sentences differ from the quotation by one word each; only the last holds it word for word.
  const near = Array.from({ length: 40 }, (_, i) => `and then he said to her that it was ${i % 2 ? 'not' : 'so'} the way it is.`);
  const text = [...near, 'and then he said to her that it was the way it is.'].join('\n');
  const index = new CorpusIndex([source('talk', text)]);
  assert.deepEqual(verdictsOf(index, '“he said to her that it was the way it is” [@talk]'), ['verbatim @talk']);
});

test('a changed word among those near-identical places is still a misquote', () => {
  const near = Array.from({ length: 40 }, () => 'and then he said to her that it was the way it is.');
  const index = new CorpusIndex([source('talk', near.join('\n'))]);
  assert.deepEqual(verdictsOf(index, '“he said to her that it was not the way it is” [@talk]'),
    ['mismatch @talk: negation-added “not”→“”']);
});
