import type { Citation } from './model.js';
import { atMayCite, readKey } from './citekey.js';
import { splitLocator } from './locator.js';
import { PLACEHOLDER, type Prose } from './prose.js';

/** One citation group in a prose string: `[see @a; @b]` or an in-text `@a` (with its `[p. 3]`). */
export interface CitationGroup {
  /** Prose indices, half-open. */
  readonly start: number;
  readonly end: number;
  readonly bracketed: boolean;
  readonly citations: readonly Citation[];
}

// A scheme is at most 32 characters: an unbounded one was tried from every word start
// and made `a.a.a…` quadratic (160 KB: 19 s).
const URL = /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.)[^\s\uFFFC]*/gi;

/** The prose with bare URLs blanked out, so `https://x.org/@user` never cites. */
function maskUrls(text: string): string {
  return text.replace(URL, (url) => PLACEHOLDER.repeat(url.length));
}

interface Item {
  readonly at: number;
  readonly key: { key: string; keyStart: number; keyEnd: number; end: number };
  readonly prefix: string;
  readonly after: string;
}

/** Reads `[ ... ]` from `open` as a Pandoc citation group: every `;` item must hold one `@key`. */
function bracketItems(text: string, open: number): { items: Item[]; end: number } | undefined {
  let close = -1;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === ']') { close = i; break; }
    if (ch === '[' || ch === PLACEHOLDER) return undefined;
  }
  if (close < 0 || text[close + 1] === '(') return undefined;
  const items: Item[] = [];
  let from = open + 1;
  while (from <= close) {
    let to = text.indexOf(';', from);
    if (to < 0 || to > close) to = close;
    const item = readItem(text, from, to);
    if (!item) return undefined;
    items.push(item);
    from = to + 1;
  }
  return { items, end: close + 1 };
}

function readItem(text: string, from: number, to: number): Item | undefined {
  for (let at = text.indexOf('@', from); at >= 0 && at < to; at = text.indexOf('@', at + 1)) {
    const before = text[at - 1];
    const afterDash = before === '-' && (at - 1 === from || /\s/.test(text[at - 2] ?? ' '));
    if (at !== from && !afterDash && !/\s/.test(before ?? ' ')) continue;
    const key = readKey(text, at, to);
    if (!key) continue;
    const prefixEnd = afterDash ? at - 1 : at;
    return { at, key, prefix: text.slice(from, prefixEnd).trim(), after: text.slice(key.end, to) };
  }
  return undefined;
}

/**
 * Finds every citation group in a prose string, in order.
 * In `As [see @a, p. 3; @b] and @c said`, three citations in two groups.
 */
export function scanCitations(prose: Prose): CitationGroup[] {
  const text = maskUrls(prose.text);
  const groups: CitationGroup[] = [];
  const off = (i: number) => prose.offsets[i]!;
  const endOff = (i: number) => prose.offsets[i - 1]! + 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const bracket = bracketItems(text, i);
      if (bracket) {
        const groupSpan = { start: off(i), end: endOff(bracket.end) };
        const citations = bracket.items.map((item): Citation => ({
          key: item.key.key,
          span: { start: off(item.at), end: endOff(item.key.end) },
          keySpan: { start: off(item.key.keyStart), end: endOff(item.key.keyEnd) },
          groupSpan,
          bracketed: true,
          ...(item.prefix ? { prefix: item.prefix } : {}),
          ...splitLocator(item.after),
        }));
        groups.push({ start: i, end: bracket.end, bracketed: true, citations });
        i = bracket.end;
        continue;
      }
    } else if (ch === '@' && atMayCite(text, i)) {
      const key = readKey(text, i);
      if (key) {
        const locator = trailingLocator(text, key.end);
        const end = locator ? locator.end : key.end;
        const span = { start: off(i), end: endOff(key.end) };
        const citation: Citation = {
          key: key.key,
          span,
          keySpan: { start: off(key.keyStart), end: endOff(key.keyEnd) },
          groupSpan: locator ? { start: span.start, end: endOff(end) } : span,
          bracketed: false,
          ...(locator ? splitLocator(locator.inner) : {}),
        };
        groups.push({ start: i, end, bracketed: false, citations: [citation] });
        i = end;
        continue;
      }
    }
    i++;
  }
  return groups;
}

/** `@key [p. 3]`: the bracket right after an in-text key, when it holds no citation. */
function trailingLocator(text: string, keyEnd: number): { inner: string; end: number } | undefined {
  if (text[keyEnd] !== ' ' || text[keyEnd + 1] !== '[') return undefined;
  // The search stops at the next bracket or `@` (neither may stand inside), so no text is searched twice.
  let close = keyEnd + 2;
  while (close < text.length && !'[]@\uFFFC'.includes(text[close]!)) close++;
  if (text[close] !== ']') return undefined;
  const inner = text.slice(keyEnd + 2, close);
  if (/[@[\uFFFC]/.test(inner) || text[close + 1] === '(') return undefined;
  return { inner, end: close + 1 };
}
