import type { Source } from '../corpus/source.js';
import { LazySource } from '../corpus/sourceText.js';
import type { TextCache } from '../corpus/textCache.js';
import type { CancellationToken } from '../engine/io.js';
import { bodySize, buildInOrder, groupBySize, type SegmentBuilder } from './builder.js';
import { IndexedDoc } from './indexedDoc.js';
import { Segment } from './segment.js';
import { buildSegmentData, type SegmentData } from './segmentData.js';

export { IndexedDoc };

/** Segments smaller than this are merged once there are more than `MAX_SMALL_SEGMENTS` of them. */
const SMALL_SEGMENT_WORDS = 200_000;
const MAX_SMALL_SEGMENTS = 8;
/** Documents added to the index between two yields of `addBuiltInSlices` (a fraction of a millisecond). */
const DOCS_PER_STEP = 256;

interface Placement {
  readonly segment: Segment;
  readonly local: number;
}

/** A segment with the sources it was built from (undefined where a source was removed since). */
export interface SegmentEntry {
  readonly data: SegmentData;
  readonly sources: readonly (Source | undefined)[];
}

/**
 * The searchable corpus: sources by key and path, and a word index over their
 * text. Updates are per file: a changed source is tokenized alone into a
 * small segment and its old words are masked until small segments are merged.
 *
 * `new CorpusIndex([source]).get('000_5b963e663469ef88')?.title`
 */
export class CorpusIndex {
  private readonly docs: (IndexedDoc | undefined)[] = [];
  private readonly placements: (Placement | undefined)[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byPath = new Map<string, number>();
  private segments: Segment[] = [];
  private changeCount = 0;

  constructor(sources?: Iterable<Source>) {
    if (sources) this.addAll(sources);
  }

  /** Bumps on every change, so caches of verdicts know when to forget. */
  get version(): number {
    return this.changeCount;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Adds many sources at once, in large segments built in this thread. */
  addAll(sources: Iterable<Source>): void {
    for (const group of groupBySize([...sources], bodySize)) this.addSegment(group, buildSegmentData(group));
    this.changeCount++;
  }

  /**
   * Adds many sources with `builder` (worker threads in the CLI and server),
   * each group searchable as soon as it is built. `onProgress(done, total)`
   * counts sources. Sources not yet added when `token` is cancelled are left out.
   * `await index.addAllAsync(sources, workerBuilder(2))`
   */
  async addAllAsync(sources: readonly Source[], builder: SegmentBuilder,
    onProgress?: (done: number, total: number) => void, token?: CancellationToken): Promise<void> {
    let done = 0;
    await buildInOrder(groupBySize(sources, bodySize), builder.parallelism, (group) => builder.build(group), (group, data) => {
      this.addSegment(group, data);
      this.changeCount++;
      done += group.length;
      onProgress?.(done, sources.length);
    }, token);
  }

  /**
   * Adds a segment built earlier (a saved index) over `sources`, in order;
   * an undefined source marks a document that is no longer there.
   */
  addBuilt(sources: readonly (Source | undefined)[], data: SegmentData): void {
    this.addSegment(sources, data);
    this.mergeSmallSegments();
    this.changeCount++;
  }

  /**
   * `addBuilt` on the server's thread in slices: `due()` (`timeSlices`) is
   * asked every few hundred documents and awaited when the slice is over, so
   * requests are answered meanwhile (100,000 tiny files were 0.3 s in one
   * piece). The index's version moves before and after, so nothing computed
   * from the half-added segment is taken for the finished index.
   */
  async addBuiltInSlices(sources: readonly (Source | undefined)[], data: SegmentData, due: () => Promise<void> | undefined): Promise<void> {
    this.changeCount++;
    const steps = this.segmentSteps(sources, data);
    while (!steps.next().done) {
      const turn = due();
      if (turn) await turn;
    }
    this.mergeSmallSegments();
    this.changeCount++;
  }

  /** Adds a source, or replaces the one at the same path. */
  set(source: Source): void {
    this.addSegment([source], buildSegmentData([source]));
    this.mergeSmallSegments();
    this.changeCount++;
  }

  /** Removes the source read from `path`; false when there was none. */
  deletePath(path: string): boolean {
    const id = this.byPath.get(path);
    if (id === undefined) return false;
    this.retire(id);
    this.mergeSmallSegments();
    this.changeCount++;
    return true;
  }

  get(key: string): Source | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.docs[id]?.source;
  }

  getByPath(path: string): Source | undefined {
    const id = this.byPath.get(path);
    return id === undefined ? undefined : this.docs[id]?.source;
  }

  /** The indexed form of the source with `key`. */
  docByKey(key: string): IndexedDoc | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.docs[id];
  }

  doc(id: number): IndexedDoc | undefined {
    return this.docs[id];
  }

  *sources(): IterableIterator<Source> {
    for (const id of this.byPath.values()) {
      const doc = this.docs[id];
      if (doc) yield doc.source;
    }
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** How many times a word hash occurs (an upper bound: removed sources count until a merge). */
  frequency(hash: number): number {
    let n = 0;
    for (const segment of this.segments) n += segment.count(hash);
    return n;
  }

  /**
   * Calls `visit(docId, wordIndex)` for each live occurrence of a word hash.
   * Stops early when `visit` returns false. With `onlyDocs`, occurrences in
   * other documents are skipped without a call (they still cost a decode).
   */
  forEachOccurrence(hash: number, visit: (docId: number, wordIndex: number) => boolean | void, onlyDocs?: ReadonlySet<number>): void {
    for (const segment of this.segments) {
      const ids = segment.docIds;
      const skip = skipOutside(segment, onlyDocs);
      if (skip === null) continue;
      if (!segment.forEach(hash, (local, wordIndex) => visit(ids[local]!, wordIndex), skip)) return;
    }
  }

  /**
   * `forEachOccurrence` of a phrase's pivot word, saying of each place whether
   * every word of `others` stands at its distance from it in the same document
   * (`holds`), from the index alone: the caller reads text only where it does.
   * `index.forEachPhrasePlace(hashWord('think'), [{ hash: hashWord('they'), delta: 1 }], (doc, i, holds) => ...)`
   */
  forEachPhrasePlace(hash: number, others: readonly { hash: number; delta: number }[],
    visit: (docId: number, wordIndex: number, holds: boolean) => boolean | void, onlyDocs?: ReadonlySet<number>): void {
    for (const segment of this.segments) {
      const ids = segment.docIds;
      const skip = skipOutside(segment, onlyDocs);
      if (skip === null) continue;
      const base = segment.docBase;
      const lists = others.map((o) => ({ delta: o.delta, positions: segment.positions(o.hash), cursor: 0 }));
      const keepGoing = segment.forEach(hash, (local, wordIndex) => {
        const pos = base[local]! + wordIndex;
        const words = base[local + 1]! - base[local]!;
        let holds = true;
        for (const list of lists) {
          const target = pos + list.delta;
          if (wordIndex + list.delta < 0 || wordIndex + list.delta >= words) { holds = false; break; }
          const positions = list.positions;
          let c = list.cursor;
          while (c < positions.length && positions[c]! < target) c++;
          list.cursor = c;
          if (positions[c] !== target) { holds = false; break; }
        }
        return visit(ids[local]!, wordIndex, holds);
      }, skip);
      if (!keepGoing) return;
    }
  }

  /**
   * Drops the decoded text its lazy sources hold in the shared text cache (it
   * was replaced by a rebuilt index): the cache would otherwise keep them, and
   * their bytes, alive until other reads pushed them out. They still read
   * their text, decoding it again, if something asks.
   */
  releaseTexts(): void {
    const byCache = new Map<TextCache, Set<LazySource>>();
    for (const doc of this.docs) {
      if (!(doc?.source instanceof LazySource)) continue;
      const cache = doc.source.cache;
      let sources = byCache.get(cache);
      if (!sources) byCache.set(cache, sources = new Set());
      sources.add(doc.source);
    }
    for (const [cache, sources] of byCache) cache.release(sources);
  }

  /** The segments with their sources, for a saved index. */
  segmentEntries(): SegmentEntry[] {
    return this.segments.map((segment) => ({
      data: segment.data,
      sources: segment.docIds.map((id, local) => (segment.deleted[local] ? undefined : this.docs[id]?.source)),
    }));
  }

  /** Words indexed (removed sources count until a merge). */
  get wordCount(): number {
    let n = 0;
    for (const segment of this.segments) n += segment.wordCount;
    return n;
  }

  /** Bytes held by the word index (not counting source text), for memory reports. */
  get indexBytes(): number {
    let n = 0;
    for (const segment of this.segments) n += segment.byteSize;
    return n;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private addSegment(sources: readonly (Source | undefined)[], data: SegmentData): void {
    const steps = this.segmentSteps(sources, data);
    while (!steps.next().done);
  }

  /**
   * The work of `addSegment`, yielding every `DOCS_PER_STEP` documents. The
   * segment is searched only once whole: meanwhile its sources can be found by
   * key and path, but not yet their words.
   */
  private *segmentSteps(sources: readonly (Source | undefined)[], data: SegmentData): Generator<void> {
    const docIds: number[] = [];
    for (let local = 0; local < sources.length; local++) {
      const source = sources[local];
      docIds.push(source ? this.register(source) : -1);
      if ((local + 1) % DOCS_PER_STEP === 0) yield;
    }
    const segment = new Segment(docIds, data);
    for (let local = 0; local < docIds.length; local++) {
      const id = docIds[local]!;
      if (id < 0) {
        segment.deleted[local] = 1;
        segment.liveCount--;
        continue;
      }
      const marks = data.marks.subarray(data.markBase[local]!, data.markBase[local + 1]!);
      const source = sources[local]!;
      const [from, to] = [data.chunkBase[local]!, data.chunkBase[local + 1]!];
      if (to > from && source instanceof LazySource) source.useChunkStarts(data.chunkStarts.subarray(from, to));
      const words = data.docBase[local + 1]! - data.docBase[local]!;
      this.docs[id] = new IndexedDoc(id, source, words, marks);
      this.placements[id] = { segment, local };
      if ((local + 1) % DOCS_PER_STEP === 0) yield;
    }
    if (segment.liveCount > 0) this.segments.push(segment);
  }

  /** Gives a source a document number, retiring the one at the same path. */
  private register(source: Source): number {
    const previous = this.byPath.get(source.path);
    if (previous !== undefined) this.retire(previous, source);
    const id = this.docs.length;
    this.docs.push(undefined);
    this.placements.push(undefined);
    this.byPath.set(source.path, id);
    if (!this.byKey.has(source.key) || this.docs[this.byKey.get(source.key)!]?.source.path === source.path) {
      this.byKey.set(source.key, id);
    }
    return id;
  }

  /** Takes a document out; its source's decoded text is dropped unless it comes back as `next` (a merge). */
  private retire(id: number, next?: Source): void {
    const doc = this.docs[id];
    if (!doc) return;
    const placement = this.placements[id];
    if (placement && !placement.segment.deleted[placement.local]) {
      placement.segment.deleted[placement.local] = 1;
      placement.segment.liveCount--;
      if (placement.segment.liveCount === 0) this.segments = this.segments.filter((s) => s !== placement.segment);
    }
    this.docs[id] = undefined;
    this.placements[id] = undefined;
    if (doc.source !== next && doc.source instanceof LazySource) doc.source.release();
    if (this.byPath.get(doc.source.path) === id) this.byPath.delete(doc.source.path);
    if (this.byKey.get(doc.source.key) === id) {
      this.byKey.delete(doc.source.key);
      // Another source may carry the same key (a duplicate that lost): let it take the key back.
      for (const other of this.docs) {
        if (other && other.source.key === doc.source.key) { this.byKey.set(other.source.key, other.id); break; }
      }
    }
  }

  /** Re-indexes the live documents of small segments into one, dropping masked words. */
  private mergeSmallSegments(): void {
    const small = this.segments.filter((s) => s.wordCount < SMALL_SEGMENT_WORDS);
    if (small.length <= MAX_SMALL_SEGMENTS) return;
    const sources: Source[] = [];
    for (const segment of small) {
      segment.docIds.forEach((id, local) => {
        const doc = this.docs[id];
        if (doc && !segment.deleted[local]) sources.push(doc.source);
      });
    }
    this.segments = this.segments.filter((s) => s.wordCount >= SMALL_SEGMENT_WORDS);
    if (sources.length > 0) this.addSegment(sources, buildSegmentData(sources));
  }
}

/**
 * The documents of `segment` to pass over when only `onlyDocs` are wanted
 * (undefined: none; null: all of them, so the segment can be left out).
 */
function skipOutside(segment: Segment, onlyDocs: ReadonlySet<number> | undefined): Uint8Array | undefined | null {
  if (!onlyDocs) return undefined;
  const skip = new Uint8Array(segment.docIds.length);
  let any = false;
  segment.docIds.forEach((id, local) => { if (onlyDocs.has(id)) any = true; else skip[local] = 1; });
  return any ? skip : null;
}
