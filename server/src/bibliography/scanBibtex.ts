import { timeSlices } from '../engine/timeSlices.js';
import type { BibEntry, BibProblem } from './entry.js';
import { parseFileField } from './fileField.js';
import { plainTex } from './latex.js';
import { parseNames } from './names.js';

/** A BibTeX entry as scanned: its fields' raw values (macros expanded, `#` joined, outer delimiters gone). */
export interface ScannedEntry {
  readonly key: string;
  readonly type: string;
  readonly line: number;
  readonly fields: ReadonlyMap<string, string>;
}

export interface BibScan {
  readonly entries: ScannedEntry[];
  readonly problems: BibProblem[];
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: '1', feb: '2', mar: '3', apr: '4', may: '5', jun: '6', jul: '7', aug: '8', sep: '9', oct: '10', nov: '11', dec: '12',
};

/** Thrown inside the scanner only: what is wrong, and where scanning resumes. */
class Malformed {
  /** `keepsEntry`: the entry ran into the next one (or the end): the fields read so far still count. */
  constructor(readonly message: string, readonly resume: number, readonly keepsEntry = false) {}
}

/**
 * Reads a BibTeX/BibLaTeX file's entries in one pass (about 2 µs an entry;
 * @retorquere/bibtex-parser needs ~3 ms, which is the full parse the worker
 * runs later). A malformed entry is reported once, with its line, and
 * scanning resumes at the next `@` that starts a line, so one bad brace loses
 * one entry, not the file. A second entry with a key already seen is
 * reported and skipped. `test/src/engine/bibScanner.test.ts` holds it equal
 * to the parser on 10,000 real entries.
 * `scanBibtex('@book{a, title={T}}', 'refs.bib').entries[0]` is `{ key: 'a', type: 'book', line: 1, fields: Map { title → 'T' } }`.
 */
export function scanBibtex(text: string, path: string): BibScan {
  const scanner = new BibScanner(text, path);
  scanner.scan(text.length);
  return scanner.finish();
}

/** Characters scanned at a time in `scanBibtexAsync`: about 1 ms of work. */
const CHARS_AT_ONCE = 32 * 1024;

/**
 * `scanBibtex`, letting other work run between slices of time (see
 * `timeSlices`), so a server scanning a 7 MB bibliography still answers
 * requests meanwhile.
 */
export async function scanBibtexAsync(text: string, path: string): Promise<BibScan> {
  const scanner = new BibScanner(text, path);
  const due = timeSlices();
  for (let until = CHARS_AT_ONCE; !scanner.scan(until); until += CHARS_AT_ONCE) await due();
  return scanner.finish();
}

/** The scan's state, so it can stop after any entry and go on later. */
class BibScanner {
  private readonly entries: ScannedEntry[] = [];
  private readonly problems: BibProblem[] = [];
  private readonly strings = new Map<string, string>(Object.entries(MONTHS));
  private readonly seen = new Set<string>();
  private lineAt = 0;
  private line = 1;
  private at = 0;

  constructor(private readonly text: string, private readonly path: string) {}

  private lineOf(offset: number): number {
    const text = this.text;
    for (let nl = text.indexOf('\n', this.lineAt); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) this.line++;
    this.lineAt = offset;
    return this.line;
  }

  finish(): BibScan {
    inheritCrossrefs(this.entries);
    return { entries: this.entries, problems: this.problems };
  }

  /** Scans the entries that start before `until`; true when the whole text is scanned. */
  scan(until: number): boolean {
    const { text, path, entries, problems, strings, seen } = this;
    let at = this.at;
    while (at < text.length) {
      if (at >= until) { this.at = at; return false; }
      const atSign = text.indexOf('@', at);
      if (atSign < 0) break;
      const entryLine = this.lineOf(atSign);
      let i = atSign + 1;
      const typeStart = i;
      while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
      const type = text.slice(typeStart, i).toLowerCase();
      i = skipSpace(text, i);
      const open = text[i];
      if (type === '' || (open !== '{' && open !== '(')) { at = atSign + 1; continue; }
      const close = open === '{' ? '}' : ')';
      i++;
      let key: string | undefined;
      const fields = new Map<string, string>();
      try {
        if (type === 'comment' || type === 'preamble') {
          at = open === '{' ? braced(text, i - 1).end : skipTo(text, i, ')');
          continue;
        }
        if (type === 'string') {
          const field = readField(text, i, strings);
          strings.set(field.name, field.value ?? '');
          at = expectClose(text, skipSpace(text, field.end), close);
          continue;
        }
        const keyEnd = findKeyEnd(text, i, close);
        const written = text.slice(i, keyEnd).trim();
        if (written === '' || /\s/.test(written)) throw new Malformed(written === '' ? 'the entry has no key' : `no comma after the key “${written.split(/\s/)[0]}”`, keyEnd);
        key = written;
        i = keyEnd;
        for (;;) {
          i = skipSpace(text, i);
          if (i >= text.length) throw new Malformed(`@${key}: the entry is not closed`, i, true);
          const c = text[i];
          if (c === ',') { i++; continue; }
          if (c === close) { i++; break; }
          const field = readField(text, i, strings, KEPT_FIELDS);
          i = field.end;
          const next = skipSpace(text, i);
          if (text[next] !== ',' && text[next] !== close) {
            // The value took the entry's closing brace (it opens one more than it closes): the entry ends before the next.
            const runsOn = text.lastIndexOf('\n', next) >= i && startsEntry(text, text.lastIndexOf('\n', next) + 1);
            throw new Malformed(runsOn ? `@${key}: unbalanced braces in the field “${field.name}”` : `@${key}: expected “,” or “${close}” after the field “${field.name}”`, next, runsOn);
          }
          if (field.value !== undefined && !fields.has(field.name)) fields.set(field.name, field.value);
        }
        at = i;
      } catch (error) {
        if (!(error instanceof Malformed)) throw error;
        problems.push({ path, line: entryLine, message: error.message });
        at = nextEntryStart(text, Math.max(error.resume, atSign + 1));
        // An entry cut short by the next one (an unbalanced brace) keeps the fields read before, as BibTeX parsers do.
        if (!error.keepsEntry || key === undefined) continue;
      }
      if (key === undefined) continue;
      if (seen.has(key)) {
        problems.push({ path, line: entryLine, message: `the key “${key}” is defined again; the first entry is kept` });
        continue;
      }
      seen.add(key);
      entries.push({ key, type, line: entryLine, fields });
    }
    this.at = text.length;
    return true;
  }
}

/** An entry with `crossref = {parent}` takes the fields it lacks from the parent, as BibTeX and Biber do. */
function inheritCrossrefs(entries: readonly ScannedEntry[]): void {
  const byKey = new Map<string, ScannedEntry>();
  for (const entry of entries) byKey.set(entry.key.toLowerCase(), entry);
  for (const entry of entries) {
    const parentKey = entry.fields.get('crossref');
    const parent = parentKey === undefined ? undefined : byKey.get(parentKey.trim().toLowerCase());
    if (!parent || parent === entry) continue;
    const fields = entry.fields as Map<string, string>;
    for (const [name, value] of parent.fields) if (name !== 'crossref' && !fields.has(name)) fields.set(name, value);
  }
}

/**
 * The scanned entries in plain text: title, names, year, container, file paths.
 * `entryFromScan(scanBibtex('@book{a, title={{The} Sea}, year=1963}', 'r.bib').entries[0]).title` is `The Sea`.
 */
export function entryFromScan(scanned: ScannedEntry): BibEntry {
  const f = scanned.fields;
  const text = (name: string) => {
    const value = f.get(name);
    if (value === undefined) return undefined;
    const plain = plainTex(value);
    return plain === '' ? undefined : plain;
  };
  const verbatim = (name: string) => {
    const value = f.get(name)?.replace(/\\([_%&#$])/g, '$1').replace(/[{}]/g, '').trim();
    return value ? value : undefined;
  };
  const year = text('year') ?? /^\d{4}/.exec(f.get('date') ?? '')?.[0];
  const container = text('journaltitle') ?? text('journal') ?? text('booktitle');
  const issue = text('number') ?? text('issue');
  const file = f.get('file');
  return {
    key: scanned.key,
    type: scanned.type,
    line: scanned.line,
    authors: parseNames(f.get('author') ?? ''),
    files: file === undefined ? [] : parseFileField(file),
    ...optional('title', text('title')),
    ...(f.has('editor') ? { editors: parseNames(f.get('editor')!) } : {}),
    ...optional('year', year),
    ...optional('container', container),
    ...optional('volume', text('volume')),
    ...optional('issue', issue),
    ...optional('pages', text('pages')),
    ...optional('publisher', text('publisher')),
    ...optional('doi', verbatim('doi')),
    ...optional('url', verbatim('url')),
  };
}

function optional<K extends string>(name: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: string };
}

export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** `=,{}()"#`: ends a field name or a bare value. */
export function isFieldStop(c: number): boolean {
  return c === 61 || c === 44 || c === 123 || c === 125 || c === 40 || c === 41 || c === 34 || c === 35;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function findKeyEnd(text: string, i: number, close: string): number {
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === ',' || c === close) return j;
    if (c === '\n' && /^\s*[A-Za-z_][\w-]*\s*=/.test(text.slice(j + 1, j + 200))) return j; // a field on the next line: the comma is missing
    j++;
  }
  return j;
}

/**
 * The fields an entry keeps: what completion, hover, export and attachments
 * read. Skipping the rest (abstracts, notes, dates added) halves the scan's time.
 */
const KEPT_FIELDS: ReadonlySet<string> = new Set([
  'title', 'author', 'editor', 'year', 'date', 'journaltitle', 'journal', 'booktitle', 'volume', 'number', 'issue',
  'pages', 'publisher', 'doi', 'url', 'file', 'crossref',
]);

/**
 * `name = value # value ...` from `i`; the value's parts joined, macros
 * expanded. With `keep`, the value of a field not in it is skipped, not read (`value` undefined).
 */
function readField(text: string, i: number, strings: ReadonlyMap<string, string>, keep?: ReadonlySet<string>): { name: string; value: string | undefined; end: number } {
  const nameStart = i;
  while (i < text.length && !isSpace(text.charCodeAt(i)) && !isFieldStop(text.charCodeAt(i))) i++;
  const name = text.slice(nameStart, i).toLowerCase();
  const wanted = keep === undefined || keep.has(name);
  if (name === '') throw new Malformed(`unexpected “${text[i] ?? 'end of file'}” where a field name should be`, i);
  i = skipSpace(text, i);
  if (text[i] !== '=') throw new Malformed(`the field “${name}” has no “=”`, i);
  i = skipSpace(text, i + 1);
  let value = '';
  for (;;) {
    const c = text[i];
    if (c === '{') {
      const part = braced(text, i);
      if (wanted) value += text.slice(i + 1, part.end - 1);
      i = part.end;
    } else if (c === '"') {
      const end = quoted(text, i);
      if (wanted) value += text.slice(i + 1, end - 1);
      i = end;
    } else {
      const start = i;
      while (i < text.length && !isSpace(text.charCodeAt(i)) && !isFieldStop(text.charCodeAt(i))) i++;
      if (i === start) throw new Malformed(`the field “${name}” has no value`, i);
      if (wanted) {
        const word = text.slice(start, i);
        value += /^\d+$/.test(word) ? word : strings.get(word.toLowerCase()) ?? word;
      }
    }
    const next = skipSpace(text, i);
    if (text[next] !== '#') return { name, value: wanted ? value : undefined, end: i };
    i = skipSpace(text, next + 1);
  }
}

/** The end (after the closing brace) of the braced group opening at `i`. */
function braced(text: string, i: number): { end: number } {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) { j++; continue; } // a backslash: `\{` and `\}` are characters
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return { end: j + 1 };
    } else if (c === 10 && startsEntry(text, j + 1)) {
      throw new Malformed('unbalanced braces: the value runs into the next entry', j + 1, true);
    }
  }
  throw new Malformed('unbalanced braces: the value is not closed before the end of the file', text.length, true);
}

function quoted(text: string, i: number): number {
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) { j++; continue; }
    if (c === 123) depth++;
    else if (c === 125) depth--;
    else if (c === 34 && depth <= 0) return j + 1;
    else if (c === 10 && startsEntry(text, j + 1)) throw new Malformed('unclosed quotation mark: the value runs into the next entry', j + 1, true);
  }
  throw new Malformed('unclosed quotation mark', text.length);
}

/** Whether a line starting at `i` opens an entry: `@article{`, `@book (`. */
function startsEntry(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] !== '@') return false;
  j++;
  const start = j;
  while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
  if (j === start) return false;
  j = skipSpace(text, j);
  return text[j] === '{' || text[j] === '(';
}

function nextEntryStart(text: string, from: number): number {
  if ((from === 0 || text.charCodeAt(from - 1) === 10) && startsEntry(text, from)) return from;
  let i = from;
  for (;;) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    if (startsEntry(text, nl + 1)) return nl + 1;
    i = nl + 1;
  }
}

function expectClose(text: string, i: number, close: string): number {
  if (text[i] !== close) throw new Malformed(`expected “${close}”`, i);
  return i + 1;
}

function skipTo(text: string, i: number, close: string): number {
  const end = text.indexOf(close, i);
  return end < 0 ? text.length : end + 1;
}
