import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft, VerdictCache } from '../../../server/out/features/check.js';
import { fixtureIndex } from './featuresFixture.js';

const DRAFT = `Lincoln wrote that “we cannot escape history” [@lincoln].
The report says “the army moved 500 soldiers to the border” [@report].
See also [@lincon].
`;

const cancelled = { isCancellationRequested: true };

/** A token that turns cancelled after `n` reads: the check stops part-way. */
function cancelledAfter(n: number) {
  let reads = 0;
  return { get isCancellationRequested() { return ++reads > n; } };
}

test('a check cancelled before it starts says it is incomplete', async () => {
  const index = await fixtureIndex();
  const report = checkDraft(index, DRAFT, {}, new VerdictCache(), cancelled);
  assert.equal(report.complete, false);
  assert.equal(report.verdicts.length, 0);
  assert.equal(checkDraft(index, DRAFT).complete, true);
});

test('a check cancelled part-way leaves the cache able to finish the next check', async () => {
  const index = await fixtureIndex();
  const cache = new VerdictCache();
  const full = checkDraft(index, DRAFT, {}, cache);
  const partial = checkDraft(index, DRAFT, {}, cache, cancelledAfter(1));
  assert.equal(partial.complete, false);
  assert.equal(partial.verdicts.length, 1);
  const again = checkDraft(index, DRAFT, {}, cache);
  assert.equal(again.complete, true);
  assert.deepEqual(again.findings, full.findings);
  assert.deepEqual(again.verdicts.map((v) => v.kind), ['verbatim', 'mismatch']);
});
