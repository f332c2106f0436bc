import { ExtractionError } from './extracted.js';

/**
 * Bounds on what one file may make a reader hold, so a hostile file (a zip
 * bomb, a page of 100 MB of markup) fails with 'too-large' instead of
 * exhausting the worker's memory. The worker's own time and memory budget is
 * the outer bound; these fail earlier and say why.
 */
export const LIMITS = {
  /** A web page's bytes, or one EPUB chapter's. */
  markupBytes: 32 * 1024 * 1024,
  /** All entries of a zip (DOCX, EPUB) that a reader decompresses, together. */
  unzippedBytes: 200 * 1024 * 1024,
  /** Entries in a zip's directory. */
  zipEntries: 10_000,
} as const;

/** Throws 'too-large' when `bytes` exceeds `limit`; `what` names it in the message ("the page"). */
export function checkSize(path: string, what: string, bytes: number, limit: number): void {
  if (bytes > limit) {
    throw new ExtractionError('too-large', `${path}: ${what} is ${megabytes(bytes)}, more than the ${megabytes(limit)} Verbatim reads, so it was skipped. Split it or save its text as .txt.`);
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** True when `text` holds at least one letter or digit. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
