import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources } from '../bibliography/citable.js';
import { placeName, placeOf } from '../corpus/places.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { citationText } from '../draft/writeKey.js';
import { suggestContinuations } from '../match/continuations.js';
import type { CompletionEntry } from './completion.js';
import type { QuoteContext } from './completionContext.js';
import { escapeMarkdown, truncate } from './markdownEscape.js';
import { describeSource } from './sourceInfo.js';

/** Passages offered for one open quotation. */
const MAX_PASSAGES = 8;

/**
 * Sources' passages that continue the words typed in an open quotation, cited
 * sources first. Accepting one writes the source's exact wording, the closing
 * mark and, when no citation follows, ` [@key]` (` [@key, p. 34]` when the
 * source has pages or chapters).
 * Typing `“We are on the` offers `We are on the same page,” [@000_5b96…]`.
 */
export function passageCompletions(index: CorpusIndex, context: QuoteContext, bibliography?: Bibliography): CompletionEntry[] {
  const sources = citableSources(index, bibliography);
  // Cited keys stand for the sources holding their full text (`@smith2020` for `papers/smith2020.pdf`).
  const preferKeys = [...context.citedAfter, ...context.citedBefore].map((key) => sources.sourceKey(key) ?? key);
  const suggestions = suggestContinuations(index, context.typed, { limit: MAX_PASSAGES, preferKeys });
  const cited = context.citedAfter.length > 0;
  // Each passage is cited by the key a writer would cite: a bibliography entry's, where the source is its full text.
  const named = suggestions.map((s) => ({ ...s, name: sources.citeKey(s.key) }));
  // A passage whose key no citation can name (see `citationText`) is offered only when cited already.
  const offered = cited ? named : named.filter((s) => citationText(s.name) !== undefined);
  return offered.map((s, rank): CompletionEntry => {
    const wording = s.text.replace(/\s*\r?\n\s*/g, ' ').trim();
    // A citation goes after the closing mark: over a mark already there, it is written again.
    const overClose = context.closed && !cited;
    const close = context.closed && !overClose ? '' : context.closeMark;
    const source = index.get(s.key);
    const place = source ? placeOf(source, s.span) : undefined;
    const citation = cited ? '' : ` [${citationText(s.name)}${place ? `, ${placeName(place)}` : ''}]`;
    const continuation = wording.length > context.typed.trim().length ? wording.slice(context.typed.trim().length).trim() : wording;
    return {
      label: truncate(`…${continuation}`, 80),
      kind: 'passage',
      detail: source ? `${s.name} — ${describeSource(source)}` : s.name,
      description: `@${s.name}`,
      documentation: `${escapeMarkdown(wording)}\n\n— ${escapeMarkdown(s.name)}`,
      sortText: String(rank).padStart(5, '0'),
      filterText: context.typed,
      span: overClose ? { start: context.span.start, end: context.span.end + context.closeMark.length } : context.span,
      newText: `${wording}${close}${citation}`,
    };
  });
}
