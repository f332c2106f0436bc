import type { Source } from '../corpus/source.js';
import { tokenizeForIndex } from './hash.js';
import { Segment } from './segment.js';

/** One indexed source: its text and where each of its words starts. */
export interface IndexedDoc {
  readonly id: number;
  readonly source: Source;
  /** UTF-16 offset in `source.text` of each word of the body, in order. */
  readonly starts: Uint32Array;
}

/** Sources are grouped into segments of about this many words when indexed together. */
const SEGMENT_WORDS = 2_000_000;
/** Segments smaller than this are merged once there are more than `MAX_SMALL_SEGMENTS` of them. */
const SMALL_SEGMENT_WORDS = 200_000;
const MAX_SMALL_SEGMENTS = 8;

interface Placement {
  readonly segment: Segment;
  readonly local: number;
}

/**
 * The searchable corpus: sources by key and path, and a word index over their
 * text. Updates are per file: a changed source is re-tokenized alone into a
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

  /** Adds many sources at once, in large segments (the fast path for a first index). */
  addAll(sources: Iterable<Source>): void {
    let batch: IndexedDoc[] = [];
    let batchHashes: Uint32Array[] = [];
    let words = 0;
    const flush = () => {
      if (batch.length === 0) return;
      this.addSegment(batch, batchHashes);
      batch = [];
      batchHashes = [];
      words = 0;
    };
    for (const source of sources) {
      const { doc, hashes } = this.prepare(source);
      batch.push(doc);
      batchHashes.push(hashes);
      words += hashes.length;
      if (words >= SEGMENT_WORDS) flush();
    }
    flush();
    this.changeCount++;
  }

  /** Adds a source, or replaces the one at the same path. */
  set(source: Source): void {
    const { doc, hashes } = this.prepare(source);
    this.addSegment([doc], [hashes]);
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
    for (const segment of this.segments) n += segment.postings(hash).length;
    return n;
  }

  /**
   * Calls `visit(docId, wordIndex)` for each live occurrence of a word hash.
   * Stops early when `visit` returns false.
   */
  forEachOccurrence(hash: number, visit: (docId: number, wordIndex: number) => boolean | void): void {
    for (const segment of this.segments) {
      const positions = segment.postings(hash);
      let local = -1;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < positions.length; i++) {
        const pos = positions[i]!;
        if (pos >= hi || pos < lo) {
          local = segment.docAt(pos);
          lo = segment.docBase[local]!;
          hi = segment.docBase[local + 1]!;
        }
        if (segment.deleted[local]) continue;
        if (visit(segment.docIds[local]!, pos - lo) === false) return;
      }
    }
  }

  /** Bytes held by the word index (not counting source text), for memory reports. */
  get indexBytes(): number {
    let n = 0;
    for (const segment of this.segments) n += segment.byteSize;
    for (const doc of this.docs) if (doc) n += doc.starts.byteLength;
    return n;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private prepare(source: Source): { doc: IndexedDoc; hashes: Uint32Array } {
    const previous = this.byPath.get(source.path);
    if (previous !== undefined) this.retire(previous);
    const id = this.docs.length;
    const { starts, hashes } = tokenizeForIndex(source.text, source.bodyStart);
    const doc: IndexedDoc = { id, source, starts };
    this.docs.push(doc);
    this.placements.push(undefined);
    this.byPath.set(source.path, id);
    if (!this.byKey.has(source.key) || this.docs[this.byKey.get(source.key)!]?.source.path === source.path) {
      this.byKey.set(source.key, id);
    }
    return { doc, hashes };
  }

  private addSegment(docs: readonly IndexedDoc[], hashes: readonly Uint32Array[]): void {
    const segment = new Segment(docs.map((d) => d.id), hashes);
    docs.forEach((doc, local) => { this.placements[doc.id] = { segment, local }; });
    this.segments.push(segment);
  }

  private retire(id: number): void {
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
    const docs: IndexedDoc[] = [];
    const hashes: Uint32Array[] = [];
    for (const segment of small) {
      segment.docIds.forEach((id, local) => {
        const doc = this.docs[id];
        if (!doc || segment.deleted[local]) return;
        docs.push(doc);
        hashes.push(tokenizeForIndex(doc.source.text, doc.source.bodyStart).hashes);
      });
    }
    this.segments = this.segments.filter((s) => s.wordCount >= SMALL_SEGMENT_WORDS);
    if (docs.length > 0) this.addSegment(docs, hashes);
  }
}
