import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Bibliography } from '../../../server/out/bibliography/bibliography.js';
import { readCslJson, readCslYaml } from '../../../server/out/bibliography/csl.js';
import { draftBibliography } from '../../../server/out/bibliography/draftBibliography.js';
import type { BibFile } from '../../../server/out/bibliography/entry.js';
import { parseFileField } from '../../../server/out/bibliography/fileField.js';
import { resolveAttachment } from '../../../server/out/bibliography/attachments.js';
import { bibliographyFromText } from '../../../server/out/bibliography/readBibliography.js';
import { scanBibtex } from '../../../server/out/bibliography/scanBibtex.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { complete } from '../../../server/out/features/completion.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { cursor, fixtureIndex } from '../engine/featuresFixture.js';
import { sharedFile } from './sharedData.js';

const bib = (text: string, path = 'refs.bib'): Bibliography => {
  const { entries, problems } = bibliographyFromText(text, path);
  const file: BibFile = { path, entries, problems, status: 'ok' };
  return new Bibliography([file]);
};

const REFS = bib(`@article{smith2020,
  author = {Smith, Ann and Jones, Bo},
  title = {On <b>Harbors</b> and [links](command:x)},
  journal = {Journal of Ports}, volume = {12}, number = {3}, pages = {1--20},
  year = {2020}, doi = {10.1000/xyz_1}, url = {https://example.org/a?b=1}
}
@book{lincoln, title = {Collected Works}, author = {Lincoln, Abraham}, year = 1953}
`);

test('the file field in the forms Zotero, Better BibTeX, JabRef and Mendeley write', () => {
  const cases: [string, string[]][] = [
    ['~/BBTTEST/storage/de Oliveira, Aznar-2010-(Liquid+liquid).pdf', ['~/BBTTEST/storage/de Oliveira, Aznar-2010-(Liquid+liquid).pdf']],
    [':Deleuze1990.pdf:PDF', ['Deleuze1990.pdf']],
    [':Nail2020a.epub:ePUB;:Nail2020a.pdf:PDF', ['Nail2020a.epub', 'Nail2020a.pdf']],
    ['Robinson_2007.pdf:Better BibTeX.015/F64PVIN4/Robinson_2007.pdf:application/pdf', ['Better BibTeX.015/F64PVIN4/Robinson_2007.pdf']],
    ['Postprint:C\\:\\\\Users\\\\jfd1\\\\BLS_Stats_postprint.pdf:PDF', ['C:\\Users\\jfd1\\BLS_Stats_postprint.pdf']],
    ['~/BBTTEST/a b.pdf;files/Anonymous\\:2010p7822/a b.pdf', ['~/BBTTEST/a b.pdf', 'files/Anonymous:2010p7822/a b.pdf']],
    ['Gӧdel1933.pdf:Qiqqa/Gӧdel1933.pdf:application/pdf', ['Qiqqa/Gӧdel1933.pdf']],
    ['C:\\papers\\x.pdf', ['C:\\papers\\x.pdf']],
    ['papers/a.txt:text/plain', ['papers/a.txt']],
  ];
  for (const [field, paths] of cases) assert.deepEqual(parseFileField(field), paths, field);
});

test('attachment paths resolve against the .bib folder, ~/ against the home folder; Windows paths are not reachable here', () => {
  assert.equal(resolveAttachment('files/a.pdf', '/w/refs/library.bib'), '/w/refs/files/a.pdf');
  assert.equal(resolveAttachment('../papers/./a.pdf', '/w/refs/library.bib'), '/w/papers/a.pdf');
  assert.equal(resolveAttachment('~/Zotero/a.pdf', '/w/r.bib', '/home/ann'), '/home/ann/Zotero/a.pdf');
  assert.equal(resolveAttachment('~/Zotero/a.pdf', '/w/r.bib'), undefined);
  assert.equal(resolveAttachment('C:\\Users\\a.pdf', '/w/r.bib'), undefined);
  assert.equal(resolveAttachment('/abs/a.pdf', 'r.bib'), '/abs/a.pdf');
});

test('every file field of the real files parses to paths without a type or an escape left in', (t) => {
  for (const name of ['pitfalls.bib', 'big-10k.bib']) {
    const path = sharedFile(t, `formats/bib/${name}`);
    if (!path) return;
    const scan = scanBibtex(readFileSync(path, 'utf8'), name);
    let fields = 0;
    for (const entry of scan.entries) {
      const field = entry.fields.get('file');
      if (field === undefined) continue;
      fields++;
      const paths = parseFileField(field);
      assert.ok(paths.length > 0, `${entry.key}: ${field}`);
      for (const p of paths) assert.doesNotMatch(p, /:(PDF|pdf|ePUB|application\/pdf)$|\\:/, `${entry.key}: ${field}`);
    }
    assert.ok(fields >= (name === 'big-10k.bib' ? 3000 : 5), `${fields} file fields in ${name}`);
  }
});

test('CSL-JSON and CSL-YAML items are entries; an item without an id is reported with its line', () => {
  const json = readCslJson('[\n{"id": "a", "type": "book", "title": "A", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2001]]}},\n{"title": "no id"}\n]', 'r.json');
  assert.deepEqual(json.entries.map((e) => [e.key, e.title, e.year, e.authors]), [['a', 'A', '2001', [{ family: 'Doe', given: 'J.' }]]]);
  assert.deepEqual(json.problems, [{ path: 'r.json', line: 3, message: 'item 2 has no `id`, so it cannot be cited' }]);
  const yaml = readCslYaml('---\nreferences:\n- id: b\n  title: B\n  issued: 2004\n...\n', 'r.yaml');
  assert.deepEqual(yaml.entries.map((e) => [e.key, e.title, e.year]), [['b', 'B', '2004']]);
  assert.match(readCslJson('[{"id": ', 'bad.json').problems[0]!.message, /not valid JSON/);
});

test('the real CSL files load whole', (t) => {
  const json = sharedFile(t, 'formats/bib/deep-review-references.csl.json');
  const yaml = sharedFile(t, 'formats/bib/bbt-922.csl.yml');
  if (!json || !yaml) return;
  const a = readCslJson(readFileSync(json, 'utf8'), json);
  assert.equal(a.entries.length, 615);
  assert.deepEqual(a.problems, []);
  const b = readCslYaml(readFileSync(yaml, 'utf8'), yaml);
  assert.ok(b.entries.length > 0 && b.problems.length === 0, JSON.stringify(b.problems));
});

test('front matter: bibliography as a string or a list, with spans, and inline references', () => {
  const text = '---\ntitle: "A: B"\nbibliography:\n  - refs.bib\n  - "other.json"\nreferences:\n- id: inline1\n  title: Inline\n---\nBody';
  const found = draftBibliography(text, 'draft.md');
  assert.deepEqual(found.paths, ['refs.bib', 'other.json']);
  assert.deepEqual(found.spans.map((s) => text.slice(s.start, s.end)), ['refs.bib', '"other.json"']);
  assert.deepEqual(found.references.map((e) => e.key), ['inline1']);
  assert.deepEqual(draftBibliography('---\nbibliography: refs.bib\n---\n', 'd.md').paths, ['refs.bib']);
  assert.deepEqual(draftBibliography('No front matter. bibliography: refs.bib', 'd.md').paths, []);
  assert.deepEqual(draftBibliography('---\nbibliography: [unclosed\n---\n', 'd.md').paths, []);
});

test('a bibliography key is known; a key in neither is unknown, with suggestions from both', async () => {
  const index = await fixtureIndex();
  const report = checkDraft(index, 'See [@smith2020] and [@smiht2020] and [@lincon].', { bibliography: REFS });
  assert.deepEqual(report.findings.map((f) => [f.code, f.message]), [
    ['unknown-source', 'Unknown source @smiht2020. Did you mean @smith2020?'],
    ['unknown-source', 'Unknown source @lincon. Did you mean @lincoln?'],
  ]);
});

test('"did you mean" reaches a bibliography key past a slip in its first letters', async () => {
  const index = await fixtureIndex();
  for (const typo of ['amith2020', 'mith2020', 'msith2020', 'xsmith2020', 'Smiht2020']) {
    const report = checkDraft(index, `See [@${typo}].`, { bibliography: REFS });
    assert.deepEqual(report.findings.map((f) => f.message), [`Unknown source @${typo}. Did you mean @smith2020?`], typo);
  }
});

test('a quotation cited only to an entry without full text is unverifiable, naming a source that holds it', async () => {
  const index = await fixtureIndex();
  const text = 'They wrote “the army moved 300 soldiers to the border” [@smith2020] and “a sentence found nowhere at all” [@smith2020].';
  const report = checkDraft(index, text, { bibliography: REFS });
  assert.deepEqual(report.findings.map((f) => [f.code, text.slice(f.span.start, f.span.end), f.message]), [
    ['quote-unverifiable', '“the army moved 300 soldiers to the border”', '@smith2020 has no full text here, so this quotation was not checked: ' +
      'add its file to the corpus or a `file` field to the entry. These words are verbatim in @report.'],
    ['quote-unverifiable', '“a sentence found nowhere at all”', '@smith2020 has no full text here, so this quotation was not checked: ' +
      'add its file to the corpus or a `file` field to the entry.'],
  ]);
  // Cited with a source that has its text too: checked against that one.
  const both = checkDraft(index, 'They wrote “the army moved 500 soldiers to the border” [@smith2020; @report].', { bibliography: REFS });
  assert.deepEqual(both.findings.map((f) => f.code), ['quote-mismatch']);
});

test('while attachments are being indexed, a quotation cited to an entry with a file field gets no verdict yet; one without a file field is unverifiable at once', async () => {
  const index = await fixtureIndex();
  const refs = bib('@misc{paper, title = {Paper}, file = {:papers/paper.pdf:PDF}}\n@misc{book, title = {Book}}\n');
  const text = 'They wrote “the army moved 300 soldiers to the border” [@paper] and “a sentence found nowhere at all” [@book].';
  const pending = checkDraft(index, text, { bibliography: refs, attachmentsPending: true });
  assert.deepEqual(pending.findings.map((f) => [f.code, text.slice(f.span.start, f.span.end)]), [['quote-unverifiable', '“a sentence found nowhere at all”']]);
  // Cited to a source with its text too: still no verdict, as the words may be in the attachment (not misattributed).
  const both = checkDraft(index, 'They wrote “a sentence found nowhere at all” [@report; @paper].', { bibliography: refs, attachmentsPending: true });
  assert.deepEqual(both.findings.map((f) => f.code), []);
  assert.deepEqual(checkDraft(index, 'They wrote “a sentence found nowhere at all” [@report; @paper].', { bibliography: refs }).findings.map((f) => f.code), ['quote-not-found']);
  // Once indexed and still without its full text (the file could not be read), it is unverifiable.
  const done = checkDraft(index, text, { bibliography: refs });
  assert.deepEqual(done.findings.map((f) => f.code), ['quote-unverifiable', 'quote-unverifiable']);
  // A hover on the key says so too: not "no full text" while its attachment is still being read.
  const at = text.indexOf('@paper') + 2;
  assert.match(hoverAt(index, pending, at)!.markdown, /Full text: not known yet, its attachments are still being read\./);
  assert.match(hoverAt(index, done, at)!.markdown, /No full text here/);
  assert.match(hoverAt(index, pending, text.indexOf('@book') + 2)!.markdown, /No full text here/);
});

test('an entry whose key names a corpus file has that file as its full text', async () => {
  const index = await fixtureIndex();
  const refs = bib('@misc{report, title = {The Report}}\n@misc{other, title = {Other}, file = {:x/report.txt:text/plain}}\n');
  const report = checkDraft(index, '“the army moved 400 soldiers to the border” [@other].', { bibliography: refs });
  assert.deepEqual(report.findings.map((f) => f.code), ['quote-mismatch']);
});

test('hover on a bibliography key shows the escaped reference and where its full text is', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('See [@smi$$th2020].');
  const info = hoverAt(index, checkDraft(index, text, { bibliography: REFS }), offset);
  assert.equal(info!.markdown, 'Smith, Ann and Jones, Bo (2020). **On &lt;b&gt;Harbors&lt;/b&gt; and \\[links\\]\\(command:x\\)**. ' +
    '*Journal of Ports*, vol. 12(3), pp. 1–20.  \nDOI: [10.1000/xyz\\_1](https://doi.org/10.1000/xyz_1)  \nURL: <https://example.org/a?b=1>\n\n' +
    'No full text here: quotations from it are not checked. Add its file to the corpus or a `file` field to the entry.  \nFrom refs.bib');
  const withText = bib('@misc{report, title = {The Report}, year = 2021}');
  const at = cursor('See [@rep$$ort].');
  const shown = hoverAt(index, checkDraft(index, at.text, { bibliography: withText }), at.offset);
  assert.match(shown!.markdown, /^\(2021\)\. \*\*The Report\*\*\.\n\nFull text: corpus\/report\.txt  \nFrom refs\.bib$/);
});

test('key completion lists bibliography keys as Author (Year) Title and marks those with indexed text', async () => {
  const index = await fixtureIndex();
  const refs = bib('@misc{report, title = {The Report}, author = {Doe, Jane}, year = 2021}\n@misc{smith2020, title = {Harbors}, author = {Smith, Ann}, year = 2020}');
  const list = complete(index, 'See [@', 6, refs)!;
  assert.deepEqual(list.items.slice(0, 2).map((i) => [i.label, i.description, i.detail]), [
    ['report', '● Doe (2021) The Report', 'Doe (2021) The Report — full text indexed'],
    ['smith2020', 'Smith (2020) Harbors', 'Smith (2020) Harbors — no full text'],
  ]);
  assert.deepEqual(list.items.slice(2).map((i) => i.label), ['hostile', 'lincoln']);
  const typed = complete(index, 'See [@harb', 10, refs)!;
  assert.deepEqual(typed.items.map((i) => i.label), ['smith2020']);
});
