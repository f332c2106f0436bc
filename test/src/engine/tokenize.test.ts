import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countWords, isNegation, words } from '../../../server/out/text/tokenize.js';

const norms = (text: string) => words(text).map((w) => w.norm);

test('keeps apostrophes inside words and folds curly ones', () => {
  assert.deepEqual(norms('Ukraine’s “don’t” rock ’n’ roll'), ["ukraine's", "don't", 'rock', 'n', 'roll']);
});

test('keeps digit grouping inside numbers and drops thousands separators', () => {
  assert.deepEqual(norms('1,000 troops, 3.5 km. 32'), ['1000', 'troops', '3.5', 'km', '32']);
});

test('splits on dashes of every kind, so dash variants compare equal', () => {
  assert.deepEqual(norms('long-range long–range long—range'), ['long', 'range', 'long', 'range', 'long', 'range']);
});

test('makes each currency sign and percent sign a word, and reads % as percent', () => {
  assert.deepEqual(norms('$300 million, €40bn, ＄5, 30% or 30 percent'), ['$', '300', 'million', '€', '40bn', '$', '5', '30', 'percent', 'or', '30', 'percent']);
});

test('keeps a minus sign out of numbers: scraped lists write bullets as “-90 percent”', () => {
  assert.deepEqual(norms('cost: -90 percent; fell to −5'), ['cost', '90', 'percent', 'fell', 'to', '5']);
});

test('applies NFKC and case folding', () => {
  assert.deepEqual(norms('ＫＹＩＶ ﬁnal Kyiv'), ['kyiv', 'final', 'kyiv']);
});

test('counts words, not characters or punctuation', () => {
  assert.equal(countWords('“We are on the same page,” he said.'), 8);
});

test('recognizes negations including contractions', () => {
  assert.ok(isNegation("doesn't") && isNegation('never') && !isNegation('now'));
});
