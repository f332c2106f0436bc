import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/index.js';
import { quotePattern } from '../../../server/out/match/quotePattern.js';
import { perCharGrowth } from './linearGrowth.js';

// Parsing a draft takes time linear in its length, whatever its shape. Each
// shape below took quadratic time or worse (issue 11: 20 KB of `- ` on one
// line took 58 s). Each is grown 1×, 2×, 4× and 8×, and the CPU time per character
// at 8× must stay within a generous factor of that at 1× (linearGrowth.ts):
// linear work gives about 1, quadratic about 8; the bound is 3.

const SHAPES: Record<string, (n: number) => string> = {
  'dashes on one line': (n) => '- '.repeat(n / 2),
  'setext headings': (n) => 'a\n=\n'.repeat(n / 4),
  'many short lines in one paragraph': (n) => 'a\nb\n'.repeat(n / 4),
  'the URL pattern a.a.a': (n) => 'a.'.repeat(n / 2),
  'a block quote, dash before its citation': (n) => `> “it is so” ${'- '.repeat(n / 2)}x [@a]\n`,
  'a block quote, cut before its citation': (n) => `> “it is so” —${' '.repeat(n)}x [@a]\n`,
  'one quotation full of omission marks': (n) => `He said “${'word ... '.repeat(n / 9)}end” [@a].\n`,
  'many quotations and sentences in one paragraph': (n) => 'A “b c d e” [@k]. '.repeat(n / 18),
  'in-text keys with unclosed locators': (n) => '@a [x '.repeat(n / 6),
  'nested block quote markers': (n) => '> '.repeat(n / 2),
  'bare URLs among in-text keys': (n) => 'http://x.org/a @k '.repeat(n / 18),
};

const BASE = 20_000;

function parse(text: string): void {
  const draft = parseDraft(text);
  for (const q of draft.quotes) quotePattern(q.text);
}

for (const [name, make] of Object.entries(SHAPES)) {
  test(`parses ${name} in time linear in its length`, () => {
    const { growth, detail } = perCharGrowth([1, 2, 4, 8].map((k) => BASE * k), make, parse, 3);
    assert.ok(growth < 3, `time per character grew ${growth.toFixed(1)}× from 1× to 8× (${detail})`);
  });
}

test('what is blanked or cut for speed still yields the quotations and citations around it', () => {
  const quote = 'He said “we are on the same page about it” [@a].';
  for (const filler of ['- '.repeat(5000), 'a\n=\n'.repeat(2000), '> '.repeat(5000)]) {
    const text = `${filler}\n\n${quote}\n`;
    const draft = parseDraft(text);
    assert.deepEqual(draft.quotes.map((q) => text.slice(q.innerSpan.start, q.innerSpan.end)), ['we are on the same page about it']);
    assert.deepEqual(draft.quotes[0]!.citations.map((c) => c.key), ['a']);
  }
});
