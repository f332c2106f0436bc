import type { Source } from './source.js';

/** Default budget of decoded source text kept at once, in bytes of string storage. */
export const DEFAULT_TEXT_BUDGET = 32 * 1024 * 1024;

/** A lazy source is decoded in chunks of about this many bytes (cut before a character's first byte). */
export const CHUNK_BYTES = 16 * 1024;

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
  /** Insertion order is recency: the first entry is the least recently read. */
  private readonly entries = new Map<string, { readonly source: LazySource; readonly chunk: number; readonly bytes: number }>();
  private used = 0;
  private serial = 0;

  constructor(readonly budget = DEFAULT_TEXT_BUDGET) {}

  /** Bytes of string storage held now. */
  get bytesHeld(): number {
    return this.used;
  }

  /** @internal A number for a new source's cache keys. */
  nextSerial(): number {
    return ++this.serial;
  }

  /** @internal Marks a held piece as just read. */
  touch(source: LazySource, chunk: number): void {
    const key = `${source.serial}:${chunk}`;
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** @internal Holds a piece just decoded (chunk -1: the whole text), dropping older ones past the budget. */
  hold(source: LazySource, chunk: number, text: string, encodedLength: number): void {
    const bytes = encodedLength === text.length ? text.length : text.length * 2;
    this.entries.set(`${source.serial}:${chunk}`, { source, chunk, bytes });
    this.used += bytes;
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget || this.entries.size <= 1) break;
      this.entries.delete(key);
      this.used -= entry.bytes;
      entry.source.forget(entry.chunk);
    }
  }

  /** Drops every piece of `source` (it left the index). */
  release(source: LazySource): void {
    for (const [key, entry] of this.entries) {
      if (entry.source !== source) continue;
      this.entries.delete(key);
      this.used -= entry.bytes;
      source.forget(entry.chunk);
    }
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
 * read: a window of words decodes the 16 KB chunks it lies in, `text` the
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
  readonly opening: string;
  /** @internal */
  readonly serial: number;
  private whole: string | undefined;
  private readonly chunks: (string | undefined)[] = [];
  /** UTF-16 offset where each chunk starts, and the text's length last; counted on first need. */
  private chunkStarts: Uint32Array | undefined;

  constructor(
    meta: SourceMeta,
    readonly path: string,
    /** The text's UTF-8 bytes, BOM removed: `decodeUtf8(encoded)` is the text. */
    readonly encoded: Uint8Array,
    readonly size: number,
    readonly mtimeMs: number,
    private readonly cache: TextCache,
  ) {
    this.key = meta.key;
    this.bodyStart = meta.bodyStart;
    this.title = meta.title;
    const optional = this as { author?: string; date?: string; url?: string };
    if (meta.author !== undefined) optional.author = meta.author;
    if (meta.date !== undefined) optional.date = meta.date;
    if (meta.url !== undefined) optional.url = meta.url;
    this.opening = meta.opening;
    this.serial = cache.nextSerial();
  }

  /** The whole text (decoded now if it is not held). Prefer `window` for a part. */
  get text(): string {
    if (this.whole !== undefined) {
      this.cache.touch(this, -1);
      return this.whole;
    }
    const text = decodeUtf8(this.encoded);
    this.whole = text;
    this.cache.hold(this, -1, text, this.encoded.length);
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
    if (this.whole !== undefined) {
      this.cache.touch(this, -1);
      return { text: this.whole, base: 0 };
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
    const bytes = this.encoded;
    let b = this.chunkByte(c);
    while (units > 0 && b < bytes.length) {
      const x = bytes[b]!;
      const length = x < 0x80 ? 1 : x < 0xe0 ? 2 : x < 0xf0 ? 3 : 4;
      units -= length === 4 ? 2 : 1;
      b += length;
    }
    return b;
  }

  /** Drops the decoded text and chunks now (the source left the index). */
  release(): void {
    this.cache.release(this);
  }

  /** @internal Called by the cache when it drops a piece. */
  forget(chunk: number): void {
    if (chunk < 0) this.whole = undefined;
    else this.chunks[chunk] = undefined;
  }

  /** Whether any of the text is decoded and held now (for tests and memory reports). */
  get isDecoded(): boolean {
    return this.whole !== undefined || this.chunks.some((c) => c !== undefined);
  }

  get meta(): SourceMeta {
    return {
      key: this.key, bodyStart: this.bodyStart, title: this.title, opening: this.opening,
      ...(this.author !== undefined && { author: this.author }),
      ...(this.date !== undefined && { date: this.date }),
      ...(this.url !== undefined && { url: this.url }),
    };
  }

  private chunk(c: number): string {
    const held = this.chunks[c];
    if (held !== undefined) {
      this.cache.touch(this, c);
      return held;
    }
    const from = this.chunkByte(c);
    const to = this.chunkByte(c + 1);
    // The text's first chunk drops a BOM as the whole text does.
    const text = (c === 0 ? utf8Decoder : chunkDecoder).decode(this.encoded.subarray(from, to));
    this.chunks[c] = text;
    this.cache.hold(this, c, text, to - from);
    return text;
  }

  /** First byte of chunk `c`: `c × CHUNK_BYTES`, moved back to a character's first byte. */
  private chunkByte(c: number): number {
    const bytes = this.encoded;
    let b = c * CHUNK_BYTES;
    if (b >= bytes.length) return bytes.length;
    while (b > 0 && (bytes[b]! & 0xc0) === 0x80) b--;
    return b;
  }

  private starts(): Uint32Array {
    if (this.chunkStarts) return this.chunkStarts;
    const count = Math.ceil(this.encoded.length / CHUNK_BYTES);
    const starts = new Uint32Array(count + 1);
    let units = 0;
    for (let c = 0; c < count; c++) {
      starts[c] = units;
      units += utf16Units(this.encoded, this.chunkByte(c), this.chunkByte(c + 1));
    }
    starts[count] = units;
    // A BOM left at the start (after the one `utf8Body` removed) is dropped by the decoder: not a character of the text.
    if (this.encoded[0] === 0xef && this.encoded[1] === 0xbb && this.encoded[2] === 0xbf) {
      for (let c = 1; c <= count; c++) starts[c]! -= 1;
    }
    this.chunkStarts = starts;
    return starts;
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
