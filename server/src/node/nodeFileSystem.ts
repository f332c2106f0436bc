import { close, constants, fstat, open as openFd, read, readSync } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { joinPath, type DirectoryEntry, type FileStat, type FileSystem, type OpenFile } from '../engine/io.js';

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
      return await readWhole(handle, s.size);
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

  // Not on Windows: there, replacing a file that a process holds open (the saved index, by `writeFile`'s
  // rename) is refused or deferred depending on the version and file system, so its texts stay in memory.
  ...(process.platform === 'win32' ? {} : { openFile }),
};

/** Bytes read at a time from a file whose size is unknown (0, as some system files say). */
const UNKNOWN_SIZE_CHUNK = 64 * 1024;

/**
 * A regular file's bytes, read in one call when its size is known (as
 * `FileHandle.readFile` does, up to the size it had when opened). Why not
 * `FileHandle.readFile`: it reads 512 KB a call, each call waiting for a turn
 * of this thread's event loop; a 7 MB bibliography took 14 turns, 100-350 ms
 * while the server was busy starting at load 5 (bench/README.md, "Session 8").
 */
async function readWhole(handle: FileHandle, size: number): Promise<Uint8Array> {
  if (size > MAX_READ) throw Object.assign(new RangeError(`ERR_FS_FILE_TOO_LARGE: file size (${size}) is greater than 2 GiB`), { code: 'ERR_FS_FILE_TOO_LARGE' });
  if (size === 0) {
    const chunks: Uint8Array[] = [];
    for (let at = 0; ;) {
      const chunk = new Uint8Array(UNKNOWN_SIZE_CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      at += bytesRead;
      if (at > MAX_READ) throw Object.assign(new RangeError('ERR_FS_FILE_TOO_LARGE: file size is greater than 2 GiB'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    }
    const bytes = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
    chunks.reduce((at, c) => { bytes.set(c, at); return at + c.length; }, 0);
    return bytes;
  }
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size;) {
    const { bytesRead } = await handle.read(bytes, at, size - at, at);
    if (bytesRead === 0) return bytes.slice(0, at); // it shrank since
    at += bytesRead;
  }
  return bytes;
}

/** What `FileHandle.readFile` reads at most: 2 GiB. */
const MAX_READ = 2 ** 31 - 1;

/** Open files are closed when nothing reads them any more (the sources that read a saved index's texts are gone). */
const openFiles = new FinalizationRegistry<number>((fd) => close(fd, () => undefined));

/** `FileSystem.openFile`: a regular file's descriptor, kept open until its `OpenFile` is collected. */
async function openFile(path: string): Promise<OpenFile> {
  const fd = await promisify(openFd)(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let size: number;
  try {
    const s = await promisify(fstat)(fd);
    if (!s.isFile()) throw Object.assign(new Error(`EINVAL: not a regular file (a folder, FIFO or device): ${path}`), { code: 'EINVAL' });
    size = s.size;
  } catch (error) {
    close(fd, () => undefined);
    throw error;
  }
  const readAt = promisify(read);
  const file: OpenFile = {
    size,
    async readAll() {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size;) {
        const { bytesRead } = await readAt(fd, bytes, at, size - at, at);
        if (bytesRead === 0) return bytes.subarray(0, at);
        at += bytesRead;
      }
      return bytes;
    },
    async readInto(at, into) {
      let done = 0;
      while (done < into.length) {
        const { bytesRead } = await readAt(fd, into, done, into.length - done, at + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done;
    },
    readRange(at, length) {
      const bytes = new Uint8Array(Math.max(0, Math.min(length, size - at)));
      for (let done = 0; done < bytes.length;) {
        const n = readSync(fd, bytes, done, bytes.length - done, at + done);
        if (n === 0) return bytes.subarray(0, done);
        done += n;
      }
      return bytes;
    },
  };
  openFiles.register(file, fd);
  return file;
}

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
