import type { ExtractFile } from '../formats/readers.js';
import type { TextCache } from './textCache.js';

/** Settings for reading a corpus. */
export interface CorpusOptions {
  /** Files larger than this many bytes are skipped with a warning; default 50 MB. */
  maxFileBytes?: number;
  /** Whether bytes are valid UTF-8; default a check in JavaScript (the CLI and the server pass Node's native `isUtf8`). */
  isUtf8?: (bytes: Uint8Array) => boolean;
  /** Where sources read as UTF-8 keep their decoded text; default `sharedTextCache`. */
  texts?: TextCache;
  /**
   * Reads a PDF, web page, Word or EPUB file into text; default the readers in
   * this thread (`extractInProcess`). The CLI and the server pass worker threads
   * with a time and memory budget (`node/extractWorkers.ts`).
   */
  extract?: ExtractFile;
  /** Content digest of a file's bytes; default `bytesDigest` (the CLI and server pass a native SHA-256). */
  digest?: (bytes: Uint8Array) => string;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Human size: `formatBytes(52428800)` is `'50 MB'`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${unit}`;
}
