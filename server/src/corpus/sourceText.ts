import type { OpenFile } from '../engine/io.js';
import type { ExtractedFormat, Locator } from '../formats/extracted.js';
import type { Source } from './source.js';
import { SAVED_BYTES, type TextCache } from './textCache.js';
import { CHUNK_BYTES, chunkByteStart, chunkLineBreaks, chunkStarts, decodeChunk, decodeUtf8 } from './utf8Chunks.js';
import { MASK_REACH, markupOf, maskText, maskWindow, mayNeedMask, type Markup } from './visibleText.js';

/** Part of a text: `text` holds the characters from offset `base` of the whole. */
export interface TextWindow {
  readonly text: string;
  readonly base: number;
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
  /** For a file read through an extractor (PDF, web page, Word, EPUB): its format; the text is what the reader gave. */
  readonly format?: ExtractedFormat;
  /** Pages or chapters of an extracted text, as `Source.locators`. */
  readonly locators?: readonly Locator[];
  /** What was wrong with the front matter's YAML (a 'front-matter' warning); such a description is not saved, so the warning is given again. */
  readonly frontMatterProblem?: string;
}

/**
 * Where a source's UTF-8 lies in a file held open (the saved index, see
 * `SavedFiles`): read from there when its text is needed, not held.
 */
export interface SavedText {
  readonly file: OpenFile;
  readonly at: number;
  readonly length: number;
}

/** How much of a body `opening` holds: enough for a completion item's documentation. */
export const OPENING_CHARS = 1200;

/**
 * A source read as valid UTF-8, keeping its bytes and decoding only what is
 * read: a window of words decodes the 4 KB chunks it lies in, `text` the
 * whole (see `TextCache`). Key, title and opening are known without decoding.
 * A file read through an extractor (PDF...) is a `LazySource` too: its bytes
 * are the UTF-8 of the extracted text, while `size` and `mtimeMs` are the file's.
 * Reopened from a saved index held open, its bytes stay there (`SavedText`):
 * read when its text is, and held within the `TextCache` budget like decoded text.
 */
export class LazySource implements Source {
  readonly key: string;
  readonly bodyStart: number;
  readonly title: string;
  // Declared, not defined: an absent field is no property at all, as on a plain source.
  declare readonly author?: string;
  declare readonly date?: string;
  declare readonly url?: string;
  declare readonly format?: ExtractedFormat;
  declare readonly locators?: readonly Locator[];
  // The rest is private (#): copying a source with `{ ...source, text }` gives a plain source of that text,
  // not one that still carries these bytes.
  /** The UTF-8, when held: always for bytes given, while in the cache for bytes read from `#saved`. */
  #encoded: Uint8Array | undefined;
  readonly #saved: SavedText | undefined;
  #bytesStamp = 0;
  readonly #markup: Markup | undefined;
  readonly #opening: string;
  readonly #frontMatterProblem: string | undefined;
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
    encoded: Uint8Array | SavedText,
    readonly size: number,
    readonly mtimeMs: number,
    cache: TextCache,
  ) {
    if (encoded instanceof Uint8Array) this.#encoded = encoded;
    else this.#saved = encoded;
    this.#markup = markupOf(path);
    this.#cache = cache;
    this.key = meta.key;
    this.bodyStart = meta.bodyStart;
    this.title = meta.title;
    const optional = this as { author?: string; date?: string; url?: string; format?: ExtractedFormat; locators?: readonly Locator[] };
    if (meta.author !== undefined) optional.author = meta.author;
    if (meta.date !== undefined) optional.date = meta.date;
    if (meta.url !== undefined) optional.url = meta.url;
    if (meta.format !== undefined) optional.format = meta.format;
    if (meta.locators !== undefined) optional.locators = meta.locators;
    this.#opening = meta.opening;
    this.#frontMatterProblem = meta.frontMatterProblem;
  }

  /**
   * The text's UTF-8 bytes, BOM removed: `visibleText(decodeUtf8(encoded), markup, bodyStart)` is the text.
   * Read from the saved index when not held (and not held for this: a save reads them all).
   */
  get encoded(): Uint8Array {
    return this.#encoded ?? this.readSaved();
  }

  /** The UTF-8's length in bytes, without reading it. */
  get encodedLength(): number {
    return this.#encoded?.length ?? this.#saved!.length;
  }

  /**
   * Copies the UTF-8 into `into` (as long as it), read from the saved index
   * straight there when not held: a save of a thousand reopened PDFs reads
   * each into one buffer, where a read each left their garbage resident.
   */
  async copyEncoded(into: Uint8Array): Promise<void> {
    if (this.#encoded !== undefined) {
      into.set(this.#encoded);
      return;
    }
    const { file, at, length } = this.#saved!;
    const read = await file.readInto(at, into.subarray(0, length));
    if (read !== length) throw new Error(`the saved index ended within the text of ${this.path} (${read} of ${length} bytes)`);
  }

  /** What of the file's text is not text (see `corpus/visibleText.ts`): blanked in `text` and every window. */
  get markup(): Markup | undefined {
    return this.#markup;
  }

  get opening(): string {
    return this.#opening;
  }

  /** The whole text (decoded now if it is not held). Prefer `window` for a part. */
  get text(): string {
    if (this.#whole !== undefined) {
      this.#stamps[0] = this.#cache.tick();
      return this.#whole;
    }
    const bytes = this.bytes();
    const text = maskText(decodeUtf8(bytes), this.#markup, this.bodyStart);
    this.#whole = text;
    this.#stamps[0] = this.#cache.tick();
    this.#cache.hold(this, -1, text, bytes.length);
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

  /**
   * Takes where the chunks start as the index counted it (`chunkStarts`), so
   * it need not be counted again; ignored when it does not fit this text.
   */
  useChunkStarts(starts: Uint32Array): void {
    if (starts.length === this.chunkTotal() + 1) this.#chunkStarts ??= starts;
  }

  /** Line breaks before chunk `c` (counted up to it on first need: a verdict near a book's start reads little of it). */
  lineBreaksBefore(c: number): number {
    const breaks = this.#chunkBreaks ??= new Uint32Array(this.chunkTotal() + 1);
    const target = Math.min(c, breaks.length - 1);
    if (this.#breaksCounted >= target) return breaks[target]!;
    const bytes = this.bytes();
    for (; this.#breaksCounted < target; this.#breaksCounted++) {
      breaks[this.#breaksCounted + 1] = breaks[this.#breaksCounted]! + chunkLineBreaks(bytes, this.#breaksCounted);
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
    this.#cache.release(new Set([this]));
  }

  /** @internal The cache this source keeps its decoded text in. */
  get cache(): TextCache {
    return this.#cache;
  }

  /** @internal When a held piece was last read. */
  stampOf(chunk: number): number {
    return chunk === SAVED_BYTES ? this.#bytesStamp : this.#stamps[chunk + 1] ?? 0;
  }

  /** @internal Called by the cache when it drops a piece. */
  forget(chunk: number): void {
    if (chunk === SAVED_BYTES) this.#encoded = undefined;
    else if (chunk < 0) this.#whole = undefined;
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
      ...(this.format !== undefined && { format: this.format }),
      ...(this.locators !== undefined && { locators: this.locators }),
      ...(this.#frontMatterProblem !== undefined && { frontMatterProblem: this.#frontMatterProblem }),
    };
  }

  private chunk(c: number): string {
    const held = this.#chunks[c];
    if (held !== undefined) {
      this.#stamps[c + 1] = this.#cache.tick();
      return held;
    }
    const text = this.maskedChunk(c);
    this.#chunks[c] = text;
    this.#stamps[c + 1] = this.#cache.tick();
    this.#cache.hold(this, c, text, this.chunkByte(c + 1) - this.chunkByte(c));
    return text;
  }

  /**
   * Chunk `c` decoded and masked as the whole text would be: with at least
   * `MASK_REACH` characters of its neighbours around it when it may hold an artifact.
   */
  private maskedChunk(c: number): string {
    const bytes = this.bytes();
    const raw = decodeChunk(bytes, c);
    if (this.#markup === undefined || !mayNeedMask(raw, this.#markup)) return raw;
    const count = this.chunkTotal();
    let before = '';
    for (let k = c - 1; k >= 0 && before.length < MASK_REACH; k--) before = decodeChunk(bytes, k) + before;
    let after = '';
    for (let k = c + 1; k < count && after.length < MASK_REACH; k++) after += decodeChunk(bytes, k);
    return maskWindow(before, raw, after, this.#markup, this.bodyStart - this.starts()[c]!);
  }

  private chunkByte(c: number): number {
    return chunkByteStart(this.bytes(), c);
  }

  private starts(): Uint32Array {
    return this.#chunkStarts ??= chunkStarts(this.bytes());
  }

  /** Chunks of the text (`chunkCount`), without reading bytes kept in the saved index. */
  private chunkTotal(): number {
    return Math.ceil(this.encodedLength / CHUNK_BYTES);
  }

  /** The UTF-8, read from the saved index (and held in the cache) when not held. */
  private bytes(): Uint8Array {
    if (this.#encoded !== undefined) {
      if (this.#saved) this.#bytesStamp = this.#cache.tick();
      return this.#encoded;
    }
    const bytes = this.readSaved();
    this.#encoded = bytes;
    this.#bytesStamp = this.#cache.tick();
    this.#cache.holdBytes(this, bytes.length);
    return bytes;
  }

  private readSaved(): Uint8Array {
    const { file, at, length } = this.#saved!;
    const bytes = file.readRange(at, length);
    // Only a saved index cut short by hand, while the server holds it open, could give fewer.
    if (bytes.length !== length) throw new Error(`the saved index ended within the text of ${this.path} (${bytes.length} of ${length} bytes)`);
    return bytes;
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
