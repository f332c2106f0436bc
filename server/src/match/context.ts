import type { Source } from '../corpus/source.js';
import { textWindow, type TextWindow } from '../corpus/sourceText.js';
import type { Span } from '../engine/text.js';
import { CLOSERS, isAbbreviation } from '../text/sentences.js';

const MAX_REACH = 600;
/** Characters either side of a span that `sentenceAround` may read (its reach, and a word before it). */
const SENTENCE_WINDOW = MAX_REACH + 400;

/** True when a sentence ends just before the whitespace at `text[i]`. */
function endsSentenceBefore(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && CLOSERS.has(text[k]!)) k--;
  if (k < 0 || !'.!?'.includes(text[k]!)) return false;
  return text[k] !== '.' || !isAbbreviation(text, k);
}

function isBlankLineAt(text: string, i: number): boolean {
  return text[i] === '\n' && /^\n[ \t]*\r?\n/.test(text.slice(i, i + 8)) || (text[i] === '\n' && i > 0 && text[i - 1] === '\n');
}

/**
 * The sentence (or sentences) of `text` around `span`: from the end of the
 * previous sentence to the end of the last one the span touches, bounded to a
 * few hundred characters either way and never across a blank line.
 * `sentenceAround('One. Two three. Four.', { start: 5, end: 8 })` is `{ start: 5, end: 15 }`.
 */
export function sentenceAround(text: string, span: Span): Span {
  let start = span.start;
  const lowest = Math.max(0, span.start - MAX_REACH);
  while (start > lowest) {
    const c = text[start - 1]!;
    if (/\s/.test(c) && (endsSentenceBefore(text, start - 1) || isBlankLineAt(text, start - 1))) break;
    start--;
  }
  let end = Math.max(span.end, start);
  const highest = Math.min(text.length, span.end + MAX_REACH);
  while (end < highest) {
    if (/\s/.test(text[end]!) && (endsSentenceBefore(text, end) || isBlankLineAt(text, end))) break;
    end++;
  }
  while (start < span.start && /\s/.test(text[start]!)) start++;
  while (end > span.end && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * `sentenceAround` in a source, reading only the text within its reach (a
 * lazy source decodes a chunk or two, not the book).
 * `sourceSentence(source, passage.span)` is a span of `source.text`.
 */
export function sourceSentence(source: Source, span: Span): Span {
  const { text, base } = sourceAround(source, span);
  const found = sentenceAround(text, { start: span.start - base, end: span.end - base });
  return { start: found.start + base, end: found.end + base };
}

/** The text around `span` that `sentenceAround` may read, for callers that read it themselves. */
export function sourceAround(source: Source, span: Span): TextWindow {
  return textWindow(source, Math.max(0, span.start - SENTENCE_WINDOW), span.end + SENTENCE_WINDOW);
}
