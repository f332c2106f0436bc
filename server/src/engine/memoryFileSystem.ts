import type { DirectoryEntry, FileStat, FileSystem } from './io.js';

/**
 * An in-memory `FileSystem` for tests and for drafts that exist only in an editor.
 * `memoryFileSystem({ 'corpus/a.txt': 'text' })` holds one folder with one file.
 * A value of `null` makes a file that exists but cannot be read.
 */
export function memoryFileSystem(files: Record<string, string | Uint8Array | null>): FileSystem & {
  set(path: string, content: string | Uint8Array | null): void;
  delete(path: string): void;
} {
  const entries = new Map<string, { content: Uint8Array | null; mtimeMs: number }>();
  let clock = 1;
  const set = (path: string, content: string | Uint8Array | null) => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    entries.set(normalize(path), { content: bytes, mtimeMs: clock++ });
  };
  for (const [path, content] of Object.entries(files)) set(path, content);

  const isDirectory = (path: string) => {
    const prefix = path === '' ? '' : path + '/';
    for (const key of entries.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };

  return {
    set,
    delete(path) { entries.delete(normalize(path)); },
    async readFile(path) {
      const entry = entries.get(normalize(path));
      if (!entry) throw new Error(`ENOENT: no such file: ${path}`);
      if (entry.content === null) throw new Error(`EACCES: permission denied: ${path}`);
      return entry.content;
    },
    async stat(path): Promise<FileStat | undefined> {
      const p = normalize(path);
      const entry = entries.get(p);
      if (entry) return { kind: 'file', size: entry.content?.length ?? 0, mtimeMs: entry.mtimeMs };
      if (isDirectory(p)) return { kind: 'directory', size: 0, mtimeMs: 0 };
      return undefined;
    },
    async writeFile(path, bytes) {
      set(path, bytes.slice());
    },
    async readDirectory(path) {
      const p = normalize(path);
      if (!isDirectory(p)) throw new Error(`ENOENT: no such directory: ${path}`);
      const prefix = p === '' ? '' : p + '/';
      const seen = new Map<string, DirectoryEntry>();
      for (const key of entries.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (!seen.has(name)) seen.set(name, { name, kind: slash < 0 ? 'file' : 'directory' });
      }
      return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

function normalize(path: string): string {
  const slashed = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return slashed === '.' ? '' : slashed;
}
