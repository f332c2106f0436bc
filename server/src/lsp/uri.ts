import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The engine speaks `/`-separated file paths; LSP speaks URIs. Only `file:`
 * URIs have a path: an untitled buffer has none and belongs to the first folder.
 * `uriToPath('file:///w/draft.md')` is `/w/draft.md`.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

/** `pathToUri('/w/corpus/a b.txt')` is `file:///w/corpus/a%20b.txt`. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** True when `path` is `folder` or inside it. `isInside('/w/corpus/a.txt', '/w/corpus')` is true. */
export function isInside(path: string, folder: string): boolean {
  const base = folder.endsWith('/') ? folder.slice(0, -1) : folder;
  return path === base || path.startsWith(base + '/');
}

/** Resolves a corpus setting against its workspace folder: `resolvePath('/w', 'corpus')` is `/w/corpus`. */
export function resolvePath(base: string, relativeOrAbsolute: string): string {
  const p = relativeOrAbsolute.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return normalizeSegments(p);
  return normalizeSegments(`${base.replace(/\/$/, '')}/${p}`);
}

function normalizeSegments(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..') { if (out.length > 1) out.pop(); continue; }
    out.push(part);
  }
  const joined = out.join('/');
  return joined === '' ? '/' : joined;
}
