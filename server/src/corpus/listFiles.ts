import { joinPath, type FileSystem } from '../engine/io.js';
import { isCorpusFileName } from './keys.js';
import type { CorpusWarning } from './source.js';

/** Folders nested deeper than this are not walked (guards against symlink loops). */
const MAX_DEPTH = 32;

export interface CorpusFile {
  /** The path to hand to the FileSystem: the folder joined with `relativePath`. */
  readonly path: string;
  /** `/`-separated, relative to the corpus folder. */
  readonly relativePath: string;
}

/**
 * Lists the source files (any case: `.txt`, `.md`, and the formats read
 * through an extractor, `.pdf`, `.html`, `.htm`, `.xhtml`, `.docx`, `.epub`) under a corpus folder,
 * recursively and sorted by path, skipping dot-files, dot-folders and
 * `node_modules`. A missing folder gives a 'missing-folder' warning; an
 * unreadable subfolder gives an 'unreadable' one and the rest is still listed.
 * For `{ 'corpus/a.txt', 'corpus/sotu/b.md' }`, `listCorpusFiles(fs, 'corpus')`
 * gives `[{ path: 'corpus/a.txt', relativePath: 'a.txt' }, { path: 'corpus/sotu/b.md', relativePath: 'sotu/b.md' }]`.
 */
export async function listCorpusFiles(
  fs: FileSystem,
  folder: string,
): Promise<{ files: CorpusFile[]; warnings: CorpusWarning[] }> {
  const files: CorpusFile[] = [];
  const warnings: CorpusWarning[] = [];
  const root = await fs.stat(folder).catch(() => undefined);
  if (root?.kind !== 'directory') {
    const what = root ? 'is not a folder' : 'does not exist';
    warnings.push({
      path: folder,
      kind: 'missing-folder',
      message: `Corpus folder ${folder} ${what}, so no sources were read from it. ` +
        'Create it and put .txt or .md sources in it, or change the corpus setting (--corpus).',
    });
    return { files, warnings };
  }

  const walk = async (dir: string, relative: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      warnings.push({
        path: dir,
        kind: 'unreadable',
        message: `${dir} is nested more than ${MAX_DEPTH} folders deep (a symbolic link loop?), so it was not read.`,
      });
      return;
    }
    let entries;
    try {
      entries = await fs.readDirectory(dir);
    } catch (error) {
      warnings.push({
        path: dir,
        kind: 'unreadable',
        message: `Could not list corpus folder ${dir} (${reason(error)}), so its sources were skipped. Check its permissions.`,
      });
      return;
    }
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.kind === 'directory' && entry.name !== 'node_modules') {
        subfolders.push(walk(joinPath(dir, entry.name), childRelative, depth + 1));
      } else if (entry.kind === 'file' && isCorpusFileName(entry.name)) {
        files.push({ path: joinPath(dir, entry.name), relativePath: childRelative });
      }
    }
    await Promise.all(subfolders);
  };
  await walk(folder, '', 0);

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
