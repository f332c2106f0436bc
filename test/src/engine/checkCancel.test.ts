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

const LONG_DRAFT = `Lincoln wrote that “we cannot escape history” [@lincoln].

> We cannot escape history, we of this Congress

Thus Lincoln [@lincoln]; and “the army moved 50 soldiers to the border” [@report].

- “we cannot escape history” [@lincon]
- “the army moved 500 soldiers” [@reprot], again [@lincon].

Nothing here [@nobody].
`;

test('a check cancelled at every step, and resumed each time, reports what one check does', async () => {
  const index = await fixtureIndex();
  const whole = checkDraft(index, LONG_DRAFT);
  assert.ok(whole.findings.some((f) => f.code === 'unknown-source'), 'the draft has unknown keys, looked up in the last step');
  for (const steps of [1, 2, 3, 5]) {
    const cache = new VerdictCache();
    let report = checkDraft(index, LONG_DRAFT, {}, cache, cancelledAfter(steps));
    let turns = 1;
    for (; !report.complete; turns++) {
      assert.ok(turns < 100, 'each turn goes on where the last one stopped');
      report = checkDraft(index, LONG_DRAFT, {}, cache, cancelledAfter(steps));
    }
    assert.ok(turns > 3, `the check took ${turns} turns of ${steps} steps`);
    assert.deepEqual(report.findings, whole.findings);
    assert.deepEqual(report.verdicts.map((v) => v.kind), whole.verdicts.map((v) => v.kind));
  }
});
