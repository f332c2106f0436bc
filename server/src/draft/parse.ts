import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Root } from 'mdast';
import type { ParsedDraft } from './model.js';
import { splitBlocks } from './chunks.js';
import { DraftCollector, type Placed } from './collect.js';

const EMPTY_ROOT: Root = { type: 'root', children: [] };

function parseTree(body: string): Root {
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
  private trees = new Map<string, Root>();

  /** Same result as `parseDraft(text)`. */
  parse(text: string): ParsedDraft {
    try {
      const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const trees = new Map<string, Root>();
      const blocks: Placed[] = [];
      for (const chunk of splitBlocks(bom ? text.slice(1) : text)) {
        const tree = this.trees.get(chunk.text) ?? trees.get(chunk.text) ?? parseTree(chunk.text);
        trees.set(chunk.text, tree);
        const src = { text, base: chunk.start + bom };
        for (const node of tree.children) blocks.push({ node, src });
      }
      this.trees = trees;
      const collector = new DraftCollector();
      collector.walk(blocks);
      return { citations: collector.citations.sort(byStart), quotes: collector.quotes.sort(byStart) };
    } catch {
      return { citations: [], quotes: [] };
    }
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
