import type { FileSystem } from '../engine/io.js';
import { walkFolder } from '../engine/walkFolder.js';
import { isDraftFileName } from './draftFiles.js';

/**
 * Lists the Markdown drafts under `folder` (`.md`, `.markdown`), recursively
 * and sorted, skipping the corpus folders in `exclude`, `node_modules`,
 * dot-folders and symbolic links. Unreadable folders are skipped silently.
 * With `{ 'w/a.md', 'w/corpus/s.md', 'w/notes/b.md' }`,
 * `listDrafts(fs, 'w', ['w/corpus'])` is `['w/a.md', 'w/notes/b.md']`.
 */
export async function listDrafts(fs: FileSystem, folder: string, exclude: readonly string[], limit = 10_000): Promise<string[]> {
  const excluded = new Set(exclude.map((p) => p.replace(/\/+$/, '')));
  const { files } = await walkFolder(fs, folder.replace(/\/+$/, '') || '/', {
    wanted: isDraftFileName,
    links: 'ignore',
    skip: (path) => excluded.has(path),
    limit,
  });
  return files.map((f) => f.path);
}
