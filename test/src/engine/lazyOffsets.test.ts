import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/index.js';

/** A quote's `textOffsets` are made on first read; every reader must still see an ordinary property. */
test('textOffsets read like a plain property: value, keys in order, spread, JSON', () => {
  const draft = 'He said “we *will* win” [@a].\n\n> To be or not to be.\n> That is the question.\n>\n> — [@b]\n';
  const [inline, block] = parseDraft(draft).quotes;
  assert.deepEqual(inline!.textOffsets, [9, 10, 11, 13, 14, 15, 16, 18, 19, 20, 21]);
  assert.deepEqual(Object.keys(inline!), ['kind', 'text', 'textOffsets', 'span', 'innerSpan', 'wordCount', 'citations']);
  assert.deepEqual({ ...block! }.textOffsets, block!.textOffsets);
  assert.equal(block!.text, 'To be or not to be. That is the question.');
  assert.equal(block!.textOffsets.length, block!.text.length);
  assert.deepEqual(JSON.parse(JSON.stringify(block)).textOffsets, block!.textOffsets);
  assert.equal(draft[block!.textOffsets[20]!], 'T');
  assert.deepEqual(block!.innerSpan, { start: block!.textOffsets[0], end: block!.textOffsets.at(-1)! + 1 });
});
