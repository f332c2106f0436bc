import type { Span } from '../engine/text.js';
import { sentenceAround } from '../match/context.js';
import { escapeMarkdown } from './markdownEscape.js';

/** Context kept on each side of a passage inside its sentence. */
const CONTEXT_CHARS = 240;

/**
 * A source passage in its sentence, as an escaped Markdown block quote with
 * the passage in bold. For `One. Two three. Four.` and the span of `three`:
 * `> Two **three**.`
 */
export function passageInSentence(sourceText: string, span: Span): string {
  const sentence = sentenceAround(sourceText, span);
  const startCut = Math.max(sentence.start, span.start - CONTEXT_CHARS);
  const endCut = Math.min(sentence.end, span.end + CONTEXT_CHARS);
  const before = sourceText.slice(startCut, span.start);
  const passage = sourceText.slice(span.start, span.end).trim();
  const after = sourceText.slice(span.end, endCut);
  const lead = startCut > sentence.start ? '…' : '';
  const tail = endCut < sentence.end ? '…' : '';
  const inline = (s: string) => escapeMarkdown(s.replace(/\s+/g, ' '));
  return `> ${lead}${inline(before)}**${inline(passage)}**${inline(after)}${tail}`.replace(/\*\*\s*\*\*/g, '');
}
