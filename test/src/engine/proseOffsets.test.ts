import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Paragraph } from 'mdast';
import { proseOf } from '../../../server/out/draft/prose.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/** A block's offsets are kept as one run until a character breaks it; both forms must answer alike. */

function paragraphProse(markdown: string) {
  const block = fromMarkdown(markdown).children[0] as Paragraph;
  return proseOf(block, { text: markdown, base: 0 });
}

test('one run, then a break in it: each offset where it was', () => {
  const run = paragraphProse('He said so');
  assert.deepEqual([...run.text].map((_, i) => run.offsetAt(i)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(run.offsetAt(10), undefined);
  assert.equal(run.offsetAt(-1), undefined);
  const broken = paragraphProse('a *b* c');
  assert.equal(broken.text, 'a b c');
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => broken.offsetAt(i)), [0, 1, 3, 5, 6]);
  const lines = paragraphProse('one\ntwo');
  assert.deepEqual(lines.sliceOffsets(0, 7), [0, 1, 2, 3, 4, 5, 6]);
});

test('sliceOffsets is Array.prototype.slice of the offsets, run or not, on random bounds', () => {
  const random = seededRandom(3);
  for (const markdown of ['He said “we will win” [@a].', 'a *b* c and _d_', 'x\\*y &amp; z', 'one\n  two\nthree']) {
    const prose = paragraphProse(markdown);
    const all = [...prose.text].map((_, i) => prose.offsetAt(i));
    assert.deepEqual(prose.sliceOffsets(0, prose.text.length), all);
    for (let k = 0; k < 200; k++) {
      const from = Math.floor(random() * (all.length + 6)) - 3;
      const to = Math.floor(random() * (all.length + 6)) - 3;
      assert.deepEqual(prose.sliceOffsets(from, to), all.slice(from, to), `${markdown} [${from}, ${to})`);
      assert.deepEqual(prose.laterOffsets(from, to)(), all.slice(from, to), `later: ${markdown} [${from}, ${to})`);
    }
  }
});
