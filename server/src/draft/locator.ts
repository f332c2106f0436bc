/** Pandoc locators: `p. 3`, `pp. 33-35, 41`, `ch. iv`, `{a braced locator}`. */

const TERMS = 'p|pp|pg|pgs|page|pages|ch|chs|chap|chaps|chapter|chapters|sec|secs|section|sections|para|paras|paragraph|paragraphs|vol|vols|volume|volumes|fig|figs|figure|figures|l|ll|line|lines|n|nn|note|notes|no|nos|number|part|parts|pt|pts|book|books|bk|bks|col|cols|column|columns|v|vv|verse|verses|op|opp|s\\.v|sub verbo|§|§§|¶|¶¶';
const TERM = new RegExp(`^(?:${TERMS})(?![a-z])\\.?\\s*`, 'i');
const NUMBER = '(?:\\d[\\w.:]*|[ivxlcdm]+\\b)';
/** A number or a range: `33`, `33-35`, `iv–vi`. */
const RANGE = new RegExp(`^${NUMBER}(?:\\s*[-–—]+\\s*${NUMBER})?`, 'i');
/** One more number of a list: `, 41`. */
const MORE = new RegExp(`^\\s*,\\s*${NUMBER}(?:\\s*[-–—]+\\s*${NUMBER})?(?=\\s*(?:,|$))`, 'i');

export interface LocatorParts {
  readonly locator?: string;
  readonly suffix?: string;
}

/**
 * Splits what follows a key in a citation into locator and suffix.
 * `splitLocator(', p. 3, emphasis added')` is `{ locator: 'p. 3', suffix: 'emphasis added' }`.
 */
export function splitLocator(afterKey: string): LocatorParts {
  let rest = afterKey.trim();
  if (rest.startsWith(',')) rest = rest.slice(1).trim();
  if (rest === '') return {};
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    if (close > 0) return withSuffix(rest.slice(1, close).trim(), rest.slice(close + 1));
  }
  const term = TERM.exec(rest);
  const afterTerm = term ? rest.slice(term[0].length) : rest;
  const first = RANGE.exec(afterTerm);
  if (!first || (!term && !/^\d/.test(first[0]))) return { suffix: rest };
  let length = (term ? term[0].length : 0) + first[0].length;
  for (let more = MORE.exec(rest.slice(length)); more; more = MORE.exec(rest.slice(length))) length += more[0].length;
  return withSuffix(rest.slice(0, length).trim(), rest.slice(length));
}

function withSuffix(locator: string, after: string): LocatorParts {
  let suffix = after.trim();
  if (suffix.startsWith(',')) suffix = suffix.slice(1).trim();
  return suffix === '' ? { locator } : { locator, suffix };
}
