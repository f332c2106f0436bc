import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Bibliography } from '../../../server/out/bibliography/bibliography.js';
import type { BibEntry } from '../../../server/out/bibliography/entry.js';
import { ArrivingBibEntry, isSettled, LazyBibEntry } from '../../../server/out/bibliography/lazyEntry.js';
import { bibliographyFromText, readBibliography } from '../../../server/out/bibliography/readBibliography.js';
import { entryFromScan, scanBibtex } from '../../../server/out/bibliography/scanBibtex.js';
import { BibliographyStore } from '../../../server/out/bibliography/store.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { complete } from '../../../server/out/features/completion.js';
import { keyLabelsMade, MAX_TYPED_KEYS } from '../../../server/out/features/keyCompletion.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { referenceLabel } from '../../../server/out/features/referenceMarkdown.js';
import { cursor, fixtureIndex } from '../engine/featuresFixture.js';
import { sharedFile } from './sharedData.js';

const FIELDS = ['key', 'type', 'line', 'title', 'authors', 'editors', 'year', 'container', 'volume', 'issue', 'pages', 'publisher', 'doi', 'url', 'files', 'csl'] as const;

/** Every field of `lazy` read one by one, and its JSON, equal to the eager entry's. */
function assertSameEntry(lazy: BibEntry, eager: BibEntry): void {
  for (const field of FIELDS) assert.deepEqual(lazy[field], eager[field], `${field} of @${eager.key}`);
  assert.deepEqual(JSON.parse(JSON.stringify(lazy)), JSON.parse(JSON.stringify(eager)), `@${eager.key} as JSON`);
}

/** `count` entries with accents, names and attachments: more than one slice of everything sliced. */
function generatedBib(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(`@article{key${String(i).padStart(5, '0')},
  title = {{\\"U}ber die {Gr\\"o\\ss e} --- Nummer ${i}: caf\u00e9 \u4e2d\u6587 \u{1F600}},
  author = {M\\"uller, J\\"urgen and van der Berg, Anna and {World Bank}},
  year = {${1900 + (i % 120)}},
  journal = {Journal ${i % 7}}, pages = {${i}--${i + 9}},
  file = {:papers/key${i}.pdf:PDF}
}
`);
  }
  return parts.join('');
}

test('a lazy entry reads the same as the eager one, field by field, whichever field is read first', () => {
  const scan = scanBibtex(generatedBib(40) + readFixture(), 'refs.bib');
  scan.entries.forEach((scanned, i) => {
    const lazy = new LazyBibEntry(scanned);
    assert.equal(lazy.settled, false);
    // The attachments alone (what indexing reads of every entry) do not make the rest of the text.
    if (i % 2 === 0) {
      assert.deepEqual(lazy.files, entryFromScan(scanned).files);
      assert.equal(lazy.settled, false);
    }
    assertSameEntry(lazy, entryFromScan(scanned));
    assert.equal(lazy.settled, true);
  });
});

test('lazy entries are the eager entries on the 10,000 of big-10k.bib', (t) => {
  const path = sharedFile(t, 'formats/bib/big-10k.bib');
  if (!path) return;
  const scan = scanBibtex(readFileSync(path, 'utf8'), path);
  assert.ok(scan.entries.length > 9_700);
  scan.entries.forEach((scanned, i) => {
    const lazy = new LazyBibEntry(scanned);
    if (i % 3 === 0) void lazy.files;
    assertSameEntry(lazy, entryFromScan(scanned));
  });
});

test('a large file read through the file system is decoded in slices to the same text and entries as at once', async () => {
  // Over a megabyte, with characters of two, three and four bytes falling across the slices' edges, and a byte order mark.
  const text = generatedBib(5_000);
  assert.ok(new TextEncoder().encode(text).length > 1_100_000);
  const fs = memoryFileSystem({ '/w/refs.bib': '\uFEFF' + text });
  const read = await readBibliography(fs, '/w/refs.bib');
  assert.equal(read.status, 'ok');
  assert.equal(read.text, text);
  const eager = bibliographyFromText(text, '/w/refs.bib');
  assert.equal(read.entries.length, 5_000);
  assert.deepEqual(read.problems, eager.problems);
  read.entries.forEach((entry, i) => assertSameEntry(entry, eager.entries[i]!));
});

test('the keys are known, listed and hovered as soon as the file is scanned, before the entries are cleaned', async () => {
  const index = await fixtureIndex();
  const store = new BibliographyStore(memoryFileSystem({ '/w/refs.bib': generatedBib(3_000) }));
  const file = await store.load('/w/refs.bib');
  // Entries are cleaned a slice of ~4 ms at a time after the file lands: most are not yet.
  assert.ok(file.entries.filter((e) => !isSettled(e)).length > 1_500);
  const bibliography = store.bibliography(['/w/refs.bib']);
  assert.equal(bibliography.size, 3_000);

  // Known: no unknown-source for a key whose entry is not cleaned.
  const last = file.entries.at(-1)!;
  assert.equal(isSettled(last), false);
  const at = cursor(`See [@${last.key}$$].`);
  const report = checkDraft(index, at.text, { bibliography });
  assert.deepEqual(report.findings.map((f) => f.code), []);
  // Hover shows the formatted reference all the same (that one entry is cleaned on demand).
  assert.match(hoverAt(index, report, at.offset)!.markdown, /^Müller, Jürgen, van der Berg, Anna and World Bank \(2019\)\. \*\*Über die Größe — Nummer 2999: café 中文 😀\*\*\./);

  // Listed: every key, those not cleaned yet without a label, and the list says it is incomplete.
  const early = complete(index, 'See [@', 6, bibliography)!;
  assert.equal(early.isIncomplete, true);
  assert.deepEqual(early.items.slice(0, 500).map((i) => i.label), file.entries.slice(0, 500).map((e) => e.key));

  await store.whenSettled('/w/refs.bib');
  assert.ok(file.entries.every(isSettled));
  // Once all are cleaned, every label is there (a request makes a slice of them; passes between requests the rest).
  let list = complete(index, 'See [@key00099', 14, bibliography)!;
  for (let i = 0; i < 10 && list.items[0]?.detail === 'no full text'; i++) list = complete(index, 'See [@key00099', 14, bibliography)!;
  assert.equal(list.items[0]!.label, 'key00099');
  assert.equal(list.items[0]!.detail, `${referenceLabel(file.entries[99]!)} — no full text`);
  const all = complete(index, 'See [@', 6, bibliography)!;
  assert.equal(all.isIncomplete, true, 'more than 500 keys');
  assert.ok(all.items.slice(0, 500).every((item, i) => item.detail === `${referenceLabel(file.entries[i]!)} — no full text`));
});

test('completion labels are made for the rows sent and between requests, and equal the eager ones', async () => {
  const text = generatedBib(1_500);
  const eager = bibliographyFromText(text, 'refs.bib').entries;
  // A bibliography of plain entries never seen before: its labels are made a slice at a time.
  const bibliography = new Bibliography([{ path: 'refs.bib', entries: eager, problems: [], status: 'ok' }]);
  const index = await fixtureIndex();
  const first = complete(index, 'See [@key01', 11, bibliography)!;
  assert.equal(first.isIncomplete, true);
  assert.deepEqual(first.items.slice(0, 3).map((i) => i.label), ['key01000', 'key01001', 'key01002']);
  // A few requests make them all (or the passes between requests do).
  const labelled = (list: ReturnType<typeof complete>) => list!.items.every((i) => i.detail !== 'no full text');
  let later = complete(index, 'See [@key01', 11, bibliography)!;
  for (let i = 0; i < 10 && !labelled(later); i++) later = complete(index, 'See [@key01', 11, bibliography)!;
  assert.equal(later.items.length, MAX_TYPED_KEYS, 'a typed prefix lists fewer keys than `[@|`');
  assert.deepEqual(later.items.map((i) => i.detail), later.items.map((i) => `${referenceLabel(eager.find((e) => e.key === i.label)!)} — no full text`));
  // What is typed is found in labels too once they are made (between requests): a title word no key holds.
  await keyLabelsMade(bibliography);
  const byTitle = complete(index, 'See [@über', 10, bibliography)!;
  assert.equal(byTitle.items.length, MAX_TYPED_KEYS);
  assert.deepEqual(byTitle.items.slice(0, 2).map((i) => i.label), ['key00000', 'key00001']);
});

test('a typed prefix lists at most MAX_TYPED_KEYS bibliography keys, the list marked incomplete; `[@|` lists 500', async () => {
  const eager = bibliographyFromText(generatedBib(1_500), 'refs.bib').entries;
  const bibliography = new Bibliography([{ path: 'refs.bib', entries: eager, problems: [], status: 'ok' }]);
  const index = await fixtureIndex();
  const all = complete(index, 'See [@', 6, bibliography)!;
  assert.equal(all.items.filter((i) => bibliography.has(i.label)).length, 500);
  const typed = complete(index, 'See [@k', 7, bibliography)!;
  assert.equal(typed.isIncomplete, true);
  const keys = typed.items.map((i) => i.label).filter((key) => bibliography.has(key));
  // The same first keys as before the cap, in key order (all of one length).
  assert.deepEqual(keys, eager.slice(0, MAX_TYPED_KEYS).map((e) => e.key));
  // Typing more finds the rest.
  assert.equal(complete(index, 'See [@key01499', 14, bibliography)!.items[0]!.label, 'key01499');
});

/** `count` plain entries `k00000`…, titled `Opusk…`, by `Authork…`, in key order. */
function plainEntries(count: number): BibEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const key = `k${String(i).padStart(5, '0')}`;
    return { key, type: 'book', line: i + 1, title: `Opus${key}`, authors: [{ family: `Author${key}` }], year: '2001', files: [] };
  });
}

test('key completion over 10,000 entries sends a bounded list, marked incomplete, the exact key first, and finds a key past the first rows', async () => {
  const entries = plainEntries(10_000);
  const bibliography = new Bibliography([{ path: '/w/big.bib', entries, problems: [], status: 'ok' }]);
  const index = await fixtureIndex();
  const all = complete(index, 'See [@', 6, bibliography)!;
  assert.equal(all.isIncomplete, true);
  assert.ok(all.items.length <= 500, `${all.items.length} items for [@`);
  assert.deepEqual(all.items.slice(0, 3).map((i) => i.label), ['k00000', 'k00001', 'k00002']);
  // The exact key first (shortest of those it begins), then the longer ones.
  const exact = complete(index, 'See [@k0998', 11, bibliography)!;
  assert.equal(exact.isIncomplete, true);
  assert.ok(exact.items.length <= MAX_TYPED_KEYS);
  assert.deepEqual(exact.items.slice(0, 3).map((i) => i.label), ['k09980', 'k09981', 'k09982']);
  assert.equal(complete(index, 'See [@k09999', 12, bibliography)!.items[0]!.label, 'k09999');
  // The rows sent have their label at once; a title word is found once the labels are made between requests.
  assert.equal(exact.items[0]!.detail, 'Authork09980 (2001) Opusk09980 — no full text');
  await keyLabelsMade(bibliography);
  const byTitle = complete(index, 'See [@opusk0999', 15, bibliography)!;
  assert.deepEqual(byTitle.items.filter((i) => bibliography.has(i.label)).map((i) => i.label), Array.from({ length: 10 }, (_, i) => `k0999${i}`));
});

test('a file read again lists and finds its keys by their last labels until the new entries have theirs', async () => {
  const index = await fixtureIndex();
  const old = plainEntries(2_000);
  const first = new Bibliography([{ path: '/w/refs.bib', entries: old, problems: [], status: 'ok' }]);
  complete(index, 'See [@', 6, first);
  await keyLabelsMade(first);
  // The same keys again, their text still to come (as from the BibTeX thread).
  const arriving = old.map((e) => new ArrivingBibEntry(e.key, e.type, e.line));
  const again = new Bibliography([{ path: '/w/refs.bib', entries: arriving, problems: [], status: 'ok' }]);
  const meanwhile = complete(index, 'See [@opusk01234', 16, again)!;
  assert.equal(meanwhile.isIncomplete, true, 'the labels are not made yet');
  assert.equal(meanwhile.items[0]!.label, 'k01234');
  assert.equal(meanwhile.items[0]!.detail, 'Authork01234 (2001) Opusk01234 — no full text');
  // Their text arrives, changed: the new labels replace the last ones.
  arriving.forEach((e, i) => e.fill({ ...old[i]!, title: `Novum${e.key}` }));
  await keyLabelsMade(again);
  complete(index, 'See [@', 6, again);
  await keyLabelsMade(again);
  const after = complete(index, 'See [@novumk01234', 17, again)!;
  assert.equal(after.items[0]!.label, 'k01234');
  assert.equal(after.items[0]!.detail, 'Authork01234 (2001) Novumk01234 — no full text');
  assert.deepEqual(complete(index, 'See [@opusk01234', 16, again)!.items.filter((i) => again.has(i.label)), []);
});

function readFixture(): string {
  return `@book{cousteau, author = {{Cousteau Jacques} and {Dugan James}}, title = "{The Living Sea}", year = 1963, publisher = {Harper \\& Row}}
@inbook{ch, title = {Lebanon}, crossref = {bk}, doi = {10.1000/a\\_b}, url = {https://example.org/a\\%20b}}
@book{bk, title = {Book}, year = {2004}, editor = {Doe, Jane}}
@misc{nothing}
@article{dated, date = {2010-11}, journaltitle = {J}, number = {3}, volume = {2}}
`;
}
