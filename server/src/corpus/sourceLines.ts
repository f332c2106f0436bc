import { LineIndex, type Position, type Range, type Span } from '../engine/text.js';
import type { Source } from './source.js';
import { LazySource } from './sourceText.js';
import { countBreaks } from './utf8Chunks.js';

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

/**
 * `LineIndex` for a lazy source: the same lines (`\n`, `\r\n`, a lone `\r`) and
 * UTF-16 columns, from the line breaks counted per chunk in the bytes and the
 * one chunk that holds the offset (and earlier ones only while its line goes on).
 */
class EncodedLines implements SourceLines {
  constructor(private readonly source: LazySource) {}

  positionAt(offset: number): Position {
    const source = this.source;
    const clamped = Math.max(0, Math.min(offset, source.textLength));
    const c = source.chunkOf(clamped);
    const { text, base } = source.chunkText(c);
    const rel = clamped - base;
    const after = rel < text.length ? text.charCodeAt(rel) : source.chunkText(c + 1).text.charCodeAt(0);
    const line = source.lineBreaksBefore(c) + countBreaks(text, 0, rel, after);
    // The column runs from the last line break before the offset, in this chunk or an earlier one.
    let k = lastBreak(text, rel);
    let lineBase = base;
    for (let earlier = c - 1; k < 0 && earlier >= 0; earlier--) {
      const previous = source.chunkText(earlier);
      k = lastBreak(previous.text, previous.text.length);
      lineBase = previous.base;
    }
    return { line, character: k < 0 ? clamped : clamped - (lineBase + k + 1) };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** Index of the last `\n` or `\r` in `text[0, end)`, or -1. */
function lastBreak(text: string, end: number): number {
  if (end <= 0) return -1;
  return Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1));
}
