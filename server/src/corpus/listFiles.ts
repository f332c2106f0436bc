import { isWithin, joinPath, type FileSystem } from '../engine/io.js';
import { isCorpusFileName } from './keys.js';
import type { CorpusWarning } from './source.js';

/** Folders nested deeper than this are not walked. */
const MAX_DEPTH = 32;

export interface CorpusFile {
  /** The path to hand to the FileSystem: the folder joined with `relativePath`. */
  readonly path: string;
  /** `/`-separated, relative to the corpus folder. */
  readonly relativePath: string;
  /** The path with every symbolic link resolved: one file has one real path, and is listed once. */
  readonly realPath: string;
}

/**
 * Lists the source files (any case: `.txt`, `.md`, and the formats read
 * through an extractor, `.pdf`, `.html`, `.htm`, `.xhtml`, `.docx`, `.epub`) under a corpus folder,
 * recursively and sorted by path, skipping dot-files, dot-folders and
 * `node_modules`. A missing folder gives a 'missing-folder' warning; an
 * unreadable subfolder gives an 'unreadable' one and the rest is still listed.
 * For `{ 'corpus/a.txt', 'corpus/sotu/b.md' }`, `listCorpusFiles(fs, 'corpus')`
 * gives `[{ path: 'corpus/a.txt', relativePath: 'a.txt', realPath: 'corpus/a.txt' }, { path: 'corpus/sotu/b.md', ... }]`.
 *
 * Symbolic links: a link is followed only when its target (its real path)
 * lies inside `folder`; one into another of `roots` (the corpus folders the
 * user named) is left to that folder's own walk. Every other link, a broken one, and one that leads back to a
 * folder already walked (a loop) gets one 'link' warning and is not read. A
 * file reached twice (a link to a file already listed) is listed once, under
 * the path without links when there is one. The walk is iterative: no depth of
 * folders or links can overflow the stack.
 */
export async function listCorpusFiles(
  fs: FileSystem,
  folder: string,
  roots: readonly string[] = [folder],
): Promise<{ files: CorpusFile[]; warnings: CorpusWarning[] }> {
  const files: CorpusFile[] = [];
  const warnings: CorpusWarning[] = [];
  const root = await fs.stat(folder).catch(() => undefined);
  const rootReal = root?.kind === 'directory' ? await fs.realPath(folder).catch(() => undefined) : undefined;
  if (root?.kind !== 'directory' || rootReal === undefined) {
    const what = root ? 'is not a folder' : 'does not exist';
    warnings.push({
      path: folder,
      kind: 'missing-folder',
      message: `Corpus folder ${folder} ${what}, so no sources were read from it. ` +
        'Create it and put .txt or .md sources in it, or change the corpus setting (--corpus).',
    });
    return { files, warnings };
  }
  const allowed = (await Promise.all(roots.map((r) => fs.realPath(r).catch(() => undefined)))).filter((r): r is string => r !== undefined);
  if (!allowed.includes(rootReal)) allowed.push(rootReal);
  const link = (path: string, why: string) => warnings.push({ path, kind: 'link', message: `${path} is a symbolic link ${why}, so it was not followed.` });

  interface Folder { readonly dir: string; readonly relative: string; readonly real: string; readonly depth: number }
  // Folders without links first (a stack: depth first), then the links met on the way: what is
  // reached without a link keeps its own path, and a link to it is recognised as a second way in.
  const folders: Folder[] = [{ dir: folder, relative: '', real: rootReal, depth: 0 }];
  const links: { path: string; relative: string; depth: number }[] = [];
  let linksDone = 0;
  const walkedFolders = new Set<string>([rootReal]);
  const listedFiles = new Set<string>();
  const addFile = (path: string, relativePath: string, realPath: string) => {
    if (listedFiles.has(realPath)) return false;
    listedFiles.add(realPath);
    files.push({ path, relativePath, realPath });
    return true;
  };

  while (folders.length > 0 || linksDone < links.length) {
    const next = folders.pop();
    if (next === undefined) {
      const { path, relative, depth } = links[linksDone++]!;
      const real = await fs.realPath(path).catch(() => undefined);
      const target = real === undefined ? undefined : await fs.stat(path).catch(() => undefined);
      if (real === undefined || target === undefined) { link(path, 'whose target does not exist or loops'); continue; }
      if (!allowed.some((r) => isWithin(real, r))) { link(path, 'to a place outside the corpus folders'); continue; }
      // Into another corpus folder: that folder's own walk lists it, under its own key.
      if (!isWithin(real, rootReal)) { link(path, 'into another corpus folder, which is read on its own'); continue; }
      if (target.kind === 'directory') {
        if (walkedFolders.has(real)) { link(path, 'back to a folder already read (a link loop or a second way in)'); continue; }
        walkedFolders.add(real);
        folders.push({ dir: path, relative, real, depth });
      } else if (target.kind === 'file' && isCorpusFileName(path.slice(path.lastIndexOf('/') + 1))) {
        if (!addFile(path, relative, real)) link(path, 'to a file already read under another name');
      }
      continue;
    }
    if (next.depth > MAX_DEPTH) {
      warnings.push({ path: next.dir, kind: 'unreadable', message: `${next.dir} is nested more than ${MAX_DEPTH} folders deep, so it was not read.` });
      continue;
    }
    let entries;
    try {
      entries = await fs.readDirectory(next.dir);
    } catch (error) {
      warnings.push({
        path: next.dir,
        kind: 'unreadable',
        message: `Could not list corpus folder ${next.dir} (${reason(error)}), so its sources were skipped. Check its permissions.`,
      });
      continue;
    }
    for (const entry of [...entries].reverse()) {
      if (entry.name.startsWith('.')) continue;
      const path = joinPath(next.dir, entry.name);
      const relative = next.relative === '' ? entry.name : `${next.relative}/${entry.name}`;
      const real = joinPath(next.real, entry.name);
      if (entry.kind === 'directory' && entry.name !== 'node_modules') {
        if (walkedFolders.has(real)) continue;
        walkedFolders.add(real);
        folders.push({ dir: path, relative, real, depth: next.depth + 1 });
      } else if (entry.kind === 'file' && isCorpusFileName(entry.name)) {
        addFile(path, relative, real);
      } else if (entry.kind === 'symlink' && entry.name !== 'node_modules') {
        links.push({ path, relative, depth: next.depth + 1 });
      }
    }
  }

  files.sort((a, b) => comparePaths(a.path, b.path));
  warnings.sort((a, b) => comparePaths(a.path, b.path));
  return { files, warnings };
}

/** Orders paths by UTF-16 code units, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The useful part of a thrown value: `reason(new Error('EACCES: denied'))` is `'EACCES: denied'`. */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
