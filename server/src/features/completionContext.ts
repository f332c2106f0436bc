import { charBefore, isCrossrefKey, isInternalPunctuation, isKeyChar, readKey } from '../draft/citekey.js';
import type { Span } from '../engine/text.js';
import { countWords } from '../text/tokenize.js';

/** The cursor is on a citation key: `[see @smi|`. */
export interface KeyContext {
  readonly kind: 'key';
  /** What is typed of the key so far (`smi`). */
  readonly prefix: string;
  /** The key's characters around the cursor, replaced on accept. */
  readonly span: Span;
  /** Typed inside `@{…}`: the key goes in as it is, braces kept. */
  readonly braced?: boolean;
}

/** The cursor is inside an open quotation: `“We are on the| ...`. */
export interface QuoteContext {
  readonly kind: 'quote';
  /** The words typed since the opening mark. */
  readonly typed: string;
  /** From just after the opening mark to the cursor. */
  readonly span: Span;
  /** The closing mark matching the opening one. */
  readonly closeMark: string;
  /** True when the closing mark already follows the cursor. */
  readonly closed: boolean;
  /** Keys cited in the rest of the paragraph (nearest first); empty when no citation follows. */
  readonly citedAfter: readonly string[];
  /** Keys cited earlier in the paragraph. */
  readonly citedBefore: readonly string[];
}

export type CompletionContext = KeyContext | QuoteContext;

const CLOSE: Readonly<Record<string, string>> = { '“': '”', '"': '"', '«': '»', '„': '“' };

/**
 * What the cursor at `offset` is completing, if anything.
 * In `As [@sm` with the cursor at the end, it is `{ kind: 'key', prefix: 'sm', span: {start: 5, end: 7} }`.
 */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const para = paragraphAround(text, offset);
  if (insideCode(text, para.start, offset)) return undefined;
  return keyContext(text, offset, para) ?? quoteContext(text, offset, para);
}

function keyContext(text: string, offset: number, para: Span): KeyContext | undefined {
  let at = offset;
  for (let ch = charBefore(text, at); at > para.start && (isKeyChar(ch) || isInternalPunctuation(ch)); ch = charBefore(text, at)) at -= ch!.length;
  const braced = text[at - 1] === '{' && text[at - 2] === '@';
  const atSign = braced ? at - 2 : at - 1;
  if (text[atSign] !== '@') return undefined;
  const before = text[atSign - 1];
  // `[@`, `; @`, `[see @`, `-@` inside brackets; never an e-mail address.
  if (before !== undefined && before !== '[' && before !== '-' && !/\s/.test(before) && before !== ';') return undefined;
  if (!insideBrackets(text, atSign, para.start)) return undefined;
  const key = readKey(text, atSign, para.end);
  let end = offset;
  if (braced) {
    while (end < para.end && !/[\s{}\];]/.test(text[end]!)) end++;
  } else if (key && key.keyStart === at && key.keyEnd >= offset) end = key.keyEnd;
  return { kind: 'key', prefix: text.slice(at, offset), span: { start: at, end }, ...(braced ? { braced } : {}) };
}

/** An unclosed `[` before `at` in the paragraph, and no `]` between. */
function insideBrackets(text: string, at: number, from: number): boolean {
  for (let i = at - 1; i >= from; i--) {
    const c = text[i];
    if (c === ']') return false;
    if (c === '[') return true;
  }
  return false;
}

function quoteContext(text: string, offset: number, para: Span): QuoteContext | undefined {
  const open = openQuoteBefore(text, offset, para.start);
  if (!open) return undefined;
  const typed = text.slice(open.index + 1, offset);
  if (countWords(typed) < 2 || /[”»]/.test(typed)) return undefined;
  const closeMark = CLOSE[open.mark] ?? '”';
  const rest = text.slice(offset, para.end);
  const closed = rest.startsWith(closeMark);
  const afterQuote = closed ? rest.slice(closeMark.length) : rest;
  const sentenceEnd = afterQuote.search(/[.!?](\s|$)/);
  const citedAfter = citedKeys(sentenceEnd < 0 ? afterQuote : afterQuote.slice(0, sentenceEnd + 1));
  const citedBefore = citedKeys(text.slice(para.start, open.index));
  return { kind: 'quote', typed, span: { start: open.index + 1, end: offset }, closeMark, closed, citedAfter, citedBefore };
}

/** The last opening mark before `offset` in the paragraph that no closing mark follows. */
function openQuoteBefore(text: string, offset: number, from: number): { index: number; mark: string } | undefined {
  let straight = -1;
  let straightCount = 0;
  for (let i = from; i < offset; i++) if (text[i] === '"') { straightCount++; straight = i; }
  for (let i = offset - 1; i >= from; i--) {
    const c = text[i]!;
    if (c === '”' || c === '»') return undefined;
    if (c === '“' || c === '«' || c === '„') return { index: i, mark: c };
  }
  return straightCount % 2 === 1 ? { index: straight, mark: '"' } : undefined;
}

/** Citation keys in a piece of prose, in order, cross-references left out: `see [@a; @fig:x; @b]` gives `['a', 'b']`. */
function citedKeys(prose: string): string[] {
  const keys: string[] = [];
  for (let i = prose.indexOf('@'); i >= 0; i = prose.indexOf('@', i + 1)) {
    if (isKeyChar(prose[i - 1])) continue;
    const key = readKey(prose, i);
    if (key && !isCrossrefKey(key.key) && !keys.includes(key.key)) keys.push(key.key);
  }
  return keys;
}

/** The paragraph holding `offset`: between blank lines. */
function paragraphAround(text: string, offset: number): Span {
  const blank = /\n[ \t]*\r?\n/g;
  let start = 0;
  let end = text.length;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    if (m.index + m[0].length <= offset) start = m.index + m[0].length;
    else if (m.index >= offset) { end = m.index; break; }
  }
  return { start, end };
}

/** Inside a fenced block or an open code span, by counting backticks (cheap, and good enough for typing). */
function insideCode(text: string, paraStart: number, offset: number): boolean {
  const before = text.slice(0, offset);
  const fences = before.match(/^[ \t]*(```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  const line = text.slice(Math.max(paraStart, text.lastIndexOf('\n', offset - 1) + 1), offset);
  return (line.match(/`/g)?.length ?? 0) % 2 === 1;
}
