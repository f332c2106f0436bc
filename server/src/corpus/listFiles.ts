import type { FileSystem } from '../engine/io.js';
import { MAX_WALK_DEPTH, walkFolder, type WalkedFile, type WalkProblem } from '../engine/walkFolder.js';
import { isCorpusFileName } from './keys.js';
import type { CorpusWarning } from './source.js';

export { comparePaths } from '../engine/walkFolder.js';

export type CorpusFile = WalkedFile;

/**
 * Lists the source files (any case: `.txt`, `.md`, and the formats read
 * through an extractor, `.pdf`, `.html`, `.htm`, `.xhtml`, `.docx`, `.epub`) under a corpus folder,
 * recursively and sorted by path, skipping dot-files, dot-folders and
 * `node_modules`. A missing folder gives a 'missing-folder' warning; an
 * unreadable subfolder gives an 'unreadable' one and the rest is still listed.
 * For `{ 'corpus/a.txt', 'corpus/sotu/b.md' }`, `listCorpusFiles(fs, 'corpus')`
 * gives `[{ path: 'corpus/a.txt', relativePath: 'a.txt', realPath: 'corpus/a.txt' }, { path: 'corpus/sotu/b.md', ... }]`.
 *
 * Symbolic links (see `walkFolder`): a link is followed only when its target
 * (its real path) lies inside `folder`; one into another of `roots` (the
 * corpus folders the user named) is left to that folder's own walk. Every
 * other link, a broken one, and one that leads back to a folder already walked
 * (a loop) gets one 'link' warning and is not read. A file reached twice is
 * listed once, under the path without links when there is one.
 */
export async function listCorpusFiles(
  fs: FileSystem,
  folder: string,
  roots: readonly string[] = [folder],
): Promise<{ files: CorpusFile[]; warnings: CorpusWarning[] }> {
  const { files, problems } = await walkFolder(fs, folder, { wanted: isCorpusFileName, links: 'inside', roots });
  return { files, warnings: problems.map(corpusWarning) };
}

function corpusWarning(problem: WalkProblem): CorpusWarning {
  const path = problem.path;
  switch (problem.kind) {
    case 'missing-folder':
      return {
        path,
        kind: 'missing-folder',
        message: `Corpus folder ${path} ${problem.what}, so no sources were read from it. ` +
          'Create it and put .txt or .md sources in it, or change the corpus setting (--corpus).',
      };
    case 'too-deep':
      return { path, kind: 'unreadable', message: `${path} is nested more than ${MAX_WALK_DEPTH} folders deep, so it was not read.` };
    case 'unreadable':
      return { path, kind: 'unreadable', message: `Could not list corpus folder ${path} (${problem.reason}), so its sources were skipped. Check its permissions.` };
    case 'link':
      return { path, kind: 'link', message: `${path} is a symbolic link ${problem.why}, so it was not followed.` };
  }
}

/** The useful part of a thrown value: `reason(new Error('EACCES: denied'))` is `'EACCES: denied'`. */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
