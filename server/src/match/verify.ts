import { comparePaths } from '../corpus/listFiles.js';
import type { CorpusIndex, IndexedDoc } from '../index/corpusIndex.js';
import type { Word } from '../text/tokenize.js';
import { align, type Alignment } from './align.js';
import { quotePattern, patternWordCount, type PatternPart } from './quotePattern.js';
import { exactRunCandidates, exactRunSearch } from './exactSearch.js';
import { rareWordSteps } from './rareWords.js';
import { retrieveSteps, type Candidate } from './retrieve.js';
import { finish, type Steps } from '../engine/steps.js';
import { SHORT_QUOTE_WORDS, shortQuoteCandidates } from './shortQuote.js';
import { windowWords } from './window.js';
import { sourceSlice } from '../corpus/sourceText.js';
import { partEdits } from './diffs.js';
import { scanningSuspects } from './scanningErrors.js';

/** One part of a quotation (between omission marks) aligned in a source. */
export interface PartMatch {
  readonly part: PatternPart;
  readonly alignment: Alignment;
  /** The source words the alignment indexes into (`alignment.s` is an index of this array). */
  readonly words: readonly Word[];
  /**
   * Set when this part is word for word in the source, but further from the
   * previous part than an omission may reach: the number of source words the
   * omission mark stands for. It counts as one edit.
   */
  readonly farOmission?: number;
}

/** Where a whole quotation stands in one source, and how far it is from it. */
export interface QuoteMatch {
  readonly doc: IndexedDoc;
  readonly parts: readonly PartMatch[];
  /** Alignment edits (0 only when word for word). */
  readonly cost: number;
  /**
   * Edits as closeness counts them (`partEdits`): a spelling variant none, a
   * reordering or a run of a few dropped words one. 0 with `cost` > 0: only spelling differs.
   */
  readonly edits: number;
  readonly matches: number;
}

export type MatchKind = 'verbatim' | 'spelling' | 'mismatch' | 'misattributed' | 'not-found' | 'uncited';

/** The verdict on a quotation's text, independent of where the quotation sits in a draft (so it can be cached). */
export interface MatchResult {
  readonly kind: MatchKind;
  readonly match?: QuoteMatch;
  /** Words the verdict was about (gaps excluded). */
  readonly required: number;
  /** For a mismatch (or spelling) in a cited source: the quotation word for word in another source. */
  readonly exactElsewhere?: QuoteMatch;
  /** Substitutions whose source word looks like a scanning error, as `part:sourceWord` (see `scanningSuspects`). */
  readonly suspects?: ReadonlySet<string>;
}

/** Words allowed between two parts of a quotation joined by an omission mark: about a paragraph. */
const NEAR = 150;
const PREFERRED_CANDIDATES = 16;
/**
 * Places of the longest run looked at in the cited sources. Usually the first is
 * the passage; many are needed only when brackets or omissions leave a short run
 * of common words ("that was [it] three"), and aligning one costs microseconds.
 */
const EXACT_PLACES_IN_CITED = 256;
const OTHER_CANDIDATES = 8;
/** From this many words, a cited passage changed inside (first and last words kept) outranks the exact words elsewhere. */
const CHANGED_INSIDE_WORDS = 6;
/** Quotations of this many words or fewer are pinned to another source only word for word. */
const SHORT = 4;

/**
 * Finds a quotation's text in the corpus and says how it stands against the cited sources.
 * `matchQuote(index, 'we are on the same page', ['000_5b963e663469ef88']).kind` is `'verbatim'`
 * when that source holds those words, `'mismatch'` when it holds them with a word changed.
 *
 * The searches, cheapest and surest first:
 * 1. word for word in the cited sources (every place their longest run occurs): verbatim;
 * 2. close in the cited sources: around their rarest word's places, then by diagonal votes;
 * 3. word for word anywhere else: misattributed (or uncited);
 * 4. a close passage in the cited sources: mismatch;
 * 5. close anywhere else (rare-word places and votes across the corpus):
 *    misattributed (or, for an uncited quotation, mismatch).
 */
export function matchQuote(index: CorpusIndex, text: string, citedKeys: readonly string[]): MatchResult {
  return finish(matchSteps(index, text, citedKeys));
}

/**
 * `matchQuote` in steps (`steps.ts`): it pauses between its searches and
 * inside the corpus-wide ones, so a check turn can stop in the middle of one
 * quotation and go on with it in the next turn. A quotation found nowhere in
 * 100,000 tiny sources took 60-80 ms in one piece.
 */
export function* matchSteps(index: CorpusIndex, text: string, citedKeys: readonly string[]): Steps<MatchResult> {
  const parts = quotePattern(text);
  const required = patternWordCount(parts);
  if (required === 0) return { kind: 'not-found', required };

  const cited = new Set<number>();
  for (const key of citedKeys) {
    const doc = index.docByKey(key);
    if (doc) cited.add(doc.id);
  }
  const seedIndex = longestPart(parts);
  const seed = parts[seedIndex]!;
  const seedNorms = seed.flatMap((item) => (item.kind === 'word' ? [item.norm] : []));
  const wordsBefore = parts.slice(0, seedIndex).reduce((n, p) => n + p.length, 0);
  const bestOf = (candidates: readonly Candidate[]) => best(index, text, parts, candidates, seedIndex, wordsBefore, (m) => m.cost === 0);
  const result = (kind: MatchKind, match?: QuoteMatch): MatchResult => (match ? { kind, match, required } : { kind, required });
  // The cited source first: a close passage there is what the writer meant, even when another source holds the exact words.
  const citedResult = (match: QuoteMatch, exact?: QuoteMatch): MatchResult => {
    const kind: MatchKind = match.edits === 0 ? 'spelling' : 'mismatch';
    const suspects = kind === 'mismatch' ? scanningSuspects(index, match) : undefined;
    return { kind, match, required, ...(exact ? { exactElsewhere: exact } : {}), ...(suspects && suspects.size > 0 ? { suspects } : {}) };
  };

  let inCited: QuoteMatch | undefined;
  if (cited.size > 0) {
    inCited = bestOf(exactRunCandidates(index, seed, cited, EXACT_PLACES_IN_CITED));
    if (inCited?.cost === 0) return result('verbatim', inCited);
    yield;
    inCited = better(inCited, bestOf(yield* rareWordSteps(index, seed, cited, PREFERRED_CANDIDATES)));
    if (inCited?.cost === 0) return result('verbatim', inCited);
    // One edit away is as close as a quotation can be without being verbatim
    // (which the exhaustive search above rules out): votes cannot do better.
    if (!inCited || inCited.edits > 1) {
      const voted = yield* retrieveSteps(index, seedNorms, { preferred: cited, preferredLimit: PREFERRED_CANDIDATES, otherLimit: 0, onlyDocs: cited });
      inCited = better(inCited, bestOf(voted.preferred));
    }
    if (inCited?.cost === 0) return result('verbatim', inCited);
    // A short quotation of common words: every place in the cited sources, not only the best-voted
    // (look-alike places one edit away abound; the passage may keep more of its words).
    if (parts.length === 1 && required <= SHORT_QUOTE_WORDS) {
      inCited = better(inCited, bestOf(shortQuoteCandidates(index, seed, cited, PREFERRED_CANDIDATES)));
    }
    if (inCited?.cost === 0) return result('verbatim', inCited);
    yield;
  }

  const anywhere = exactRunSearch(index, seed, undefined, OTHER_CANDIDATES + PREFERRED_CANDIDATES);
  const exactElsewhere = bestOf(anywhere.candidates.filter((c) => !cited.has(c.docId)));
  yield;
  const uncited = cited.size === 0;
  const exact = exactElsewhere?.cost === 0 ? exactElsewhere : undefined;
  // Against the exact words elsewhere, a short close passage in the cited source must hold every word
  // of the quotation (reordered, or with words dropped), or, from six words, keep its first and last
  // words: a short run of common words is close to a passage in many a source by chance
  // ("2014. The United States has" to "leaders. The United States has", "as it were, into the" to "as it were, the").
  if (inCited && isClose(inCited, required) && (!exact || required > SHORT_QUOTE_WORDS || holdsEveryWord(inCited)
    || (required >= CHANGED_INSIDE_WORDS && keepsEdges(inCited)))) {
    return citedResult(inCited, exact);
  }
  if (exact) return result(uncited ? 'uncited' : 'misattributed', exact);

  let elsewhere = bestOf((yield* rareWordSteps(index, seed, undefined, OTHER_CANDIDATES)).filter((c) => !cited.has(c.docId)));
  if (!elsewhere || !isClose(elsewhere, required)) {
    const voted = yield* retrieveSteps(index, seedNorms, { preferred: cited, preferredLimit: 0, otherLimit: OTHER_CANDIDATES });
    elsewhere = better(elsewhere, bestOf(voted.other));
  }
  if (elsewhere?.cost === 0) return result(uncited ? 'uncited' : 'misattributed', elsewhere);
  // A changed short quotation (four words) is close to some passage in many a
  // source; only the cited sources make such a guess worth showing.
  if (elsewhere && isClose(elsewhere, required) && required > SHORT) return uncited ? citedResult(elsewhere) : result('misattributed', elsewhere);
  return result('not-found');
}

/**
 * The better of two matches: fewer edits, then more words kept, then the
 * first by source path and place (not whichever search found it first, which
 * can depend on how the index was built: a fresh index and one updated file by
 * file must name the same passage).
 */
function better(a: QuoteMatch | undefined, b: QuoteMatch | undefined): QuoteMatch | undefined {
  if (!a) return b;
  if (!b) return a;
  if ((b.cost === 0) !== (a.cost === 0)) return b.cost === 0 ? b : a;
  if (b.edits !== a.edits) return b.edits < a.edits ? b : a;
  if (b.matches !== a.matches) return b.matches > a.matches ? b : a;
  if (b.cost !== a.cost) return b.cost < a.cost ? b : a;
  return (comparePaths(b.doc.source.path, a.doc.source.path) || startOf(b) - startOf(a)) < 0 ? b : a;
}

/** Whether every quotation word stands in the matched passage (give or take two words at its edges), in any order. */
function holdsEveryWord(match: QuoteMatch): boolean {
  const near = new Map<string, number>();
  for (const part of match.parts) {
    const { sourceStart, sourceEnd } = part.alignment;
    for (let s = Math.max(0, sourceStart - 2); s < Math.min(part.words.length, sourceEnd + 2); s++) {
      const norm = part.words[s]!.norm;
      near.set(norm, (near.get(norm) ?? 0) + 1);
    }
  }
  for (const part of match.parts) {
    for (const item of part.part) {
      if (item.kind !== 'word') continue;
      const left = near.get(item.norm) ?? 0;
      if (left === 0) return false;
      near.set(item.norm, left - 1);
    }
  }
  return true;
}

/** Whether the quotation's first and last words are matched as they stand (its differences are inside it). */
function keepsEdges(match: QuoteMatch): boolean {
  const first = match.parts[0]!;
  const last = match.parts[match.parts.length - 1]!;
  const firstWord = first.part.findIndex((item) => item.kind === 'word');
  let lastWord = last.part.length - 1;
  while (lastWord >= 0 && last.part[lastWord]!.kind !== 'word') lastWord--;
  const matched = (part: PartMatch, q: number) => part.alignment.ops.some((op) => op.op === 'match' && op.q === q);
  return matched(first, firstWord) && matched(last, lastWord);
}

/**
 * Negative when `a` is closer than `b`: word for word first, then fewer edits (as closeness counts them),
 * more words kept (a run of dropped words keeps every quoted word), fewer alignment edits.
 */
function closer(a: QuoteMatch, b: QuoteMatch): number {
  if ((a.cost === 0) !== (b.cost === 0)) return a.cost === 0 ? -1 : 1;
  return a.edits - b.edits || b.matches - a.matches || a.cost - b.cost;
}

/** Where a match's first aligned word starts in its source. */
function startOf(match: QuoteMatch): number {
  for (const part of match.parts) {
    const word = part.words[part.alignment.sourceStart];
    if (part.alignment.sourceEnd > part.alignment.sourceStart && word) return word.start;
  }
  return 0;
}

/**
 * Close enough to be the passage the writer meant, changed: most words kept,
 * few edits. Short quotations need all but one word of four, so a short quote
 * with a word changed may be reported as not found rather than guessed.
 */
export function isClose(match: QuoteMatch, required: number): boolean {
  const minMatches = Math.max(Math.min(4, required), Math.ceil(0.7 * required));
  const maxCost = Math.max(1, Math.floor(0.35 * required));
  return match.matches >= minMatches && match.edits <= maxCost;
}

function longestPart(parts: readonly PatternPart[]): number {
  let bestIndex = 0;
  parts.forEach((part, i) => { if (part.length > parts[bestIndex]!.length) bestIndex = i; });
  return bestIndex;
}

/**
 * The closest match among the candidates; of equally close ones, the first by
 * source path and place, so the verdict names the same source whatever order
 * the index met its files in. Once a good match is found, only candidates
 * before it in that order are still aligned.
 */
function best(index: CorpusIndex, text: string, parts: readonly PatternPart[], candidates: readonly Candidate[], seedIndex: number,
  wordsBefore: number, good: (m: QuoteMatch) => boolean): QuoteMatch | undefined {
  let winner: QuoteMatch | undefined;
  let winnerAt: Candidate | undefined;
  const earlier = (doc: IndexedDoc, at: Candidate) =>
    winner === undefined || winnerAt === undefined ||
    (comparePaths(doc.source.path, winner.doc.source.path) || (at.wordIndex - winnerAt.wordIndex)) < 0;
  for (const candidate of candidates) {
    const doc = index.doc(candidate.docId);
    if (!doc) continue;
    if (winner && good(winner) && !earlier(doc, candidate)) continue;
    const match = matchAt(index, doc, text, parts, candidate.wordIndex, seedIndex, wordsBefore);
    if (!winner || closer(match, winner) < 0 || (closer(match, winner) === 0 && earlier(doc, candidate))) {
      winner = match;
      winnerAt = candidate;
    }
  }
  return winner;
}

/**
 * Aligns each part in order, the first near the candidate and each next one within `NEAR`
 * words of the last. A part before the seed is looked for only before the seed's place
 * (give or take the seed's inaccuracy): the words that follow a passage often repeat a
 * part (“… I say, having receiv'd …”), and a part placed after the seed leaves the
 * seed unmatched.
 */
function matchAt(index: CorpusIndex, doc: IndexedDoc, text: string, parts: readonly PatternPart[], seedWord: number, seedIndex: number, wordsBefore: number): QuoteMatch {
  const seedLength = parts[seedIndex]!.length;
  const slack = 8 + Math.ceil(seedLength / 4);
  let from = Math.max(0, seedWord - wordsBefore - slack - seedIndex * NEAR);
  const matched: PartMatch[] = [];
  let cost = 0;
  let edits = 0;
  let matches = 0;
  let between = parts.slice(0, seedIndex).reduce((n, p) => n + p.length, 0);
  parts.forEach((part, i) => {
    const reach = i === 0 && seedIndex === 0 ? 2 * slack : i === 0 ? wordsBefore + 2 * slack + seedIndex * NEAR : NEAR;
    let windowEnd = from + part.length + reach;
    if (i < seedIndex) {
      between -= part.length;
      windowEnd = Math.max(from + part.length, Math.min(windowEnd, seedWord + Math.min(slack, seedLength - 1) - between));
    }
    let windowStart = from;
    let words = windowWords(doc, from, windowEnd);
    let alignment = align(part, words.map((w) => w.norm));
    let farOmission: number | undefined;
    if (i > 0 && alignment.cost > 0) {
      const far = farPart(index, doc, part, from);
      if (far) ({ windowStart, words, alignment, skipped: farOmission } = far);
    }
    matched.push(farOmission === undefined ? { part, alignment, words } : { part, alignment, words, farOmission });
    cost += alignment.cost + (farOmission === undefined ? 0 : 1);
    const counted = alignment.cost > 0 ? partEdits(text, { part, alignment, words }, (a, b) => sourceSlice(doc.source, a, b)) : undefined;
    edits += (counted?.edits ?? 0) + (farOmission === undefined ? 0 : 1);
    matches += alignment.matches + (counted?.spelledWords ?? 0);
    from = windowStart + alignment.sourceEnd;
  });
  return { doc, parts: matched, cost, edits, matches };
}

/** Source words an omission may stand for before its parts count as separate passages. */
const FAR = 20_000;

/**
 * The part word for word later in the same source, beyond an omission's reach:
 * so that "… words from three pages on" reads as an omission too long, not as
 * changed words.
 */
function farPart(index: CorpusIndex, doc: IndexedDoc, part: PatternPart, from: number):
  { windowStart: number; words: Word[]; alignment: Alignment; skipped: number } | undefined {
  const places = exactRunSearch(index, part, new Set([doc.id]), 64).candidates
    .filter((c) => c.wordIndex >= from && c.wordIndex - from <= FAR)
    .sort((a, b) => a.wordIndex - b.wordIndex);
  for (const place of places) {
    const windowStart = Math.max(from, place.wordIndex - 8);
    const words = windowWords(doc, windowStart, place.wordIndex + part.length + 8);
    const alignment = align(part, words.map((w) => w.norm));
    if (alignment.cost === 0) return { windowStart, words, alignment, skipped: windowStart + alignment.sourceStart - from };
  }
  return undefined;
}
