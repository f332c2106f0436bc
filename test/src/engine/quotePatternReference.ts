/**
 * `quotePattern` as first written (every part's characters mapped through an
 * array), kept as the reference its bracket-free fast path is tested against
 * (quotePatternFast.test.ts).
 */
import { countWords, forEachWord, normalizeWord } from '../../../server/out/text/tokenize.js';
import type { PatternItem, PatternPart } from '../../../server/out/match/quotePattern.js';

/** Editorial brackets may replace this many source words and hold this many words of their own. */
const MAX_BRACKET_WORDS = 4;

/** An omission mark: `...`, `…`, `[...]`, `[…]` (and `. . .`). */
const OMISSION = /\[\s*(?:\.\s?\.\s?\.|…)\s*\]|\.\s?\.\s?\.|…/g;

/**
 * Splits a quotation into the parts between omission marks and reads its editorial brackets.
 * `quotePattern('[T]hat is … the [US] view')` has two parts: `that is` and `the <gap> view`.
 * A bracket glued to a word (`[T]hat`) is part of that word; a free-standing one
 * (`[the US]`) of up to four words becomes a gap.
 */
export function quotePatternByMap(text: string): PatternPart[] {
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

