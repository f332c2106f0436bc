import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources } from '../bibliography/citable.js';
import type { BibEntry } from '../bibliography/entry.js';
import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { CompletionEntry } from './completion.js';
import type { KeyContext } from './completionContext.js';
import { findSources } from './keyFinder.js';
import { referenceLabel, referenceMarkdown } from './referenceMarkdown.js';
import { keyText } from '../draft/writeKey.js';
import { describeSource, openingMarkdown } from './sourceInfo.js';

/** More keys than this and the list is cut (and marked incomplete, so the client asks again as you type). */
const MAX_KEYS = 500;

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
  readonly label: string;
}

const rowsCache = new WeakMap<Bibliography, EntryRow[]>();

function rowsOf(bibliography: Bibliography): EntryRow[] {
  let rows = rowsCache.get(bibliography);
  if (!rows) {
    rows = [...bibliography.entries()].map((entry) => {
      const label = referenceLabel(entry);
      return { entry, lowerKey: entry.key.toLowerCase(), haystack: `${entry.key} ${label}`.toLowerCase(), label };
    }).sort((a, b) => (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0));
    rowsCache.set(bibliography, rows);
  }
  return rows;
}

/** Documentation (the formatted reference) for the first rows only: 10,000 formatted references would be most of the time. */
const DOCUMENTED = 100;

/**
 * Bibliography keys for `[@|`: those whose key starts with what is typed
 * (shortest first), then those whose key, authors, year or title contain it.
 * A plain scan rather than a fuzzy search: it stays under a few milliseconds
 * on 10,000 entries, where Fuse.js took tens.
 */
function bibliographyCompletions(index: CorpusIndex, bibliography: Bibliography, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  const rows = rowsOf(bibliography);
  const typed = context.prefix.toLowerCase();
  let ranked: EntryRow[];
  if (typed === '') ranked = rows;
  else {
    const prefixed: EntryRow[] = [];
    const containing: EntryRow[] = [];
    for (const row of rows) {
      if (row.lowerKey.startsWith(typed)) prefixed.push(row);
      else if (row.haystack.includes(typed)) containing.push(row);
    }
    prefixed.sort((a, b) => a.lowerKey.length - b.lowerKey.length || (a.lowerKey < b.lowerKey ? -1 : 1));
    ranked = prefixed.concat(containing);
  }
  const citable = citableSources(index, bibliography);
  // Written as `keyText` writes it, as corpus keys are; an entry no citation can name is left out.
  const writable: { row: EntryRow; text: string }[] = [];
  for (const row of ranked) {
    if (writable.length === MAX_KEYS) break;
    const text = keyText(row.entry.key);
    if (text !== undefined) writable.push({ row, text: context.braced ? row.entry.key : text });
  }
  const items = writable.map(({ row, text }, rank): CompletionEntry => {
    const indexed = citable.sourceKey(row.entry.key) !== undefined;
    return {
      label: row.entry.key,
      kind: 'source',
      detail: `${row.label}${indexed ? ' — full text indexed' : ' — no full text'}`,
      description: `${indexed ? '● ' : ''}${row.label}`,
      ...(rank < DOCUMENTED ? { documentation: referenceMarkdown(row.entry) } : {}),
      sortText: String(rank).padStart(5, '0'),
      filterText: `${row.entry.key} ${row.label}`,
      span: context.span,
      newText: text,
    };
  });
  return { items, isIncomplete: ranked.length > MAX_KEYS || context.prefix !== '' };
}

function corpusKeyCompletions(index: CorpusIndex, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  let ranked: Source[];
  if (context.prefix === '') {
    ranked = [...index.sources()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
  return { items, isIncomplete: ranked.length > MAX_KEYS || context.prefix !== '' };
}
