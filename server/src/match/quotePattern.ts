import { countWords, forEachWord, normalizeWord } from '../text/tokenize.js';

/** A word the source must hold, or a bracketed editorial insertion that stands for up to `maxWords` source words. */
export type PatternItem =
  | { readonly kind: 'word'; readonly norm: string; readonly start: number; readonly end: number }
  | { readonly kind: 'gap'; readonly maxWords: number; readonly start: number; readonly end: number };

/** The words of one run of a quotation between omission marks. Offsets index the quote's text. */
export type PatternPart = readonly PatternItem[];

/** Editorial brackets may replace this many source words and hold this many words of their own. */
export const MAX_BRACKET_WORDS = 4;

/** An omission mark: `...`, `…`, `[...]`, `[…]` (and `. . .`). */
export const OMISSION = /\[\s*(?:\.\s?\.\s?\.|…)\s*\]|\.\s?\.\s?\.|…/g;

/**
 * Splits a quotation into the parts between omission marks and reads its editorial brackets.
 * `quotePattern('[T]hat is … the [US] view')` has two parts: `that is` and `the <gap> view`.
 * A bracket glued to a word (`[T]hat`) is part of that word; a free-standing one
 * (`[the US]`) of up to four words becomes a gap.
 */
export function quotePattern(text: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let from = 0;
  for (const match of text.matchAll(OMISSION)) {
    parts.push(readPart(text, from, match.index));
    from = match.index + match[0].length;
  }
  parts.push(readPart(text, from, text.length));
  return parts.filter((part) => part.length > 0 && part.some((item) => item.kind === 'word'));
}

function readPart(text: string, from: number, to: number): PatternItem[] {
  const items: PatternItem[] = [];
  let cursor = from;
  // Searched within the part only: a search of the whole rest of the text for each of
  // 10,000 parts made a quotation full of omission marks quadratic.
  const within = text.slice(0, to);
  const brackets = /\[([^\[\]]*)\]/g;
  brackets.lastIndex = from;
  for (let match = brackets.exec(within); match; match = brackets.exec(within)) {
    const open = match.index;
    const close = open + match[0].length;
    const glued = gluedBefore(text, open) || gluedAfter(text, close);
    if (glued || countWords(match[1]!) > MAX_BRACKET_WORDS) continue; // its words count as written
    pushWords(text, cursor, open, items);
    items.push({ kind: 'gap', maxWords: MAX_BRACKET_WORDS, start: open, end: close });
    cursor = close;
  }
  pushWords(text, cursor, to, items);
  return items;
}

/** Words of `text[from, to)`, reading through glued brackets: `[T]hat` is one word `that`. */
function pushWords(text: string, from: number, to: number, items: PatternItem[]): void {
  if (!hasBracket(text, from, to)) {
    // No bracket to read through: the words and their offsets are the text's own (a map of
    // every character was most of the time of a four-word quotation padded to 800 KB).
    forEachWord(text, (start, end) => {
      items.push({ kind: 'word', norm: normalizeWord(text.slice(start, end)), start, end });
    }, from, to);
    return;
  }
  const stripped = text.slice(from, to).replace(/[\[\]]/g, (c) => (c === '[' ? '\u0001' : '\u0002'));
  // Glued brackets become invisible joiners so the tokenizer sees one word.
  const joined = stripped.replace(/[\u0001\u0002]/g, '');
  const map: number[] = [];
  for (let i = 0; i < stripped.length; i++) if (stripped[i] !== '\u0001' && stripped[i] !== '\u0002') map.push(from + i);
  map.push(to);
  forEachWord(joined, (start, end) => {
    items.push({ kind: 'word', norm: normalizeWord(joined.slice(start, end)), start: map[start]!, end: map[end - 1]! + 1 });
  });
}

function hasBracket(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 93) return true;
  }
  return false;
}

/** A bracket ends where a word goes on: `[T]hat`, or across an elision, `[D]’affaires`. */
function gluedAfter(text: string, index: number): boolean {
  return isWordChar(text, index) || (APOSTROPHES.includes(text[index] ?? '') && isWordChar(text, index + 1));
}

/** A bracket starts where a word began: `wom[e]n`, or across an elision, `l’[A]mour`. */
function gluedBefore(text: string, index: number): boolean {
  return isWordChar(text, index - 1) || (APOSTROPHES.includes(text[index - 1] ?? '') && isWordChar(text, index - 2));
}

const APOSTROPHES = "'’ʼ";

function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return /[\p{L}\p{N}]/u.test(text[index]!);
}

/** Number of words a pattern requires (gaps excluded). */
export function patternWordCount(parts: readonly PatternPart[]): number {
  let n = 0;
  for (const part of parts) for (const item of part) if (item.kind === 'word') n++;
  return n;
}
