// Issue 13: dropped words in short quotations, editorial artifacts and Markdown markup in sources,
// the cited source first, scanning errors and spelling variants, with their quick fixes.
// The sources are short invented passages modelled on the examples (SOTU addresses, Gutenberg books).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../../server/out/features/check.js';
import { fixAll, quickFixes } from '../../../server/out/features/codeActions.js';
import { toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { maskText } from '../../../server/out/corpus/visibleText.js';
import { isSpellingVariant } from '../../../server/out/match/spelling.js';
import { verdictsOf } from '../fixtures/verdicts.js';
import { fixtureIndex } from './featuresFixture.js';

const COMMON = 'their people and their land, and the work of their towns. '.repeat(30);
const SOURCES: Record<string, string> = {
  'corpus/speech.txt': 'The President said that Government aid can only supplement the role of private investment in the new towns. '
    + 'And then, as in this chamber, Americans can disagree without being disagreeable, he said. We can not escape history. '
    + 'We shall be brought to-day to the labor of the harbor, & the men mov\'d and whipped them. There are thirty ships.\n',
  'corpus/address.txt': `${COMMON}Many are poor because of theft color, and all too many because of poverty. The dolichocephalic skull was measured.\n`,
  'corpus/dante.txt': 'Through me you pass into the city of woe. All hope abandon ye who enter here. Such characters in colour dim I mark.\n',
  'corpus/novel.txt': 'Molly laughed and wrote on the door of the exam room: Abandon hope, all ye who enter here. Then she went home.\n',
  'corpus/ledger.txt': 'Then he wrote these words in the ledger: they came to hope abandon all, and went on their way.\n',
  'corpus/lords.txt': 'The lords & ladies of the court went down to the river and the sea that morning, &c.\n',
  'corpus/carol.txt': 'He kept it as well as any man alive, and was never [Illustration: Original manuscript of Page 44.]\n\nbetter than at Christmas [Pg 12] when {13} the fire burned.\n',
  'corpus/notes.md': '---\ntitle: Notes\n---\nWe walked along [the river](https://example.com/river_walk) until <b>collapsed</b> bridges stopped us, and the *very* old mill was __quiet__ at dusk.\n',
};

async function planFor(text: string) {
  const index = await fixtureIndex(SOURCES);
  const report = checkDraft(index, text);
  const lines = new LineIndex(text);
  const diagnostics = report.findings.map((f) => toDiagnostic(f, lines)!);
  return { index, report, lines, diagnostics };
}

function apply(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('a short quotation with a few words dropped is a misquote, not "not found"', async () => {
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“Government aid can only of private investment” [@speech].'),
    ['mismatch @speech: dropped “”→“supplement the role”']);
  assert.deepEqual(verdictsOf(index, '“as in this disagree without being disagreeable” [@speech].'),
    ['mismatch @speech: dropped “”→“chamber, Americans can”']);
  const { report } = await planFor('“Government aid can only of private investment” [@speech].');
  assert.match(report.findings[0]!.message, /3 words dropped without an ellipsis: “supplement the role”/);
});

test('editorial artifacts in a plain-text source are not text, and positions still map to the file', async () => {
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“was never better than at Christmas” [@carol].'), ['verbatim @carol']);
  assert.deepEqual(verdictsOf(index, '“better than at Christmas when the fire burned” [@carol].'), ['verbatim @carol']);
  const text = '“was never worse than at Christmas” [@carol].';
  const { report, lines, diagnostics } = await planFor(text);
  const verdict = report.verdicts[0]!;
  assert.equal(verdict.kind, 'mismatch');
  // The passage's place is the file's: it starts at "was" in the file.
  assert.equal(verdict.passage!.span.start, SOURCES['corpus/carol.txt']!.indexOf('was never'));
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), '“was never better than at Christmas” [@carol].');
});

test('masking keeps length and line breaks, and leaves ordinary brackets alone', () => {
  const raw = 'never [Illustration: a\ncaption] better [sic] {12} and[3] [Pg 7] end';
  const masked = maskText(raw, 'plain');
  assert.equal(masked.length, raw.length);
  assert.equal(masked.split('\n').length, raw.split('\n').length);
  assert.equal(masked.replace(/\s+/g, ' '), 'never better [sic] and end');
  assert.equal(maskText(raw, undefined), raw);
});

test('a Markdown source is matched on its visible text, and its fix writes no markup', async () => {
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“We walked along the river until collapsed bridges stopped us” [@notes].'), ['verbatim @notes']);
  assert.deepEqual(verdictsOf(index, '“the very old mill was quiet at dusk” [@notes].'), ['verbatim @notes']);
  const text = '“along the river until fallen bridges stopped us” [@notes].';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), '“along the river until collapsed bridges stopped us” [@notes].');
});

test('the cited source first: a close passage there is a misquote naming the source with the exact words', async () => {
  const text = '“Abandon hope, all ye who enter here” [@dante].';
  const { report, lines, diagnostics } = await planFor(text);
  assert.equal(report.verdicts[0]!.kind, 'mismatch');
  assert.equal(report.verdicts[0]!.passage!.key, 'dante');
  assert.match(report.findings[0]!.message, /These exact words are in @novel\./);
  const fixes = quickFixes(report.draft, lines, diagnostics);
  const cite = fixes.find((f) => f.title === 'Cite @novel instead');
  assert.ok(cite);
  assert.equal(cite.isPreferred, false);
  assert.equal(apply(text, cite.edits), '“Abandon hope, all ye who enter here” [@novel].');
  // The moved first words: the passage and its fix are the source's own words, "All" included.
  assert.equal(report.verdicts[0]!.passage!.wording, 'All hope abandon ye who enter here');
  assert.match(report.findings[0]!.message, /words in a different order: the source has “All hope abandon” where the quote has “Abandon hope, all”/);
  const preferred = fixes.find((f) => f.isPreferred);
  assert.equal(apply(text, preferred!.edits), '“All hope abandon ye who enter here” [@dante].');
  // Nothing close in the cited source: still misattributed.
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“wrote on the door of the exam room” [@speech].'), ['misattributed @novel']);
});

test('moved last words: the passage ends with the source words the quotation moved', async () => {
  const text = '“he wrote these words in the ledger: they came to all abandon hope” [@ledger].';
  const { report, lines, diagnostics } = await planFor(text);
  assert.equal(report.verdicts[0]!.passage!.wording, 'he wrote these words in the ledger: they came to hope abandon all');
  assert.match(report.findings[0]!.message, /words in a different order: the source has “hope abandon all” where the quote has “all abandon hope”/);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), '“he wrote these words in the ledger: they came to hope abandon all” [@ledger].');
});

test('a scanning error in the source is named as one; its fix is not preferred and fix-all leaves it', async () => {
  const text = '“Many are poor because of their color, and all too many” [@address].';
  const { report, lines, diagnostics } = await planFor(text);
  assert.equal(report.verdicts[0]!.kind, 'mismatch');
  assert.match(report.findings[0]!.message, /the source reads “theft”, which may be a scanning error for “their”/);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(fix!.isPreferred, false);
  assert.equal(fixAll(report.draft, lines, diagnostics), undefined);
});

test("a writer's misspelling of a rare word stays a plain misquote", async () => {
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“The dolicocephalic skull was measured” [@address].'),
    ['mismatch @address: substituted “dolicocephalic”→“dolichocephalic”']);
});

test('spelling variants are quote-spelling (a hint), each pair named; the fix restores the source; fix-all leaves it', async () => {
  const text = '“we cannot escape history” [@speech] and “brought today to the labour of the harbour & the men moved and whipt them” [@speech].';
  const { report, lines, diagnostics } = await planFor(text);
  assert.deepEqual(report.findings.map((f) => f.code), ['quote-spelling', 'quote-spelling']);
  assert.equal(diagnostics[0]!.severity, 4);
  assert.match(report.findings[0]!.message, /“cannot” for the source's “can not”/);
  assert.match(report.findings[1]!.message, /“today” for the source's “to-day”; “labour” for the source's “labor”; .*“whipt” for the source's “whipped”/);
  assert.equal(report.findings[0]!.span.start, report.verdicts[0]!.quote.span.start);
  const fix = quickFixes(report.draft, lines, [diagnostics[0]!])[0]!;
  assert.equal(apply(text, fix.edits).slice(0, 30), '“We can not escape history” [@');
  assert.equal(fixAll(report.draft, lines, diagnostics), undefined);
});

test('“and” for the source\'s “&” is a spelling variant too; an added “and” elsewhere is not', async () => {
  const text = '“The lords and ladies of the court went down” [@lords].';
  const { report, lines, diagnostics } = await planFor(text);
  assert.deepEqual(report.findings.map((f) => f.code), ['quote-spelling']);
  assert.match(report.findings[0]!.message, /“and” for the source's “&”/);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), '“The lords & ladies of the court went down” [@lords].');
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“The lords and the ladies of the court went down” [@lords].'), ['mismatch @lords: added “and the”→“”']);
  assert.deepEqual(verdictsOf(index, '“went down to the river and and the sea that morning” [@lords].'), ['mismatch @lords: added “and”→“”']);
  // `&c.` is "etc.", not "and".
  assert.deepEqual(verdictsOf(index, '“down to the river and the sea that morning, and c” [@lords].'), ['mismatch @lords: added “and”→“”']);
});

test('numbers, negations and real word changes are never spelling variants', async () => {
  const index = await fixtureIndex(SOURCES);
  assert.deepEqual(verdictsOf(index, '“the men mov\'d and whipped them. There are 30 ships” [@speech].'), ['mismatch @speech: number “30”→“thirty”']);
  assert.equal(isSpellingVariant(['can'], ['cannot']), false);
  assert.equal(isSpellingVariant(['four'], ['for']), false);
  assert.equal(isSpellingVariant(['filled'], ['filed']), false);
  assert.equal(isSpellingVariant(['a', 'part'], ['apart']), false);
  assert.equal(isSpellingVariant(['reutres'], ['reuters']), false);
  assert.equal(isSpellingVariant(['labour'], ['labor']), true);
  assert.equal(isSpellingVariant(['mov\'d'], ['moved']), true);
  assert.equal(isSpellingVariant(['whipt'], ['whipped']), true);
  assert.equal(isSpellingVariant(['expence'], ['expense']), true);
  assert.equal(isSpellingVariant(['dependancies'], ['dependencies']), true);
  assert.equal(isSpellingVariant(['behoves'], ['behooves']), true);
});
