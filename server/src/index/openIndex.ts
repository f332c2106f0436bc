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
import { bodySize, inProcessBuilder, SEGMENT_CHARS, type SegmentBuilder } from './builder.js';
import { type CachedSegment } from './cacheFormat.js';
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
  /** Content digest of a file's bytes; default `bytesDigest` (the CLI and server pass a native SHA-256). */
  readonly digest?: (bytes: Uint8Array) => string;
  /** Files read so far, of all. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly token?: CancellationToken;
  /** Fill this index (so a caller can answer from it while it fills) instead of a new one. */
  readonly into?: CorpusIndex;
}

export interface CacheReport {
  /** off: no cache folder; created: there was none; reused: every file came from it; updated: some files were indexed again; rebuilt: it could not be used. */
  readonly status: 'off' | 'created' | 'reused' | 'updated' | 'rebuilt';
  readonly reusedFiles: number;
  readonly indexedFiles: number;
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
 * foreign saved index is detected and rebuilt, never searched.
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
  const readStep = (start: number) => {
    const step = mapPool(files.slice(start, start + FILES_PER_STEP), READS_IN_FLIGHT, async (f) => {
      const read = await readSourceFile(fs, f.path, options);
      return { file: f, read, digest: read.warning ? '' : digest(read.bytes) };
    }, token);
    step.catch(() => undefined); // awaited in turn; this only keeps an early failure from counting as unhandled meanwhile
    return step;
  };
  let nextStep = readStep(0);
  let decodedSinceYield = 0;
  const saved = cachePath === undefined || cacheRead === undefined ? undefined : checkCache(await cacheRead, cachePath, scope);
  const segments = saved?.contents?.segments ?? [];
  const byPath = new Map<string, { segment: number; local: number }>();
  segments.forEach((segment, s) => segment.files.forEach((file, local) => { if (file) byPath.set(file.path, { segment: s, local }); }));
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
      const result: LoadedSource & { text?: string } = read.warning ? { warning: read.warning } : describe(f, read.bytes, read.mtimeMs, fileDigest);
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
      if (file && file.size === source.size && file.digest === fileDigest && file.bodyStart === source.bodyStart) {
        reused[place.segment]![place.local] = source;
        reusedFiles++;
        continue;
      }
      enqueue(source, result.text);
      if (pendingChars >= SEGMENT_CHARS) await flush();
    }
    options.onProgress?.(Math.min(files.length, start + FILES_PER_STEP), files.length);
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
  if (cachePath !== undefined && !token.isCancellationRequested && (status !== 'reused' || staleMasks)) {
    saveError = await saveIndex(fs, options.cacheDir!, folders, index, options);
    if (status === 'reused') status = 'updated';
  }
  return {
    index,
    warnings,
    cache: { status, reusedFiles, indexedFiles, ...(problem ? { problem } : {}), ...(saveError ? { saveError } : {}) },
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
