import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DraftParser, parseDraft } from '../../../server/out/draft/index.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/**
 * The draft parser's fast paths (pieces that cannot hold a citation or a
 * quotation skip micromark) against the slow path (`fastPaths: false`,
 * every piece parsed) on random drafts: the same citations and quotations,
 * places and offsets included.
 */

/** Bits of Markdown that make or break quotations, citations and blocks; and inert ones. */
const BITS = [
  'word ', 'The ', 'said ', 'a.', 'x', '. ', ', ', '- ', '* ', '1. ', '+ ', '> ', '>', '\n', '\n', '\n\n', '\n\n', '    ',
  '“', '”', '"', '@a', ' @b ', '[@a]', '[see @c, p. 3]', '[-@d]', '@{x y}', '[@fig:one]', 'a@b.org ',
  '&ldquo;', '&rdquo;', '&quot;', '&#64;e', '&amp; ', '\\@f', '\\"', '===', '---', '\n===\n', '\n---\n', '```\n', '~~~\n',
  '*', '_', '**', '`', '[', ']', '(', ')', '![alt @g](p.png)', '[link](http://x.org)', '<b>', '</b>', '<!--', '-->',
  '[@a]: http://x.org\n', '[x]: /u\n', '— ', '(', '\u00a0', '\t', '\r\n', '# ', '## ', '---\ntitle: t\n---\n',
  // One-line pieces read without micromark (`simpleLine.ts`).
  '\n\n> “it is so” ', '\n\nHe said “', '\n\n> [x][y] ', '  \n\n',
];

function randomDraft(random: () => number): string {
  const parts: string[] = [];
  const n = 5 + Math.floor(random() * 120);
  // Half the drafts lean on inert bits, so pieces with nothing to find sit between the others.
  const inertOnly = random() < 0.5 ? 0.6 : 0;
  for (let i = 0; i < n; i++) {
    if (random() < inertOnly) parts.push(['word ', 'a.', '- ', '\n', '\n\n', '===', '\n---\n', '*', '[x]', '# '][Math.floor(random() * 10)]!);
    else parts.push(BITS[Math.floor(random() * BITS.length)]!);
  }
  return parts.join('');
}

test('the fast paths give what the full parse gives, on 4,000 random drafts', () => {
  const random = seededRandom(11);
  let inertSeen = 0;
  for (let i = 0; i < 4000; i++) {
    const draft = randomDraft(random);
    const slow = new DraftParser({ fastPaths: false }).parse(draft);
    assert.deepStrictEqual(parseDraft(draft), slow, `draft ${i}: ${JSON.stringify(draft)}`);
    if (/\n\n[^@"\u201c&>]+$/.test(draft)) inertSeen++;
  }
  // The drafts do reach the fast path (a last piece with none of its triggers).
  assert.ok(inertSeen > 200, `only ${inertSeen} drafts end in an inert piece`);
});

test('a block quote, then an inert paragraph, then a citing one: the block quote stays uncited', () => {
  const draft = '> To be or not to be.\n\nA plain paragraph.\n\n[@a] said so.\n';
  assert.deepStrictEqual(parseDraft(draft), new DraftParser({ fastPaths: false }).parse(draft));
  assert.deepEqual(parseDraft(draft).quotes, []);
  const cited = '> To be or not to be.\n\n[@a] said so.\n';
  assert.equal(parseDraft(cited).quotes[0]?.kind, 'block');
});

test('an entity can write the quote marks: such a piece is parsed', () => {
  const draft = 'He said &ldquo;we will win&rdquo; [@a].\n';
  assert.equal(parseDraft(draft).quotes[0]?.text, 'we will win');
  assert.deepStrictEqual(parseDraft(draft), new DraftParser({ fastPaths: false }).parse(draft));
});

test('one-line pieces read without micromark (the shapes of issue 11) give what the full parse gives', () => {
  const drafts = [
    `> “it is so” ${'- '.repeat(300)}x [@a]\n`,
    `> “it is so” —${' '.repeat(300)}x [@a]\n`,
    `He said “${'word ... '.repeat(100)}end” [@a].\n`,
    '> “To be or not to be” said he.\n\n[@a] said so.\n',
    'He said “we will win” [@a].\n\n> “we will win” [@b]  \n\n\nThen [x][y] “and more” @c.\n',
  ];
  for (const draft of drafts) {
    const slow = new DraftParser({ fastPaths: false }).parse(draft);
    assert.deepStrictEqual(parseDraft(draft), slow, JSON.stringify(draft.slice(0, 60)));
    assert.ok(slow.quotes.length > 0);
  }
});
