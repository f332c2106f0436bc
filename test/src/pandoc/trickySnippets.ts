/**
 * Short paragraphs that probe Pandoc's citation syntax where it is easy to get wrong: what
 * may stand before an `@`, keys with internal and trailing punctuation, `@{…}`, `-@`,
 * brackets with prefixes, suffixes and locators, cross-references, e-mail addresses and
 * URLs. A fixed list, then combinations drawn with a fixed seed (the same set every run).
 */
import { seededRandom as random } from '../../../server/out/index/quoteSampler.js';

export const HANDWRITTEN: readonly string[] = [
  'Write to jane@example.org or jane.doe@example.org, not @jane.',
  'See @url:https://example.org/a.html. And @doi:10.1038/nature14539, then @pmid:123.',
  'A @a:b//c b @a::b c @a--b d @k:/ e @k:// f @k:/x g @k//x h @k/.x i @_x j @-x.',
  'Keys end before punctuation: @smith2020. @smith2020, @smith2020; @smith2020: @smith2020? @smith2020?? @smith2020!',
  'Braced: @{odd key} @{a{b}c} @{x}y @{k}} @{a.b,c} @{k{} and [@{k} p. 3].',
  'Suppressed: [-@smith] [see -@smith, p. 3] [x -@a] [x-@b] [--@c] [ -@d] and in text -@e.',
  'Before the @: x.@a (@b) x-@c é@d "@e" “@f” «@g» /@h ,@i a,@j x..@k ...@l ....@m \\.@n x_@o x_y@p.',
  'After emphasis: *x*@a **x**@b _x_@c *x* @d `x`@e [x](y)@f <b>x</b>@g.',
  'Unicode: @café @𝔸bc @١٢ @½x @k15ü @straße, and é@mail.',
  'Groups: [see @a, p. 3; also @b, ch. 2, emphasis added; @c] and [@d;@e] [@f ; @g] [@h; x] [x; @i].',
  'Not groups: [@a](x) [@b][c] [@c]{.d} [@e, [p. 3]] [@f; @g [see @h and @i].',
  'In text with a locator: @a [p. 3] and @b[p. 4] and @c [p. 5; @d] and @e [@f].',
  'Cross-references: @fig:plot, [@fig:a; @fig:b], @Fig:c, [@sec:intro], @tbl:t, @eq:1 and @lst:code, with @smith.',
  'Mixed: [@fig:a; @smith, p. 3] and @Sec:x and @FIG:y and @figure:z.',
  'URLs: https://medium.com/@jane/post and <https://x.org/@user> and www.x.org/@u, then [@real].',
  'Apostrophes: it\'s@a a\'@b a’@c @d\'s @e’s.',
  'Escapes: @a\\_b @a\\.b \\@c &#64;d @e&amp;f.',
  'Nocite wildcard in text: @* and @*x.',
  'Empty braces @{} and a lone @ and @@k and a@@k.',
  'Line\n@a and [@b\n; @c] and @d\n[p. 3].',
];

/** What stands before the `@`. */
const BEFORE = ['', '$', '$x$ ', '\\$', '$$x$$', '$x', 'x', '.', '..', '...', '(', '"', '“', '-', '--', '_', '*x*', 'é', '\\.', ',', '’', ')', '/', ':', '&amp;', '`c`', '1', '½', '#', '$', '+', '~', '<', '>', '?', '!', '=', '|', '%'];
/** Keys and what may follow them. */
const KEY = ['k', 'k.x', 'k:x', 'url:https://x.org/a.html', 'a:b//c', 'a::b', 'a--b', 'k:/', 'k//x', 'k/.x', '_x', 'x?y',
  'k#1', 'a<b', 'a~b', 'a+b', 'a&b', 'a$b', 'a%b', 'a>b', '{a b}', '{a}', '{a{b}c}', '{a.b,c}', '{a:b.}', 'doi:10.1/x(1)', '𝔸bc', 'a.b.c',
  'fig:x', 'Fig:x', 'eq:1', 'sec:a', 'smith2020', '2020', 'Ünal', 'a_b_c', 'k-'];
const AFTER = ['', '$', ' $x$', '$ 2', '.', ',', ';', ':', '\'s', '’s', ' [p. 3]', '[p. 3]', ')', ']', '-', '--x', '?', '/', '...', '.x', ':/', '//', '}', '*'];
const PREFIX = ['', 'see ', 'x-', 'x ', '--', '*see* ', 'e.g. ', '(', 'x.'];
const SUFFIX = ['', ', p. 3', ', pp. 33-35, 41', '; @j', ' and @j', '; see -@j, ch. 2', ', {iv}', ' p. 3', ', emphasis added'];

/** Where the snippet stands in a document; `%` is replaced by it. */
const PLACE = ['A % z.', '> A % z.', '- A % z.', '# A % z', 'A ^[note % z] z.', 'A[^1] z.\n\n[^1]: Note % z.', 'A ![alt %](x.png) z.',
  'A [text %](http://x.org) z.', 'A **%** z.', '*A* % z.', 'A “quoted words here” %', '1. A\n2. % z.', 'A\\\n% z.', 'A %\nz.'];


/** `count` drawn snippets: half in-text keys in context, half bracketed groups, in various places. */
export function drawnSnippets(count: number, seed = 10): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const place = n % 3 === 0 ? pick(PLACE) : 'A % z.';
    const citation = n % 2 === 0
      ? `${pick(BEFORE)}@${pick(KEY)}${pick(AFTER)}`
      : `[${pick(PREFIX)}${next() < 0.3 ? '-' : ''}@${pick(KEY)}${pick(SUFFIX)}]${pick(['', '.', ' z', '(x)', '[y]'])}`;
    // Footnote labels are unique: the snippets are read by Pandoc as one document.
    out.push(place.replace('%', () => citation).replaceAll('[^1]', `[^n${n}]`));
  }
  return out;
}
