import { withoutUtf8Bom } from '../corpus/decode.js';
import { sourceFromExtraction } from '../corpus/extractSource.js';
import { rememberFailedFile } from '../corpus/fileDigest.js';
import { comparePaths, listCorpusFiles } from '../corpus/listFiles.js';
import { readCheckedFile, readSourceFile, sourceFromBytes, statSourceFile, type LoadedSource } from '../corpus/loadSource.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning, Source } from '../corpus/source.js';
import { LazySource, type SavedText } from '../corpus/sourceText.js';
import { sharedTextCache } from '../corpus/textCache.js';
import type { FileStat, FileSystem } from '../engine/io.js';
import { extractedFormat, type ExtractedFormat } from '../formats/extracted.js';
import { READER_VERSIONS } from '../formats/readers.js';
import type { CachedFile } from './cacheFormat.js';
import { bytesDigest } from './checksum.js';
import { isSettled, unchanged, unchangedByStat, type SavedFiles, type SavedPlace } from './savedFiles.js';

/** A corpus file to read: its path, and the corpus folder it was listed under (its key is relative to it). */
export interface CorpusPath {
  readonly folder: string;
  readonly path: string;
}

/**
 * Lists the corpus folders: one entry per real path (a file that two folders,
 * or a link, reach is read once), sorted by path, and the listing's warnings.
 * `(await listCorpus(fs, ['corpus'])).files[0]` is `{ folder: 'corpus', path: 'corpus/a.txt' }`.
 */
export async function listCorpus(fs: FileSystem, folders: readonly string[]): Promise<{ files: CorpusPath[]; warnings: CorpusWarning[] }> {
  const files: CorpusPath[] = [];
  const warnings: CorpusWarning[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const listed = await listCorpusFiles(fs, folder, folders);
    warnings.push(...listed.warnings);
    for (const file of listed.files) if (!seen.has(file.realPath)) { seen.add(file.realPath); files.push({ folder, path: file.path }); }
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  return { files, warnings };
}

/** One corpus file as `FileOpener.open` left it. */
export interface OpenedFile {
  readonly file: CorpusPath;
  /** Its source or warning when already known: an extracted file (read, or from the saved index), or one that could not be read. */
  readonly loaded?: LoadedSource & { text?: string };
  /** A plain file's bytes, described (`FileOpener.describe`) once the saved index is known. */
  readonly bytes?: Uint8Array;
  readonly mtimeMs: number;
  /** The content digest of its bytes ('' when unreadable); for a file found unchanged by its stat, the saved one. */
  readonly digest: string;
  /** Its modification time was settled when it was checked (`savedFiles.ts`): kept for an extracted file only. */
  readonly settled: boolean;
  /** An extracted file whose text is the saved one (so its saved words may be reused); a plain file's text is its bytes. */
  readonly sameText: boolean;
}

/**
 * Reads corpus files and tells which changed since the saved index: a plain
 * file is read and digested (its bytes are its text, kept by its source);
 * a PDF, web page, Word or EPUB file is only stat'ed when its saved entry
 * is settled with the same size and time, else read, digested and, unless
 * the saved index holds its text (or its lasting failure) for these bytes,
 * extracted (`options.extract`).
 * `const opened = await new FileOpener(fs, options, savedFiles).open({ folder: 'corpus', path: 'corpus/a.pdf' })`
 */
export class FileOpener {
  /** Files read by a reader in this open. */
  extractedFiles = 0;
  /** Files a reader failed on in this open (their failure is saved). */
  freshFailures = 0;
  /** Extracted-format files checked so far (`onFormatFile` is called after each). */
  formatFilesDone = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly options: CorpusOptions,
    /** The saved index, once checked: plain files are read before it is known, format files wait for it. */
    private readonly saved: Promise<SavedFiles>,
    private readonly onFormatFile: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads (or, for an unchanged extracted file, only stats) one file. Never throws. */
  async open(f: CorpusPath): Promise<OpenedFile> {
    const format = extractedFormat(f.path);
    const checkedAt = this.now();
    if (!format) {
      const read = await readSourceFile(this.fs, f.path, this.options);
      if (read.warning) return unreadable(f, read.warning);
      return { file: f, bytes: read.bytes, mtimeMs: read.mtimeMs, digest: this.digest(read.bytes), settled: false, sameText: true };
    }
    const checked = await statSourceFile(this.fs, f.path, this.options);
    if (checked.warning) return unreadable(f, checked.warning);
    const saved = await this.saved;
    let opened = this.savedByStat(f, format, checked.stat, saved);
    if (!opened) {
      const read = await readCheckedFile(this.fs, f.path, checked.stat, this.options);
      if (read.warning) return unreadable(f, read.warning);
      opened = await this.fromBytes(f, format, read.bytes, read.mtimeMs, saved, isSettled(checked.stat.mtimeMs, checkedAt));
    }
    this.formatFilesDone++;
    this.onFormatFile();
    return opened;
  }

  /**
   * A plain file's source: described as the saved index describes it when
   * its bytes are unchanged (nothing decoded), else from its bytes (decoded
   * whole, as it is about to be indexed; the text is returned with it).
   */
  describe(opened: OpenedFile, saved: SavedFiles): LoadedSource & { text?: string } {
    if (opened.loaded || !opened.bytes) return opened.loaded ?? {};
    const { file: f, bytes, mtimeMs } = opened;
    const file = saved.place(f.path)?.file;
    if (file?.meta && unchanged(file, bytes.length, opened.digest)) {
      // The same bytes as when saved: valid UTF-8, described as then.
      return { source: new LazySource(file.meta, f.path, withoutUtf8Bom(bytes), bytes.length, mtimeMs, this.texts) };
    }
    return sourceFromBytes(f.folder, f.path, bytes, mtimeMs, this.options, true);
  }

  /** An extracted file found unchanged by its stat alone: its saved text, not a byte of it read. */
  private savedByStat(f: CorpusPath, format: ExtractedFormat, stat: FileStat, saved: SavedFiles): OpenedFile | undefined {
    const file = saved.place(f.path)?.file;
    const text = file && savedText(file, format, saved);
    if (!file || !text || !unchangedByStat(file, stat)) return undefined;
    const source = new LazySource(file.meta!, f.path, text, stat.size, stat.mtimeMs, this.texts);
    return { file: f, loaded: { source }, mtimeMs: stat.mtimeMs, digest: file.digest, settled: true, sameText: true };
  }

  /** An extracted file's bytes: its saved text or lasting failure when they are unchanged, else extracted now. */
  private async fromBytes(f: CorpusPath, format: ExtractedFormat, bytes: Uint8Array, mtimeMs: number, saved: SavedFiles,
    settled: boolean): Promise<OpenedFile> {
    const digest = this.digest(bytes);
    const done = (loaded: LoadedSource & { text?: string }, sameText: boolean): OpenedFile =>
      ({ file: f, loaded, mtimeMs, digest, settled, sameText });
    const file = saved.place(f.path)?.file;
    const text = file && savedText(file, format, saved);
    if (text && unchanged(file, bytes.length, digest)) {
      return done({ source: new LazySource(file.meta!, f.path, text, bytes.length, mtimeMs, this.texts) }, true);
    }
    const version = READER_VERSIONS[format];
    const failed = saved.failure(f.path);
    if (failed && failed.readerVersion === version && unchanged(failed, bytes.length, digest)) {
      const warning = { path: f.path, kind: failed.kind, message: failed.message };
      rememberFailedFile(warning, failed.size, failed.digest, version);
      return done({ warning }, false);
    }
    this.extractedFiles++;
    const extracted = await sourceFromExtraction(f.folder, f.path, format, bytes, mtimeMs, this.options, digest);
    if (!extracted.source) this.freshFailures++;
    return done(extracted, false);
  }

  private digest(bytes: Uint8Array): string {
    return (this.options.digest ?? bytesDigest)(bytes);
  }

  private get texts() {
    return this.options.texts ?? sharedTextCache;
  }
}

/**
 * Where a source's saved words lie, when they are its words now: the same
 * bytes (`unchanged`) read the same way (the same body start; an extracted
 * file's only with its saved text, not when a newer reader read it again).
 */
export function reusablePlace(saved: SavedFiles, source: Source, opened: OpenedFile): SavedPlace | undefined {
  const place = saved.place(source.path);
  const same = place && unchanged(place.file, source.size, opened.digest) && place.file.bodyStart === source.bodyStart && opened.sameText;
  return same ? place : undefined;
}

/** The saved text of an extracted file, when it was read by this version of its format's reader. */
function savedText(file: CachedFile, format: ExtractedFormat, saved: SavedFiles): Uint8Array | SavedText | undefined {
  if (file.meta?.format !== format || file.readerVersion !== READER_VERSIONS[format]) return undefined;
  return saved.text(file);
}

function unreadable(file: CorpusPath, warning: CorpusWarning): OpenedFile {
  return { file, loaded: { warning }, mtimeMs: 0, digest: '', settled: false, sameText: false };
}
