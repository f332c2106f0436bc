import type { LazySource } from './sourceText.js';

/** The piece that is a source's UTF-8 read from the saved index (`LazySource`'s `SavedText`), not decoded text. */
export const SAVED_BYTES = -2;

/** Default budget of decoded source text kept at once, in bytes of string storage. */
export const DEFAULT_TEXT_BUDGET = 32 * 1024 * 1024;

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
  /** The pieces held (chunk -1: a whole text; `SAVED_BYTES`: bytes read from the saved index), in no order; recency is each source's stamps. */
  private pieces: { readonly source: LazySource; readonly chunk: number; readonly bytes: number }[] = [];
  private used = 0;
  private clock = 0;

  constructor(readonly budget = DEFAULT_TEXT_BUDGET) {}

  /** Bytes of string storage held now. */
  get bytesHeld(): number {
    return this.used;
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

  /** @internal Holds the UTF-8 of a source just read from the saved index (piece `SAVED_BYTES`), as `hold` does text. */
  holdBytes(source: LazySource, length: number): void {
    this.pieces.push({ source, chunk: SAVED_BYTES, bytes: length });
    this.used += length;
    if (this.used > this.budget) this.evict();
  }

  /** Drops every piece of these sources (they left the index), in one pass over what is held. */
  release(sources: ReadonlySet<LazySource>): void {
    this.pieces = this.pieces.filter((piece) => {
      if (!sources.has(piece.source)) return true;
      this.used -= piece.bytes;
      piece.source.forget(piece.chunk);
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

/** The process-wide cache lazy sources use unless given another. */
export const sharedTextCache = new TextCache();
