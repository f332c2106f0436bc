import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { joinPath, type DirectoryEntry, type FileStat, type FileSystem } from '../engine/io.js';

/**
 * The engine's `FileSystem` on the real disk, for the CLI and the language
 * server. Paths are `/`-separated (Node accepts them on Windows too).
 * `stat` resolves `undefined` for a missing path instead of rejecting;
 * `readDirectory` follows symbolic links, so a link to a file lists as a file
 * and one to a folder as a directory (a broken link lists as 'other').
 * `await nodeFileSystem.stat('corpus')` is `{ kind: 'directory', size: ..., mtimeMs: ... }`.
 */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },

  async stat(path): Promise<FileStat | undefined> {
    try {
      const s = await stat(path);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtimeMs: s.mtimeMs };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async readDirectory(path): Promise<readonly DirectoryEntry[]> {
    const entries = await readdir(path, { withFileTypes: true });
    return Promise.all(entries.map(async (entry): Promise<DirectoryEntry> => {
      if (entry.isFile()) return { name: entry.name, kind: 'file' };
      if (entry.isDirectory()) return { name: entry.name, kind: 'directory' };
      if (entry.isSymbolicLink()) {
        const target = await nodeFileSystem.stat(joinPath(path, entry.name)).catch(() => undefined);
        return { name: entry.name, kind: target?.kind ?? 'other' };
      }
      return { name: entry.name, kind: 'other' };
    }));
  },

  async writeFile(path, bytes) {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  },
};

/** Missing, or a path through something that is not a folder, or a link loop: nothing is there. */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}
