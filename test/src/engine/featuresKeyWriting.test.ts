import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../../server/out/features/check.js';
import { fixAll, quickFixes } from '../../../server/out/features/codeActions.js';
import { complete } from '../../../server/out/features/completion.js';
import { toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { REPORT } from '../fixtures/smallCorpus.js';
import { cursor, fixtureIndex } from './featuresFixture.js';

/**
 * Wherever Verbatim writes a key (quick fixes, fix all, completion), it writes `@{…}` for a
 * key that needs braces and offers none that Pandoc could not read back. The keys come from
 * front matter `id`s: `odd(1)` needs braces, `smith 2020` cannot be written.
 */
const SOURCES: Record<string, string> = {
  'corpus/odd.md': '---\nid: "odd(1)"\ntitle: Odd Keys\n---\nThe fiery trial through which we pass will light us down in honor.\n',
  'corpus/spaced.md': '---\nid: "smith 2020"\ntitle: Spaced Keys\n---\nWe cannot escape history, said the tired old clerk of the county.\n',
  'corpus/report.txt': REPORT,
};

async function planFor(text: string) {
  const index = await fixtureIndex(SOURCES);
  const report = checkDraft(index, text);
  const lines = new LineIndex(text);
  const diagnostics = report.findings.map((f) => toDiagnostic(f, lines)!);
  return { report, lines, diagnostics };
}

function apply(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('cites an uncited quotation with a key in braces when the key needs them', async () => {
  const text = 'He said “The fiery trial through which we pass will light us down”.';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(fix?.title, 'Cite @{odd(1)}');
  assert.equal(apply(text, fix!.edits), 'He said “The fiery trial through which we pass will light us down” [@{odd(1)}].');
  assert.equal(apply(text, fixAll(report.draft, lines, diagnostics)!.edits), apply(text, fix!.edits));
});

test('re-cites a misattributed quotation to a braced key, replacing the whole @key', async () => {
  const text = 'He said “The fiery trial through which we pass will light us down” [see @report, p. 2].';
  const { report, lines, diagnostics } = await planFor(text);
  const [fix] = quickFixes(report.draft, lines, diagnostics);
  assert.equal(fix?.title, 'Cite @{odd(1)} instead of @report');
  assert.equal(apply(text, fix!.edits), 'He said “The fiery trial through which we pass will light us down” [see @{odd(1)}, p. 2].');
});

test('offers no citation of a key that no citation can name', async () => {
  const text = 'He said “We cannot escape history, said the tired old clerk”.';
  const { report, lines, diagnostics } = await planFor(text);
  assert.ok(diagnostics.some((d) => d.code === 'uncited-quote'), 'the quotation is found, uncited');
  assert.deepEqual(quickFixes(report.draft, lines, diagnostics), []);
  assert.equal(fixAll(report.draft, lines, diagnostics), undefined);
});

test('changes an unknown key to a braced suggestion', async () => {
  const text = 'See [@{odd(2)}].';
  const { report, lines, diagnostics } = await planFor(text);
  const fixes = quickFixes(report.draft, lines, diagnostics);
  assert.ok(fixes.length > 0, JSON.stringify(diagnostics));
  assert.deepEqual(fixes.map((f) => [f.title, apply(text, f.edits)]), [['Change to @{odd(1)}', 'See [@{odd(1)}].']]);
});

test('a cross-reference is never an unknown source', async () => {
  const { diagnostics } = await planFor('See @fig:plot and [@sec:intro; @tbl:counts], @eq:1, @lst:code, @Fig:x; but [@nosuch].');
  assert.deepEqual(diagnostics.filter((d) => d.code === 'unknown-source').map((d) => d.range.start.character), ['See @fig:plot and [@sec:intro; @tbl:counts], @eq:1, @lst:code, @Fig:x; but [@'.length]);
});

test('completes keys in braces where they need them, and leaves out keys no citation can name', async () => {
  const index = await fixtureIndex(SOURCES);
  const plain = cursor('See [@$$');
  assert.deepEqual(complete(index, plain.text, plain.offset)!.items.map((i) => [i.label, i.newText]), [['odd(1)', '{odd(1)}'], ['report', 'report']]);
  const braced = cursor('See [@{od$$');
  const items = complete(index, braced.text, braced.offset)!.items;
  assert.deepEqual([items[0]!.newText, items[0]!.span], ['odd(1)', { start: 7, end: 9 }]);
});

test('completes a passage with a braced citation, and offers none it could not cite', async () => {
  const index = await fixtureIndex(SOURCES);
  const odd = cursor('They said “the fiery trial$$');
  const [first] = complete(index, odd.text, odd.offset)!.items;
  assert.equal(first!.newText, 'The fiery trial through which we pass will light us down in honor” [@{odd(1)}]');
  const spaced = cursor('They said “we cannot escape history, said the tired$$');
  assert.deepEqual(complete(index, spaced.text, spaced.offset)?.items ?? [], []);
});

test('a cross-reference after an open quotation is no citation: the passage brings its own', async () => {
  const index = await fixtureIndex(SOURCES);
  const { text, offset } = cursor('They said “the fiery trial$$” [@fig:plot].');
  const [first] = complete(index, text, offset)!.items;
  const done = text.slice(0, first!.span.start) + first!.newText + text.slice(first!.span.end);
  assert.equal(done, 'They said “The fiery trial through which we pass will light us down in honor” [@{odd(1)}] [@fig:plot].');
});
