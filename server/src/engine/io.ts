/**
 * The engine's only window on the outside world. The engine never imports
 * `fs`; the CLI and the language server pass an implementation in, and tests
 * pass an in-memory one (see `memoryFileSystem`).
 */
export interface FileStat {
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DirectoryEntry {
  readonly name: string;
  /** A symbolic link is listed as 'symlink', never as what it points to: whoever walks decides whether to follow it. */
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
}

export interface FileSystem {
  /** Reads a whole file; rejects with an Error whose message says why (ENOENT, EACCES...). */
  readFile(path: string): Promise<Uint8Array>;
  /** Resolves `undefined` when nothing is at `path`. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Lists a directory's entries, links as 'symlink' (not followed); rejects when it cannot be read. */
  readDirectory(path: string): Promise<readonly DirectoryEntry[]>;
  /**
   * The path with every symbolic link resolved, absolute when `path` is
   * (`/`-separated); rejects when nothing is there or the links loop.
   * What decides whether a link leads out of the corpus.
   */
  realPath(path: string): Promise<string>;
  /**
   * Optional: replaces a whole file at once (a reader never sees half of it),
   * creating missing folders. Only the saved index and the readable texts of
   * PDF and e-book sources (for Go to Definition) are written; without this
   * method nothing is saved.
   */
  writeFile?(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * Optional: opens a regular file to read any part of it later, as it was
   * when opened. Only the saved index is opened so: the text extracted from
   * PDF, web page, Word and EPUB files is then read from it when needed
   * instead of being held in memory. Without this method it is held.
   */
  openFile?(path: string): Promise<OpenFile>;
}

/**
 * A file held open (`FileSystem.openFile`): its bytes stay those of when it
 * was opened, even when the path is replaced since (the saved index is
 * replaced by a rename) or removed.
 */
export interface OpenFile {
  /** Its size when opened. */
  readonly size: number;
  /** Its whole contents. */
  readAll(): Promise<Uint8Array>;
  /** Fills `into` with its bytes from `at`: resolves to how many were read (fewer only at its end). */
  readInto(at: number, into: Uint8Array): Promise<number>;
  /**
   * `length` bytes from `at`, read now: synchronous, as a source's text is
   * read in the middle of a check (from the system's file cache, a few
   * microseconds). Fewer bytes only past its end.
   */
  readRange(at: number, length: number): Uint8Array;
}

export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

export interface Logger {
  log(level: LogLevel, message: string): void;
}

export const nullLogger: Logger = { log() { /* discard */ } };

/** Cooperative cancellation, shaped like LSP's token so the server can pass its own. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

/**
 * True when `path` is `folder` or inside it, comparing whole path segments.
 * `isWithin('corpus/a.txt', 'corpus')` is true; `isWithin('corpus2/a.txt', 'corpus')` is false.
 */
export function isWithin(path: string, folder: string): boolean {
  if (folder === '' || folder === '.') return !path.startsWith('/');
  if (folder === '/') return path.startsWith('/');
  const base = folder.endsWith('/') ? folder.slice(0, -1) : folder;
  return path === base || path.startsWith(base + '/');
}

/** Paths inside the engine are always `/`-separated. */
export function joinPath(base: string, name: string): string {
  if (base === '' || base === '.') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}
