import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { nextTurn } from '../../../server/out/engine/timeSlices.js';
import {
  BestMatches, KEY_BEGINS, KEY_HOLDS, KEY_IS_QUERY, MAX_QUERY_CHARS, TITLE_HOLDS, matchRank, sourceMatches, sourceMatchesInSlices, sourceQuery,
} from '../../../server/out/features/sourceSearch.js';
import { workspaceSymbolsInSlices } from '../../../server/out/features/workspaceSymbols.js';
import { openIndex } from '../../../server/out/index/openIndex.js';

/** Finding sources by key and title as the user types (Open Source's picker, workspace symbols). */

test('ranks a source by where the query stands: the key itself, its start, its words, then key and title together', () => {
  const rank = (query: string, key: string, title = '') => matchRank(sourceQuery(query), key, title);
  assert.equal(rank('lincoln1862', 'Lincoln1862'), KEY_IS_QUERY);
  assert.equal(rank('  @Lincoln1862 ', 'lincoln1862'), KEY_IS_QUERY, 'a citation\'s @ and the case do not count');
  assert.equal(rank('linc', 'lincoln1862'), KEY_BEGINS);
  assert.equal(rank('1862 linc', 'lincoln1862'), KEY_HOLDS);
  assert.equal(rank('coln', 'lincoln1862'), KEY_HOLDS);
  assert.equal(rank('lincoln congress', 'lincoln1862', 'Annual Message to Congress'), TITLE_HOLDS);
  assert.equal(rank('MESSAGE', 'lincoln1862', 'Annual Message to Congress'), TITLE_HOLDS);
  assert.equal(rank('lincoln senate', 'lincoln1862', 'Annual Message to Congress'), undefined, 'every word must be somewhere');
  assert.equal(rank('1862 annual', 'x', 'annual'), undefined);
  assert.equal(rank('', 'anything', 'at all'), KEY_IS_QUERY, 'an empty query lists everything');
  assert.equal(rank('   ', 'anything'), KEY_IS_QUERY);
  assert.equal(rank('n1862a', 'lincoln1862', 'n1862 a'), undefined, 'a word does not run from the key into the title');
  assert.equal(rank('a'.repeat(MAX_QUERY_CHARS + 1), 'a'.repeat(MAX_QUERY_CHARS + 1)), undefined, 'a query too long matches nothing');
});

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('the best matches kept as they come are the first of one stable sort of them all, and all are counted', () => {
  const random = seeded(3);
  for (const count of [0, 1, 5, 200, 1399, 1400, 1401, 5000, 20_000]) {
    const items = Array.from({ length: count }, (_, at) => ({ rank: Math.floor(random() * 4), key: `k${Math.floor(random() * count / 2)}`, at }));
    for (const limit of [0, 1, 3, 200, 1000]) {
      const best = new BestMatches<(typeof items)[number]>(limit);
      for (const item of items) best.add(item.rank, item.key, item);
      const expected = [...items].sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, limit);
      assert.deepEqual(best.best(), expected, `${count} items, limit ${limit}`);
      assert.equal(best.total, count);
    }
  }
});

test('sources are filtered on key and title, ranked, cut to the limit and counted, in one piece or in slices', async () => {
  const files: Record<string, string> = {
    'corpus/report.txt': 'Troop Levels Rise in the North\n\nThe troops.\n',
    'corpus/reports/annual.txt': 'A Yearly Account\n\nText.\n',
    'corpus/old_report.md': '# Harbour Notes\n\nText.\n',
    'corpus/harbour.md': '# The Report on the Harbour\n\nText.\n',
  };
  for (let i = 0; i < 3000; i++) files[`corpus/n/note${i}.txt`] = `Note number ${i}\n\nSome text.\n`;
  const { index } = await openIndex(memoryFileSystem(files), ['corpus']);
  const keys = (query: string, limit: number) => sourceMatches([index.sources()], query, limit).sources.map((s) => s.key);

  assert.deepEqual(keys('report', 10), ['report', 'reports/annual', 'old_report', 'harbour']);
  assert.deepEqual(keys('REPORT harbour', 10), ['harbour', 'old_report'], 'both need the title: by key');
  assert.deepEqual(keys('report', 2), ['report', 'reports/annual']);
  assert.equal(sourceMatches([index.sources()], 'report', 2).total, 4);
  assert.deepEqual(keys('n/note12', 3), ['n/note12', 'n/note120', 'n/note1200']);
  assert.equal(sourceMatches([index.sources()], 'n/note12', 3).total, 1 + 10 + 100);
  assert.equal(sourceMatches([index.sources()], 'number 7', 5).total, [...Array(3000).keys()].filter((i) => String(i).includes('7')).length);
  assert.deepEqual(keys('', 3), ['harbour', 'n/note0', 'n/note1']);
  assert.equal(sourceMatches([index.sources()], '', 3).total, 3004);
  assert.deepEqual(sourceMatches([index.sources()], 'nowhere at all', 3), { sources: [], total: 0 });

  // In slices: the same answer, with turns between; a path in two lists once.
  let turns = 0;
  const sliced = await sourceMatchesInSlices([index.sources(), index.sources()], 'note 1', 50, () => (++turns % 2 === 0 ? nextTurn() : undefined));
  assert.deepEqual(sliced, sourceMatches([index.sources()], 'note 1', 50));
  assert.ok(turns >= 5, `it stopped ${turns} times`);
  // Cancelled (the user typed on): no answer.
  const token = { isCancellationRequested: false };
  const cancelled = sourceMatchesInSlices([index.sources()], '', 50, () => { token.isCancellationRequested = true; return undefined; }, token);
  assert.equal(await cancelled, undefined);
});

test('workspace symbols over two folders: the best of both together, a shared path once', async () => {
  const fs = memoryFileSystem({
    'a/corpus/ferry-times.txt': 'Ferry Times\n\nText.\n',
    'a/corpus/notes.txt': 'Notes on the ferry\n\nText.\n',
    'b/corpus/ferry.txt': 'The Ferry\n\nText.\n',
  });
  const { index: first } = await openIndex(fs, ['a/corpus']);
  const { index: second } = await openIndex(fs, ['b/corpus', 'a/corpus']);
  const symbols = await workspaceSymbolsInSlices([first, second], 'ferry', 10, () => undefined);
  assert.deepEqual(symbols?.map((s) => [s.name, s.path]), [
    ['ferry', 'b/corpus/ferry.txt'], ['ferry-times', 'a/corpus/ferry-times.txt'], ['notes', 'a/corpus/notes.txt'],
  ]);
  assert.deepEqual((await workspaceSymbolsInSlices([first, second], 'ferry', 1, () => undefined))?.map((s) => s.name), ['ferry']);
});
