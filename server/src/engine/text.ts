/** Zero-based line and UTF-16 column, the same shape as LSP's `Position`. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Same shape as LSP's `Range`; `end` is exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A half-open span of UTF-16 offsets into one text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Converts offsets to positions for one text.
 * `new LineIndex('a\nbc').positionAt(3)` is `{ line: 1, character: 1 }`.
 */
/** A carriage return that does not start a `\r\n` (a line break on its own). */
const LONE_CR = /\r(?!\n)/;

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!LONE_CR.test(text)) {
      // `\n` and `\r\n` only (nearly every text): indexOf is ~10× faster than a loop over
      // characters, which counts when the first check of a draft indexes the lines of 20 books.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
