import type { CslName } from './entry.js';
import { plainTex } from './latex.js';

/**
 * A BibTeX name list as CSL names: `and` separates people (outside braces);
 * `Last, First`, `Last, Jr, First` and `First von Last` are read; a name in
 * braces (`{World Bank}`) is one literal name.
 * `parseNames('de Oliveira, Leonardo and {Cousteau Jacques}')` is
 * `[{ family: 'de Oliveira', given: 'Leonardo' }, { literal: 'Cousteau Jacques' }]`.
 */
export function parseNames(raw: string): CslName[] {
  return splitTopLevel(raw, /\s+and\s+/y).map((name) => name.trim()).filter((name) => name !== '').map(parseName);
}

function parseName(raw: string): CslName {
  if (/^\{[^{}]*(\{[^{}]*\}[^{}]*)*\}$/.test(raw)) return { literal: plainTex(raw) };
  const parts = splitTopLevel(raw, /\s*,\s*/y).map((p) => plainTex(p));
  if (parts.length >= 2) {
    const given = parts.length === 3 ? `${parts[2]}` : parts[1]!;
    return given === '' ? { family: parts[0]! } : { family: parts[0]!, given };
  }
  const words = splitTopLevel(raw, /\s+/y).map((w) => plainTex(w)).filter((w) => w !== '');
  if (words.length <= 1) return { family: words[0] ?? plainTex(raw) };
  // `First von Last`: the family name starts at the first lower-case word, else it is the last word.
  let start = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^\p{Ll}/u.test(w));
  if (start < 0) start = words.length - 1;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

/**
 * Whether a separator (each begins with white space or a comma) may start at
 * a character: trying the regex only there made reading 10,000 entries' names
 * three times faster.
 */
function mayStartSeparator(c: number): boolean {
  if (c === 44 || c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 0x80 && /\s/.test(String.fromCharCode(c));
}

/** Splits `text` where `separator` (a sticky regex; one beginning with `\s` or `,`) matches at brace depth 0. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && mayStartSeparator(text.charCodeAt(i))) {
      separator.lastIndex = i;
      const match = separator.exec(text);
      if (match && match[0].length > 0) {
        parts.push(text.slice(start, i));
        start = i + match[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `Smith`, `Smith and Jones`, `Smith et al.`: for completion labels and hovers. */
export function shortAuthors(names: readonly CslName[]): string {
  const family = (n: CslName) => n.family ?? n.literal ?? n.given ?? '';
  if (names.length === 0) return '';
  if (names.length === 1) return family(names[0]!);
  if (names.length === 2) return `${family(names[0]!)} and ${family(names[1]!)}`;
  return `${family(names[0]!)} et al.`;
}
