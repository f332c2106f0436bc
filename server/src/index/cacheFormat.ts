import type { FailedFile } from '../corpus/fileDigest.js';
import type { SourceMeta } from '../corpus/sourceText.js';
import { checksum32Steps } from './checksum.js';
import { finish, finishInSlices } from '../engine/steps.js';
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
  return finish(encodeCacheSteps(contents));
}

/**
 * `encodeCache` on the server's thread, in slices: `due()` (`timeSlices`)
 * is asked between steps and awaited when the slice is over, so requests are
 * answered meanwhile. The same bytes as `encodeCache` (the same steps).
 * One piece took 3.3 s at 100,000 files under load (bench/README.md, "Requests behind hostile scale").
 */
export function encodeCacheInSlices(contents: CacheContents, due: () => Promise<void> | undefined): Promise<Uint8Array> {
  return finishInSlices(encodeCacheSteps(contents), due);
}

/** Files of the manifest turned into JSON between two steps, and UTF-8 bytes copied or checksummed. */
const FILES_PER_STEP = 500;
const BYTES_PER_STEP = 1 << 20;

/**
 * The work of `encodeCache`, yielding where it may stop. The manifest is
 * written a piece at a time: each file's JSON is `JSON.stringify` of that file,
 * so the pieces joined are `JSON.stringify(manifest)` character for character,
 * and each piece ends at a whole JSON value, so their UTF-8 joined is the UTF-8 of the whole.
 */
function* encodeCacheSteps(contents: CacheContents): Generator<void, Uint8Array> {
  const texts = contents.texts ?? [];
  let textBytes = 0;
  for (const piece of texts) textBytes += piece.length;
  const encoder = new TextEncoder();
  const json: Uint8Array[] = [];
  let pending = `{"scope":${JSON.stringify(contents.scope)},"segments":[`;
  let count = 0;
  for (let s = 0; s < contents.segments.length; s++) {
    const segment = contents.segments[s]!;
    pending += `${s > 0 ? ',' : ''}{"files":[`;
    for (let f = 0; f < segment.files.length; f++) {
      pending += (f > 0 ? ',' : '') + (JSON.stringify(segment.files[f]) ?? 'null');
      if (++count % FILES_PER_STEP === 0) {
        json.push(encoder.encode(pending));
        pending = '';
        yield;
      }
    }
    pending += `],"lengths":${JSON.stringify(SEGMENT_ARRAYS.map((name) => segment.data[name].length))}}`;
  }
  pending += `],"textBytes":${textBytes},"failures":${JSON.stringify(contents.failures ?? [])}}`;
  json.push(encoder.encode(pending));
  yield;
  let jsonLength = 0;
  for (const piece of json) jsonLength += piece.length;
  const jsonPadded = align4(jsonLength);
  let total = HEADER + jsonPadded;
  for (const s of contents.segments) for (const name of SEGMENT_ARRAYS) total += align4(s.data[name].byteLength);
  total += textBytes;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, CACHE_FORMAT_VERSION, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = 0x01020304;
  view.setUint32(20, jsonLength, true);
  yield;
  let at = HEADER;
  const copy = function* (piece: Uint8Array): Generator<void> {
    for (let from = 0; from < piece.length; from += BYTES_PER_STEP) {
      bytes.set(piece.subarray(from, from + BYTES_PER_STEP), at + from);
      yield;
    }
  };
  for (const piece of json) {
    yield* copy(piece);
    at += piece.length;
  }
  json.length = 0;
  at = HEADER + jsonPadded;
  for (const s of contents.segments) {
    for (const name of SEGMENT_ARRAYS) {
      const array = s.data[name];
      yield* copy(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      at += align4(array.byteLength);
    }
  }
  for (const piece of texts) {
    yield* copy(piece);
    at += piece.length;
  }
  view.setUint32(16, yield* checksum32Steps(bytes, HEADER, total), true);
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
export function decodeCache(bytes: Uint8Array, withoutTexts?: WithoutTexts): CacheContents {
  return finish(decodeCacheSteps(bytes, withoutTexts));
}

/** What `decodeCache` needs of a file read without its extracted texts (`savedIndex.ts`, `readCacheFile`). */
export interface WithoutTexts {
  readonly textBytes: number;
  readonly checksum: number;
}

/**
 * `decodeCache` on the server's thread in slices (`due()`, as for
 * `encodeCacheInSlices`): the same contents, or the same `CacheError`.
 * In one piece, reopening 100,000 files held the thread over a second.
 */
export function decodeCacheInSlices(bytes: Uint8Array, due: () => Promise<void> | undefined, withoutTexts?: WithoutTexts): Promise<CacheContents> {
  return finishInSlices(decodeCacheSteps(bytes, withoutTexts), due);
}

type Manifest = { scope: string; segments: { files: (CachedFile | null)[]; lengths: number[] }[]; textBytes?: number; failures?: FailedFile[] };

function* decodeCacheSteps(bytes: Uint8Array, withoutTexts?: WithoutTexts): Generator<void, CacheContents> {
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
  if ((withoutTexts ? withoutTexts.checksum : yield* checksum32Steps(bytes, HEADER, bytes.length)) !== view.getUint32(16, true)) {
    throw new CacheError('its checksum does not match (it is truncated or damaged)', 'corrupt');
  }
  const jsonLength = view.getUint32(20, true);
  if (HEADER + jsonLength > bytes.length) throw new CacheError('its manifest is truncated', 'corrupt');
  let manifest: Manifest;
  try {
    manifest = yield* manifestSteps(bytes.subarray(HEADER, HEADER + jsonLength));
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
    yield;
  }
  const textBytes = manifest.textBytes;
  const textsEnd = bytes.length + (withoutTexts?.textBytes ?? 0);
  if (!Number.isInteger(textBytes) || textBytes! < 0 || at + textBytes! > textsEnd) throw new CacheError('its extracted texts are truncated', 'corrupt');
  if (withoutTexts && (at !== bytes.length || textBytes !== withoutTexts.textBytes)) throw new CacheError('its extracted texts are not where its manifest says', 'corrupt');
  const texts = withoutTexts ? undefined : bytes.subarray(at, at + textBytes!);
  at += textBytes!;
  if (at !== textsEnd) throw new CacheError('it has trailing bytes', 'corrupt');
  let checked = 0;
  for (const segment of segments) {
    for (const file of segment.files) {
      checkExtracted(file, textBytes!);
      if (++checked % FILES_PER_STEP === 0) yield;
    }
  }
  const failures = manifest.failures;
  if (!Array.isArray(failures) || !failures.every((f) => typeof f?.path === 'string' && typeof f.digest === 'string'
    && Number.isInteger(f.size) && typeof f.kind === 'string' && typeof f.message === 'string')) {
    throw new CacheError('its list of unreadable files is damaged', 'corrupt');
  }
  return { scope: manifest.scope, segments, ...(texts ? { texts: [texts] } : {}), failures };
}

/**
 * `JSON.parse` of the manifest's UTF-8, a step at a time: the bytes are
 * scanned for the `"files":[...]` lists of `"segments"` (a JSON token never
 * holds a byte of a multi-byte UTF-8 character, so bytes can be scanned);
 * each list is parsed `FILES_PER_STEP` entries at a time, the rest as one
 * small document. A manifest this scan does not read as `encodeCache` writes it
 * is parsed whole, so the result is always `JSON.parse`'s. Throws as it does.
 */
function* manifestSteps(json: Uint8Array): Generator<void, Manifest> {
  const lists = yield* fileLists(json);
  const decoder = new TextDecoder();
  if (!lists) return JSON.parse(decoder.decode(json)) as Manifest;
  // The manifest with every file list emptied.
  let skeleton = '';
  let from = 0;
  for (const list of lists) {
    skeleton += decoder.decode(json.subarray(from, list.open + 1));
    from = list.close;
  }
  skeleton += decoder.decode(json.subarray(from));
  const manifest = JSON.parse(skeleton) as Manifest;
  if (!Array.isArray(manifest.segments) || manifest.segments.length !== lists.length
    || !manifest.segments.every((s) => Array.isArray(s?.files) && s.files.length === 0)) {
    return JSON.parse(decoder.decode(json)) as Manifest;
  }
  for (let s = 0; s < lists.length; s++) {
    const { open, close, commas } = lists[s]!;
    const files: (CachedFile | null)[] = [];
    // Entries [e, e + FILES_PER_STEP) lie between the comma before the first (or the list's `[`) and the one after the last (or its `]`).
    for (let e = 0; e <= commas.length; e += FILES_PER_STEP) {
      const start = e === 0 ? open + 1 : commas[e - 1]! + 1;
      const end = e + FILES_PER_STEP - 1 < commas.length ? commas[e + FILES_PER_STEP - 1]! : close;
      if (e === 0 && start === end) break; // an empty list
      const part = JSON.parse(`[${decoder.decode(json.subarray(start, end))}]`) as (CachedFile | null)[];
      for (const file of part) files.push(file);
      yield;
    }
    manifest.segments[s]!.files = files;
  }
  return manifest;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKETS = [0x5b, 0x7b]; // [ {
const CLOSE_BRACKETS = [0x5d, 0x7d]; // ] }

/**
 * Where each segment's file list opens and closes in the manifest, with the
 * commas between its entries; undefined when the manifest is not laid out as
 * `encodeCache` writes it (`{"scope":…,"segments":[{"files":[…],"lengths":[…]},…],…}`,
 * no spaces), or is not JSON at all.
 */
function* fileLists(json: Uint8Array): Generator<void, { open: number; close: number; commas: number[] }[] | undefined> {
  const lists: { open: number; close: number; commas: number[] }[] = [];
  const follows = (at: number, key: string) => {
    if (at < key.length) return false;
    for (let i = 0; i < key.length; i++) if (json[at - key.length + i] !== key.charCodeAt(i)) return false;
    return true;
  };
  let depth = 0;
  let inSegments = false;
  let list: { open: number; close: number; commas: number[] } | undefined;
  for (let i = 0, nextStep = BYTES_PER_STEP; i < json.length; i++) {
    if (i >= nextStep) { nextStep = i + BYTES_PER_STEP; yield; }
    const byte = json[i]!;
    if (byte === QUOTE) {
      for (i++; i < json.length && json[i] !== QUOTE; i++) if (json[i] === BACKSLASH) i++;
      if (i >= json.length) return undefined;
    } else if (OPEN_BRACKETS.includes(byte)) {
      depth++;
      if (depth === 2 && byte === 0x5b && follows(i, '"segments":')) inSegments = true;
      if (depth === 4 && inSegments && byte === 0x5b && follows(i, '"files":')) lists.push(list = { open: i, close: -1, commas: [] });
    } else if (CLOSE_BRACKETS.includes(byte)) {
      if (depth === 4 && list) { list.close = i; list = undefined; }
      if (depth === 2) inSegments = false;
      depth--;
      if (depth < 0) return undefined;
    } else if (byte === COMMA && depth === 4 && list) {
      list.commas.push(i);
    }
  }
  return depth === 0 ? lists : undefined;
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
