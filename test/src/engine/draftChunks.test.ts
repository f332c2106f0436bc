import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks } from '../../../server/out/draft/chunks.js';
import { DraftParser, parseDraft } from '../../../server/out/draft/index.js';

const pieces = (md: string) => splitBlocks(md).map((c) => c.text);
const lines = (...rows: string[]) => rows.join('\n');

test('splits a draft before each non-indented line that follows a blank line', () => {
  assert.deepEqual(pieces('# Title\n\nOne\ntwo\n\r\nThree\n'), ['# Title\n\n', 'One\ntwo\n\r\n', 'Three\n']);
});

test('keeps indented continuations, fenced code, HTML comments and front matter in one piece', () => {
  assert.deepEqual(pieces(lines('- item', '', '  more of the item', '', 'After')), ['- item\n\n  more of the item\n\n', 'After']);
  assert.deepEqual(pieces(lines('```', 'code', '', 'still code', '```', '', 'After')), ['```\ncode\n\nstill code\n```\n\n', 'After']);
  assert.deepEqual(pieces(lines('<!-- a', '', 'b -->', '', 'After')), ['<!-- a\n\nb -->\n\n', 'After']);
  assert.deepEqual(pieces(lines('---', 'a: 1', '', 'b: 2', '---', '', 'After')), ['---\na: 1\n\nb: 2\n---\n\n', 'After']);
});

test('finds no quote in an HTML comment that spans blank lines', () => {
  assert.deepEqual(parseDraft(lines('<!-- draft notes', '', '“hidden words” [@a]', '', '-->', '', 'Shown “visible words” [@b].')).quotes.map((q) => q.text), ['visible words']);
});

test('reads an edited draft the same way whether or not it re-uses the previous parse', () => {
  const versions = [
    lines('Intro “first words” [@a].', '', '> Block words.', '', '[@b]', '', 'Tail “last words” @c.'),
    lines('Intro “first words here” [@a].', '', '> Block words.', '', '[@b]', '', 'Tail “last words” @c.'),
    lines('Intro “first words here” [@a].', '', '```', '> Block words.', '', '[@b]', '', 'Tail “last words” @c.'),
    lines('Intro “first words here” [@a].', '', '```', '> Block words.', '```', '', '[@b]', '', 'Tail “last words” @c.'),
    lines('\uFEFFIntro.', '', '> Block words.', '', '[@b]'),
  ];
  const parser = new DraftParser();
  for (const md of versions) assert.deepEqual(parser.parse(md), parseDraft(md), md);
});
