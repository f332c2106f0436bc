import { listCorpusFiles, comparePaths } from '../corpus/listFiles.js';
import { loadSource } from '../corpus/loadSource.js';
import { mapPool } from '../corpus/pool.js';
import type { CorpusWarning, Source } from '../corpus/source.js';
import type { FileSystem } from '../engine/io.js';
import { CorpusIndex } from '../index/corpusIndex.js';
import type { FolderState } from './folderState.js';

/** Files read at once. */
const READS_IN_FLIGHT = 16;
/** Files read between two index updates (and two progress reports). */
const FILES_PER_STEP = 64;
/** Characters of source text handed to the index in one batch. */
const CHARS_PER_BATCH = 8_000_000;

export interface IndexingEvents {
  /** Called as files are read: `done` of `total`. */
  progress(folder: FolderState, done: number, total: number): void;
}

/**
 * (Re)builds a folder's corpus index from its corpus folders. A first index is
 * filled in place so requests are answered from what is indexed so far; a
 * rebuild fills a new index and swaps it in at the end. A newer run (or the
 * folder's removal) abandons this one. Resolves to false when abandoned.
 */
export async function indexFolder(folder: FolderState, fs: FileSystem, events: IndexingEvents): Promise<boolean> {
  const generation = ++folder.generation;
  const stale = () => folder.generation !== generation;
  const warnings: CorpusWarning[] = [];
  const index = new CorpusIndex();
  if (!folder.ready) folder.index = index;
  folder.indexing = { done: 0, total: 0 };
  events.progress(folder, 0, 0);

  const files: { root: string; path: string }[] = [];
  const seenPaths = new Set<string>();
  for (const root of folder.corpusRoots) {
    const listed = await listCorpusFiles(fs, root);
    if (stale()) return false;
    warnings.push(...listed.warnings);
    for (const file of listed.files) {
      if (!seenPaths.has(file.path)) { seenPaths.add(file.path); files.push({ root, path: file.path }); }
    }
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  const total = files.length;
  folder.indexing = { done: 0, total };
  events.progress(folder, 0, total);

  const keys = new Map<string, string>();
  let batch: Source[] = [];
  let batchChars = 0;
  const flush = () => {
    if (batch.length > 0) index.addAll(batch);
    batch = [];
    batchChars = 0;
  };
  const cancel = { get isCancellationRequested() { return stale(); } };
  for (let start = 0; start < total; start += FILES_PER_STEP) {
    const step = files.slice(start, start + FILES_PER_STEP);
    const loaded = await mapPool(step, READS_IN_FLIGHT, (f) => loadSource(fs, f.root, f.path), cancel);
    if (stale()) return false;
    for (const result of loaded) {
      if (result?.warning) warnings.push(result.warning);
      const source = result?.source;
      if (!source) continue;
      const first = keys.get(source.key);
      if (first !== undefined) {
        warnings.push(duplicateKey(source, first));
        continue;
      }
      keys.set(source.key, source.path);
      batch.push(source);
      batchChars += source.text.length;
      if (batchChars >= CHARS_PER_BATCH) flush();
    }
    const done = Math.min(total, start + step.length);
    folder.indexing = { done, total };
    events.progress(folder, done, total);
  }
  flush();
  folder.index = index;
  folder.warnings = warnings;
  folder.indexing = null;
  folder.ready = true;
  return true;
}

/**
 * Re-reads one corpus file into the folder's index (or drops it when it is
 * gone or unusable). Returns the warning it produced, if any.
 */
export async function reindexFile(folder: FolderState, fs: FileSystem, path: string): Promise<CorpusWarning | undefined> {
  const root = folder.corpusRootOf(path);
  if (root === undefined) return undefined;
  folder.warnings = folder.warnings.filter((w) => w.path !== path);
  const result = await loadSource(fs, root, path);
  const source = result.source;
  const holder = source ? folder.index.get(source.key) : undefined;
  if (source && holder && holder.path !== path) {
    folder.index.deletePath(path);
    const warning = duplicateKey(source, holder.path);
    folder.warnings.push(warning);
    return warning;
  }
  if (source) folder.index.set(source);
  else folder.index.deletePath(path);
  if (result.warning && result.warning.kind !== 'vanished') {
    folder.warnings.push(result.warning);
    return result.warning;
  }
  return undefined;
}

function duplicateKey(source: Source, firstPath: string): CorpusWarning {
  return {
    path: source.path,
    kind: 'duplicate-key',
    message: `${source.path} has the key "${source.key}", which ${firstPath} already has, so it was skipped. ` +
      'Rename one of the files, or give one a different front matter id.',
  };
}
