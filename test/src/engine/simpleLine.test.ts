import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { simpleLineTree } from '../../../server/out/draft/simpleLine.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/** micromark's tree, read as `parse.ts` reads a piece. */
const micromark = (body: string) => fromMarkdown(body, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });

/** Bits of one line: plain words, and every character the fast path must refuse or get right. */
const BITS = [
  'word ', 'said', ' ', '  ', '. ', ', ', '- ', '-', '+ ', '1. ', '1) ', '# ', '=', '>', '> ', '“', '”', '"', "'", '‘',
  '@a', '[@a]', '[see @c, p. 3]', '[x][y]', '[x]', ']:', ': ', '[', ']', '(', ')', '*', '_', '`', '\\', '&amp;', '&',
  '<b>', '<http://x.org>', '!', '~~', '\t', '\u00a0', '\r', '\n', '\n\n', '\u0000', '—', '---', '    ', 'x',
];

/** The bits a plain line may hold: half the lines use only these, after a word or a quote mark. */
const PLAIN = ['word ', 'said', ' ', '  ', '. ', ', ', '- ', '-', '+ ', '1. ', '# ', '=', '>', '“', '”', '"', '@a', '[@a]', '[x][y]', ']:', '[', ']', ')', '\u00a0', '—', '---', '    '];

function randomLine(random: () => number): string {
  const prefix = ['', '', '> ', '>', ' ', '>  ', '\ufeff'][Math.floor(random() * 7)]!;
  const plain = random() < 0.5;
  const parts: string[] = [prefix, plain ? ['He ', '“', '"', "'", 'x'][Math.floor(random() * 5)]! : ''];
  const n = 1 + Math.floor(random() * 12);
  for (let i = 0; i < n; i++) parts.push(plain && random() < 0.9 ? PLAIN[Math.floor(random() * PLAIN.length)]! : BITS[Math.floor(random() * BITS.length)]!);
  return parts.join('') + ['', '\n', '\n\n', '  \n'][Math.floor(random() * 4)]!;
}

test('a plain line gets the tree micromark gives it, on 20,000 random lines; the rest are refused', () => {
  const random = seededRandom(7);
  let built = 0;
  for (let i = 0; i < 20_000; i++) {
    const line = randomLine(random);
    const tree = simpleLineTree(line, 4000);
    if (!tree) continue;
    built++;
    assert.deepStrictEqual(tree, micromark(line), JSON.stringify(line));
  }
  assert.ok(built > 3000, `only ${built} lines were plain`);
});

test('the shapes of issue 11 are plain lines; markup over the limit is refused', () => {
  for (const line of [`> “it is so” ${'- '.repeat(500)}x [@a]\n`, `> “it is so” —${' '.repeat(500)}x [@a]\n`, `He said “${'word ... '.repeat(50)}end” [@a].\n`]) {
    assert.deepStrictEqual(simpleLineTree(line, 4000), micromark(line));
  }
  assert.equal(simpleLineTree(`a ${'[x] '.repeat(3)}`, 5), undefined);
  assert.ok(simpleLineTree(`a ${'[x] '.repeat(2)}`, 5));
  assert.equal(simpleLineTree('> a [b](c)', 4000), undefined);
  assert.equal(simpleLineTree('- a', 4000), undefined);
});
