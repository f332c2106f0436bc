import type { Citation } from './model.js';
import type { CitationGroup } from './citations.js';

/**
 * The citations a quote at prose indices `[open, close]` is attributed to: the first
 * group after it in the same sentence, else the nearest before it in that sentence,
 * else the next one later in the paragraph, else none.
 * In `“A,” he said [@a]. “B.” [@b]`, `“A,”` gets `@a` and `“B.”` gets `@b`.
 */
export function attribute(open: number, close: number, groups: readonly CitationGroup[], starts: readonly number[]): readonly Citation[] {
  let sentenceStart = 0;
  let sentenceEnd = Infinity;
  for (const s of starts) {
    if (s <= open) sentenceStart = s;
    else if (s > close) { sentenceEnd = s; break; }
  }
  let before: CitationGroup | undefined;
  let next: CitationGroup | undefined;
  for (const group of groups) {
    if (group.start > close) { next = group; break; }
    if (group.end <= open && group.start >= sentenceStart) before = group;
  }
  if (next && next.start < sentenceEnd) return next.citations;
  if (before) return before.citations;
  return next ? next.citations : [];
}

/** True when prose index `i` lies inside one of `groups` (sorted). */
export function insideGroup(groups: readonly CitationGroup[], i: number): boolean {
  for (const group of groups) {
    if (group.start > i) return false;
    if (i < group.end) return true;
  }
  return false;
}
