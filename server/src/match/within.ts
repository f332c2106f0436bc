import type { Span } from '../engine/text.js';
import type { IndexedDoc } from '../index/indexedDoc.js';
import type { Word } from '../text/tokenize.js';
import { align } from './align.js';
import type { PatternPart } from './quotePattern.js';

/** Characters read at most within one span (about 30,000 words); beyond it, `closestWithin` does not say. */
const MAX_SPAN_CHARS = 200_000;
/** Characters per word read around a span, so a passage crossing its edge is whole. */
const CHARS_PER_WORD = 24;

/**
 * The fewest edits with which a quotation's parts, in order, stand in the
 * source over words that share characters with `span` (a passage may cross
 * its edges); undefined when the span is too large to read.
 * Used to ask whether a passage found on one page is also on the page cited.
 * `closestWithin(doc, quotePattern('we are on the same page'), pageSpan)` is 0
 * when that page holds those words.
 */
export function closestWithin(doc: IndexedDoc, parts: readonly PatternPart[], span: Span): number | undefined {
  if (span.end - span.start > MAX_SPAN_CHARS) return undefined;
  const reach = parts.reduce((n, p) => n + p.length, 0) + 2;
  const before = doc.words(Math.max(0, span.start - reach * CHARS_PER_WORD), span.start).slice(-reach);
  const inside = doc.words(span.start, span.end);
  const after = doc.words(span.end, Math.min(doc.length, span.end + reach * CHARS_PER_WORD)).slice(0, reach);
  const words: Word[] = [...before, ...inside, ...after];
  const norms = words.map((w) => w.norm);
  let from = 0;
  let cost = 0;
  let first: number | undefined;
  let last = 0;
  for (const part of parts) {
    const alignment = align(part, norms.slice(from));
    cost += alignment.cost;
    if (alignment.sourceEnd > alignment.sourceStart) {
      first ??= from + alignment.sourceStart;
      last = from + alignment.sourceEnd;
    }
    from += alignment.sourceEnd;
  }
  // The words found must touch the span itself, not only the margin read around it.
  if (first === undefined || words[first]!.start >= span.end || words[last - 1]!.end <= span.start) return Infinity;
  return cost;
}
