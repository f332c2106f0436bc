import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../../server/out/features/check.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { escapeMarkdown, truncate } from '../../../server/out/features/markdownEscape.js';
import { passageInSentence } from '../../../server/out/features/passageMarkdown.js';
import { cursor, fixtureIndex } from './featuresFixture.js';

const hover = async (marked: string) => {
  const index = await fixtureIndex();
  const { text, offset } = cursor(marked);
  return hoverAt(index, checkDraft(index, text), offset);
};

test('escapes every Markdown and HTML construct in untrusted text', () => {
  assert.equal(escapeMarkdown('[x](command:evil) *a* _b_ `c` <img> & #h ~~s~~ !'),
    '\\[x\\]\\(command:evil\\) \\*a\\* \\_b\\_ \\`c\\` &lt;img&gt; & \\#h \\~\\~s\\~\\~ \\!');
  assert.equal(escapeMarkdown('Harper & Row &amp; &#64; &x'), 'Harper & Row &amp;amp; &amp;\\#64; &x');
  assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
  assert.equal(escapeMarkdown('- not a bullet\nnext'), '\\- not a bullet next');
});

test('shortens long text at a word boundary', () => {
  assert.equal(truncate('one two three', 8), 'one two…');
  assert.equal(truncate('short', 8), 'short');
});

test('shows a source passage in bold inside its sentence', () => {
  const text = 'First one. Officials said the army moved 300 soldiers to the border on Tuesday. Next.';
  const start = text.indexOf('the army');
  assert.equal(passageInSentence(text, { start, end: start + 'the army moved 300'.length }),
    '> Officials said **the army moved 300** soldiers to the border on Tuesday.');
});

test('a key hover gives title, author, date, link, file and quote count', async () => {
  const info = await hover('“we cannot escape history” [@lin$$coln]');
  assert.equal(info!.markdown, '**Annual Message to Congress**\n\nAuthor: Abraham Lincoln  \nDate: 1862-12-01  \n' +
    'URL: <https://example.com/lincoln>  \nFile: corpus/lincoln.md  \nQuoted once in this draft');
  assert.deepEqual(info!.span, { start: 28, end: 36 });
});

test('a hostile source cannot inject links, HTML or a javascript: URL into a hover', async () => {
  const info = await hover('See [@host$$ile].');
  assert.equal(info!.markdown, '**\\[Click me\\]\\(command:workbench.action.quit\\) &lt;img src=x onerror=alert\\(1\\)&gt;**\n\n' +
    'URL: javascript:alert\\(1\\)  \nFile: corpus/hostile.md  \nQuoted 0 times in this draft');
});

test('a mismatch hover strikes the writer’s words and bolds the source’s', async () => {
  const info = await hover('“the army moved 5$$00 soldiers to the border” [@report]');
  assert.equal(info!.markdown, '**Differs from the source** @report (Troop Levels Rise in the North)\n\n' +
    'Your quote: the army moved ~~500~~ **300** soldiers to the border\n\n' +
    '> Officials said **the army moved 300 soldiers to the border** on Tuesday.');
});

test('a dropped negation shows the missing word in bold', async () => {
  const info = await hover('“The decision was $$taken lightly” [@report]');
  assert.match(info!.markdown, /Your quote: The decision was \*\*not\*\* taken lightly/);
});

test('a misattributed, uncited or missing quote says so', async () => {
  assert.match((await hover('“The fiery trial through $$which we pass” [@report]'))!.markdown, /^\*\*Not in the cited source\*\*: found in @lincoln/);
  assert.match((await hover('“The fiery trial through $$which we pass”'))!.markdown, /^\*\*Uncited\*\*: verbatim in @lincoln/);
  assert.equal((await hover('“nothing of the kind $$was ever written” [@report]'))!.markdown,
    '**Not found** in the cited sources or anywhere else in the corpus.');
});

test('no hover on plain prose or on a scare quote', async () => {
  assert.equal(await hover('Plain $$prose.'), undefined);
  assert.equal(await hover('a “so$$-called” fix'), undefined);
});
