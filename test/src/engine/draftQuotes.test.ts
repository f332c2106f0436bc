import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft, type Quote } from '../../../server/out/draft/index.js';

/** `“text” -> @a,@b` (or `-> none`), `block` first for block quotes. */
function render(q: Quote): string {
  const keys = q.citations.map((c) => `@${c.key}`).join(',') || 'none';
  return `${q.kind === 'block' ? 'block ' : ''}“${q.text}” -> ${keys}`;
}

const quotes = (md: string) => parseDraft(md).quotes.map(render);

/** The draft chars each quote char maps back to, line endings shown as spaces. */
const mappedBack = (md: string, q: Quote) => q.textOffsets.map((o) => (/[\r\n]/.test(md[o]!) ? ' ' : md[o])).join('');

/** Removes the two `$$` markers and returns the text with the span they enclosed. */
function marked(withMarkers: string): { md: string; start: number; end: number } {
  const start = withMarkers.indexOf('$$');
  const end = withMarkers.indexOf('$$', start + 2) - 2;
  return { md: withMarkers.replace(/\$\$/g, ''), start, end };
}

test('reads curly and straight double quotes', () => {
  assert.deepEqual(quotes('He said “we will win” and "we will not yield" [@a].'), [
    '“we will win” -> @a', '“we will not yield” -> @a',
  ]);
});

test('gives the span with the marks and the inner span without them', () => {
  const { md, start, end } = marked('He said $$“we will win”$$ [@a].');
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.deepEqual(q.span, { start, end });
  assert.deepEqual(q.innerSpan, { start: start + 1, end: end - 1 });
  assert.equal(q.wordCount, 3);
});

test('reads a quote across soft line breaks as one line', () => {
  const md = 'He said “we will\n   win this\nwar” [@a].';
  assert.deepEqual(quotes(md), ['“we will win this war” -> @a']);
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(mappedBack(md, q), 'we will win this war');
});

test('removes emphasis inside a quote and maps each char back to the draft', () => {
  const md = 'It is “the *only* thing” [@a].';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(q.text, 'the only thing');
  assert.equal(mappedBack(md, q), 'the only thing');
  assert.equal(q.textOffsets[4], md.indexOf('only'));
});

test('keeps link text and drops the URL inside a quote', () => {
  const md = 'It is “the [only](https://x.org) **thing** we fear” [@a].';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(q.text, 'the only thing we fear');
  assert.equal(mappedBack(md, q), q.text);
});

test('maps escapes and entities back to their place in the draft', () => {
  const md = 'It is “a \\*real\\* &amp; true thing” [@a].';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(q.text, 'a *real* & true thing');
  assert.equal(q.textOffsets[q.text.indexOf('true')], md.indexOf('true'));
});

test('never opens or closes a quote at an apostrophe', () => {
  assert.deepEqual(quotes("Don’t say Ukraine's “we’re fine, it's Kyiv’s call” [@a]. ’Tis the rock ’n’ roll."), [
    "“we’re fine, it's Kyiv’s call” -> @a",
  ]);
});

test('reads straight quotes only where they open and close', () => {
  assert.deepEqual(quotes('A 6" pipe and a 12" one. ("Inner words," she said.) Then —"dashed quote" ends.'), [
    '“Inner words,” -> none', '“dashed quote” -> none',
  ]);
});

test('closes a curly quote with a straight mark when there is no curly one', () => {
  assert.deepEqual(quotes('He said “we will win" [@a].'), ['“we will win” -> @a']);
});

test('keeps quotes of every length, scare quotes included', () => {
  assert.deepEqual(quotes('A “so-called” plan.'), ['“so-called” -> none']);
});

test('keeps single quotes inside a double quote', () => {
  assert.deepEqual(quotes('She said “he told me ‘no’ twice” [@a].'), ['“he told me ‘no’ twice” -> @a']);
});

test('ignores an unclosed quote and still reads the next one', () => {
  assert.deepEqual(quotes('It was “never closed. Later “a real one” [@a].'), ['“a real one” -> @a']);
  assert.deepEqual(quotes('Draft “still typing'), []);
  assert.deepEqual(quotes('Draft "still typing'), []);
});

test('reads a quote after many straight marks that never close', () => {
  assert.deepEqual(quotes(`Sizes ${'"a '.repeat(500)}and then “the real words” [@a].`), ['“the real words” -> @a']);
});

test('does not read a quote around inline code', () => {
  assert.deepEqual(quotes('Call “the `run` method” now.'), []);
});

test('reads quotes in headings and list items', () => {
  assert.deepEqual(quotes('# A “headline quote” here\n\n- item “listed quote” [@b]'), [
    '“headline quote” -> none', '“listed quote” -> @b',
  ]);
});

test('keeps offsets right with CRLF line endings', () => {
  const md = 'Intro.\r\n\r\nHe said “we will\r\nwin” [@a].\r\n';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(q.text, 'we will win');
  assert.equal(mappedBack(md, q), 'we will win');
  assert.equal(md.slice(q.span.start, q.span.end), '“we will\r\nwin”');
  const [c] = parseDraft(md).citations;
  assert.ok(c);
  assert.equal(md.slice(c.span.start, c.span.end), '@a');
});

test('keeps offsets right after a tab and inside a list', () => {
  const md = '1.\tFirst “alpha\n\tbeta” [@a]';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(mappedBack(md, q), 'alpha beta');
});

test('places a quotation on a continuation line indented any amount, in a paragraph or a list item', () => {
  for (const indent of [0, 4, 16, 17, 40, 90]) {
    for (const lead of ['', '- ', '1. ']) {
      const text = `${lead}First “quote one here ok now” [@a]\n${' '.repeat(indent)}then “we are on the same page about it” [@a].`;
      const quotes = parseDraft(text).quotes;
      assert.deepEqual(quotes.map((q) => text.slice(q.span.start, q.span.end)), ['“quote one here ok now”', '“we are on the same page about it”'],
        `indent ${indent}, lead ${JSON.stringify(lead)}`);
    }
  }
});

test('a paragraph written three times gives three places, not the first one three times', () => {
  const paragraph = 'He said “we will win” [@a].\n\n';
  const draft = parseDraft(paragraph.repeat(3));
  assert.deepEqual(draft.quotes.map((q) => q.span.start), [8, 8 + paragraph.length, 8 + 2 * paragraph.length]);
  assert.deepEqual(draft.citations.map((c) => c.span.start), [23, 23 + paragraph.length, 23 + 2 * paragraph.length]);
  for (const q of draft.quotes) assert.equal(mappedBack(paragraph.repeat(3), q), 'we will win');
});
