import { test } from 'node:test';
import { runSeed } from './fuzzRun.js';

/**
 * A differential stress test of the real server: each seed drives a random mix
 * of edits, requests (some cancelled before they run), corpus and settings
 * changes, closes and reopens, and at each checkpoint the published
 * diagnostics and a few hovers must equal the engine's answer in this process
 * on the same texts. Deeper runs: `node scripts/qa/lsp-fuzz.mjs --minutes 5`.
 */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const STEPS = 45;

for (const seed of SEEDS) {
  test(`the server agrees with the engine through random edits, requests and corpus changes (seed ${seed})`, async () => {
    const failure = await runSeed(seed, STEPS);
    if (failure) throw new Error(failure);
  });
}
