import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { Bibliography } from './bibliography.js';
import type { BibEntry, CslName } from './entry.js';

export type CslItem = Record<string, unknown>;

/** BibTeX entry types as CSL types; anything else is `document`. */
const CSL_TYPES: Readonly<Record<string, string>> = {
  article: 'article-journal', book: 'book', mvbook: 'book', inbook: 'chapter', incollection: 'chapter', bookinbook: 'chapter',
  inproceedings: 'paper-conference', conference: 'paper-conference', proceedings: 'book', phdthesis: 'thesis',
  mastersthesis: 'thesis', thesis: 'thesis', techreport: 'report', report: 'report', online: 'webpage', www: 'webpage',
  manual: 'report', misc: 'document', unpublished: 'manuscript', patent: 'patent', dataset: 'dataset', software: 'software',
};

/**
 * CSL-JSON for every source a draft can cite, for
 * `pandoc --citeproc --bibliography refs.json`: each bibliography entry
 * (a CSL item as given, a BibTeX entry converted), then each corpus source
 * no entry has the key of (title, author, issued, URL), in key order.
 * `exportCsl(index, bibliography)[0]` is `{ id: 'smith2020', type: 'article-journal', title: ... }`.
 */
export function exportCsl(index: CorpusIndex, bibliography: Bibliography): CslItem[] {
  const items: CslItem[] = [];
  for (const entry of bibliography.entries()) items.push(entry.csl ? { ...entry.csl, id: entry.key } : cslFromEntry(entry));
  const sources = [...index.sources()].filter((s) => !bibliography.has(s.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const source of sources) items.push(cslFromSource(source));
  return items;
}

/** A bibliography entry read from BibTeX as a CSL item. */
export function cslFromEntry(entry: BibEntry): CslItem {
  return withoutEmpty({
    id: entry.key,
    type: CSL_TYPES[entry.type.toLowerCase()] ?? (entry.type.includes('-') ? entry.type : 'document'),
    title: entry.title,
    author: entry.authors.length > 0 ? entry.authors.map(cslName) : undefined,
    editor: entry.editors && entry.editors.length > 0 ? entry.editors.map(cslName) : undefined,
    issued: entry.year !== undefined && /^\d+$/.test(entry.year) ? { 'date-parts': [[Number(entry.year)]] } : entry.year !== undefined ? { literal: entry.year } : undefined,
    'container-title': entry.container,
    volume: entry.volume,
    issue: entry.issue,
    page: entry.pages?.replace(/–/g, '-'),
    publisher: entry.publisher,
    DOI: entry.doi,
    URL: entry.url,
  });
}

/** A corpus source as a CSL item, from what its front matter or text says. */
export function cslFromSource(source: Source): CslItem {
  return withoutEmpty({
    id: source.key,
    type: source.url ? 'webpage' : 'document',
    title: source.title || source.key,
    author: source.author ? source.author.split(/\s+and\s+|;\s*/).filter((a) => a.trim() !== '').map((a) => ({ literal: a.trim() })) : undefined,
    issued: source.date ? issued(source.date) : undefined,
    URL: source.url,
  });
}

/** `issued('1862-12-01')` is `{ 'date-parts': [[1862, 12, 1]] }`; text that is no ISO date is kept as `literal`. */
function issued(date: string): CslItem {
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(date.trim());
  if (!iso) return { literal: date.trim() };
  return { 'date-parts': [iso.slice(1).filter((p): p is string => p !== undefined).map(Number)] };
}

function cslName(name: CslName): CslItem {
  return withoutEmpty({ family: name.family, given: name.given, literal: name.literal });
}

function withoutEmpty(item: CslItem): CslItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== ''));
}
