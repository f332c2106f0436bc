/**
 * Pandoc citation keys. A key starts with a letter, digit or `_` and may hold
 * internal punctuation `:.#$%&-+?<>~/` between word characters, so trailing
 * punctuation is not part of it: in `@sotu/1862_lincoln.` the key is `sotu/1862_lincoln`.
 */

const INTERNAL_PUNCTUATION = new Set(':.#$%&-+?<>~/');
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Letters, digits and `_`, Unicode included. */
export function isKeyChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return NON_ASCII_WORD.test(ch);
}

export interface KeyMatch {
  readonly key: string;
  /** Index of the key's first char (after `{` for `@{key}`). */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Index just after the key, or after `}`. */
  readonly end: number;
}

/**
 * Reads the key after an `@` at `at`. `readKey('see @smith, p. 3', 4)` gives
 * `{ key: 'smith', keyStart: 5, keyEnd: 10, end: 10 }`; `readKey('@{a b}', 0)` gives key `a b`.
 */
export function readKey(text: string, at: number, limit = text.length): KeyMatch | undefined {
  let i = at + 1;
  if (text[i] === '{') {
    const close = text.indexOf('}', i + 1);
    if (close < 0 || close >= limit) return undefined;
    const inner = text.slice(i + 1, close);
    const lead = inner.length - inner.trimStart().length;
    const key = inner.trim();
    if (key === '' || key.includes('\uFFFC')) return undefined;
    return { key, keyStart: i + 1 + lead, keyEnd: i + 1 + lead + key.length, end: close + 1 };
  }
  if (!isKeyChar(text[i]) || i >= limit) return undefined;
  const keyStart = i;
  i++;
  while (i < limit) {
    const ch = text[i]!;
    if (isKeyChar(ch)) { i++; continue; }
    if (INTERNAL_PUNCTUATION.has(ch) && i + 1 < limit && isKeyChar(text[i + 1])) { i += 2; continue; }
    break;
  }
  return { key: text.slice(keyStart, i), keyStart, keyEnd: i, end: i };
}

/** An `@` may start a citation unless a word char precedes it (`jane@example.com`). */
export function atMayCite(text: string, at: number): boolean {
  const prev = text[at - 1];
  return !isKeyChar(prev) && prev !== '@' && prev !== '.' && prev !== '{';
}

/**
 * True when `key` can be written as `@key` and read back as the same key, so a
 * fix may insert it: `isCitableKey('sotu/1862_lincoln')` is true;
 * `isCitableKey('../../x')` and `isCitableKey('my key')` are false.
 */
export function isCitableKey(key: string): boolean {
  const read = readKey(`@${key}`, 0);
  return read !== undefined && read.key === key && read.end === key.length + 1;
}
