import type { Parent } from 'mdast';
import type { Citation, Quote } from './model.js';
import { attribute, insideGroup } from './attribute.js';
import { scanCitations, type CitationGroup } from './citations.js';
import { proseOf, type Prose, type SourceText } from './prose.js';
import { findQuoteMarks } from './quoteMarks.js';
import { sentenceStarts } from './sentences.js';
import { countWords } from '../text/tokenize.js';
import { quoteWithLazyOffsets } from './lazyOffsets.js';

/** One paragraph or heading, read: its prose, citation groups and sentence starts. */
export interface BlockAnalysis {
  readonly prose: Prose;
  /** The groups that hold a citation (cross-references alone are left out). */
  readonly groups: readonly CitationGroup[];
  readonly starts: readonly number[];
}

/** Reads a paragraph or heading. */
export function analyzeBlock(block: Parent, src: SourceText): BlockAnalysis {
  const prose = proseOf(block, src);
  const all = scanCitations(prose);
  // A cross-reference (`[@fig:a]`) keeps its sentence whole but credits no quotation.
  const starts = sentenceStarts(prose.text, (i) => insideGroup(all, i));
  const groups = all.filter((group) => group.citations.length > 0);
  return { prose, groups, starts };
}

/** Every citation of a block, in order: for `[@a; @b] and @c`, `a`, `b`, `c`. */
export function citationsOf(block: BlockAnalysis): Citation[] {
  return block.groups.flatMap((group) => group.citations);
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** The text of prose indices `[from, to)`, trimmed, and where it lies in the prose; undefined when blank. */
function quotedText(prose: Prose, from: number, to: number): { text: string; from: number; to: number } | undefined {
  while (from < to && isSpace(prose.text[from])) from++;
  while (to > from && isSpace(prose.text[to - 1])) to--;
  if (from >= to) return undefined;
  return { text: prose.text.slice(from, to), from, to };
}

/**
 * The inline quotes of a block, each with its attribution.
 * For `He said “we will win” [@a].`: one quote `we will win` cited `@a`.
 */
export function inlineQuotes(block: BlockAnalysis): Quote[] {
  const quotes: Quote[] = [];
  const { prose, groups, starts } = block;
  for (const { open, close } of findQuoteMarks(prose.text)) {
    const inner = quotedText(prose, open + 1, close);
    if (!inner) continue;
    const start = prose.offsetAt(open)!;
    const end = prose.offsetAt(close)! + 1;
    quotes.push(quoteWithLazyOffsets({ kind: 'inline', text: inner.text }, prose.laterOffsets(inner.from, inner.to), {
      span: { start, end },
      innerSpan: { start: start + 1, end: end - 1 },
      wordCount: countWords(inner.text),
      citations: attribute(open, close, groups, starts),
    }));
  }
  return quotes;
}
