import { NotificationType } from 'vscode-languageserver/node.js';
import { countFormats, isSkipped, type SourceFormat } from '../corpus/formatCounts.js';
import type { FolderState } from './folderState.js';

/** At most this many skipped files are named in a status (the output names them all). */
export const MAX_SKIPPED_IN_STATUS = 20;

/**
 * `verbatim/status`: what the client's status bar shows. Keep in step with
 * `ServerStatus` in client/src/statusBar.ts.
 */
export interface StatusParams {
  /** Sources indexed, over all workspace folders. */
  sources: number;
  /**
   * Files read of files found, while any folder is indexing; `extracting`:
   * PDF, web page, Word and EPUB files read (extracted or found in the saved
   * index) of all such files, when there are any.
   */
  indexing: { done: number; total: number; extracting?: { done: number; total: number } } | null;
  /** Corpus files that could not be used (details are in the log). */
  warnings: number;
  /** Sources indexed by the format they were read from, formats with none left out: `{ text: 12, pdf: 3 }`. */
  formats: Partial<Record<SourceFormat, number>>;
  /** The first `MAX_SKIPPED_IN_STATUS` files left out of the index, and why (a warning kind such as 'no-text'). */
  skipped: { path: string; kind: string }[];
}

export const statusNotification = new NotificationType<StatusParams>('verbatim/status');

/** Sums the folders' states: two folders indexing 3/10 and 5/5 give `{ done: 8, total: 15 }`. */
export function statusOf(folders: readonly FolderState[]): StatusParams {
  let sources = 0;
  let warnings = 0;
  let done = 0;
  let total = 0;
  let indexing = false;
  let extracting: { done: number; total: number } | undefined;
  const formats: Partial<Record<SourceFormat, number>> = {};
  const skipped: { path: string; kind: string }[] = [];
  for (const f of folders) {
    sources += f.index.size;
    warnings += f.warnings.length;
    for (const [format, n] of Object.entries(countFormats(f.index.sources())) as [SourceFormat, number][]) formats[format] = (formats[format] ?? 0) + n;
    for (const w of f.warnings) if (isSkipped(w) && skipped.length < MAX_SKIPPED_IN_STATUS) skipped.push({ path: w.path, kind: w.kind });
    if (f.indexing) {
      indexing = true;
      done += f.indexing.done;
      total += f.indexing.total;
      if (f.indexing.extracting) {
        extracting = { done: (extracting?.done ?? 0) + f.indexing.extracting.done, total: (extracting?.total ?? 0) + f.indexing.extracting.total };
      }
    }
  }
  return { sources, indexing: indexing ? { done, total, ...(extracting && { extracting }) } : null, warnings, formats, skipped };
}
