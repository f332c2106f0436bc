import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { PatternItem } from './quotePattern.js';
import type { Candidate } from './retrieve.js';
import { byPath, TopK } from './votes.js';
import { DROPPED_RUN_WORDS } from './diffs.js';

/** Quotations of at most this many words get the exhaustive search in their cited sources. */
export const SHORT_QUOTE_WORDS = 8;
/** Occurrences of one word read at most (in the cited sources): a bound, never reached by a book's commonest word. */
const MAX_OCCURRENCES = 100_000;

/**
 * Every place in the cited sources where all but one of a short quotation's
 * words stand where they should (an added or dropped word may shift the rest by
 * one), best first. Short quotations of common words defeat rare-word pivots and
 * bucketed votes, which rank thousands of look-alike places; here each word
 * votes for the exact start it implies, so a passage with one word changed is
 * never missed in the sources the writer cites.
 * In a novel saying "who called to her, “You are", the quotation
 * "who to her, You are" is placed at "who".
 */
export function shortQuoteCandidates(index: CorpusIndex, items: readonly PatternItem[], cited: ReadonlySet<number>, limit: number): Candidate[] {
  const words: { hash: number; q: number }[] = [];
  items.forEach((item) => { if (item.kind === 'word') words.push({ hash: hashWord(item.norm), q: words.length }); });
  const n = words.length;
  if (n === 0 || n > SHORT_QUOTE_WORDS) return [];
  const top = new TopK(limit, byPath(index));
  for (const docId of cited) {
    const doc = index.doc(docId);
    if (!doc) continue;
    // found[d + 1] has bit q set when quote word q stands where a passage starting at word d puts it.
    const found = new Uint8Array(doc.wordCount + n + 2);
    const only = new Set([docId]);
    for (const word of words) {
      let seen = 0;
      const bit = 1 << word.q;
      index.forEachOccurrence(word.hash, (_doc, wordIndex) => {
        const at = wordIndex - word.q + 1;
        if (at >= 0 && at < found.length) found[at] = found[at]! | bit;
        return ++seen < MAX_OCCURRENCES;
      }, only);
    }
    for (let at = 1; at + 1 < found.length; at++) {
      if (found[at] === 0) continue;
      const score = placedWords(found, at, n);
      // Ranked by words in place, then by the fewest words shifted over beyond one (a word added or
      // dropped ranks as a place with every word in place, as it always did): of two places that hold
      // every word, the one with two words dropped comes before the one with three.
      if (Math.floor(score / SHIFT_RANK) >= n - 1 && top.wants(score)) top.offer({ docId, wordIndex: at - 1, votes: score });
    }
  }
  return top.items;
}

/** Shifts tried: the words after one point sit up to `DROPPED_RUN_WORDS` later (words the quote drops) or one earlier (a word it adds). */
const SHIFTS = [-1, ...Array.from({ length: DROPPED_RUN_WORDS }, (_, k) => k + 1)];

/**
 * How many quote words a passage starting at `at` holds in place (as a score, see `SHIFT_RANK`), letting the
 * words after one point sit a few later (words the quote drops: "can only
 * [supplement the role] of private investment") or one earlier (a word it adds).
 */
function placedWords(found: Uint8Array, at: number, n: number): number {
  const here = found[at]!;
  let best = popcount(here) * SHIFT_RANK + SHIFT_RANK - 1;
  for (const shift of SHIFTS) {
    if (at + shift >= found.length) continue;
    const there = found[at + shift]!;
    if (there === 0) continue;
    for (let k = 1; k < n; k++) {
      const low = (1 << k) - 1;
      best = Math.max(best, (popcount(here & low) + popcount(there & ~low & 0xff)) * SHIFT_RANK + SHIFT_RANK - 1 - Math.max(0, shift - 1));
    }
  }
  return best;
}

/** A score is words in place × `SHIFT_RANK`, less the shift (so `floor(score / SHIFT_RANK)` is the words). */
const SHIFT_RANK = 16;

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}
