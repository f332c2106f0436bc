import type { Source } from './source.js';

/** Default budget of decoded source text kept at once, in bytes of string storage. */
export const DEFAULT_TEXT_BUDGET = 32 * 1024 * 1024;

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
function decodeChunk(bytes: Uint8Array, c: number): string {
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
 * A copy of `s` that keeps no larger string alive. V8 makes a slice of 13 or
 * more characters a view on the string it was cut from, so a title or a
 * verdict's wording cut from a decoded book would keep the whole book (or its
 * chunk) in memory for as long as it lives.
 * `detached(book.slice(0, 1200))`
 */
export function detached(s: string): string {
  return s.length < 13 ? s : JSON.parse(JSON.stringify(s)) as string;
}

/** Part of a text: `text` holds the characters from offset `base` of the whole. */
export interface TextWindow {
  readonly text: string;
  readonly base: number;
}

/**
 * Decoded texts and chunks of lazy sources, kept within a budget of string
 * storage: past it, the least recently read are dropped (their bytes stay,
 * so a dropped piece is decoded again when next read).
 *
 * Why: V8 keeps a text with any character beyond Latin-1 (a curly quote is
 * enough) as UTF-16, two bytes a character, so holding every source decoded
 * costs 1.6 times a typical corpus's bytes, while a check reads a few windows
 * of words in each candidate source. One cache per process keeps the budget
 * for all workspace folders together.
 * `const texts = new TextCache(64 << 20)`
 */
export class TextCache {
  /** The pieces held (chunk -1: a whole text), in no order; recency is each source's stamps. */
  private pieces: { readonly source: LazySource; readonly chunk: number; readonly bytes: number }[] = [];
  private used = 0;
  private serial = 0;
  private clock = 0;

  constructor(readonly budget = DEFAULT_TEXT_BUDGET) {}

  /** Bytes of string storage held now. */
  get bytesHeld(): number {
    return this.used;
  }

  /** @internal A number for a new source. */
  nextSerial(): number {
    return ++this.serial;
  }

  /** @internal A stamp for a piece just read: reading costs an increment, and only eviction sorts. */
  tick(): number {
    return ++this.clock;
  }

  /** @internal Holds a piece just decoded (chunk -1: the whole text), dropping the least recently read past the budget. */
  hold(source: LazySource, chunk: number, text: string, encodedLength: number): void {
    const bytes = encodedLength === text.length ? text.length : text.length * 2;
    this.pieces.push({ source, chunk, bytes });
    this.used += bytes;
    if (this.used > this.budget) this.evict();
  }

  /** Drops every piece of `source` (it left the index). */
  release(source: LazySource): void {
    this.pieces = this.pieces.filter((piece) => {
      if (piece.source !== source) return true;
      this.used -= piece.bytes;
      source.forget(piece.chunk);
      return false;
    });
  }

  /** Drops the least recently read pieces until a quarter of the budget is free (so eviction is rare). */
  private evict(): void {
    const byAge = this.pieces.map((piece) => ({ piece, stamp: piece.source.stampOf(piece.chunk) })).sort((a, b) => a.stamp - b.stamp);
    let k = 0;
    for (; k < byAge.length - 1 && this.used > this.budget * 0.75; k++) {
      const { piece } = byAge[k]!;
      this.used -= piece.bytes;
      piece.source.forget(piece.chunk);
    }
    this.pieces = byAge.slice(k).map(({ piece }) => piece);
  }
}

/** What describes a source apart from its text, as the saved index keeps it. */
export interface SourceMeta {
  readonly key: string;
  readonly bodyStart: number;
  readonly title: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
  /** The first characters of the body (see `OPENING_CHARS`), for completion documentation without decoding the text. */
  readonly opening: string;
}

/** How much of a body `opening` holds: enough for a completion item's documentation. */
export const OPENING_CHARS = 1200;

/**
 * A source read as valid UTF-8, keeping its bytes and decoding only what is
 * read: a window of words decodes the 4 KB chunks it lies in, `text` the
 * whole (see `TextCache`). Key, title and opening are known without decoding.
 */
export class LazySource implements Source {
  readonly key: string;
  readonly bodyStart: number;
  readonly title: string;
  // Declared, not defined: an absent field is no property at all, as on a plain source.
  declare readonly author?: string;
  declare readonly date?: string;
  declare readonly url?: string;
  // The rest is private (#): copying a source with `{ ...source, text }` gives a plain source of that text,
  // not one that still carries these bytes.
  readonly #encoded: Uint8Array;
  readonly #opening: string;
  readonly #serial: number;
  readonly #cache: TextCache;
  #whole: string | undefined;
  readonly #chunks: (string | undefined)[] = [];
  /** UTF-16 offset where each chunk starts, and the text's length last: from the index, else counted on first need. */
  #chunkStarts: Uint32Array | undefined;
  /** Line breaks before each chunk, counted as far as asked (`chunkLineBreaks`): entries `[0, breaksCounted]` are known. */
  #chunkBreaks: Uint32Array | undefined;
  #breaksCounted = 0;
  /** When each held piece was last read (`TextCache.tick`): index 0 the whole text, `c + 1` chunk `c`. */
  readonly #stamps: number[] = [];

  constructor(
    meta: SourceMeta,
    readonly path: string,
    encoded: Uint8Array,
    readonly size: number,
    readonly mtimeMs: number,
    cache: TextCache,
  ) {
    this.#encoded = encoded;
    this.#cache = cache;
    this.key = meta.key;
    this.bodyStart = meta.bodyStart;
    this.title = meta.title;
    const optional = this as { author?: string; date?: string; url?: string };
    if (meta.author !== undefined) optional.author = meta.author;
    if (meta.date !== undefined) optional.date = meta.date;
    if (meta.url !== undefined) optional.url = meta.url;
    this.#opening = meta.opening;
    this.#serial = cache.nextSerial();
  }

  /** The text's UTF-8 bytes, BOM removed: `decodeUtf8(encoded)` is the text. */
  get encoded(): Uint8Array {
    return this.#encoded;
  }

  get opening(): string {
    return this.#opening;
  }

  /** @internal A number for the cache's keys. */
  get serial(): number {
    return this.#serial;
  }

  /** The whole text (decoded now if it is not held). Prefer `window` for a part. */
  get text(): string {
    if (this.#whole !== undefined) {
      this.#stamps[0] = this.#cache.tick();
      return this.#whole;
    }
    const text = decodeUtf8(this.#encoded);
    this.#whole = text;
    this.#stamps[0] = this.#cache.tick();
    this.#cache.hold(this, -1, text, this.#encoded.length);
    return text;
  }

  /** The text's length in UTF-16 code units, without decoding it. */
  get textLength(): number {
    const starts = this.starts();
    return starts[starts.length - 1]!;
  }

  /**
   * Characters `[from, to)` and possibly more around them, decoding only the
   * chunks they lie in (or the whole text when it is held anyway).
   */
  window(from: number, to: number): TextWindow {
    if (this.#whole !== undefined) {
      this.#stamps[0] = this.#cache.tick();
      return { text: this.#whole, base: 0 };
    }
    const starts = this.starts();
    const last = starts.length - 2;
    if (last < 0) return { text: '', base: 0 };
    const first = chunkAt(starts, from);
    const end = Math.max(first, chunkAt(starts, Math.max(from, to - 1)));
    if (first === end) return { text: this.chunk(first), base: starts[first]! };
    const parts: string[] = [];
    for (let c = first; c <= end; c++) parts.push(this.chunk(c));
    return { text: parts.join(''), base: starts[first]! };
  }

  /** Where the UTF-16 offset `offset` is in `encoded` (a character boundary). */
  byteOffset(offset: number): number {
    const starts = this.starts();
    const c = chunkAt(starts, offset);
    let units = Math.max(0, offset - starts[c]!);
    const bytes = this.#encoded;
    let b = this.chunkByte(c);
    while (units > 0 && b < bytes.length) {
      const x = bytes[b]!;
      const length = x < 0x80 ? 1 : x < 0xe0 ? 2 : x < 0xf0 ? 3 : 4;
      units -= length === 4 ? 2 : 1;
      b += length;
    }
    return b;
  }

  /**
   * Takes where the chunks start as the index counted it (`chunkStarts`), so
   * it need not be counted again; ignored when it does not fit this text.
   */
  useChunkStarts(starts: Uint32Array): void {
    if (starts.length === chunkCount(this.#encoded) + 1) this.#chunkStarts ??= starts;
  }

  /** Line breaks before chunk `c` (counted up to it on first need: a verdict near a book's start reads little of it). */
  lineBreaksBefore(c: number): number {
    const breaks = this.#chunkBreaks ??= new Uint32Array(chunkCount(this.#encoded) + 1);
    const target = Math.min(c, breaks.length - 1);
    for (; this.#breaksCounted < target; this.#breaksCounted++) {
      breaks[this.#breaksCounted + 1] = breaks[this.#breaksCounted]! + chunkLineBreaks(this.#encoded, this.#breaksCounted);
    }
    return breaks[target]!;
  }

  /** The chunk holding offset `offset`. */
  chunkOf(offset: number): number {
    return chunkAt(this.starts(), offset);
  }

  /** Chunk `c`'s text (decoded now if it is not held) and where it starts. */
  chunkText(c: number): TextWindow {
    const starts = this.starts();
    if (c < 0 || c >= starts.length - 1) return { text: '', base: starts[starts.length - 1]! };
    if (this.#whole !== undefined) return { text: this.#whole.slice(starts[c]!, starts[c + 1]!), base: starts[c]! };
    return { text: this.chunk(c), base: starts[c]! };
  }

  /** Drops the decoded text and chunks now (the source left the index). */
  release(): void {
    this.#cache.release(this);
  }

  /** @internal When a held piece was last read. */
  stampOf(chunk: number): number {
    return this.#stamps[chunk + 1] ?? 0;
  }

  /** @internal Called by the cache when it drops a piece. */
  forget(chunk: number): void {
    if (chunk < 0) this.#whole = undefined;
    else this.#chunks[chunk] = undefined;
  }

  /** Whether any of the text is decoded and held now (for tests and memory reports). */
  get isDecoded(): boolean {
    return this.#whole !== undefined || this.#chunks.some((c) => c !== undefined);
  }

  get meta(): SourceMeta {
    return {
      key: this.key, bodyStart: this.bodyStart, title: this.title, opening: this.#opening,
      ...(this.author !== undefined && { author: this.author }),
      ...(this.date !== undefined && { date: this.date }),
      ...(this.url !== undefined && { url: this.url }),
    };
  }

  private chunk(c: number): string {
    const held = this.#chunks[c];
    if (held !== undefined) {
      this.#stamps[c + 1] = this.#cache.tick();
      return held;
    }
    const text = decodeChunk(this.#encoded, c);
    this.#chunks[c] = text;
    this.#stamps[c + 1] = this.#cache.tick();
    this.#cache.hold(this, c, text, this.chunkByte(c + 1) - this.chunkByte(c));
    return text;
  }

  private chunkByte(c: number): number {
    return chunkByteStart(this.#encoded, c);
  }

  private starts(): Uint32Array {
    return this.#chunkStarts ??= chunkStarts(this.#encoded);
  }
}

/** The chunk holding UTF-16 offset `offset` (the last one for offsets at or past the end). */
function chunkAt(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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

/** Characters `[from, to)` of any source, and possibly more around them. */
export function textWindow(source: Source, from: number, to: number): TextWindow {
  return source instanceof LazySource ? source.window(from, to) : { text: source.text, base: 0 };
}

/** The text of `source` from `from` to `to`, decoding only what holds it. */
export function sourceSlice(source: Source, from: number, to: number): string {
  const window = textWindow(source, from, to);
  return window.text.slice(from - window.base, to - window.base);
}

/** The length of a source's text in UTF-16 code units, without decoding a lazy one. */
export function sourceLength(source: Source): number {
  return source instanceof LazySource ? source.textLength : source.text.length;
}

/** The process-wide cache lazy sources use unless given another. */
export const sharedTextCache = new TextCache();
