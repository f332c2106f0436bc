import type { Nodes, Paragraph, Parent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** Stands in for inline code and HTML in prose, and around an image's alt text: it breaks quotes and citations. */
export const PLACEHOLDER = '\uFFFC';

/**
 * The readable text of one block (paragraph or heading) with, for each UTF-16 unit,
 * its offset in the draft. `*the* "only"` gives text `the "only"`, offsets `1,2,3,5,...`.
 */
export interface Prose {
  readonly text: string;
  /** The draft offset of `text[i]`; undefined outside the text (as an array's index would be). */
  offsetAt(i: number): number | undefined;
  /** The draft offsets of `text[from, to)`, as `Array.prototype.slice` gives them. */
  sliceOffsets(from: number, to: number): number[];
  /**
   * `sliceOffsets(from, to)` to be made later: made now when the offsets are an array (a
   * kept closure holds only the slice, never the block's offsets), later when they are one
   * run (the closure holds two numbers).
   */
  laterOffsets(from: number, to: number): () => number[];
  /** The draft the offsets point into. */
  readonly source: string;
  /** Draft offsets just after an emphasis or strong emphasis closes (`*x*|`): Pandoc reads an `@` there as text. */
  readonly emphasisEnds: ReadonlySet<number>;
}

/** Where a node sits in the draft: mdast offsets plus `base` (1 when a BOM was stripped). */
export interface SourceText {
  readonly text: string;
  readonly base: number;
}

function nodeStart(node: Nodes, src: SourceText): number {
  return (node.position?.start.offset ?? 0) + src.base;
}

function nodeEnd(node: Nodes, src: SourceText): number {
  return (node.position?.end.offset ?? 0) + src.base;
}

class ProseBuilder {
  private readonly parts: string[] = [];
  /**
   * The offsets, once they are not one run: while `offsets[i]` is `runStart + i` (a block
   * of one text node, however long), none is stored, and a quotation's offsets are the
   * only array made (800 K characters: 20-25 ms of CPU an array here). Written by index
   * into an array made about the block's length (pushed one by one, 800 KB of offsets
   * cost 80-110 ms, most of it growing the array).
   */
  private offsets: number[] | undefined;
  private runStart = 0;
  private length = 0;
  private readonly emphasisEnds = new Set<number>();

  constructor(private src: SourceText, private readonly capacity: number) {}

  /** Whether `count` offsets from `offset` on go on the run kept without an array (and takes them if so). */
  private extendRun(offset: number, count: number): boolean {
    if (this.offsets) return false;
    if (this.length === 0) this.runStart = offset;
    if (offset !== this.runStart + this.length) {
      const offsets = new Array<number>(Math.max(this.capacity, this.length + count));
      for (let i = 0; i < this.length; i++) offsets[i] = this.runStart + i;
      this.offsets = offsets;
      return false;
    }
    this.length += count;
    return true;
  }

  push(ch: string, offset: number): void {
    this.parts.push(ch);
    if (!this.extendRun(offset, 1)) this.offsets![this.length++] = offset;
  }

  /** Appends a text node's value, mapping each char to the source even across escapes, entities and line prefixes. */
  text(value: string, start: number, end: number): void {
    const source = this.src.text;
    if (end - start === value.length && !value.includes('\n') && source.startsWith(value, start)) {
      this.parts.push(value);
      if (value.length === 0 || this.extendRun(start, value.length)) return;
      const offsets = this.offsets!;
      let n = this.length;
      for (let i = 0; i < value.length; i++) offsets[n++] = start + i;
      this.length = n;
      return;
    }
    let p = start;
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      if (c === '\r' && value[i + 1] === '\n') continue;
      if (c === '\n' || c === '\r') {
        // A soft line break: one space at the line ending (\n, \r\n or a lone \r, the nearest one);
        // the next line's prefix (`> `, indent) is skipped below.
        const found = lineEndWithin(source, p, end);
        if (found < 0) { this.push(' ', Math.min(p, Math.max(start, end - 1))); continue; }
        this.push(' ', found);
        p = found + (source[found] === '\r' && source[found + 1] === '\n' ? 2 : 1);
        continue;
      }
      if (source[p] === c) { this.push(c, p); p++; continue; }
      // Look a little ahead for the character (past an escape's backslash or an entity), and past
      // any amount of a line's prefix (indentation, `>`): a continuation line may be indented
      // deeply, and a 16-character reach put every later character of the paragraph off.
      let found = -1;
      for (let q = p, reach = 16; q < end && reach > 0; q++) {
        const s = source[q];
        if (s === c) { found = q; break; }
        if (s === '\n') break;
        if (s !== ' ' && s !== '\t' && s !== '>') reach--;
      }
      if (found >= 0) { this.push(c, found); p = found + 1; }
      else this.push(c, Math.min(p, Math.max(start, end - 1)));
    }
  }

  inline(node: Nodes): void {
    switch (node.type) {
      case 'text':
        this.text(node.value, nodeStart(node, this.src), nodeEnd(node, this.src));
        return;
      case 'emphasis': case 'strong':
        for (const child of node.children) this.inline(child);
        this.emphasisEnds.add(nodeEnd(node, this.src));
        return;
      case 'delete': case 'link':
        for (const child of node.children) this.inline(child);
        return;
      case 'linkReference': {
        // `[@key]` becomes a reference when a definition `[@key]: ...` exists; keep its brackets.
        const shortcut = node.referenceType === 'shortcut';
        if (shortcut) this.push('[', nodeStart(node, this.src));
        for (const child of node.children) this.inline(child);
        if (shortcut) this.push(']', nodeEnd(node, this.src) - 1);
        return;
      }
      case 'image': case 'imageReference': {
        // Pandoc reads citations in alt text (a figure's caption: `![Rates, after @smith.](a.png)`);
        // the image still breaks the text around it.
        const start = nodeStart(node, this.src);
        const end = nodeEnd(node, this.src);
        this.push(PLACEHOLDER, start);
        this.altText(node.alt ?? '', start, end, node.type === 'image' ? '](' : '][');
        this.push(PLACEHOLDER, Math.max(start, end - 1));
        return;
      }
      case 'break':
        this.push(' ', nodeStart(node, this.src));
        return;
      default:
        this.push(PLACEHOLDER, nodeStart(node, this.src));
    }
  }

  /**
   * An image's alt text, read from its label's Markdown (mdast keeps only the flattened `alt`,
   * and emphasis there matters: `![*x*@a](p.png)` cites nothing). Falls back to `alt`.
   */
  private altText(alt: string, start: number, end: number, labelClose: string): void {
    const source = this.src.text;
    const from = start + 2;
    let to = source.lastIndexOf(labelClose, end - 1);
    if (to < from) to = source[end - 1] === ']' ? end - 1 : -1;
    const tree = to > from ? parseLabel(source.slice(from, to)) : undefined;
    const blocks = tree?.children.filter((b): b is Paragraph => b.type === 'paragraph') ?? [];
    if (!tree || blocks.length !== tree.children.length || blocks.length === 0) {
      if (alt) this.text(alt, Math.min(from, end), end);
      return;
    }
    const outer = this.src;
    this.src = { text: outer.text, base: from };
    try {
      for (const block of blocks) for (const child of block.children) this.inline(child);
    } finally {
      this.src = outer;
    }
  }

  build(): Prose {
    const { offsets, runStart, length } = this;
    if (offsets) offsets.length = length;
    return {
      text: this.parts.join(''),
      offsetAt: offsets ? (i) => offsets[i] : (i) => (i >= 0 && i < length ? runStart + i : undefined),
      sliceOffsets: offsets ? (from, to) => offsets.slice(from, to) : (from, to) => runSlice(runStart, length, from, to),
      laterOffsets: offsets ? (from, to) => { const made = offsets.slice(from, to); return () => made; } : (from, to) => () => runSlice(runStart, length, from, to),
      source: this.src.text,
      emphasisEnds: this.emphasisEnds,
    };
  }
}

/** `Array.prototype.slice(from, to)` of the offsets `runStart, runStart + 1, …` (`length` of them), without them. */
function runSlice(runStart: number, length: number, from: number, to: number): number[] {
  const clamp = (i: number) => (i < 0 ? Math.max(0, length + i) : Math.min(i, length));
  const a = clamp(from);
  const b = clamp(to);
  const out = new Array<number>(Math.max(0, b - a));
  for (let i = a; i < b; i++) out[i - a] = runStart + i;
  return out;
}

/** An image label's Markdown, parsed alone; undefined if micromark throws. */
function parseLabel(label: string): Root | undefined {
  try {
    return fromMarkdown(label);
  } catch {
    return undefined;
  }
}

/** The first line ending (`\n` or `\r`) in `text` from `from`, before `to`; -1 when none. */
function lineEndWithin(text: string, from: number, to: number): number {
  for (let i = from; i < to && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * The prose of a paragraph or heading: text, emphasis and link text; never URLs or code.
 * For `a *b* [c](http://x) \`d\``: text `a b c \uFFFC`.
 */
export function proseOf(block: Parent, src: SourceText): Prose {
  const builder = new ProseBuilder(src, nodeEnd(block as Nodes, src) - nodeStart(block as Nodes, src) + 16);
  for (const child of block.children) builder.inline(child as Nodes);
  return builder.build();
}
