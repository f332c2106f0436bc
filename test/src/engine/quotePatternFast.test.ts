import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotePattern } from '../../../server/out/match/quotePattern.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { quotePatternByMap } from './quotePatternReference.js';

test('quotePattern reads random quotations as the version that mapped every character did', () => {
  const random = seededRandom(23);
  const bits = ['word', 'The', ' ', ' ', '  ', '...', '. . .', '…', '[...]', '[…]', '[', ']', '[T]', 'hat', '[the US]', "'", '’', 's', '1,000', ',',
    '30%', '-', '—', 'ß', 'Υ͂', 'l’[A]mour', '[D]’affaires', '[a b c d e f]', '\u00a0', '.', '“', '”'];
  let bracketed = 0;
  for (let n = 0; n < 5000; n++) {
    let text = '';
    for (let i = Math.floor(random() * 30); i > 0; i--) text += bits[Math.floor(random() * bits.length)]!;
    assert.deepStrictEqual(quotePattern(text), quotePatternByMap(text), JSON.stringify(text));
    if (/[[\]]/.test(text)) bracketed++;
  }
  assert.ok(bracketed > 1000 && bracketed < 4900, `${bracketed} of 5,000 had brackets: both paths must be tried`);
});
