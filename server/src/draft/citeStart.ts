/**
 * Where Pandoc's Markdown reader lets an `@` start a citation. Pandoc reads inline text left
 * to right, so what came just before an `@` decides: a word (`jane@example.org`), an escape
 * (`\@`), TeX math (`$x@y$`). Decided on the draft's characters where Markdown hides them
 * from the prose (escapes, entities, emphasis marks).
 */
import { charBefore, isAlphanumeric } from './citekey.js';
import type { Prose } from './prose.js';

// A scheme is at most 32 characters: an unbounded one was tried from every word start
// and made `a.a.a…` quadratic (160 KB: 19 s).
const URL = /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.)[^\s\uFFFC]*/gi;
const WWW = /www\./i;

/**
 * The prose indices inside bare URLs, past their first character, so `https://x.org/@user`
 * never cites while `@url:https://x.org/a` (a URL inside a key) does. Pandoc's Markdown,
 * without `autolink_bare_uris`, reads `@user` there as a citation; a writer pasting a URL
 * means none, and the README lists this difference.
 */
export function urlInteriors(text: string): (i: number) => boolean {
  // Without `://` or `www.` nothing can match: the pattern is not tried at every word start (1.6 MB of `a.a.a…` took 470 ms).
  if (!text.includes('://') && !WWW.test(text)) return () => false;
  const spans: [number, number][] = [];
  for (const m of text.matchAll(URL)) spans.push([m.index + 1, m.index + m[0].length]);
  if (spans.length === 0) return () => false;
  // A binary search (the spans are sorted and apart): a paragraph of many URLs and `@`s stays linear.
  return (i) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (spans[mid]![0] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && i < spans[lo - 1]![1];
  };
}

/**
 * Pandoc's `notAfterString`: an `@` (or the `-` of `[-@key]`) at draft offset `at` is text
 * when it follows a word, as in `jane@example.org`. Decided on the draft's characters, as
 * Pandoc reads them: after a letter or digit; after a `.` (Pandoc's words hold dots: `a.b@c`,
 * `x.@c`), unless the `.` is escaped or ends an ellipsis (`...@c` cites); right after
 * emphasis closes (`*x*@c`); or when escaped (`\@c`). After `_`, `-`, `)`, quotes, code or an entity it may cite.
 */
export function followsWord(prose: Prose, at: number): boolean {
  if (prose.emphasisEnds.has(at)) return true;
  const source = prose.source;
  if (escaped(source, at)) return true;
  const before = charBefore(source, at);
  if (isAlphanumeric(before)) return true;
  if (before !== '.') return false;
  let dots = 0;
  while (source[at - 1 - dots] === '.') dots++;
  if (escaped(source, at - dots)) dots--;
  // Pandoc reads `...` as an ellipsis, not a word; the dots after the last whole one are a word.
  return dots % 3 !== 0;
}

/** True when an odd number of backslashes stands before draft offset `at`: `\@` is text. */
function escaped(source: string, at: number): boolean {
  let slashes = 0;
  while (source[at - 1 - slashes] === '\\') slashes++;
  return slashes % 2 === 1;
}

/**
 * The prose index just past TeX math opening at prose index `i` (a `$`), or undefined when
 * Pandoc would not read math there (`tex_math_dollars`): `$$…$$`, or `$…$` whose opening `$`
 * has no space after it and whose closing `$` has none before it and no digit after it
 * (`$20 and $30` is text). A backslash escapes the next character inside. Read in the draft,
 * where escapes still stand. Citations are not read inside math: `$x@y$` cites nothing.
 */
export function mathEnd(prose: Prose, i: number): number | undefined {
  const { source } = prose;
  const open = prose.offsetAt(i)!;
  const limit = prose.offsetAt(prose.text.length - 1)! + 1;
  if (source[open] !== '$' || escaped(source, open)) return undefined;
  let close: number | undefined;
  if (source[open + 1] === '$') {
    const found = source.indexOf('$$', open + 2);
    if (found > open + 2 && found + 2 <= limit) close = found + 2;
  } else if (open + 1 < limit && !/\s/.test(source[open + 1]!)) {
    for (let j = open + 1; j < limit; j++) {
      const ch = source[j]!;
      if (ch === '\\') { j++; continue; }
      if (ch !== '$') continue;
      if (!/\s/.test(source[j - 1]!) && !/\d/.test(source[j + 1] ?? '')) close = j + 1;
      break;
    }
  }
  if (close === undefined) return undefined;
  let end = i + 1;
  while (end < prose.text.length && prose.offsetAt(end)! < close) end++;
  return end;
}
