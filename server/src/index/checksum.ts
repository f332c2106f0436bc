import { finish } from '../engine/steps.js';

/**
 * Fast non-cryptographic hashes of bytes, in plain JavaScript (the engine has
 * no `node:crypto`; the CLI and the server pass a native digest instead).
 */

/**
 * Two 32-bit multiply-xor lanes over the bytes, as 16 hex digits: a content
 * key for a cached file, where a collision would need the same path and size too.
 * `bytesDigest(new TextEncoder().encode('abc'))` is a 16-character string.
 */
export function bytesDigest(bytes: Uint8Array): string {
  let h1 = 0x9e3779b9 ^ bytes.length;
  let h2 = 0x85ebca6b;
  const n = bytes.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h1 = Math.imul(h1 ^ x, 0x9e3779b1);
    h1 = (h1 << 13) | (h1 >>> 19);
    h2 = Math.imul((h2 + x) | 0, 0x85ebca77) ^ (h2 >>> 15);
  }
  for (; i < n; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x9e3779b1);
    h2 = Math.imul(h2 ^ bytes[i]!, 0xc2b2ae3d);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ h2;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ h1;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A 32-bit checksum of `bytes[from, to)` that sees every byte (and their
 * order): a truncated or damaged saved index fails it. Any one changed byte
 * always changes it (each step is a bijection of the state).
 * `checksum32(bytes, 0, bytes.length) !== checksum32(bytes, 0, bytes.length - 1)`.
 *
 * Four lanes take every fourth word, so the multiplications do not wait on
 * each other, and blocks of 64 KB go through a small function that V8
 * optimizes after a few calls: one loop over a whole saved index ran
 * unoptimized for most of its first (and only) call, 396 ms on 54 MB
 * against 118 ms this way.
 */
export function checksum32(bytes: Uint8Array, from: number, to: number): number {
  return finish(checksum32Steps(bytes, from, to));
}

/**
 * `checksum32`, yielding after every `STEP_BLOCKS` blocks, so a caller on
 * the server's thread can let requests in (`cacheFormat.ts`'s sliced encode).
 */
export function* checksum32Steps(bytes: Uint8Array, from: number, to: number): Generator<void, number> {
  const lanes = new Int32Array([0x811c9dc5 ^ (to - from), 0x01000193, 0x9e3779b9, 0x85ebca6b]);
  let i = from;
  if ((bytes.byteOffset + from) % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + from, ((to - from) >>> 2) & ~3);
    for (let at = 0, blocks = 0; at < words.length; at += BLOCK_WORDS) {
      checksumBlock(words, at, Math.min(words.length, at + BLOCK_WORDS), lanes);
      if (++blocks % STEP_BLOCKS === 0) yield;
    }
    i = from + words.length * 4;
  }
  let h = lanes[0]!;
  for (let lane = 1; lane < 4; lane++) {
    h = Math.imul(h ^ lanes[lane]!, 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < to; i++) {
    h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Blocks of 64 KB checksummed between two yields of `checksum32Steps` (about 1 MB: a millisecond or so). */
const STEP_BLOCKS = 16;
const BLOCK_WORDS = 16 * 1024;

/** Words `[from, to)` (a multiple of 4 apart) into the four lanes. */
function checksumBlock(words: Uint32Array, from: number, to: number, lanes: Int32Array): void {
  let a = lanes[0]!;
  let b = lanes[1]!;
  let c = lanes[2]!;
  let d = lanes[3]!;
  for (let w = from; w < to; w += 4) {
    a = Math.imul(a ^ words[w]!, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b ^ words[w + 1]!, 0x01000193);
    b ^= b >>> 15;
    c = Math.imul(c ^ words[w + 2]!, 0x01000193);
    c ^= c >>> 15;
    d = Math.imul(d ^ words[w + 3]!, 0x01000193);
    d ^= d >>> 15;
  }
  lanes[0] = a;
  lanes[1] = b;
  lanes[2] = c;
  lanes[3] = d;
}

/**
 * `checksum32` of bytes given in pieces, in order: the same value as
 * `checksum32(whole, 0, length)` over their concatenation (on a 4-byte aligned
 * buffer), so a saved index's texts are checked block by block as they are
 * read, never held whole. Every piece but the last must be a multiple of 16
 * bytes long and 4-byte aligned in its buffer.
 * `const sum = new Checksum32(n); sum.update(a); sum.update(b); sum.digest()`
 */
export class Checksum32 {
  private readonly lanes: Int32Array;
  private done = 0;
  private ended = false;
  private folded = false;
  private h = 0;

  constructor(private readonly length: number) {
    this.lanes = new Int32Array([0x811c9dc5 ^ length, 0x01000193, 0x9e3779b9, 0x85ebca6b]);
  }

  update(piece: Uint8Array): void {
    if (this.ended) throw new Error('Checksum32: a piece after the last one (not a multiple of 16 bytes)');
    // The bytes `checksum32` takes four words at a time: the length rounded down to 16.
    const laneEnd = this.length & ~15;
    const inLanes = Math.max(0, Math.min(piece.length, laneEnd - this.done));
    if (inLanes > 0) {
      if (piece.byteOffset % 4 !== 0 || (inLanes % 16 !== 0)) throw new Error('Checksum32: a piece not aligned to 4 bytes or not a multiple of 16');
      const words = new Uint32Array(piece.buffer, piece.byteOffset, inLanes >>> 2);
      for (let at = 0; at < words.length; at += BLOCK_WORDS) checksumBlock(words, at, Math.min(words.length, at + BLOCK_WORDS), this.lanes);
    }
    this.done += inLanes;
    if (this.done === laneEnd && !this.folded) this.fold();
    for (let i = inLanes; i < piece.length; i++) {
      this.h = Math.imul(this.h ^ piece[i]!, 0x01000193);
      this.h ^= this.h >>> 15;
    }
    this.done += piece.length - inLanes;
    if (piece.length % 16 !== 0) this.ended = true;
  }

  /** The checksum, once `length` bytes were given; throws if fewer or more were. */
  digest(): number {
    if (this.done !== this.length) throw new Error(`Checksum32: ${this.done} bytes given of ${this.length}`);
    if (!this.folded) this.fold();
    return this.h >>> 0;
  }

  private fold(): void {
    let h = this.lanes[0]!;
    for (let lane = 1; lane < 4; lane++) {
      h = Math.imul(h ^ this.lanes[lane]!, 0x01000193);
      h ^= h >>> 15;
    }
    this.h = h;
    this.folded = true;
  }
}
