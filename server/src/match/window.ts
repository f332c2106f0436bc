import type { IndexedDoc } from '../index/corpusIndex.js';
import type { Word } from '../text/tokenize.js';

/**
 * The words `[from, to)` of an indexed document, re-read from its text with
 * their normalized forms and offsets (the index keeps only where some words start).
 */
export function windowWords(doc: IndexedDoc, from: number, to: number): Word[] {
  const lo = Math.max(0, Math.min(from, doc.wordCount));
  const hi = Math.max(lo, Math.min(to, doc.wordCount));
  if (lo === hi) return [];
  return doc.words(doc.wordStart(lo), doc.wordStart(hi));
}
