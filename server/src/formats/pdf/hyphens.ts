/**
 * Joins a word hyphenated at a line end ("infor-" + "mation" gives
 * "information") but keeps a real compound ("well-" + "known" gives
 * "well-known"), deciding by the document's own vocabulary: whichever form it
 * uses elsewhere wins. Without evidence, both halves being words of three or
 * more letters that the document uses on their own reads as a compound;
 * otherwise the halves are joined, as a justified line's break mostly is.
 */
import type { Vocabulary } from './vocabulary.js';

/** How a line ending in `left` (which ends with a hyphen) meets the next line starting with `right`. */
export type Junction = 'join' | 'keep-hyphen';

export function hyphenJunction(left: string, right: string, vocabulary: Vocabulary): Junction {
  if (left.endsWith('\u00ad')) return 'join';
  const head = /([\p{L}\p{M}\0]+)[-\u2010]$/u.exec(left);
  const tail = /^[\p{L}\p{M}\0]+/u.exec(right);
  if (!head || !tail) return 'keep-hyphen';
  const a = head[1]!;
  const b = tail[0];
  const before = left.slice(0, head.index);
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  const joined = vocabulary.words.get(lowerA + lowerB) ?? 0;
  const hyphenated = vocabulary.compounds.get(`${lowerA}-${lowerB}`) ?? 0;
  if (joined > hyphenated) return 'join';
  if (hyphenated > joined) return 'keep-hyphen';
  // Without evidence, a capital after the break ("Euro-Atlantic") or a compound
  // already ("state-of-the-art") keeps its hyphen.
  if (!/^\p{Ll}/u.test(b)) return 'keep-hyphen';
  if (/[\p{L}\p{N}][-\u2010]$/u.test(before)) return 'keep-hyphen';
  const wordA = vocabulary.words.get(lowerA) ?? 0;
  const wordB = vocabulary.words.get(lowerB) ?? 0;
  return a.length >= 3 && b.length >= 3 && wordA > 0 && wordB > 0 ? 'keep-hyphen' : 'join';
}

/** Whether `line` ends in a letter followed by a hyphen (or a soft hyphen). */
export function endsWithHyphen(line: string): boolean {
  return /[\p{L}\p{M}\0][-\u00ad\u2010]$/u.test(line);
}
