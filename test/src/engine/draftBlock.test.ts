import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft, type Quote } from '../../../server/out/draft/index.js';

function render(q: Quote): string {
  const keys = q.citations.map((c) => `@${c.key}`).join(',') || 'none';
  return `${q.kind === 'block' ? 'block ' : ''}“${q.text}” -> ${keys}`;
}

const quotes = (md: string) => parseDraft(md).quotes.map(render);
const lines = (...rows: string[]) => rows.join('\n');

test('reads a block quote cited on its last line', () => {
  assert.deepEqual(quotes(lines(
    'Lincoln wrote:',
    '',
    '> Fellow-citizens, we cannot escape history.',
    '> We will be remembered. [@sotu/1862_abraham_lincoln_n]',
  )), ['block “Fellow-citizens, we cannot escape history. We will be remembered.” -> @sotu/1862_abraham_lincoln_n']);
});

test('reads a block quote signed with a dash and an in-text key', () => {
  assert.deepEqual(quotes(lines(
    '> We cannot escape history.',
    '> — @lincoln',
  )), ['block “We cannot escape history.” -> @lincoln']);
});

test('reads a block quote whose citation opens the next paragraph', () => {
  assert.deepEqual(quotes(lines('> We cannot escape history.', '', '— [@lincoln, p. 2]')), ['block “We cannot escape history.” -> @lincoln']);
  assert.deepEqual(quotes(lines('> We cannot escape history.', '', '[@a; @b]')), ['block “We cannot escape history.” -> @a,@b']);
});

test('reads a block quote cited in the first sentence of the next paragraph', () => {
  assert.deepEqual(quotes(lines(
    '> We cannot escape history.',
    '',
    'So wrote Lincoln [@lincoln]. Later @other disagreed.',
  )), ['block “We cannot escape history.” -> @lincoln']);
});

test('does not take a citation from a later sentence of the next paragraph', () => {
  assert.deepEqual(quotes(lines(
    '> Words in a box.',
    '',
    'This is commentary. Later [@other] said things.',
  )), []);
});

test('joins the paragraphs of a block quote with one space', () => {
  assert.deepEqual(quotes(lines(
    '> First paragraph',
    '> goes on.',
    '>',
    '> Second *paragraph*.',
    '>',
    '> — [@a]',
  )), ['block “First paragraph goes on. Second paragraph.” -> @a']);
});

test('spans the block quote without its trailing citation and maps each char back', () => {
  const md = lines('Intro.', '', '> One *two*', '> three. [@a]', '');
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(md.slice(q.span.start, q.span.end), '> One *two*\n> three.');
  assert.equal(md.slice(q.innerSpan.start, q.innerSpan.end), 'One *two*\n> three.');
  assert.equal(q.textOffsets.map((o) => (md[o] === '\n' ? ' ' : md[o])).join(''), 'One two three.');
  assert.equal(q.wordCount, 3);
});

test('spans the whole block quote when the next paragraph cites it', () => {
  const md = lines('> One two', '> three.', '', '[@a]');
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(md.slice(q.span.start, q.span.end), '> One two\n> three.');
});

test('reads a block quote without a citation as prose', () => {
  assert.deepEqual(quotes(lines(
    '> A note with “an inline quote” [@a] in it',
    '> and more text.',
    '',
    'Next paragraph.',
  )), ['“an inline quote” -> @a']);
});

test('does not take an in-text key in running words as a block quote citation', () => {
  assert.deepEqual(quotes('> This point was made by @smith'), []);
});

test('lists the citations inside a block quote', () => {
  const draft = parseDraft(lines('> As @x put it, no. [@a]'));
  assert.deepEqual(draft.citations.map((c) => c.key), ['x', 'a']);
  assert.deepEqual(draft.quotes.map(render), ['block “As @x put it, no.” -> @a']);
});

test('reads block quotes with CRLF line endings', () => {
  const md = '> We cannot\r\n> escape history.\r\n> — [@a]\r\n';
  const [q] = parseDraft(md).quotes;
  assert.ok(q);
  assert.equal(q.text, 'We cannot escape history.');
  assert.equal(md.slice(q.span.start, q.span.end), '> We cannot\r\n> escape history.');
});

test('reads a nested block quote inside an uncited one', () => {
  assert.deepEqual(quotes(lines('> Outer note.', '>', '> > Inner words here. [@a]')), ['block “Inner words here.” -> @a']);
});
