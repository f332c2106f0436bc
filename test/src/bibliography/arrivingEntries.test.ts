import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bibliography, compareKeys, mapKeysInSlices } from '../../../server/out/bibliography/bibliography.js';
import type { BibEntry, BibFile } from '../../../server/out/bibliography/entry.js';
import { ArrivingBibEntry, isSettled } from '../../../server/out/bibliography/lazyEntry.js';
import { bibliographyFromText } from '../../../server/out/bibliography/readBibliography.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { complete } from '../../../server/out/features/completion.js';
import { fixtureIndex } from '../engine/featuresFixture.js';

const entry = (key: string, title = key): BibEntry => ({ key, type: 'book', line: 1, title, authors: [], files: [] });
const file = (path: string, entries: BibEntry[], keyOrder?: number[]): BibFile => ({ path, entries, problems: [], status: 'ok', ...(keyOrder ? { keyOrder } : {}) });

/** What a bibliography answers, to compare two built differently. */
function answers(bibliography: Bibliography, keys: readonly string[]) {
  return {
    size: bibliography.size,
    entries: [...bibliography.entries()],
    keys: [...bibliography.keys()],
    sorted: bibliography.sortedEntries(),
    each: keys.map((k) => [bibliography.has(k), bibliography.get(k), bibliography.fileOf(k)?.path]),
  };
}

test('an arriving entry reads as its key alone until its text is put in, then as that text with its own key, type and line', () => {
  const [text] = bibliographyFromText('@article{smith2020, title = {The {Sea}}, author = {Smith, Ann}, year = 2020, file = {a.pdf}}', 'r.bib').entries;
  const arriving = new ArrivingBibEntry('smith2020', 'article', 7);
  assert.equal(isSettled(arriving), false);
  assert.deepEqual(JSON.parse(JSON.stringify(arriving)), { key: 'smith2020', type: 'article', line: 7, authors: [], files: [] });
  assert.equal(arriving.title, undefined);
  arriving.fill(text!);
  assert.equal(isSettled(arriving), true);
  assert.deepEqual(JSON.parse(JSON.stringify(arriving)), { ...JSON.parse(JSON.stringify(text)), line: 7 });
  assert.equal(arriving.title, 'The Sea');
  assert.deepEqual(arriving.files, ['a.pdf']);
});

test('a bibliography of one file takes the reader\'s key order as is, and sorts when there is none or several files', () => {
  const entries = ['b', 'Z', 'a', 'é', 'a2'].map((k) => entry(k));
  const sorted = [...entries].sort((x, y) => compareKeys(x.key, y.key));
  assert.deepEqual(sorted.map((e) => e.key), ['Z', 'a', 'a2', 'b', 'é']);
  assert.deepEqual(new Bibliography([file('r.bib', entries)]).sortedEntries(), sorted);
  const order = sorted.map((e) => entries.indexOf(e));
  assert.deepEqual(new Bibliography([file('r.bib', entries, order)]).sortedEntries(), sorted);
  // An order that does not fit the entries (another version of the file) is not used.
  assert.deepEqual(new Bibliography([file('r.bib', entries, [0, 1])]).sortedEntries(), sorted);
  // A key defined again: its first entry, once (as `get` has it), in the reader's order.
  const twice = [entry('b', 'first'), entry('a'), entry('b', 'again')];
  const once = new Bibliography([file('r.bib', twice, [1, 0, 2])]);
  assert.deepEqual(once.sortedEntries().map((e) => [e.key, e.title]), [['a', 'a'], ['b', 'first']]);
  assert.deepEqual(new Bibliography([file('r.bib', twice, [1, 2, 0])]).sortedEntries().map((e) => [e.key, e.title]), [['a', 'a'], ['b', 'first']]);
  // Two files: the first defining a key wins, in key order.
  const two = new Bibliography([file('one.bib', [entry('b', 'first')], [0]), file('two.bib', [entry('b', 'second'), entry('a')], [1, 0])]);
  assert.deepEqual(two.sortedEntries().map((e) => [e.key, e.title]), [['a', 'a'], ['b', 'first']]);
  assert.equal(two.fileOf('b')?.path, 'one.bib');
  assert.equal(two.fileOf('a')?.path, 'two.bib');
});

test('key maps made in slices build the same bibliographies as made at once, for one file or several, a key defined twice kept first', async () => {
  const many = Array.from({ length: 3_000 }, (_, i) => entry(`k${(i * 7919) % 3_000}`, `t${i}`));
  many.push(entry('k5', 'again'));
  const other = [entry('k1', 'other'), entry('x')];
  const keys = ['k0', 'k5', 'k1', 'x', 'nope'];
  const atOnce = [answers(new Bibliography([file('a.bib', [...many])]), keys), answers(new Bibliography([file('a.bib', [...many]), file('b.bib', [...other])]), keys)];
  await mapKeysInSlices(many);
  await mapKeysInSlices(other);
  const sliced = [answers(new Bibliography([file('a.bib', many)]), keys), answers(new Bibliography([file('a.bib', many), file('b.bib', other)]), keys)];
  assert.deepEqual(sliced, atOnce);
  assert.equal(new Bibliography([file('a.bib', many)]).get('k5')?.title, many.find((e) => e.key === 'k5')!.title);
  assert.notEqual(many.find((e) => e.key === 'k5')!.title, 'again');
  assert.equal(sliced[0]!.size, 3_000);
});

test('completion lists arriving entries by key at once, and with their labels once their text came', async () => {
  const texts = bibliographyFromText('@book{b, title = {Bee}}\n@book{a, title = {Ay}}\n', 'r.bib').entries;
  const arriving = texts.map((e) => new ArrivingBibEntry(e.key, e.type, e.line));
  const bibliography = new Bibliography([file('r.bib', arriving, [1, 0])]);
  const index = await fixtureIndex();
  const early = complete(index, 'See [@', 6, bibliography)!;
  assert.deepEqual(early.items.slice(0, 2).map((i) => [i.label, i.detail]), [['a', 'no full text'], ['b', 'no full text']]);
  assert.equal(early.isIncomplete, true);
  arriving.forEach((e, i) => e.fill(texts[i]!));
  const later = complete(index, 'See [@', 6, new Bibliography([file('r.bib', arriving, [1, 0])]))!;
  assert.deepEqual(later.items.slice(0, 2).map((i) => i.detail), ['Ay — no full text', 'Bee — no full text']);
});

test('a quotation cited to an entry whose text has not come yet gets no verdict, then the right one once it comes', async () => {
  const index = await fixtureIndex();
  const [text] = bibliographyFromText('@article{troops2020, title = {Troops}, file = {Full Text:report.txt:text/plain}}', 'r.bib').entries;
  const arriving = new ArrivingBibEntry('troops2020', 'article', 1);
  const bibliography = new Bibliography([file('r.bib', [arriving])]);
  const draft = 'They said “the army moved 300 soldiers to the border” [@troops2020] and “the army moved 400 soldiers to the border” [@troops2020].';
  const before = checkDraft(index, draft, { bibliography });
  // Not `quote-unverifiable`: its attachment is not known yet, not absent.
  assert.deepEqual(before.findings.map((f) => f.code), []);
  assert.deepEqual(before.verdicts, []);
  arriving.fill(text!);
  const after = checkDraft(index, draft, { bibliography });
  assert.deepEqual(after.verdicts.map((v) => v.kind), ['verbatim', 'mismatch']);
  assert.deepEqual(after.findings.map((f) => [f.code, f.data.sourceKey]), [['quote-mismatch', 'troops2020']]);
});
