import type { AlignOp } from './align.js';
import { edgeRunIsReorder } from './diffs.js';
import type { PartMatch } from './verify.js';

/**
 * A part's alignment as a writer reads it when the quotation's first (or last)
 * words were moved: the alignment, counting edits, may pair "Abandon hope, all"
 * with "hope abandon" and call "all" added, although the source's "All" stands
 * just before. For the passage and its differences (not for closeness, which the
 * verdict has already weighed) the edge then takes in the source words the
 * quotation moved, so the passage reads "All hope abandon ye who enter here" and
 * the difference is "words in a different order". Unchanged unless the edge's
 * quoted words are exactly the source's words there, reordered.
 */
export function withMovedEdges(quoteText: string, part: PartMatch, first: boolean, last: boolean): PartMatch {
  let out = part;
  if (first) out = extendEdge(quoteText, out, 'start') ?? out;
  if (last) out = extendEdge(quoteText, out, 'end') ?? out;
  return out;
}

function extendEdge(quoteText: string, part: PartMatch, edge: 'start' | 'end'): PartMatch | undefined {
  const { ops, sourceStart, sourceEnd } = part.alignment;
  // The edits at the edge: the ops before the first kept word (or after the last).
  const kept = (op: AlignOp) => op.op === 'match' || op.op === 'gap';
  const keptAt = edge === 'start' ? ops.findIndex(kept) : ops.length - 1 - [...ops].reverse().findIndex(kept);
  if (keptAt < 0 || keptAt >= ops.length) return undefined;
  const region = edge === 'start' ? ops.slice(0, keptAt) : ops.slice(keptAt + 1);
  if (region.length === 0) return undefined;
  const quoteCount = region.reduce((n, op) => n + (op.op === 'swap' ? 2 : op.op === 'drop' ? 0 : 1), 0);
  const sourceCount = region.reduce((n, op) => n + op.sLen, 0);
  const moved = quoteCount - sourceCount;
  if (moved <= 0) return undefined;
  // The region's source words, widened by the words the quotation moved past the edge.
  const from = edge === 'start' ? sourceStart - moved : sourceEnd - sourceCount;
  const to = from + quoteCount;
  if (from < 0 || to > part.words.length) return undefined;
  const firstQ = edge === 'start' ? 0 : region.find((op) => op.op !== 'drop')!.q;
  // Word for word, in place: the difference then reads as one reordering (checked below).
  const placed: AlignOp[] = [];
  for (let t = 0; t < quoteCount; t++) {
    const item = part.part[firstQ + t];
    if (item?.kind !== 'word') return undefined;
    const s = from + t;
    placed.push({ op: item.norm === part.words[s]!.norm ? 'match' : 'sub', q: firstQ + t, s, sLen: 1 });
  }
  const newOps = edge === 'start' ? [...placed, ...ops.slice(keptAt)] : [...ops.slice(0, keptAt + 1), ...placed];
  const alignment = {
    ...part.alignment,
    ops: newOps,
    sourceStart: edge === 'start' ? from : sourceStart,
    sourceEnd: edge === 'end' ? to : sourceEnd,
  };
  const widened: PartMatch = { ...part, alignment };
  return edgeRunIsReorder(quoteText, widened, edge, from, to) ? widened : undefined;
}
