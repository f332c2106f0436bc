import type { CorpusWarning, Source } from './source.js';

/**
 * The content digest of each corpus file's bytes as read, kept beside the
 * objects made from them, for the saved index: a source (`rememberDigest`),
 * and the warning of a file a reader could not read (`rememberFailedFile`),
 * so an unchanged file that failed is not read again on the next open.
 */
const digests = new WeakMap<Source, string>();
const failedFiles = new WeakMap<CorpusWarning, FailedFile>();
/** Sources whose file was at rest when read (see `index/savedFiles.ts`, `SETTLE_MS`): the saved index may trust their size and time. */
const settledSources = new WeakSet<Source>();

/** A file whose reader failed, as the saved index keeps it. */
export interface FailedFile {
  readonly path: string;
  readonly size: number;
  readonly digest: string;
  readonly kind: CorpusWarning['kind'];
  readonly message: string;
  /** The version of the reader that failed on it (`READER_VERSIONS`): another version tries again. */
  readonly readerVersion: number;
}

export function rememberDigest(source: Source, digest: string): void {
  digests.set(source, digest);
}

/** Marks a source whose file's modification time was settled when it was read (see `index/savedFiles.ts`). */
export function rememberSettled(source: Source): void {
  settledSources.add(source);
}

export function wasSettled(source: Source): boolean {
  return settledSources.has(source);
}

/** The digest `source` was read with, if known. */
export function knownDigest(source: Source): string | undefined {
  return digests.get(source);
}

export function rememberFailedFile(warning: CorpusWarning, size: number, digest: string, readerVersion: number): void {
  failedFiles.set(warning, { path: warning.path, size, digest, kind: warning.kind, message: warning.message, readerVersion });
}

/** What the saved index keeps of a warning about a file that failed to read; undefined for other warnings. */
export function failedFileOf(warning: CorpusWarning): FailedFile | undefined {
  return failedFiles.get(warning);
}
