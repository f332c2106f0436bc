import type { SegmentData } from './segmentData.js';
import { segmentBytes, skipPairs } from './segmentData.js';

/**
 * An immutable inverted index over a group of documents (see `SegmentData`),
 * plus a mask of the documents removed since it was built: their words stay
 * until small segments are merged or the saved index is compacted.
 *
 * Built by `buildSegmentData` (in this thread or a worker) rather than with a
 * `Map` of arrays: typed arrays stay compact and clear of V8's
 * 16.7-million-entry limit on `Map`.
 */
export class Segment {
  /** Documents removed since the segment was built. */
  readonly deleted: Uint8Array;
  liveCount: number;
  /** Index of each term's first skip pair, computed on first use. */
  private skipStart: Uint32Array | undefined;

  constructor(readonly docIds: readonly number[], readonly data: SegmentData) {
    this.deleted = new Uint8Array(docIds.length);
    this.liveCount = docIds.length;
  }

  get docBase(): Uint32Array {
    return this.data.docBase;
  }

  get wordCount(): number {
    return this.data.docBase[this.data.docBase.length - 1]!;
  }

  /** Words of documents removed since the segment was built. */
  get deletedWords(): number {
    let n = 0;
    const base = this.data.docBase;
    for (let d = 0; d < this.deleted.length; d++) if (this.deleted[d]) n += base[d + 1]! - base[d]!;
    return n;
  }

  /** The sorted place of a word hash, or -1 when absent. */
  private find(hash: number): number {
    const terms = this.data.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = terms[mid]!;
      if (v === hash) return mid;
      if (v < hash) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Occurrences of a word hash in this segment (removed documents included). */
  count(hash: number): number {
    const t = this.find(hash);
    return t < 0 ? 0 : this.data.counts[t]!;
  }

  /**
   * Calls `visit(local, wordIndex)` for each occurrence of a word hash in a
   * live document, in position order; stops when `visit` returns false and
   * then returns false itself. Documents marked in `skip` are passed over.
   */
  forEach(hash: number, visit: (local: number, wordIndex: number) => boolean | void, skip?: Uint8Array): boolean {
    const t = this.find(hash);
    if (t < 0) return true;
    const { postings, offsets, docBase } = this.data;
    const deleted = skip ?? this.deleted;
    if (skip) for (let d = 0; d < skip.length; d++) skip[d] = skip[d]! | this.deleted[d]!;
    const end = offsets[t + 1]!;
    let at = offsets[t]!;
    let pos = 0;
    let local = 0;
    let lo = 0;
    let hi = docBase[1]!;
    while (at < end) {
      let byte = postings[at++]!;
      let delta = byte & 0x7f;
      let shift = 7;
      while (byte >= 0x80) {
        byte = postings[at++]!;
        delta += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      }
      pos += delta;
      if (pos >= hi) {
        local = this.docAt(pos);
        lo = docBase[local]!;
        hi = docBase[local + 1]!;
      }
      if (deleted[local]) {
        let next = local + 1;
        while (next < deleted.length && deleted[next]) next++;
        if (next >= deleted.length) return true;
        const jump = this.skipTo(t, docBase[next]!, at);
        if (jump >= 0) {
          at = this.data.skips[jump + 1]!;
          pos = this.data.skips[jump]!;
        }
        continue;
      }
      if (visit(local, pos - lo) === false) return false;
    }
    return true;
  }

  /**
   * The skip pair of term `t` to resume from to reach position `target`
   * (the last whose previous position is before it), or -1 when none lies
   * beyond byte `at`.
   */
  private skipTo(t: number, target: number, at: number): number {
    const pairs = skipPairs(this.data.counts[t]!);
    if (pairs === 0) return -1;
    const skips = this.data.skips;
    const first = this.skipStarts()[t]!;
    let lo = 0;
    let hi = pairs - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (skips[2 * (first + mid)]! < target) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return -1;
    const pair = 2 * (first + found);
    return skips[pair + 1]! > at ? pair : -1;
  }

  private skipStarts(): Uint32Array {
    if (!this.skipStart) {
      const counts = this.data.counts;
      const starts = new Uint32Array(counts.length);
      for (let t = 0, n = 0; t < counts.length; t++) { starts[t] = n; n += skipPairs(counts[t]!); }
      this.skipStart = starts;
    }
    return this.skipStart;
  }

  /** Segment-wide positions of one word hash, ascending, removed documents included (`forEach` does not allocate). */
  positions(hash: number): Uint32Array {
    const t = this.find(hash);
    if (t < 0) return new Uint32Array(0);
    const { postings, offsets, counts } = this.data;
    const out = new Uint32Array(counts[t]!);
    let pos = 0;
    let n = 0;
    for (let at = offsets[t]!, end = offsets[t + 1]!; at < end;) {
      let byte = postings[at++]!;
      let delta = byte & 0x7f;
      let shift = 7;
      while (byte >= 0x80) { byte = postings[at++]!; delta += (byte & 0x7f) * 2 ** shift; shift += 7; }
      pos += delta;
      out[n++] = pos;
    }
    return out;
  }

  /** The document holding segment position `pos`. */
  docAt(pos: number): number {
    const base = this.data.docBase;
    let lo = 0;
    let hi = base.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (base[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Approximate bytes held, for memory reports. */
  get byteSize(): number {
    return segmentBytes(this.data);
  }
}
