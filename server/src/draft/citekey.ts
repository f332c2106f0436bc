/**
 * Pandoc citation keys, read as Pandoc's Markdown reader reads them
 * (`Text.Pandoc.Parsing.Citations`: `citeKey`, `simpleCiteIdentifier`).
 *
 * A key starts with a letter, digit, `_` (or `*`, Pandoc's nocite wildcard) and goes on
 * with letters, digits and `_`; one of `:.#$%&-+?<>~/` belongs to it only when a letter,
 * digit or `_` follows, and `:` or `/` also when a `/` follows (`@url:https://x.org/a`).
 * So trailing punctuation is not part of it: in `@sotu/1862_lincoln.` the key is
 * `sotu/1862_lincoln`. `@{…}` holds any characters but white space, braces balanced.
 * "Letter" and "digit" are Unicode's (Haskell's `isAlphaNum`: categories L and N, not marks).
 */

const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
/** Haskell's `isSpace`: tab to carriage return, the Latin-1 spaces, and Unicode's space separators. */
const SPACE = /^[\t\n\v\f\r\p{Zs}]$/u;
/** Stands in for inline code, HTML and images in prose (see prose.ts): never part of a key. */
const PLACEHOLDER = '\uFFFC';

/** The code point (one or two UTF-16 units) that starts at `i`; undefined past the end. */
function charAt(text: string, i: number): string | undefined {
  const c = text.codePointAt(i);
  return c === undefined ? undefined : String.fromCodePoint(c);
}

/** The code point that ends just before `i`; undefined at the start. */
export function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

/** A Unicode letter or number (Haskell's `isAlphaNum`): `isAlphanumeric('é')`, `isAlphanumeric('٣')`. */
export function isAlphanumeric(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return ALPHANUMERIC.test(ch);
}

/** Letters, digits and `_`, Unicode included: what a key is made of between punctuation. */
export function isKeyChar(ch: string | undefined): boolean {
  return ch === '_' || isAlphanumeric(ch);
}

/** One of `:.#$%&-+?<>~/`, which a key holds only between key characters. */
export function isInternalPunctuation(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && INTERNAL_PUNCTUATION.includes(ch);
}

export interface KeyMatch {
  readonly key: string;
  /** Index of the key's first char (after `{` for `@{key}`). */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Index just after the key, or after `}`. */
  readonly end: number;
  readonly braced: boolean;
}

/**
 * Reads the key after an `@` at `at`, not reading at or past `limit`.
 * `readKey('see @smith, p. 3', 4)` gives `{ key: 'smith', keyStart: 5, keyEnd: 10, end: 10 }`;
 * `readKey('@url:https://x.org/a.html.', 0)` gives key `url:https://x.org/a.html`;
 * `readKey('@{a.b,c}', 0)` gives key `a.b,c`; `readKey('@{a b}', 0)` is undefined (Pandoc: no space).
 */
export function readKey(text: string, at: number, limit = text.length): KeyMatch | undefined {
  const start = at + 1;
  if (start >= limit) return undefined;
  if (text[start] === '{') return readBracedKey(text, start, limit);
  const first = charAt(text, start)!;
  if (!isKeyChar(first) && first !== '*') return undefined;
  let i = start + first.length;
  while (i < limit) {
    const ch = charAt(text, i)!;
    if (isKeyChar(ch)) { i += ch.length; continue; }
    if (i + 1 < limit && isInternalPunctuation(ch)) {
      const next = charAt(text, i + 1);
      if (isKeyChar(next) || ((ch === ':' || ch === '/') && next === '/')) { i++; continue; }
    }
    break;
  }
  return { key: text.slice(start, i), keyStart: start, keyEnd: i, end: i, braced: false };
}

/** `{…}` from `open`: balanced braces, no white space; Pandoc reads `@{}` as the empty key. */
function readBracedKey(text: string, open: number, limit: number): KeyMatch | undefined {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return { key: text.slice(open + 1, i), keyStart: open + 1, keyEnd: i, end: i + 1, braced: true };
    } else if (ch === PLACEHOLDER || SPACE.test(ch)) return undefined;
  }
  return undefined;
}

/**
 * True when `key` reads back whole as a simple key after `@`, so it needs no braces:
 * `sotu/1862_lincoln` does, `a.` and `x,y` do not.
 */
export function isSimpleKey(key: string): boolean {
  const match = readKey(`@${key}`, 0);
  return match !== undefined && !match.braced && match.keyEnd === key.length + 1;
}

/**
 * pandoc-crossref's reference prefixes: `@fig:`, `@sec:`, `@tbl:`, `@eq:`, `@lst:`, and the
 * same capitalized (`@Fig:a` starts a sentence). Such a key names a figure, section, table,
 * equation or listing of the draft itself, never a source.
 */
const CROSSREF = /^[fF]ig:|^[sS]ec:|^[tT]bl:|^[eE]q:|^[lL]st:/;

/** True for a pandoc-crossref reference: `isCrossrefKey('fig:plot')`, `isCrossrefKey('Sec:intro')`. */
export function isCrossrefKey(key: string): boolean {
  return CROSSREF.test(key);
}
