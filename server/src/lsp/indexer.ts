import type { FileSystem } from '../engine/io.js';
import type { ExtractFile } from '../formats/readers.js';
import type { SegmentBuilder } from '../index/builder.js';
import { CorpusIndex } from '../index/corpusIndex.js';
import { openIndex, type CacheReport } from '../index/openIndex.js';
import type { FolderState } from './folderState.js';

export { reindexFile } from './corpusChanges.js';

/** How the server reads and builds indexes: worker threads and a saved index in the server; in process in tests. */
export interface IndexingDeps {
  readonly fs: FileSystem;
  readonly builder?: SegmentBuilder;
  /** Where the index is saved between sessions (the VS Code client passes its workspace storage); none: not saved. */
  readonly cacheDir?: string;
  readonly digest?: (bytes: Uint8Array) => string;
  /** A native UTF-8 check (Node's `isUtf8`); default the engine's own. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** Reads PDF, web page, Word and EPUB files (worker threads with a budget in the server); default the readers in process. */
  readonly extract?: ExtractFile;
  /**
   * Called once an index is built, and once it is saved: the server collects
   * the garbage they left (each source's text decoded to be sent to a worker
   * thread, the saved index's buffers), which an idle process would otherwise
   * keep resident until something allocates again.
   */
  readonly indexed?: () => void;
}

export interface IndexingEvents {
  /** Called as files are read: `done` of `total` (`folder.indexing` also says how many PDF... files are extracted). */
  progress(folder: FolderState, done: number, total: number): void;
  /** What became of the saved index, once done. */
  cache?(folder: FolderState, report: CacheReport): void;
  /**
   * Given, the index is reported ready before it is saved: `save` (when the
   * saved index is out of date) is handed here once the folder is ready, to
   * be run later. Absent, the index is saved before the folder is ready.
   */
  saveLater?(folder: FolderState, save: () => Promise<string | undefined>): void;
}

/**
 * (Re)builds a folder's corpus index from its corpus folders with `openIndex`
 * (segments built off the main thread, a saved index reused where files are
 * unchanged). A first index is filled in place so requests are answered from
 * what is indexed so far; a rebuild fills a new index and swaps it in at the
 * end. A newer run (or the folder's removal) abandons this one: resolves false.
 */
export async function indexFolder(folder: FolderState, deps: IndexingDeps, events: IndexingEvents): Promise<boolean> {
  const generation = ++folder.generation;
  const stale = () => folder.generation !== generation;
  const index = new CorpusIndex();
  if (!folder.ready) folder.index = index;
  folder.indexing = { done: 0, total: 0 };
  events.progress(folder, 0, 0);
  const opened = await openIndex(deps.fs, folder.corpusRoots, {
    into: index,
    token: { get isCancellationRequested() { return stale(); } },
    ...(deps.builder ? { builder: deps.builder } : {}),
    ...(deps.cacheDir !== undefined ? { cacheDir: deps.cacheDir } : {}),
    ...(deps.digest ? { digest: deps.digest } : {}),
    ...(deps.isUtf8 ? { isUtf8: deps.isUtf8 } : {}),
    ...(deps.extract ? { extract: deps.extract } : {}),
    ...(events.saveLater ? { deferSave: true } : {}),
    onProgress: (done, total, extracting) => {
      if (stale()) return;
      folder.indexing = extracting ? { done, total, extracting } : { done, total };
      events.progress(folder, done, total);
    },
  });
  if (stale()) return false;
  const previous = folder.index;
  folder.index = index;
  if (previous !== index) previous.releaseTexts();
  folder.warnings = opened.warnings;
  folder.indexing = null;
  folder.ready = true;
  events.cache?.(folder, opened.cache);
  if (opened.save) events.saveLater?.(folder, opened.save);
  deps.indexed?.();
  return true;
}
