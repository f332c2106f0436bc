import type { Quote } from '../draft/model.js';
import type { WordDiff } from '../match/verdict.js';
import { escapeMarkdown } from './markdownEscape.js';

/**
 * The quote as written, with each difference from the source marked: the
 * writer's words struck through, the source's in bold. Quote and source text
 * are both escaped. For a quote “troops rose to 500” against “troops rose to
 * 300” it is `troops rose to ~~500~~ **300**`.
 */
export function wordComparison(quote: Quote, diffs: readonly WordDiff[]): string {
  const sorted = [...diffs].sort((a, b) => a.draftSpan.start - b.draftSpan.start);
  const text = quote.text;
  const plain = (from: number, to: number) => escapeMarkdown(text.slice(from, to));
  let out = '';
  let at = 0;
  for (const diff of sorted) {
    const start = Math.max(at, textIndexOf(quote, diff.draftSpan.start));
    const end = Math.max(start, textIndexOf(quote, diff.draftSpan.end));
    out += plain(at, start);
    const marks: string[] = [];
    const written = plain(start, end).trim();
    if (diff.quote !== '' && written !== '') marks.push(`~~${written}~~`);
    if (diff.source !== '') marks.push(`**${escapeMarkdown(diff.source).trim()}**`);
    if (marks.length > 0) {
      const gap = out === '' || /\s$/.test(out) ? '' : ' ';
      out += gap + marks.join(' ') + (end < text.length && !/^\s/.test(text.slice(end)) && end === start ? ' ' : '');
    }
    at = end;
  }
  out += plain(at, text.length);
  return out.replace(/ {2,}/g, ' ').trim();
}

/** The index in `quote.text` of the first character at or after draft offset `offset`. */
function textIndexOf(quote: Quote, offset: number): number {
  const offsets = quote.textOffsets;
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
