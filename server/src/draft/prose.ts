import type { Nodes, Parent } from 'mdast';

/** Stands in for inline code, HTML and images in prose: it breaks quotes and citations. */
export const PLACEHOLDER = '\uFFFC';

/**
 * The readable text of one block (paragraph or heading) with, for each UTF-16 unit,
 * its offset in the draft. `*the* "only"` gives text `the "only"`, offsets `1,2,3,5,...`.
 */
export interface Prose {
  readonly text: string;
  readonly offsets: readonly number[];
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
  readonly offsets: number[] = [];

  constructor(private readonly src: SourceText) {}

  push(ch: string, offset: number): void {
    this.parts.push(ch);
    this.offsets.push(offset);
  }

  /** Appends a text node's value, mapping each char to the source even across escapes, entities and line prefixes. */
  text(value: string, start: number, end: number): void {
    const source = this.src.text;
    if (end - start === value.length && !value.includes('\n') && source.startsWith(value, start)) {
      this.parts.push(value);
      for (let i = 0; i < value.length; i++) this.offsets.push(start + i);
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
      case 'emphasis': case 'strong': case 'delete': case 'link':
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
      case 'break':
        this.push(' ', nodeStart(node, this.src));
        return;
      default:
        this.push(PLACEHOLDER, nodeStart(node, this.src));
    }
  }

  build(): Prose {
    return { text: this.parts.join(''), offsets: this.offsets };
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
  const builder = new ProseBuilder(src);
  for (const child of block.children) builder.inline(child as Nodes);
  return builder.build();
}
