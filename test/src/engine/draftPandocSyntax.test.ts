import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationText, keyText, parseDraft, type Citation } from '../../../server/out/draft/index.js';
import { isCrossrefKey } from '../../../server/out/draft/citekey.js';

/**
 * Pandoc's citation syntax, rule by rule (Pandoc's own reading is compared on real documents
 * in test/src/pandoc/). `keys(md)` lists the keys read, `-` marking a suppressed author.
 */
const keys = (md: string) => parseDraft(md).citations.map((c) => (c.suppressAuthor ? `-${c.key}` : c.key));

/** The draft's text under each span of the only citation. */
function spans(md: string): { at: string; key: string; group: string } {
  const citations = parseDraft(md).citations;
  assert.equal(citations.length, 1, JSON.stringify(citations));
  const c = citations[0] as Citation;
  return { at: md.slice(c.span.start, c.span.end), key: md.slice(c.keySpan.start, c.keySpan.end), group: md.slice(c.groupSpan.start, c.groupSpan.end) };
}

test('an e-mail address is not a citation: the @ follows a letter, digit or period', () => {
  assert.deepEqual(keys('Write to jane@example.org, j.doe@example.org, 42@x.org or x.@y, then @real.'), ['real']);
  assert.deepEqual(keys('Mail [jane@example.org] or [see jane@example.org; @real].'), ['real']);
  assert.deepEqual(keys('Accents count as letters: é@mail, ½@x; but not punctuation: (@a) "@b" x_@c x-@d /@e ,@f.'), ['a', 'b', 'c', 'd', 'e', 'f']);
});

test('a period before the @ is part of a word, an ellipsis or an escaped period is not', () => {
  assert.deepEqual(keys('a x.@a b ..@b c ...@c d ....@d e \\.@e f'), ['c', 'e']);
});

test('an escaped @, an entity, code and TeX math never cite', () => {
  assert.deepEqual(keys('\\@a &#64;b `@c` $x@d$ $$@e$$ and @real.'), ['real']);
  assert.deepEqual(keys('Prices $20 and @a $30, then $ @b$.'), ['a', 'b']);
});

test('an @ right after emphasis closes is text, as Pandoc reads it', () => {
  assert.deepEqual(keys('*x*@a **x**@b _x_@c x*@d *x* @e'), ['d', 'e']);
});

test('internal punctuation belongs to a key only when a key character follows', () => {
  assert.deepEqual(keys('See @url:https://example.org/a.html. Then @doi:10.1038/nature14539, @a--b and @a::b; @k:/ @k//x @x?y?.'), [
    'url:https://example.org/a.html', 'doi:10.1038/nature14539', 'a', 'a', 'k:', 'k//x', 'x?y',
  ]);
  assert.deepEqual(keys('Trailing: @smith2020. @smith2020, @smith2020; @smith2020: @smith2020? @smith2020! @smith2020’s @smith2020-'), Array(8).fill('smith2020'));
  assert.deepEqual(keys('Starts: @_x @-x @.x @2020 @Ünal @𝔸bc @١٢'), ['_x', '2020', 'Ünal', '𝔸bc', '١٢']);
});

test('a combining mark is not a letter for Pandoc: it ends the key', () => {
  assert.deepEqual(keys('@cafe\u0301 and @cafe\u0301x'), ['cafe', 'cafe']);
});

test('braces hold any key without white space, inner braces balanced', () => {
  assert.deepEqual(keys('@{doi:10.1/x(1)} @{a{b}c} @{x}y @{k}} [@{smith 2020}] @{a b} @{open'), ['doi:10.1/x(1)', 'a{b}c', 'x', 'k']);
  assert.deepEqual(keys('Braced in a group: [see @{a.}, p. 3; -@{b,c}]'), ['a.', '-b,c']);
  assert.deepEqual(keys('Empty braces name the empty key, as for Pandoc: @{}.'), ['']);
});

test('a key is read from the draft as written: escapes and markup inside do not change it', () => {
  assert.deepEqual(keys('@a\\_b @{a*b*} _@k_ @a&amp;b'), ['a', 'a*b*', 'k_', 'a&amp']);
});

test('-@key inside brackets suppresses the author; in running text it is a dash and a citation', () => {
  assert.deepEqual(keys('[-@a] [see -@b, p. 3] [ -@c] [x -@d] [@e; -@f]'), ['-a', '-b', '-c', '-d', 'e', '-f']);
  assert.deepEqual(keys('[x-@a] [--@b] and in text -@c or x -@d.'), ['a', 'b', 'c', 'd']);
});

test('reads prefixes, locators and suffixes around each key of a group', () => {
  const [a, b] = parseDraft('As [see @a, pp. 33-35, 41; also -@b, ch. 2, emphasis added].').citations;
  assert.deepEqual({ prefix: a?.prefix, locator: a?.locator, suffix: a?.suffix }, { prefix: 'see', locator: 'pp. 33-35, 41', suffix: undefined });
  assert.deepEqual({ prefix: b?.prefix, locator: b?.locator, suffix: b?.suffix, suppressAuthor: b?.suppressAuthor }, { prefix: 'also', locator: 'ch. 2', suffix: 'emphasis added', suppressAuthor: true });
  assert.equal(parseDraft('@smith[p. 4] says').citations[0]?.locator, 'p. 4');
});

test('brackets followed by a link target, a reference or attributes are not a group', () => {
  assert.deepEqual(parseDraft('[@a](x) [@b][c] [@c]{.d} [@d]').citations.map((c) => [c.key, c.bracketed]), [
    ['a', false], ['b', false], ['c', false], ['d', true],
  ]);
  assert.deepEqual(keys('An inline note ^[see @a, p. 3] cites in text.'), ['a']);
  assert.equal(parseDraft('An inline note ^[see @a, p. 3].').citations[0]?.bracketed, false);
});

test('an image’s alt text (a figure’s caption) may cite', () => {
  assert.deepEqual(keys('![Rates, after @smith [-@jones].](fig.png){#fig:rates} and ![*x*@no](p.png)'), ['smith', '-jones']);
});

test('pandoc-crossref references are not citations, alone or in a group', () => {
  assert.deepEqual(keys('See @fig:plot, [@fig:a; @fig:b], @Fig:c, [@sec:intro], @tbl:t, @eq:1, @lst:code and @Sec:x.'), []);
  assert.deepEqual(keys('Mixed: [@fig:a; @smith, p. 3], and @FIG:y and @figure:z are citations.'), ['smith', 'FIG:y', 'figure:z']);
  for (const key of ['fig:a', 'Fig:a', 'sec:a', 'Sec:a', 'tbl:a', 'Tbl:a', 'eq:a', 'Eq:a', 'lst:a', 'Lst:a']) assert.ok(isCrossrefKey(key), key);
  for (const key of ['FIG:a', 'figure:a', 'fig', 'smith:fig:a']) assert.ok(!isCrossrefKey(key), key);
});

test('a quotation is never attributed to a cross-reference', () => {
  const [quote] = parseDraft('As @fig:plot shows, “the army moved 300 soldiers” [@tbl:counts]. Later [@report].').quotes;
  assert.deepEqual(quote?.citations.map((c) => c.key), ['report']);
  const [alone] = parseDraft('As shown, “the army moved 300 soldiers” [@fig:a; @fig:b].').quotes;
  assert.deepEqual(alone?.citations, []);
});

test('spans are exact UTF-16 offsets, past astral characters and escapes', () => {
  assert.deepEqual(spans('😀 𝔸 see @𝔸bc.'), { at: '@𝔸bc', key: '𝔸bc', group: '@𝔸bc' });
  assert.deepEqual(spans('😀 \\* [see -@{a.b}, p. 3].'), { at: '@{a.b}', key: 'a.b', group: '[see -@{a.b}, p. 3]' });
  assert.deepEqual(spans('*😀* @url:https://x.org/a.html.'), { at: '@url:https://x.org/a.html', key: 'url:https://x.org/a.html', group: '@url:https://x.org/a.html' });
  assert.deepEqual(spans('> 😀 quoted\n> line @k [p. 3].'), { at: '@k', key: 'k', group: '@k [p. 3]' });
  const empty = parseDraft('x @{} y').citations[0];
  assert.deepEqual([empty?.span, empty?.keySpan], [{ start: 2, end: 5 }, { start: 3, end: 5 }]);
});

test('a key is written as Pandoc reads it back: plain, in braces, or not at all', () => {
  assert.equal(keyText('sotu/1862_abraham_lincoln_n'), 'sotu/1862_abraham_lincoln_n');
  assert.equal(keyText('url:https://x.org/a.html'), 'url:https://x.org/a.html');
  assert.equal(keyText('smith2020.'), '{smith2020.}');
  assert.equal(keyText('doi:10.1/x(1)'), '{doi:10.1/x(1)}');
  assert.equal(keyText('a{b}c'), '{a{b}c}');
  assert.equal(citationText('o’brien'), '@{o’brien}');
  for (const unwritable of ['smith 2020', 'a{b', 'a}b', '', 'fig:plot', 'a\u00a0b']) assert.equal(keyText(unwritable), undefined, unwritable);
  for (const key of ['smith2020.', 'doi:10.1/x(1)', 'a{b}c', 'o’brien', 'x_y_', 'a*b*', 'a<b', 'C++', '#1']) {
    const written = citationText(key);
    if (written) assert.deepEqual(keys(`[${written}]`), [key], key);
  }
});
