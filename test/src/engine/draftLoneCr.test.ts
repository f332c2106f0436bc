import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/parse.js';

// A lone \r ends a line as \n and \r\n do (old Mac files; LSP counts it as a line end too).
const spanned = (text: string) => {
  const draft = parseDraft(text);
  return [
    ...draft.citations.map((c) => `@${c.key} at ${JSON.stringify(text.slice(c.keySpan.start, c.keySpan.end))}`),
    ...draft.quotes.map((q) => `quote ${JSON.stringify(text.slice(q.span.start, q.span.end))}`),
  ];
};

test('a citation after a lone carriage return in a paragraph keeps its place in the draft', () => {
  assert.deepEqual(spanned('Said so.\rAnd later.\nAs @lincoln wrote.\n'), ['@lincoln at "lincoln"']);
  assert.deepEqual(spanned('A short draft\r “we cannot escape history” [@lincoln]. See @report.\n'),
    ['@lincoln at "lincoln"', '@report at "report"', 'quote "“we cannot escape history”"']);
});

test('every kind of line end inside a paragraph maps the words after it to their place', () => {
  for (const end of ['\n', '\r\n', '\r']) {
    const text = `First line.${end}Then “we cannot escape history” [@lincoln].${end}Last @report.${end}`;
    assert.deepEqual(spanned(text), ['@lincoln at "lincoln"', '@report at "report"', 'quote "“we cannot escape history”"'], JSON.stringify(end));
  }
});
