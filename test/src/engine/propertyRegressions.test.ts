import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { normalizeWord } from '../../../server/out/text/tokenize.js';
import { B, D, E, sampleIndex } from '../fixtures/sampleCorpus.js';
import { report, verdictsOf } from '../fixtures/verdicts.js';

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

// Found by the harness, fixed with these tests.

test('accepts a verbatim quotation from the fifth of five small sources', () => {
  const small = new CorpusIndex([...['a', 'b', 'c', 'd'].map((k) => source(k, 'alpha beta.')), source('e', 'you tell me that you think you are safe.')]);
  assert.deepEqual(verdictsOf(small, '“you tell me that you think you are safe” [@e].'), ['verbatim @e']); // actual: not-found
  assert.deepEqual(verdictsOf(small, 'He wrote “you tell me that you think you are safe” once.'), ['uncited @e']); // actual: not-found
});

test('reports a verbatim quotation of common words without a citation as uncited', () => {
  assert.deepEqual(verdictsOf(index, 'He once wrote “2014. The United States has” to a friend.'), [`uncited @${D}`]);
  // actual: mismatch @003_3e2d99d7df3eaeaf: number “2014”→“said”
  assert.deepEqual(verdictsOf(index, 'He once wrote “The diplomatic push comes” to a friend.'), [`uncited @${E}`]);
  // actual: not-found
});

test('a verbatim quotation cited to an unknown key gets only the unknown-key finding', () => {
  assert.deepEqual(report(index, '“2014. The United States has” [@nosuch].').findings.map((f) => f.code), ['unknown-source']);
  // actual: ['quote-mismatch', 'unknown-source']
});

test('finds a changed number in a source that repeats the quotation’s other words many times', () => {
  const text = 'and the man went over the way to the house, and\n'.repeat(12) + 'He went to No. 27 over the way, and knocked.\n';
  const small = new CorpusIndex([source('street', text)]);
  assert.deepEqual(verdictsOf(small, '“to No. 25 over the way, and” [@street].'), ['mismatch @street: number “25”→“27”']); // actual: not-found
});

test('accepts an upper-case polytonic Greek word as the same word', () => {
  assert.equal(normalizeWord('ΤΑΥ͂Τ'), normalizeWord('ταῦτ')); // actual: differ
  const small = new CorpusIndex([source('mephisto', 'His eyes rested on this line: “σύ θην ἃ χρῄζεις, ταῦτ’ ἐπιγλωσσᾷ Διός.”')]);
  assert.deepEqual(verdictsOf(small, '“σύ θην ἃ χρῄζεις, ΤΑΥ͂Τ’ ἐπιγλωσσᾷ Διός” [@mephisto].'), ['verbatim @mephisto']);
  // actual: mismatch @mephisto: substituted “ΤΑΥ͂Τ”→“ταῦτ”
});

test('accepts a bracketed capital before an elision', () => {
  const small = new CorpusIndex([source('envoy', 'He was chargé d’affaires at Naples that year.')]);
  assert.deepEqual(verdictsOf(small, '“[D]’affaires at Naples that year” [@envoy].'), ['verbatim @envoy']);
  // actual: mismatch @envoy: substituted “affaires”→“d’affaires”
});

test('describes a change at the edge of a quotation with the source’s words', () => {
  assert.deepEqual(verdictsOf(index, `“the lawmakers wrote in a letter to the Secretary of Defense Lloyd Pencil” [@${B}].`),
    [`mismatch @${B}: substituted “Pencil”→“Austin”`]); // actual: added “Pencil”→“”
  assert.deepEqual(verdictsOf(index, `“on Ukraine uses Washington-supplied weapons, two sources with knowledge of” [@${B}].`),
    [`mismatch @${B}: dropped “”→“how”`]); // actual: substituted “on”→“how”
  assert.deepEqual(verdictsOf(index, `“Russia’s military actions, them framing” [@${E}].`),
    [`mismatch @${E}: swapped “them framing”→“framing them”`]); // actual: added “them”→“”
});

test('accepts a bracketed replacement that leaves only a short run of common words', () => {
  // Forty places hold "that was", only the last with the words around the bracket.
  const text = 'and that was all he said.\n'.repeat(40) + 'The greatest change that was the abolition of three taxes.\n';
  const small = new CorpusIndex([source('history', text)]);
  assert.deepEqual(verdictsOf(small, '“that was [it] three” [@history].'), ['verbatim @history']);
});

test('does not pin a changed four-word quotation on an uncited source that holds it with a word more', () => {
  const small = new CorpusIndex([
    source('speech', 'We will invest in infrastructure of the nation, and in its people.'),
    source('message', 'Trade grew in every market of the world last year.'),
  ]);
  assert.deepEqual(verdictsOf(small, '“in market of the” [@speech].'), ['not-found']);
  // actual: misattributed @message: dropped “”→“every”
  assert.deepEqual(verdictsOf(small, '“in every market of the” [@speech].'), ['misattributed @message']);
  assert.deepEqual(verdictsOf(small, '“grew in market of the world” [@speech].'), ['misattributed @message: dropped “”→“every”']);
});

test('accepts an omission whose first part the source repeats just after the quoted passage', () => {
  const franklin = new CorpusIndex([source('franklin', "having receiv'd much Abuse from _Titan Leeds_ deceas'd\n(_Titan Leeds_ when living would not have us'd me so!) I say, having receiv'd much Abuse from the Ghost of Titan.")]);
  assert.deepEqual(verdictsOf(franklin, "“having receiv'd much Abuse from ... not have us'd me so!) I say, having” [@franklin]."), ['verbatim @franklin']);
  // actual: not-found
  const james = new CorpusIndex([source('james', 'swarming, and the particular impression the artist wished to convey is\nthoroughly caught. The particular impression--that is the great point.')]);
  assert.deepEqual(verdictsOf(james, '“the particular impression […] wished to convey is thoroughly” [@james].'), ['verbatim @james']);
  // actual: not-found
});

test('finds a short quotation of common words with one word changed among many look-alike places', () => {
  // Hundreds of places hold the same common words in another order, each with more votes than the passage.
  const filler = 'You are to her, who are you to her? '.repeat(300);
  const novel = new CorpusIndex([source('novel', `${filler} It was Jean who called to her, “You are the one.” ${filler}`)]);
  assert.deepEqual(verdictsOf(novel, '“who to her, You are” [@novel].'), ['mismatch @novel: dropped “”→“called”']);
  // actual: not-found
  assert.deepEqual(verdictsOf(novel, '“Jean who shouted to her” [@novel].'), ['mismatch @novel: substituted “shouted”→“called”']);
});
