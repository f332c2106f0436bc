import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks } from '../../../server/out/draft/chunks.js';
import { defuse, DraftPreparation } from '../../../server/out/draft/defuse.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/** What preparing in one go gives: the defused text and its pieces (after a BOM). */
function whole(draft: string): { text: string; chunks: ReturnType<typeof splitBlocks> } {
  const text = defuse(draft);
  return { text, chunks: splitBlocks(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
}

/** Prepares in segments of `segment` characters, stopped before every other step, until done. */
function inSteps(draft: string, segment: number): { text: string; chunks: ReturnType<typeof splitBlocks>; turns: number } {
  const preparation = new DraftPreparation(draft, segment);
  let asked = 0;
  const token = { get isCancellationRequested() { return ++asked % 2 === 0; } };
  for (let turns = 1; ; turns++) {
    const chunks = preparation.run(token);
    if (chunks) return { text: preparation.text!, chunks, turns };
  }
}

const LINES = ['a', '=', '===', '---', '- - - - - - - - - - - - - - - - - - - x', '', ' ', '> q', '```', '~~~', '<!--', '-->', '---\r', '\ufeffa',
  '*'.repeat(70), `${' '.repeat(70)}deep`, '“q” [@a]', 'b\rc', '1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. 12. 13. 14. 15. 16. 17. x'];

test('a draft prepared in segments, stopped and resumed, is the one prepared in one go', () => {
  const random = seededRandom(29);
  let multiTurn = 0;
  for (let n = 0; n < 2000; n++) {
    const lines = Array.from({ length: Math.floor(random() * 80) }, () => LINES[Math.floor(random() * LINES.length)]!);
    const draft = lines.join(random() < 0.2 ? '\r\n' : '\n') + (random() < 0.5 ? '\n' : '');
    const segment = 1 + Math.floor(random() * 40);
    const got = inSteps(draft, segment);
    assert.deepEqual({ text: got.text, chunks: got.chunks }, whole(draft), `segment ${segment}: ${JSON.stringify(draft)}`);
    if (got.turns > 2) multiTurn++;
  }
  assert.ok(multiTurn > 1000, `only ${multiTurn} drafts took several turns`);
});

test('setext underlines are counted across segments: the ninth is blanked though each segment holds fewer', () => {
  const draft = 'a\n=\n'.repeat(12);
  const got = inSteps(draft, 3);
  assert.equal(got.text, defuse(draft));
  assert.equal(got.text.split('\n').filter((line) => line === '\u00a0').length, 4);
});
