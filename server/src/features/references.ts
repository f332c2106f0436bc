import type { ParsedDraft } from '../draft/model.js';
import { citationAt } from '../draft/lookup.js';
import type { Span } from '../engine/text.js';

/**
 * The key cited at `offset`, if the cursor is on a citation.
 * In `see [@smith]`, offset 7 gives `smith`.
 */
export function keyAt(draft: ParsedDraft, offset: number): string | undefined {
  return citationAt(draft, offset)?.key;
}

/**
 * Every place a draft cites `key`: the spans of its `@key`s.
 * In `[@a] and [@b; @a]`, `citationsOf(draft, 'a')` gives the spans of both `@a`.
 */
export function citationsOf(draft: ParsedDraft, key: string): Span[] {
  return draft.citations.filter((c) => c.key === key).map((c) => c.span);
}
