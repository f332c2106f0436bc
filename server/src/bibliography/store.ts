import type { FileSystem } from '../engine/io.js';
import { Bibliography } from './bibliography.js';
import type { BibEntry, BibFile } from './entry.js';
import { bibFormat, readBibliography } from './readBibliography.js';

/**
 * The full parse of a BibTeX file (the server runs @retorquere/bibtex-parser
 * on a worker thread, cached by the file's hash): entries with every LaTeX
 * construct rendered, to replace the fast scan's. Undefined when it failed.
 */
export type FullBibParse = (text: string, path: string) => Promise<readonly BibEntry[] | undefined>;

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
 * `const store = new BibliographyStore(fs); await store.load('/w/refs.bib');`
 */
export class BibliographyStore {
  private readonly files = new Map<string, BibFile>();
  private readonly reads = new Map<string, Promise<BibFile>>();
  /** Bumped per read so a full parse of an older version of a file is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly combined = new Map<string, { files: readonly BibFile[]; bibliography: Bibliography }>();
  private changes = 0;

  constructor(private readonly fs: FileSystem, private readonly options: BibliographyStoreOptions = {}) {}

  /** Bumps whenever any file's entries change. */
  get version(): number {
    return this.changes;
  }

  peek(path: string): BibFile | undefined {
    return this.files.get(path);
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
    const reading = readBibliography(this.fs, path).then(({ text, ...file }) => {
      if (this.generations.get(path) === generation) {
        this.files.set(path, file);
        this.changes++;
        this.options.onChange?.(path);
        if (text !== undefined && bibFormat(path) === 'bibtex' && file.entries.length > 0) this.refine(file, text, generation);
      }
      return file;
    }).finally(() => {
      if (this.reads.get(path) === reading) this.reads.delete(path);
    });
    this.reads.set(path, reading);
    return reading;
  }

  /** Replaces the scanned entries with the full parse's, keeping the scan's lines and attachments. */
  private refine(scanned: BibFile, text: string, generation: number): void {
    const fullParse = this.options.fullParse;
    if (!fullParse) return;
    void fullParse(text, scanned.path).then((parsed) => {
      if (!parsed || this.generations.get(scanned.path) !== generation) return;
      const byKey = new Map(parsed.map((e) => [e.key, e]));
      const entries = scanned.entries.map((entry) => {
        const full = byKey.get(entry.key);
        return full ? { ...full, line: entry.line, files: entry.files.length > 0 ? entry.files : full.files } : entry;
      });
      this.files.set(scanned.path, { ...scanned, entries, parsed: true });
      this.changes++;
      this.options.onChange?.(scanned.path);
    }, () => undefined);
  }
}

function sameEntries(a: readonly BibEntry[], b: readonly BibEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}
