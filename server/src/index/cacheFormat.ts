import type { FailedFile } from '../corpus/fileDigest.js';
import type { SourceMeta } from '../corpus/sourceText.js';
import { checksum32 } from './checksum.js';
import { SEGMENT_ARRAYS, type SegmentData } from './segmentData.js';

/**
 * The saved index file: a header, a JSON manifest (which files each segment
 * indexed, with their size, modification time and content digest), the
 * segments' typed arrays, 4-byte aligned, and last the UTF-8 text extracted
 * from PDF, web page, Word and EPUB files (so they are never read twice).
 *
 *   0  "VERBATIX"   8 bytes
 *   8  u32 format version (bumped whenever the tokenizer, hashes or layout change)
 *  12  u32 0x01020304 in this machine's byte order (the arrays are stored natively)
 *  16  u32 checksum of every byte from 24 to the end
 *  20  u32 manifest length in bytes
 *  24  manifest (UTF-8 JSON), zero-padded to a multiple of 4, then the arrays,
 *      then `textBytes` bytes of extracted text
 */
/**
 * 2: currency signs and % became words (the word hashes changed).
 * 3: files keep what describes them (`meta`), so an unchanged one is not decoded to be reused.
 * 4: plain-text artifacts and Markdown markup blanked from source text (the words indexed changed).
 * 5: PDF, web page, Word and EPUB files: their extracted text, format, pages or chapters, and the files that failed to read;
 *    the checksum runs in four lanes.
 * 6: Markdown front matter read as YAML (lists of authors, block scalars): saved descriptions changed.
 */
export const CACHE_FORMAT_VERSION = 6;
const MAGIC = 'VERBATIX';
const HEADER = 24;
/** The header's length: the manifest's length is its last u32. */
export const CACHE_HEADER_BYTES = HEADER;
const TYPES = {
  terms: Uint32Array, counts: Uint32Array, offsets: Uint32Array, postings: Uint8Array, docBase: Uint32Array, marks: Uint32Array,
  markBase: Uint32Array, skips: Uint32Array, chunkBase: Uint32Array, chunkStarts: Uint32Array,
} as const;

/** What the index knew of one file when it was saved. */
export interface CachedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly digest: string;
  readonly bodyStart: number;
  /** Key, title and opening of a file read as plain UTF-8: reused as they are when its digest matches. */
  readonly meta?: SourceMeta;
  /** For a file read through an extractor (`meta.format`): where its text's UTF-8 lies in `CacheContents.texts`. */
  readonly text?: { readonly at: number; readonly length: number };
  /** The version of the reader that extracted it (`READER_VERSIONS`): another version reads the file again. */
  readonly readerVersion?: number;
  /**
   * Its modification time was settled when it was read (`index/savedFiles.ts`):
   * the same size and time mean the same bytes, so an extracted file is not read again to be checked.
   */
  readonly settled?: true;
}

export interface CachedSegment {
  /** One entry per document of the segment; null where the document had been removed. */
  readonly files: readonly (CachedFile | null)[];
  readonly data: SegmentData;
}

export interface CacheContents {
  /** What the index was built from (corpus folders and options): another set never reuses it. */
  readonly scope: string;
  readonly segments: readonly CachedSegment[];
  /**
   * The extracted texts' UTF-8, one after another (`CachedFile.text` are
   * ranges of their concatenation): pieces when saving, one view when read.
   */
  readonly texts?: readonly Uint8Array[];
  /** Files a reader could not read, for a reason that lasts as long as their bytes (no text layer, encrypted, damaged). */
  readonly failures?: readonly FailedFile[];
}

/**
 * The UTF-8 of a file's extracted text in a decoded saved index (a view, no copy).
 * `extractedText(decodeCache(bytes), file)`
 */
export function extractedText(contents: CacheContents, file: CachedFile): Uint8Array | undefined {
  const blob = contents.texts?.[0];
  return file.text && blob ? blob.subarray(file.text.at, file.text.at + file.text.length) : undefined;
}

/** Why a saved index cannot be used: it is rebuilt, and the message says why. */
export class CacheError extends Error {
  constructor(message: string, readonly kind: 'version' | 'corrupt') { super(message); }
}

/**
 * Serializes segments and their files into one buffer.
 * `decodeCache(encodeCache(contents))` gives back equal contents.
 */
export function encodeCache(contents: CacheContents): Uint8Array {
  const texts = contents.texts ?? [];
  let textBytes = 0;
  for (const piece of texts) textBytes += piece.length;
  const manifest = {
    scope: contents.scope,
    segments: contents.segments.map((s) => ({ files: s.files, lengths: SEGMENT_ARRAYS.map((name) => s.data[name].length) })),
    textBytes,
    failures: contents.failures ?? [],
  };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const jsonPadded = align4(json.length);
  let total = HEADER + jsonPadded;
  for (const s of contents.segments) for (const name of SEGMENT_ARRAYS) total += align4(s.data[name].byteLength);
  total += textBytes;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, CACHE_FORMAT_VERSION, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = 0x01020304;
  view.setUint32(20, json.length, true);
  bytes.set(json, HEADER);
  let at = HEADER + jsonPadded;
  for (const s of contents.segments) {
    for (const name of SEGMENT_ARRAYS) {
      const array = s.data[name];
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
      at += align4(array.byteLength);
    }
  }
  for (const piece of texts) {
    bytes.set(piece, at);
    at += piece.length;
  }
  view.setUint32(16, checksum32(bytes, HEADER, total), true);
  return bytes;
}

/**
 * Reads a saved index, checking everything that could make it lie: the magic,
 * the format version, the byte order, the checksum and the shape of every
 * segment. Throws a `CacheError` saying what is wrong. Arrays are views on
 * `bytes` when it is aligned, copies otherwise.
 *
 * `withoutTexts`: `bytes` is the file but its extracted texts (the last
 * `textBytes` bytes, left in the file: `savedIndex.ts`, `readCacheFile`), and
 * `checksum` the checksum of the whole file as it was read; the contents then
 * have no `texts`.
 */
export function decodeCache(bytes: Uint8Array, withoutTexts?: { readonly textBytes: number; readonly checksum: number }): CacheContents {
  if (bytes.length < HEADER) throw new CacheError(`it is truncated (${bytes.length} bytes)`, 'corrupt');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw new CacheError('it is not a Verbatim index file', 'corrupt');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== CACHE_FORMAT_VERSION) {
    throw new CacheError(`it was written by another version of Verbatim (format ${version}, this one reads ${CACHE_FORMAT_VERSION})`, 'version');
  }
  if (view.getUint32(12, true) !== 0x01020304 && view.getUint32(12, false) !== 0x01020304) throw new CacheError('its header is damaged', 'corrupt');
  if (new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] !== bytes[12]) {
    throw new CacheError('it was written on a machine with another byte order', 'version');
  }
  if ((withoutTexts?.checksum ?? checksum32(bytes, HEADER, bytes.length)) !== view.getUint32(16, true)) {
    throw new CacheError('its checksum does not match (it is truncated or damaged)', 'corrupt');
  }
  const jsonLength = view.getUint32(20, true);
  if (HEADER + jsonLength > bytes.length) throw new CacheError('its manifest is truncated', 'corrupt');
  let manifest: { scope: string; segments: { files: (CachedFile | null)[]; lengths: number[] }[]; textBytes?: number; failures?: FailedFile[] };
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER, HEADER + jsonLength)));
  } catch {
    throw new CacheError('its manifest is not valid JSON', 'corrupt');
  }
  let at = HEADER + align4(jsonLength);
  const segments: CachedSegment[] = [];
  for (const segment of manifest.segments ?? []) {
    const arrays: Record<string, Uint32Array | Uint8Array> = {};
    SEGMENT_ARRAYS.forEach((name, i) => {
      const Type = TYPES[name];
      const length = segment.lengths?.[i];
      const byteLength = (length ?? -1) * Type.BYTES_PER_ELEMENT;
      if (!Number.isInteger(length) || length! < 0 || at + byteLength > bytes.length) throw new CacheError('a segment is truncated', 'corrupt');
      const offset = bytes.byteOffset + at;
      arrays[name] = offset % 4 === 0
        ? new Type(bytes.buffer as ArrayBuffer, offset, length)
        : new Type(bytes.slice(at, at + byteLength).buffer);
      at += align4(byteLength);
    });
    const data = arrays as unknown as SegmentData;
    checkShape(data, segment.files);
    segments.push({ files: segment.files, data });
  }
  const textBytes = manifest.textBytes;
  const textsEnd = bytes.length + (withoutTexts?.textBytes ?? 0);
  if (!Number.isInteger(textBytes) || textBytes! < 0 || at + textBytes! > textsEnd) throw new CacheError('its extracted texts are truncated', 'corrupt');
  if (withoutTexts && (at !== bytes.length || textBytes !== withoutTexts.textBytes)) throw new CacheError('its extracted texts are not where its manifest says', 'corrupt');
  const texts = withoutTexts ? undefined : bytes.subarray(at, at + textBytes!);
  at += textBytes!;
  if (at !== textsEnd) throw new CacheError('it has trailing bytes', 'corrupt');
  for (const segment of segments) for (const file of segment.files) checkExtracted(file, textBytes!);
  const failures = manifest.failures;
  if (!Array.isArray(failures) || !failures.every((f) => typeof f?.path === 'string' && typeof f.digest === 'string'
    && Number.isInteger(f.size) && typeof f.kind === 'string' && typeof f.message === 'string')) {
    throw new CacheError('its list of unreadable files is damaged', 'corrupt');
  }
  return { scope: manifest.scope, segments, ...(texts ? { texts: [texts] } : {}), failures };
}

/** The invariants search relies on: a saved segment that breaks one is refused, never searched. */
function checkShape(data: SegmentData, files: readonly (CachedFile | null)[]): void {
  const bad = (what: string) => new CacheError(`a segment is inconsistent (${what})`, 'corrupt');
  const terms = data.terms.length;
  if (!Array.isArray(files)) throw bad('no file list');
  if (data.counts.length !== terms || data.offsets.length !== terms + 1) throw bad('term tables');
  if (data.docBase.length !== files.length + 1 || data.markBase.length !== files.length + 1) throw bad('document tables');
  if (data.chunkBase.length !== files.length + 1 || data.chunkBase[0] !== 0 || data.chunkBase[files.length] !== data.chunkStarts.length) {
    throw bad('chunk tables');
  }
  if (data.offsets[0] !== 0 || data.offsets[terms] !== data.postings.length) throw bad('postings length');
  for (let t = 0; t < terms; t++) {
    if (data.offsets[t + 1]! < data.offsets[t]!) throw bad('postings offsets');
    if (t > 0 && data.terms[t]! <= data.terms[t - 1]!) throw bad('term order');
  }
  let words = 0;
  for (let d = 0; d < files.length; d++) {
    if (data.docBase[d + 1]! < data.docBase[d]! || data.markBase[d + 1]! < data.markBase[d]! || data.chunkBase[d + 1]! < data.chunkBase[d]!) {
      throw bad('document order');
    }
    const file = files[d];
    if (file !== null && (typeof file?.path !== 'string' || typeof file.digest !== 'string')) throw bad('file entry');
    const meta = file?.meta;
    if (meta !== undefined && (typeof meta?.key !== 'string' || typeof meta.title !== 'string' || typeof meta.opening !== 'string'
      || !Number.isInteger(meta.bodyStart) || meta.bodyStart !== file!.bodyStart)) throw bad('file description');
  }
  words = data.docBase[files.length]!;
  let total = 0;
  for (let t = 0; t < terms; t++) total += data.counts[t]!;
  if (total !== words || data.markBase[files.length] !== data.marks.length) throw bad('word counts');
}

/** An extracted file's text lies within the texts, and its pages or chapters are spans. */
function checkExtracted(file: CachedFile | null, textBytes: number): void {
  const meta = file?.meta;
  if (!file || meta?.format === undefined) {
    if (file?.text !== undefined) throw new CacheError('a segment is inconsistent (text of a plain file)', 'corrupt');
    return;
  }
  const bad = (what: string) => new CacheError(`a segment is inconsistent (${what})`, 'corrupt');
  if (!['pdf', 'html', 'docx', 'epub'].includes(meta.format)) throw bad('format');
  const range = file.text;
  if (!range || !Number.isInteger(range.at) || !Number.isInteger(range.length) || range.at < 0 || range.length < 0 || range.at + range.length > textBytes) {
    throw bad('extracted text');
  }
  if (meta.locators !== undefined && (!Array.isArray(meta.locators) || !meta.locators.every((l) =>
    (l?.kind === 'page' || l?.kind === 'chapter') && Number.isInteger(l.start) && Number.isInteger(l.end) && Number.isInteger(l.index) && l.start <= l.end
    && (l.label === undefined || typeof l.label === 'string')))) {
    throw bad('pages or chapters');
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
