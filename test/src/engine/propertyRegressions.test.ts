import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { B, D, sampleIndex } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';

// Cases first met by the stress harness (scripts/qa/verdicts.mjs), reduced to one quotation each.

const index = await sampleIndex();

function source(key: string, text: string) {
  return { key, path: `corpus/${key}.txt`, text, bodyStart: 0, title: key, size: text.length, mtimeMs: 0 };
}

test('reports a dropped number as a changed number, with the source’s number', () => {
  assert.deepEqual(verdictsOf(index, `“which Russia annexed in The United States has accused Russia” [@${D}].`),
    [`mismatch @${D}: number “”→“2014”`]);
});

test('reports two swapped words, one a number, as a changed number', () => {
  assert.deepEqual(verdictsOf(index, `“Ukrainian soldiers from the Assault 92nd Brigade helped hold back the Russians” [@${B}].`),
    [`mismatch @${B}: number “Assault 92nd”→“92nd Assault”`]);
});

test('accepts a quotation that runs across a paragraph break, the source’s quotation marks written as single ones', () => {
  assert.deepEqual(verdictsOf(index, `“made this clear.’ Ukrainian soldiers from the 92nd Assault Brigade helped” [@${B}].`),
    [`verbatim @${B}`]);
});

test('reports a dropped negation inside a nested quotation', () => {
  assert.deepEqual(verdictsOf(index, `“senior State Department official said the planned meeting ‘suggests diplomacy may be dead’” [@${D}].`),
    [`mismatch @${D}: negation-dropped “”→“not”`]);
});

test('reports a changed first or last word as a mismatch with the cited source', () => {
  const [first] = verdictsOf(index, `“Kettle lawmakers wrote in a letter to the Secretary of Defense Lloyd Austin” [@${B}].`);
  const [last] = verdictsOf(index, `“the lawmakers wrote in a letter to the Secretary of Defense Lloyd Pencil” [@${B}].`);
  assert.match(first!, new RegExp(`^mismatch @${B}: `));
  assert.match(last!, new RegExp(`^mismatch @${B}: `));
});

test('reports a word substituted in the middle of a quotation with the source’s word', () => {
  assert.deepEqual(verdictsOf(index, `“Ukraine, as I have said before, must make its own choices on how best” [@${B}].`),
    [`mismatch @${B}: substituted “choices”→“decisions”`]);
});

test('accepts a bracketed capital glued to a word followed by an elided article', () => {
  const small = new CorpusIndex([source('envoy', 'He was chargé d’affaires at Naples that year.')]);
  assert.deepEqual(verdictsOf(small, '“[C]hargé d’affaires at Naples that year” [@envoy].'), ['verbatim @envoy']);
});

test('accepts polytonic Greek quoted as the source has it', () => {
  const small = new CorpusIndex([source('mephisto', 'His eyes rested on this line: “σύ θην ἃ χρῄζεις, ταῦτ’ ἐπιγλωσσᾷ Διός.”')]);
  assert.deepEqual(verdictsOf(small, '“σύ θην ἃ χρῄζεις, ταῦτ’ ἐπιγλωσσᾷ Διός” [@mephisto].'), ['verbatim @mephisto']);
});

test('finds a changed number in a source that repeats the quotation’s other words a few times', () => {
  const text = 'and the man went over the way to the house, and\n'.repeat(8) + 'He went to No. 27 over the way, and knocked.\n';
  const small = new CorpusIndex([source('street', text)]);
  assert.deepEqual(verdictsOf(small, '“to No. 25 over the way, and” [@street].'), ['mismatch @street: number “25”→“27”']);
});
