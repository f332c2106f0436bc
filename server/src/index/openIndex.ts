import { duplicateKeyWarning } from '../corpus/loadCorpus.js';
import { rememberDigest, rememberSettled } from '../corpus/fileDigest.js';
import type { CorpusOptions } from '../corpus/options.js';
import { mapPool } from '../corpus/pool.js';
import type { CorpusWarning } from '../corpus/source.js';
import { neverCancelled, type CancellationToken, type FileSystem } from '../engine/io.js';
import { extractedFormat } from '../formats/extracted.js';
import { IndexAssembly, masksStaleFiles } from './assembleIndex.js';
import { inProcessBuilder, type SegmentBuilder } from './builder.js';
import { CorpusIndex } from './corpusIndex.js';
import { FileOpener, listCorpus, reusablePlace, type CorpusPath, type OpenedFile } from './openFiles.js';
import { SavedFiles } from './savedFiles.js';
import { cacheFilePath, cacheScope, saveIndex, type CacheProblem } from './savedIndex.js';

/** Files read at once, and files read between two progress reports. */
const READS_IN_FLIGHT = 16;
const FILES_PER_STEP = 32;
/**
 * Characters decoded (on a cold index, or for changed files) between two turns of
 * the event loop: a group of 32 files was up to 90 ms of work in one go,
 * and a request that came in meanwhile waited for all of it (the worst block
 * went from 89 to 26 ms: bench/README.md, "Targets (issue 5)").
 * What a reopen costs, and why settled PDFs are only stat'ed (`savedFiles.ts`):
 * bench/README.md, "Reopening extracted sources (issue 9)".
 */
const CHARS_BETWEEN_YIELDS = 2 * 1024 * 1024;

export interface OpenIndexOptions extends CorpusOptions {
  /** Folder for the saved index (the CLI's `--cache DIR`, the client's storage folder). None: nothing is saved. */
  readonly cacheDir?: string;
  /** Builds segments (worker threads in the CLI and server); default in this thread. */
  readonly builder?: SegmentBuilder;
  /**
   * Files read so far, of all; when the corpus holds PDF, web page, Word or
   * EPUB files, also how many of them are read (extracted, or found in the
   * saved index), reported as each one is.
   */
  readonly onProgress?: (done: number, total: number, extracting?: ExtractionProgress) => void;
  readonly token?: CancellationToken;
  /** Fill this index (so a caller can answer from it while it fills) instead of a new one. */
  readonly into?: CorpusIndex;
  /**
   * Do not save the index before resolving: `OpenedIndex.save` does it when
   * called (the language server reports the index ready first, and saves it
   * once idle). Default: saved before resolving.
   */
  readonly deferSave?: boolean;
}

/** Files of a format read through an extractor (PDF...) read so far, of all such files in the corpus. */
export interface ExtractionProgress {
  readonly done: number;
  readonly total: number;
}

export interface CacheReport {
  /** off: no cache folder; created: there was none; reused: every file came from it; updated: some files were indexed again; rebuilt: it could not be used. */
  readonly status: 'off' | 'created' | 'reused' | 'updated' | 'rebuilt';
  readonly reusedFiles: number;
  readonly indexedFiles: number;
  /** PDF, web page, Word and EPUB files read by a reader in this open (the others' text came from the saved index); absent for none. */
  readonly extractedFiles?: number;
  /** Why the saved index could not be used (it was rebuilt). */
  readonly problem?: CacheProblem;
  /** Why the index could not be saved (the index itself is fine). */
  readonly saveError?: string;
}

export interface OpenedIndex {
  readonly index: CorpusIndex;
  /** One per bad corpus file, as `loadCorpus` gives them. */
  readonly warnings: CorpusWarning[];
  readonly cache: CacheReport;
  /**
   * With `deferSave`, when the saved index is out of date (or files became
   * settled): saves the index as it is then, resolving to why it could not
   * (`CacheReport.saveError`), or undefined when saved. Never rejects.
   */
  readonly save?: () => Promise<string | undefined>;
}

/**
 * Reads the corpus folders into an index, reusing the saved index in
 * `cacheDir` for every file whose path, size and content digest are unchanged
 * (a changed file is indexed again alone), building the rest with `builder`
 * while files are still being read, and saving the result. A stale, damaged or
 * foreign saved index is detected and rebuilt, never searched. A PDF, web
 * page, Word or EPUB file is extracted (`options.extract`) as it is read,
 * unless the saved index holds its text for the same bytes; one whose saved
 * entry is settled with the same size and time is not even read (`savedFiles.ts`).
 *
 * The steps: the saved index is read and checked (`SavedFiles`) while the
 * folders are listed (`listCorpus`); files are read in groups, each group
 * while the one before is matched against the saved index (`FileOpener`);
 * each source goes to its saved place or to the builder (`IndexAssembly`);
 * last, the index is saved when it differs from the saved one (or, with
 * `deferSave`, handed back to be saved later).
 * `const { index, cache } = await openIndex(nodeFileSystem, ['corpus'], { cacheDir: '.verbatim' })`
 */
export async function openIndex(fs: FileSystem, folders: readonly string[], options: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const token = options.token ?? neverCancelled;
  const index = options.into ?? new CorpusIndex();
  const scope = cacheScope(folders, options);
  const cachePath = options.cacheDir === undefined ? undefined : cacheFilePath(options.cacheDir, scope);

  // The saved index is read and checked while the folders are listed and the first files read and decoded.
  const savedRead = SavedFiles.read(fs, cachePath, scope);
  savedRead.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled meanwhile
  const { files, warnings } = await listCorpus(fs, folders);

  const formatTotal = files.reduce((n, f) => n + (extractedFormat(f.path) ? 1 : 0), 0);
  let filesDone = 0;
  const report = () => options.onProgress?.(filesDone, files.length, formatTotal > 0 ? { done: opener.formatFilesDone, total: formatTotal } : undefined);
  const opener = new FileOpener(fs, options, savedRead, report);
  const readGroup = (start: number) => readAhead(files.slice(start, start + FILES_PER_STEP), opener, token);

  let nextGroup = readGroup(0);
  const saved = await savedRead;
  const assembly = new IndexAssembly(index, options.builder ?? inProcessBuilder, token, saved.segments);
  const keys = new Map<string, string>();
  let newlySettled = 0;
  let decodedSinceYield = 0;
  for (let start = 0; start < files.length && !token.isCancellationRequested; start += FILES_PER_STEP) {
    const group = await nextGroup;
    // The next files are read (and decoded, as their reads complete) while these are matched and built.
    if (start + FILES_PER_STEP < files.length) nextGroup = readGroup(start + FILES_PER_STEP);
    for (const opened of group) {
      if (!opened) continue;
      const result = opener.describe(opened, saved);
      // Decoding is the main thread's share of a cold index: let requests in between every few MB of it.
      if (result.text !== undefined && (decodedSinceYield += result.text.length) > CHARS_BETWEEN_YIELDS) {
        decodedSinceYield = 0;
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
      if (result.warning) warnings.push(result.warning);
      const source = result.source;
      if (!source) continue;
      const first = keys.get(source.key);
      if (first !== undefined) { warnings.push(duplicateKeyWarning(source, first)); continue; }
      keys.set(source.key, source.path);
      rememberDigest(source, opened.digest);
      if (opened.settled) rememberSettled(source);
      const place = reusablePlace(saved, source, opened);
      if (place && opened.settled && !place.file.settled) newlySettled++;
      await assembly.add(source, place, result.text);
    }
    filesDone = Math.min(files.length, start + FILES_PER_STEP);
    report();
  }
  await nextGroup; // after a cancellation: the files already being read finish, unused
  const kept = await assembly.finish();

  const indexedFiles = assembly.indexedFiles;
  const problem = saved.problem;
  let status = cacheStatus(cachePath !== undefined, saved, indexedFiles, kept.length);
  let saveError: string | undefined;
  const outOfDate = status !== 'reused' || masksStaleFiles(kept) || opener.freshFailures > 0;
  // Files now settled are saved so, to be checked by their stat next time; the index itself is the saved one.
  const saveDue = cachePath !== undefined && !token.isCancellationRequested && (outOfDate || newlySettled > 0);
  if (saveDue && status === 'reused' && outOfDate) status = 'updated';
  const save = () => saveIndex(fs, options.cacheDir!, folders, index, { ...options, warnings });
  if (saveDue && !options.deferSave) saveError = await save();
  const { extractedFiles } = opener;
  return {
    index,
    warnings,
    cache: { status, reusedFiles: assembly.reusedFiles, indexedFiles, ...(extractedFiles > 0 ? { extractedFiles } : {}), ...(problem ? { problem } : {}), ...(saveError ? { saveError } : {}) },
    ...(saveDue && options.deferSave ? { save } : {}),
  };
}

/**
 * What became of the saved index: off (no cache folder), rebuilt (it could
 * not be used), created (there was none), reused (every file and segment came
 * from it) or updated.
 * `cacheStatus(true, new SavedFiles({}), 3, 0)` is 'created'.
 */
export function cacheStatus(cacheOn: boolean, saved: SavedFiles, indexedFiles: number, keptSegments: number): CacheReport['status'] {
  if (!cacheOn) return 'off';
  if (saved.problem) return 'rebuilt';
  if (!saved.contents) return 'created';
  return indexedFiles === 0 && keptSegments === saved.segments.length ? 'reused' : 'updated';
}

/** Reads a group of files, `READS_IN_FLIGHT` at a time, in order. */
function readAhead(files: readonly CorpusPath[], opener: FileOpener, token: CancellationToken): Promise<(OpenedFile | undefined)[]> {
  const group = mapPool(files, READS_IN_FLIGHT, (f) => opener.open(f), token);
  group.catch(() => undefined); // awaited in turn; this only keeps an early failure from counting as unhandled meanwhile
  return group;
}
