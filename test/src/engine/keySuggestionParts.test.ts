import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeySuggestions, suggestKeys } from '../../../server/out/features/suggestKeys.js';
import Fuse from 'fuse.js';
import { Bibliography } from '../../../server/out/bibliography/bibliography.js';
import type { BibEntry } from '../../../server/out/bibliography/entry.js';
import { findBibliographyKeys, findSources } from '../../../server/out/features/keyFinder.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
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

test('"did you mean" over a bibliography, searched in parts and stopping after every part, finds the keys of one Fuse.js search of the keys with the same initial', async () => {
  const random = seededRandom(11);
  const syllables = ['lin', 'coln', 'wash', 'ing', 'ton', 'ad', 'ams', 'jef', 'fer', 'son', 'ma', 'di'];
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const entries: BibEntry[] = [];
  const seen = new Set<string>();
  // Many keys of one initial that score the same for a query, so that the merge of the parts must keep Fuse's order of ties.
  for (let i = 0; entries.length < 1500; i++) {
    const key = `${word()}${i % 5 === 0 ? '' : i % 40}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ key, type: 'book', line: i + 1, title: `${word()} ${word()}`, authors: [], files: [] });
  }
  const bibliography = new Bibliography([{ path: '/w/refs.bib', entries, problems: [], status: 'ok' }]);
  const index = await fixtureIndex({});
  const stopEvery = { get isCancellationRequested() { return true; } };
  for (const key of ['lincon', 'washingtn', 'jeferson', 'adams12', 'madison', 'lin', 'tonad']) {
    const initial = key.charAt(0);
    const bucket = entries.filter((e) => e.key.charAt(0) === initial).map((e) => ({ key: e.key, title: e.title ?? '' }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const fuse = new Fuse(bucket, { keys: [{ name: 'key', weight: 0.7 }, { name: 'title', weight: 0.3 }], threshold: 0.45, ignoreLocation: true, includeScore: true });
    const oneSearch = fuse.search(key, { limit: 3 }).map((r) => r.item.key);
    const whole = findBibliographyKeys(bibliography, 'correct', key, 3).map((r) => r.item.key);
    // Keys a slip of the first letters away (another initial) may come too; of this initial, the same as one search.
    assert.deepEqual(whole.filter((k) => k.charAt(0) === initial), oneSearch.slice(0, whole.filter((k) => k.charAt(0) === initial).length), key);
    assert.ok(whole.length > 0 || key === 'zzz', key);
    const expected = suggestKeys(index, key, 3, bibliography);
    const parted = new KeySuggestions(index, key, 3, bibliography, undefined, 37);
    let found: string[] | undefined;
    let runs = 0;
    while (!(found = parted.run(stopEvery))) runs++;
    assert.ok(runs > 3, `one part per run (${runs})`);
    assert.deepEqual(found, expected, key);
  }
});

test('"did you mean" in parts cut from one version of the index: a source added since is among the parts of the next', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`corpus/note${i}.txt`] = `The text of note ${i}.\n`;
  const index = await fixtureIndex(files);
  const stopEvery = { get isCancellationRequested() { return true; } };
  const search = (key: string) => {
    const parted = new KeySuggestions(index, key, 3, undefined, 50);
    let found: string[] | undefined;
    while (!(found = parted.run(stopEvery)));
    return found;
  };
  assert.deepEqual(search('lincon'), oneSearch(index, 'lincon'));
  assert.ok(!search('washingtn').includes('washington'));
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/washington.txt': 'The text of Washington.\n' }), ['corpus']);
  index.set(sources[0]!);
  assert.deepEqual(search('washingtn'), oneSearch(index, 'washingtn'));
  assert.ok(search('washingtn').includes('washington'));
});
