import { hashWord } from '../index/hash.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { PatternItem } from './quotePattern.js';
import { exactRunSearch } from './exactSearch.js';
import type { QuoteMatch } from './verify.js';

/** The quotation's word must be this many times as frequent in the corpus as the source's. */
const FREQUENCY_RATIO = 20;
/** ... and occur at least this often: a common word, not a writer's rare misspelling. */
const COMMON = 20;
/** A source bigram seen at most this often in the whole corpus is rare (here, it is its one occurrence). */
const RARE_BIGRAM = 1;

/**
 * Substituted words where the source, not the writer, looks wrong: a scanning
 * (OCR) error such as the 1964 address's "because of theft color" for "their
 * color". One word for one, spelled alike (at most two letters apart), the
 * quotation's word common in the corpus and much more frequent than the
 * source's, and a bigram of the source's word with its neighbour found nowhere
 * else in the corpus while the quotation's word stands beside that neighbour
 * elsewhere. A writer's misspelling ("dolicocephalic" for "dolichocephalic")
 * is the rare word, so it stays a changed word.
 * Returns `part:sourceWord` keys (indexes into `match.parts` and that part's words).
 */
export function scanningSuspects(index: CorpusIndex, match: QuoteMatch): Set<string> {
  const suspects = new Set<string>();
  match.parts.forEach((part, p) => {
    const ops = part.alignment.ops;
    ops.forEach((op, k) => {
      if (op.op !== 'sub') return;
      // One word for one: the neighbours on both sides are kept words.
      const before = ops[k - 1];
      const after = ops[k + 1];
      if ((before && before.op !== 'match') || (after && after.op !== 'match')) return;
      const item = part.part[op.q];
      const sourceWord = part.words[op.s];
      if (item?.kind !== 'word' || !sourceWord) return;
      if (looksLikeScanningError(index, item.norm, sourceWord.norm, part.words[op.s - 1]?.norm, part.words[op.s + 1]?.norm)) {
        suspects.add(`${p}:${op.s}`);
      }
    });
  });
  return suspects;
}

function looksLikeScanningError(index: CorpusIndex, quoteWord: string, sourceWord: string, previous: string | undefined, next: string | undefined): boolean {
  if (!/^\p{L}{3,}$/u.test(quoteWord) || !/^\p{L}{2,}$/u.test(sourceWord)) return false;
  if (editDistance(quoteWord, sourceWord, 2) > 2) return false;
  const quoteCount = index.frequency(hashWord(quoteWord));
  if (quoteCount < COMMON || quoteCount < FREQUENCY_RATIO * index.frequency(hashWord(sourceWord))) return false;
  const fits = (a: string, b: string) => bigramCount(index, a, b, 1) >= 1;
  const rare = (a: string, b: string) => bigramCount(index, a, b, RARE_BIGRAM + 1) <= RARE_BIGRAM;
  return (next !== undefined && rare(sourceWord, next) && fits(quoteWord, next))
    || (previous !== undefined && rare(previous, sourceWord) && fits(previous, quoteWord));
}

/** Places of `a b` in the corpus, counted up to `limit`. */
function bigramCount(index: CorpusIndex, a: string, b: string, limit: number): number {
  const items: PatternItem[] = [{ kind: 'word', norm: a, start: 0, end: 0 }, { kind: 'word', norm: b, start: 0, end: 0 }];
  return exactRunSearch(index, items, undefined, limit).candidates.length;
}

/**
 * Levenshtein distance of two short words, or `max + 1` once it is known to exceed `max`.
 * Written here: two words of a few letters, one row at a time; a library would be larger than the function.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      next.push(value);
      least = Math.min(least, value);
    }
    if (least > max) return max + 1;
    row = next;
  }
  return row[b.length]!;
}
