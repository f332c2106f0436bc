import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft, type Quote } from '../../../server/out/draft/index.js';

function render(q: Quote): string {
  const keys = q.citations.map((c) => `@${c.key}`).join(',') || 'none';
  return `“${q.text}” -> ${keys}`;
}

const quotes = (md: string) => parseDraft(md).quotes.map(render);

test('attributes a quote to the citation after it in the same sentence', () => {
  assert.deepEqual(quotes('He said “we will win” at the rally [@a]. Then [@b] spoke.'), ['“we will win” -> @a']);
});

test('attributes a quote to the citation before it in the same sentence', () => {
  assert.deepEqual(quotes('As @lincoln put it, “we cannot escape history.” Next sentence.'), ['“we cannot escape history.” -> @lincoln']);
});

test('prefers the citation after the quote to the one before it', () => {
  assert.deepEqual(quotes('Unlike @a, Smith said “the plan works” [@b].'), ['“the plan works” -> @b']);
});

test('falls back to the next citation later in the paragraph', () => {
  assert.deepEqual(quotes('He said “we will win.” The crowd cheered. It was reported widely [@a].'), ['“we will win.” -> @a']);
});

test('leaves a quote uncited when nothing follows in its paragraph', () => {
  assert.deepEqual(quotes('Earlier [@a]. He said “we will win.” The crowd cheered.\n\nNew paragraph [@b].'), ['“we will win.” -> none']);
});

test('attributes every key of a bracketed group', () => {
  assert.deepEqual(quotes('They said “the same words” [see @a, p. 3; @b].'), ['“the same words” -> @a,@b']);
});

test('attributes each quote of a paragraph to its own sentence', () => {
  assert.deepEqual(quotes('“First words,” said @a. Then @b answered “second words here.” Last [@c].'), [
    '“First words,” -> @a', '“second words here.” -> @b',
  ]);
});

test('does not end a sentence at an abbreviation', () => {
  assert.deepEqual(quotes('Per @a, Mr. Smith of the U.S. Army and Dr. Jones (e.g. J. Doe) said “we are ready.”'), ['“we are ready.” -> @a']);
  assert.deepEqual(quotes('Smith [@a, p. 3] wrote. “We are ready,” he said.'), ['“We are ready,” -> none']);
});

test('does not end a sentence inside a citation locator', () => {
  assert.deepEqual(quotes('“We are ready,” he said [see @a, p. 3. Also vol. 2].'), ['“We are ready,” -> @a']);
});

test('ignores sentence ends inside the quote itself', () => {
  assert.deepEqual(quotes('Before [@x]. He wrote “It ended. Then it began.” [@a]'), ['“It ended. Then it began.” -> @a']);
});
