import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A, B, D, E, sampleIndex } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';
import { fixtureIndex } from './featuresFixture.js';

const index = await sampleIndex();

/** Each case: a draft whose one quotation must be accepted as verbatim from the cited source. */
const verbatim: [string, string, string][] = [
  ['the exact words', `“So far, we are on the same page about the thresholds,” one official said [@${A}].`, A],
  ['a different case (the source writes kyiv)', `“This message, long a priority for Kyiv and its strongest supporters” [@${B}].`, B],
  ['straight quotes and apostrophes for curly ones', `"We're concerned about the risk of escalation and don't want to put geo-restrictions" [@${A}].`, A],
  ['an em dash or hyphen for the source’s en dash', `“which puts it at odds with its allies — and in the company of the Kremlin” [@${B}].`, B],
  ['a hyphen where the source has an en dash between words', `“Javelin anti–tank missiles and anti‑aircraft missile systems” [@${D}].`, D],
  ['line breaks and extra spaces inside the quotation', `“So far,   we are on the\nsame page about the\nthresholds” [@${A}].`, A],
  ['Unicode compatibility forms (NFKC: the ﬁ ligature, full-width letters)', `“partners have drawn a ﬁrm red line in allowing Ｕｋｒａｉｎｅ” [@${B}].`, B],
  ['different punctuation at the edges', `“…so far, we are on the same page about the thresholds.” [@${A}]`, A],
  ['an omission marked ...', `“Ukraine, as I have said before, must make its own decisions ... defend itself effectively” [@${B}].`, B],
  ['an omission marked …', `“Ukraine, as I have said before, must make its own decisions … defend itself effectively” [@${B}].`, B],
  ['an omission marked [...]', `“Ukraine, as I have said before, must make its own decisions [...] defend itself effectively” [@${B}].`, B],
  ['an omission marked […]', `“Ukraine, as I have said before, must make its own decisions […] defend itself effectively” [@${B}].`, B],
  ['a bracketed replacement of several words', `“[The US] has so far remained insensitive to these pressures” [@${B}].`, B],
  ['a bracketed insertion', `“The United States has so far remained [largely] insensitive to these pressures” [@${B}].`, B],
  ['a bracketed capital glued to a word', `“[T]his message, long a priority for kyiv and its strongest supporters” [@${B}].`, B],
  ['a quotation that starts after the source’s currency sign', `Aid of “1.1 billion in aid” was at stake [@${E}].`, E],
  ['one of several cited sources', `“So far, we are on the same page about the thresholds” [@${B}; @${A}].`, A],
  ['a block quote with its citation on the last line', `> So far, we are on the same page\n> about the thresholds. [@${A}]\n`, A],
];

for (const [what, draft, key] of verbatim) {
  test(`accepts ${what} as verbatim`, () => {
    assert.deepEqual(verdictsOf(index, draft), [`verbatim @${key}`]);
  });
}

test('does not check scare quotes shorter than the minimum', () => {
  assert.deepEqual(verdictsOf(index, `Allies drew a “firm red line” [@${B}].`), []);
  assert.deepEqual(verdictsOf(index, `Allies drew a “firm blue line” [@${B}].`, 2), ['not-found']);
});

test('accepts “percent” for the source’s % sign and the other way round, never a dropped one', async () => {
  const rates = await fixtureIndex({ 'corpus/rates.txt': 'Rates\n\nInflation reached 30% by March, and 12 percent by June, the bank said.\n' });
  assert.deepEqual(verdictsOf(rates, '“Inflation reached 30 percent by March” [@rates].'), ['verbatim @rates']);
  assert.deepEqual(verdictsOf(rates, '“and 12% by June, the bank said” [@rates].'), ['verbatim @rates']);
  assert.deepEqual(verdictsOf(rates, '“Inflation reached 30 by March” [@rates].'), ['mismatch @rates: dropped “”→“%”']);
});
