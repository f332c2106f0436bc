import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeySuggestions, suggestKeys } from '../../../server/out/features/suggestKeys.js';
import { findSources } from '../../../server/out/features/keyFinder.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { fixtureIndex } from './featuresFixture.js';

/** The search `suggestKeys` made before it was parted: one Fuse.js search of every source (`findSources`), then the same cut and order. */
function oneSearch(index: Parameters<typeof findSources>[0], key: string): string[] {
  const found = findSources(index, 'correct', key).filter((r) => r.score <= 0.4)
    .sort((a, b) => a.score - b.score || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(found.map((r) => r.item.key))].slice(0, 3);
}

test('"did you mean" searched in parts, stopping after every part, finds the keys one search of all keys finds', async () => {
  const random = seededRandom(7);
  const syllables = ['lin', 'coln', 'wash', 'ing', 'ton', 'ad', 'ams', 'jef', 'fer', 'son', 'ma', 'di'];
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const files: Record<string, string> = {};
  // Many keys that score the same for a query, so that the merge of the parts must keep Fuse's order of ties.
  for (let i = 0; i < 1500; i++) files[`corpus/${word()}${i % 7 === 0 ? '' : i}.txt`] = `${word()} ${word()}\n\nThe text of source ${i} is here.\n`;
  const index = await fixtureIndex(files);
  const stopEvery = { get isCancellationRequested() { return true; } };
  for (const key of ['lincon', 'washingtn', 'jeferson', 'adams12', 'madison', 'zzz', 'lin']) {
    const expected = oneSearch(index, key);
    if (key !== 'zzz') assert.ok(expected.length > 0, key);
    assert.deepEqual(suggestKeys(index, key), expected, key);
    const parted = new KeySuggestions(index, key, 3, undefined, 97);
    let found: string[] | undefined;
    let runs = 0;
    while (!(found = parted.run(stopEvery))) runs++;
    assert.ok(runs > 10, 'one part per run');
    assert.deepEqual(found, expected, key);
  }
});
