import type { Citation } from './model.js';
import type { CitationGroup } from './citations.js';

/**
 * The citations a quote at prose indices `[open, close]` is attributed to: the first
 * group after it in the same sentence, else the nearest before it in that sentence,
 * else the next one later in the paragraph, else none.
 * In `“A,” he said [@a]. “B.” [@b]`, `“A,”` gets `@a` and `“B.”` gets `@b`.
 */
export function attribute(open: number, close: number, groups: readonly CitationGroup[], starts: readonly number[]): readonly Citation[] {
  // Binary searches: a paragraph with thousands of quotations and sentences stays linear.
  const s = firstAbove(starts, (x) => x, open);
  const sentenceStart = s > 0 ? starts[s - 1]! : 0;
  const afterClose = firstAbove(starts, (x) => x, close);
  const sentenceEnd = afterClose < starts.length ? starts[afterClose]! : Infinity;
  const n = firstAbove(groups, (g) => g.start, close);
  const next: CitationGroup | undefined = groups[n];
  // The last group ending by `open` (groups do not overlap, so ends are sorted as starts are).
  const b = firstAbove(groups, (g) => g.end, open) - 1;
  const candidate = b >= 0 ? groups[b] : undefined;
  const before = candidate && candidate.start >= sentenceStart ? candidate : undefined;
  if (next && next.start < sentenceEnd) return next.citations;
  if (before) return before.citations;
  return next ? next.citations : [];
}

/** True when prose index `i` lies inside one of `groups` (sorted). */
export function insideGroup(groups: readonly CitationGroup[], i: number): boolean {
  const g = firstAbove(groups, (x) => x.start, i) - 1;
  return g >= 0 && i < groups[g]!.end;
}

/** The index of the first of `sorted` whose `value` is above `limit` (`sorted.length` when none). */
function firstAbove<T>(sorted: readonly T[], value: (item: T) => number, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value(sorted[mid]!) > limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
