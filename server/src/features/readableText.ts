import { describePlace } from '../corpus/places.js';
import type { Source } from '../corpus/source.js';
import type { Locator } from '../formats/extracted.js';

/**
 * The text of a source read from a PDF, web page, Word file or e-book, as a
 * writer can read it in an editor: the extracted text with a marker line
 * before each page or chapter (`── p. 34 (PDF page 40) ──`).
 */
export interface ReadableText {
  readonly text: string;
  /**
   * Where the source's text lands in `text`, sorted: from source offset
   * `source` on, offsets move by `text - source` (up to the next entry).
   */
  readonly map: readonly { readonly source: number; readonly text: number }[];
}

/**
 * True for a source whose file is not itself text (not `.txt` or `.md`):
 * Go to Definition opens its readable text instead of the file.
 * `hasReadableText('corpus/report.pdf')` is true.
 */
export function hasReadableText(path: string): boolean {
  return !/\.(txt|md)$/i.test(path);
}

/**
 * The marker line before a page or chapter.
 * `pageMarker({ kind: 'page', index: 40, label: '34', ... })` is `── p. 34 (PDF page 40) ──`;
 * `── PDF page 3 ──` without a printed number; `── ch. 2: Chapter II ──` for a chapter.
 */
export function pageMarker(locator: Locator): string {
  if (locator.kind === 'page') {
    const printed = locator.label?.trim();
    return printed ? `── p. ${printed} (PDF page ${locator.index}) ──` : `── PDF page ${locator.index} ──`;
  }
  const place = { kind: locator.kind, index: locator.index, ...(locator.label !== undefined ? { label: locator.label } : {}) };
  return `── ${describePlace(place).replace(/, “(.*)”$/, ': $1').replace(/^“(.*)”$/, '$1')} ──`;
}

/**
 * Builds the readable text of a source (it reads the whole text: this is
 * what Go to Definition opens). A page starting a paragraph gets its marker
 * on a line of its own before it; one starting mid-paragraph breaks the line.
 * One line break before a page start: `One.⏎── p. 2 (PDF page 2) ──⏎⏎Two.`
 */
export function readableText(source: Source): ReadableText {
  const text = source.text;
  const locators = source.locators ?? [];
  const pieces: string[] = [];
  const map: { source: number; text: number }[] = [{ source: 0, text: 0 }];
  let from = 0;
  let length = 0;
  for (const locator of locators) {
    const at = Math.min(Math.max(locator.start, from), text.length);
    pieces.push(text.slice(from, at));
    length += at - from;
    const lineStart = at === 0 || text[at - 1] === '\n';
    const marker = `${lineStart ? '' : '\n'}${pageMarker(locator)}\n${lineStart ? '\n' : ''}`;
    pieces.push(marker);
    length += marker.length;
    map.push({ source: at, text: length });
    from = at;
  }
  pieces.push(text.slice(from));
  return { text: pieces.join(''), map };
}

/** Where source offset `offset` stands in the readable text. */
export function readableOffset(readable: ReadableText, offset: number): number {
  let lo = 0;
  let hi = readable.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (readable.map[mid]!.source <= offset) lo = mid;
    else hi = mid - 1;
  }
  const entry = readable.map[lo]!;
  return offset - entry.source + entry.text;
}
