/**
 * Glyphs that a PDF maps to no text: Chromium's PDFs, for one, give their
 * fi/fl ligature glyphs no Unicode, and pdf.js reads them as U+0000
 * ("speci\0c"). Each such word is read as the form the document uses elsewhere
 * (trying fi, fl, ff, ffi, ffl); failing that, ff/ffi/ffl where the word then
 * holds a common English ff stem (different, efficient, office, shuffle: a
 * document whose every ligature lost its text has none of these spelled out),
 * else by the letter that follows: "fl" before a vowel other than e (flow,
 * fluid, conflict) or before ex, ec, ee, ew (flexible, reflect, fleet, flew),
 * "fi" otherwise (specific, field, verified, first).
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
  for (let i = 1; i < parts.length; i++) {
    const rest = parts.slice(i).map((p, k) => (k === 0 ? p : guess(p) + p)).join('');
    const ff = ['ff', 'ffi', 'ffl'].find((lig) => FF_STEMS.test(`${out}${lig}${rest}`.toLowerCase()));
    out += (ff ?? guess(parts[i]!)) + parts[i];
  }
  return out;
}

const FF_STEMS = /^(?:in|co|un|non|side)?eff(?:ect|ic|ort)|^(?:in)?diff(?:er|ic|us|ract)|^(?:un)?off(?:er|ic|set|spring|line)|off$|^(?:un|dis|re|non)?aff(?:ect|ord|ili|irm|in|luen)|^(?:in|self)?suff(?:er|ic|ix)|traffic|staff|stuff|buffer|baffl|shuffl|muffl|raffl|waffl|scuffl|ruffl|sniff|cliff|stiff|bluff|puff|scaffold|giraffe|sheriff|tariff|chauffeur/;

function* combinations(parts: readonly string[]): Generator<string> {
  if (parts.length === 1) { yield parts[0]!; return; }
  for (const rest of combinations(parts.slice(1))) for (const lig of LIGATURES) yield parts[0]! + lig + rest;
}

/** fi or fl, from the letters after the glyph. */
function guess(after: string): string {
  const next = after[0]?.toLowerCase();
  if (next === undefined) return 'fi';
  if ('aiouy'.includes(next)) return 'fl';
  if (next === 'e') return /^e[xcew]/i.test(after) ? 'fl' : 'fi';
  return 'fi';
}
