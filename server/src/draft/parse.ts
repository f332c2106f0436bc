import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Blockquote, Nodes, Parent, Root } from 'mdast';
import type { Citation, ParsedDraft, Quote } from './model.js';
import { analyzeBlock, citationsOf, inlineQuotes, type BlockAnalysis } from './analysis.js';
import { blockQuote, textBlocks } from './blockquote.js';
import type { SourceText } from './prose.js';

function parseTree(body: string): Root | undefined {
  try {
    return fromMarkdown(body, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  } catch {
    try { return fromMarkdown(body); } catch { return undefined; }
  }
}

/** Walks the tree once, collecting citations and quotes; one bad block never stops the rest. */
class DraftCollector {
  readonly citations: Citation[] = [];
  readonly quotes: Quote[] = [];
  private readonly analyses = new Map<Parent, BlockAnalysis>();

  constructor(private readonly src: SourceText) {}

  walk(parent: Parent): void {
    const children = parent.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      try {
        if (child.type === 'paragraph' || child.type === 'heading') this.prose(child);
        else if (child.type === 'blockquote') this.blockquote(child, children[i + 1]);
        else if (child.type === 'code' || child.type === 'html' || child.type === 'yaml' || child.type === 'definition') continue;
        else if ('children' in child) this.walk(child);
      } catch {
        // A block we cannot read is left out; the rest of the draft still counts.
      }
    }
  }

  private analysis(block: Parent): BlockAnalysis {
    let found = this.analyses.get(block);
    if (!found) {
      found = analyzeBlock(block, this.src);
      this.analyses.set(block, found);
    }
    return found;
  }

  private prose(block: Parent): void {
    const analysis = this.analysis(block);
    this.citations.push(...citationsOf(analysis));
    this.quotes.push(...inlineQuotes(analysis));
  }

  private blockquote(node: Blockquote, next: Nodes | undefined): void {
    const parts = textBlocks(node).map((block) => this.analysis(block));
    const following = next?.type === 'paragraph' ? this.analysis(next) : undefined;
    const quote = blockQuote(node, parts, following, this.src.base);
    if (!quote) {
      this.walk(node);
      return;
    }
    for (const part of parts) this.citations.push(...citationsOf(part));
    this.quotes.push(quote);
  }
}

/**
 * Reads a Markdown draft's citations and quotations; never throws.
 * `parseDraft('He said “we will win” [@a].')` gives one citation `a` and one quote
 * `we will win` attributed to it.
 */
export function parseDraft(text: string): ParsedDraft {
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const tree = parseTree(base ? text.slice(1) : text);
  if (!tree) return { citations: [], quotes: [] };
  const collector = new DraftCollector({ text, base });
  collector.walk(tree);
  const byStart = (a: { span: { start: number } }, b: { span: { start: number } }) => a.span.start - b.span.start;
  return { citations: collector.citations.sort(byStart), quotes: collector.quotes.sort(byStart) };
}
