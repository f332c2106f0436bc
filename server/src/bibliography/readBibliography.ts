import type { FileSystem } from '../engine/io.js';
import { readCslJson, readCslYaml } from './csl.js';
import type { BibEntry, BibFile, BibProblem } from './entry.js';
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
 * `await readBibliography(fs, 'refs.bib')` gives its entries and its malformed ones as problems.
 */
export async function readBibliography(fs: FileSystem, path: string): Promise<BibFile & { text?: string }> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(path);
    if (!stat) return { path, entries: [], problems: [{ path, line: 0, message: 'no such file' }], status: 'missing' };
    if (stat.kind !== 'file') return { path, entries: [], problems: [{ path, line: 0, message: 'not a file' }], status: 'unreadable' };
    bytes = await fs.readFile(path);
  } catch (error) {
    const why = (error as Error).message ?? String(error);
    const missing = /ENOENT|ENOTDIR/.test(why);
    return { path, entries: [], problems: [{ path, line: 0, message: missing ? 'no such file' : `cannot be read (${why})` }], status: missing ? 'missing' : 'unreadable' };
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  // A large .bib is scanned in slices, so a server answers requests meanwhile.
  const { entries, problems } = bibFormat(path) === 'bibtex'
    ? await scanBibtexAsync(text, path).then(async (scan) => ({ entries: await inSlices(scan.entries, entryFromScan), problems: scan.problems }))
    : bibliographyFromText(text, path);
  return { path, entries, problems, status: 'ok', text };
}

/** `items.map(f)`, letting other work run every 500 items (10,000 scanned entries are ~100 ms of text cleaning). */
async function inSlices<T, U>(items: readonly T[], f: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % 500 === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    out.push(f(items[i]!));
  }
  return out;
}
