import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../../server/out/features/check.js';
import { fixAll, quickFixes } from '../../../server/out/features/codeActions.js';
import { toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { fixtureIndex } from './featuresFixture.js';

async function planFor(text: string, sources?: Record<string, string>) {
  const index = await fixtureIndex(sources);
  const report = checkDraft(index, text);
  const lines = new LineIndex(text);
  const diagnostics = report.findings.map((f) => toDiagnostic(f, lines)!);
  return { report, lines, diagnostics };
}

/** Applies span edits to a text, last first. */
function apply(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('replaces a misquote’s words with the source’s (preferred)', async () => {
  const text = 'The report: “the army moved 500 soldiers to the border” [@report].';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(fix!.isPreferred, true);
  assert.equal(apply(text, fix!.edits), 'The report: “the army moved 300 soldiers to the border” [@report].');
});

test('re-cites a misattributed quote to the source that holds it', async () => {
  const text = 'He said “The fiery trial through which we pass” [see @report, p. 2].';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(fix!.title, 'Cite @lincoln instead of @report');
  assert.equal(apply(text, fix!.edits), 'He said “The fiery trial through which we pass” [see @lincoln, p. 2].');
});

test('cites an uncited quote', async () => {
  const text = 'He said “The fiery trial through which we pass”.';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), 'He said “The fiery trial through which we pass” [@lincoln].');
});

test('offers each “did you mean” key for an unknown one', async () => {
  const text = 'See [@lincon].';
  const { report, lines, diagnostics } = await planFor(text);
  const fixes = quickFixes(report.draft, lines, diagnostics);
  assert.deepEqual(fixes.map((f) => [f.title, apply(text, f.edits)]), [['Change to @lincoln', 'See [@lincoln].']]);
});

test('reads the diagnostic’s code and data, never its message', async () => {
  const text = 'The report: “the army moved 500 soldiers to the border” [@report].';
  const { report, lines, diagnostics } = await planFor(text);
  const renamed = diagnostics.map((d) => ({ ...d, message: 'anything at all' }));
  assert.equal(quickFixes(report.draft, lines, renamed).length, 1);
  assert.equal(quickFixes(report.draft, lines, diagnostics.map((d) => ({ ...d, data: undefined }))).length, 0);
});

test('fix all repairs misquotes, uncited quotes and single-candidate keys, but leaves attributions alone', async () => {
  const text = [
    'A “the army moved 500 soldiers to the border” [@report].',
    'B “The fiery trial through which we pass” [@report].',
    'C “The decision was not taken lightly”.',
    '',
    'D [@lincon].',
  ].join('\n');
  const { report, lines, diagnostics } = await planFor(text);
  const all = fixAll(report.draft, lines, diagnostics)!;
  assert.equal(all.kind, 'source.fixAll.verbatim');
  assert.equal(apply(text, all.edits), [
    'A “the army moved 300 soldiers to the border” [@report].',
    'B “The fiery trial through which we pass” [@report].',
    'C “The decision was not taken lightly” [@report].',
    '',
    'D [@lincoln].',
  ].join('\n'));
});

test('fix all has nothing to do on a clean draft', async () => {
  const { report, lines, diagnostics } = await planFor('Clean: “we cannot escape history” [@lincoln].');
  assert.equal(fixAll(report.draft, lines, diagnostics), undefined);
});

test('replaces a misquoted block quote’s words and keeps it a block quote', async () => {
  const text = '> Officials said the army moved 500 soldiers\n> to the border on Tuesday.\n\n[@report]\n';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(apply(text, fix!.edits), '> Officials said the army moved 300 soldiers to the border on Tuesday.\n\n[@report]\n');
});

test('offers no wording fix that would change nothing (an omission reaching too far)', async () => {
  const filler = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
  const text = 'He wrote “The opening words stand here … the closing words stand there” [@long].';
  const { report, lines, diagnostics } = await planFor(text, { 'corpus/long.txt': `Long\n\nThe opening words stand here. ${filler}. And the closing words stand there.\n` });
  assert.deepEqual(diagnostics.map((d) => d.message), ['Misquoted from @long: the omission “…” stands for 201 words of the source, more than a paragraph.']);
  assert.deepEqual(quickFixes(report.draft, lines, diagnostics), []);
});

test('a diagnostic whose quotation is no longer at its range gets no edit', async () => {
  const before = 'The report: “the army moved 500 soldiers to the border” [@report].';
  const { diagnostics } = await planFor(before);
  // A paragraph pasted above: another quotation now starts where the misquote did.
  const after = `Elsewhere: “The fiery trial through which we pass” [@lincoln].\n\n${before}`;
  const { report, lines } = await planFor(after);
  const stale = diagnostics.map((d) => ({ ...d, range: { start: { line: 0, character: 10 }, end: d.range.end } }));
  assert.deepEqual(quickFixes(report.draft, lines, stale), []);
  assert.equal(fixAll(report.draft, lines, stale), undefined);
  assert.deepEqual(quickFixes(report.draft, lines, diagnostics), [], 'the old range (line 0) now holds another quotation');
});

test('a key that cannot be written as a Pandoc citation is never inserted; one that needs braces gets them', async () => {
  const text = 'He said “The fiery trial through which we pass” and [@lincon].';
  const { report, lines, diagnostics } = await planFor(text);
  const forged = diagnostics.map((d) => ({
    ...d,
    data: { ...(d.data as object), sourceKey: 'my key', suggestions: ['../../x', 'my key'] },
  }));
  // `my key` has no citation that names it; `../../x` is written braced, as Pandoc reads it back.
  const inserted = quickFixes(report.draft, lines, forged).flatMap((p) => p.edits.map((e) => e.newText));
  assert.deepEqual(inserted, ['@{../../x}']);
  const all = fixAll(report.draft, lines, forged)?.edits.map((e) => e.newText) ?? [];
  assert.ok(all.every((t) => !t.includes('my key') && !/@\.\.\//.test(t)), JSON.stringify(all));
});
