import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyCandidates } from '../../../server/out/features/keyCandidates.js';
import { findSources } from '../../../server/out/features/keyFinder.js';
import { suggestKeys } from '../../../server/out/features/suggestKeys.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { fixtureIndex } from './featuresFixture.js';

/** "Did you mean" as it was before the filter: one Fuse.js search of every source, then the same cut and order. */
function everyKey(index: Parameters<typeof findSources>[0], key: string): string[] {
  const found = findSources(index, 'correct', key).filter((r) => r.score <= 0.4)
    .sort((a, b) => a.score - b.score || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(found.map((r) => r.item.key))].slice(0, 3);
}

const random = seededRandom(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const NAMES = ['smith', 'jones', 'lincoln', 'washington', 'adams', 'jefferson', 'madison', 'vanderberg', 'okafor', 'nguyen', 'garcia', 'müller', 'li', 'kim', 'oconnor', 'abraham', 'george'];
const WORDS = ['annual', 'message', 'congress', 'climate', 'river', 'history', 'of', 'the', 'war', 'notes', 'on', 'trade', 'report', 'letters', 'union', 'state', 'speech', 'essays'];
const HEX = '0123456789abcdef';

/** A citation key in one of the shapes corpora have: author-year, snake case with a folder, a hash, words with hyphens. */
function makeKey(i: number): string {
  const year = String(1700 + Math.floor(random() * 330));
  switch (i % 5) {
    case 0: return `${pick(NAMES)}${year}${random() < 0.2 ? 'a' : ''}`;
    case 1: return `${year}_${pick(NAMES)}_${pick(NAMES)}_${pick(['n', 'r', 's'])}`;
    case 2: return `${String(i % 1000).padStart(3, '0')}_${Array.from({ length: 16 }, () => pick([...HEX])).join('')}`;
    case 3: return `${pick(['sotu', 'notes', 'press'])}/${pick(NAMES)}-${pick(WORDS)}-${year}`;
    default: return `${pick(NAMES)}-${pick(WORDS)}${random() < 0.5 ? `-${year}` : ''}`;
  }
}

/** A source file for `key`: a title of one to eight words in front matter, a first line as title, or none. */
function makeFile(key: string, i: number): [string, string] {
  const title = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick([...WORDS, ...NAMES])).join(' ');
  switch (i % 3) {
    case 0: return [`corpus/${key}.md`, `---\ntitle: ${title}\n---\nThe text of source ${i}.\n`];
    case 1: return [`corpus/${key}.txt`, `${title[0]!.toUpperCase()}${title.slice(1)}\n\nThe text of source ${i} is here.\n`];
    default: return [`corpus/${key}.txt`, `and so the text of source ${i} runs on without a title line, as scraped text does, well past where a title would end.\n`];
  }
}

/** A writer's slip: one or two characters changed, dropped, added or swapped, a key cut short, its folder left out, another case, a name. */
function slip(key: string): string {
  const edit = (k: string): string => {
    const at = Math.floor(random() * k.length);
    const c = pick([...'abcdefghijklmnopqrstuvwxyz0123456789_-']);
    switch (Math.floor(random() * 4)) {
      case 0: return k.slice(0, at) + c + k.slice(at + 1);
      case 1: return k.length > 3 ? k.slice(0, at) + k.slice(at + 1) : k + c;
      case 2: return k.slice(0, at) + c + k.slice(at);
      default: return at + 1 < k.length ? k.slice(0, at) + k[at + 1] + k[at] + k.slice(at + 2) : k + c;
    }
  };
  switch (Math.floor(random() * 8)) {
    case 0: case 1: case 2: return edit(key);
    case 3: return edit(edit(key));
    case 4: return key.slice(0, Math.max(3, Math.floor(key.length * (0.5 + random() / 2))));
    case 5: return key.includes('/') ? key.slice(key.indexOf('/') + 1) : key.toUpperCase();
    default: return pick([...NAMES, ...WORDS]) + (random() < 0.5 ? String(1700 + Math.floor(random() * 330)) : '');
  }
}

/** Characters drawn at random: no slip of anything. */
function junk(): string {
  return Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick([...'abcdefghijklmnopqrstuvwxyz0123456789_'])).join('');
}

const SCORING = { keyWeight: 0.7, titleWeight: 0.3, threshold: 0.45 };

test('"did you mean" over the candidates finds what Fuse over every key finds, over 2,000 generated keys, for their slips', async () => {
  const files: Record<string, string> = {};
  const keys: string[] = [];
  for (let i = 0; keys.length < 2000; i++) {
    const key = makeKey(i);
    const [path, text] = makeFile(key, i);
    if (files[path] !== undefined || keys.includes(key)) continue;
    files[path] = text;
    keys.push(key);
  }
  const index = await fixtureIndex(files);
  let suggested = 0;
  const differ: string[] = [];
  for (let n = 0; n < 500; n++) {
    const typed = slip(pick(keys));
    const expected = everyKey(index, typed);
    const found = suggestKeys(index, typed);
    if (expected.length > 0) suggested++;
    if (JSON.stringify(found) !== JSON.stringify(expected)) differ.push(`${typed}: ${found.join(' ')} ≠ ${expected.join(' ')}`);
  }
  assert.deepEqual(differ, []);
  assert.ok(suggested > 400, `most slips get suggestions (${suggested})`);
  // Random characters: a far key found only through a long title may be left out (a key holding none of their pairs).
  let same = 0;
  for (let n = 0; n < 100; n++) {
    const typed = junk();
    const expected = everyKey(index, typed);
    const found = suggestKeys(index, typed);
    if (JSON.stringify(found) === JSON.stringify(expected)) same++;
  }
  assert.ok(same >= 90, `${same} of 100 random strings get the same suggestions`);
});

test('the candidates of a slip are a part of the keys, and always hold the key it slipped from', () => {
  const items = Array.from({ length: 2000 }, (_, i) => ({ key: makeKey(i), title: Array.from({ length: 6 }, () => pick(WORDS)).join(' ') }));
  const candidates = new KeyCandidates(items, SCORING);
  for (const item of items.slice(0, 200)) {
    const typed = item.key.slice(0, 2) + item.key.slice(3); // one character dropped
    if (typed.length < 6) continue;
    const found = candidates.candidates(typed, 0.4)!;
    assert.ok(found.includes(item), typed);
    assert.ok(found.length < items.length / 4, `${typed}: ${found.length} candidates`);
  }
});

test('a key too short or too long for the filter is searched against every source', () => {
  const candidates = new KeyCandidates([{ key: 'a' }, { key: 'b' }], SCORING);
  assert.equal(candidates.candidates('a', 0.4), undefined);
  assert.equal(candidates.candidates('x'.repeat(33), 0.4), undefined);
  assert.deepEqual(candidates.candidates('ab', 0.4), []);
});

test('a title of a few words holding the typed key exactly makes its source a candidate; a long title does not', () => {
  const short = { key: 'k1', title: 'Lincoln Papers' };
  const long = { key: 'k2', title: 'the collected papers of abraham lincoln in nine volumes' };
  const candidates = new KeyCandidates([short, long], SCORING);
  assert.deepEqual(candidates.candidates('lincoln', 0.4), [short]);
});
