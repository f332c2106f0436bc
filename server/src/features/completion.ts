import type { Bibliography } from '../bibliography/bibliography.js';
import type { Span } from '../engine/text.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { completionContext } from './completionContext.js';
import { keyCompletions } from './keyCompletion.js';
import { passageCompletions } from './passageCompletion.js';

/** One completion, in engine terms: replace `span` of the draft with `newText`. */
export interface CompletionEntry {
  readonly label: string;
  /** `source`: a citation key; `passage`: the rest of a quotation. */
  readonly kind: 'source' | 'passage';
  readonly detail?: string;
  /** Shown beside the label in every row of the list (the source's title, or the passage's key). */
  readonly description?: string;
  /** Escaped Markdown. */
  readonly documentation?: string;
  readonly sortText: string;
  readonly filterText: string;
  readonly span: Span;
  readonly newText: string;
}

export interface CompletionList {
  readonly items: CompletionEntry[];
  /** True when typing more may change the list (the client should ask again). */
  readonly isIncomplete: boolean;
}

/**
 * Completions at `offset`: source keys after `[@`, or passages inside an open
 * quotation of two or more words. `undefined` anywhere else.
 * `complete(index, 'As [@', 5)` lists every key.
 */
export function complete(index: CorpusIndex, text: string, offset: number, bibliography?: Bibliography): CompletionList | undefined {
  const context = completionContext(text, offset);
  if (!context) return undefined;
  if (context.kind === 'key') return keyCompletions(index, context, bibliography);
  return { items: passageCompletions(index, context, bibliography), isIncomplete: true };
}
