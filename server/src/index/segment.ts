/**
 * An immutable inverted index over a group of documents: for each word hash,
 * the positions where it occurs. Positions are segment-wide word numbers
 * (document `d` owns `[docBase[d], docBase[d + 1])`).
 *
 * Built with a two-pass LSD radix sort on typed arrays instead of a `Map` of
 * arrays: it is linear, keeps positions sorted within a word, and stays well
 * clear of V8's 16.7-million-entry limit on `Map`.
 */
export class Segment {
  /** Sorted distinct word hashes. */
  private readonly terms: Uint32Array;
  /** `positions[termStart[t], termStart[t + 1])` are the positions of `terms[t]`. */
  private readonly termStart: Uint32Array;
  private readonly positions: Uint32Array;
  readonly docBase: Uint32Array;
  /** Documents removed since the segment was built (their words stay until a merge). */
  readonly deleted: Uint8Array;
  liveCount: number;

  constructor(readonly docIds: readonly number[], docHashes: readonly Uint32Array[]) {
    const base = new Uint32Array(docHashes.length + 1);
    for (let d = 0; d < docHashes.length; d++) base[d + 1] = base[d]! + docHashes[d]!.length;
    const total = base[docHashes.length]!;
    const keys = new Uint32Array(total);
    for (let d = 0; d < docHashes.length; d++) keys.set(docHashes[d]!, base[d]!);

    const order = radixOrder(keys);
    let distinct = 0;
    for (let i = 0; i < total; i++) {
      if (i === 0 || keys[order[i]!] !== keys[order[i - 1]!]) distinct++;
    }
    const terms = new Uint32Array(distinct);
    const termStart = new Uint32Array(distinct + 1);
    let t = -1;
    for (let i = 0; i < total; i++) {
      const key = keys[order[i]!]!;
      if (t < 0 || terms[t] !== key) {
        t++;
        terms[t] = key;
        termStart[t] = i;
      }
    }
    termStart[distinct] = total;
    this.terms = terms;
    this.termStart = termStart;
    this.positions = order;
    this.docBase = base;
    this.deleted = new Uint8Array(docHashes.length);
    this.liveCount = docHashes.length;
  }

  get wordCount(): number {
    return this.positions.length;
  }

  /** Positions of one word hash, ascending; empty when absent. */
  postings(hash: number): Uint32Array {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = terms[mid]!;
      if (v === hash) return this.positions.subarray(this.termStart[mid]!, this.termStart[mid + 1]!);
      if (v < hash) lo = mid + 1;
      else hi = mid - 1;
    }
    return EMPTY;
  }

  /** The document holding segment position `pos`. */
  docAt(pos: number): number {
    const base = this.docBase;
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
    return this.terms.byteLength + this.termStart.byteLength + this.positions.byteLength + this.docBase.byteLength;
  }
}

const EMPTY = new Uint32Array(0);

/** Indices `0..keys.length` ordered by key, stable: two 16-bit counting passes. */
function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  let scratch = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 1; b <= 65536; b++) counts[b]! += counts[b - 1]!;
    for (let i = 0; i < n; i++) {
      const idx = order[i]!;
      scratch[counts[(keys[idx]! >>> shift) & 0xffff]!++] = idx;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}
