import type { Source } from '../corpus/source.js';
import { MARK_EVERY, MARK_SHIFT, skipWords } from './scan.js';

/**
 * One indexed source: its text, how many words its body has, and where each
 * word starts. Only every `MARK_EVERY`-th word's start is stored; the others
 * are found by re-scanning at most `MARK_EVERY - 1` words from the mark before.
 * `doc.wordStart(0)` is the offset of the body's first word in `doc.source.text`.
 */
export class IndexedDoc {
  constructor(
    readonly id: number,
    readonly source: Source,
    readonly wordCount: number,
    /** Start offsets of words 0, MARK_EVERY, 2 × MARK_EVERY, ... (a view into the segment's marks). */
    private readonly marks: Uint32Array,
  ) {}

  /** The offset in `source.text` where word `i` starts; the text's length when `i >= wordCount`. */
  wordStart(i: number): number {
    const text = this.source.text;
    if (i >= this.wordCount) return text.length;
    if (i < 0) i = 0;
    const mark = i >>> MARK_SHIFT;
    return skipWords(text, this.marks[mark]!, text.length, i - mark * MARK_EVERY);
  }
}
