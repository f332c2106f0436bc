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

test('a draft read in turns, then edited half way, reads as the edited draft parsed alone', async () => {
  const { DraftParser, parseDraft } = await import('../../../server/out/draft/index.js');
  const paragraphs = Array.from({ length: 300 }, (_, i) => `Para ${i} said “words number ${i} here” [@k${i % 7}].\n\n> Block ${i}.\n\n[@b${i}]\n\n`);
  const v1 = paragraphs.join('');
  const v2 = paragraphs.slice(0, 150).join('') + 'An edit: “new words in it” [@n].\n\n' + paragraphs.slice(150).join('');
  /** A turn: cancelled after `checks` looks (about as many pieces or blocks). */
  const turn = (checks: number) => { let asked = 0; return { get isCancellationRequested() { return ++asked > checks; } }; };
  const parser = new DraftParser();
  let turns = 0;
  for (; turns < 1000 && !parser.parseWithin(v1, turn(60)); turns++);
  assert.ok(turns > 4 && turns < 1000, `the first version was read in ${turns} turns`);
  // Stopped half way through the first version this time, then the edit.
  const half = new DraftParser();
  for (let i = 0; i < turns / 2; i++) assert.equal(half.parseWithin(v1, turn(60)), undefined);
  let got;
  for (let i = 0; i < 1000 && !(got = half.parseWithin(v2, turn(60))); i++);
  assert.deepStrictEqual(got, parseDraft(v2));
  assert.deepStrictEqual(parser.parseWithin(v2, { isCancellationRequested: false }), parseDraft(v2));
});
