import type { CorpusIndex } from '../index/corpusIndex.js';
import { comparePaths } from '../engine/walkFolder.js';

/**
 * Vote counts by (document, diagonal bucket) in an open-addressing table of
 * typed arrays: hundreds of thousands of votes for a quotation of common
 * words cost a few milliseconds, not a `Map` entry and an object each.
 */
export class VoteTable {
  size = 0;
  keys: Float64Array;
  votes: Int32Array;
  docIds: Int32Array;
  wordIndexes: Int32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(capacity = 1024) {
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity * 2 - 1;
    this.keys = new Float64Array(capacity);
    this.votes = new Int32Array(capacity);
    this.docIds = new Int32Array(capacity);
    this.wordIndexes = new Int32Array(capacity);
  }

  /** Adds a vote for `key`; a new key remembers `docId` and `wordIndex` (the first vote's diagonal). */
  add(key: number, docId: number, wordIndex: number): void {
    let slot = this.slotOf(key);
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry < 0) break;
      if (this.keys[entry] === key) { this.votes[entry]!++; return; }
      slot = (slot + 1) & this.mask;
    }
    const entry = this.size++;
    this.slots[slot] = entry;
    this.keys[entry] = key;
    this.votes[entry] = 1;
    this.docIds[entry] = docId;
    this.wordIndexes[entry] = wordIndex;
    if (this.size === this.keys.length) this.grow();
  }

  /** Votes for `key`, 0 when it has none. */
  get(key: number): number {
    let slot = this.slotOf(key);
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry < 0) return 0;
      if (this.keys[entry] === key) return this.votes[entry]!;
      slot = (slot + 1) & this.mask;
    }
  }

  private slotOf(key: number): number {
    const low = key % 0x1000000;
    const high = (key - low) / 0x1000000;
    return (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0) & this.mask;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const copy = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => { const next = make(capacity); next.set(old); return next; };
    this.keys = copy(this.keys, (n) => new Float64Array(n));
    this.votes = copy(this.votes, (n) => new Int32Array(n));
    this.docIds = copy(this.docIds, (n) => new Int32Array(n));
    this.wordIndexes = copy(this.wordIndexes, (n) => new Int32Array(n));
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity * 2 - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.slotOf(this.keys[entry]!);
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry;
    }
  }
}

/** A candidate's place in a ranking: more votes first, then the document first in `docOrder`, then lower word. */
export interface Ranked {
  readonly docId: number;
  readonly wordIndex: number;
  readonly votes: number;
}

/** How two documents' candidates with equal votes are ordered: negative when `a`'s comes first. */
export type DocOrder = (a: number, b: number) => number;

/**
 * Documents by source path (`comparePaths`), as `verify` breaks ties between equally close
 * matches. Not by id: ids follow the order the index met its files in, so an index updated
 * file by file kept other equally voted candidates than a fresh one of the same files, and
 * the verdict named another source (the fuzzer's seed 673934).
 */
export function byPath(index: CorpusIndex): DocOrder {
  return (a, b) => a === b ? 0 : comparePaths(index.doc(a)?.source.path ?? '', index.doc(b)?.source.path ?? '') || a - b;
}

/**
 * Keeps the best `limit` candidates offered, in ranking order, without sorting them all.
 * `const top = new TopK(2, byPath(index)); top.offer(a); top.offer(b); top.items`
 */
export class TopK {
  readonly items: Ranked[] = [];

  constructor(private readonly limit: number, private readonly docOrder: DocOrder) {}

  offer(candidate: Ranked): void {
    const items = this.items;
    if (this.limit <= 0) return;
    if (items.length === this.limit && !this.before(candidate, items[items.length - 1]!)) return;
    let at = items.length;
    while (at > 0 && this.before(candidate, items[at - 1]!)) at--;
    items.splice(at, 0, candidate);
    if (items.length > this.limit) items.pop();
  }

  /** True when a candidate with `votes` votes could still enter (it needs at least the last one's). */
  wants(votes: number): boolean {
    return this.limit > 0 && (this.items.length < this.limit || votes >= this.items[this.items.length - 1]!.votes);
  }

  private before(a: Ranked, b: Ranked): boolean {
    if (a.votes !== b.votes) return a.votes > b.votes;
    const order = a.docId === b.docId ? 0 : this.docOrder(a.docId, b.docId);
    return order < 0 || (order === 0 && a.wordIndex < b.wordIndex);
  }
}
