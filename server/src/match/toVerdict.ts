import { sourceLines } from '../corpus/sourceLines.js';
import { sourceSlice } from '../corpus/sourceText.js';
import { detached } from '../text/detached.js';
import type { Quote } from '../draft/model.js';
import { partDiffs } from './diffs.js';
import { withMovedEdges } from './movedEdges.js';
import { OMISSION } from './quotePattern.js';
import type { MatchResult, PartMatch, QuoteMatch } from './verify.js';
import type { QuoteVerdict, SourcePassage, WordDiff } from './verdict.js';

/** What a match says apart from the draft's offsets: computed once per match, which the verdict cache keeps. */
const placed = new WeakMap<QuoteMatch, { passage: SourcePassage; diffs: PlacedDiff[]; exactIn?: SourcePassage }>();

/** A word difference with quote-text offsets (the draft's offsets come from the quotation it is placed on). */
interface PlacedDiff {
  readonly kind: WordDiff['kind'];
  readonly quote: string;
  readonly source: string;
  readonly quoteStart: number;
  readonly quoteEnd: number;
}

/** Where a match stands in its source (`parts`: its parts as presented, see `presentedParts`). */
export function passageOf(match: QuoteMatch, parts: readonly PartMatch[] = match.parts): SourcePassage {
  const source = match.doc.source;
  const pieces = parts
    .filter((p) => p.alignment.sourceEnd > p.alignment.sourceStart)
    .map((p) => ({ start: p.words[p.alignment.sourceStart]!.start, end: p.words[p.alignment.sourceEnd - 1]!.end }));
  const span = pieces.length > 0 ? { start: pieces[0]!.start, end: pieces[pieces.length - 1]!.end } : { start: 0, end: 0 };
  return {
    key: source.key,
    path: source.path,
    span,
    range: sourceLines(source).rangeOf(span),
    // Detached: a verdict is cached for as long as the draft is open, and must not keep a chunk of the book alive.
    text: detached(sourceSlice(source, span.start, span.end)),
    wording: detached(pieces.map((p) => sourceSlice(source, p.start, p.end)).join(' … ')),
  };
}

/**
 * Places a cached, position-free match result on a quotation of the draft.
 * Word differences get draft offsets through the quote's `textOffsets`.
 */
export function toVerdict(quote: Quote, result: MatchResult): QuoteVerdict {
  const match = result.match;
  if (!match) return { kind: result.kind, quote, diffs: [] };
  // A cached result is placed again at every check of the draft: its passage (positions in the book)
  // and its differences are worked out once; only their draft offsets change with the draft.
  let known = placed.get(match);
  if (!known) {
    const diffs: PlacedDiff[] = [];
    const parts = match.cost > 0 ? presentedParts(quote.text, match) : match.parts;
    if (match.cost > 0) {
      const source = match.doc.source;
      const slice = (start: number, end: number) => detached(sourceSlice(source, start, end));
      for (const [i, part] of parts.entries()) {
        if (part.farOmission !== undefined && i > 0) diffs.push(omissionDiff(quote, parts[i - 1]!, part, part.farOmission));
        for (const diff of partDiffs(quote.text, slice, part)) {
          const suspect = diff.sourceWord !== undefined && result.suspects?.has(`${i}:${diff.sourceWord}`);
          diffs.push({ kind: suspect ? 'scanning-error' : diff.kind, quote: diff.quote, source: diff.source, quoteStart: diff.quoteSpan.start, quoteEnd: diff.quoteSpan.end });
        }
      }
    }
    known = { passage: passageOf(match, parts), diffs, ...(result.exactElsewhere ? { exactIn: passageOf(result.exactElsewhere) } : {}) };
    placed.set(match, known);
  }
  const diffs = known.diffs.map((d): WordDiff => ({ kind: d.kind, quote: d.quote, source: d.source, draftSpan: draftSpan(quote, d.quoteStart, d.quoteEnd) }));
  return { kind: result.kind, quote, passage: known.passage, diffs, ...(known.exactIn ? { exactIn: known.exactIn } : {}) };
}

/** A match's parts as the writer reads them: the quotation's moved first or last words take in the source's words there. */
function presentedParts(quoteText: string, match: QuoteMatch): PartMatch[] {
  const last = match.parts.length - 1;
  return match.parts.map((part, i) => withMovedEdges(quoteText, part, i === 0, i === last));
}

/** Maps quote-text offsets `[start, end)` to draft offsets. */
export function draftSpan(quote: Quote, start: number, end: number): { start: number; end: number } {
  const offsets = quote.textOffsets;
  if (offsets.length === 0) return { start: quote.innerSpan.start, end: quote.innerSpan.start };
  const s = start < offsets.length ? offsets[start]! : offsets[offsets.length - 1]! + 1;
  if (end <= start) return { start: s, end: s };
  return { start: s, end: offsets[Math.min(end, offsets.length) - 1]! + 1 };
}

/** The omission mark between two parts, as a difference (in quote-text offsets): it stands for `skipped` source words. */
function omissionDiff(quote: Quote, before: PartMatch, after: PartMatch, skipped: number): PlacedDiff {
  const from = before.part[before.part.length - 1]!.end;
  const to = after.part[0]!.start;
  const between = quote.text.slice(from, to);
  const mark = new RegExp(OMISSION.source).exec(between);
  const start = from + (mark?.index ?? 0);
  const end = mark ? start + mark[0].length : to;
  return { kind: 'omission', quote: quote.text.slice(start, end), source: `${skipped} words`, quoteStart: start, quoteEnd: end };
}
