import type { Span } from '../engine/text.js';
import { isNegation, isNumberWord } from '../text/tokenize.js';
import type { AlignOp } from './align.js';
import type { PartMatch } from './verify.js';
import type { WordDiffKind } from './verdict.js';

/** A word difference in quote-text offsets (the verdict maps them into the draft). */
export interface TextDiff {
  readonly kind: WordDiffKind;
  readonly quote: string;
  readonly source: string;
  /** Offsets into the quotation's text; empty (start = end) for dropped words. */
  readonly quoteSpan: Span;
}

/**
 * The differences of one aligned part, one per run of consecutive edits.
 * Quoting "500 troops" from "300 troops" gives `[{ kind: 'number', quote: '500', source: '300' }]`.
 * `sourceSlice(start, end)` reads the source's text (a window of a lazy source, not the book).
 */
export function partDiffs(quoteText: string, sourceSlice: (start: number, end: number) => string, part: PartMatch): TextDiff[] {
  const diffs: TextDiff[] = [];
  let run: AlignOp[] = [];
  const flush = () => {
    if (run.length > 0) diffs.push(describeRun(quoteText, sourceSlice, part, run));
    run = [];
  };
  for (const op of part.alignment.ops) {
    if (op.op === 'match' || op.op === 'gap') flush();
    else run.push(op);
  }
  flush();
  return diffs;
}

function describeRun(quoteText: string, sourceSlice: (start: number, end: number) => string, part: PartMatch, run: readonly AlignOp[]): TextDiff {
  const items = part.part;
  const quoteIdx: number[] = [];
  const sourceIdx: number[] = [];
  for (const op of run) {
    if (op.op === 'add' || op.op === 'sub') quoteIdx.push(op.q);
    if (op.op === 'swap') quoteIdx.push(op.q, op.q + 1);
    for (let k = 0; k < op.sLen; k++) sourceIdx.push(op.s + k);
  }
  const quoteNorms = quoteIdx.map((q) => { const item = items[q]!; return item.kind === 'word' ? item.norm : ''; });
  const sourceNorms = sourceIdx.map((s) => part.words[s]!.norm);

  let quoteSpan: Span;
  if (quoteIdx.length > 0) {
    quoteSpan = { start: items[quoteIdx[0]!]!.start, end: items[quoteIdx[quoteIdx.length - 1]!]!.end };
  } else {
    // Dropped words belong after the quote word before them (or before the first one).
    const q = run[0]!.q;
    const at = q > 0 ? items[q - 1]!.end : items[0]!.start;
    quoteSpan = { start: at, end: at };
  }
  const sourceSpanText = sourceIdx.length > 0
    ? sourceSlice(part.words[sourceIdx[0]!]!.start, part.words[sourceIdx[sourceIdx.length - 1]!]!.end)
    : '';
  return {
    kind: classify(run, quoteNorms, sourceNorms),
    quote: quoteText.slice(quoteSpan.start, quoteSpan.end),
    source: sourceSpanText,
    quoteSpan,
  };
}

function classify(run: readonly AlignOp[], quoteNorms: readonly string[], sourceNorms: readonly string[]): WordDiffKind {
  const quoteNegations = quoteNorms.filter(isNegation).length;
  const sourceNegations = sourceNorms.filter(isNegation).length;
  if (quoteNegations > sourceNegations) return 'negation-added';
  if (sourceNegations > quoteNegations) return 'negation-dropped';
  if (quoteNorms.some(isNumberWord) || sourceNorms.some(isNumberWord)) return 'number';
  if (run.every((op) => op.op === 'swap')) return 'swapped';
  if (quoteNorms.length === 0) return 'dropped';
  if (sourceNorms.length === 0) return 'added';
  return 'substituted';
}
