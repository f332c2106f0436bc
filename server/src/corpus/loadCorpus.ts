import { neverCancelled, type CancellationToken, type FileSystem } from '../engine/io.js';
import { comparePaths, listCorpusFiles } from './listFiles.js';
import { loadSource, type LoadedSource } from './loadSource.js';
import type { CorpusOptions } from './options.js';
import { mapPool } from './pool.js';
import type { CorpusWarning, Source } from './source.js';

/** How many files are read at once. */
const READS_IN_FLIGHT = 16;

/**
 * Walks each folder recursively for sources (`isCorpusFileName`: `.txt`, `.md`, `.pdf`... any case), skipping
 * dot-folders and `node_modules`, and loads every file. Never throws for bad
 * files: each gets one warning and the rest still load. Sources come sorted by
 * path; when two give the same key the first by path wins and the other gets a
 * 'duplicate-key' warning. `onProgress(done, total)` runs after each file.
 * When `token` is cancelled no further file is started and what was loaded so
 * far is returned.
 * `await loadCorpus(memoryFileSystem({ 'corpus/a.txt': 'Title\n\nText' }), ['corpus'])`
 * gives one source keyed `a`, titled `Title`, and no warnings.
 */
export async function loadCorpus(
  fs: FileSystem,
  folders: readonly string[],
  options: CorpusOptions = {},
  onProgress?: (done: number, total: number) => void,
  token: CancellationToken = neverCancelled,
): Promise<{ sources: Source[]; warnings: CorpusWarning[] }> {
  const warnings: CorpusWarning[] = [];
  // One entry per real path: a file that two folders (or a link) reach is read once.
  const files = new Map<string, { folder: string; path: string }>();
  for (const folder of folders) {
    const listed = await listCorpusFiles(fs, folder, folders);
    warnings.push(...listed.warnings);
    for (const file of listed.files) if (!files.has(file.realPath)) files.set(file.realPath, { folder, path: file.path });
    if (token.isCancellationRequested) return { sources: [], warnings };
  }
  const ordered = [...files.values()].sort((a, b) => comparePaths(a.path, b.path));

  let done = 0;
  const loaded = await mapPool(ordered, READS_IN_FLIGHT, async (file): Promise<LoadedSource> => {
    const result = await loadSource(fs, file.folder, file.path, options);
    onProgress?.(++done, ordered.length);
    return result;
  }, token);

  const sources: Source[] = [];
  const byKey = new Map<string, Source>();
  for (const result of loaded) {
    if (!result) continue;
    if (result.warning) warnings.push(result.warning);
    const source = result.source;
    if (!source) continue;
    const first = byKey.get(source.key);
    if (first) {
      warnings.push(duplicateKeyWarning(source, first.path));
      continue;
    }
    byKey.set(source.key, source);
    sources.push(source);
  }
  return { sources, warnings };
}

/** The warning for a source whose key another file (at `firstPath`) already has. */
export function duplicateKeyWarning(source: Source, firstPath: string): CorpusWarning {
  return {
    path: source.path,
    kind: 'duplicate-key',
    message: `${source.path} has the key "${source.key}", which ${firstPath} already has, so it was skipped. ` +
      'Rename one of the files, or give one a different front matter id.',
  };
}
