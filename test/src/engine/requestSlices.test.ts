import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { sortInSlices } from '../../../server/out/engine/sortInSlices.js';
import { nextTurn } from '../../../server/out/engine/timeSlices.js';
import { workspaceSymbols, workspaceSymbolsInSlices, type SourceSymbol } from '../../../server/out/features/workspaceSymbols.js';
import { matchRank, sourceQuery } from '../../../server/out/features/sourceSearch.js';
import type { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { openIndex } from '../../../server/out/index/openIndex.js';

/**
 * Requests over every source, answered in slices (issue 11): the same answer
 * as in one piece, with waiting work let in between.
 */

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('a sort in slices gives the order of Array.prototype.sort, equal items kept in their order', async () => {
  const random = seeded(4);
  for (const size of [0, 1, 2, 1023, 1024, 1025, 2049, 5000, 12_345]) {
    const items = Array.from({ length: size }, (_, i) => ({ key: Math.floor(random() * size / 3), at: i }));
    const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
    let yields = 0;
    const sorted = await sortInSlices(items, compare, () => (++yields % 2 === 0 ? nextTurn() : undefined));
    assert.deepEqual(sorted, [...items].sort(compare), `${size} items`);
    if (size > 5000) assert.ok(yields > 3, `${size} items: it stopped ${yields} times`);
  }
});

/** The symbols as one sort of every match would list them: by rank (`matchRank`), then key. */
function referenceSymbols(index: CorpusIndex, query: string, limit: number): SourceSymbol[] {
  const parsed = sourceQuery(query);
  const hits: { rank: number; symbol: SourceSymbol }[] = [];
  for (const source of index.sources()) {
    const rank = matchRank(parsed, source.key, source.title);
    if (rank !== undefined) hits.push({ rank, symbol: { name: source.key, detail: source.title, path: source.path } });
  }
  const byName = (a: SourceSymbol, b: SourceSymbol) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return hits.sort((a, b) => a.rank - b.rank || byName(a.symbol, b.symbol)).slice(0, limit).map((h) => h.symbol);
}

test('workspace symbols in slices list what one sort of every match lists, for every query', async () => {
  const random = seeded(9);
  const files: Record<string, string> = {};
  const words = ['Harbour', 'Ferry', 'Survey', 'Timetable', 'Breakwater'];
  for (let i = 0; i < 4000; i++) {
    const title = `${words[Math.floor(random() * words.length)]} ${words[Math.floor(random() * words.length)]} ${i % 37}`;
    files[`corpus/${String.fromCharCode(97 + (i % 26))}${Math.floor(random() * 1e6)}_${i}.md`] = `# ${title}\n\nThe text of note ${i}.\n`;
  }
  const { index } = await openIndex(memoryFileSystem(files), ['corpus']);
  for (const query of ['', 'harbour', 'ferry survey', 'b1', '_12', 'x y z', 'timetable 3', 'a', 'B']) {
    for (const limit of [1, 200, 5000]) {
      const expected = referenceSymbols(index, query, limit);
      assert.deepEqual(workspaceSymbols(index, query, limit), expected, `${query} (${limit})`);
      let yields = 0;
      assert.deepEqual(await workspaceSymbolsInSlices([index], query, limit, () => { yields++; return nextTurn(); }), expected, `${query} (${limit}) in slices`);
      assert.ok(yields >= 3, `${query}: it stopped ${yields} times`);
    }
  }
});
