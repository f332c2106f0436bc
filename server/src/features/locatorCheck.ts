import { citableSources, type CitableSources } from '../bibliography/citable.js';
import { citedName, locatorsOver, placeOf } from '../corpus/places.js';
import type { Source } from '../corpus/source.js';
import { parseLocator, rangeHolds, type CitedLocator, type LocatorRange } from '../draft/locator.js';
import type { Citation } from '../draft/model.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { quotePattern } from '../match/quotePattern.js';
import type { QuoteVerdict, SourcePassage } from '../match/verdict.js';
import { closestWithin } from '../match/within.js';
import { DiagnosticCode } from './codes.js';
import type { Finding } from './finding.js';
import { locatorMismatchMessage } from './messages.js';

/**
 * `locator-mismatch`: the quotation is in the cited source (word for word or
 * misquoted), which has pages or chapters, but not on the page or chapter its
 * citation gives. Says nothing when it cannot be sure: a source without
 * pages, a locator of another kind (`sec. 4`, `n. 2`, or `p. 3` for an e-book),
 * numbers that are not plain (`33a`), a chapter whose title holds no number,
 * or the same words standing on the cited page too.
 * For a passage on printed page 34 cited `[@a, p. 33]`:
 * `{ code: 'locator-mismatch', message: 'The quotation is on p. 34 of @a, not p. 33.', ... }`.
 */
export function locatorFinding(index: CorpusIndex, verdict: QuoteVerdict, sources: CitableSources = citableSources(index)): Finding | undefined {
  if (verdict.kind !== 'verbatim' && verdict.kind !== 'mismatch') return undefined;
  const passage = verdict.passage;
  const source = passage ? index.get(passage.key) : undefined;
  const locators = source?.locators;
  if (!passage || !source || !locators || locators.length === 0) return undefined;
  const kind = locators[0]!.kind;

  const judged: { citation: Citation; cited: CitedLocator & { ranges: readonly LocatorRange[] } }[] = [];
  for (const citation of verdict.quote.citations) {
    if (citation.locator === undefined || sources.sourceKey(citation.key) !== passage.key) continue;
    const cited = parseLocator(citation.locator);
    if (!cited || cited.kind !== kind) continue;
    if (!cited.ranges) return undefined;
    judged.push({ citation, cited: { ...cited, ranges: kind === 'chapter' ? cited.ranges.map(arabic) : cited.ranges } });
  }
  if (judged.length === 0) return undefined;

  const names = locatorsOver(source, passage.span).map(citedName);
  if (names.length === 0 || names.some((n) => n === undefined)) return undefined;
  const holds = (name: string | undefined) => name !== undefined && judged.some((j) => j.cited.ranges.some((r) => rangeHolds(r, name)));
  if (names.some(holds)) return undefined;
  // Reading the cited pages is the costly part (about a millisecond): it is done once per passage, quotation and locators.
  const asked = `${verdict.quote.text}\u0000${judged.map((j) => j.citation.locator).join('\u0000')}`;
  let known = onCitedPlaces.get(passage);
  if (!known) onCitedPlaces.set(passage, known = new Map());
  let there = known.get(asked);
  if (there === undefined) known.set(asked, there = alsoOnCitedPlaces(index, source, verdict, holds));
  if (there) return undefined;

  const place = placeOf(source, passage.span)!;
  const { citation } = judged[0]!;
  return {
    code: DiagnosticCode.LocatorMismatch,
    message: locatorMismatchMessage(place, citation.key, citation.locator!),
    span: verdict.quote.span,
    data: { sourceKey: citation.key, range: passage.range, path: passage.path, page: place, citedLocator: citation.locator! },
  };
}

/**
 * Whether the cited pages hold the quotation too, by passage (a verdict cache
 * keeps one passage object per match, for as long as the corpus is unchanged)
 * and then by quotation text and locators.
 */
const onCitedPlaces = new WeakMap<SourcePassage, Map<string, boolean>>();

/** A chapter range in arabic numbers: chapter titles are numbered either way (`ch. v` is Chapter 5). */
function arabic(range: LocatorRange): LocatorRange {
  const plain = (n: LocatorRange['first']) => ({ text: String(n.value), value: n.value, roman: false });
  return { first: plain(range.first), last: range.last && plain(range.last) };
}

/** Cited pages or chapters read at most to look for the quotation there (`pp. 1–900` is not read). */
const MAX_CITED_PLACES = 64;

/**
 * True when the cited pages hold the quotation as closely as the passage the
 * verdict names (the same words may stand on several pages; the search names
 * the first), or are too many to read (more than `MAX_CITED_PLACES`): then the citation may well be right.
 */
function alsoOnCitedPlaces(index: CorpusIndex, source: Source, verdict: QuoteVerdict, holds: (name: string | undefined) => boolean): boolean {
  const doc = index.docByKey(source.key);
  if (!doc || !verdict.passage) return true;
  const parts = quotePattern(verdict.quote.text);
  const found = closestWithin(doc, parts, verdict.passage.span);
  if (found === undefined) return true;
  let read = 0;
  for (const locator of source.locators ?? []) {
    if (!holds(citedName(locator))) continue;
    if (++read > MAX_CITED_PLACES) return true;
    const there = closestWithin(doc, parts, locator);
    if (there === undefined || there <= found) return true;
  }
  return false;
}
