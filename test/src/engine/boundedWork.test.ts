import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft, MAX_QUOTE_WORDS, utf8Length } from '../../../server/out/features/check.js';
import { align } from '../../../server/out/match/align.js';
import { quotePattern } from '../../../server/out/match/quotePattern.js';
import { fixtureIndex } from './featuresFixture.js';

// A bound costs one finding, never the draft (issue 11).

const MISQUOTE = 'The report: “the army moved 500 soldiers to the border” [@report].';

test('a 42,000-word quotation gets one quote-too-long finding, and the rest of the draft is checked', async () => {
  const index = await fixtureIndex();
  const long = `He said “${'the fiery trial through which we pass '.repeat(6000)}” [@lincoln].`;
  const report = checkDraft(index, `${long}\n\n${MISQUOTE}\n`);
  assert.deepEqual(report.findings.map((f) => f.code), ['quote-too-long', 'quote-mismatch']);
  assert.match(report.findings[0]!.message, /^Quotation too long to check: 42000 words, over the limit of 2000\./);
  assert.equal(report.complete, true);
});

test('a quotation at the limit is still checked', async () => {
  const index = await fixtureIndex();
  const words = Array.from({ length: MAX_QUOTE_WORDS }, (_, i) => `w${i}`).join(' ');
  const report = checkDraft(index, `He said “${words}” [@lincoln].`);
  assert.ok(!report.findings.some((f) => f.code === 'quote-too-long'));
  assert.equal(report.verdicts.length, 1);
});

test('alignment of any size returns an alignment, never throws', () => {
  const items = quotePattern('the fiery trial '.repeat(12000))[0]!;
  const source = 'the fiery trial '.repeat(12000).trim().split(' ');
  const result = align(items, source);
  assert.equal(result.ops.length, items.length);
  assert.equal(result.matches, 0);
});

test('a draft over the size limit gets one draft-too-large warning and is not parsed', async () => {
  const index = await fixtureIndex();
  const text = `${MISQUOTE}\n`.repeat(2000);
  const report = checkDraft(index, text, { maxDraftBytes: 100_000 });
  assert.deepEqual(report.findings.map((f) => [f.code, f.span.start, f.span.end]), [['draft-too-large', 0, 0]]);
  assert.match(report.findings[0]!.message, /over the 0\.1 MB limit/);
  assert.equal(checkDraft(index, text, { maxDraftBytes: 200_000 }).findings.length, 2000);
});

test('counts UTF-8 bytes without encoding', () => {
  for (const s of ['abc', 'é', '€', '😀', 'a😀é€\u{10ffff}', 'x “quoted” — é€😀 y\n'.repeat(50)]) assert.equal(utf8Length(s), new TextEncoder().encode(s).length, s);
});
