/**
 * Splits a draft into pieces that parse the same alone as together, so that an edit
 * re-parses only the piece it touches. A piece ends before a non-indented line that
 * follows a blank line: in CommonMark such a line always starts a new top-level block,
 * unless it sits inside fenced code, a multi-line HTML block (comment, `<pre>`, ...)
 * or front matter, which are tracked here.
 */

export interface Chunk {
  /** Offset of the piece in the text it came from. */
  readonly start: number;
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPENERS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^ {0,3}<!--/, () => '-->'],
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, (m) => `</${m[1]!.toLowerCase()}>`],
  [/^ {0,3}<\?/, () => '?>'],
  [/^ {0,3}<!\[CDATA\[/, () => ']]>'],
  [/^ {0,3}<![A-Za-z]/, () => '>'],
];

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** What keeps later lines in the same piece: an open fence, HTML block or front matter. */
type Open = { readonly kind: 'fence'; readonly mark: string } | { readonly kind: 'html'; readonly end: string } | { readonly kind: 'front' };

function closes(open: Open, line: string): boolean {
  if (open.kind === 'html') return line.toLowerCase().includes(open.end);
  if (open.kind === 'front') return /^(?:---|\.\.\.)[ \t]*$/.test(line);
  const m = FENCE.exec(line);
  return !!m && m[1]![0] === open.mark[0] && m[1]!.length >= open.mark.length && isBlank(line.slice(m[0].length));
}

function opens(line: string): Open | undefined {
  const fence = FENCE.exec(line);
  if (fence) return { kind: 'fence', mark: fence[1]! };
  for (const [pattern, endOf] of HTML_OPENERS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const end = endOf(m);
    return line.slice(m[0].length).toLowerCase().includes(end) ? undefined : { kind: 'html', end };
  }
  return undefined;
}

/**
 * A piece is cut after this many lines at the next line that is not indented,
 * even without a blank line before it. micromark takes superlinear time on a
 * paragraph of many lines (8,000 short lines: 0.7 s, 16,000: 2.6 s), and no
 * writer's paragraph is this long; a long tight list is cut between items.
 * A piece is also what a turn of a large draft's check parses at least: 400
 * lines of quotations took 25-30 ms to parse, so a request behind the turn
 * waited that beyond it; 100 lines take a quarter.
 */
export const MAX_PIECE_LINES = 100;

/**
 * `splitBlocks('a\n\nb\n')` is `[{ start: 0, text: 'a\n\n' }, { start: 3, text: 'b\n' }]`;
 * `'- a\n\n  b'` stays one piece (the indented line continues the list).
 */
export function splitBlocks(text: string): Chunk[] {
  const splitter = new BlockSplitter(text);
  splitter.step(text.length);
  return splitter.chunks;
}

/**
 * `splitBlocks` in steps, so a large draft is split between other work:
 * `const s = new BlockSplitter(text); while (!s.done) s.step(256 * 1024); s.chunks`.
 */
export class BlockSplitter {
  /** The pieces so far; all of them once `done`. */
  readonly chunks: Chunk[] = [];
  private chunkStart = 0;
  private open: Open | undefined;
  private prevBlank = false;
  private lineStart = 0;
  private first = true;
  private lines = 0;
  private finished = false;

  constructor(private readonly text: string) {}

  /** The next `\n` and `\r` at or after where the last search started (text.length when none): found with `indexOf`, each kept until passed. */
  private nextFeed = -1;
  private nextReturn = -1;

  /** Where the line starting at `from` ends (its `\n` or `\r`, or the text's end): `indexOf` instead of a loop over char codes, 10-15 ms of a line of 800 K. */
  private lineEndFrom(from: number): number {
    const text = this.text;
    if (this.nextFeed < from) { this.nextFeed = text.indexOf('\n', from); if (this.nextFeed < 0) this.nextFeed = text.length; }
    if (this.nextReturn < from) { this.nextReturn = text.indexOf('\r', from); if (this.nextReturn < 0) this.nextReturn = text.length; }
    return Math.min(this.nextFeed, this.nextReturn);
  }

  get done(): boolean {
    return this.finished;
  }

  /** Reads the lines that start in the next `length` characters (at least one line). */
  step(length: number): void {
    const text = this.text;
    const until = Math.min(text.length, this.lineStart + Math.max(1, length));
    // Read on char codes, a line sliced out only where it may open or close a block: a slice and
    // six patterns per line were most of the time of 400 KB of short lines.
    while (this.lineStart < until) {
      const lineStart = this.lineStart;
      const lineEnd = this.lineEndFrom(lineStart);
      const next = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : Math.min(lineEnd + 1, text.length);
      const blank = isBlankRange(text, lineStart, lineEnd);
      if (this.open) {
        if (closes(this.open, text.slice(lineStart, lineEnd))) this.open = undefined;
      } else {
        const lead = text.charCodeAt(lineStart);
        if ((this.prevBlank || this.lines >= MAX_PIECE_LINES) && !blank && lead !== 32 && lead !== 9 && lineStart > this.chunkStart) {
          this.chunks.push({ start: this.chunkStart, text: text.slice(this.chunkStart, lineStart) });
          this.chunkStart = lineStart;
          this.lines = 0;
        }
        if (this.first && lead === 45) this.open = /^---[ \t]*$/.test(text.slice(lineStart, lineEnd)) ? { kind: 'front' } : undefined;
        else this.open = mayOpen(text, lineStart, lineEnd) ? opens(text.slice(lineStart, lineEnd)) : undefined;
      }
      this.prevBlank = blank;
      this.first = false;
      this.lines++;
      this.lineStart = next;
    }
    if (this.lineStart >= text.length && !this.finished) {
      this.finished = true;
      if (this.chunkStart < text.length || this.chunks.length === 0) this.chunks.push({ start: this.chunkStart, text: text.slice(this.chunkStart) });
    }
  }
}

/** Whether `text[start, end)` is only spaces and tabs (`isBlank` without the slice). */
function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether the line may open a fence or an HTML block: after at most three spaces, a backtick, tilde or `<`. */
function mayOpen(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i < start + 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return i < end && (c === 96 || c === 126 || c === 60);
}
