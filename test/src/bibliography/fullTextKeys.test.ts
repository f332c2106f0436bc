/**
 * A bibliography entry whose full text is a corpus file under another key
 * (`corpus/papers/annual.pdf` for `@annual`, or a corpus file named in its
 * `file` field): every feature speaks of it by the key the writer cites.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bibliography } from '../../../server/out/bibliography/bibliography.js';
import type { BibFile } from '../../../server/out/bibliography/entry.js';
import { bibliographyFromText } from '../../../server/out/bibliography/readBibliography.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { quickFixes } from '../../../server/out/features/codeActions.js';
import { complete } from '../../../server/out/features/completion.js';
import { definitionAt } from '../../../server/out/features/definition.js';
import { toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { documentLinks } from '../../../server/out/features/documentLinks.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { ANNUAL, MEMO, pagedSource } from '../fixtures/pagedSources.js';

const REFS_PATH = '/w/refs.bib';
const REFS = `@report{annual, title = {Annual Report}, author = {{Harbor Commission}}, year = 2020}

@misc{memo2021, title = {A Memo}, year = 2021, file = {Memo:files/memo.pdf:application/pdf}}

@book{unread, title = {Never Scanned}, year = 1999}
`;

function bibliography(): Bibliography {
  const { entries, problems } = bibliographyFromText(REFS, REFS_PATH);
  const file: BibFile = { path: REFS_PATH, entries, problems, status: 'ok' };
  return new Bibliography([file]);
}

const index = new CorpusIndex([
  pagedSource('papers/annual', 'corpus/papers/annual.pdf', ANNUAL),
  pagedSource('notes/memo', 'corpus/notes/memo.pdf', MEMO),
]);
const bib = bibliography();
const DREDGING = '“the harbor master ordered the dredging of the northern channel”';

function findings(text: string): string[] {
  return checkDraft(index, text, { bibliography: bib }).findings.map((f) => `${f.code}: ${f.message}`);
}

test('a wrong page cited to the entry is a locator-mismatch that names the entry, with a fix to its citation', () => {
  const text = `He wrote ${DREDGING} [@annual, p. 2].`;
  assert.deepEqual(findings(text), ['locator-mismatch: The quotation is on p. 1 of @annual, not p. 2.']);
  assert.deepEqual(findings(`He wrote ${DREDGING} [@annual, p. 1].`), []);
  const report = checkDraft(index, text, { bibliography: bib });
  const lines = new LineIndex(text);
  const diagnostics = report.findings.map((f) => toDiagnostic(f, lines)!);
  assert.equal(diagnostics[0]!.data.sourceKey, 'annual');
  const [plan] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(plan?.title, 'Change to p. 1');
  assert.deepEqual(plan.edits.map((e) => [text.slice(e.span.start, e.span.end), e.newText]), [['p. 2', 'p. 1']]);
});

test('words found in an entry\'s full text are misattributed or uncited to the entry\'s key, and the fix cites it', () => {
  assert.deepEqual(findings(`He wrote ${DREDGING} [@memo2021].`),
    ['quote-misattributed: Misattributed: these words are in @annual, not in the cited @memo2021.']);
  assert.deepEqual(findings(`He wrote ${DREDGING}.`), ['uncited-quote: Uncited quotation: these words are in @annual.']);
  const text = `He wrote ${DREDGING} [@memo2021].`;
  const report = checkDraft(index, text, { bibliography: bib });
  const lines = new LineIndex(text);
  const titles = quickFixes(report.draft, lines, report.findings.map((f) => toDiagnostic(f, lines)!)).map((p) => p.title);
  assert.ok(titles.some((t) => t.includes('@annual')), titles.join(' | '));
  assert.ok(!titles.some((t) => t.includes('papers/annual')), titles.join(' | '));
});

test('a misquotation names the key the quotation cites', () => {
  assert.deepEqual(findings('He wrote “the harbor master ordered the dredging of the southern channel” [@annual, p. 1].').map((f) => f.split(':')[0] + ':' + f.split(':')[1]),
    ['quote-mismatch: Misquoted from @annual']);
  // Cited by its corpus key, it is named so.
  assert.match(findings('He wrote “the harbor master ordered the dredging of the southern channel” [@papers/annual].')[0]!, /from @papers\/annual:/);
});

test('a key of an unknown source suggests the entry\'s key for words found in its full text', () => {
  assert.deepEqual(findings(`He wrote ${DREDGING} [@anual].`), ['unknown-source: Unknown source @anual. Did you mean @annual?']);
});

test('the hover of a quotation names the entry; definition and links go to its full text, or to the entry in the .bib', () => {
  const text = `He wrote ${DREDGING} [@annual, p. 1]; see @memo2021 and @unread.`;
  const report = checkDraft(index, text, { bibliography: bib });
  assert.match(hoverAt(index, report, text.indexOf('harbor'))!.markdown, /^\*\*Verbatim\*\* in @annual \(papers\/annual\)/);
  assert.deepEqual(definitionAt(index, report, text.indexOf('@annual') + 2), { path: 'corpus/papers/annual.pdf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, key: 'papers/annual' });
  assert.equal(definitionAt(index, report, text.indexOf('@memo2021') + 2)?.path, 'corpus/notes/memo.pdf');
  assert.deepEqual(definitionAt(index, report, text.indexOf('@unread') + 2), { path: REFS_PATH, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, key: 'unread' });
  assert.deepEqual(documentLinks(index, report.draft, bib).map((l) => [text.slice(l.span.start, l.span.end), l.path]),
    [['annual', 'corpus/papers/annual.pdf'], ['memo2021', 'corpus/notes/memo.pdf']]);
});

test('a passage completed from an entry\'s full text is cited by the entry\'s key', () => {
  const text = 'He wrote “the harbor master ordered';
  const list = complete(index, text, text.length, bib);
  const first = list?.items[0];
  assert.ok(first, 'a passage is offered');
  assert.match(first.newText, /” \[@annual, p\. 1\]$/);
  assert.equal(first.description, '@annual');
});
