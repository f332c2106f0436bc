import { isCrossrefKey, isSimpleKey } from './citekey.js';
import { parseDraft } from './parse.js';

/** Characters CommonMark leaves alone next to a key: a simple key made of them reads back as written. */
const INERT = /^[\p{L}\p{N}_][\p{L}\p{N}_:./#%+?~-]*$/u;
/** Haskell's `isSpace` (see citekey.ts): Pandoc's braced keys hold none. */
const SPACE = /[\t\n\v\f\r\p{Zs}]/u;

function balanced(key: string): boolean {
  let depth = 0;
  for (const ch of key) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** True when `[@text]` reads back, in Verbatim as in Pandoc, as one bracketed citation of `key`. */
function readsBack(text: string, key: string): boolean {
  const { citations } = parseDraft(`[@${text}]`);
  return citations.length === 1 && citations[0]!.key === key && citations[0]!.bracketed;
}

/**
 * What Verbatim writes after `@` to cite `key`: the key itself when Pandoc reads it whole
 * (`sotu/1862_lincoln`, `url:https://x.org/a.html`), the key in braces when it needs them
 * (`{smith2020.}`, `{doi:10.1/x(1)}`), and undefined when no citation can name it: white
 * space or unbalanced braces (Pandoc's `@{…}` holds neither), an empty key, or a
 * pandoc-crossref prefix (`fig:x` would be read as a cross-reference).
 */
export function keyText(key: string): string | undefined {
  if (key === '' || isCrossrefKey(key)) return undefined;
  if (INERT.test(key) && isSimpleKey(key)) return key;
  if (isSimpleKey(key) && readsBack(key, key)) return key;
  if (SPACE.test(key) || !balanced(key)) return undefined;
  const braced = `{${key}}`;
  return readsBack(braced, key) ? braced : undefined;
}

/** `@key` as Verbatim writes it (see `keyText`): `citationText('a.')` is `@{a.}`. */
export function citationText(key: string): string | undefined {
  const text = keyText(key);
  return text === undefined ? undefined : `@${text}`;
}
