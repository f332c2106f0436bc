import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { BibEntry, BibProblem, CslName } from './entry.js';

type CslItem = Record<string, unknown>;

/**
 * CSL-JSON items (a list, or `{ references: [...] }` / `{ items: [...] }`) as
 * entries; an item without an `id` is reported, the rest still load.
 * `cslEntries([{ id: 'a', title: 'T', issued: { 'date-parts': [[2001]] } }], 'r.json').entries[0].year` is `2001`.
 */
export function cslEntries(items: unknown, path: string, lines?: (index: number) => number): { entries: BibEntry[]; problems: BibProblem[] } {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const list = Array.isArray(items) ? items
    : isObject(items) && Array.isArray(items['references']) ? items['references']
    : isObject(items) && Array.isArray(items['items']) ? items['items'] : undefined;
  if (!list) {
    problems.push({ path, line: 0, message: 'not a CSL list: expected a list of items, or `references:` holding one' });
    return { entries, problems };
  }
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const line = lines?.(i) ?? 0;
    if (!isObject(item) || (typeof item['id'] !== 'string' && typeof item['id'] !== 'number') || String(item['id']).trim() === '') {
      problems.push({ path, line, message: `item ${i + 1} has no \`id\`, so it cannot be cited` });
      return;
    }
    const key = String(item['id']).trim();
    if (seen.has(key)) {
      problems.push({ path, line, message: `the key “${key}” is defined again; the first entry is kept` });
      return;
    }
    seen.add(key);
    entries.push(entryFromCsl(item, key, line));
  });
  return { entries, problems };
}

/** Reads a CSL-JSON file's text. */
export function readCslJson(text: string, path: string): { entries: BibEntry[]; problems: BibProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { entries: [], problems: [{ path, line: jsonErrorLine(text, error), message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const starts = itemLines(text);
  return cslEntries(value, path, (i) => starts[i] ?? 0);
}

/** Reads a CSL-YAML file's text (Pandoc's form: a `references:` list, in a `---` block or not). */
export function readCslYaml(text: string, path: string): { entries: BibEntry[]; problems: BibProblem[] } {
  let value: unknown;
  try {
    const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''));
    const list = Array.isArray(docs) ? docs : [docs];
    const bad = list.find((d) => d.errors.length > 0);
    if (bad) {
      const error = bad.errors[0]!;
      return { entries: [], problems: [{ path, line: error.linePos?.[0]?.line ?? 0, message: `not valid YAML: ${error.message.split('\n')[0]}` }] };
    }
    value = list.map((d) => d.toJS() as unknown).find((v) => v !== null && v !== undefined);
  } catch (error) {
    return { entries: [], problems: [{ path, line: 0, message: `not valid YAML: ${(error as Error).message}` }] };
  }
  return cslEntries(value, path);
}

/** Front matter `references:` (already parsed YAML). */
export function inlineReferences(value: unknown, path: string): { entries: BibEntry[]; problems: BibProblem[] } {
  return cslEntries(Array.isArray(value) ? value : [], path);
}

export { parseYaml };

function entryFromCsl(item: CslItem, key: string, line: number): BibEntry {
  const str = (name: string) => {
    const v = item[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
  };
  const names = (name: string) => (Array.isArray(item[name]) ? (item[name] as unknown[]).filter(isObject).map(cslName) : []);
  const year = cslYear(item['issued']);
  const editors = names('editor');
  return {
    key,
    type: str('type') ?? 'document',
    line,
    authors: names('author'),
    files: [],
    csl: item,
    ...(str('title') !== undefined ? { title: str('title')! } : {}),
    ...(editors.length > 0 ? { editors } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(str('container-title') !== undefined ? { container: str('container-title')! } : {}),
    ...(str('volume') !== undefined ? { volume: str('volume')! } : {}),
    ...(str('issue') !== undefined ? { issue: str('issue')! } : {}),
    ...(str('page') !== undefined ? { pages: str('page')! } : {}),
    ...(str('publisher') !== undefined ? { publisher: str('publisher')! } : {}),
    ...(str('DOI') !== undefined ? { doi: str('DOI')! } : {}),
    ...(str('URL') !== undefined ? { url: str('URL')! } : {}),
  };
}

function cslName(raw: Record<string, unknown>): CslName {
  const s = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const literal = s(raw['literal']);
  if (literal) return { literal };
  const family = [s(raw['non-dropping-particle']), s(raw['family'])].filter(Boolean).join(' ');
  const given = s(raw['given']);
  return { ...(family ? { family } : {}), ...(given ? { given } : {}) };
}

/** `{ 'date-parts': [[2001, 5]] }`, `{ raw: '2001-05' }`, `{ literal: '2001' }` or `'2001'` give `2001`. */
function cslYear(issued: unknown): string | undefined {
  if (typeof issued === 'string' || typeof issued === 'number') return /\d{4}/.exec(String(issued))?.[0];
  if (!isObject(issued)) return undefined;
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined && parts[0][0] !== null) return String(parts[0][0]);
  for (const field of ['raw', 'literal']) {
    const v = issued[field];
    if (typeof v === 'string') return /\d{4}/.exec(v)?.[0];
  }
  return undefined;
}

/** 1-based lines where each item of a top-level JSON list starts (an `{` at depth 1). */
function itemLines(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (c === '{' && depth === 1) starts.push(line);
      depth++;
    } else if (c === ']' || c === '}') depth--;
  }
  return starts;
}

function jsonErrorLine(text: string, error: unknown): number {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return 0;
  return text.slice(0, Number(position)).split('\n').length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
