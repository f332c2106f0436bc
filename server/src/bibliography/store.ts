import type { FileSystem } from '../engine/io.js';
import { timeSlices } from '../engine/timeSlices.js';
import { Bibliography, mapKeysInSlices } from './bibliography.js';
import type { BibEntry, BibFile, BibProblem } from './entry.js';
import { ArrivingBibEntry, settleEntries } from './lazyEntry.js';
import { bibFormat, readBibliography, readBibliographyBytes, unreadableBibliography } from './readBibliography.js';

/**
 * The full parse of a BibTeX file (the server runs @retorquere/bibtex-parser
 * on a worker thread, cached by the file's hash): entries with every LaTeX
 * construct rendered, to replace the fast scan's. Undefined when it failed.
 * `bytes`, when given, are the file's bytes that `text` was decoded from, so
 * an implementation can hand them to another thread instead of the text.
 */
export type FullBibParse = (text: string, path: string, bytes?: Uint8Array) => Promise<readonly BibEntry[] | undefined>;

/** A BibTeX file's keys as another thread scanned them: in file order, with their types and lines. */
export interface BibKeys {
  readonly keys: readonly string[];
  readonly types: readonly string[];
  readonly lines: ArrayLike<number>;
  /** Positions of `keys` in key order (`compareKeys`): see `BibFile.keyOrder`. */
  readonly order: ArrayLike<number>;
  readonly problems: readonly BibProblem[];
}

/**
 * One BibTeX file read on another thread (the server's: `node/bibtexThread.ts`),
 * in three steps that each wait to be asked for, so this thread takes them
 * when it can: the keys, then each entry's text (the scan's), then the full parse.
 */
export interface BibtexReading {
  /** The keys; undefined when the thread failed (the file is then read here). */
  readonly keys: Promise<BibKeys | undefined>;
  /** Each entry's text (`entryFromScan`), in file order, batch by batch; false when the thread failed. */
  scanned(onBatch: (batch: readonly BibEntry[]) => void): Promise<boolean>;
  /** The full parse (as `FullBibParse` resolves it), after the scan's text. */
  parsed(): Promise<readonly BibEntry[] | undefined>;
  /** The file was read again: the thread's work is dropped. */
  stop(): void;
}

/**
 * Starts reading a BibTeX file on another thread: `bytes` as read here (they
 * may be moved there, emptied here), or, when undefined, the file at `path`,
 * read there (its `keys` resolve undefined when it cannot be read: the file is then read here, which says why).
 */
export type BibtexThread = (bytes: Uint8Array | undefined, path: string) => BibtexReading;

export interface BibliographyStoreOptions {
  readonly fullParse?: FullBibParse;
  /**
   * Reads BibTeX files on another thread (decoding, scanning, sorting the
   * keys and making the entries' text there), so this thread never holds the
   * text; `fullParse` is not used then (the thread parses in full too).
   */
  readonly bibtexThread?: BibtexThread;
  /**
   * `bibtexThread` reads the files itself (given no bytes): a 7 MB file read
   * here took several turns of this thread's event loop, each behind whatever
   * else ran, before the thread could start on it.
   */
  readonly threadReadsFiles?: boolean;
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
    const thread = this.options.bibtexThread;
    const reading = (thread && bibFormat(path) === 'bibtex' ? this.readElsewhere(path, thread, generation) : this.readHere(path, generation)).finally(() => {
      if (this.reads.get(path) === reading) this.reads.delete(path);
    });
    this.reads.set(path, reading);
    return reading;
  }

  /**
   * Reads a BibTeX file on `thread`: its entries are `ArrivingBibEntry`s,
   * known by key as soon as the keys come, their text put in as it comes
   * (the file changes once more then), and the full parse replaces them.
   * Falls back to reading here when the thread fails before the keys.
   */
  private async readElsewhere(path: string, thread: BibtexThread, generation: number): Promise<BibFile> {
    let bytes: Uint8Array | undefined;
    if (this.options.threadReadsFiles) {
      // A missing file (a bibliography named before it is exported) is said here: no thread is started, or
      // the one started early taken, to find that out.
      const unreadable = await unreadableBibliography(this.fs, path);
      if (unreadable) return this.landed(unreadable, generation);
    } else {
      const read = await readBibliographyBytes(this.fs, path);
      if ('status' in read) return this.landed(read, generation);
      bytes = read.bytes;
    }
    const reading = thread(bytes, path);
    const keys = await reading.keys;
    if (!keys) {
      const here = await readBibliography(this.fs, path); // read (again: the bytes went to the thread), or why it cannot be
      await mapKeysInSlices(here.entries);
      return this.landed(here, generation);
    }
    const stale = () => this.generations.get(path) !== generation;
    if (stale()) {
      reading.stop();
      return { path, entries: [], problems: [], status: 'ok' };
    }
    const entries: ArrivingBibEntry[] = [];
    await inSlices(keys.keys, (key, i) => { entries.push(new ArrivingBibEntry(key, keys.types[i]!, keys.lines[i]!)); });
    const file: BibFile = { path, entries, problems: keys.problems, status: 'ok', keyOrder: keys.order };
    await mapKeysInSlices(entries);
    if (stale()) {
      reading.stop();
      return file;
    }
    this.files.set(path, file);
    this.changes++;
    this.options.onChange?.(path);
    if (entries.length === 0) {
      reading.stop();
      return file;
    }
    this.settling.set(path, this.arrive(file, entries, reading, generation));
    return file;
  }

  /** Puts in the entries' text as the thread sends it, then the full parse; reads the file here if the thread fails first. */
  private async arrive(file: BibFile, entries: readonly ArrivingBibEntry[], reading: BibtexReading, generation: number): Promise<void> {
    const stale = () => this.generations.get(file.path) !== generation;
    let next = 0;
    const filled = await reading.scanned((batch) => {
      if (stale()) return;
      for (const entry of batch) entries[next++]?.fill(entry);
    });
    if (stale()) {
      reading.stop();
      return;
    }
    if (!filled) {
      // The thread failed before all the text came (it crashed, or ran out of memory): read here.
      reading.stop();
      await this.readHere(file.path, generation);
      return;
    }
    // The same entries, now with their text: a new file, so what was made of the keys alone is made again.
    const settled: BibFile = { ...file };
    this.files.set(file.path, settled);
    this.changes++;
    this.options.onChange?.(file.path);
    void this.merge(settled, reading.parsed(), stale);
  }

  private async readHere(path: string, generation: number): Promise<BibFile> {
    const read = await readBibliography(this.fs, path);
    await mapKeysInSlices(read.entries);
    return this.landed(read, generation);
  }

  /** A file read here (or not found, or not readable) lands: known from now on, the drafts checked again. */
  private landed(read: BibFile & { text?: string; bytes?: Uint8Array }, generation: number): BibFile {
    const { text, bytes, ...file } = read;
    const path = file.path;
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
  }

  /** Replaces the scanned entries with the full parse's, keeping the scan's lines and attachments. */
  private refine(scanned: BibFile, text: string, bytes: Uint8Array | undefined, generation: number): void {
    const fullParse = this.options.fullParse;
    if (!fullParse) return;
    const stale = () => this.generations.get(scanned.path) !== generation;
    void this.merge(scanned, fullParse(text, scanned.path, bytes), stale);
  }

  /** Merges the full parse into the scanned entries, in slices, and the file changes (unless `stale()`). */
  private async merge(scanned: BibFile, parse: Promise<readonly BibEntry[] | undefined>, stale: () => boolean): Promise<void> {
    await parse.then(async (parsed) => {
      if (!parsed || stale()) return;
      const byKey = new Map<string, BibEntry>();
      await inSlices(parsed, (e) => { byKey.set(e.key, e); });
      const entries: BibEntry[] = [];
      await inSlices(scanned.entries, (entry) => {
        const full = byKey.get(entry.key);
        entries.push(full ? { ...full, line: entry.line, files: entry.files.length > 0 ? entry.files : full.files } : entry);
      });
      await mapKeysInSlices(entries);
      if (stale()) return;
      this.files.set(scanned.path, { ...scanned, entries, parsed: true });
      this.changes++;
      this.options.onChange?.(scanned.path);
    }).catch(() => undefined);
  }
}

/** `items.forEach(f)`, letting other work run between slices of time (see `timeSlices`). */
async function inSlices<T>(items: readonly T[], f: (item: T, i: number) => void): Promise<void> {
  const due = timeSlices();
  for (let i = 0; i < items.length; i++) {
    const turn = due();
    if (turn) await turn;
    f(items[i]!, i);
  }
}

function sameEntries(a: readonly BibEntry[], b: readonly BibEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}
