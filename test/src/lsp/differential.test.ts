import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialModel } from './fuzzOps.js';
import { Oracle, type DiagnosticShape } from './fuzzOracle.js';
import { runSeed } from './fuzzRun.js';

/**
 * A differential stress test of the real server: each seed drives a random mix
 * of edits, requests (some cancelled before they run), corpus and settings
 * changes, index rebuilds, closes and reopens, and at each checkpoint the
 * published diagnostics, the document links, a code action and a few hovers
 * must equal the engine's answer in this process on the same texts and corpus
 * (see `fuzzRun.ts`; the one allowance is `Oracle.ties`). A failure prints the
 * seed and the operations to replay. Deeper runs:
 * `node scripts/qa/lsp-fuzz.mjs --minutes 10` (random seeds, failures printed).
 */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const STEPS = 45;

for (const seed of SEEDS) {
  test(`the server agrees with the engine through random edits, requests and corpus changes (seed ${seed})`, async () => {
    const failure = await runSeed(seed, STEPS);
    if (failure) throw new Error(failure);
  });
}

test('the oracle lets a diagnostic name another passage only when it is as close, in the corpus as it is now, word for word', async () => {
  const model = initialModel();
  model.corpus.set('corpus/letter.txt', 'A Letter Home\n\nWe cannot escape history, the captain said.\nWe cannot escape history, and the army moved 900 soldiers.\n');
  const oracle = await Oracle.of('/w', model);
  const expected = oracle.check('He said “we cannot escape army history”.\n').diagnostics as DiagnosticShape[];
  assert.deepEqual(expected.map((d) => [d.code, (d.data as { sourceKey: string }).sourceKey]), [['quote-mismatch', 'letter']]);
  const data = expected[0]!.data as { range: { start: { line: number }; end: { line: number } } };
  const line = data.range.start.line === 2 ? 3 : 2;
  const other = { ...expected[0]!, data: { ...data, range: { start: { line, character: 0 }, end: { line, character: 24 } } } };
  assert.deepEqual(oracle.ties(expected, [other]), [0]);
  const elsewhere = { ...other, data: { ...other.data, range: { start: { line, character: 1 }, end: { line, character: 25 } } } };
  assert.equal(oracle.ties(expected, [elsewhere]), undefined);
  assert.equal(oracle.ties(expected, [{ ...other, code: 'quote-misattributed' }]), undefined);
  assert.equal(oracle.ties(expected, [{ ...other, message: other.message.replace('army', 'navy') }]), undefined);
  assert.equal(oracle.ties(expected, []), undefined);
});
