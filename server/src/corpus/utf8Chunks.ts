/**
 * A lazy source's text, chunk by chunk: where the chunks of its UTF-8 bytes
 * start and end, decoding one, and counting in the bytes (UTF-16 code units,
 * line breaks) without decoding. `LazySource` reads its text through these.
 */

/** A lazy source is decoded in chunks of about this many bytes (cut before a character's first byte). */
export const CHUNK_BYTES = 4 * 1024;

/**
 * Decodes the UTF-8 `bytes` of a source known to be valid: the one decoder
 * lazy sources and the worker threads share, so a text decoded in either
 * place is the same string. A leading BOM is dropped, as `decodeSource` does.
 * `decodeUtf8(new TextEncoder().encode('hé'))` is `'hé'`.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

const utf8Decoder = new TextDecoder('utf-8');
/** For chunks: a chunk that starts with U+FEFF keeps it (only the text's own start may drop one). */
const chunkDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** First byte of chunk `c` of UTF-8 `bytes`: `c × CHUNK_BYTES`, moved back to a character's first byte. */
export function chunkByteStart(bytes: Uint8Array, c: number): number {
  let b = c * CHUNK_BYTES;
  if (b >= bytes.length) return bytes.length;
  while (b > 0 && (bytes[b]! & 0xc0) === 0x80) b--;
  return b;
}

/** Chunks of a UTF-8 text: `ceil(bytes / CHUNK_BYTES)`. */
export function chunkCount(bytes: Uint8Array): number {
  return Math.ceil(bytes.length / CHUNK_BYTES);
}

/** One chunk of valid UTF-8 `bytes`, decoded: the first drops a leading BOM as the whole text does. */
export function decodeChunk(bytes: Uint8Array, c: number): string {
  return (c === 0 ? utf8Decoder : chunkDecoder).decode(bytes.subarray(chunkByteStart(bytes, c), chunkByteStart(bytes, c + 1)));
}

/**
 * A lazy source's text and where each of its chunks starts (UTF-16 offsets,
 * and the text's length last): what its windows need, built with a segment
 * and saved with it. `decodeChunks(bytes).text === decodeUtf8(bytes)`
 */
export function decodeChunks(bytes: Uint8Array): { text: string; starts: Uint32Array } {
  return { text: decodeUtf8(bytes), starts: chunkStarts(bytes) };
}

/** The UTF-16 offset where each chunk of valid UTF-8 `bytes` starts, and the text's length last, counted in the bytes. */
export function chunkStarts(bytes: Uint8Array): Uint32Array {
  const count = chunkCount(bytes);
  const starts = new Uint32Array(count + 1);
  let units = 0;
  for (let c = 0; c < count; c++) {
    starts[c] = units;
    units += utf16Units(bytes, chunkByteStart(bytes, c), chunkByteStart(bytes, c + 1));
  }
  starts[count] = units;
  // A BOM left at the start (after the one `utf8Body` removed) is dropped by the decoder: not a character of the text.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) for (let c = 1; c <= count; c++) starts[c]! -= 1;
  return starts;
}

/**
 * Line breaks (`\n`, or `\r` not before `\n`) in chunk `c` of valid UTF-8
 * `bytes`. A line break is one byte in UTF-8, so this reads bytes: `\n` four
 * bytes at a time, and byte by byte only where the chunk has a `\r`.
 */
export function chunkLineBreaks(bytes: Uint8Array, c: number): number {
  const from = chunkByteStart(bytes, c);
  const to = chunkByteStart(bytes, c + 1);
  if (bytes.subarray(from, to).indexOf(13) < 0) return countLineFeeds(bytes, from, to);
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) n++;
  }
  return n;
}

/** `\n` bytes in `bytes[from, to)`, four at a time where aligned. */
function countLineFeeds(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to && (bytes.byteOffset + i) % 4 !== 0) if (bytes[i++] === 10) n++;
  const wordEnd = i + ((to - i) & ~3);
  if (wordEnd > i) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (wordEnd - i) >>> 2);
    for (let k = 0; k < words.length; k++) {
      // Bit 7 stays clear in each byte of x that is zero, that is, each byte of the word that is 0x0A.
      const x = words[k]! ^ 0x0a0a0a0a;
      const nonZero = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      if (nonZero !== (0x80808080 | 0)) n += 4 - (Math.imul(nonZero >>> 7, 0x01010101) >>> 24);
    }
    i = wordEnd;
  }
  while (i < to) if (bytes[i++] === 10) n++;
  return n;
}

/** Line breaks (`\n`, or `\r` not before `\n`) in `text[from, to)`; `after` is the character following `to`. */
export function countBreaks(text: string, from: number, to: number, after: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) n++;
    else if (code === 13 && (i + 1 < to ? text.charCodeAt(i + 1) : after) !== 10) n++;
  }
  return n;
}

/**
 * UTF-16 code units that valid UTF-8 `bytes[from, to)` decode to: one per
 * byte that does not continue a character, plus one per four-byte character.
 * Four bytes at a time where aligned (about 0.5 ns a byte): this runs over
 * every source a check reads a window of, so it must cost far less than decoding.
 */
export function utf16Units(bytes: Uint8Array, from: number, to: number): number {
  let units = 0;
  let i = from;
  while (i < to && (bytes.byteOffset + i) % 4 !== 0) units += unitsOfByte(bytes[i++]!);
  const wordEnd = i + ((to - i) & ~3);
  if (wordEnd > i) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (wordEnd - i) >>> 2);
    let continuation = 0;
    let fourByteLeads = 0;
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if ((w & 0x80808080) === 0) continue;
      const cont = (w & ~(w << 1)) & 0x80808080; // 10xxxxxx
      continuation += (Math.imul(cont >>> 7, 0x01010101) >>> 24);
      const lead4 = w & (w << 1) & (w << 2) & (w << 3) & 0x80808080; // 1111xxxx
      if (lead4 !== 0) fourByteLeads += (Math.imul(lead4 >>> 7, 0x01010101) >>> 24);
    }
    units += (wordEnd - i) - continuation + fourByteLeads;
    i = wordEnd;
  }
  while (i < to) units += unitsOfByte(bytes[i++]!);
  return units;
}

function unitsOfByte(x: number): number {
  return ((x & 0xc0) !== 0x80 ? 1 : 0) + (x >= 0xf0 ? 1 : 0);
}
