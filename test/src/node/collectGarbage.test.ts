import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whenIdle } from '../../../server/out/node/collectGarbage.js';

/** `whenIdle`'s timers do not keep a process alive (a server's must not): this one does, while a test waits. */
async function kept<T>(wait: Promise<T>): Promise<T> {
  const alive = setInterval(() => {}, 1000);
  try { return await wait; } finally { clearInterval(alive); }
}

test('whenIdle waits while the thread is busy and runs once it is idle', async () => {
  const shares = [0.5, 0.3, 0.001];
  let asked = 0;
  await kept(new Promise<void>((resolve) => {
    whenIdle(resolve, 1, () => shares[asked++]!);
  }));
  assert.equal(asked, 3, 'two busy waits skipped, run at the first idle one');
});

test('whenIdle runs all the same after its most busy waits', async () => {
  let asked = 0;
  await kept(new Promise<void>((resolve) => {
    whenIdle(resolve, 1, () => { asked++; return 1; }, 4);
  }));
  assert.equal(asked, 5, 'four waits skipped, then run');
});

test('whenIdle does not run once cancelled', async () => {
  let ran = false;
  let asked = 0;
  const pending = whenIdle(() => { ran = true; }, 1, () => { asked++; return 1; });
  // Cancelled by another wait of the same length, then 5 ms more pass: checks that would have run.
  await kept(new Promise<void>((resolve) => {
    whenIdle(() => { pending.cancel(); resolve(); }, 1, () => 0);
  }));
  const askedAtCancel = asked;
  await kept(new Promise<void>((resolve) => { whenIdle(resolve, 5, () => 0); }));
  assert.equal(ran, false);
  assert.equal(asked, askedAtCancel, 'no check after the cancel');
});
