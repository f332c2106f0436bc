import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Root } from 'mdast';
import type { ParsedDraft } from './model.js';
import { splitBlocks, type Chunk } from './chunks.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';
import { DraftCollector, type Placed } from './collect.js';

const EMPTY_ROOT: Root = { type: 'root', children: [] };

/** A run of this many emphasis, bracket or quote-marker characters carries no meaning a writer means. */
const LONG_RUN = /([*_[\]>])\1{63,}/g;

/** Indentation beyond this many characters nests no further (about 30 levels of list items). */
const MAX_INDENT = 64;
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
  const blanked = body
    .replace(LONG_RUN, (run) => '\u00a0'.repeat(run.length))
    .replace(DEEP_INDENT, (_line, kept: string, deeper: string) => kept + '\u00a0'.repeat(deeper.length))
    .replace(DEEP_MARKERS, (_line, kept: string, deeper: string) => kept + deeper.replace(/\S/g, '\u00a0'));
  return blankSetextRuns(blanked);
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

function blankSetextRuns(text: string): string {
  // Where the underlines to blank start; the text is then rewritten once, as char codes
  // (a slice and a pattern replace per line, joined, cost 70-140 ms of CPU on
  // 400 KB of `a` / `=` lines, most of it allocating small strings).
  const starts: number[] = [];
  let underlines = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const kind = lineKind(text, lineStart, lineEnd);
    if (kind === BLANK) underlines = 0;
    else if (kind === UNDERLINE && ++underlines > MAX_UNDERLINES_PER_RUN) starts.push(lineStart);
    lineStart = lineEnd + 1;
  }
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

/** More markup characters than this in one top-level block, and it is read as plain text. */
const MAX_MARKUP = 4000;

/** Brackets, emphasis marks, backticks and angle brackets in `body`. */
function markupCount(body: string): number {
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 91 || c === 93 || c === 42 || c === 96 || c === 60 || c === 62) n++; // [ ] * ` < >
    // A list marker (`-`, `+`, `1.`) or setext underline `=` at a line's start (after spaces).
    else if ((c === 45 || c === 43 || c === 61 || (c >= 48 && c <= 57)) && atLineStart(body, i)) n++;
  }
  return n;
}

/** Whether only spaces and tabs stand between the last line break and `i` (an O(1) look behind in practice: indentation is capped). */
function atLineStart(body: string, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - MAX_INDENT - 1; j--) {
    const c = body.charCodeAt(j);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return i === 0 || i <= MAX_INDENT + 1 && /^[ \t\u00a0]*$/.test(body.slice(0, i));
}

/**
 * One paragraph holding `body` as text: how a block with thousands of brackets or
 * emphasis marks is read (micromark takes seconds on such blocks, and no writer's
 * paragraph has them). Quotations and citations are still found in its text.
 */
function plainTree(body: string): Root {
  const lines = body.split('\n');
  const end = { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: body.length };
  const position = { start: { line: 1, column: 1, offset: 0 }, end };
  return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: body, position }], position }], position };
}

/**
 * What a piece with no `@`, quote mark (`“`, `"`), entity (`&`) or `>` gives
 * the collector: one empty paragraph. Such a piece holds no citation (a key
 * needs an `@` written as one), no quotation (an entity could write a quote
 * mark) and no block quote, so its tree adds nothing to the draft; it is still
 * one block, so a block quote before it is not taken to be cited by the block
 * after it. micromark reads about 10 MB a second here, so 1.6 MB of `a.a.a…`
 * took 100-130 ms to give nothing (`test/src/engine/draftInert.test.ts`
 * compares this with the full parse on random drafts).
 */
const INERT_ROOT: Root = { type: 'root', children: [{ type: 'paragraph', children: [] }] };
const MAY_HOLD_QUOTES = /[@"\u201c&>]/;

function parseTree(body: string): Root {
  if (markupCount(body) > MAX_MARKUP) return plainTree(body);
  try {
    return fromMarkdown(body, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  } catch {
    try { return fromMarkdown(body); } catch { return EMPTY_ROOT; }
  }
}

const byStart = (a: { span: { start: number } }, b: { span: { start: number } }) => a.span.start - b.span.start;

/**
 * A draft parser that remembers the Markdown trees of the last version it read, so that
 * re-reading after an edit parses only the top-level blocks that changed. Keep one per document.
 * `const parser = new DraftParser(); parser.parse(v1); parser.parse(v2)` (the second call is cheap).
 */
export class DraftParser {
  /** `fastPaths: false` parses every piece with micromark (the slow path, which tests compare the fast one with). */
  constructor(private readonly options: { readonly fastPaths?: boolean } = {}) {}

  private trees = new Map<string, Root>();
  /** The last draft read in full and what it gave: a draft read again unchanged costs nothing. */
  private last: { draft: string; parsed: ParsedDraft } | undefined;
  /** The last draft's defused text and pieces, kept while it is read in several turns. */
  private pieces: { draft: string; text: string; chunks: Chunk[] } | undefined;
  /** The last draft's parsed blocks and how far their collection went, kept while it is read in several turns. */
  private collecting: { draft: string; blocks: Placed[]; collector: DraftCollector; next: number } | undefined;

  /** Same result as `parseDraft(text)`. */
  parse(draft: string): ParsedDraft {
    return this.parseWithin(draft, neverCancelled)!;
  }

  /**
   * Reads the draft, or stops between two pieces once `token` is cancelled and
   * returns undefined: the pieces parsed so far are kept, so a later call on
   * the same draft goes on from there (how the server reads a large draft in
   * turns, answering requests in between).
   */
  parseWithin(draft: string, token: CancellationToken): ParsedDraft | undefined {
    if (this.last?.draft === draft) return this.last.parsed;
    try {
      if (this.collecting?.draft !== draft) {
        const blocks = this.blocksWithin(draft, token);
        if (!blocks) return undefined;
        this.collecting = { draft, blocks, collector: new DraftCollector(), next: 0 };
      }
      // Collected in turns too: 50,000 quotations took 1.1 s to collect in one go.
      const collecting = this.collecting;
      collecting.next = collecting.collector.walk(collecting.blocks, collecting.next, token);
      if (collecting.next < collecting.blocks.length) return undefined;
      this.collecting = undefined;
      const { collector } = collecting;
      const parsed = { citations: collector.citations.sort(byStart), quotes: collector.quotes.sort(byStart) };
      this.last = { draft, parsed };
      return parsed;
    } catch {
      this.collecting = undefined;
      return { citations: [], quotes: [] };
    }
  }

  /** The draft's top-level blocks, each with the text its offsets refer to; undefined once `token` is cancelled (see `parseWithin`). */
  private blocksWithin(draft: string, token: CancellationToken): Placed[] | undefined {
    if (this.pieces?.draft !== draft) {
      // Offsets into the defused text are offsets into the draft: it only swaps characters.
      const text = defuse(draft);
      const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      this.pieces = { draft, text, chunks: splitBlocks(bom ? text.slice(1) : text) };
    }
    const { text, chunks } = this.pieces;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const trees = new Map<string, Root>();
    const blocks: Placed[] = [];
    for (const chunk of chunks) {
      let tree = this.trees.get(chunk.text) ?? trees.get(chunk.text);
      if (!tree) {
        if (token.isCancellationRequested) {
          for (const [key, value] of trees) this.trees.set(key, value);
          return undefined;
        }
        tree = this.options.fastPaths === false || MAY_HOLD_QUOTES.test(chunk.text) ? parseTree(chunk.text) : INERT_ROOT;
      }
      trees.set(chunk.text, tree);
      const src = { text, base: chunk.start + bom };
      for (const node of tree.children) blocks.push({ node, src });
    }
    this.trees = trees;
    this.pieces = undefined;
    return blocks;
  }
}

/**
 * Reads a Markdown draft's citations and quotations; never throws.
 * `parseDraft('He said “we will win” [@a].')` gives one citation `a` and one quote
 * `we will win` attributed to it.
 */
export function parseDraft(text: string): ParsedDraft {
  return new DraftParser().parse(text);
}
