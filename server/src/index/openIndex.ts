import { sourceFromExtraction } from '../corpus/extractSource.js';
import { rememberFailedFile } from '../corpus/fileDigest.js';
import { duplicateKeyWarning } from '../corpus/loadCorpus.js';
import { comparePaths, listCorpusFiles } from '../corpus/listFiles.js';
import { withoutUtf8Bom } from '../corpus/decode.js';
import { readSourceFile, sourceFromBytes, type LoadedSource } from '../corpus/loadSource.js';
import type { CorpusOptions } from '../corpus/options.js';
import { mapPool } from '../corpus/pool.js';
import type { CorpusWarning, Source } from '../corpus/source.js';
import { LazySource } from '../corpus/sourceText.js';
import { sharedTextCache } from '../corpus/textCache.js';
import { chunkStarts, decodeUtf8 } from '../corpus/utf8Chunks.js';
import { maskText } from '../corpus/visibleText.js';
import { neverCancelled, type CancellationToken, type FileSystem } from '../engine/io.js';
import { extractedFormat, type ExtractedFormat } from '../formats/extracted.js';
import { READER_VERSIONS } from '../formats/readers.js';
import { bodySize, inProcessBuilder, SEGMENT_CHARS, type SegmentBuilder } from './builder.js';
import { extractedText, type CachedSegment } from './cacheFormat.js';
import { bytesDigest } from './checksum.js';
import { CorpusIndex } from './corpusIndex.js';
import type { SegmentData, SegmentInput } from './segmentData.js';
import { cacheFilePath, cacheScope, checkCache, readCacheFile, rememberDigest, saveIndex, type CacheProblem } from './savedIndex.js';

/** Files read at once, and files read between two progress reports. */
const READS_IN_FLIGHT = 16;
const FILES_PER_STEP = 32;
/** A saved segment with more than this share of its words in changed or removed files is rebuilt rather than masked. */
const MAX_STALE_SHARE = 0.5;
/**
 * Characters decoded (on a cold index, or for changed files) between two turns of
 * the event loop: a group of 32 files was up to 90 ms of work in one go,
 * and a request that came in meanwhile waited for all of it.
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
}

/**
 * Reads the corpus folders into an index, reusing the saved index in
 * `cacheDir` for every file whose path, size and content digest are unchanged
 * (a changed file is indexed again alone), building the rest with `builder`
 * while files are still being read, and saving the result. A stale, damaged or
 * foreign saved index is detected and rebuilt, never searched. A PDF, web
 * page, Word or EPUB file is extracted (`options.extract`) as it is read,
 * unless the saved index holds its text for the same bytes.
 * `const { index, cache } = await openIndex(nodeFileSystem, ['corpus'], { cacheDir: '.verbatim' })`
 */
export async function openIndex(fs: FileSystem, folders: readonly string[], options: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const token = options.token ?? neverCancelled;
  const digest = options.digest ?? bytesDigest;
  const builder = options.builder ?? inProcessBuilder;
  const index = options.into ?? new CorpusIndex();
  const warnings: CorpusWarning[] = [];
  const scope = cacheScope(folders, options);
  const cachePath = options.cacheDir === undefined ? undefined : cacheFilePath(options.cacheDir, scope);

  // The saved index file is read while the folders are listed and the first files read and decoded.
  const cacheRead = cachePath === undefined ? undefined : readCacheFile(fs, cachePath);
  const files: { folder: string; path: string }[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const listed = await listCorpusFiles(fs, folder, folders);
    warnings.push(...listed.warnings);
    // One entry per real path: a file that two folders (or a link) reach is read once.
    for (const file of listed.files) if (!seen.has(file.realPath)) { seen.add(file.realPath); files.push({ folder, path: file.path }); }
  }
  files.sort((a, b) => comparePaths(a.path, b.path));

  const texts = options.texts ?? sharedTextCache;
  // The saved index is checked once its file is read; extraction waits for it (it may hold the text).
  const savedReady = (async () => {
    const saved = cachePath === undefined || cacheRead === undefined ? undefined : checkCache(await cacheRead, cachePath, scope);
    const segments = saved?.contents?.segments ?? [];
    const byPath = new Map<string, { segment: number; local: number }>();
    segments.forEach((segment, s) => segment.files.forEach((file, local) => { if (file) byPath.set(file.path, { segment: s, local }); }));
    const failures = new Map((saved?.contents?.failures ?? []).map((f) => [f.path, f]));
    return { saved, segments, byPath, failures };
  })();
  savedReady.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled meanwhile
  const formatTotal = files.reduce((n, f) => n + (extractedFormat(f.path) ? 1 : 0), 0);
  let filesDone = 0;
  let formatDone = 0;
  let extractedFiles = 0;
  let freshFailures = 0;
  const report = () => options.onProgress?.(filesDone, files.length, formatTotal > 0 ? { done: formatDone, total: formatTotal } : undefined);
  /** A format file's source: from the saved index when it holds these bytes' text (or their lasting failure), else extracted. */
  const extractOrReuse = async (f: { folder: string; path: string }, format: ExtractedFormat, bytes: Uint8Array, mtimeMs: number,
    fileDigest: string): Promise<LoadedSource & { text?: string; saved?: true }> => {
    const { saved, segments, byPath, failures } = await savedReady;
    const place = byPath.get(f.path);
    const file = place && segments[place.segment]!.files[place.local];
    const text = file && saved?.contents ? extractedText(saved.contents, file) : undefined;
    const version = READER_VERSIONS[format];
    if (file?.meta?.format === format && text && file.size === bytes.length && file.digest === fileDigest && file.readerVersion === version) {
      return { source: new LazySource(file.meta, f.path, text, bytes.length, mtimeMs, texts), saved: true };
    }
    const failed = failures.get(f.path);
    if (failed && failed.size === bytes.length && failed.digest === fileDigest && failed.readerVersion === version) {
      const warning = { path: f.path, kind: failed.kind, message: failed.message };
      rememberFailedFile(warning, failed.size, failed.digest, version);
      return { warning };
    }
    extractedFiles++;
    const result = await sourceFromExtraction(f.folder, f.path, format, bytes, mtimeMs, options, fileDigest);
    if (!result.source) freshFailures++;
    return result;
  };
  const pipeline = new BuildPipeline(index, builder, token);
  let pending: Source[] = [];
  let pendingInputs: SegmentInput[] = [];
  let pendingChars = 0;
  const enqueue = (source: Source, text?: string) => {
    pending.push(source);
    pendingInputs.push(segmentInput(source, text));
    pendingChars += bodySize(source);
  };
  const flush = async () => {
    await pipeline.submit(pending, pendingInputs);
    pending = [];
    pendingInputs = [];
    pendingChars = 0;
  };
  let reusedFiles = 0;
  const keys = new Map<string, string>();
  // Files are read and digested ahead; each is described (decoded, titled) only once the saved index
  // is known, and not at all when the saved index already describes it.
  // A PDF, web page, Word or EPUB file is extracted here, as soon as it is read (its text then replaces its bytes).
  const readStep = (start: number) => {
    const step = mapPool(files.slice(start, start + FILES_PER_STEP), READS_IN_FLIGHT, async (f) => {
      const read = await readSourceFile(fs, f.path, options);
      const fileDigest = read.warning ? '' : digest(read.bytes);
      const format = extractedFormat(f.path);
      if (read.warning || !format) return { file: f, read, digest: fileDigest };
      const extracted = await extractOrReuse(f, format, read.bytes, read.mtimeMs, fileDigest);
      formatDone++;
      report();
      return { file: f, read: { warning: undefined, bytes: new Uint8Array(0), mtimeMs: read.mtimeMs }, digest: fileDigest, extracted };
    }, token);
    step.catch(() => undefined); // awaited in turn; this only keeps an early failure from counting as unhandled meanwhile
    return step;
  };
  let nextStep = readStep(0);
  let decodedSinceYield = 0;
  const { saved, segments, byPath } = await savedReady;
  const reused: (Source | undefined)[][] = segments.map((segment) => segment.files.map(() => undefined));
  const describe = (f: { folder: string; path: string }, bytes: Uint8Array, mtimeMs: number, fileDigest: string) => {
    const place = byPath.get(f.path);
    const file = place && segments[place.segment]!.files[place.local];
    if (file?.meta && file.size === bytes.length && file.digest === fileDigest) {
      // The same bytes as when saved: valid UTF-8, described as then.
      return { source: new LazySource(file.meta, f.path, withoutUtf8Bom(bytes), bytes.length, mtimeMs, texts) } satisfies LoadedSource;
    }
    return sourceFromBytes(f.folder, f.path, bytes, mtimeMs, options, true);
  };

  for (let start = 0; start < files.length && !token.isCancellationRequested; start += FILES_PER_STEP) {
    const loaded = await nextStep;
    // The next files are read (and decoded, as their reads complete) while these are matched and built.
    if (start + FILES_PER_STEP < files.length) nextStep = readStep(start + FILES_PER_STEP);
    for (const item of loaded) {
      if (!item) continue;
      const { file: f, read, digest: fileDigest } = item;
      const result: LoadedSource & { text?: string } = read.warning ? { warning: read.warning }
        : 'extracted' in item && item.extracted ? item.extracted : describe(f, read.bytes, read.mtimeMs, fileDigest);
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
      rememberDigest(source, fileDigest);
      const place = byPath.get(source.path);
      const file = place && segments[place.segment]!.files[place.local];
      // An extracted file's saved words are reused only with its saved text (not when a newer reader read it again).
      const sameText = !('extracted' in item) || item.extracted?.saved === true;
      if (file && file.size === source.size && file.digest === fileDigest && file.bodyStart === source.bodyStart && sameText) {
        reused[place.segment]![place.local] = source;
        reusedFiles++;
        continue;
      }
      enqueue(source, result.text);
      if (pendingChars >= SEGMENT_CHARS) await flush();
    }
    filesDone = Math.min(files.length, start + FILES_PER_STEP);
    report();
  }
  await nextStep; // after a cancellation: the files already being read finish, unused

  // Saved segments: kept with their changed files masked, or rebuilt when mostly stale.
  const kept: { segment: CachedSegment; sources: (Source | undefined)[] }[] = [];
  segments.forEach((segment, s) => {
    const sources = reused[s]!;
    const base = segment.data.docBase;
    let live = 0;
    sources.forEach((source, local) => { if (source) live += base[local + 1]! - base[local]!; });
    const total = base[base.length - 1]!;
    if (live > 0 && live >= (1 - MAX_STALE_SHARE) * total) kept.push({ segment, sources });
    else for (const source of sources) if (source) { enqueue(source); reusedFiles--; }
  });
  if (pending.length > 0) await flush();
  await pipeline.finish();
  if (!token.isCancellationRequested) for (const { segment, sources } of kept) index.addBuilt(sources, segment.data);

  const indexedFiles = pipeline.files;
  const problem = saved?.problem;
  let status: CacheReport['status'] = cachePath === undefined ? 'off'
    : problem ? 'rebuilt' : !saved?.contents ? 'created' : indexedFiles === 0 && kept.length === segments.length ? 'reused' : 'updated';
  let saveError: string | undefined;
  const staleMasks = kept.some(({ segment, sources }) => sources.some((s, local) => !s && segment.files[local] !== null));
  if (cachePath !== undefined && !token.isCancellationRequested && (status !== 'reused' || staleMasks || freshFailures > 0)) {
    saveError = await saveIndex(fs, options.cacheDir!, folders, index, { ...options, warnings });
    if (status === 'reused') status = 'updated';
  }
  return {
    index,
    warnings,
    cache: { status, reusedFiles, indexedFiles, ...(extractedFiles > 0 ? { extractedFiles } : {}), ...(problem ? { problem } : {}), ...(saveError ? { saveError } : {}) },
  };
}

/** Groups handed to the builder, adopted into the index in the order they were read. */
class BuildPipeline {
  files = 0;
  private readonly inFlight: { sources: Source[]; built: Promise<SegmentData> }[] = [];

  constructor(private readonly index: CorpusIndex, private readonly builder: SegmentBuilder, private readonly token: CancellationToken) {}

  /** Starts building a group (`inputs`: what each source is built from), first adopting finished ones while too many are in flight. */
  async submit(sources: Source[], inputs: readonly SegmentInput[]): Promise<void> {
    while (this.inFlight.length > this.builder.parallelism) await this.adoptOldest();
    const built = this.builder.build(inputs);
    built.catch(() => undefined);
    this.inFlight.push({ sources, built });
  }

  async finish(): Promise<void> {
    while (this.inFlight.length > 0) await this.adoptOldest();
  }

  private async adoptOldest(): Promise<void> {
    const { sources, built } = this.inFlight.shift()!;
    const data = await built;
    if (this.token.isCancellationRequested) return;
    this.index.addBuilt(sources, data);
    this.files += sources.length;
  }
}

/**
 * What a source is built from: a lazy source's text is decoded here, as each
 * file is read, with where its chunks start (`chunkStarts`), and dropped once built.
 * Decoding in this thread while the builder's threads tokenize keeps every
 * core busy (the builder's threads are the slower stage), and the string
 * sent costs less to copy than bytes to decode there.
 */
function segmentInput(source: Source, decoded?: string): SegmentInput {
  if (!(source instanceof LazySource)) return source;
  const text = decoded ?? maskText(decodeUtf8(source.encoded), source.markup, source.bodyStart);
  return { text, bodyStart: source.bodyStart, chunkStarts: chunkStarts(source.encoded) };
}
