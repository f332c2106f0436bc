import type { Citation } from './model.js';
import type { Span } from '../engine/text.js';
import { isCrossrefKey, readKey } from './citekey.js';
import { followsWord, mathEnd, urlInteriors } from './citeStart.js';
import { splitLocator, type LocatorParts } from './locator.js';
import { PLACEHOLDER, type Prose } from './prose.js';

/**
 * One citation group in a prose string: `[see @a; @b]` or an in-text `@a` (with its `[p. 3]`).
 * pandoc-crossref references (`[@fig:a; @fig:b]`) are left out of `citations`, so a group may
 * have none: it still holds its place in the sentence, but credits no quotation.
 */
export interface CitationGroup {
  /** Prose indices, half-open. */
  readonly start: number;
  readonly end: number;
  readonly bracketed: boolean;
  readonly citations: readonly Citation[];
}

/** A key found in prose, placed in the draft. */
interface FoundKey {
  readonly key: string;
  /** `@key` (with braces for `@{key}`). */
  readonly span: Span;
  readonly keySpan: Span;
  /** The prose index just after the key. */
  readonly end: number;
}

/**
 * The key after the `@` at prose index `at`, read before `limit` (a prose index). Pandoc
 * reads a key from the characters as written, before any other Markdown: so the key is read
 * in the draft, not in the prose (`@a\_b` is `a`, `@{a*b*}` is `a*b*`, `_@k_` is `k_`), and an
 * `@` written as an entity (`&#64;`) is text.
 */
function keyAt(prose: Prose, at: number, limit: number): FoundKey | undefined {
  const { source } = prose;
  const atOffset = prose.offsetAt(at)!;
  if (source[atOffset] !== '@') return undefined;
  const limitOffset = limit < prose.text.length ? prose.offsetAt(limit)! : prose.offsetAt(prose.text.length - 1)! + 1;
  const key = readKey(source, atOffset, limitOffset);
  if (!key) return undefined;
  let end = at + 1;
  while (end < limit && prose.offsetAt(end)! < key.end) end++;
  // The empty key `@{}` has its braces for a span, so that what names it can be seen and replaced.
  const keySpan = key.keyEnd > key.keyStart ? { start: key.keyStart, end: key.keyEnd } : { start: key.keyStart - 1, end: key.end };
  return { key: key.key, span: { start: atOffset, end: key.end }, keySpan, end };
}

interface Item {
  readonly key: FoundKey;
  readonly suppressAuthor: boolean;
  readonly prefix: string;
  readonly after: string;
}

/** After `]`, these make the brackets a link, reference or span for Pandoc, not a citation group. */
const NOT_AFTER_GROUP = new Set(['(', '[', '{']);

/** Reads `[ ... ]` from `open` as a Pandoc citation group: every `;` item must hold one `@key`. */
function bracketItems(prose: Prose, inUrl: (i: number) => boolean, open: number): { items: Item[]; end: number } | undefined {
  const text = prose.text;
  let close = -1;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === ']') { close = i; break; }
    if (ch === '[' || ch === PLACEHOLDER) return undefined;
  }
  if (close < 0 || NOT_AFTER_GROUP.has(text[close + 1]!)) return undefined;
  const items: Item[] = [];
  let from = open + 1;
  while (from <= close) {
    let to = text.indexOf(';', from);
    if (to < 0 || to > close) to = close;
    const item = readItem(prose, inUrl, from, to);
    if (!item) return undefined;
    items.push(item);
    from = to + 1;
  }
  return { items, end: close + 1 };
}

/**
 * The first key of one `;` item, with the prefix before it and the rest after it.
 * `-@key` suppresses the author when the `-` itself may start a citation and is not the
 * end of a dash (`--`, which Pandoc reads as an en dash).
 */
function readItem(prose: Prose, inUrl: (i: number) => boolean, from: number, to: number): Item | undefined {
  const { text, source } = prose;
  for (let at = text.indexOf('@', from); at >= 0 && at < to; at = text.indexOf('@', at + 1)) {
    if (inUrl(at)) continue;
    const atOffset = prose.offsetAt(at)!;
    const dash = at - 1 >= from && prose.offsetAt(at - 1) === atOffset - 1 && source[atOffset - 1] === '-'
      && source[atOffset - 2] !== '-' && !followsWord(prose, atOffset - 1);
    if (!dash && followsWord(prose, atOffset)) continue;
    const key = keyAt(prose, at, to);
    if (!key) continue;
    const prefixEnd = dash ? at - 1 : at;
    return { key, suppressAuthor: dash, prefix: text.slice(from, prefixEnd).trim(), after: text.slice(key.end, to) };
  }
  return undefined;
}

/**
 * Finds every citation group in a prose string, in order.
 * In `As [see @a, p. 3; @b] and @c said`, three citations in two groups.
 */
export function scanCitations(prose: Prose): CitationGroup[] {
  const text = prose.text;
  const inUrl = urlInteriors(text);
  const groups: CitationGroup[] = [];
  const off = (i: number) => prose.offsetAt(i)!;
  const endOff = (i: number) => prose.offsetAt(i - 1)! + 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    // `^[…]` is an inline note for Pandoc, never a citation group; its text may cite.
    if (ch === '[' && text[i - 1] !== '^') {
      const bracket = bracketItems(prose, inUrl, i);
      if (bracket) {
        const groupSpan = { start: off(i), end: endOff(bracket.end) };
        const citations = bracket.items.filter((item) => !isCrossrefKey(item.key.key)).map((item): Citation => ({
          key: item.key.key,
          span: item.key.span,
          keySpan: item.key.keySpan,
          groupSpan,
          bracketed: true,
          ...(item.suppressAuthor ? { suppressAuthor: true } : {}),
          ...(item.prefix ? { prefix: item.prefix } : {}),
          ...located(prose, item.key.end, splitLocator(item.after)),
        }));
        groups.push({ start: i, end: bracket.end, bracketed: true, citations });
        i = bracket.end;
        continue;
      }
    } else if (ch === '$') {
      const end = mathEnd(prose, i);
      if (end !== undefined) { i = end; continue; }
    } else if (ch === '@' && !inUrl(i) && !followsWord(prose, off(i))) {
      const key = keyAt(prose, i, text.length);
      if (key) {
        const locator = trailingLocator(text, key.end);
        const end = locator ? locator.end : key.end;
        const citation: Citation = {
          key: key.key,
          span: key.span,
          keySpan: key.keySpan,
          groupSpan: locator ? { start: key.span.start, end: endOff(end) } : key.span,
          bracketed: false,
          ...(locator ? located(prose, locator.innerStart, splitLocator(locator.inner)) : {}),
        };
        groups.push({ start: i, end, bracketed: false, citations: isCrossrefKey(key.key) ? [] : [citation] });
        i = end;
        continue;
      }
    }
    i++;
  }
  return groups;
}

/** `@key [p. 3]` (or `@key[p. 3]`): the bracket right after an in-text key, when it holds no citation. */
function trailingLocator(text: string, keyEnd: number): { inner: string; innerStart: number; end: number } | undefined {
  let open = keyEnd;
  while (text[open] === ' ') open++;
  if (text[open] !== '[' || text[open + 1] === '^') return undefined;
  // The search stops at the next bracket or `@` (neither may stand inside), so no text is searched twice:
  // an indexOf to the end from each of 10,000 `@a [x` made a paragraph quadratic.
  let close = open + 1;
  while (close < text.length && !'[]@\uFFFC'.includes(text[close]!)) close++;
  if (text[close] !== ']') return undefined;
  const inner = text.slice(open + 1, close);
  if (/[@[\uFFFC]/.test(inner) || text[close + 1] === '(' || text[close + 1] === '[') return undefined;
  return { inner, innerStart: open + 1, end: close + 1 };
}

/**
 * The locator and suffix, with the locator's span in the draft when its
 * characters stand there one for one (no markup inside), so a fix can
 * replace exactly them. `base` is the prose index `parts` offsets count from.
 */
function located(prose: Prose, base: number, parts: LocatorParts): Pick<Citation, 'locator' | 'suffix' | 'locatorSpan'> {
  const { locator, suffix, locatorStart, locatorEnd } = parts;
  const out: { locator?: string; suffix?: string; locatorSpan?: Span } = {};
  if (locator !== undefined) out.locator = locator;
  if (suffix !== undefined) out.suffix = suffix;
  if (locator !== undefined && locatorStart !== undefined && locatorEnd !== undefined && locatorEnd > locatorStart) {
    const from = base + locatorStart;
    const to = base + locatorEnd;
    let contiguous = true;
    for (let i = from + 1; i < to && contiguous; i++) contiguous = prose.offsetAt(i) === prose.offsetAt(i - 1)! + 1;
    if (contiguous) out.locatorSpan = { start: prose.offsetAt(from)!, end: prose.offsetAt(to - 1)! + 1 };
  }
  return out;
}
