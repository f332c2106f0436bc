import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationAt, parseDraft, quoteAt, type Citation } from '../../../server/out/draft/index.js';

/** `@key (p. 3) [see | emphasis added]`: key, locator, then bracketed prefix | suffix. */
function render(c: Citation): string {
  let out = `@${c.key}`;
  if (c.locator) out += ` (${c.locator})`;
  if (c.bracketed) out += ` [${c.prefix ?? ''}|${c.suffix ?? ''}]`;
  else if (c.suffix) out += ` suffix=${c.suffix}`;
  return out;
}

const citations = (md: string) => parseDraft(md).citations.map(render);

test('reads a bracketed citation with and without a locator', () => {
  assert.deepEqual(citations('One [@smith]. Two [@smith, p. 3]. Three [@jones, pp. 33-35, 41].'), [
    '@smith [|]', '@smith (p. 3) [|]', '@jones (pp. 33-35, 41) [|]',
  ]);
});

test('reads a group with prefixes, locators, suffixes and several keys', () => {
  assert.deepEqual(citations('As argued [see @a, ch. 2; also @b, p. 7, emphasis added; @c].'), [
    '@a (ch. 2) [see|]', '@b (p. 7) [also|emphasis added]', '@c [|]',
  ]);
});

test('reads braced, ranged and section locators', () => {
  assert.deepEqual(citations('A [@a, {pp. iv, vi-xi}, note]. B [@b, lines 3–5]. C [@c, §4]. D [@d, chap. 3 and passim].'), [
    '@a (pp. iv, vi-xi) [|note]', '@b (lines 3–5) [|]', '@c (§4) [|]', '@d (chap. 3) [|and passim]',
  ]);
});

test('reads brackets without a key in every item as text, keeping in-text keys', () => {
  assert.deepEqual(citations('See [the appendix]. Also [@a; see above] and [p. 3].'), ['@a']);
});

test('reads a suppressed-author citation, a braced key and in-text keys with a locator', () => {
  assert.deepEqual(citations('Smith says [-@smith]; @{odd.key,} and @jones [p. 4] agree, as does @doe.'), [
    '@smith [|]', '@odd.key,', '@jones (p. 4)', '@doe',
  ]);
  assert.equal(parseDraft('Smith says [-@smith].').citations[0]?.suppressAuthor, true);
});

test('keeps internal punctuation of a key and drops trailing punctuation', () => {
  assert.deepEqual(citations('See @sotu/1862_abraham_lincoln_n. And @000_5b963e663469ef88, then (@a.b:c-d).'), [
    '@sotu/1862_abraham_lincoln_n', '@000_5b963e663469ef88', '@a.b:c-d',
  ]);
});

test('gives the spans of the @key, the key and the whole group', () => {
  const md = 'Text [see @smith, p. 3].';
  const [c] = parseDraft(md).citations;
  assert.ok(c);
  assert.equal(md.slice(c.span.start, c.span.end), '@smith');
  assert.equal(md.slice(c.keySpan.start, c.keySpan.end), 'smith');
  assert.equal(md.slice(c.groupSpan.start, c.groupSpan.end), '[see @smith, p. 3]');
});

test('gives the span of a braced key without its braces', () => {
  const md = 'Per @{sotu/1862,x}.';
  const [c] = parseDraft(md).citations;
  assert.ok(c);
  assert.equal(md.slice(c.span.start, c.span.end), '@{sotu/1862,x}');
  assert.equal(md.slice(c.keySpan.start, c.keySpan.end), 'sotu/1862,x');
});

test('does not read e-mail addresses or URLs as citations', () => {
  assert.deepEqual(citations('Write to jane.doe@example.com or see https://mastodon.social/@user and www.x.org/@y today [@real].'), ['@real [|]']);
});

test('finds nothing in code spans, fenced code, indented code or HTML', () => {
  const md = [
    'Inline `[@code]` here.',
    '',
    '```',
    '[@fenced] “quoted in a fence”',
    '```',
    '',
    '    [@indented] "quoted in indented code"',
    '',
    '<div>[@html] “quoted in html”</div>',
    '',
    'Inline <span title="@attr “x y”">text</span> html [@kept].',
  ].join('\n');
  assert.deepEqual(citations(md), ['@kept [|]']);
  assert.deepEqual(parseDraft(md).quotes, []);
});

test('finds nothing in comments, front matter or link targets', () => {
  const md = [
    '---',
    'title: "A quoted title here"',
    'bib: "@frontmatter"',
    '---',
    '',
    '<!-- [@comment] “a quoted comment” -->',
    '',
    'See [the page](https://x.org/@target "a @title") and <!-- @inline --> [@kept].',
    '',
    '[ref]: https://x.org/@definition',
  ].join('\n');
  assert.deepEqual(citations(md), ['@kept [|]']);
  assert.deepEqual(parseDraft(md).quotes, []);
});

test('reads a citation in link text and in a heading', () => {
  assert.deepEqual(citations('# On @lincoln\n\nA [link about @douglass](https://x.org).'), ['@lincoln', '@douglass']);
});

test('reads [@key] even when a link definition turns it into a reference', () => {
  assert.deepEqual(citations('Cited [@key].\n\n[@key]: https://x.org'), ['@key [|]']);
});

test('reads what it can from a half-written draft', () => {
  assert.deepEqual(citations('Started [@'), []);
  assert.deepEqual(citations('Started [@key'), ['@key']);
  assert.deepEqual(citations('Started [see @a, p. 3; @'), ['@a']);
  assert.deepEqual(citations('Two [@a] and [@b'), ['@a [|]', '@b']);
});

test('never throws on odd input', () => {
  for (const md of ['', '\uFEFF', '\u0000\uFFFD\uD800', '[', '@', '> ', '---\n', '“', '"', '```\n[@a]', '<!--', '[@{', '@{}']) {
    assert.doesNotThrow(() => parseDraft(md), JSON.stringify(md));
  }
});

test('keeps offsets right after a byte order mark', () => {
  const md = '\uFEFFSee [@a].';
  const [c] = parseDraft(md).citations;
  assert.ok(c);
  assert.equal(md.slice(c.span.start, c.span.end), '@a');
});

test('finds the citation at a cursor, including right after the key', () => {
  const md = 'See [@smith, p. 3] and @jones.';
  const draft = parseDraft(md);
  assert.equal(citationAt(draft, md.indexOf('@smith'))?.key, 'smith');
  assert.equal(citationAt(draft, md.indexOf('smith') + 'smith'.length)?.key, 'smith');
  assert.equal(citationAt(draft, md.length - 1)?.key, 'jones');
  assert.equal(citationAt(draft, 1), undefined);
});

test('finds the quote at a cursor', () => {
  const md = 'A “b c d” e.';
  const draft = parseDraft(md);
  assert.equal(quoteAt(draft, md.indexOf('“'))?.text, 'b c d');
  assert.equal(quoteAt(draft, md.indexOf('”'))?.text, 'b c d');
  assert.equal(quoteAt(draft, md.indexOf('e.')), undefined);
});
