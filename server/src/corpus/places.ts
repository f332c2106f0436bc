import type { Span } from '../engine/text.js';
import type { Locator } from '../formats/extracted.js';
import { readNumber } from '../draft/locator.js';
import type { Source } from './source.js';

/**
 * Where a passage stands in a source with pages (PDF) or chapters (EPUB): the
 * first page it touches and, when it runs across a break, the last.
 * `{ kind: 'page', index: 40, label: '34' }` is printed page 34, the PDF's 40th.
 */
export interface PassagePlace {
  readonly kind: 'page' | 'chapter';
  /** Physical number: the PDF page, the chapter's place in the spine. */
  readonly index: number;
  /** The printed page number or chapter title, when known. */
  readonly label?: string;
  readonly lastIndex?: number;
  readonly lastLabel?: string;
}

/**
 * The source's locators that share characters with `span` (the one holding
 * its start, for an empty span), in order; none for a source without them.
 */
export function locatorsOver(source: Source, span: Span): Locator[] {
  const all = source.locators;
  if (!all || all.length === 0) return [];
  // First locator ending after span.start (locators are sorted and do not overlap).
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const found: Locator[] = [];
  const end = Math.max(span.end, span.start + 1);
  for (let i = lo; i < all.length && all[i]!.start < end; i++) found.push(all[i]!);
  return found;
}

/** Where `span` of `source` stands, or undefined for a source without pages or chapters. */
export function placeOf(source: Source, span: Span): PassagePlace | undefined {
  const over = locatorsOver(source, span);
  const first = over[0];
  if (!first) return undefined;
  const last = over[over.length - 1]!;
  return {
    kind: first.kind,
    index: first.index,
    ...(first.label !== undefined ? { label: first.label } : {}),
    ...(last !== first ? { lastIndex: last.index, ...(last.label !== undefined ? { lastLabel: last.label } : {}) } : {}),
  };
}

/**
 * The number a citation names a page or chapter by. A page: its printed
 * label, else its physical number. A chapter: the number in its title
 * (`Chapter V`, `3. The Storm`, `Chapter Three`) as arabic digits, else its
 * place in the spine when it has no title; undefined when its title holds no
 * number (`Prologue`): nobody can tell which chapter number a writer means.
 * `citedName({ kind: 'page', index: 40, label: '34', ... })` is `'34'`.
 */
export function citedName(locator: Pick<Locator, 'kind' | 'index' | 'label'>): string | undefined {
  if (locator.kind === 'page') return locator.label?.trim() || String(locator.index);
  if (locator.label === undefined || locator.label.trim() === '') return String(locator.index);
  const n = chapterNumber(locator.label);
  return n === undefined ? undefined : String(n);
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** `chapterNumber('Chapter XII. The Return')` is 12; `chapterNumber('I Remember')` is undefined. */
export function chapterNumber(title: string): number | undefined {
  const t = title.trim();
  // `Chapter 3`, `Ch. III`, `Chapter Three`; not `Chix` nor `Chapter Twenty-One` (which no rule here reads).
  const named = /^(?:chapter\s*|chap\.\s*|chap\s+|ch\.\s*|ch\s+)([0-9]+|[ivxlcdm]+|[a-z]+)\b(?![-–])/i.exec(t);
  if (named) {
    const word = NUMBER_WORDS.indexOf(named[1]!.toLowerCase());
    if (word > 0) return word;
    return readNumber(named[1]!)?.value;
  }
  // A bare number only when it stands alone or before `.`/`:` (so the title "I Remember" is not chapter 1).
  const bare = /^([0-9]{1,4}|[ivxlcdm]+)(?:[.:]\s|[.:]?$)/i.exec(t) ?? /^([0-9]{1,4})\s/.exec(t);
  return bare ? readNumber(bare[1]!)?.value : undefined;
}

/**
 * How a citation names a place: `p. 34`, `pp. 34–35`, `ch. 5`, `chs. 5–6`
 * (a chapter without a number in its title: its place in the spine).
 */
export function placeName(place: PassagePlace): string {
  const name = (index: number, label: string | undefined) => citedName({ kind: place.kind, index, label }) ?? String(index);
  const first = name(place.index, place.label);
  const last = place.lastIndex === undefined ? undefined : name(place.lastIndex, place.lastLabel);
  const one = place.kind === 'page' ? 'p.' : 'ch.';
  const many = place.kind === 'page' ? 'pp.' : 'chs.';
  return last === undefined || last === first ? `${one} ${first}` : `${many} ${first}–${last}`;
}

/**
 * The place as the file counts it, for hovers and page markers:
 * `p. 34, PDF page 40`; `PDF page 3` when no printed number is known;
 * for a chapter, its title (`ch. 5, “Chapter V: The Storm”`).
 */
export function describePlace(place: PassagePlace): string {
  if (place.kind === 'page') {
    const pdf = place.lastIndex === undefined ? `PDF page ${place.index}` : `PDF pages ${place.index}–${place.lastIndex}`;
    return place.label === undefined && place.lastLabel === undefined ? pdf : `${placeName(place)}, ${pdf}`;
  }
  const titles = [place.label, place.lastIndex === undefined ? undefined : place.lastLabel].filter((t): t is string => t !== undefined && t.trim() !== '');
  if (titles.length === 0) return placeName(place);
  const quoted = titles.map((t) => `“${t.trim()}”`).join(' to ');
  const numbered = citedName({ kind: 'chapter', index: place.index, label: place.label }) !== undefined;
  return numbered ? `${placeName(place)}, ${quoted}` : quoted;
}
