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
 * order): a truncated or damaged saved index fails it.
 * `checksum32(bytes, 0, bytes.length) !== checksum32(bytes, 0, bytes.length - 1)`.
 */
export function checksum32(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  let i = from;
  if ((bytes.byteOffset + from) % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + from, (to - from) >>> 2);
    for (let w = 0; w < words.length; w++) {
      h = Math.imul(h ^ words[w]!, 0x01000193);
      h ^= h >>> 15;
    }
    i = from + words.length * 4;
  }
  for (; i < to; i++) {
    h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}
