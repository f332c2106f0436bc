/**
 * Glyphs that a PDF maps to no text: Chromium's PDFs, for one, give their
 * fi/fl ligature glyphs no Unicode, and pdf.js reads them as U+0000
 * ("speci\0c"). Each such word is read as the form the document uses elsewhere
 * (trying fi, fl, ff, ffi, ffl); failing that, by the letter that follows:
 * "fl" before a vowel other than e (flow, fluid, conflict) or before e + a
 * consonant other than l, r (flexible, reflect), "fi" otherwise (field, fine).
 */
import type { Vocabulary } from './vocabulary.js';

const LIGATURES = ['fi', 'fl', 'ff', 'ffi', 'ffl'];
const WORD_WITH_NUL = /[\p{L}\p{M}]*\0[\p{L}\p{M}\0]*/gu;

/** `restoreMissingGlyphs('speci\0c', vocabulary)` is `specific`; text without U+0000 is returned as is. */
export function restoreMissingGlyphs(text: string, vocabulary: Vocabulary): string {
  if (!text.includes('\0')) return text;
  return text.replace(WORD_WITH_NUL, (word) => restoreWord(word, vocabulary));
}

function restoreWord(word: string, vocabulary: Vocabulary): string {
  const parts = word.split('\0');
  if (parts.length - 1 <= 3) {
    let best: string | undefined;
    let bestCount = 0;
    for (const candidate of combinations(parts)) {
      const count = vocabulary.words.get(candidate.toLowerCase()) ?? 0;
      if (count > bestCount) { best = candidate; bestCount = count; }
    }
    if (best !== undefined) return best;
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += guess(parts[i]!) + parts[i];
  return out;
}

function* combinations(parts: readonly string[]): Generator<string> {
  if (parts.length === 1) { yield parts[0]!; return; }
  for (const rest of combinations(parts.slice(1))) for (const lig of LIGATURES) yield parts[0]! + lig + rest;
}

/** fi or fl, from the letters after the glyph. */
function guess(after: string): string {
  const next = after[0]?.toLowerCase();
  if (next === undefined) return 'fi';
  if ('aiouy'.includes(next)) return 'fl';
  if (next === 'e') return /^e[lr]/i.test(after) ? 'fi' : 'fl';
  return 'fi';
}
