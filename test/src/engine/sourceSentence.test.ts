import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentenceAround } from '../../../server/out/match/context.js';

const around = (text: string, word: string) => {
  const start = text.indexOf(word);
  const span = sentenceAround(text, { start, end: start + word.length });
  return text.slice(span.start, span.end);
};

test('gives the source sentence around a passage', () => {
  assert.equal(around('One. Two three. Four.', 'three'), 'Two three.');
});

test('does not end a source sentence at an abbreviation or an initial', () => {
  assert.equal(around('Earlier. Mr. Lute and J. Smith met U.S. officials in Kyiv. Later.', 'officials'),
    'Mr. Lute and J. Smith met U.S. officials in Kyiv.');
});

test('keeps closing quotes with the sentence and stops at a blank line', () => {
  assert.equal(around('Intro.\n\n“We are on the same page,” he said. Next.', 'page'), '“We are on the same page,” he said.');
});
