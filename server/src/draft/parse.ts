import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Root } from 'mdast';
import type { ParsedDraft } from './model.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';
import { DraftCollector, type Placed } from './collect.js';
import { DraftPreparation, MAX_INDENT } from './defuse.js';
import type { Chunk } from './chunks.js';
import { simpleLineTree } from './simpleLine.js';

export { defuse, lineKind } from './defuse.js';

const EMPTY_ROOT: Root = { type: 'root', children: [] };

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
  /** The last draft's defused text and pieces, made and kept while it is read in several turns. */
  private preparing: DraftPreparation | undefined;
  /** The trees and blocks of the last draft's pieces read so far, and the next piece, kept while it is read in several turns. */
  private reading: { chunks: Chunk[]; next: number; trees: Map<string, Root>; blocks: Placed[] } | undefined;
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
    // Offsets into the defused text are offsets into the draft: it only swaps characters.
    if (this.preparing?.draft !== draft) this.preparing = new DraftPreparation(draft);
    const chunks = this.preparing.run(token);
    const text = this.preparing.text;
    if (!chunks || text === undefined) return undefined;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // Goes on from the piece the last turn stopped at (each turn walked every piece
    // again from the first, 20 ms a turn at 5 MB).
    if (this.reading && this.reading.chunks !== chunks) {
      // A draft left half read (edited meanwhile): its trees still serve the pieces the new one shares.
      for (const [key, value] of this.reading.trees) this.trees.set(key, value);
      this.reading = undefined;
    }
    const reading = this.reading ??= { chunks, next: 0, trees: new Map<string, Root>(), blocks: [] as Placed[] };
    const { trees, blocks } = reading;
    for (; reading.next < chunks.length; reading.next++) {
      const chunk = chunks[reading.next]!;
      let tree = this.trees.get(chunk.text) ?? trees.get(chunk.text);
      if (!tree) {
        if (token.isCancellationRequested) return undefined;
        tree = this.options.fastPaths === false ? parseTree(chunk.text)
          : !MAY_HOLD_QUOTES.test(chunk.text) ? INERT_ROOT
          : simpleLineTree(chunk.text, MAX_MARKUP) ?? parseTree(chunk.text);
      }
      trees.set(chunk.text, tree);
      const src = { text, base: chunk.start + bom };
      for (const node of tree.children) blocks.push({ node, src });
    }
    this.trees = trees;
    this.preparing = undefined;
    this.reading = undefined;
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
