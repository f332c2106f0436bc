import { decodeChunks } from '../corpus/utf8Chunks.js';
import { maskText, type Markup } from '../corpus/visibleText.js';
import { MARK_SHIFT, ScanOutput, scanWords } from './scan.js';

/**
 * What a segment is built from: each document's text (with where its chunks
 * start, `chunkStarts`, when it is a lazy source's), or the UTF-8 bytes it
 * decodes from (`encoded`, a `LazySource` itself: decoded and counted here),
 * and where its body starts.
 */
export type SegmentInput =
  | { readonly text: string; readonly bodyStart: number; readonly encoded?: undefined; readonly chunkStarts?: Uint32Array }
  | { readonly encoded: Uint8Array; readonly bodyStart: number; readonly markup?: Markup; readonly text?: string; readonly chunkStarts?: undefined };

/**
 * The size of a document's body for grouping and scheduling: its characters,
 * or for a text not decoded yet, its UTF-8 bytes (close enough, and it keeps
 * the text undecoded in this thread).
 */
export function bodySize(doc: SegmentInput): number {
  return doc.encoded !== undefined ? doc.encoded.length - doc.bodyStart : doc.text.length - doc.bodyStart;
}

/**
 * The whole of a built segment, as plain typed arrays: what a worker thread
 * sends back (transferable) and what a saved index stores.
 *
 * Positions are segment-wide word numbers (document `d` owns
 * `[docBase[d], docBase[d + 1])`). Each term's positions are ascending and
 * stored as variable-length deltas (7 bits a byte), about 1.4 bytes a word.
 */
export interface SegmentData {
  /** Sorted distinct word hashes. */
  readonly terms: Uint32Array;
  /** Occurrences of each term. */
  readonly counts: Uint32Array;
  /** `postings[offsets[t], offsets[t + 1])` holds the deltas of term `t`. */
  readonly offsets: Uint32Array;
  readonly postings: Uint8Array;
  readonly docBase: Uint32Array;
  /** Text offset of every `MARK_EVERY`-th word; document `d` owns `marks[markBase[d], markBase[d + 1])`. */
  readonly marks: Uint32Array;
  readonly markBase: Uint32Array;
  /**
   * Where to resume decoding a long posting list: for the `SKIP_EVERY`-th,
   * 2 × `SKIP_EVERY`-th... posting of each term (in term order), the position of
   * the posting before it and its byte offset, as pairs. Term `t` has
   * `skipPairs(counts[t])` pairs.
   */
  readonly skips: Uint32Array;
  /**
   * Where the chunks of a lazy source's text start (`chunkStarts`): document
   * `d` owns entries `[chunkBase[d], chunkBase[d + 1])` (none for a document
   * built from a text without its bytes).
   */
  readonly chunkBase: Uint32Array;
  readonly chunkStarts: Uint32Array;
}

export const SKIP_EVERY = 128;

/** Skip pairs of a term with `count` postings: one before each of postings SKIP_EVERY, 2 × SKIP_EVERY, ... */
export function skipPairs(count: number): number {
  return count > 0 ? Math.floor((count - 1) / SKIP_EVERY) : 0;
}

/** The typed arrays of a `SegmentData`, in a fixed order (for transfer and storage). */
export const SEGMENT_ARRAYS = ['terms', 'counts', 'offsets', 'postings', 'docBase', 'marks', 'markBase', 'skips', 'chunkBase', 'chunkStarts'] as const;

/**
 * Tokenizes and inverts a group of documents in one pass over their text.
 * `buildSegmentData([{ text: 'to be or not to be', bodyStart: 0 }]).counts`
 * holds 2 for `to` and `be`, 1 for `or` and `not` (in hash order).
 */
export function buildSegmentData(docs: readonly SegmentInput[]): SegmentData {
  let chars = 0;
  for (const doc of docs) chars += bodySize(doc);
  const out = new ScanOutput(Math.ceil(chars / 5) + 16);
  const docBase = new Uint32Array(docs.length + 1);
  const markBase = new Uint32Array(docs.length + 1);
  const chunkBase = new Uint32Array(docs.length + 1);
  const chunkStarts: Uint32Array[] = [];
  docs.forEach((doc, d) => {
    let text: string;
    let starts: Uint32Array | undefined;
    if (doc.encoded !== undefined) {
      ({ text, starts } = decodeChunks(doc.encoded));
      text = maskText(text, doc.markup, doc.bodyStart);
    }
    else ({ text, chunkStarts: starts } = doc);
    if (starts) chunkStarts.push(starts);
    chunkBase[d + 1] = chunkBase[d]! + (starts?.length ?? 0);
    scanWords(text, doc.bodyStart, text.length, out);
    docBase[d + 1] = out.words;
    markBase[d + 1] = out.markCount;
  });
  const n = out.words;
  const ids = out.hashes; // overwritten in place with term numbers
  const table = new TermTable(Math.min(n, 1 << 20));
  for (let i = 0; i < n; i++) ids[i] = table.idOf(ids[i]!);
  const termCount = table.size;

  // Terms in hash order: `rank[id]` is the sorted place of term `id`.
  const order = sortIdsByHash(table.hashes, termCount);
  const rank = new Uint32Array(termCount);
  const terms = new Uint32Array(termCount);
  for (let r = 0; r < termCount; r++) {
    rank[order[r]!] = r;
    terms[r] = table.hashes[order[r]!]!;
  }
  // Pass 1: bytes per term. Pass 2: write each term's deltas at its cursor.
  const last = new Uint32Array(termCount);
  const bytes = new Uint32Array(termCount + 1);
  const counts = new Uint32Array(termCount);
  for (let i = 0; i < n; i++) {
    const r = rank[ids[i]!]!;
    ids[i] = r;
    const delta = i - last[r]!;
    last[r] = i;
    counts[r]!++;
    bytes[r + 1]! += delta < 0x80 ? 1 : delta < 0x4000 ? 2 : delta < 0x200000 ? 3 : delta < 0x10000000 ? 4 : 5;
  }
  let skipCount = 0;
  for (let r = 0; r < termCount; r++) {
    bytes[r + 1]! += bytes[r]!;
    skipCount += skipPairs(counts[r]!);
  }
  const skips = new Uint32Array(skipCount * 2);
  const skipCursor = new Uint32Array(termCount);
  for (let r = 0, at = 0; r < termCount; r++) {
    skipCursor[r] = at;
    at += 2 * skipPairs(counts[r]!);
  }
  const seen = new Uint32Array(termCount);
  const offsets = bytes;
  const postings = new Uint8Array(offsets[termCount]!);
  const cursor = offsets.slice(0, termCount);
  last.fill(0);
  for (let i = 0; i < n; i++) {
    const r = ids[i]!;
    let delta = i - last[r]!;
    let at = cursor[r]!;
    const k = ++seen[r]!;
    if (k % SKIP_EVERY === 1 && k > 1) {
      const pair = skipCursor[r]!;
      skips[pair] = last[r]!;
      skips[pair + 1] = at;
      skipCursor[r] = pair + 2;
    }
    last[r] = i;
    while (delta >= 0x80) {
      postings[at++] = (delta & 0x7f) | 0x80;
      delta >>>= 7;
    }
    postings[at++] = delta;
    cursor[r] = at;
  }
  return {
    terms, counts, offsets, postings, docBase, marks: out.marks.slice(0, out.markCount), markBase, skips,
    chunkBase, chunkStarts: concat(chunkStarts),
  };
}

function concat(arrays: readonly Uint32Array[]): Uint32Array {
  const all = new Uint32Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) { all.set(a, at); at += a.length; }
  return all;
}

/** An open-addressing table from word hash to a dense term number, in typed arrays. */
class TermTable {
  hashes: Uint32Array;
  size = 0;
  private slots: Int32Array;
  private mask: number;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected) capacity <<= 1;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.hashes = new Uint32Array(capacity >> 1);
  }

  idOf(hash: number): number {
    let slot = Math.imul(hash, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === hash) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.slots[slot] = id;
    this.hashes[id] = hash;
    if (this.size === this.hashes.length) this.grow();
    return id;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    const hashes = new Uint32Array(capacity >> 1);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = Math.imul(hashes[id]!, 0x9e3779b1) >>> 0 & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/** Term numbers `0..count` ordered by their hash: two 16-bit counting passes. */
function sortIdsByHash(hashes: Uint32Array, count: number): Uint32Array {
  let order = new Uint32Array(count);
  let scratch = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const buckets = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[((hashes[i]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 1; b <= 65536; b++) buckets[b]! += buckets[b - 1]!;
    for (let i = 0; i < count; i++) {
      const id = order[i]!;
      scratch[buckets[(hashes[id]! >>> shift) & 0xffff]!++] = id;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}

/** Bytes held by a segment's arrays. */
export function segmentBytes(data: SegmentData): number {
  let n = 0;
  for (const name of SEGMENT_ARRAYS) n += data[name].byteLength;
  return n;
}

export { MARK_SHIFT };
