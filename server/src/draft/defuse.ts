/**
 * Makes a draft safe to hand to micromark, and splits it into pieces: blanking
 * (one for one, so offsets stay put) what micromark reads in superlinear time.
 * A large draft is prepared in segments, between other work (`DraftPreparation`).
 */
import { BlockSplitter, type Chunk } from './chunks.js';
import type { CancellationToken } from '../engine/io.js';

/** A run of this many emphasis, bracket or quote-marker characters carries no meaning a writer means. */
const LONG_RUN = /([*_[\]>])\1{63,}/g;

/** Indentation beyond this many characters nests no further (about 30 levels of list items). */
export const MAX_INDENT = 64;
const DEEP_INDENT = new RegExp(`^([ \\t]{${MAX_INDENT}})([ \\t]+)`, 'gm');

/**
 * Blanks long runs of `*`, `_`, `[`, `]` or `>` with no-break spaces (one for one,
 * so every offset stays put; unlike spaces they never make a line indented code),
 * and a line's indentation beyond `MAX_INDENT` characters. micromark resolves
 * such runs in quadratic time: 60,000 asterisks took two minutes, during which
 * the server answered nothing; and it nests list items in worse than
 * quadratic time: 400 levels took 2 s. Fences (backticks, tildes) are kept:
 * they decide what is code.
 * `defuse('a' + '*'.repeat(64))` is `'a' + '\u00a0'.repeat(64)`.
 */
export function defuse(body: string): string {
  return blankSetextRuns(defuseLines(body), { underlines: 0 });
}

/** `defuse` but for setext underlines: what each line alone decides. */
function defuseLines(body: string): string {
  return body
    .replace(LONG_RUN, (run) => '\u00a0'.repeat(run.length))
    .replace(DEEP_INDENT, (_line, kept: string, deeper: string) => kept + '\u00a0'.repeat(deeper.length))
    .replace(DEEP_MARKERS, (_line, kept: string, deeper: string) => kept + deeper.replace(/\S/g, '\u00a0'));
}

/**
 * A line opening more than this many containers (list markers `-`, `+`, `*`,
 * `1.`, `1)` and block quote markers `>`) nests no further: `- - - - …` on one
 * line is a list item inside a list item, 10,000 deep, and micromark took a
 * minute on 20 KB of it. Only the markers beyond are blanked.
 */
const MAX_MARKERS = 16;
const MARKER = String.raw`(?:[-+*>]|\d{1,9}[.)])(?:[ \t]+|$)`;
const DEEP_MARKERS = new RegExp(`^([ \\t]*(?:${MARKER}){${MAX_MARKERS}})((?:${MARKER}|[ \\t]*>)+)`, 'gm');

/**
 * Setext underlines (`===` or `---` lines) in one run of lines without a blank
 * line, beyond which they are blanked: micromark re-reads the whole run for
 * each, so 40 KB of `a` / `=` lines took 21 s. A writer's setext heading is
 * followed by a blank line; the underlines blanked here read as text.
 */
const MAX_UNDERLINES_PER_RUN = 8;

/** The underline count carried from one segment of a draft to the next (see `DraftPreparation`). */
interface SetextRun {
  underlines: number;
}

function blankSetextRuns(text: string, run: SetextRun): string {
  // Where the underlines to blank start; the text is then rewritten once, as char codes
  // (a slice and a pattern replace per line, joined, cost 70-140 ms of CPU on
  // 400 KB of `a` / `=` lines, most of it allocating small strings).
  const starts: number[] = [];
  let underlines = run.underlines;
  let lineStart = 0;
  // Not the empty line after a final line break: a segment's end is no blank line.
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const kind = lineKind(text, lineStart, lineEnd);
    if (kind === BLANK) underlines = 0;
    else if (kind === UNDERLINE && ++underlines > MAX_UNDERLINES_PER_RUN) starts.push(lineStart);
    lineStart = lineEnd + 1;
  }
  run.underlines = underlines;
  if (starts.length === 0) return text;
  const from = starts[0]!;
  const codes = new Uint16Array(text.length - from);
  for (let i = from; i < text.length; i++) codes[i - from] = text.charCodeAt(i);
  for (const start of starts) {
    // An underline line: spaces, a run of `=` or `-`, then spaces or tabs; only the run is blanked.
    let i = start - from;
    while (codes[i] === 32) i++;
    const mark = codes[i];
    while (i < codes.length && codes[i] === mark) codes[i++] = 0xa0;
  }
  return text.slice(0, from) + fromCharCodes(codes);
}

/** The string of UTF-16 units `codes` (lone surrogates kept, which a UTF-16 decoder would replace). */
function fromCharCodes(codes: Uint16Array): string {
  const parts: string[] = [];
  // `apply` rather than a spread: the spread copied each slice into an array first, twice as slow.
  for (let i = 0; i < codes.length; i += 4096) parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + 4096) as unknown as number[]));
  return parts.join('');
}

const BLANK = 0;
const UNDERLINE = 1;
const OTHER = 2;

/**
 * Whether `text[start, end)` (a line, its `\r` before `end` ignored) is blank
 * (`/^[ \t]*$/`), a setext underline (`/^ {0,3}(?:=+|-+)[ \t]*$/`) or other,
 * read without slicing it out: the pattern test of every line was most of the
 * time of 400 KB of `a` / `=` lines. Tested against the patterns.
 */
export function lineKind(text: string, start: number, end: number): number {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const spaces = i - start;
  const c = i < end ? text.charCodeAt(i) : -1;
  if ((c === 61 || c === 45) && spaces <= 3) { // = or -
    while (i < end && text.charCodeAt(i) === c) i++;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    return i === end ? UNDERLINE : OTHER;
  }
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i === end ? BLANK : OTHER;
}


/** A segment of a draft prepared in one step: about 256 KB, to the end of a line. */
const SEGMENT = 256 * 1024;

/**
 * A draft's defused text and pieces, made in steps of about `SEGMENT`
 * characters: in one go, a 5 MB draft held the server for about 107 ms of
 * CPU before its first piece was parsed. Each rule of `defuse` but the setext
 * one reads line by line, and segments end after a line feed; the setext rule
 * carries its count of underlines from one segment to the next. The same text
 * as `defuse` and `splitBlocks` give (draftPrepare.test.ts).
 */
export class DraftPreparation {
  private readonly segments: string[] = [];
  private defused = 0;
  private changed = false;
  private readonly setext: SetextRun = { underlines: 0 };
  private splitter: BlockSplitter | undefined;
  /** The defused text once it is whole (the draft itself when nothing was blanked). */
  text: string | undefined;

  constructor(readonly draft: string, private readonly segment = SEGMENT) {}

  /** Goes on until done, or until `token` is cancelled between two steps; the pieces once done. */
  run(token: CancellationToken): Chunk[] | undefined {
    const draft = this.draft;
    while (this.defused < draft.length) {
      if (token.isCancellationRequested) return undefined;
      const feed = draft.indexOf('\n', this.defused + this.segment);
      const end = feed < 0 ? draft.length : feed + 1;
      const input = draft.slice(this.defused, end);
      const output = blankSetextRuns(defuseLines(input), this.setext);
      if (output !== input) this.changed = true;
      this.segments.push(output);
      this.defused = end;
    }
    if (this.text === undefined) {
      this.text = this.changed ? this.segments.join('') : draft;
      this.segments.length = 0;
    }
    const text = this.text;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.splitter ??= new BlockSplitter(bom ? text.slice(1) : text);
    while (!this.splitter.done) {
      if (token.isCancellationRequested) return undefined;
      this.splitter.step(this.segment);
    }
    return this.splitter.chunks;
  }
}
