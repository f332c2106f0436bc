import { NotificationType } from 'vscode-languageserver/node.js';
import type { FolderState } from './folderState.js';

/** `verbatim/status`: what the client's status bar shows. */
export interface StatusParams {
  /** Sources indexed, over all workspace folders. */
  sources: number;
  /** Files read of files found, while any folder is indexing. */
  indexing: { done: number; total: number } | null;
  /** Corpus files that could not be used (details are in the log). */
  warnings: number;
}

export const statusNotification = new NotificationType<StatusParams>('verbatim/status');

/** Sums the folders' states: two folders indexing 3/10 and 5/5 give `{ done: 8, total: 15 }`. */
export function statusOf(folders: readonly FolderState[]): StatusParams {
  let sources = 0;
  let warnings = 0;
  let done = 0;
  let total = 0;
  let indexing = false;
  for (const f of folders) {
    sources += f.index.size;
    warnings += f.warnings.length;
    if (f.indexing) {
      indexing = true;
      done += f.indexing.done;
      total += f.indexing.total;
    }
  }
  return { sources, indexing: indexing ? { done, total } : null, warnings };
}
