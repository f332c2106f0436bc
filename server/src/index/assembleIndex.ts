import type { Source } from '../corpus/source.js';
import { LazySource } from '../corpus/sourceText.js';
import { chunkStarts, decodeUtf8 } from '../corpus/utf8Chunks.js';
import { maskText } from '../corpus/visibleText.js';
import type { CancellationToken } from '../engine/io.js';
import { timeSlices } from '../engine/timeSlices.js';
import { bodySize, SEGMENT_CHARS, type SegmentBuilder } from './builder.js';
import type { CachedSegment } from './cacheFormat.js';
import type { CorpusIndex } from './corpusIndex.js';
import type { SavedPlace } from './savedFiles.js';
import type { SegmentData, SegmentInput } from './segmentData.js';

/** A saved segment with more than this share of its words in changed or removed files is rebuilt rather than masked. */
export const MAX_STALE_SHARE = 0.5;

/**
 * Puts an index together from sources as they are read: each unchanged one
 * into its place in a saved segment, the others into groups handed to the
 * builder (in the order read); at the end, each saved segment is kept with
 * its changed files masked, or rebuilt when mostly stale (`keptSegments`).
 * `const assembly = new IndexAssembly(index, builder, token, saved.segments); await assembly.add(source); await assembly.finish()`
 */
export class IndexAssembly {
  /** Sources taken from saved segments (their words not built again). */
  reusedFiles = 0;
  private readonly pipeline: BuildPipeline;
  private pending: Source[] = [];
  private pendingInputs: SegmentInput[] = [];
  private pendingChars = 0;
  /** Per saved segment, per document: the source that reuses it. */
  private readonly reused: (Source | undefined)[][];
  /** Segments are added to the index in slices (`addBuiltInSlices`), with requests let in between. */
  private readonly due = timeSlices();

  constructor(
    private readonly index: CorpusIndex,
    builder: SegmentBuilder,
    private readonly token: CancellationToken,
    private readonly segments: readonly CachedSegment[],
  ) {
    this.pipeline = new BuildPipeline(index, builder, token, this.due);
    this.reused = segments.map((segment) => segment.files.map(() => undefined));
  }

  /** Files whose words were built in this open. */
  get indexedFiles(): number {
    return this.pipeline.files;
  }

  /** Takes `source` from its saved place (`saved`, when its words there are its words now), else queues it to be built (from `text` when decoded). */
  async add(source: Source, saved?: SavedPlace, text?: string): Promise<void> {
    if (saved) {
      this.reused[saved.segment]![saved.local] = source;
      this.reusedFiles++;
      return;
    }
    this.enqueue(source, text);
    if (this.pendingChars >= SEGMENT_CHARS) await this.flush();
  }

  /**
   * Builds what is left, then adds the saved segments that are kept.
   * Resolves to them (with their sources, `undefined` where a file changed or left).
   */
  async finish(): Promise<KeptSegment[]> {
    const { kept, rebuilt } = keptSegments(this.segments, this.reused);
    for (const source of rebuilt) { this.enqueue(source); this.reusedFiles--; }
    if (this.pending.length > 0) await this.flush();
    await this.pipeline.finish();
    for (const { segment, sources } of kept) {
      if (this.token.isCancellationRequested) break;
      await this.index.addBuiltInSlices(sources, segment.data, this.due);
    }
    return kept;
  }

  private enqueue(source: Source, text?: string): void {
    this.pending.push(source);
    this.pendingInputs.push(segmentInput(source, text));
    this.pendingChars += bodySize(source);
  }

  private async flush(): Promise<void> {
    await this.pipeline.submit(this.pending, this.pendingInputs);
    this.pending = [];
    this.pendingInputs = [];
    this.pendingChars = 0;
  }
}

/** A saved segment kept in the index, with the sources that reuse its documents. */
export interface KeptSegment {
  readonly segment: CachedSegment;
  readonly sources: readonly (Source | undefined)[];
}

/**
 * Which saved segments to keep: one whose reused documents hold at least
 * `1 - MAX_STALE_SHARE` of its words is kept (the others masked); the
 * sources of any other are returned to be built again.
 * `keptSegments([segment], [[a, undefined]])` keeps the segment when `a` holds half its words or more.
 */
export function keptSegments(segments: readonly CachedSegment[], reused: readonly (readonly (Source | undefined)[])[]): { kept: KeptSegment[]; rebuilt: Source[] } {
  const kept: KeptSegment[] = [];
  const rebuilt: Source[] = [];
  segments.forEach((segment, s) => {
    const sources = reused[s] ?? [];
    const base = segment.data.docBase;
    let live = 0;
    sources.forEach((source, local) => { if (source) live += base[local + 1]! - base[local]!; });
    const total = base[base.length - 1]!;
    if (live > 0 && live >= (1 - MAX_STALE_SHARE) * total) kept.push({ segment, sources });
    else for (const source of sources) if (source) rebuilt.push(source);
  });
  return { kept, rebuilt };
}

/** Whether a kept segment masks a document that was there when saved (a file changed or left): the saved index is then out of date. */
export function masksStaleFiles(kept: readonly KeptSegment[]): boolean {
  return kept.some(({ segment, sources }) => sources.some((s, local) => !s && segment.files[local] !== null));
}

/** Groups handed to the builder, adopted into the index in the order they were read. */
class BuildPipeline {
  files = 0;
  private readonly inFlight: { sources: Source[]; built: Promise<SegmentData> }[] = [];

  constructor(private readonly index: CorpusIndex, private readonly builder: SegmentBuilder, private readonly token: CancellationToken,
    private readonly due: () => Promise<void> | undefined) {}

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
    await this.index.addBuiltInSlices(sources, data, this.due);
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
