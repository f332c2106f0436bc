import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { guessTitle, loadCorpus, parseFrontMatter } from '../../../server/out/corpus/index.js';

/** The opening lines of the five bundled articles, copied verbatim from corpus/. */
const SAMPLES = {
  'corpus/000_5b963e663469ef88.txt': "Quốc tếWorld\n\nKiev meets to discuss the risk of escalation if Ukraine attacks on Russian soil\n\n  Washington - Kiev meet to discuss the risk of escalation if Ukraine attacks on Russian soil - Photo 1.\n\n",
  'corpus/001_3a9f18657eae9295.txt': "close\nclose\nLocal\n\nPressure mounts on Biden to let Ukraine strike Russia with US weapons\n\n",
  'corpus/002_5d0f965602e2f12c.txt': "Advertising\nSupported by\nMore and more NATO allies are backing Kyiv’s calls to allow its forces to carry out movements on Russian territory with Western weapons.\nBy Lara Jakes\nLara Jakes writes about weapons and military in Ukraine.\nAs Ukraine’s second-largest city prepares for a new Russian offensive, a growing number of NATO allies are backing calls from kyiv to allow its forces to make moves into Russian territory with Western weapons.\n",
  'corpus/003_3e2d99d7df3eaeaf.txt': "Ukraine crisis: US weighs more on military support for Ukraine to stand up to Russia if it invades\n\nThe talks, described by multiple sources familiar with them, reflect a sense of pessimism within the administration following last week’s diplomatic talks with Russian officials that yielded no breakthrough and as the Russia has continued to increase its force levels in recent days.\n\nIn addition to examining how to help the Ukrainian military and government repel an invasion, the United States is evaluating options to strengthen the ability of Ukrainian forces to resist a possible Russian occupation. This includes potentially supplying the Ukrainian military with additional ammunition, mortars, Javelin anti-tank missiles and anti-aircraft missile systems, which would likely come from NATO allies, a senior US official told CNN.\n\n",
  'corpus/004_7057f728a6457717.txt': "US and UK Diplomats in Kyiv: Key Talks on Long-Range Weapons and Military Support for Ukraine\nIn a rare joint diplomatic mission, US Secretary of State Antony Blinken and UK Foreign Secretary David Lammy arrived in Kyiv on Wednesday, setting the stage for crucial discussions on expanding military support for Ukraine. Their visit, marked by a nine-hour train journey from Poland, underscores a heightened sense of urgency in Western efforts to bolster Ukraine’s defenses as it faces intensified aggression from Russia.\nThe key focus of Blinken and Lammy’s visit is to address Ukraine’s requests for more powerful weaponry and fewer restrictions on their use. President Volodymyr Zelensky has been increasingly vocal about his desire for advanced long-range weapons to counteract Russia’s advances. In Washington, President Joe Biden hinted that the US is considering relaxing restrictions on these weapons, though he emphasized the need to carefully manage the balance to avoid escalating direct conflict with Russia, a nuclear superpower.\nThe discussions come against a backdrop of growing concerns over Russia’s potential acquisition of Iranian missiles. These missiles could alter the dynamics of the conflict, potentially enabling Moscow to launch more devastating strikes. The US and its allies are particularly wary of this development, as it could lead to increased attacks on Ukrainian infrastructure and civilian areas, especially as winter approaches and the humanitarian situation deteriorates.\nBlinken’s fifth visit to Kyiv highlights a persistent commitment from the US to support Ukraine. However, he has stressed the importance of ensuring that any new weaponry is practical for Ukrainian forces to use effectively. His statements reflect a cautious approach, aiming to support Ukraine's defense while mitigating risks of broader conflict.\nIn Moscow, the Kremlin has responded to the possibility of expanded US military support with a promise of an \"appropriate\" reaction, though specifics were not disclosed. Kremlin spokesperson Dmitry Peskov suggested that such measures would only justify Russia’s military actions, framing them as a response to Western intervention.\n",
};

const txtTitle = (text: string) => guessTitle(text, 0, false);

test('titles the five sample articles by their headlines, past scraped boilerplate', async () => {
  const { sources, warnings } = await loadCorpus(memoryFileSystem(SAMPLES), ['corpus']);
  assert.deepEqual(warnings, []);
  assert.deepEqual(sources.map((s) => [s.key, s.title]), [
    ['000_5b963e663469ef88', 'Kiev meets to discuss the risk of escalation if Ukraine attacks on Russian soil'],
    ['001_3a9f18657eae9295', 'Pressure mounts on Biden to let Ukraine strike Russia with US weapons'],
    ['002_5d0f965602e2f12c', 'More and more NATO allies are backing Kyiv’s calls to allow its forces to carry out movements on Russian territory with Western weapons'],
    ['003_3e2d99d7df3eaeaf', 'Ukraine crisis: US weighs more on military support for Ukraine to stand up to Russia if it invades'],
    ['004_7057f728a6457717', 'US and UK Diplomats in Kyiv: Key Talks on Long-Range Weapons and Military Support for Ukraine'],
  ]);
});

test('skips site chrome, bylines, dates and section labels above a headline', () => {
  const text = 'Skip to main content\nMenu\nPolitics\nMay 29, 2024\nBy Jane Roe\nSenate passes the budget after a long night\nBody text.';
  assert.equal(txtTitle(text), 'Senate passes the budget after a long night');
});

test('skips an e-text credits paragraph and takes the title after it', () => {
  const text = 'Produced by Suzanne Shell, Geetu Melwani and the Online\nDistributed Proofreading Team at http://www.pgdp.net\n\n\n\n' +
    'FOUR WEIRD TALES\n\nBY\n\nALGERNON BLACKWOOD\n';
  assert.equal(txtTitle(text), 'FOUR WEIRD TALES');
});

test('skips transcriber notes, bracketed notes and italic blurbs', () => {
  const text = 'Produced by Greg Weeks\n\n[Illustration: Illustrated by Ed Emsh]\n\n' +
    '                           Transcriber Notes\n\n ● Obvious typos corrected.\n ● Spelling retained.\n\n' +
    ' _What is more frightening\n than the fear of the unknown?_\n\n           SOUND OF\n            TERROR\n\n         BY DON BERRY\n';
  assert.equal(txtTitle(text), 'SOUND OF TERROR');
});

test('joins a title set over lines that end in a connecting word', () => {
  assert.equal(txtTitle('Produced by David Widger\n\nADVENTURES\n\nOF\n\nHUCKLEBERRY FINN\n\n(Tom Sawyer\'s Comrade)\n'), 'ADVENTURES OF HUCKLEBERRY FINN');
  assert.equal(txtTitle('THE\nWILL TO POWER\n_AN ATTEMPTED_\n'), 'THE WILL TO POWER');
  assert.equal(txtTitle('The Works of\n\nGuy de Maupassant\n'), 'The Works of Guy de Maupassant');
});

test('does not join a mixed-case title ending in a capital letter to the text below', () => {
  assert.equal(txtTitle('Headline A\n\nText.'), 'Headline A');
});

test('drops italic underscores and a closing full stop from a title', () => {
  assert.equal(txtTitle('THE CYBER _and_ JUSTICE HOLMES\n\nText.'), 'THE CYBER and JUSTICE HOLMES');
  assert.equal(txtTitle('Allies back the plan.\nBody'), 'Allies back the plan');
});

test('finds no title when a text opens with body prose, so the key is used', async () => {
  const speech = 'Fellow-Citizens of the Senate and House of Representatives: ' + 'I meet you upon the present occasion. '.repeat(10);
  assert.equal(txtTitle(speech), '');
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/sotu/1790_george_washington_n.txt': speech }), ['corpus']);
  assert.equal(sources[0]?.title, 'sotu/1790_george_washington_n');
});

test('titles a Markdown source by its first level-one heading, with inline markup removed', () => {
  assert.equal(guessTitle('Intro paragraph.\n\n## Part one\n\n# The *Great* [Gatsby](http://x) `draft`\n', 0, true), 'The Great Gatsby draft');
});

test('reads a setext heading and ignores headings inside fenced code', () => {
  assert.equal(guessTitle('```\n# not a title\n```\n\nReal Title\n==========\n', 0, true), 'Real Title');
});

test('falls back to the first heading of any level in Markdown without a level-one heading', () => {
  assert.equal(guessTitle('Some text\n\n### Notes on the war\n', 0, true), 'Notes on the war');
});

test('looks for a Markdown title only after the front matter', () => {
  const text = '---\n# Draft notes\nauthor: A\n---\nThe body headline\n';
  assert.equal(guessTitle(text, parseFrontMatter(text).bodyStart, true), 'The body headline');
});

test('skips the sentences under a transcriber\'s notes heading up to a separator', () => {
  const text = '                         Transcriber\'s Notes:\n\nObvious punctuation errors and misprints have been corrected.\n\n' +
    'Text in Small Capitals has been replaced by regular uppercase text.\n\n   *       *       *\n\n' +
    '                              DON QUIXOTE\n                             OF THE MANCHA\n';
  assert.equal(txtTitle(text), 'DON QUIXOTE OF THE MANCHA');
});

test('keeps a news headline that mentions copyright, donations or typos', () => {
  assert.equal(txtTitle('Local\nCourt weighs copyright claims over AI training data\nThe case...'), 'Court weighs copyright claims over AI training data');
  assert.equal(txtTitle('Campaign donations surge after debate\n\nText.'), 'Campaign donations surge after debate');
});
