import { isCorpusFileName } from '../corpus/keys.js';
import { loadSource } from '../corpus/loadSource.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning } from '../corpus/source.js';
import type { FileSystem } from '../engine/io.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { Bibliography } from './bibliography.js';
import { citableSources } from './citable.js';

export interface AttachmentOptions extends CorpusOptions {
  /** The home folder, for `~/` paths; without it they are not read. */
  readonly home?: string;
  /**
   * Whether a resolved path may be read: the CLI allows only the current
   * folder without `--allow-outside-attachments`, an untrusted workspace only
   * the workspace. Asked before anything is read.
   */
  readonly mayRead: (path: string) => boolean;
}

/**
 * Where an attachment path written in a `.bib` file points: `~/` under
 * `home`, a relative path against the bibliography's folder, `/`-separated
 * and without `.` or `..` steps. Undefined for a path this system cannot
 * reach (`C:\...` on a POSIX system, `~/` without a home).
 * `resolveAttachment('files/a.pdf', '/w/refs.bib')` is `/w/files/a.pdf`.
 */
export function resolveAttachment(written: string, bibPath: string, home?: string): string | undefined {
  let path = written.trim();
  if (/^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')) return undefined;
  path = path.replace(/\\/g, '/');
  if (path.startsWith('file://')) path = decodeURIComponent(path.slice('file://'.length));
  if (path === '~' || path.startsWith('~/')) {
    if (home === undefined) return undefined;
    path = home.replace(/\/$/, '') + path.slice(1);
  } else if (!path.startsWith('/')) {
    const slash = bibPath.lastIndexOf('/');
    const folder = slash < 0 ? '' : bibPath.slice(0, slash + 1);
    path = folder + path;
  }
  return normalizePath(path);
}

/** `normalizePath('/a/./b/../c')` is `/a/c`; `normalizePath('./x/../../y')` is `../y`. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part === '..' && absolute) continue;
    else parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? '/' + joined : joined === '' ? '.' : joined;
}

/**
 * Indexes the attachments of bibliography entries whose full text the corpus
 * does not already hold: each existing file of a source format (the formats
 * the corpus reads) becomes a source answering to the entry's key, wherever
 * it is, if `mayRead` allows its path (and its real path, when a symbolic
 * link leads there). A path is tried as written, then in
 * NFC and NFD (macOS writes file names decomposed).
 * Resolves the number of sources added and one warning per unreadable file.
 */
export async function indexAttachments(fs: FileSystem, index: CorpusIndex, bibliography: Bibliography,
  options: AttachmentOptions): Promise<{ added: number; warnings: CorpusWarning[] }> {
  const warnings: CorpusWarning[] = [];
  let added = 0;
  const citable = citableSources(index, bibliography);
  for (const entry of bibliography.entries()) {
    if (entry.files.length === 0 || citable.sourceKey(entry.key) !== undefined) continue;
    const bibPath = bibliography.fileOf(entry.key)?.path ?? '';
    for (const written of entry.files) {
      const resolved = resolveAttachment(written, bibPath, options.home);
      if (resolved === undefined || !isCorpusFileName(resolved)) continue;
      const path = await existing(fs, resolved, options.mayRead, warnings);
      if (path === undefined) continue;
      const folder = path.slice(0, path.lastIndexOf('/') + 1) || '.';
      const loaded = await loadSource(fs, folder, path, options, entry.key);
      if (loaded.warning) warnings.push(loaded.warning);
      if (loaded.source) {
        index.set(loaded.source);
        added++;
        break;
      }
    }
  }
  return { added, warnings };
}

/**
 * The form of `path` that names a file `mayRead` allows. A symbolic link on
 * the way (the file itself, or a folder above it) is followed only when the
 * real path is allowed too and is itself a source file: otherwise one 'link'
 * warning, and the attachment is not read. So a committed `papers/a.txt`
 * linking to `~/.ssh/id_rsa` is refused, with `--allow-outside-attachments`
 * as well.
 */
async function existing(fs: FileSystem, path: string, mayRead: (path: string) => boolean, warnings: CorpusWarning[]): Promise<string | undefined> {
  for (const form of new Set([path, path.normalize('NFC'), path.normalize('NFD')])) {
    if (!mayRead(form)) continue;
    let real: string;
    try {
      const stat = await fs.stat(form);
      if (stat?.kind !== 'file') continue;
      real = await fs.realPath(form);
    } catch {
      continue; // unreadable: try the next form
    }
    if (real !== form && (!mayRead(real) || !isCorpusFileName(real))) {
      const why = mayRead(real) ? 'to a file that is not a source' : 'to a place outside the folders attachments are read from';
      warnings.push({ path: form, kind: 'link', message: `${form} is a symbolic link ${why}, so it was not followed.` });
      return undefined;
    }
    return form;
  }
  return undefined;
}
