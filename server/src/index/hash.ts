import { normalizeWord } from '../text/tokenize.js';

/**
 * 32-bit FNV-1a of a normalized word. Hashes are only used to *find* candidate
 * passages; every verdict compares the words themselves, so a collision can cost
 * time but never a wrong answer.
 * `hashWord('kyiv') === hashWord(normalizeWord('KYIV'))`.
 */
export function hashWord(norm: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < norm.length; i++) {
    h ^= norm.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * `hashWord(normalizeWord(text.slice(start, end)))` without allocating for ASCII words:
 * the plain reference that `scanWords` (the indexer's one-pass scanner) is tested against.
 */
export function hashWordAt(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  const first = text.charCodeAt(start);
  if (first === 37) return hashWord(normalizeWord('%')); // a percent sign is the word `percent`
  const numeric = first >= 48 && first <= 57;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return hashWord(normalizeWord(text.slice(start, end)));
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 44 && numeric) continue;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
