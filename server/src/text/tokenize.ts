/**
 * Word tokenizer shared by sources and quotations. Hand-written over char codes
 * rather than a Unicode regex because it runs over every byte of a 100 MB corpus:
 * an ASCII fast path keeps it several times faster than `/[\p{L}\p{N}]+/gu`.
 *
 * A word is a run of letters, digits and combining marks; an apostrophe between
 * two such characters stays inside the word (`don't`, `Ukraine’s`), and so does
 * `.` or `,` between two digits (`3.5`, `1,000`). A currency sign or `%` is a word
 * of its own (`$300` is `$` and `300`), so a changed currency or a dropped percent
 * sign is a changed word. Everything else separates words, so dashes, quotes and
 * markup never matter. (A leading minus is not part of a number: scraped lists
 * write bullets as `-90 percent`, and a quotation of "90 percent" is verbatim.)
 */

/** Word characters among the first 128 code points. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 2; // digits
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] !== 0;
  if (code >= 0xd800 && code <= 0xdfff) return false; // astral letters are rare in prose; treat as separators
  return NON_ASCII_WORD.test(String.fromCharCode(code));
}

const SYMBOL_WORD = /[\p{Sc}%]/u;

/** Currency signs and `%`: each is a one-character word. */
export function isSymbolCode(code: number): boolean {
  if (code === 36 || code === 37) return true; // $ %
  if (code < 128 || (code >= 0xd800 && code <= 0xdfff)) return false;
  return SYMBOL_WORD.test(String.fromCharCode(code));
}

function isDigitCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0x660 && code <= 0x669);
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 0x2018;
}

/**
 * Calls `onWord(start, end)` for every word of `text[from, to)`, in order.
 * `forEachWord('It’s 1,000 km', ...)` reports `It’s`, `1,000`, `km`.
 */
export function forEachWord(text: string, onWord: (start: number, end: number) => void, from = 0, to = text.length): void {
  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    if (!isWordCode(code)) {
      if (isSymbolCode(code)) onWord(i, i + 1);
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < to) {
      code = text.charCodeAt(i);
      if (isWordCode(code)) { i++; continue; }
      if (i + 1 < to) {
        const next = text.charCodeAt(i + 1);
        if (isApostrophe(code) && isWordCode(next) && isWordCode(text.charCodeAt(i - 1))) { i += 2; continue; }
        if ((code === 46 || code === 44) && isDigitCode(next) && isDigitCode(text.charCodeAt(i - 1))) { i += 2; continue; }
      }
      break;
    }
    onWord(start, i);
  }
}

/**
 * The comparable form of one word: NFKC, lower case, one apostrophe, no digit grouping,
 * `%` as `percent` (so "30%" and "30 percent" compare equal).
 * `normalizeWord('Ukraine’s')` is `ukraine's`; `normalizeWord('1,000')` is `1000`.
 */
export function normalizeWord(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 128) { ascii = false; break; }
  }
  // NFKC again after lower-casing: a capital with a combining mark (`Υ͂`) lower-cases to a
  // letter and mark that compose (`ῦ`), as the lower-case source spells it.
  let w = ascii ? word.toLowerCase() : word.normalize('NFKC').toLowerCase().normalize('NFKC').replace(/[\u2019\u2018\u02bc]/g, "'");
  if (isDigitCode(w.charCodeAt(0)) && w.includes(',')) w = w.replace(/,/g, '');
  return w === '%' ? 'percent' : w;
}

export interface Word {
  readonly text: string;
  /** Normalized form, see `normalizeWord`. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

/**
 * All words of `text[from, to)` with their normalized forms; offsets are
 * shifted by `base` (`text` is a window that starts at `base` of a whole).
 */
export function words(text: string, from = 0, to = text.length, base = 0): Word[] {
  const out: Word[] = [];
  forEachWord(text, (start, end) => {
    const raw = text.slice(start, end);
    out.push({ text: raw, norm: normalizeWord(raw), start: start + base, end: end + base });
  }, from, to);
  return out;
}

/** `countWords('“We are on the same page”')` is 6; `countWords('$300')` is 2. */
export function countWords(text: string): number {
  let n = 0;
  forEachWord(text, () => { n++; });
  return n;
}

/** True for words made of digits (with `.`/`,` grouping): numbers are words, and a changed one always matters. */
export function isNumberWord(norm: string): boolean {
  return norm.length > 0 && isDigitCode(norm.charCodeAt(0));
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'neither', 'none', 'nothing', 'nobody', 'nowhere', 'cannot', 'without']);

/** `isNegation("don't")` and `isNegation('never')` are true. */
export function isNegation(norm: string): boolean {
  return NEGATIONS.has(norm) || norm.endsWith("n't");
}
