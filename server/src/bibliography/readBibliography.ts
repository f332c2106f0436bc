import type { FileSystem } from '../engine/io.js';
import { timeSlices } from '../engine/timeSlices.js';
import { readCslJson, readCslYaml } from './csl.js';
import type { BibEntry, BibFile, BibProblem } from './entry.js';
import { LazyBibEntry } from './lazyEntry.js';
import { entryFromScan, scanBibtex, scanBibtexAsync } from './scanBibtex.js';

/** The bibliography formats Pandoc reads, by extension: BibLaTeX/BibTeX, CSL-JSON, CSL-YAML. */
export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** `bibFormat('refs.BIB')` is `bibtex`; undefined for an extension Pandoc does not read as a bibliography. */
export function bibFormat(path: string): BibFormat | undefined {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex' || ext === 'biblatex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  if (ext === 'yaml' || ext === 'yml') return 'csl-yaml';
  return undefined;
}

/**
 * Entries of a bibliography file's text, by its format. For BibTeX this is
 * the fast scan (see `scanBibtex`); the full parse replaces it later.
 */
export function bibliographyFromText(text: string, path: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const format = bibFormat(path);
  if (format === 'csl-json') return readCslJson(text, path);
  if (format === 'csl-yaml') return readCslYaml(text, path);
  if (format === undefined && /^\s*[[{]/.test(text)) return readCslJson(text, path);
  const scan = scanBibtex(text, path);
  return { entries: scan.entries.map(entryFromScan), problems: scan.problems };
}

/**
 * Reads one bibliography file through `fs`. Never throws: a missing or
 * unreadable file is a `BibFile` with that status and one problem.
 * A BibTeX file is decoded and scanned in slices, so a server answers requests
 * meanwhile, and its entries are `LazyBibEntry`s: known by key at once, their
 * text made when first read (or by `settleEntries`). `text` and `bytes` are
 * what was read, for the full parse; `read`, the bytes when the caller read them already.
 * `await readBibliography(fs, 'refs.bib')` gives its entries and its malformed ones as problems.
 */
export async function readBibliography(fs: FileSystem, path: string, read?: ReadBytes): Promise<BibFile & { text?: string; bytes?: Uint8Array }> {
  const got = read ?? await readBibliographyBytes(fs, path);
  if ('status' in got) return got;
  const { bytes } = got;
  const text = await decodeInSlices(bytes);
  if (bibFormat(path) !== 'bibtex') return { path, ...bibliographyFromText(text, path), status: 'ok', text, bytes };
  const scan = await scanBibtexAsync(text, path);
  return { path, entries: scan.entries.map((e) => new LazyBibEntry(e)), problems: scan.problems, status: 'ok', text, bytes };
}

/** A bibliography file's bytes as read. */
export interface ReadBytes {
  readonly bytes: Uint8Array;
}

/**
 * The bytes of a bibliography file, or, when there is none or it cannot be
 * read, the `BibFile` that says so (with its one problem). Never throws.
 */
export async function readBibliographyBytes(fs: FileSystem, path: string): Promise<ReadBytes | BibFile> {
  const unreadable = await unreadableBibliography(fs, path);
  if (unreadable) return unreadable;
  try {
    return { bytes: await fs.readFile(path) };
  } catch (error) {
    return cannotBeRead(path, error);
  }
}

/**
 * The `BibFile` that says a bibliography file is missing or not a file, or
 * undefined when it is a file (which may still fail to be read). Never throws.
 */
export async function unreadableBibliography(fs: FileSystem, path: string): Promise<BibFile | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat) return { path, entries: [], problems: [{ path, line: 0, message: 'no such file' }], status: 'missing' };
    if (stat.kind !== 'file') return { path, entries: [], problems: [{ path, line: 0, message: 'not a file' }], status: 'unreadable' };
    return undefined;
  } catch (error) {
    return cannotBeRead(path, error);
  }
}

function cannotBeRead(path: string, error: unknown): BibFile {
  const why = (error as Error).message ?? String(error);
  const missing = /ENOENT|ENOTDIR/.test(why);
  return { path, entries: [], problems: [{ path, line: 0, message: missing ? 'no such file' : `cannot be read (${why})` }], status: missing ? 'missing' : 'unreadable' };
}

/** Bytes decoded at a time (~1 ms): a 7 MB file decoded at once held a server ~50 ms. */
const DECODED_AT_ONCE = 128 * 1024;

/** UTF-8 (invalid sequences replaced, a byte order mark dropped), decoded a slice of time at a time. */
async function decodeInSlices(bytes: Uint8Array): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const due = timeSlices();
  let text = '';
  for (let at = 0; at < bytes.length; at += DECODED_AT_ONCE) {
    await due();
    text += decoder.decode(bytes.subarray(at, at + DECODED_AT_ONCE), { stream: at + DECODED_AT_ONCE < bytes.length });
  }
  text += decoder.decode();
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
