import type { Span } from '../engine/text.js';
import { isNegation, isNumberWord } from '../text/tokenize.js';
import type { AlignOp } from './align.js';
import type { PatternPart } from './quotePattern.js';
import { isAmpersandAnd, isSpellingVariant } from './spelling.js';
import type { WordDiffKind } from './verdict.js';
import type { Word } from '../text/tokenize.js';

/** A word difference in quote-text offsets (the verdict maps them into the draft). */
export interface TextDiff {
  readonly kind: WordDiffKind;
  readonly quote: string;
  readonly source: string;
  /** Offsets into the quotation's text; empty (start = end) for dropped words. */
  readonly quoteSpan: Span;
  /** The source word index (into the part's words) of a one-word substitution, for the scanning-error check. */
  readonly sourceWord?: number;
}

/** What `partRuns` needs of an aligned part (a `PartMatch`). */
export interface AlignedPart {
  readonly part: PatternPart;
  readonly alignment: { readonly ops: readonly AlignOp[] };
  readonly words: readonly Word[];
}

/** One run of consecutive edits (or two runs around kept words that are the same words reordered). */
interface Run {
  readonly kind: WordDiffKind;
  readonly ops: readonly AlignOp[];
  readonly quoteIdx: readonly number[];
  readonly sourceIdx: readonly number[];
}

/** A run of dropped words counts as one edit for closeness when it is at most this long ("a few words"). */
export const DROPPED_RUN_WORDS = 6;

/**
 * The differences of one aligned part, one per run of consecutive edits.
 * Quoting "500 troops" from "300 troops" gives `[{ kind: 'number', quote: '500', source: '300' }]`.
 * `sourceSlice(start, end)` reads the source's text (a window of a lazy source, not the book).
 */
export function partDiffs(quoteText: string, sourceSlice: (start: number, end: number) => string, part: AlignedPart): TextDiff[] {
  return partRuns(quoteText, part, sourceSlice).map((run) => describeRun(quoteText, sourceSlice, part, run));
}

/**
 * The edits a part counts for closeness: a spelling variant none, a reordering
 * or a run of a few dropped words one, anything else one per word changed;
 * and the quote's words that are the source's words spelled otherwise (kept words, for closeness).
 * "Government aid can only of private investment" against "… can only
 * supplement the role of private investment" counts one.
 */
export function partEdits(quoteText: string, part: AlignedPart, sourceSlice?: (start: number, end: number) => string): { edits: number; spelling: number; spelledWords: number } {
  let edits = 0;
  let spelling = 0;
  let spelledWords = 0;
  for (const run of partRuns(quoteText, part, sourceSlice)) {
    if (run.kind === 'spelling') { spelling++; spelledWords += run.quoteIdx.length; }
    else if (run.kind === 'swapped') edits++;
    else if (run.ops.every((op) => op.op === 'drop') && run.sourceIdx.length <= DROPPED_RUN_WORDS) edits++;
    else edits += run.ops.length;
  }
  return { edits, spelling, spelledWords };
}

/**
 * Whether the run of edits at a part's start (or end) is one reordering of the
 * source words `[from, to)`, all of them: see `withMovedEdges`.
 */
export function edgeRunIsReorder(quoteText: string, part: AlignedPart, edge: 'start' | 'end', from: number, to: number): boolean {
  const runs = partRuns(quoteText, part);
  const run = edge === 'start' ? runs[0] : runs[runs.length - 1];
  if (run?.kind !== 'swapped') return false;
  return Math.min(...run.sourceIdx) === from && Math.max(...run.sourceIdx) === to - 1 && run.sourceIdx.length === to - from;
}

/** `sourceSlice`, when given, reads the source between words (where a `&` stands, which is no word). */
function partRuns(quoteText: string, part: AlignedPart, sourceSlice?: (start: number, end: number) => string): Run[] {
  const raw: AlignOp[][] = [];
  const kept: AlignOp[][] = [[]];
  let run: AlignOp[] = [];
  for (const op of part.alignment.ops) {
    if (op.op === 'match' || op.op === 'gap') {
      if (run.length > 0) { raw.push(run); kept.push([]); run = []; }
      kept[kept.length - 1]!.push(op);
    } else run.push(op);
  }
  if (run.length > 0) { raw.push(run); kept.push([]); }
  // kept[i + 1] holds the kept words between raw run i and raw run i + 1.
  const runs: Run[] = [];
  for (let i = 0; i < raw.length; i++) {
    const next = raw[i + 1];
    const between = kept[i + 1]!;
    if (next && between.length <= 2 && between.every((op) => op.op === 'match')) {
      const merged = [...raw[i]!, ...between, ...next];
      const reordered = makeRun(quoteText, part, merged, true);
      if (reordered) { runs.push(reordered); i++; continue; }
    }
    runs.push(makeRun(quoteText, part, raw[i]!, false, sourceSlice)!);
  }
  return runs;
}

/** A run's words and kind; with `onlyReorder`, undefined unless the run is the source's own words in another order. */
function makeRun(quoteText: string, part: AlignedPart, ops: readonly AlignOp[], onlyReorder: boolean,
  sourceSlice?: (start: number, end: number) => string): Run | undefined {
  const items = part.part;
  const quoteIdx: number[] = [];
  const sourceIdx: number[] = [];
  for (const op of ops) {
    if (op.op === 'add' || op.op === 'sub' || op.op === 'match') quoteIdx.push(op.q);
    if (op.op === 'swap') quoteIdx.push(op.q, op.q + 1);
    for (let k = 0; k < op.sLen; k++) sourceIdx.push(op.s + k);
  }
  const quoteNorms = quoteIdx.map((q) => { const item = items[q]!; return item.kind === 'word' ? item.norm : ''; });
  const sourceNorms = sourceIdx.map((s) => part.words[s]!.norm);
  if (onlyReorder) {
    const same = quoteNorms.length >= 2 && quoteNorms.length === sourceNorms.length
      && [...quoteNorms].sort().join(' ') === [...sourceNorms].sort().join(' ')
      && !quoteNorms.some(isNumberWord);
    return same ? { kind: 'swapped', ops, quoteIdx, sourceIdx } : undefined;
  }
  let kind = classify(ops, quoteNorms, sourceNorms);
  if (kind === 'substituted' && isSpellingVariant(quoteNorms, sourceNorms)) kind = 'spelling';
  if (kind === 'dropped' && isAmpersandAnd(sourceNorms, betweenQuoteWords(quoteText, part, ops[0]!.q))) kind = 'spelling';
  if (kind === 'added' && sourceSlice && ops.length === 1 && isAmpersandAnd(quoteNorms, betweenSourceWords(sourceSlice, part, ops[0]!.s))) kind = 'spelling';
  return { kind, ops, quoteIdx, sourceIdx };
}

/** The quotation's text between the item before `q` and item `q` (where dropped words belong), with their edge characters. */
function betweenQuoteWords(quoteText: string, part: AlignedPart, q: number): string {
  const items = part.part;
  // One character of each word too, so that `isAmpersandAnd` sees whether the `&` stands alone.
  const from = q > 0 ? items[q - 1]!.end - 1 : 0;
  const to = q < items.length ? items[q]!.start + 1 : quoteText.length;
  return quoteText.slice(Math.max(0, from), to);
}

/** The source's text between word `s - 1` and word `s` (where an added quote word stands), with their edge characters; empty at the window's edges. */
function betweenSourceWords(sourceSlice: (start: number, end: number) => string, part: AlignedPart, s: number): string {
  const before = part.words[s - 1];
  const after = part.words[s];
  // One character of each word too, so that `isAmpersandAnd` sees whether the `&` stands alone.
  return before && after ? sourceSlice(before.end - 1, after.start + 1) : '';
}

function describeRun(quoteText: string, sourceSlice: (start: number, end: number) => string, part: AlignedPart, run: Run): TextDiff {
  const items = part.part;
  const { quoteIdx, sourceIdx } = run;
  let quoteSpan: Span;
  if (quoteIdx.length > 0) {
    const first = Math.min(...quoteIdx);
    const last = Math.max(...quoteIdx);
    quoteSpan = { start: items[first]!.start, end: items[last]!.end };
  } else {
    // Dropped words belong after the quote word before them (or before the first one).
    const q = run.ops[0]!.q;
    const at = q > 0 ? items[q - 1]!.end : items[0]!.start;
    quoteSpan = { start: at, end: at };
    if (run.kind === 'spelling') {
      // `&` for `and`: the ampersand is the quote's spelling of the word.
      const amp = quoteText.indexOf('&', at);
      if (amp >= 0) quoteSpan = { start: amp, end: amp + 1 };
    }
  }
  const firstSource = Math.min(...sourceIdx);
  const lastSource = Math.max(...sourceIdx);
  // An added `and` that is a spelling variant stands for the source's `&` between two words.
  const sourceSpanText = sourceIdx.length > 0 ? sourceSlice(part.words[firstSource]!.start, part.words[lastSource]!.end)
    : run.kind === 'spelling' ? '&' : '';
  const one = run.kind === 'substituted' && run.ops.length === 1 && run.ops[0]!.op === 'sub';
  return {
    kind: run.kind,
    quote: quoteText.slice(quoteSpan.start, quoteSpan.end),
    source: sourceSpanText,
    quoteSpan,
    ...(one ? { sourceWord: run.ops[0]!.s } : {}),
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
