import type { FailedFile } from '../corpus/fileDigest.js';
import type { SavedText } from '../corpus/sourceText.js';
import type { FileStat, FileSystem, OpenFile } from '../engine/io.js';
import { extractedText, type CacheContents, type CachedFile, type CachedSegment } from './cacheFormat.js';
import { checkCache, readCacheFile, type CacheProblem } from './savedIndex.js';

/**
 * How long after a file's modification time its contents count as settled:
 * a later write, even of the same size, gives it another time. A file read
 * sooner than this after its last write may still be written within the same
 * tick of the file system's clock (FAT keeps 2 s, Linux ticks every few ms),
 * so its saved entry is never trusted on its time alone.
 */
export const SETTLE_MS = 3000;

/** Where a saved file lies in the saved index: its segment and its place there. */
export interface SavedPlace {
  readonly file: CachedFile;
  readonly segment: number;
  readonly local: number;
}

/**
 * The saved index as `openIndex` consults it: each file's entry by path, the
 * files a reader could not read, and why the saved index could not be used.
 * `const saved = await SavedFiles.read(fs, cacheFilePath(dir, scope), scope); saved.place('corpus/a.txt')?.file.digest`
 */
export class SavedFiles {
  readonly contents: CacheContents | undefined;
  readonly problem: CacheProblem | undefined;
  readonly segments: readonly CachedSegment[];
  private readonly byPath = new Map<string, SavedPlace>();
  private readonly failures: Map<string, FailedFile>;
  /** The saved index held open, and where its extracted texts start in it: their bytes are read from it when needed. */
  private readonly onDisk: { readonly file: OpenFile; readonly textsAt: number } | undefined;

  /**
   * Reads and checks the saved index at `path` (none: an empty one, as when
   * nothing was saved). When the file system can hold it open, its extracted
   * texts (70% of a library of PDFs' saved index) are left in it, to be read
   * when needed (`readCacheFile`).
   */
  static async read(fs: FileSystem, path: string | undefined, scope: string): Promise<SavedFiles> {
    if (path === undefined) return new SavedFiles({});
    const file = await readCacheFile(fs, path);
    const checked = checkCache(file, path, scope);
    const onDisk = checked.contents && file.opened && file.withoutTexts ? { file: file.opened, textsAt: file.bytes!.length } : undefined;
    return new SavedFiles({ ...checked, ...(onDisk ? { onDisk } : {}) });
  }

  constructor(checked: { contents?: CacheContents; problem?: CacheProblem; onDisk?: { file: OpenFile; textsAt: number } }) {
    this.contents = checked.contents;
    this.problem = checked.problem;
    this.onDisk = checked.onDisk;
    this.segments = checked.contents?.segments ?? [];
    this.segments.forEach((segment, s) => segment.files.forEach((file, local) => {
      if (file) this.byPath.set(file.path, { file, segment: s, local });
    }));
    this.failures = new Map((checked.contents?.failures ?? []).map((f) => [f.path, f]));
  }

  place(path: string): SavedPlace | undefined {
    return this.byPath.get(path);
  }

  /** The saved entry of a file that failed to read, if any. */
  failure(path: string): FailedFile | undefined {
    return this.failures.get(path);
  }

  /**
   * The UTF-8 of an extracted file's saved text, if it has one: where it lies
   * in the saved index held open, else a view on the saved index's bytes.
   */
  text(file: CachedFile): Uint8Array | SavedText | undefined {
    if (this.onDisk && file.text) return { file: this.onDisk.file, at: this.onDisk.textsAt + file.text.at, length: file.text.length };
    return this.contents ? extractedText(this.contents, file) : undefined;
  }
}

/**
 * The saved-file check: whether a saved entry (of a source or of a failure)
 * describes these bytes, by their size and content digest.
 * `unchanged({ size: 3, digest: 'ab' }, 3, 'ab')` is true.
 */
export function unchanged(saved: { readonly size: number; readonly digest: string } | undefined, size: number, digest: string): boolean {
  return saved !== undefined && saved.size === size && saved.digest === digest;
}

/**
 * The saved-file check without reading the file: a saved entry marked settled
 * (its modification time was at least `SETTLE_MS` old when it was read) with
 * the same size and modification time describes the same bytes. Used for PDF,
 * web page, Word and EPUB files, whose bytes are only read to be extracted.
 * `unchangedByStat({ ...file, settled: true }, { kind: 'file', size: file.size, mtimeMs: file.mtimeMs })` is true.
 */
export function unchangedByStat(saved: CachedFile | undefined, stat: FileStat): boolean {
  return saved?.settled === true && stat.kind === 'file' && saved.size === stat.size && saved.mtimeMs === stat.mtimeMs;
}

/** Whether a file whose stat, taken at `readAt` (ms since the epoch), gave `mtimeMs` is settled (see `SETTLE_MS`). */
export function isSettled(mtimeMs: number, readAt: number): boolean {
  return mtimeMs < readAt - SETTLE_MS;
}
