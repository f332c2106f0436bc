import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources } from '../bibliography/citable.js';
import type { BibEntry } from '../bibliography/entry.js';
import { isSettled } from '../bibliography/lazyEntry.js';
import { nextTurn, timeSlices } from '../engine/timeSlices.js';
import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { CompletionEntry } from './completion.js';
import type { KeyContext } from './completionContext.js';
import { findSources } from './keyFinder.js';
import { sourceMatches, type SourceMatches } from './sourceSearch.js';
import { referenceLabel, referenceMarkdown } from './referenceMarkdown.js';
import { keyText } from '../draft/writeKey.js';
import { describeSource, openingMarkdown } from './sourceInfo.js';

/** More keys than this and the list is cut (and marked incomplete, so the client asks again as you type). */
const MAX_KEYS = 500;

/**
 * Past this many sources, a typed key is looked for as Open Source looks
 * (`sourceMatches`: the key, keys beginning with it, keys and titles holding
 * it) instead of with Fuse.js over every source: over 100,000 sources one
 * fuzzy search took 300-850 ms of CPU, a keystroke's completion; the scan ~10.
 */
export const LARGE_CORPUS = 5_000;

/**
 * Every source key for `[@|`, or those matching what is typed, best first
 * (fuzzy on key and title). `keyCompletions(index, { prefix: 'linc', ... })`
 * ranks `sotu/1862_abraham_lincoln_n` first.
 */
export function keyCompletions(index: CorpusIndex, context: KeyContext, bibliography?: Bibliography): { items: CompletionEntry[]; isIncomplete: boolean } {
  const corpus = corpusKeyCompletions(index, context);
  if (!bibliography || bibliography.size === 0) return corpus;
  const entries = bibliographyCompletions(index, bibliography, context);
  // Bibliography keys first (what a Pandoc writer cites), then corpus keys no entry has.
  const items = [...entries.items, ...corpus.items.filter((item) => !bibliography.has(item.label))].slice(0, MAX_KEYS)
    .map((item, rank) => ({ ...item, sortText: String(rank).padStart(5, '0') }));
  return { items, isIncomplete: corpus.isIncomplete || entries.isIncomplete };
}

/**
 * What a citation writes after `@` for a key (`keyText`), by key; null when
 * no citation can name it. Kept because `keyText` may parse a draft to be
 * sure (~10 µs a key): 500 of them were several milliseconds of a request.
 */
const writtenKeys = new Map<string, string | null>();

function writtenKey(key: string): string | null {
  let written = writtenKeys.get(key);
  if (written === undefined) {
    if (writtenKeys.size >= 100_000) writtenKeys.clear();
    writtenKeys.set(key, written = keyText(key) ?? null);
  }
  return written;
}

/** A key in lower case, by key, for keys beyond ASCII (see `startsLower`). */
const lowerKeys = new Map<string, string>();

function lowerKey(key: string): string {
  let lower = lowerKeys.get(key);
  if (lower === undefined) {
    if (lowerKeys.size >= 100_000) lowerKeys.clear();
    lowerKeys.set(key, lower = key.toLowerCase());
  }
  return lower;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A character code in lower case, for ASCII. */
function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * `key.toLowerCase().startsWith(typed)` (`typed` in lower case), without
 * making the lower-case key while its first characters are ASCII: 10,000 keys
 * made in lower case for the first request were ~10 ms of it, and garbage.
 * A character beyond ASCII may lower to more than one, so such a key is compared whole, lowered (and kept).
 */
function startsLower(key: string, typed: string): boolean {
  for (let i = 0; i < typed.length; i++) {
    if (i === key.length) return false;
    const c = key.charCodeAt(i);
    if (c > 127) return lowerKey(key).startsWith(typed);
    if (lowerCode(c) !== typed.charCodeAt(i)) return false;
  }
  return true;
}

/** `key.toLowerCase().includes(typed)` (`typed` in lower case), the same way. */
function includesLower(key: string, typed: string): boolean {
  if (!isAscii(key)) return lowerKey(key).includes(typed);
  const last = key.length - typed.length;
  for (let start = 0; start <= last; start++) {
    let i = 0;
    while (i < typed.length && lowerCode(key.charCodeAt(start + i)) === typed.charCodeAt(i)) i++;
    if (i === typed.length) return true;
  }
  return false;
}

/** The length of `key` in lower case. */
function lowerLength(key: string): number {
  return isAscii(key) ? key.length : lowerKey(key).length;
}

interface Label {
  /** `Author (Year) Title`. */
  readonly text: string;
  /** Key and label, lower case: what a typed prefix is looked for in. */
  readonly haystack: string;
}

/** Each entry's label, made once its text is there (see `LazyBibEntry`). */
const labelOfEntry = new WeakMap<BibEntry, Label>();

function madeLabel(entry: BibEntry): Label | undefined {
  let label = labelOfEntry.get(entry);
  if (!label && isSettled(entry)) {
    const text = referenceLabel(entry);
    label = { text, haystack: `${entry.key} ${text}`.toLowerCase() };
    labelOfEntry.set(entry, label);
  }
  return label;
}

interface Listing {
  /** Entries in key order: the list for `[@|`. */
  readonly sorted: readonly BibEntry[];
  /**
   * For a file read again (a full parse landing brings 10,000 new entries of
   * the same keys), the labels of its last listing by position: what an entry
   * whose own label is not made yet is listed and found by meanwhile.
   */
  readonly standIns?: readonly (Label | undefined)[];
  /** Each entry's own label once made, by position (read 10,000 times a request: an array, not the `WeakMap`). */
  readonly labels: (Label | undefined)[];
  /** Every entry has its own label. */
  labelled: boolean;
  /** The background pass making labels, while under way. */
  labelling?: Promise<void> | undefined;
}

/**
 * The listing of a bibliography's entries, kept by what makes them: a
 * bibliography of one file by the file's entries (so every draft's
 * `Bibliography` of that file shares it), any other by itself.
 */
const listings = new WeakMap<object, Listing>();

function listingKey(bibliography: Bibliography): object {
  return bibliography.files.length === 1 ? bibliography.files[0]!.entries : bibliography;
}

/** The last listing of each bibliography file, for its stand-in labels when it is read again. */
const lastListingOfFile = new Map<string, Listing>();

/** An entry's label as it may be listed now: its own, else its stand-in, else none (its key alone). */
function labelNow(listing: Listing, i: number): Label | undefined {
  return listing.labels[i] ?? listing.standIns?.[i];
}

/** The own label of the listing's entry `i`, made now if its text is there. */
function labelAt(listing: Listing, i: number): Label | undefined {
  return listing.labels[i] ??= madeLabel(listing.sorted[i]!);
}

/**
 * The labels of `previous` (a listing of the same file) for the keys of
 * `sorted`, by position: by the same position while the keys are the same
 * (a full parse landing: the same keys in the same order), else by key.
 */
function standInsFrom(previous: Listing, sorted: readonly BibEntry[]): (Label | undefined)[] {
  const standIns = new Array<Label | undefined>(sorted.length);
  let i = 0;
  for (; i < sorted.length && i < previous.sorted.length && sorted[i]!.key === previous.sorted[i]!.key; i++) standIns[i] = labelNow(previous, i);
  if (i === sorted.length) return standIns;
  const byKey = new Map<string, Label>();
  for (let j = i; j < previous.sorted.length; j++) {
    const label = labelNow(previous, j);
    if (label) byKey.set(previous.sorted[j]!.key, label);
  }
  for (; i < sorted.length; i++) standIns[i] = byKey.get(sorted[i]!.key);
  return standIns;
}

/** The keys of the last listing sorted here (not in a file's `keyOrder`): a bibliography read again has the same keys, so no sort. */
let lastSorted: readonly string[] = [];

/**
 * The bibliography's entries in key order: no
 * object per entry, and no label (the labels are made between requests,
 * `labelInSlices`, and each request makes only those of the rows it sends).
 * A file whose reader sorted it (`BibFile.keyOrder`) takes that order: the
 * listing of a 10,000-entry file is an array made in ~1 ms. It made a row
 * object per entry before, and a full parse landing (10,000 new entries)
 * made them all again in one request.
 */
function listingOf(bibliography: Bibliography): Listing {
  const key = listingKey(bibliography);
  let listing = listings.get(key);
  if (!listing) {
    let sorted: BibEntry[];
    const only = bibliography.files.length === 1 ? bibliography.files[0]! : undefined;
    if (only?.keyOrder && only.keyOrder.length === only.entries.length) {
      sorted = bibliography.sortedEntries();
    } else if (lastSorted.length === bibliography.size && lastSorted.every((k) => bibliography.has(k))) {
      sorted = lastSorted.map((k) => bibliography.get(k)!);
    } else {
      sorted = bibliography.sortedEntries();
      lastSorted = sorted.map((entry) => entry.key);
    }
    const previous = only ? lastListingOfFile.get(only.path) : undefined;
    listing = { sorted, labels: new Array<Label | undefined>(sorted.length), labelled: false,
      ...(previous ? { standIns: standInsFrom(previous, sorted) } : {}) };
    listings.set(key, listing);
    if (only) lastListingOfFile.set(only.path, listing);
  }
  if (!listing.labelled && !listing.labelling) labelInSlices(listing);
  return listing;
}

/**
 * Makes the listing's labels a slice of time at a time between requests (see
 * `timeSlices`), waiting for entries whose text is not there yet; stops when
 * a pass makes no progress (that text still to come: the next request starts
 * it again).
 */
function labelInSlices(listing: Listing): void {
  listing.labelling = (async () => {
    await nextTurn();
    const due = timeSlices();
    let waiting = 0;
    for (let i = 0; i < listing.sorted.length; i++) {
      const turn = due();
      if (turn) await turn;
      if (!labelAt(listing, i)) waiting++;
    }
    listing.labelled = waiting === 0;
    listing.labelling = undefined;
  })();
}

/**
 * Resolves when the pass making the labels of `bibliography`'s key
 * completions (started by its first completion) has gone through every entry.
 */
export async function keyLabelsMade(bibliography: Bibliography): Promise<void> {
  await listings.get(listingKey(bibliography))?.labelling;
}

/**
 * Bibliography keys listed for a typed prefix: fewer than for `[@|`, since
 * such a list is incomplete anyway (the client asks again at each character)
 * and an editor shows a dozen rows. 500 rows of a 10,000-entry bibliography
 * were ~250 KB of JSON a keystroke, ~20 ms from request to answer; 100 were
 * ~70 KB (with each row's formatted reference), and writing that to the
 * client was most of the server's time for a request (~10 ms at load 6,
 * bench/README.md "Session 8"); 50 are ~35 KB.
 */
export const MAX_TYPED_KEYS = 50;

/** Documentation (the formatted reference) for the first rows only: 10,000 formatted references would be most of the time. */
const DOCUMENTED = 100;

/**
 * Bibliography keys for `[@|`: those whose key starts with what is typed
 * (shortest first), then those whose key, authors, year or title contain it,
 * up to `MAX_KEYS` that a citation can write (`MAX_TYPED_KEYS` once
 * something is typed). Not a fuzzy search: plain scans, the second stopping
 * at that many, take ~1 ms over 10,000 entries where Fuse.js took tens.
 * Only the rows sent get a label made in the request (an entry's label is
 * made once); the rest wait for the passes between requests.
 */
function bibliographyCompletions(index: CorpusIndex, bibliography: Bibliography, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  const listing = listingOf(bibliography);
  const { sorted } = listing;
  const typed = context.prefix.toLowerCase();
  const limit = typed === '' ? MAX_KEYS : MAX_TYPED_KEYS;
  // Written as `keyText` writes it, as corpus keys are; an entry no citation can name is left out.
  const writable: { at: number; text: string }[] = [];
  let more = false;
  const take = (at: number): boolean => {
    if (writable.length === limit) return !(more = true);
    const key = sorted[at]!.key;
    const written = writtenKey(key);
    if (written !== null) writable.push({ at, text: context.braced ? key : written });
    return true;
  };
  if (typed === '') {
    for (let i = 0; i < sorted.length; i++) if (!take(i)) break;
  } else {
    const prefixed: { at: number; length: number }[] = [];
    for (let i = 0; i < sorted.length; i++) if (startsLower(sorted[i]!.key, typed)) prefixed.push({ at: i, length: lowerLength(sorted[i]!.key) });
    // Shortest first; among keys of one length, in key order (the sort is stable).
    prefixed.sort((a, b) => a.length - b.length);
    let full = false;
    for (const { at } of prefixed) if (!take(at)) { full = true; break; }
    if (!full) {
      for (let i = 0; i < sorted.length; i++) {
        const key = sorted[i]!.key;
        if (startsLower(key, typed)) continue;
        // The label's haystack holds the key; an entry without one yet is found by its key alone.
        const label = labelNow(listing, i);
        if ((label ? label.haystack.includes(typed) : includesLower(key, typed)) && !take(i)) break;
      }
    }
  }
  const citable = citableSources(index, bibliography);
  let unlabelled = false;
  const items = writable.map(({ at, text }, rank): CompletionEntry => {
    const entry = sorted[at]!;
    const indexed = citable.sourceKey(entry.key) !== undefined;
    const own = labelAt(listing, at);
    const label = (own ?? labelNow(listing, at))?.text ?? '';
    if (!own) unlabelled = true;
    return {
      label: entry.key,
      kind: 'source',
      detail: [label, indexed ? 'full text indexed' : 'no full text'].filter(Boolean).join(' — '),
      description: `${indexed ? '● ' : ''}${label}`,
      ...(rank < DOCUMENTED ? { documentation: referenceMarkdown(entry) } : {}),
      sortText: String(rank).padStart(5, '0'),
      filterText: `${entry.key} ${label}`,
      span: context.span,
      newText: text,
    };
  });
  // While entries settle (or their labels are made), the client asks again (as you type).
  return { items, isIncomplete: more || context.prefix !== '' || unlabelled || !listing.labelled };
}

/** `firstKeys`' answer per index, for the version it was made for. */
const firstKeysOf = new WeakMap<CorpusIndex, { readonly version: number; readonly found: SourceMatches }>();

/**
 * The first keys in order (`sourceMatches` for an empty query), made once per
 * version of the index: every `[@` asks for them, and over 100,000 sources
 * finding them took 33-39 ms of a 52-81 ms completion.
 */
function firstKeys(index: CorpusIndex): SourceMatches {
  const known = firstKeysOf.get(index);
  if (known?.version === index.version) return known.found;
  const found = sourceMatches([index.sources()], '', MAX_KEYS + 50);
  firstKeysOf.set(index, { version: index.version, found });
  return found;
}

function corpusKeyCompletions(index: CorpusIndex, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  let ranked: readonly Source[];
  let cut = false;
  if (context.prefix === '' || index.size > LARGE_CORPUS) {
    // Keys in order, or those holding what is typed (Open Source's search): some more than the list holds, as some keys cannot be written.
    const found = context.prefix === '' ? firstKeys(index) : sourceMatches([index.sources()], context.prefix, MAX_KEYS + 50);
    ranked = found.sources;
    cut = found.total > found.sources.length;
  } else {
    const lower = context.prefix.toLowerCase();
    const prefixed = [...index.sources()].filter((s) => s.key.toLowerCase().startsWith(lower))
      .sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : 1));
    const fuzzy = findSources(index, 'complete', context.prefix, MAX_KEYS).map((r) => r.item);
    ranked = [...new Set([...prefixed, ...fuzzy])];
  }
  // A key is written as `keyText` writes it (`{smith2020.}` in braces); one no citation can name is left out.
  const writable: { source: Source; text: string }[] = [];
  for (const source of ranked) {
    if (writable.length === MAX_KEYS) break;
    const text = keyText(source.key);
    if (text !== undefined) writable.push({ source, text: context.braced ? source.key : text });
  }
  const items = writable.map(({ source, text }, rank): CompletionEntry => ({
    label: source.key,
    kind: 'source',
    detail: describeSource(source),
    ...(source.title && source.title !== source.key ? { description: source.title } : {}),
    documentation: openingMarkdown(source),
    sortText: String(rank).padStart(5, '0'),
    filterText: `${source.key} ${source.title}`,
    span: context.span,
    newText: text,
  }));
  return { items, isIncomplete: cut || ranked.length > MAX_KEYS || context.prefix !== '' };
}
