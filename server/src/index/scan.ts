import { hashWord } from './hash.js';
import { isSymbolCode, normalizeWord } from '../text/tokenize.js';

/**
 * The index's tokenizer: one tight pass over a text that finds the same words
 * as `forEachWord` and hashes them as `hashWordAt` does, without a callback per
 * word or a string per word. It is the hot loop of a cold index (17 million
 * words in 100 MB), so it is written over char codes with a class table.
 */

/** Every `MARK_EVERY`-th word's start is kept; the others are found again by re-scanning from the mark. */
export const MARK_EVERY = 32;
export const MARK_SHIFT = 5;

// Letters and digits are the classes below NOT_WORD (one comparison in the hot loop).
const WORD = 1;
const DIGIT = 2;
const NOT_WORD = 3;
/** A currency sign or `%`: a word of one character (see `forEachWord`). */
const SYMBOL = 4;
/** Character classes, 0 until first seen (non-ASCII classes are looked up once by regex). */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) CLASS[c] = NOT_WORD;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) CLASS[c] = WORD;
for (let c = 0xd800; c <= 0xdfff; c++) CLASS[c] = NOT_WORD; // as forEachWord: astral letters separate words
for (let c = 0x660; c <= 0x669; c++) CLASS[c] = DIGIT;
CLASS[36] = SYMBOL; // $
CLASS[37] = SYMBOL; // %
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

function classOf(code: number): number {
  const k = CLASS[code]!;
  if (k !== 0) return k;
  const found = NON_ASCII_WORD.test(String.fromCharCode(code)) ? WORD : isSymbolCode(code) ? SYMBOL : NOT_WORD;
  CLASS[code] = found;
  return found;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 0x2018;
}

/** Growable output of a scan: word hashes, and the start of every `MARK_EVERY`-th word. */
export class ScanOutput {
  hashes: Uint32Array;
  marks: Uint32Array;
  words = 0;
  markCount = 0;

  constructor(expectedWords: number) {
    this.hashes = new Uint32Array(Math.max(64, expectedWords));
    this.marks = new Uint32Array(Math.max(4, (expectedWords >> MARK_SHIFT) + 2));
  }

  growMarks(): void {
    const marks = new Uint32Array(this.marks.length * 2 + 2);
    marks.set(this.marks);
    this.marks = marks;
  }

  grow(): void {
    const hashes = new Uint32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const marks = new Uint32Array(this.marks.length * 2 + 2);
    marks.set(this.marks);
    this.marks = marks;
  }
}

/**
 * Appends the words of `text[from, to)` to `out`: their hashes, and a mark
 * (the word's start offset) for every `MARK_EVERY`-th word counted from `from`.
 * Returns the number of words found.
 * `scanWords('It’s 1,000 km', 0, 13, out)` is 3, with `out.hashes` holding
 * `hashWord("it's")`, `hashWord('1000')` and `hashWord('km')`.
 */
export function scanWords(text: string, from: number, to: number, out: ScanOutput): number {
  let n = out.words;
  const first = n;
  let hashes = out.hashes;
  let marks = out.marks;
  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    let k = code < 128 ? CLASS[code]! : classOf(code);
    if (k === NOT_WORD) { i++; continue; }
    const start = i;
    let hash: number;
    if (k === SYMBOL) {
      i++;
      hash = hashWord(normalizeWord(text.charAt(start)));
    } else {
      const numeric = k === DIGIT && code < 128;
      let wide = code >= 128 && code !== 0x2bc;
      let h = Math.imul(0x811c9dc5 ^ (code >= 65 && code <= 90 ? code + 32 : code === 0x2bc ? 39 : code), 0x01000193);
      i++;
      while (i < to) {
        code = text.charCodeAt(i);
        k = code < 128 ? CLASS[code]! : classOf(code);
        if (k < NOT_WORD) { // a letter or digit
          if (code < 128) h = Math.imul(h ^ (code >= 65 && code <= 90 ? code + 32 : code), 0x01000193);
          else if (code === 0x2bc) h = Math.imul(h ^ 39, 0x01000193); // a letter apostrophe: normalizeWord makes it '
          else wide = true;
          i++;
          continue;
        }
        if (i + 1 < to) {
          const next = text.charCodeAt(i + 1);
          const nextClass = next < 128 ? CLASS[next]! : classOf(next);
          if (nextClass < NOT_WORD && isApostrophe(code)) {
            h = Math.imul(h ^ 39, 0x01000193); // every apostrophe normalizes to '
            i++;
            continue; // the next character is a word character: the loop takes it
          }
          if ((code === 46 || code === 44) && nextClass === DIGIT) {
            const prev = text.charCodeAt(i - 1);
            const prevClass = prev < 128 ? CLASS[prev]! : classOf(prev);
            if (prevClass === DIGIT) {
              if (!(code === 44 && numeric)) h = Math.imul(h ^ code, 0x01000193);
              i++;
              continue;
            }
          }
        }
        break;
      }
      hash = wide ? hashWord(normalizeWord(text.slice(start, i))) : h >>> 0;
    }
    if (n === hashes.length) {
      out.words = n;
      out.grow();
      hashes = out.hashes;
      marks = out.marks;
    }
    if (((n - first) & (MARK_EVERY - 1)) === 0) {
      // Each document restarts its marks, so many small documents need more marks than words / 32.
      if (out.markCount === marks.length) {
        out.growMarks();
        marks = out.marks;
      }
      marks[out.markCount++] = start;
    }
    hashes[n++] = hash;
  }
  out.words = n;
  return n - first;
}

/**
 * The start offset of the word `skip` words after the word starting at `at`
 * (`skip` 0 is `at` itself), or `to` when the text ends first.
 * `skipWords('a bb ccc', 0, 8, 2)` is 5.
 */
export function skipWords(text: string, at: number, to: number, skip: number): number {
  let i = at;
  let seen = -1;
  while (i < to) {
    let code = text.charCodeAt(i);
    let k = code < 128 ? CLASS[code]! : classOf(code);
    if (k === NOT_WORD) { i++; continue; }
    if (++seen === skip) return i;
    i++;
    if (k === SYMBOL) continue;
    while (i < to) {
      code = text.charCodeAt(i);
      k = code < 128 ? CLASS[code]! : classOf(code);
      if (k < NOT_WORD) { i++; continue; }
      if (i + 1 < to) {
        const next = text.charCodeAt(i + 1);
        const nextClass = next < 128 ? CLASS[next]! : classOf(next);
        if (nextClass < NOT_WORD && isApostrophe(code)) { i++; continue; }
        if ((code === 46 || code === 44) && nextClass === DIGIT) {
          const prev = text.charCodeAt(i - 1);
          if ((prev < 128 ? CLASS[prev]! : classOf(prev)) === DIGIT) { i++; continue; }
        }
      }
      break;
    }
  }
  return to;
}
