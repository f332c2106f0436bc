import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A, B, C, E, sampleIndex } from '../fixtures/sampleCorpus.js';
import { report, verdictsOf } from '../fixtures/verdicts.js';

const index = await sampleIndex();

test('reports a changed number with the source’s number', () => {
  assert.deepEqual(verdictsOf(index, `Troops were “less than 42 kilometers from the northeastern city of Kharkiv” [@${C}].`),
    [`mismatch @${C}: number “42”→“32”`]);
});

test('reports an inserted negation', () => {
  assert.deepEqual(verdictsOf(index, `“Ukraine, as I have said before, must not make its own decisions” [@${B}].`),
    [`mismatch @${B}: negation-added “not”→“”`]);
});

test('reports a dropped negation, also inside a contraction', () => {
  assert.deepEqual(verdictsOf(index, `“it will violate the ban unless the United States softens its stance” [@${B}].`),
    [`mismatch @${B}: negation-dropped “”→“not”`]);
  assert.deepEqual(verdictsOf(index, `“And of course, the union does want that” [@${A}].`),
    [`mismatch @${A}: negation-dropped “does”→“doesn’t”`]);
});

test('reports a changed or dropped currency sign', () => {
  assert.deepEqual(verdictsOf(index, `“the International Monetary Fund potentially unlocking €1.1 billion in aid” [@${E}].`),
    [`mismatch @${E}: substituted “€”→“$”`]);
  assert.deepEqual(verdictsOf(index, `“the International Monetary Fund potentially unlocking 1.1 billion in aid” [@${E}].`),
    [`mismatch @${E}: dropped “”→“$”`]);
  assert.deepEqual(verdictsOf(index, `“the International Monetary Fund potentially unlocking $1.1 billion in aid” [@${E}].`),
    [`verbatim @${E}`]);
});

test('reports a substituted word', () => {
  assert.deepEqual(verdictsOf(index, `“We’ve been talking about it for a short time” [@${B}].`),
    [`mismatch @${B}: substituted “short”→“long”`]);
});

test('reports words dropped without an ellipsis', () => {
  assert.deepEqual(verdictsOf(index, `“kyiv's partners have drawn a red line in allowing Ukraine to use the weapons” [@${B}].`),
    [`mismatch @${B}: dropped “”→“firm”`]);
});

test('reports added words', () => {
  assert.deepEqual(verdictsOf(index, `“So far, we are on the very same page about the thresholds” [@${A}].`),
    [`mismatch @${A}: added “very”→“”`]);
});

test('reports swapped words', () => {
  assert.deepEqual(verdictsOf(index, `“kyiv's partners have drawn a red firm line in allowing Ukraine” [@${B}].`),
    [`mismatch @${B}: swapped “red firm”→“firm red”`]);
});

test('reports words that are in another source than the one cited', () => {
  assert.deepEqual(verdictsOf(index, `“As a result, there is a powerful asymmetry” [@${A}].`), [`misattributed @${B}`]);
});

test('reports a close match in an uncited source as misattributed', () => {
  assert.deepEqual(verdictsOf(index, `“Russian commanders are aware of Ukraine’s total inability to retaliate” [@${A}].`),
    [`misattributed @${C}: added “total”→“”`]);
});

test('reports a quotation no source holds', () => {
  assert.deepEqual(verdictsOf(index, `“The quick brown fox jumps over the lazy dog” [@${A}].`), ['not-found']);
});

test('reports a verbatim quotation without a citation as uncited', () => {
  assert.deepEqual(verdictsOf(index, `"We neither encouraged nor permitted strikes outside Ukraine," he said.`), [`uncited @${B}`]);
});

test('reports a short quotation with one word changed as not found rather than guessing', () => {
  assert.deepEqual(verdictsOf(index, `“a firm blue line” [@${B}].`, 4), ['not-found']);
});

test('does not accept omission parts out of order', () => {
  const [verdict] = verdictsOf(index, `“defend itself effectively … must make its own decisions on how best” [@${B}].`);
  assert.notEqual(verdict, `verbatim @${B}`);
});

test('a mismatch carries the exact source wording, its place, and the draft span of the changed word', () => {
  const draft = `Troops were “less than 42 kilometers from the northeastern city of Kharkiv,” officials said [@${C}].`;
  const { findings, verdicts } = report(index, draft);
  assert.equal(findings.length, 1);
  const finding = findings[0]!;
  assert.equal(finding.code, 'quote-mismatch');
  assert.equal(finding.message, `Misquoted from @${C}: the source says “32”, not “42”.`);
  assert.deepEqual(finding.span, { start: draft.indexOf('“'), end: draft.indexOf('”') + 1 });
  assert.equal(finding.data.sourceText, 'less than 32 kilometers from the northeastern city of Kharkiv');
  assert.equal(finding.data.range?.start.line, 8); // the ninth line of the article
  const diff = verdicts[0]!.diffs[0]!;
  assert.equal(draft.slice(diff.draftSpan.start, diff.draftSpan.end), '42');
});

test('reports an unknown key with “did you mean” keys, the source holding the quotation first', () => {
  const { findings } = report(index, `The warning of a “serious step leading to an unacceptable escalation” [@000_5b963e663469ef8].`);
  assert.deepEqual(findings.map((f) => [f.code, f.message]), [
    ['unknown-source', `Unknown source @000_5b963e663469ef8. Did you mean @${A}?`],
  ]);
  assert.deepEqual(findings[0]!.data.suggestions?.[0], A);
});

test('reports an unknown key with no near key plainly', () => {
  const { findings } = report(index, `As argued elsewhere [@tuck2024].`);
  assert.deepEqual(findings.map((f) => f.message), ['Unknown source @tuck2024. No source in the corpus has this key.']);
});

test('reports an omission that reaches further than a paragraph, with how many words it stands for', () => {
  const draft = `“Ukraine, as I have said before, must make its own decisions … on the territory of the Russian Federation” [@${B}].`;
  assert.deepEqual(verdictsOf(index, draft), [`mismatch @${B}: omission “…”→“278 words”`]);
  assert.equal(report(index, draft).findings[0]!.message,
    `Misquoted from @${B}: the omission “…” stands for 278 words of the source, more than a paragraph.`);
});
