import { PLACEHOLDER } from './prose.js';

/** A pair of double quote marks in a prose string: indices of the opening and closing mark. */
export interface MarkPair {
  readonly open: number;
  readonly close: number;
}

const OPEN_CURLY = '\u201c';
const CLOSE_CURLY = '\u201d';

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0';
}

function isAlphanumeric(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** A straight `"` opens after start, space, `(`, `[` or a dash, before a non-space. */
function opensStraight(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  const prevOk = prev === undefined || isSpace(prev) || prev === '(' || prev === '[' || prev === '-' || prev === '\u2013' || prev === '\u2014';
  return prevOk && next !== undefined && !isSpace(next) && next !== PLACEHOLDER;
}

/** A straight `"` closes after a non-space, before end, space or punctuation. */
function closesStraight(text: string, i: number): boolean {
  return !isSpace(text[i - 1]) && !isAlphanumeric(text[i + 1]);
}

/**
 * The closing mark for the opener at `open`, or -1 when the quote is left open; `stop` is
 * where the search ended, so later openers before it need no search of their own.
 */
function findClose(text: string, open: number): { close: number; stop: number } {
  const curly = text[open] === OPEN_CURLY;
  let straightFallback = -1;
  for (let k = open + 1; k < text.length; k++) {
    const ch = text[k];
    if (ch === CLOSE_CURLY) return { close: k, stop: k };
    if (ch === PLACEHOLDER || ch === OPEN_CURLY) return { close: straightFallback, stop: k };
    if (ch === '"' && closesStraight(text, k)) {
      if (!curly) return { close: k, stop: k };
      if (straightFallback < 0) straightFallback = k;
    }
  }
  return { close: straightFallback, stop: text.length };
}

/**
 * Finds quoted passages: `“ ”`, or straight `"` used as quote marks; unclosed ones are skipped.
 * `findQuoteMarks('He said “no” and "yes".')` is `[{ open: 8, close: 11 }, { open: 17, close: 21 }]`.
 */
export function findQuoteMarks(text: string): MarkPair[] {
  const pairs: MarkPair[] = [];
  // A straight opener before `hopelessUntil` has no closer: an earlier search already found none.
  let hopelessUntil = -1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === OPEN_CURLY || (ch === '"' && i >= hopelessUntil && opensStraight(text, i))) {
      const { close, stop } = findClose(text, i);
      if (close > i) {
        pairs.push({ open: i, close });
        i = close + 1;
        continue;
      }
      if (ch === '"') hopelessUntil = stop;
    }
    i++;
  }
  return pairs;
}
