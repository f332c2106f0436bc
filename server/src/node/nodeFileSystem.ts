import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { joinPath, type DirectoryEntry, type FileStat, type FileSystem } from '../engine/io.js';

/**
 * The engine's `FileSystem` on the real disk, for the CLI and the language
 * server. Paths are `/`-separated (Node accepts them on Windows too).
 * `stat` resolves `undefined` for a missing path instead of rejecting;
 * `readDirectory` lists a symbolic link as 'symlink' without following it;
 * `realPath` resolves it, so the corpus walk can refuse links out of the corpus.
 * `await nodeFileSystem.stat('corpus')` is `{ kind: 'directory', size: ..., mtimeMs: ... }`.
 */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    // Opened without blocking and checked before reading: a FIFO would wait for a writer
    // forever, and /dev/zero never ends. Only regular files are read.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw Object.assign(new Error(`EINVAL: not a regular file (a folder, FIFO or device): ${path}`), { code: 'EINVAL' });
      const buffer = await handle.readFile();
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } finally {
      await handle.close();
    }
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
      if (entry.isSymbolicLink()) return { name: entry.name, kind: 'symlink' };
      // Some file systems report no type in the listing: ask, without following a link.
      const typed = entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice();
      if (typed) return { name: entry.name, kind: 'other' };
      const s = await lstat(joinPath(path, entry.name)).catch(() => undefined);
      return { name: entry.name, kind: s?.isSymbolicLink() ? 'symlink' : s?.isFile() ? 'file' : s?.isDirectory() ? 'directory' : 'other' };
    }));
  },

  async realPath(path) {
    return (await realpath(path)).replace(/\\/g, '/');
  },

  async writeFile(path, bytes) {
    await makeFolders(dirname(path));
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

/**
 * `mkdir -p`, one folder at a time: Node's `mkdir(path, { recursive: true })`
 * never returns for a path under /proc (`--cache /proc/x` hung the CLI).
 */
async function makeFolders(path: string): Promise<void> {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (found) {
      if (!found.isDirectory()) throw new Error(`ENOTDIR: not a folder: ${at}`);
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  }
}

/** Missing, or a path through something that is not a folder, or a link loop: nothing is there. */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}
