import type { CorpusIndex, IndexedDoc } from '../index/corpusIndex.js';
import type { Word } from '../text/tokenize.js';
import { align, type Alignment } from './align.js';
import { quotePattern, patternWordCount, type PatternPart } from './quotePattern.js';
import { exactRunCandidates, exactRunSearch, retrieve, type Candidate } from './retrieve.js';
import { windowWords } from './window.js';

/** One part of a quotation (between omission marks) aligned in a source. */
export interface PartMatch {
  readonly part: PatternPart;
  readonly alignment: Alignment;
  /** The source words the alignment indexes into (`alignment.s` is an index of this array). */
  readonly words: readonly Word[];
}

/** Where a whole quotation stands in one source, and how far it is from it. */
export interface QuoteMatch {
  readonly doc: IndexedDoc;
  readonly parts: readonly PartMatch[];
  readonly cost: number;
  readonly matches: number;
}

export type MatchKind = 'verbatim' | 'mismatch' | 'misattributed' | 'not-found' | 'uncited';

/** The verdict on a quotation's text, independent of where the quotation sits in a draft (so it can be cached). */
export interface MatchResult {
  readonly kind: MatchKind;
  readonly match?: QuoteMatch;
  /** Words the verdict was about (gaps excluded). */
  readonly required: number;
}

/** Words allowed between two parts of a quotation joined by an omission mark: about a paragraph. */
const NEAR = 150;
const PREFERRED_CANDIDATES = 16;
const OTHER_CANDIDATES = 8;

/**
 * Finds a quotation's text in the corpus and says how it stands against the cited sources.
 * `matchQuote(index, 'we are on the same page', ['000_5b963e663469ef88']).kind` is `'verbatim'`
 * when that source holds those words, `'mismatch'` when it holds them with a word changed.
 */
export function matchQuote(index: CorpusIndex, text: string, citedKeys: readonly string[]): MatchResult {
  const parts = quotePattern(text);
  const required = patternWordCount(parts);
  if (required === 0) return { kind: 'not-found', required };

  const cited = new Set<number>();
  for (const key of citedKeys) {
    const doc = index.docByKey(key);
    if (doc) cited.add(doc.id);
  }
  const seedIndex = longestPart(parts);
  const seedNorms = parts[seedIndex]!.flatMap((item) => (item.kind === 'word' ? [item.norm] : []));
  const wordsBefore = parts.slice(0, seedIndex).reduce((n, p) => n + p.length, 0);
  // First, and cheaply, every place in the cited sources where the quotation's
  // longest run of words occurs word for word: a verbatim quotation (the common
  // case) is settled there without voting across the corpus. Votes can also tie
  // among many places for a quotation of common words; this search cannot.
  const exact = cited.size > 0
    ? best(index, parts, exactRunCandidates(index, parts[seedIndex]!, cited, PREFERRED_CANDIDATES), seedIndex, wordsBefore, (m) => m.cost === 0)
    : undefined;
  if (exact && exact.cost === 0) return { kind: 'verbatim', match: exact, required };
  if (cited.size > 0) {
    // Still without voting across the corpus: the best place in the cited
    // sources, then every place elsewhere that holds the longest run word for
    // word. When that search was exhaustive and found no verbatim copy in
    // another source, a close passage in a cited one is the verdict.
    const local = retrieve(index, seedNorms, { preferred: cited, preferredLimit: PREFERRED_CANDIDATES, otherLimit: 0, onlyDocs: cited });
    let cited1 = best(index, parts, local.preferred, seedIndex, wordsBefore, (m) => m.cost === 0);
    if (cited1 && cited1.cost === 0) return { kind: 'verbatim', match: cited1, required };
    if (exact && (!cited1 || exact.cost < cited1.cost)) cited1 = exact;
    const anywhere = exactRunSearch(index, parts[seedIndex]!, undefined, OTHER_CANDIDATES + PREFERRED_CANDIDATES);
    const elsewhere = best(index, parts, anywhere.candidates.filter((c) => !cited.has(c.docId)), seedIndex, wordsBefore, (m) => m.cost === 0);
    if (elsewhere && elsewhere.cost === 0) return { kind: 'misattributed', match: elsewhere, required };
    if (anywhere.exhaustive && cited1 && isClose(cited1, required)) return { kind: 'mismatch', match: cited1, required };
  }
  const candidates = retrieve(index, seedNorms, { preferred: cited, preferredLimit: PREFERRED_CANDIDATES, otherLimit: OTHER_CANDIDATES });

  let bestCited = best(index, parts, candidates.preferred, seedIndex, wordsBefore, (m) => m.cost === 0);
  if (bestCited && bestCited.cost === 0) return { kind: 'verbatim', match: bestCited, required };
  if (exact && (!bestCited || exact.cost < bestCited.cost)) bestCited = exact;
  const bestOther = best(index, parts, candidates.other, seedIndex, wordsBefore, (m) => m.cost === 0);

  if (cited.size > 0 || citedKeys.length > 0) {
    if (bestOther && bestOther.cost === 0) return { kind: 'misattributed', match: bestOther, required };
    if (bestCited && isClose(bestCited, required)) return { kind: 'mismatch', match: bestCited, required };
    if (bestOther && isClose(bestOther, required)) return { kind: 'misattributed', match: bestOther, required };
    return { kind: 'not-found', required };
  }
  if (bestOther && bestOther.cost === 0) return { kind: 'uncited', match: bestOther, required };
  if (bestOther && isClose(bestOther, required)) return { kind: 'mismatch', match: bestOther, required };
  return { kind: 'not-found', required };
}

/**
 * Close enough to be the passage the writer meant, changed: most words kept,
 * few edits. Short quotations need all but one word of four, so a short quote
 * with a word changed may be reported as not found rather than guessed.
 */
export function isClose(match: QuoteMatch, required: number): boolean {
  const minMatches = Math.max(Math.min(4, required), Math.ceil(0.7 * required));
  const maxCost = Math.max(1, Math.floor(0.35 * required));
  return match.matches >= minMatches && match.cost <= maxCost;
}

function longestPart(parts: readonly PatternPart[]): number {
  let bestIndex = 0;
  parts.forEach((part, i) => { if (part.length > parts[bestIndex]!.length) bestIndex = i; });
  return bestIndex;
}

function best(index: CorpusIndex, parts: readonly PatternPart[], candidates: readonly Candidate[], seedIndex: number,
  wordsBefore: number, good: (m: QuoteMatch) => boolean): QuoteMatch | undefined {
  let winner: QuoteMatch | undefined;
  for (const candidate of candidates) {
    const doc = index.doc(candidate.docId);
    if (!doc) continue;
    const match = matchAt(doc, parts, candidate.wordIndex, seedIndex, wordsBefore);
    if (!winner || match.cost < winner.cost || (match.cost === winner.cost && match.matches > winner.matches)) winner = match;
    if (good(winner)) break;
  }
  return winner;
}

/** Aligns each part in order, the first near the candidate and each next one within `NEAR` words of the last. */
function matchAt(doc: IndexedDoc, parts: readonly PatternPart[], seedWord: number, seedIndex: number, wordsBefore: number): QuoteMatch {
  const slack = 8 + Math.ceil(parts[seedIndex]!.length / 4);
  let from = Math.max(0, seedWord - wordsBefore - slack - seedIndex * NEAR);
  const matched: PartMatch[] = [];
  let cost = 0;
  let matches = 0;
  parts.forEach((part, i) => {
    const reach = i === 0 && seedIndex === 0 ? 2 * slack : i === 0 ? wordsBefore + 2 * slack + seedIndex * NEAR : NEAR;
    const to = from + part.length + reach;
    const words = windowWords(doc, from, to);
    const alignment = align(part, words.map((w) => w.norm));
    matched.push({ part, alignment, words });
    cost += alignment.cost;
    matches += alignment.matches;
    from += alignment.sourceEnd;
  });
  return { doc, parts: matched, cost, matches };
}
