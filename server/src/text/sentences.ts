/**
 * What ends a sentence, for drafts and sources alike: abbreviations (`Mr.`,
 * `e.g.`, `U.S.`, `p.`) and initials (`J. Smith`) do not; closing quotes and
 * brackets may follow the full stop.
 */

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'cf', 'ca', 'al', 'ed', 'eds', 'rev', 'gen', 'gov', 'sen', 'rep',
  'col', 'capt', 'lt', 'sgt', 'hon', 'inc', 'ltd', 'corp', 'vol', 'vols', 'p', 'pp', 'ch', 'chap', 'sec', 'fig',
  'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'dept', 'univ',
]);

export const CLOSERS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '*', '_']);

export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\u00a0';
}

/** True when the `.` at `dot` ends an abbreviation or an initial. */
export function isAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && !isSpace(text[start - 1]) && !'(["\u201c'.includes(text[start - 1]!)) start--;
  const word = text.slice(start, dot).toLowerCase();
  if (word === '') return false;
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{L}$/u.test(word)) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(word);
}
