import type { Creator, Entry } from '@retorquere/bibtex-parser';
import type { BibEntry, CslName } from './entry.js';
import { parseFileField } from './fileField.js';

/** Options for the full parse: LaTeX to text, titles as written (no sentence case, no case-protection markup). */
export const FULL_PARSE_OPTIONS = { sentenceCase: false, caseProtection: false, english: false } as const;

/**
 * An entry of @retorquere/bibtex-parser as a `BibEntry` (line 0: the scan's
 * line is kept when it replaces a scanned entry).
 * `entryFromParsed({ key: 'a', type: 'book', fields: { title: 'T', author: [{ lastName: 'Doe' }] }, ... }).authors` is `[{ family: 'Doe' }]`.
 */
export function entryFromParsed(entry: Entry): BibEntry {
  const f = entry.fields as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = f[name];
    const joined = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : typeof value === 'string' ? value : undefined;
    const flat = joined?.replace(/\s+/g, ' ').trim().normalize('NFC');
    return flat ? flat : undefined;
  };
  const names = (name: string): CslName[] => (Array.isArray(f[name]) ? (f[name] as Creator[]).map(cslName) : []);
  const year = text('year') ?? /^\d{4}/.exec(text('date') ?? '')?.[0];
  const file = text('file');
  const editors = names('editor');
  const optional = (name: keyof BibEntry, value: string | undefined) => (value === undefined ? {} : { [name]: value });
  return {
    key: entry.key,
    type: entry.type,
    line: 0,
    authors: names('author'),
    files: file === undefined ? [] : parseFileField(file),
    ...(editors.length > 0 ? { editors } : {}),
    ...optional('title', text('title')),
    ...optional('year', year),
    ...optional('container', text('journaltitle') ?? text('journal') ?? text('booktitle')),
    ...optional('volume', text('volume')),
    ...optional('issue', text('number') ?? text('issue')),
    ...optional('pages', text('pages')),
    ...optional('publisher', text('publisher')),
    ...optional('doi', text('doi')),
    ...optional('url', text('url')),
  };
}

function cslName(creator: Creator): CslName {
  if (creator.name) return { literal: creator.name.normalize('NFC') };
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ').normalize('NFC');
  const given = [creator.firstName, creator.suffix].filter(Boolean).join(', ').normalize('NFC');
  return { ...(family ? { family } : {}), ...(given ? { given } : {}) };
}
