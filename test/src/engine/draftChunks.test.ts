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

test('splits random drafts as the line-by-line pattern version did', async () => {
  const { splitBlocksByLine } = await import('./splitBlocksReference.js');
  const { seededRandom } = await import('../../../server/out/index/quoteSampler.js');
  const random = seededRandom(17);
  const bits = ['a', 'b c', '', ' ', '  x', '\tx', '---', '...', '```', '~~~', '````', ' ```', '    ```', '<!--', '-->', '<pre>', '</pre>',
    '<script x>', '</SCRIPT>', '<?', '?>', '<![CDATA[', ']]>', '<!X', '>', '<b>', '- a', '> q', '= =', '---x', '\r'];
  const ends = ['\n', '\n', '\r\n', '\r'];
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let i = Math.floor(random() * 40); i > 0; i--) text += bits[Math.floor(random() * bits.length)]! + ends[Math.floor(random() * ends.length)]!;
    if (random() < 0.3) text = text.slice(0, Math.floor(random() * text.length));
    assert.deepEqual(splitBlocks(text), splitBlocksByLine(text), JSON.stringify(text));
  }
  const many = 'a\n='.repeat(3000);
  assert.deepEqual(splitBlocks(many), splitBlocksByLine(many));
});
