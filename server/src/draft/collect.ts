import type { Blockquote, Nodes, Parent } from 'mdast';
import type { Citation, Quote } from './model.js';
import { analyzeBlock, citationsOf, inlineQuotes, type BlockAnalysis } from './analysis.js';
import { blockQuote, textBlocks } from './blockquote.js';
import type { SourceText } from './prose.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';

/** A node with the text its offsets refer to (each parsed piece of a draft has its own base). */
export interface Placed {
  readonly node: Nodes;
  readonly src: SourceText;
}

/** Walks parsed blocks once, collecting citations and quotes; one bad block never stops the rest. */
export class DraftCollector {
  readonly citations: Citation[] = [];
  readonly quotes: Quote[] = [];
  /**
   * Each block's analysis, by the text its offsets refer to, then by node: identical
   * pieces of a draft share one parsed tree (`DraftParser`), and keyed by node
   * alone, a paragraph written three times had the first one's places all three times.
   */
  private readonly analyses = new Map<SourceText, Map<Parent, BlockAnalysis>>();

  /**
   * Visits sibling blocks in order from `from`; a block quote may take its
   * citation from the next one. Stops before a block once `token` is
   * cancelled, and returns where it stopped (`blocks.length` when done):
   * walking on from there collects what one walk would have.
   */
  walk(blocks: readonly Placed[], from = 0, token: CancellationToken = neverCancelled): number {
    for (let i = from; i < blocks.length; i++) {
      if (token.isCancellationRequested) return i;
      const { node, src } = blocks[i]!;
      try {
        if (node.type === 'paragraph' || node.type === 'heading') this.prose(node, src);
        else if (node.type === 'blockquote') this.blockquote(node, src, blocks[i + 1]);
        else if (node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'definition') continue;
        else if ('children' in node) this.walk(node.children.map((child) => ({ node: child as Nodes, src })));
      } catch {
        // A block we cannot read is left out; the rest of the draft still counts.
      }
    }
    return blocks.length;
  }

  private analysis(block: Parent, src: SourceText): BlockAnalysis {
    let bySource = this.analyses.get(src);
    if (!bySource) this.analyses.set(src, bySource = new Map());
    let found = bySource.get(block);
    if (!found) {
      found = analyzeBlock(block, src);
      bySource.set(block, found);
    }
    return found;
  }

  private prose(block: Parent, src: SourceText): void {
    const analysis = this.analysis(block, src);
    this.citations.push(...citationsOf(analysis));
    this.quotes.push(...inlineQuotes(analysis));
  }

  private blockquote(node: Blockquote, src: SourceText, next: Placed | undefined): void {
    const parts = textBlocks(node).map((block) => this.analysis(block, src));
    const following = next?.node.type === 'paragraph' ? this.analysis(next.node, next.src) : undefined;
    const quote = blockQuote(node, parts, following, src.base);
    if (!quote) {
      this.walk(node.children.map((child) => ({ node: child, src })));
      return;
    }
    for (const part of parts) this.citations.push(...citationsOf(part));
    this.quotes.push(quote);
  }
}
