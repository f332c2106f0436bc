/**
 * Sentence boundaries in a prose string: `.`, `!` or `?` (then any closing quote or
 * bracket), whitespace, then an uppercase letter, an opening quote or a digit.
 * Abbreviations (`Mr.`, `e.g.`, `U.S.`, `p.`) and initials (`J. Smith`) do not end a sentence.
 */

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'cf', 'ca', 'al', 'ed', 'eds', 'rev', 'gen', 'gov', 'sen', 'rep',
  'col', 'capt', 'lt', 'sgt', 'hon', 'inc', 'ltd', 'corp', 'vol', 'vols', 'p', 'pp', 'ch', 'chap', 'sec', 'fig',
  'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'dept', 'univ',
]);

const CLOSERS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '*', '_']);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\u00a0';
}

function startsSentence(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch === '\u201c' || ch === '"' || ch === '\u2018' || (ch >= '0' && ch <= '9')) return true;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** True when the `.` at `dot` ends an abbreviation or an initial. */
function isAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && !isSpace(text[start - 1]) && !'(["\u201c'.includes(text[start - 1]!)) start--;
  const word = text.slice(start, dot).toLowerCase();
  if (word === '') return false;
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{L}$/u.test(word)) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * Indices where a new sentence starts, in order; `skip(i)` hides punctuation (inside citations).
 * `sentenceStarts('Dr. Who came. He left.')` is `[14]`.
 */
export function sentenceStarts(text: string, skip: (index: number) => boolean = () => false): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    if (skip(i)) continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.has(text[j]!)) j++;
    if (!isSpace(text[j])) continue;
    while (j < text.length && isSpace(text[j])) j++;
    if (!startsSentence(text[j])) continue;
    if (ch === '.' && isAbbreviation(text, i)) continue;
    starts.push(j);
  }
  return starts;
}
