import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/index.js';
import { quotePattern } from '../../../server/out/match/quotePattern.js';

// Parsing a draft takes time linear in its length, whatever its shape. Each
// shape below took quadratic time or worse (issue 11: 20 KB of `- ` on one
// line took 58 s). Each is grown 1×, 2×, 4× and 8×, and the time per character
// at 8× must stay within a generous factor of the time at 1×: linear work
// gives about 1, quadratic about 8 (the bound is 3; a first measure over it is repeated once, as a busy machine can slow one size). The fastest of five runs is compared, so
// a busy machine slows both sizes alike; no test asserts a fixed number of ms.

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

function fastest(text: string): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const draft = parseDraft(text);
    for (const q of draft.quotes) quotePattern(q.text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

for (const [name, make] of Object.entries(SHAPES)) {
  test(`parses ${name} in time linear in its length`, () => {
    fastest(make(BASE)); // warm up the JIT
    const measure = () => {
      const perChar = [1, 2, 4, 8].map((k) => {
        const text = make(BASE * k);
        return { k, perChar: fastest(text) / text.length };
      });
      const growth = perChar[3]!.perChar / perChar[0]!.perChar;
      return { growth, detail: perChar.map((p) => `${p.k}×: ${(p.perChar * 1000).toFixed(2)} µs/char`).join(', ') };
    };
    // Measured again once when the first measure looks superlinear: a quadratic shape fails both.
    let { growth, detail } = measure();
    if (growth >= 3) ({ growth, detail } = measure());
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
