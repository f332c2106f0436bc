import type { Source } from '../corpus/source.js';
import { sourceLength, sourceSlice, textWindow, type TextWindow } from '../corpus/sourceText.js';
import { words, type Word } from '../text/tokenize.js';
import { MARK_EVERY, MARK_SHIFT, scanWords, skipWords, type ScanOutput } from './scan.js';

/** Characters read ahead of a mark to find a word after it; more are read when 31 words need more. */
const SKIP_REACH = 2048;

/**
 * One indexed source: its text, how many words its body has, and where each
 * word starts. Only every `MARK_EVERY`-th word's start is stored; the others
 * are found by re-scanning at most `MARK_EVERY - 1` words from the mark before.
 * Text is read through windows (`textWindow`), so a lazily decoded source
 * decodes only the chunks a search looks at.
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

  /** The length of the source's text. */
  get length(): number {
    return sourceLength(this.source);
  }

  /** The offset in `source.text` where word `i` starts; the text's length when `i >= wordCount`. */
  wordStart(i: number): number {
    if (i >= this.wordCount) return this.length;
    if (i < 0) i = 0;
    const mark = i >>> MARK_SHIFT;
    const at = this.marks[mark]!;
    const skip = i - mark * MARK_EVERY;
    if (skip === 0) return at;
    // A start found before the window's end is exact: the scanner decides where a word ends
    // from the next character at most, so a cut can only hide starts, never invent one.
    for (let reach = SKIP_REACH; ; reach *= 4) {
      const window = textWindow(this.source, at, at + reach);
      const found = skipWords(window.text, at - window.base, window.text.length, skip);
      if (found < window.text.length || window.base + window.text.length >= this.length) return found + window.base;
    }
  }

  /** Characters `[from, to)` of the text and possibly more around them. */
  window(from: number, to: number): TextWindow {
    return textWindow(this.source, from, to);
  }

  /** The text from `from` to `to`. */
  slice(from: number, to: number): string {
    return sourceSlice(this.source, from, to);
  }

  /** `scanWords` over characters `[from, to)` (marks, if wanted, are not offsets of the text). */
  scan(from: number, to: number, out: ScanOutput): number {
    const window = this.window(from, to);
    return scanWords(window.text, from - window.base, to - window.base, out);
  }

  /** The words in characters `[from, to)`, with offsets into the whole text. */
  words(from: number, to: number): Word[] {
    const { text, base } = this.window(from, to);
    return words(text, from - base, to - base, base);
  }
}
