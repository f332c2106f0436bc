/** Pandoc locators: `p. 3`, `pp. 33-35, 41`, `ch. iv`, `{a braced locator}`. */

/**
 * The locator terms Pandoc reads (CSL's English terms, long, short and
 * symbol forms, singular and plural), by the CSL term they stand for. CSL
 * 1.0.2's terms (act, appendix, article, canon, equation, rule, scene,
 * supplement, table) are read too, as in CSL 1.0.2 locale files; Debian's
 * Pandoc 2.17 does not know them, nor `ch.` and `pg.` (read here as chapter
 * and page), and leaves them in the suffix.
 */
const TERM_FORMS: Readonly<Record<string, readonly string[]>> = {
  page: ['p', 'pp', 'pg', 'pgs', 'page', 'pages'],
  chapter: ['ch', 'chs', 'chap', 'chaps', 'chapter', 'chapters'],
  section: ['sec', 'secs', 'section', 'sections', '§', '§§'],
  paragraph: ['para', 'paras', 'paragraph', 'paragraphs', '¶', '¶¶'],
  volume: ['vol', 'vols', 'volume', 'volumes'],
  figure: ['fig', 'figs', 'figure', 'figures'],
  line: ['l', 'll', 'line', 'lines'],
  note: ['n', 'nn', 'note', 'notes'],
  number: ['no', 'nos', 'number', 'numbers'],
  issue: ['issue', 'issues'],
  part: ['part', 'parts', 'pt', 'pts'],
  book: ['book', 'books', 'bk', 'bks'],
  column: ['col', 'cols', 'column', 'columns'],
  verse: ['v', 'vv', 'verse', 'verses'],
  opus: ['op', 'opp', 'opus', 'opera'],
  'sub verbo': ['s.v', 's.vv', 'sub verbo', 'sub verbis'],
  folio: ['fol', 'fols', 'folio', 'folios'],
  act: ['act', 'acts'],
  appendix: ['app', 'apps', 'appendix', 'appendices'],
  article: ['art', 'arts', 'article', 'articles'],
  canon: ['can', 'cans', 'canon', 'canons'],
  equation: ['eq', 'eqs', 'equation', 'equations'],
  rule: ['r', 'rr', 'rule', 'rules'],
  scene: ['sc', 'scs', 'scene', 'scenes'],
  supplement: ['supp', 'supps', 'supplement', 'supplements'],
  table: ['tbl', 'tbls', 'table', 'tables'],
};

const TERM_OF = new Map<string, string>();
for (const [term, forms] of Object.entries(TERM_FORMS)) for (const form of forms) TERM_OF.set(form, term);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
/** Longest forms first, so `pp` is not read as `p`. */
const TERMS = [...TERM_OF.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const TERM = new RegExp(`^(?:${TERMS})(?![a-z])\\.?\\s*`, 'i');
/** A number, possibly followed by `f.` or `ff.` ("and the following"): `33`, `12.3`, `iv`, `33 ff.` */
const NUMBER = '(?:\\d[\\w.:]*(?:\\s+ff?\\.)?|[ivxlcdm]+\\b)';
/** A number or a range: `33`, `33-35`, `iv–vi`. */
const RANGE = new RegExp(`^${NUMBER}(?:\\s*[-–—]+\\s*${NUMBER})?`, 'i');
/** One more number of a list: `, 41` or `& 41`. */
const MORE = new RegExp(`^\\s*[,&]\\s*${NUMBER}(?:\\s*[-–—]+\\s*${NUMBER})?(?=\\s*(?:[,&]|$))`, 'i');

export interface LocatorParts {
  readonly locator?: string;
  readonly suffix?: string;
  /** Where `locator` stands in the string given to `splitLocator` (UTF-16 offsets, half-open; braces included). */
  readonly locatorStart?: number;
  readonly locatorEnd?: number;
}

/**
 * Splits what follows a key in a citation into locator and suffix.
 * `splitLocator(', p. 3, emphasis added')` is
 * `{ locator: 'p. 3', suffix: 'emphasis added', locatorStart: 2, locatorEnd: 6 }`.
 */
export function splitLocator(afterKey: string): LocatorParts {
  let at = leadingSpace(afterKey, 0);
  if (afterKey[at] === ',') at = leadingSpace(afterKey, at + 1);
  const rest = afterKey.slice(at).trimEnd();
  if (rest === '') return {};
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    // The span covers the braces: a fix replaces `{iv, 3}` whole.
    if (close > 0) return withSuffix(rest.slice(1, close).trim(), at, rest.slice(close + 1), close + 1);
  }
  const term = TERM.exec(rest);
  const afterTerm = term ? rest.slice(term[0].length) : rest;
  const first = RANGE.exec(afterTerm);
  if (!first || (!term && !/^\d/.test(first[0]))) return { suffix: rest };
  let length = (term ? term[0].length : 0) + first[0].length;
  for (let more = MORE.exec(rest.slice(length)); more; more = MORE.exec(rest.slice(length))) length += more[0].length;
  return withSuffix(rest.slice(0, length).trim(), at, rest.slice(length));
}

function leadingSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function withSuffix(locator: string, start: number, after: string, length = locator.length): LocatorParts {
  let suffix = after.trim();
  if (suffix.startsWith(',')) suffix = suffix.slice(1).trim();
  const placed = { locator, locatorStart: start, locatorEnd: start + length };
  return suffix === '' ? placed : { ...placed, suffix };
}

/** What a locator points into: pages, chapters, or anything else (sections, figures, notes...). */
export type LocatorKind = 'page' | 'chapter' | 'other';

/** One number of a locator: `33` (arabic), `iv` (roman), with its value. */
export interface LocatorNumber {
  readonly text: string;
  readonly value: number;
  readonly roman: boolean;
}

/** `33`, `33–35`, or `33ff.` (from 33 on: `last` undefined). */
export interface LocatorRange {
  readonly first: LocatorNumber;
  readonly last: LocatorNumber | undefined;
}

/** A locator read into its parts: `pp. 33–35, 41` is term `page`, ranges 33–35 and 41. */
export interface CitedLocator {
  /** The CSL term: `page`, `chapter`, `section`, ... (`page` when no term is written, as in Pandoc). */
  readonly term: string;
  readonly kind: LocatorKind;
  /**
   * The cited numbers; undefined when some are not plain arabic or roman
   * numbers (`33a`, `12.3`, `A-4`), or a range cannot be read (`35–33`):
   * then nobody can tell which pages are meant.
   */
  readonly ranges: readonly LocatorRange[] | undefined;
}

/**
 * Reads a locator as `splitLocator` gives it.
 * `parseLocator('pp. 33-5, 41')` is `{ term: 'page', kind: 'page', ranges: [33–35, 41] }`;
 * `parseLocator('sec. 4').kind` is `'other'`.
 */
export function parseLocator(locator: string): CitedLocator | undefined {
  const text = locator.trim();
  if (text === '') return undefined;
  const termMatch = TERM.exec(text);
  const form = termMatch ? termMatch[0].replace(/\.?\s*$/, '').replace(/\s+/g, ' ').toLowerCase() : undefined;
  const term = form === undefined ? 'page' : (TERM_OF.get(form) ?? TERM_OF.get(form.replace(/\.$/, '')) ?? 'page');
  const kind: LocatorKind = term === 'page' ? 'page' : term === 'chapter' ? 'chapter' : 'other';
  const values = termMatch ? text.slice(termMatch[0].length) : text;
  return { term, kind, ranges: readRanges(values) };
}

function readRanges(values: string): LocatorRange[] | undefined {
  const ranges: LocatorRange[] = [];
  for (const piece of values.split(/\s*(?:,|&|\band\b)\s*/i)) {
    if (piece === '') return undefined;
    const range = readRange(piece);
    if (!range) return undefined;
    ranges.push(range);
  }
  return ranges.length > 0 ? ranges : undefined;
}

function readRange(piece: string): LocatorRange | undefined {
  const following = /^(\d+)\s*(ff?)\.?$/i.exec(piece);
  if (following) {
    const first = readNumber(following[1]!)!;
    if (following[2]!.toLowerCase() === 'ff') return { first, last: undefined };
    return { first, last: { text: String(first.value + 1), value: first.value + 1, roman: false } };
  }
  const dash = /^(\S+?)\s*(?:-+|–|—)\s*(\S+)$/.exec(piece);
  if (!dash) {
    const single = readNumber(piece);
    return single && { first: single, last: single };
  }
  const first = readNumber(dash[1]!);
  let last = readNumber(dash[2]!);
  if (!first || !last || first.roman !== last.roman) return undefined;
  // `33-5` and `123-79` are Chicago's abbreviated ranges: 33–35 and 123–179.
  if (!first.roman && last.value < first.value && last.text.length < first.text.length) {
    const text = first.text.slice(0, first.text.length - last.text.length) + last.text;
    last = { text, value: Number(text), roman: false };
  }
  return last.value >= first.value ? { first, last } : undefined;
}

/** `readNumber('33')`, `readNumber('iv')`; undefined for anything else (`33a`, `A-4`). */
export function readNumber(text: string): LocatorNumber | undefined {
  if (/^\d{1,9}$/.test(text)) return { text, value: Number(text), roman: false };
  const value = romanValue(text);
  return value === undefined ? undefined : { text, value, roman: true };
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
const CANONICAL_ROMAN = /^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/** `romanValue('xiv')` is 14; undefined for what is not a well-formed roman numeral. */
export function romanValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === '' || !CANONICAL_ROMAN.test(lower)) return undefined;
  let value = 0;
  for (let i = 0; i < lower.length; i++) {
    const here = ROMAN[lower[i]!]!;
    const next = ROMAN[lower[i + 1] ?? ''] ?? 0;
    value += here < next ? -here : here;
  }
  return value;
}

/**
 * Whether a page or chapter numbered `name` (a printed label such as `34` or
 * `iv`) lies in `range`. A label of another kind than the range's numbers
 * (`iv` against 3–5, `A-4` against 4) is outside it.
 * `rangeHolds(<33–35>, '34')` is true.
 */
export function rangeHolds(range: LocatorRange, name: string): boolean {
  const n = readNumber(name.trim());
  if (!n) return false;
  if (n.roman !== range.first.roman) return false;
  return n.value >= range.first.value && (range.last === undefined || n.value <= range.last.value);
}
