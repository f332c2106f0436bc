import type { FileSystem } from '../engine/io.js';
import { timeSlices } from '../engine/timeSlices.js';
import { Bibliography } from './bibliography.js';
import type { BibEntry, BibFile } from './entry.js';
import { settleEntries } from './lazyEntry.js';
import { bibFormat, readBibliography } from './readBibliography.js';

/**
 * The full parse of a BibTeX file (the server runs @retorquere/bibtex-parser
 * on a worker thread, cached by the file's hash): entries with every LaTeX
 * construct rendered, to replace the fast scan's. Undefined when it failed.
 * `bytes`, when given, are the file's bytes that `text` was decoded from, so
 * an implementation can hand them to another thread instead of the text.
 */
export type FullBibParse = (text: string, path: string, bytes?: Uint8Array) => Promise<readonly BibEntry[] | undefined>;

export interface BibliographyStoreOptions {
  readonly fullParse?: FullBibParse;
  /** A file's entries changed: loaded, re-read, or refined by the full parse. */
  readonly onChange?: (path: string) => void;
}

/**
 * Bibliography files by path, each read once and kept until it changes on
 * disk (`reload`). `peek` answers at once with what is read so far, so a
 * check never waits: the first check of a draft starts the reads it needs
 * (`request`) and the draft is checked again when they land (`onChange`).
 * A BibTeX file lands as soon as it is scanned; then its entries' text is
 * made in slices (`settleEntries`) and the full parse replaces them, merged
 * in slices, so no request waits long behind either.
 * `const store = new BibliographyStore(fs); await store.load('/w/refs.bib');`
 */
export class BibliographyStore {
  private readonly files = new Map<string, BibFile>();
  private readonly reads = new Map<string, Promise<BibFile>>();
  /** Bumped per read so a full parse of an older version of a file is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly combined = new Map<string, { files: readonly BibFile[]; bibliography: Bibliography }>();
  /** The background cleaning of each file's scanned entries (`settleEntries`). */
  private readonly settling = new Map<string, Promise<void>>();
  private changes = 0;

  constructor(private readonly fs: FileSystem, private readonly options: BibliographyStoreOptions = {}) {}

  /** Bumps whenever any file's entries change. */
  get version(): number {
    return this.changes;
  }

  peek(path: string): BibFile | undefined {
    return this.files.get(path);
  }

  /**
   * Resolves when the text of every entry of `path` as read now is made (its
   * `LazyBibEntry`s settled); at once for a file not read or not BibTeX.
   */
  async whenSettled(path: string): Promise<void> {
    await this.reads.get(path);
    await this.settling.get(path);
  }

  /** Every path read or being read. */
  paths(): string[] {
    return [...new Set([...this.files.keys(), ...this.reads.keys()])];
  }

  /** Reads `path` unless it is read or being read. */
  load(path: string): Promise<BibFile> {
    const known = this.files.get(path);
    if (known) return Promise.resolve(known);
    return this.reads.get(path) ?? this.read(path);
  }

  /** Starts reading the paths not read yet; true when all are read already. */
  request(paths: readonly string[]): boolean {
    let ready = true;
    for (const path of paths) {
      if (this.files.has(path)) continue;
      ready = false;
      if (!this.reads.has(path)) void this.read(path);
    }
    return ready;
  }

  /** Reads `path` again (it changed on disk); a path never read is ignored. */
  async reload(path: string): Promise<BibFile | undefined> {
    if (!this.files.has(path) && !this.reads.has(path)) return undefined;
    await this.reads.get(path);
    return this.read(path);
  }

  /**
   * The entries of `paths` (read so far, in order) and of inline `references`,
   * as one bibliography; the same object while none of them changes, so caches
   * keyed on it (completion, suggestions) last.
   */
  bibliography(paths: readonly string[], references: readonly BibEntry[] = [], draftPath = ''): Bibliography {
    const files = paths.map((p) => this.files.get(p)).filter((f): f is BibFile => f !== undefined);
    if (references.length > 0) files.unshift({ path: draftPath, entries: references, problems: [], status: 'ok' });
    const cacheKey = `${draftPath}\u0000${paths.join('\u0000')}`;
    const cached = this.combined.get(cacheKey);
    if (cached && cached.files.length === files.length && cached.files.every((f, i) => f === files[i] || (i === 0 && references.length > 0 && sameEntries(f.entries, files[0]!.entries)))) {
      return cached.bibliography;
    }
    const bibliography = new Bibliography(files);
    if (this.combined.size > 64) this.combined.clear();
    this.combined.set(cacheKey, { files, bibliography });
    return bibliography;
  }

  private read(path: string): Promise<BibFile> {
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    const reading = readBibliography(this.fs, path).then(({ text, bytes, ...file }) => {
      if (this.generations.get(path) === generation) {
        this.files.set(path, file);
        this.changes++;
        this.options.onChange?.(path);
        if (text !== undefined && bibFormat(path) === 'bibtex' && file.entries.length > 0) {
          const stale = () => this.generations.get(path) !== generation;
          this.settling.set(path, settleEntries(file.entries, stale));
          this.refine(file, text, bytes, generation);
        }
      }
      return file;
    }).finally(() => {
      if (this.reads.get(path) === reading) this.reads.delete(path);
    });
    this.reads.set(path, reading);
    return reading;
  }

  /** Replaces the scanned entries with the full parse's, keeping the scan's lines and attachments. */
  private refine(scanned: BibFile, text: string, bytes: Uint8Array | undefined, generation: number): void {
    const fullParse = this.options.fullParse;
    if (!fullParse) return;
    const stale = () => this.generations.get(scanned.path) !== generation;
    void fullParse(text, scanned.path, bytes).then(async (parsed) => {
      if (!parsed || stale()) return;
      const byKey = new Map<string, BibEntry>();
      await inSlices(parsed, (e) => { byKey.set(e.key, e); });
      const entries: BibEntry[] = [];
      await inSlices(scanned.entries, (entry) => {
        const full = byKey.get(entry.key);
        entries.push(full ? { ...full, line: entry.line, files: entry.files.length > 0 ? entry.files : full.files } : entry);
      });
      if (stale()) return;
      this.files.set(scanned.path, { ...scanned, entries, parsed: true });
      this.changes++;
      this.options.onChange?.(scanned.path);
    }).catch(() => undefined);
  }
}

/** `items.forEach(f)`, letting other work run between slices of time (see `timeSlices`). */
async function inSlices<T>(items: readonly T[], f: (item: T) => void): Promise<void> {
  const due = timeSlices();
  for (const item of items) {
    const turn = due();
    if (turn) await turn;
    f(item);
  }
}

function sameEntries(a: readonly BibEntry[], b: readonly BibEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}
