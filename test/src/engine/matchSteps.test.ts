import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VerdictCache } from '../../../server/out/features/check.js';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { finish } from '../../../server/out/engine/steps.js';
import { matchQuote, matchSteps } from '../../../server/out/match/verify.js';
import { fixtureIndex } from './featuresFixture.js';

/** Quotations of every verdict against the fixture corpus, with the keys they cite. */
const QUOTES: readonly (readonly [string, readonly string[]])[] = [
  ['we cannot escape history', ['lincoln']],
  ['the army moved 500 soldiers to the border', ['report']],
  ['The fiery trial through which we pass', ['report']],
  ['The decision was not taken lightly', []],
  ['nothing of the kind was ever written anywhere', ['lincoln']],
  ['we cannot … escape history', ['lincoln']],
  ['the same for all of them to see', []],
];

/** A token cancelled from the start: a search given it runs one step a call. */
const always = { isCancellationRequested: true };

/** Looks `text` up with `always` until it is found; the result and the number of calls. */
function stepwise(cache: VerdictCache, index: Awaited<ReturnType<typeof fixtureIndex>>, text: string, keys: readonly string[]) {
  for (let calls = 1; ; calls++) {
    assert.ok(calls < 1000, 'each call goes on where the last one stopped');
    const result = cache.lookup(index, text, keys, always);
    if (result) return { result, calls };
  }
}

test('a quotation\'s search stopped after every step and resumed through the cache finds what matchQuote finds', async () => {
  const index = await fixtureIndex();
  let stopped = 0;
  for (const [text, keys] of QUOTES) {
    const whole = matchQuote(index, text, keys);
    assert.deepEqual(finish(matchSteps(index, text, keys)), whole, text);
    const cache = new VerdictCache();
    cache.begin(index);
    const { result, calls } = stepwise(cache, index, text, keys);
    assert.deepEqual(result, whole, text);
    if (calls > 1) stopped++;
    // Found now: the next lookup is the cache's, at once.
    assert.equal(cache.lookup(index, text, keys, always), result);
  }
  assert.ok(stopped >= QUOTES.length - 2, `${stopped} of ${QUOTES.length} searches stopped part-way at least once`);
});

test('over a corpus where votes near the leaders count, searches stopped after every step and interleaved find what matchQuote finds', async () => {
  // Many sources of common words: the quotations' seeds cast more votes than the free ones, so the
  // commoner seeds vote only near the leaders (voteNearLeaders), and the votes are ranked in several steps.
  const words = ['the', 'of', 'and', 'to', 'in', 'that', 'it', 'was', 'for', 'all', 'them', 'see', 'same', 'people', 'time'];
  const files: Record<string, string> = {};
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let f = 0; f < 800; f++) files[`corpus/n${f}.txt`] = Array.from({ length: 120 }, () => words[Math.floor(next() * words.length)]).join(' ') + '.\n';
  const index = await fixtureIndex(files);
  const texts = ['the same for all of them to see', 'it was the time of the people and of all', 'that it was for them to see the same'];
  const cache = new VerdictCache();
  cache.begin(index);
  const found = new Map<string, unknown>();
  let calls = 0;
  while (found.size < texts.length) {
    assert.ok(++calls < 100_000);
    for (const text of texts) if (!found.has(text)) { const r = cache.lookup(index, text, ['n3'], always); if (r) found.set(text, r); }
  }
  assert.ok(calls > 3 * texts.length, `${calls} calls: the searches stopped many times`);
  for (const text of texts) assert.deepEqual(found.get(text), matchQuote(index, text, ['n3']), text);
});

test('two searches stopped in turn in one cache (a check\'s and a hover\'s) each go on where they stopped', async () => {
  const index = await fixtureIndex();
  const cache = new VerdictCache();
  cache.begin(index);
  const [a, b] = [QUOTES[4]!, QUOTES[6]!];
  let ra;
  let rb;
  for (let turns = 0; (!ra || !rb) && turns < 1000; turns++) {
    ra ??= cache.lookup(index, a[0], a[1], always);
    rb ??= cache.lookup(index, b[0], b[1], always);
  }
  assert.deepEqual(ra, matchQuote(index, a[0], a[1]));
  assert.deepEqual(rb, matchQuote(index, b[0], b[1]));
});

test('a search stopped before the corpus changed starts again on the new index version', async () => {
  const index = await fixtureIndex();
  const cache = new VerdictCache();
  cache.begin(index);
  const text = 'the same for all of them to see';
  assert.equal(cache.lookup(index, text, [], always), undefined, 'stopped part-way');
  assert.equal(matchQuote(index, text, []).kind, 'not-found');
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/new.txt': 'They set it up, the same for all of them to see, at the gate.\n' }), ['corpus']);
  index.set(sources[0]!);
  cache.begin(index, true);
  const { result } = stepwise(cache, index, text, []);
  assert.equal(result.kind, 'uncited');
  assert.deepEqual(result, matchQuote(index, text, []));
});
