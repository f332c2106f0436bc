import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { fixAll, quickFixes } from '../../../server/out/features/codeActions.js';
import { toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { complete } from '../../../server/out/features/completion.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { definitionAt } from '../../../server/out/features/definition.js';
import { hasReadableText, readableOffset, readableText } from '../../../server/out/features/readableText.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { ANNUAL, MEMO, NOVEL, pagedSource } from '../fixtures/pagedSources.js';
import { SOURCES } from './featuresFixture.js';

async function pagedIndex(): Promise<CorpusIndex> {
  const { sources } = await loadCorpus(memoryFileSystem(SOURCES), ['corpus']);
  return new CorpusIndex([
    ...sources,
    pagedSource('annual', 'corpus/annual.pdf', ANNUAL),
    pagedSource('memo', 'corpus/memo.pdf', MEMO),
    pagedSource('novel', 'corpus/novel.epub', NOVEL, 'chapter'),
  ]);
}

const indexReady = pagedIndex();

/** The findings of a one-line draft: `code: message`. */
async function findings(draft: string): Promise<string[]> {
  const report = checkDraft(await indexReady, draft);
  return report.findings.map((f) => `${f.code}: ${f.message}`);
}

const DREDGING = '“the harbor master ordered the dredging of the northern channel”';
const BREAK = '“Nobody expected the tides to turn against the engineers”';

test('says nothing when the quotation is on the cited page', async () => {
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, p. 1].`), []);
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, pp. 1-3].`), []);
  assert.deepEqual(await findings(`He wrote ${DREDGING} [see @annual, pages 2, 1, emphasis added].`), []);
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual].`), []);
});

test('reports a quotation found on another page than cited, with the page that holds it', async () => {
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, p. 2].`),
    ['locator-mismatch: The quotation is on p. 1 of @annual, not p. 2.']);
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, pp. 2–3].`),
    ['locator-mismatch: The quotation is on p. 1 of @annual, not pp. 2–3.']);
  assert.deepEqual(await findings(`He wrote ${DREDGING} @annual [33].`),
    ['locator-mismatch: The quotation is on p. 1 of @annual, not p. 33.']);
});

test('a passage running across a page break matches either page and the range', async () => {
  for (const locator of ['p. 2', 'p. 3', 'pp. 2–3', 'pp. 1-2']) {
    assert.deepEqual(await findings(`They said ${BREAK} [@annual, ${locator}].`), [], locator);
  }
  assert.deepEqual(await findings(`They said ${BREAK} [@annual, p. 1].`),
    ['locator-mismatch: The quotation is on pp. 2–3 of @annual, not p. 1.']);
});

test('compares printed labels where the file has them, physical pages where it has none', async () => {
  // Printed page 1 is the PDF's third page: "p. 3" names printed page 3.
  assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, p. 3].`),
    ['locator-mismatch: The quotation is on p. 1 of @annual, not p. 3.']);
  const receipts = '“Receipts from the ferry service rose by a third”';
  assert.deepEqual(await findings(`The memo: ${receipts} [@memo, p. 2].`), []);
  assert.deepEqual(await findings(`The memo: ${receipts} [@memo, p. 3].`),
    ['locator-mismatch: The quotation is on p. 2 of @memo, not p. 3.']);
});

test('reads roman page numbers', async () => {
  const thanks = '“The commission thanks the pilots”';
  assert.deepEqual(await findings(`It opens: ${thanks} [@annual, p. ii].`), []);
  assert.deepEqual(await findings(`It opens: ${thanks} [@annual, pp. i–iii].`), []);
  assert.deepEqual(await findings(`It opens: ${thanks} [@annual, p. iv].`),
    ['locator-mismatch: The quotation is on p. ii of @annual, not p. iv.']);
  assert.deepEqual(await findings(`It opens: ${thanks} [@annual, p. 2].`),
    ['locator-mismatch: The quotation is on p. ii of @annual, not p. 2.']);
});

test('checks chapters of an e-book the same way, by the number in their titles', async () => {
  const calm = '“the sea lay flat and silver”';
  assert.deepEqual(await findings(`At dawn ${calm} [@novel, ch. 2].`), []);
  assert.deepEqual(await findings(`At dawn ${calm} [@novel, chap. ii].`), []);
  assert.deepEqual(await findings(`At dawn ${calm} [@novel, ch. 1].`),
    ['locator-mismatch: The quotation is in ch. 2 of @novel, not ch. 1.']);
  // A page locator on an e-book, or a chapter whose title has no number, cannot be judged.
  assert.deepEqual(await findings(`At dawn ${calm} [@novel, p. 1].`), []);
  assert.deepEqual(await findings('Before it all “the village lived by the tides alone” [@novel, ch. 1].'), []);
});

test('says nothing for a source without pages, for other locator terms, and for numbers it cannot read', async () => {
  assert.deepEqual(await findings('The report: “the army moved 300 soldiers to the border” [@report, p. 99].'), []);
  for (const locator of ['sec. 4', 'fig. 2', 'n. 3', 'ch. 9', 'p. 33a', 'para. 2']) {
    assert.deepEqual(await findings(`He wrote ${DREDGING} [@annual, ${locator}].`), [], locator);
  }
});

test('reports a misquote on the wrong page twice: the wording and the page', async () => {
  assert.deepEqual(await findings('He wrote “the harbor master ordered the dredging of the southern channel” [@annual, p. 2].'), [
    'quote-mismatch: Misquoted from @annual: the source has “northern” where the quote has “southern”.',
    'locator-mismatch: The quotation is on p. 1 of @annual, not p. 2.',
  ]);
});

test('says nothing when the same words stand on the cited page too', async () => {
  const pilots = '“kept the channel open through the winter storms”';
  assert.deepEqual(await findings(`They ${pilots} [@annual, p. 3].`), []);
  assert.deepEqual(await findings(`They ${pilots} [@annual, p. ii].`), []);
  assert.deepEqual(await findings(`They ${pilots} [@annual, p. 1].`),
    ['locator-mismatch: The quotation is on p. ii of @annual, not p. 1.']);
});

test('carries the source key, the page (label and physical number) and the cited locator', async () => {
  const text = `He wrote ${DREDGING} [@annual, p. 2].`;
  const report = checkDraft(await indexReady, text);
  const [finding] = report.findings;
  assert.equal(finding!.span.start, text.indexOf('“'));
  assert.equal(finding!.span.end, text.indexOf('”') + 1);
  const diagnostic = toDiagnostic(finding!, new LineIndex(text))!;
  assert.equal(diagnostic.severity, 2);
  assert.equal(diagnostic.data.sourceKey, 'annual');
  assert.deepEqual(diagnostic.data.page, { kind: 'page', index: 3, label: '1' });
  assert.equal(diagnostic.data.citedLocator, 'p. 2');
  // Every quotation finding on a paged source carries its page.
  const misquote = checkDraft(await indexReady, 'He wrote “the harbor master ordered the dredging of the southern channel” [@annual, p. 1].');
  assert.deepEqual(misquote.findings.map((f) => [f.code, f.data.page]), [['quote-mismatch', { kind: 'page', index: 3, label: '1' }]]);
});

/** The draft after applying the quick fixes' first plan. */
async function fixed(text: string, edit?: (draft: string) => string): Promise<{ title?: string; text: string }> {
  const index = await indexReady;
  const report = checkDraft(index, text);
  const diagnostics = report.findings.map((f) => toDiagnostic(f, new LineIndex(text))!).filter((d) => d.code === 'locator-mismatch');
  const now = edit ? edit(text) : text;
  const lines = new LineIndex(now);
  const [plan] = quickFixes(checkDraft(index, now).draft, lines, diagnostics);
  if (!plan) return { text: now };
  let out = now;
  for (const e of [...plan.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return { title: plan.title, text: out };
}

test('the quick fix changes exactly the locator to the page that holds the passage', async () => {
  assert.deepEqual(await fixed(`He wrote ${DREDGING} [see @annual, pp. 2-3, emphasis added].`),
    { title: 'Change to p. 1', text: `He wrote ${DREDGING} [see @annual, p. 1, emphasis added].` });
  assert.deepEqual(await fixed(`They said ${BREAK} [@memo; @annual, p. 1].`),
    { title: 'Change to pp. 2–3', text: `They said ${BREAK} [@memo; @annual, pp. 2–3].` });
  assert.deepEqual(await fixed(`He wrote ${DREDGING} [@annual, {3}].`),
    { title: 'Change to p. 1', text: `He wrote ${DREDGING} [@annual, p. 1].` });
  assert.deepEqual(await fixed(`At dawn “the sea lay flat and silver” @novel [ch. 1].`),
    { title: 'Change to ch. 2', text: 'At dawn “the sea lay flat and silver” @novel [ch. 2].' });
});

test('the quick fix does nothing once the draft changed under it', async () => {
  const text = `He wrote ${DREDGING} [@annual, p. 2].`;
  assert.deepEqual(await fixed(text, (t) => t.replace('p. 2', 'p. 5')), { text: text.replace('p. 2', 'p. 5') });
  assert.deepEqual(await fixed(text, (t) => t.replace('@annual', '@memo')), { text: text.replace('@annual', '@memo') });
  assert.deepEqual(await fixed(text, (t) => t.replace(', p. 2', '')), { text: text.replace(', p. 2', '') });
  // Markup inside the locator: its characters are not one run of the draft, so no edit could name exactly them.
  const marked = `He wrote ${DREDGING} [@annual, *p.* 2].`;
  assert.deepEqual(await findings(marked), ['locator-mismatch: The quotation is on p. 1 of @annual, not p. 2.']);
  assert.deepEqual(await fixed(marked), { text: marked });
});

test('fix-all leaves page locators alone', async () => {
  const text = `He wrote ${DREDGING} [@annual, p. 2].`;
  const report = checkDraft(await indexReady, text);
  const lines = new LineIndex(text);
  assert.equal(fixAll(report.draft, lines, report.findings.map((f) => toDiagnostic(f, lines)!)), undefined);
});

test('the hover of a quotation shows its page and the PDF page, or its chapter', async () => {
  const index = await indexReady;
  const text = `He wrote ${DREDGING} [@annual, p. 1]. At dawn “the sea lay flat and silver” [@novel].`;
  const report = checkDraft(index, text);
  const page = hoverAt(index, report, text.indexOf('harbor'))!;
  assert.match(page.markdown, /^\*\*Verbatim\*\* in @annual \(annual\)\n\nPage: p\. 1, PDF page 3\n/);
  const chapter = hoverAt(index, report, text.indexOf('silver'))!;
  assert.match(chapter.markdown, /\n\nChapter: ch\. 2, “Chapter II: The Calm”\n/);
  const memo = checkDraft(index, 'The memo: “Receipts from the ferry service rose by a third”.');
  assert.match(hoverAt(index, memo, 15)!.markdown, /\n\nPage: PDF page 2\n/);
});

test('passage completion writes the page of the passage into the citation', async () => {
  const index = await indexReady;
  const marked = 'He wrote “the harbor master ordered$$';
  const offset = marked.indexOf('$$');
  const list = complete(index, marked.replace('$$', ''), offset)!;
  const passage = list.items.find((i) => i.kind === 'passage')!;
  assert.equal(passage.newText, 'the harbor master ordered the dredging of the northern channel at once” [@annual, p. 1]');
  const across = complete(index, 'They said “Nobody expected the tides', 36)!.items.find((i) => i.kind === 'passage')!;
  assert.match(across.newText, /” \[@annual, pp\. 2–3\]$/);
});

test('the readable text of a paged source marks each page, and maps the passage onto it', async () => {
  const index = await indexReady;
  const source = index.get('annual')!;
  const readable = readableText(source);
  const lines = readable.text.split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('──')), [
    '── p. i (PDF page 1) ──', '── p. ii (PDF page 2) ──', '── p. 1 (PDF page 3) ──', '── p. 2 (PDF page 4) ──', '── p. 3 (PDF page 5) ──',
  ]);
  // A page starting mid-sentence breaks the line; the words are all there, in order.
  assert.match(readable.text, /Nobody expected the tides to \n── p\. 3 \(PDF page 5\) ──\nturn against/);
  for (let i = 0; i < source.text.length; i++) assert.equal(readable.text[readableOffset(readable, i)], source.text[i], `offset ${i}`);
  // The definition of a quotation lands on its words in the readable text.
  const text = `He wrote ${DREDGING} [@annual, p. 1].`;
  const found = definitionAt(index, checkDraft(index, text), text.indexOf('harbor'))!;
  assert.equal(found.key, 'annual');
  const start = readableOffset(readable, found.span!.start);
  assert.equal(readable.text.slice(start, readableOffset(readable, found.span!.end)), 'the harbor master ordered the dredging of the northern channel');
  assert.equal(hasReadableText(source.path), true);
  assert.equal(hasReadableText('corpus/a.md'), false);
  const novel = readableText(index.get('novel')!).text.split('\n').filter((l) => l.startsWith('──'));
  assert.deepEqual(novel, ['── Prologue ──', '── ch. 1: Chapter 1. The Storm ──', '── ch. 2: Chapter II: The Calm ──']);
  const memo = readableText(index.get('memo')!).text;
  assert.match(memo, /^── PDF page 1 ──\n\nTo the members/);
});
