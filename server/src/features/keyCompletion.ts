import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources } from '../bibliography/citable.js';
import type { BibEntry } from '../bibliography/entry.js';
import { isSettled } from '../bibliography/lazyEntry.js';
import { nextTurn } from '../engine/timeSlices.js';
import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { CompletionEntry } from './completion.js';
import type { KeyContext } from './completionContext.js';
import { findSources } from './keyFinder.js';
import { sourceMatches } from './sourceSearch.js';
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

interface EntryRow {
  readonly entry: BibEntry;
  readonly lowerKey: string;
  /** Key, label (authors, year, title), lower case: what a typed prefix is looked for in. */
  readonly haystack: string;
  /** `Author (Year) Title`; empty while the entry's text is not made yet (see `LazyBibEntry`). */
  readonly label: string;
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

interface Rows {
  /** In key order: the list for `[@|`. */
  readonly rows: EntryRow[];
  /** Positions of rows that hold a key alone, their label not made yet. */
  pending: number[];
  /** A background pass making labels is scheduled. */
  labelling?: boolean;
}

/** Rows by entry, so a new `Bibliography` of the same entries (another draft, another file added) reuses them. */
const rowOfEntry = new WeakMap<BibEntry, EntryRow>();
const rowsCache = new WeakMap<object, Rows>();

/**
 * What rows are kept by: a bibliography of one file, by the file's entries
 * (the same entries in a new file, their text come from the server's BibTeX
 * thread, keep their rows, and the rows waiting for it get their labels as
 * usual); any other, by itself.
 */
function rowsKey(bibliography: Bibliography): object {
  return bibliography.files.length === 1 ? bibliography.files[0]!.entries : bibliography;
}
/** The keys of the last rows made, in order: a bibliography read again has the same keys, so no sort. */
let lastOrder: readonly string[] = [];

/** Labels made per request (and per background pass): ~2 ms of work. */
const LABELS_PER_TURN = 500;

function rowFor(entry: BibEntry): EntryRow {
  let row = rowOfEntry.get(entry);
  if (!row) {
    const label = referenceLabel(entry);
    row = { entry, lowerKey: entry.key.toLowerCase(), haystack: `${entry.key} ${label}`.toLowerCase(), label };
    rowOfEntry.set(entry, row);
  }
  return row;
}

function keyOnlyRow(entry: BibEntry): EntryRow {
  const lowerKey = entry.key.toLowerCase();
  return { entry, lowerKey, haystack: lowerKey, label: '' };
}

/**
 * The bibliography's rows in key order. A row gets its label (`Author (Year)
 * Title`, which needs the entry's text) at once when it was made before for
 * the same entry, else `LABELS_PER_TURN` at a time, in this request and in
 * passes between requests; until then it lists the key alone. An entry whose
 * text is not made yet (a large file just scanned, `settleEntries` still at
 * work) waits for it. So listing 10,000 keys never waits for their text: a
 * bibliography read again (its full parse landed, its file changed) cost
 * ~60 ms of labels and sorting in one request before.
 */
function rowsOf(bibliography: Bibliography): Rows {
  let cached = rowsCache.get(rowsKey(bibliography));
  if (!cached) {
    const pending: number[] = [];
    const make = (entry: BibEntry, i: number) => {
      const known = rowOfEntry.get(entry);
      if (known) return known;
      pending.push(i);
      return keyOnlyRow(entry);
    };
    let rows: EntryRow[];
    if (lastOrder.length === bibliography.size && lastOrder.every((key) => bibliography.has(key))) {
      rows = lastOrder.map((key, i) => make(bibliography.get(key)!, i));
    } else {
      rows = bibliography.sortedEntries().map(make);
      lastOrder = rows.map((row) => row.entry.key);
    }
    rowsCache.set(rowsKey(bibliography), cached = { rows, pending });
  }
  if (cached.pending.length > 0) label(cached);
  return cached;
}

/** Makes up to `LABELS_PER_TURN` pending labels; schedules a pass for the rest while passes make progress. */
function label(cached: Rows): void {
  let budget = LABELS_PER_TURN;
  const { rows } = cached;
  const before = cached.pending.length;
  cached.pending = cached.pending.filter((i) => {
    if (budget === 0 || !isSettled(rows[i]!.entry)) return true;
    budget--;
    rows[i] = rowFor(rows[i]!.entry);
    return false;
  });
  if (cached.pending.length === 0 || cached.pending.length === before || cached.labelling) return;
  cached.labelling = true;
  void nextTurn().then(() => {
    cached.labelling = false;
    label(cached);
  });
}

/**
 * Bibliography keys listed for a typed prefix: fewer than for `[@|`, since
 * such a list is incomplete anyway (the client asks again at each character)
 * and an editor shows a dozen rows. 500 rows of a 10,000-entry bibliography
 * were ~250 KB of JSON a keystroke, ~20 ms from request to answer; 100 are
 * ~50 KB.
 */
export const MAX_TYPED_KEYS = 100;

/** Documentation (the formatted reference) for the first rows only: 10,000 formatted references would be most of the time. */
const DOCUMENTED = 100;

/**
 * Bibliography keys for `[@|`: those whose key starts with what is typed
 * (shortest first), then those whose key, authors, year or title contain it,
 * up to `MAX_KEYS` that a citation can write (`MAX_TYPED_KEYS` once
 * something is typed). Not a fuzzy search: plain scans, the second stopping
 * at that many, take ~1 ms over 10,000 entries
 * where Fuse.js took tens.
 */
function bibliographyCompletions(index: CorpusIndex, bibliography: Bibliography, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  const cached = rowsOf(bibliography);
  const typed = context.prefix.toLowerCase();
  const limit = typed === '' ? MAX_KEYS : MAX_TYPED_KEYS;
  // Written as `keyText` writes it, as corpus keys are; an entry no citation can name is left out.
  const writable: { row: EntryRow; text: string }[] = [];
  let more = false;
  const take = (row: EntryRow): boolean => {
    if (writable.length === limit) return !(more = true);
    const written = writtenKey(row.entry.key);
    if (written !== null) writable.push({ row, text: context.braced ? row.entry.key : written });
    return true;
  };
  if (typed === '') {
    for (const row of cached.rows) if (!take(row)) break;
  } else {
    const prefixed: EntryRow[] = [];
    for (const row of cached.rows) if (row.lowerKey.startsWith(typed)) prefixed.push(row);
    // Shortest first; among keys of one length, in key order (the sort is stable).
    prefixed.sort((a, b) => a.lowerKey.length - b.lowerKey.length);
    let full = false;
    for (const row of prefixed) if (!take(row)) { full = true; break; }
    if (!full) {
      for (const row of cached.rows) {
        if (!row.lowerKey.startsWith(typed) && row.haystack.includes(typed) && !take(row)) break;
      }
    }
  }
  const citable = citableSources(index, bibliography);
  const items = writable.map(({ row, text }, rank): CompletionEntry => {
    const indexed = citable.sourceKey(row.entry.key) !== undefined;
    return {
      label: row.entry.key,
      kind: 'source',
      detail: [row.label, indexed ? 'full text indexed' : 'no full text'].filter(Boolean).join(' — '),
      description: `${indexed ? '● ' : ''}${row.label}`,
      ...(rank < DOCUMENTED ? { documentation: referenceMarkdown(row.entry) } : {}),
      sortText: String(rank).padStart(5, '0'),
      filterText: `${row.entry.key} ${row.label}`,
      span: context.span,
      newText: text,
    };
  });
  // While entries settle, the client asks again (as you type), for their labels.
  return { items, isIncomplete: more || context.prefix !== '' || cached.pending.length > 0 };
}

function corpusKeyCompletions(index: CorpusIndex, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  let ranked: readonly Source[];
  let cut = false;
  if (context.prefix === '' || index.size > LARGE_CORPUS) {
    // Keys in order, or those holding what is typed (Open Source's search): some more than the list holds, as some keys cannot be written.
    const found = sourceMatches([index.sources()], context.prefix, MAX_KEYS + 50);
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
