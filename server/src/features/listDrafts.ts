import { joinPath, type FileSystem } from '../engine/io.js';
import { isDraftFileName } from './draftFiles.js';

/** Folders never walked for drafts. */
const SKIPPED = new Set(['node_modules']);

/**
 * Lists the Markdown drafts under `folder` (`.md`, `.markdown`), recursively
 * and sorted, skipping the corpus folders in `exclude`, `node_modules` and
 * dot-folders. Unreadable folders are skipped silently.
 * With `{ 'w/a.md', 'w/corpus/s.md', 'w/notes/b.md' }`,
 * `listDrafts(fs, 'w', ['w/corpus'])` is `['w/a.md', 'w/notes/b.md']`.
 */
export async function listDrafts(fs: FileSystem, folder: string, exclude: readonly string[], limit = 10_000): Promise<string[]> {
  const excluded = new Set(exclude.map((p) => p.replace(/\/+$/, '')));
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32 || found.length >= limit || excluded.has(dir)) return;
    let entries;
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || found.length >= limit) continue;
      const path = joinPath(dir, entry.name);
      if (entry.kind === 'directory' && !SKIPPED.has(entry.name)) await walk(path, depth + 1);
      else if (entry.kind === 'file' && isDraftFileName(entry.name)) found.push(path);
    }
  };
  await walk(folder.replace(/\/+$/, '') || '/', 0);
  return found.sort();
}
