import type { DirectoryEntry, FileStat, FileSystem, OpenFile } from './io.js';

/** A symbolic link in a `memoryFileSystem`: `{ 'corpus/up': { symlink: '..' } }`. Relative targets start at the link's folder. */
export interface MemoryLink {
  readonly symlink: string;
}

type MemoryEntry = string | Uint8Array | null | MemoryLink;

/** Links followed on one path before it counts as a loop (Linux allows 40). */
const MAX_LINK_HOPS = 40;

/**
 * An in-memory `FileSystem` for tests and for drafts that exist only in an editor.
 * `memoryFileSystem({ 'corpus/a.txt': 'text' })` holds one folder with one file.
 * A value of `null` makes a file that exists but cannot be read; `{ symlink: '../x' }` a symbolic link.
 */
export function memoryFileSystem(files: Record<string, MemoryEntry>): FileSystem & {
  set(path: string, content: MemoryEntry): void;
  delete(path: string): void;
} {
  const entries = new Map<string, { content: Uint8Array | null; mtimeMs: number }>();
  const links = new Map<string, string>();
  let clock = 1;
  const set = (path: string, content: MemoryEntry) => {
    const p = normalize(path);
    if (content !== null && typeof content === 'object' && !(content instanceof Uint8Array)) {
      links.set(p, content.symlink);
      entries.delete(p);
      return;
    }
    links.delete(p);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    entries.set(p, { content: bytes, mtimeMs: clock++ });
  };
  for (const [path, content] of Object.entries(files)) set(path, content);

  const isDirectory = (path: string) => {
    const prefix = path === '' ? '' : path + '/';
    for (const key of entries.keys()) if (key.startsWith(prefix)) return true;
    for (const key of links.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };

  /** Resolves every link along `path` (and the last segment too when `followLast`); throws ELOOP on a loop. */
  const resolve = (path: string, followLast = true): string => {
    let hops = 0;
    const absolute = path.startsWith('/');
    const pending = normalize(path).split('/').filter((s) => s !== '');
    const done: string[] = [];
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '.') continue;
      if (part === '..') { done.pop(); continue; }
      const here = (absolute ? '/' : '') + [...done, part].join('/');
      const target = links.get(here);
      if (target === undefined || (!followLast && pending.length === 0)) { done.push(part); continue; }
      if (++hops > MAX_LINK_HOPS) throw new Error(`ELOOP: too many symbolic links: ${path}`);
      if (target.startsWith('/')) {
        if (!absolute) throw new Error(`ENOENT: an absolute link in a relative memory file system: ${here}`);
        done.length = 0;
      }
      pending.unshift(...target.split('/').filter((s) => s !== ''));
    }
    return (absolute ? '/' : '') + done.join('/');
  };

  const fileAt = (path: string) => entries.get(resolve(path));

  return {
    set,
    delete(path) { entries.delete(normalize(path)); links.delete(normalize(path)); },
    async readFile(path) {
      const entry = fileAt(path);
      if (!entry) throw new Error(`ENOENT: no such file: ${path}`);
      if (entry.content === null) throw new Error(`EACCES: permission denied: ${path}`);
      return entry.content;
    },
    async stat(path): Promise<FileStat | undefined> {
      let p;
      try { p = resolve(path); } catch { return undefined; }
      const entry = entries.get(p);
      if (entry) return { kind: 'file', size: entry.content?.length ?? 0, mtimeMs: entry.mtimeMs };
      if (isDirectory(p)) return { kind: 'directory', size: 0, mtimeMs: 0 };
      return undefined;
    },
    async realPath(path) {
      const p = resolve(path);
      if (!entries.has(p) && !isDirectory(p)) throw new Error(`ENOENT: no such file or directory: ${path}`);
      return p === '' ? '.' : p;
    },
    async writeFile(path, bytes) {
      set(path, bytes.slice());
    },
    async openFile(path): Promise<OpenFile> {
      const entry = fileAt(path);
      if (!entry) throw new Error(`ENOENT: no such file: ${path}`);
      if (entry.content === null) throw new Error(`EACCES: permission denied: ${path}`);
      // What was there when opened, whatever is written to the path later (as an open file on disk).
      const content = entry.content;
      return {
        size: content.length,
        readAll: async () => content.slice(),
        readInto: async (at, into) => {
          const part = content.subarray(at, at + into.length);
          into.set(part);
          return part.length;
        },
        readRange: (at, length) => content.slice(at, at + length),
      };
    },
    async readDirectory(path) {
      const p = resolve(path);
      if (!isDirectory(p)) throw new Error(`ENOENT: no such directory: ${path}`);
      const prefix = p === '' ? '' : p + '/';
      const seen = new Map<string, DirectoryEntry>();
      const add = (key: string, leaf: DirectoryEntry['kind']) => {
        if (!key.startsWith(prefix)) return;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (!seen.has(name)) seen.set(name, { name, kind: slash < 0 ? leaf : 'directory' });
      };
      for (const key of links.keys()) add(key, 'symlink');
      for (const key of entries.keys()) add(key, 'file');
      return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

function normalize(path: string): string {
  const slashed = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return slashed === '.' ? '' : slashed;
}
