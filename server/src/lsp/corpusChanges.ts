import { duplicateKeyWarning } from '../corpus/loadCorpus.js';
import { comparePaths } from '../corpus/listFiles.js';
import { sourceFromExtraction } from '../corpus/extractSource.js';
import { knownDigest } from '../corpus/fileDigest.js';
import { loadSource, readSourceFile, type LoadedSource } from '../corpus/loadSource.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning, Source } from '../corpus/source.js';
import { LazySource } from '../corpus/sourceText.js';
import { isWithin, joinPath, type FileSystem } from '../engine/io.js';
import { extractedFormat } from '../formats/extracted.js';
import { bytesDigest } from '../index/checksum.js';
import type { FolderState } from './folderState.js';
import { isInside } from './uri.js';

/**
 * Re-reads one corpus file into the folder's index (or drops it when it is
 * gone or unusable). A key that several files give goes to the first of them
 * by path, as in a full index, whatever order the changes came in: a file
 * that sorts first takes the key over, and when the holder goes (or takes
 * another key) the next file by path gets it back. Files that lost a key are
 * not indexed; they keep a 'duplicate-key' warning in `folder.warnings`.
 * Returns the warning about `path` itself, if any (others go to `folder.warnings`).
 * `await reindexFile(folder, fs, '/w/corpus/new.txt')` indexes the new file as key `new`.
 */
export async function reindexFile(folder: FolderState, fs: FileSystem, path: string, options: CorpusOptions = {}): Promise<CorpusWarning | undefined> {
  const root = folder.corpusRootOf(path);
  if (root === undefined) return undefined;
  const before = folder.index.getByPath(path);
  // Links obey the corpus walk's rule: nothing outside the corpus folder is read.
  const way = await wayIn(fs, root, path);
  if (way.kind === 'outside' || (way.kind === 'link' && !before)) {
    if (before) await dropFolder(folder, fs, path, options);
    folder.warnings = folder.warnings.filter((w) => w.path !== path);
    if (way.kind === 'link') return undefined; // a second way to a file the walk reads under its own path
    const warning: CorpusWarning = { path, kind: 'link', message: `${path} is a symbolic link to a place outside the corpus folders, so it was not followed.` };
    folder.warnings.push(warning);
    return warning;
  }
  const result = await readChanged(fs, root, path, before, options);
  if (result.source !== undefined && result.source === before) return folder.warnings.find((w) => w.path === path);
  folder.warnings = folder.warnings.filter((w) => w.path !== path);
  const source = result.source;
  const warning = result.warning && result.warning.kind !== 'vanished' ? result.warning : undefined;
  if (warning) folder.warnings.push(warning);
  // The file's old source goes first when it is gone or changed its key, so that key can pass on.
  if (before && before.key !== source?.key) folder.index.deletePath(path);
  const keys = new Set([before?.key, source?.key].filter((k): k is string => k !== undefined));
  await settleKeys(folder, fs, keys, source, options);
  return warning ?? folder.warnings.find((w) => w.path === path);
}

/**
 * Reads a changed corpus file. A PDF, web page, Word or EPUB file whose bytes
 * are those it was indexed from (a save without a change, a touch) gives back
 * `before`, not read again: extraction costs seconds.
 */
async function readChanged(fs: FileSystem, root: string, path: string, before: Source | undefined, options: CorpusOptions): Promise<LoadedSource> {
  const format = extractedFormat(path);
  if (!format) return loadSource(fs, root, path, options);
  const read = await readSourceFile(fs, path, options);
  if (read.warning) return { warning: read.warning };
  const digest = (options.digest ?? bytesDigest)(read.bytes);
  if (before instanceof LazySource && before.format === format && before.size === read.bytes.length && knownDigest(before) === digest) {
    return { source: before };
  }
  const { text: _text, ...loaded } = await sourceFromExtraction(root, path, format, read.bytes, read.mtimeMs, options, digest);
  return loaded;
}

/**
 * How `path` is reached from its corpus folder `root`: 'direct' (no link on the
 * way, or nothing there any more: the read says what happened), 'link' (through
 * a link to a place inside `root`) or 'outside' (a link out of it).
 */
async function wayIn(fs: FileSystem, root: string, path: string): Promise<{ kind: 'direct' | 'link' | 'outside' }> {
  const [real, rootReal] = await Promise.all([fs.realPath(path).catch(() => undefined), fs.realPath(root).catch(() => undefined)]);
  if (real === undefined || rootReal === undefined) return { kind: 'direct' };
  if (!isWithin(real, rootReal)) return { kind: 'outside' };
  const relative = path.slice(root.replace(/\/$/, '').length + 1);
  return { kind: real === joinPath(rootReal, relative) ? 'direct' : 'link' };
}

/**
 * Drops every source under a deleted folder (and the warnings of files
 * there); a key one of them held passes to the next file by path elsewhere.
 */
export async function dropFolder(folder: FolderState, fs: FileSystem, path: string, options: CorpusOptions = {}): Promise<void> {
  const keys = new Set<string>();
  for (const source of [...folder.index.sources()]) {
    if (!isInside(source.path, path)) continue;
    folder.index.deletePath(source.path);
    keys.add(source.key);
  }
  folder.warnings = folder.warnings.filter((w) => !isInside(w.path, path));
  await settleKeys(folder, fs, keys, undefined, options);
}

/**
 * Gives each of `keys` to the first by path of the files that have it: the
 * indexed holder, `fresh` (just read), and files that lost it before (found
 * by their warnings and read again). The others leave the index with a warning.
 */
async function settleKeys(folder: FolderState, fs: FileSystem, keys: ReadonlySet<string>, fresh?: Source, options: CorpusOptions = {}): Promise<void> {
  if (keys.size === 0) return;
  const candidates: Source[] = fresh ? [fresh] : [];
  for (const shadowed of folder.warnings.filter((w) => w.kind === 'duplicate-key' && w.path !== fresh?.path)) {
    const root = folder.corpusRootOf(shadowed.path);
    const loaded = root === undefined ? undefined : (await loadSource(fs, root, shadowed.path, options)).source;
    if (loaded && keys.has(loaded.key)) candidates.push(loaded);
  }
  for (const key of keys) {
    const holder = folder.index.get(key);
    const all = candidates.filter((s) => s.key === key);
    if (holder && !all.some((s) => s.path === holder.path)) all.push(holder);
    all.sort((a, b) => comparePaths(a.path, b.path));
    const [winner, ...losers] = all;
    if (!winner) continue;
    // Losers leave the index before the winner comes in, so the winner gets the key.
    for (const loser of losers) folder.index.deletePath(loser.path);
    if (folder.index.getByPath(winner.path) !== winner) folder.index.set(winner);
    folder.warnings = folder.warnings.filter((w) => !(w.kind === 'duplicate-key' && all.some((s) => s.path === w.path)));
    for (const loser of losers) folder.warnings.push(duplicateKeyWarning(loser, winner.path));
  }
}
