import { isWithin, joinPath, type FileSystem } from './io.js';
import { sortInSlices } from './sortInSlices.js';
import { timeSlices } from './timeSlices.js';

/** Listings of up to this many files are sorted at once (a few milliseconds); longer ones in slices. */
const SORTED_AT_ONCE = 5000;

/** Folders nested deeper than this are not walked. */
export const MAX_WALK_DEPTH = 32;

export interface WalkOptions {
  /** Whether a file of this name is listed. */
  readonly wanted: (name: string) => boolean;
  /**
   * Symbolic links: `'ignore'` passes over every link (drafts); `'inside'`
   * follows one whose real path lies inside the folder (corpus folders), see `walkFolder`.
   */
  readonly links: 'ignore' | 'inside';
  /** With `links: 'inside'`: the other folders walked on their own (a link into one is not followed, but said so). */
  readonly roots?: readonly string[];
  /** A folder (as joined, `'w/corpus'`) that is not walked, nor anything under it. */
  readonly skip?: (path: string) => boolean;
  /** At most this many files: the first met in a depth-first walk in listing order. */
  readonly limit?: number;
}

export interface WalkedFile {
  /** The path to hand to the FileSystem: the folder joined with `relativePath`. */
  readonly path: string;
  /** `/`-separated, relative to the folder walked. */
  readonly relativePath: string;
  /** The path with every symbolic link resolved: one file has one real path, and is listed once. */
  readonly realPath: string;
}

/** Why part of a folder was not walked; the caller words it (corpus warnings) or passes over it (drafts). */
export type WalkProblem =
  | { readonly kind: 'missing-folder'; readonly path: string; readonly what: 'is not a folder' | 'does not exist' }
  | { readonly kind: 'too-deep'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'link'; readonly path: string; readonly why: string };

/**
 * Lists the wanted files under `folder`, recursively, sorted by path, skipping
 * dot-files, dot-folders and `node_modules`, and folders over
 * `MAX_WALK_DEPTH` deep. The one directory walk of the engine: corpus folders
 * (`listCorpusFiles`) and drafts (`listDrafts`) both go through it.
 * For `{ 'w/a.md', 'w/notes/b.md' }`, `walkFolder(fs, 'w', { wanted: (n) => n.endsWith('.md'), links: 'ignore' })`
 * lists `w/a.md` and `w/notes/b.md`.
 *
 * Symbolic links, with `links: 'inside'`: a link is followed only when its
 * target (its real path) lies inside `folder`; one into another of `roots` is
 * left to that folder's own walk. Every other link, a broken one, and one that
 * leads back to a folder already walked (a loop) is a 'link' problem and is
 * not read. A file reached twice (a link to a file already listed) is listed
 * once, under the path without links when there is one: links are followed
 * only after everything reached without one. The walk is iterative: no depth
 * of folders or links can overflow the stack.
 */
export async function walkFolder(fs: FileSystem, folder: string, options: WalkOptions): Promise<{ files: WalkedFile[]; problems: WalkProblem[] }> {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const done = async () => {
    const byPath = (a: { path: string }, b: { path: string }) => comparePaths(a.path, b.path);
    problems.sort(byPath);
    // 100,000 paths sorted at once held the server's thread 37-50 ms: in slices (the same order, paths being distinct).
    if (files.length <= SORTED_AT_ONCE) return { files: files.sort(byPath), problems };
    return { files: await sortInSlices(files, byPath, timeSlices()), problems };
  };
  const followLinks = options.links === 'inside';
  const root = await fs.stat(folder).catch(() => undefined);
  // Without links, a path is its own real path (nothing is reached twice).
  const rootReal = root?.kind !== 'directory' ? undefined : followLinks ? await fs.realPath(folder).catch(() => undefined) : folder;
  if (root?.kind !== 'directory' || rootReal === undefined) {
    problems.push({ kind: 'missing-folder', path: folder, what: root ? 'is not a folder' : 'does not exist' });
    return done();
  }
  const allowed = followLinks
    ? (await Promise.all((options.roots ?? []).map((r) => fs.realPath(r).catch(() => undefined)))).filter((r): r is string => r !== undefined)
    : [];
  if (!allowed.includes(rootReal)) allowed.push(rootReal);
  const limit = options.limit ?? Infinity;
  const link = (path: string, why: string) => problems.push({ kind: 'link', path, why });

  type Pending =
    | { readonly kind: 'folder'; readonly dir: string; readonly relative: string; readonly real: string; readonly depth: number }
    | { readonly kind: 'file'; readonly path: string; readonly relative: string; readonly real: string };
  // A stack of what is still to visit (depth first, in listing order), then the links met on the way:
  // what is reached without a link keeps its own path, and a link to it is recognised as a second way in.
  const pending: Pending[] = [{ kind: 'folder', dir: folder, relative: '', real: rootReal, depth: 0 }];
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

  while ((pending.length > 0 || linksDone < links.length) && files.length < limit) {
    const next = pending.pop();
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
        pending.push({ kind: 'folder', dir: path, relative, real, depth });
      } else if (target.kind === 'file' && options.wanted(path.slice(path.lastIndexOf('/') + 1))) {
        if (!addFile(path, relative, real)) link(path, 'to a file already read under another name');
      }
      continue;
    }
    if (next.kind === 'file') {
      addFile(next.path, next.relative, next.real);
      continue;
    }
    if (options.skip?.(next.dir)) continue;
    if (next.depth > MAX_WALK_DEPTH) {
      problems.push({ kind: 'too-deep', path: next.dir });
      continue;
    }
    let entries;
    try {
      entries = await fs.readDirectory(next.dir);
    } catch (error) {
      problems.push({ kind: 'unreadable', path: next.dir, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const inFolder: Pending[] = [];
    const linksInFolder: { path: string; relative: string; depth: number }[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = joinPath(next.dir, entry.name);
      const relative = next.relative === '' ? entry.name : `${next.relative}/${entry.name}`;
      const real = joinPath(next.real, entry.name);
      if (entry.kind === 'directory' && entry.name !== 'node_modules') {
        if (walkedFolders.has(real)) continue;
        walkedFolders.add(real);
        inFolder.push({ kind: 'folder', dir: path, relative, real, depth: next.depth + 1 });
      } else if (entry.kind === 'file' && options.wanted(entry.name)) {
        inFolder.push({ kind: 'file', path, relative, real });
      } else if (entry.kind === 'symlink' && followLinks && entry.name !== 'node_modules') {
        linksInFolder.push({ path, relative, depth: next.depth + 1 });
      }
    }
    for (let i = inFolder.length - 1; i >= 0; i--) pending.push(inFolder[i]!);
    // A folder's links are followed last first: of two links to one file, the later name is listed (as it always was).
    for (let i = linksInFolder.length - 1; i >= 0; i--) links.push(linksInFolder[i]!);
  }
  return done();
}

/** Orders paths by UTF-16 code units, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
