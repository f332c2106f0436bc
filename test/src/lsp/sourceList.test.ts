import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SOURCES_PAGE, SOURCES_PAGE, type SourcesResult } from '../../../shared/out/protocol.js';
import { removeWorkspace, TestClient, uriOf, writeWorkspace } from './harness.js';

/**
 * Open Source's list (`verbatim/sources`) and workspace symbols over a corpus
 * of a few thousand sources: each answer is one bounded page, filtered on key
 * and title, the best first, with the count of every match (issue 11: 100,000
 * sources made a 15 MB answer that held every other request).
 */

const NOTES = 3000;
const TOPICS = ['ferry', 'survey', 'timetable'];
/** The key and title of note `i`: `d2/n1234` and `Note 1234 on the survey`. */
const noteKey = (i: number) => `d${Math.floor(i / 500)}/n${i}`;
const noteTitle = (i: number) => `Note ${i} on the ${TOPICS[i % 3]}`;
const HARBOUR: Record<string, string> = {
  'harbour': 'Harbour Survey of 1881',
  'harbour-board': 'Minutes of the Board',
  'old/harbour': 'An Older Account',
  'tides': 'Tables for the Harbour',
};

let root: string;
let client: TestClient;
let uri: string;
const allKeys: string[] = [];
const titleOf = new Map<string, string>();

before(async () => {
  const files: Record<string, string> = { 'draft.md': 'No quotations here.\n' };
  for (let i = 0; i < NOTES; i++) {
    files[`corpus/${noteKey(i)}.txt`] = `${noteTitle(i)}\n\nA line of text about note ${i}.\n`;
    titleOf.set(noteKey(i), noteTitle(i));
  }
  for (const [key, title] of Object.entries(HARBOUR)) {
    files[`corpus/${key}.md`] = `# ${title}\n\nSome text.\n`;
    titleOf.set(key, title);
  }
  allKeys.push(...titleOf.keys());
  allKeys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  root = writeWorkspace(files);
  client = await TestClient.start(root);
  await client.indexed(allKeys.length);
  uri = uriOf(root, 'draft.md');
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

const sources = (params: Record<string, unknown>) => client.request<SourcesResult>('verbatim/sources', { uri, ...params });
/** Whether every word of `query` is in the key or the title (case-insensitive): the filter, written out. */
const holds = (query: string, key: string) => query.toLowerCase().split(/\s+/).filter(Boolean)
  .every((w) => key.toLowerCase().includes(w) || titleOf.get(key)!.toLowerCase().includes(w));

test('with no query, the first page of every source by key, and how many there are', async () => {
  const answer = await sources({});
  assert.equal(answer.total, NOTES + 4);
  assert.deepEqual(answer.items.map((s) => s.key), allKeys.slice(0, SOURCES_PAGE));
  assert.equal(answer.items[0]!.title, titleOf.get(answer.items[0]!.key));
  assert.equal(answer.items[0]!.uri, uriOf(root, `corpus/${answer.items[0]!.key}.txt`));
  // An old caller's `{ uri }` alone, and bad limits, get the same first page.
  for (const limit of [undefined, -1, 2.5, 'all', null]) assert.deepEqual(await sources({ limit }), answer, `limit ${String(limit)}`);
  assert.deepEqual(await sources({ query: 42 }), answer, 'a query that is not a string is no query');
});

test('a limit is kept, up to the cap', async () => {
  assert.deepEqual((await sources({ limit: 3 })).items.map((s) => s.key), allKeys.slice(0, 3));
  assert.deepEqual(await sources({ limit: 0 }), { items: [], total: NOTES + 4 });
  const most = await sources({ limit: 1_000_000 });
  assert.equal(most.items.length, MAX_SOURCES_PAGE);
  assert.deepEqual(most.items.map((s) => s.key), allKeys.slice(0, MAX_SOURCES_PAGE));
});

test('a query keeps the sources whose key or title holds every word, the exact key first, and counts them all', async () => {
  const harbour = await sources({ query: 'Harbour' });
  assert.deepEqual(harbour.items.map((s) => s.key), ['harbour', 'harbour-board', 'old/harbour', 'tides']);
  assert.equal(harbour.total, 4);
  assert.deepEqual((await sources({ query: '@harbour', limit: 1 })).items.map((s) => s.key), ['harbour']);

  // Words in the title and the key together: every note about the survey whose number holds 12.
  const query = 'survey 12';
  const expected = allKeys.filter((k) => holds(query, k));
  assert.ok(expected.length > 20);
  const some = await sources({ query, limit: 20 });
  assert.equal(some.total, expected.length);
  assert.equal(some.items.length, 20);
  for (const s of some.items) assert.ok(holds(query, s.key), `${s.key} (${s.title}) does not hold ${query}`);
  // No key holds both words: all match on the title as well, so by key.
  assert.deepEqual(some.items.map((s) => s.key), expected.slice(0, 20));

  // The exact key before the keys it begins, before keys that hold it, before titles.
  const n12 = await sources({ query: 'd0/n12', limit: 5 });
  assert.deepEqual(n12.items.map((s) => s.key), ['d0/n12', 'd0/n120', 'd0/n121', 'd0/n122', 'd0/n123']);
  assert.equal(n12.total, 11, 'd0/n12 and d0/n120 to d0/n129');
  assert.equal(n12.total, allKeys.filter((k) => holds('d0/n12', k)).length);
  const note7 = await sources({ query: 'n7', limit: 3 });
  assert.deepEqual(note7.items.map((s) => s.key), ['d0/n7', 'd0/n70', 'd0/n71'], 'keys that hold it, by key');
  assert.equal(note7.total, allKeys.filter((k) => holds('n7', k)).length);
  assert.deepEqual(await sources({ query: 'no such words' }), { items: [], total: 0 });
});

test('workspace symbols are one bounded page too, the exact key first', async () => {
  const all = await client.request<{ name: string }[]>('workspace/symbol', { query: '' });
  assert.deepEqual(all.map((s) => s.name), allKeys.slice(0, 200));
  const harbour = await client.request<{ name: string; containerName?: string }[]>('workspace/symbol', { query: 'harbour' });
  assert.deepEqual(harbour.map((s) => s.name), ['harbour', 'harbour-board', 'old/harbour', 'tides']);
  const ferry = await client.request<{ name: string }[]>('workspace/symbol', { query: 'ferry' });
  assert.equal(ferry.length, 200);
  assert.deepEqual(ferry.map((s) => s.name), allKeys.filter((k) => holds('ferry', k)).slice(0, 200));
});
