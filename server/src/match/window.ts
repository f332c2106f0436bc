import type { IndexedDoc } from '../index/corpusIndex.js';
import { words, type Word } from '../text/tokenize.js';

/**
 * The words `[from, to)` of an indexed document, re-read from its text with
 * their normalized forms and offsets (the index keeps only where words start).
 */
export function windowWords(doc: IndexedDoc, from: number, to: number): Word[] {
  const starts = doc.starts;
  const lo = Math.max(0, Math.min(from, starts.length));
  const hi = Math.max(lo, Math.min(to, starts.length));
  if (lo === hi) return [];
  const textFrom = starts[lo]!;
  const textTo = hi < starts.length ? starts[hi]! : doc.source.text.length;
  return words(doc.source.text, textFrom, textTo);
}
