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
  /**
   * Each chunk's line breaks (`\n` or `\r`, ascending) and start, found once: a
   * speech written on one line had its whole text searched back for a line break
   * at every position asked, 40-90 ms of one check of a draft quoting it often.
   */
  private readonly breaks = new Map<number, { readonly at: readonly number[]; readonly base: number }>();

  constructor(private readonly source: LazySource) {}

  private breaksOf(c: number): { readonly at: readonly number[]; readonly base: number } {
    let found = this.breaks.get(c);
    if (!found) {
      const { text, base } = this.source.chunkText(c);
      const at: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 10 || code === 13) at.push(i);
      }
      found = { at, base };
      this.breaks.set(c, found);
    }
    return found;
  }

  positionAt(offset: number): Position {
    const source = this.source;
    const clamped = Math.max(0, Math.min(offset, source.textLength));
    const c = source.chunkOf(clamped);
    const { text, base } = source.chunkText(c);
    const rel = clamped - base;
    const after = rel < text.length ? text.charCodeAt(rel) : source.chunkText(c + 1).text.charCodeAt(0);
    const line = source.lineBreaksBefore(c) + countBreaks(text, 0, rel, after);
    // The column runs from the last line break before the offset, in this chunk or an earlier one.
    let k = lastBefore(this.breaksOf(c).at, rel);
    let lineBase = base;
    for (let earlier = c - 1; k < 0 && earlier >= 0; earlier--) {
      const previous = this.breaksOf(earlier);
      k = previous.at.length > 0 ? previous.at[previous.at.length - 1]! : -1;
      lineBase = previous.base;
    }
    return { line, character: k < 0 ? clamped : clamped - (lineBase + k + 1) };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** The last of the ascending `at` below `end`, or -1 (the last line break before `end`). */
function lastBefore(at: readonly number[], end: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? at[lo - 1]! : -1;
}
