/**
 * Joins the pages' paragraphs into one text with a span for each page: lines of
 * a paragraph joined by a space (or, at a line-end hyphen, as `hyphenJunction`
 * decides), paragraphs by a blank line, and a paragraph that goes on in the next
 * column or page (it starts in lower case) joined to the one it continues.
 */
import type { Locator } from '../extracted.js';
import { endsWithHyphen, hyphenJunction } from './hyphens.js';
import type { Vocabulary } from './vocabulary.js';

export interface PageText {
  /** Paragraphs, each a list of lines. */
  readonly paragraphs: readonly (readonly string[])[];
  readonly label?: string;
}

export function assemble(pages: readonly PageText[], vocabulary: Vocabulary): { text: string; locators: Locator[] } {
  const parts: string[] = [];
  let length = 0;
  let last = '';
  const append = (s: string) => { parts.push(s); length += s.length; };
  const locators: Locator[] = [];
  pages.forEach((page, p) => {
    let start = -1;
    for (const paragraph of page.paragraphs) {
      paragraph.forEach((line, i) => {
        if (length === 0) { if (start < 0) start = 0; append(line); last = line; return; }
        // After a line-end hyphen: a letter may join (see hyphens.ts); a digit ("IEEE-" + "754") keeps it, without a space.
        const hyphen = !endsWithHyphen(last) ? undefined : /^\p{L}/u.test(line) ? hyphenJunction(last, line, vocabulary) : /^\p{N}/u.test(line) ? 'keep-hyphen' : undefined;
        const continues = i > 0 || hyphen === 'join' || (/^\p{Ll}/u.test(line) && !/[.!?:]["'”’)]*$/u.test(last));
        if (hyphen === 'join') {
          parts[parts.length - 1] = last.slice(0, -1);
          length -= 1;
          // A word joined across a page break: the hyphen left the pages before, so none may end past it.
          for (let k = locators.length - 1; k >= 0 && locators[k]!.end > length; k--) {
            locators[k] = { ...locators[k]!, start: Math.min(locators[k]!.start, length), end: length };
          }
        } else if (!continues) append('\n\n');
        else if (hyphen === undefined) append(' ');
        if (start < 0) start = length;
        append(line);
        last = line;
      });
    }
    if (start < 0) start = length;
    const locator: Locator = page.label ? { kind: 'page', start, end: length, index: p + 1, label: page.label } : { kind: 'page', start, end: length, index: p + 1 };
    locators.push(locator);
  });
  return { text: parts.join(''), locators };
}
