import { LineIndex, type Position, type Range, type Span } from '../engine/text.js';
import type { Source } from './source.js';
import { LazySource, utf16Units } from './sourceText.js';

/** Positions in a source's text: `LineIndex` for a decoded text, lines counted in the bytes for a lazy one. */
export interface SourceLines {
  positionAt(offset: number): Position;
  rangeOf(span: Span): Range;
}

const linesOf = new WeakMap<Source, SourceLines>();

/**
 * The line index of a source, built once per source on first need. A lazy
 * source's lines are found in its UTF-8 bytes (a line break is one byte
 * there), so a verdict's place in a book needs no decoding of the book.
 * `sourceLines(source).rangeOf(verdict.passage.span)`
 */
export function sourceLines(source: Source): SourceLines {
  let lines = linesOf.get(source);
  if (!lines) {
    lines = source instanceof LazySource ? new EncodedLines(source) : new LineIndex(source.text);
    linesOf.set(source, lines);
  }
  return lines;
}

/** `LineIndex` over UTF-8 bytes: the same lines (`\n`, `\r\n`, a lone `\r`) and UTF-16 columns. */
class EncodedLines implements SourceLines {
  /** Byte offset where each line starts. */
  private readonly starts: number[];

  constructor(private readonly source: LazySource) {
    const bytes = source.encoded;
    const starts = [0];
    if (bytes.indexOf(13) < 0) {
      for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i]!;
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (bytes[i + 1] === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.textLength));
    const at = this.source.byteOffset(clamped);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    let character = utf16Units(this.source.encoded, this.starts[lo]!, at);
    // A second BOM at the very start is not in the text (the decoder drops it).
    const bytes = this.source.encoded;
    if (lo === 0 && at >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) character -= 1;
    return { line: lo, character };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
