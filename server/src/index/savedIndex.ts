import { failedFileOf, knownDigest, rememberDigest, wasSettled, type FailedFile } from '../corpus/fileDigest.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning, Source } from '../corpus/source.js';
import { LazySource } from '../corpus/sourceText.js';
import { joinPath, type FileSystem, type OpenFile } from '../engine/io.js';
import { READER_VERSIONS } from '../formats/readers.js';
import { CACHE_HEADER_BYTES, CacheError, decodeCache, encodeCache, type CacheContents, type CachedFile } from './cacheFormat.js';
import { bytesDigest, Checksum32 } from './checksum.js';
import type { CorpusIndex } from './corpusIndex.js';

/** Why a saved index was not used. */
export interface CacheProblem {
  readonly kind: 'version' | 'corrupt' | 'unreadable';
  /** One sentence for the writer, naming the file. */
  readonly message: string;
}

export { rememberDigest };

/**
 * What a saved index was built from: the corpus folders and the options that
 * change which files are indexed. Another scope never reuses it.
 * `cacheScope(['corpus'], {})` is `'["corpus"]|'`.
 */
export function cacheScope(folders: readonly string[], options: CorpusOptions): string {
  return `${JSON.stringify(folders)}|${options.maxFileBytes ?? ''}`;
}

/** One file per scope in the cache folder: `<cacheDir>/index-<digest of scope>.vbx`. */
export function cacheFilePath(cacheDir: string, scope: string): string {
  return joinPath(cacheDir, `index-${bytesDigest(new TextEncoder().encode(scope))}.vbx`);
}

/**
 * The saved index file's bytes, or why it could not be read; neither when
 * there is none. `opened`: the file held open, when the file system can;
 * then `bytes` is all but its extracted texts (`withoutTexts`: their length,
 * and the whole file's checksum, counted as they were read), which are read
 * from it when needed, not kept (`SavedFiles`).
 */
export type CacheFile = {
  bytes?: Uint8Array;
  opened?: OpenFile;
  withoutTexts?: { readonly textBytes: number; readonly checksum: number };
  problem?: CacheProblem;
};

/**
 * Reads the saved index file at `path` without checking it (`checkCache` does),
 * so the caller can start other reads before spending the time to check it.
 * `await readCacheFile(fs, cacheFilePath(dir, scope))` is `{}` when nothing was saved.
 */
export async function readCacheFile(fs: FileSystem, path: string): Promise<CacheFile> {
  try {
    const stat = await fs.stat(path);
    if (!stat) return {};
    // A FIFO or a device would never end (or never start): only a regular file is read.
    if (stat.kind !== 'file') throw new Error('it is not a regular file');
    if (!fs.openFile) return { bytes: await fs.readFile(path) };
    const opened = await fs.openFile(path);
    return (await readWithoutTexts(opened)) ?? { bytes: await opened.readAll(), opened };
  } catch (error) {
    return { problem: { kind: 'unreadable', message: `The saved index ${path} could not be read (${(error as Error).message}); the corpus was indexed again.` } };
  }
}

/** Bytes of the texts read at once to be counted in the checksum (a multiple of 16, see `Checksum32`). */
const TEXT_BLOCK = 1 << 20;

/**
 * A saved index file held open, read but for its extracted texts: those are
 * only counted in the checksum, a block at a time, so a library of PDFs'
 * text is never in memory to be reopened (and its pages are never faulted
 * in). Undefined when the file holds no texts, or does not read as a saved
 * index far enough to say where they start: it is then read whole, and
 * `decodeCache` says what is wrong with it.
 */
async function readWithoutTexts(opened: OpenFile): Promise<CacheFile | undefined> {
  const size = opened.size;
  const header = new Uint8Array(CACHE_HEADER_BYTES);
  if (await opened.readInto(0, header) !== header.length) return undefined;
  const manifestEnd = CACHE_HEADER_BYTES + new DataView(header.buffer).getUint32(CACHE_HEADER_BYTES - 4, true);
  if (manifestEnd > size) return undefined;
  const manifest = new Uint8Array(manifestEnd - CACHE_HEADER_BYTES);
  if (await opened.readInto(CACHE_HEADER_BYTES, manifest) !== manifest.length) return undefined;
  // The manifest ends `..."textBytes":N,"failures":[...]}`; a quotation mark inside a JSON string is escaped,
  // so only the key itself reads `"textBytes":`. `decodeCache` checks the number against the manifest it parses.
  const json = new TextDecoder().decode(manifest);
  const found = /"textBytes":(\d+),"failures":/.exec(json.slice(json.lastIndexOf('"textBytes":')));
  const textBytes = Number(found?.[1]);
  if (!Number.isSafeInteger(textBytes) || textBytes <= 0 || textBytes > size - manifestEnd) return undefined;
  const bytes = new Uint8Array(size - textBytes);
  if (await opened.readInto(0, bytes) !== bytes.length) return undefined;
  const sum = new Checksum32(size - CACHE_HEADER_BYTES);
  const split = CACHE_HEADER_BYTES + ((bytes.length - CACHE_HEADER_BYTES) & ~15);
  sum.update(bytes.subarray(CACHE_HEADER_BYTES, split));
  const block = new Uint8Array(TEXT_BLOCK);
  for (let at = split; at < size;) {
    const piece = block.subarray(0, Math.min(TEXT_BLOCK, size - at));
    if (await opened.readInto(at, piece) !== piece.length) return undefined;
    sum.update(piece);
    at += piece.length;
  }
  return { bytes, opened, withoutTexts: { textBytes, checksum: sum.digest() } };
}

/**
 * Checks and decodes a saved index file read by `readCacheFile`: its contents
 * when it can be trusted for `scope`, a problem when it exists but cannot,
 * neither when there is none or it was saved for another scope.
 * `checkCache(await readCacheFile(fs, path), path, scope).contents?.segments`
 */
export function checkCache(file: CacheFile, path: string, scope: string): { contents?: CacheContents; problem?: CacheProblem } {
  if (!file.bytes) return file.problem ? { problem: file.problem } : {};
  try {
    const contents = decodeCache(file.bytes, file.withoutTexts);
    if (contents.scope !== scope) return {};
    return { contents };
  } catch (error) {
    if (!(error instanceof CacheError)) throw error;
    const why = error.kind === 'version' ? 'was not used' : 'was damaged';
    return { problem: { kind: error.kind, message: `The saved index ${path} ${why}: ${error.message}. The corpus was indexed again and the index saved anew.` } };
  }
}

/**
 * Saves `index` for the corpus `folders` in `cacheDir`, so the next
 * `openIndex` with the same folders reuses every unchanged file: a PDF, web
 * page, Word or EPUB file with its extracted text, pages and metadata, and
 * one that failed to read for a lasting reason (`options.warnings`, those
 * from `sourceFromExtraction`) with its warning. Resolves to
 * why it could not (the file system cannot write, the folder is read-only...),
 * or undefined when saved. Never rejects.
 * `await saveIndex(nodeFileSystem, storageDir, ['/w/corpus'], folder.index)`
 */
export async function saveIndex(fs: FileSystem, cacheDir: string, folders: readonly string[], index: CorpusIndex,
  options: CorpusOptions & { readonly warnings?: readonly CorpusWarning[] } = {}): Promise<string | undefined> {
  if (!fs.writeFile) return 'this file system cannot write files';
  const digest = options.digest ?? bytesDigest;
  const scope = cacheScope(folders, options);
  try {
    const extracted: LazySource[] = [];
    let textAt = 0;
    const segments = index.segmentEntries().map((entry) => ({
      data: entry.data,
      files: entry.sources.map((source): CachedFile | null => {
        if (!source) return null;
        const file = {
          path: source.path,
          size: source.size,
          mtimeMs: source.mtimeMs,
          digest: digestOf(source, digest),
          bodyStart: source.bodyStart,
          // A description with a front matter problem is made again on reopening, so its warning is given again.
          ...(source instanceof LazySource && source.meta.frontMatterProblem === undefined ? { meta: source.meta } : {}),
          ...(wasSettled(source) ? { settled: true as const } : {}),
        };
        if (!(source instanceof LazySource) || source.format === undefined) return file;
        const text = { at: textAt, length: source.encodedLength };
        extracted.push(source);
        textAt += text.length;
        return { ...file, text, readerVersion: READER_VERSIONS[source.format] };
      }),
    }));
    const failures: FailedFile[] = [];
    for (const warning of options.warnings ?? []) {
      const failed = failedFileOf(warning);
      if (failed) failures.push(failed);
    }
    // The texts go into one buffer, each read straight into it when it is in the saved index (not in memory).
    const texts = new Uint8Array(textAt);
    let at = 0;
    for (const source of extracted) {
      await source.copyEncoded(texts.subarray(at, at + source.encodedLength));
      at += source.encodedLength;
    }
    await fs.writeFile(cacheFilePath(cacheDir, scope), encodeCache({ scope, segments, texts: [texts], failures }));
    return undefined;
  } catch (error) {
    return `the index could not be saved in ${cacheDir} (${(error as Error).message ?? String(error)})`;
  }
}

/**
 * The digest a source was read with; for a source read elsewhere (a file
 * re-read after a change), the digest of its text as UTF-8, which equals the
 * bytes' digest for any UTF-8 file without a BOM. A mismatch only means that
 * file is indexed again next time. An extracted source's text is not its
 * file's bytes: unknown, its digest is left empty (it is read again).
 */
function digestOf(source: Source, digest: (bytes: Uint8Array) => string): string {
  let known = knownDigest(source);
  if (known === undefined) {
    if (source instanceof LazySource && source.format !== undefined) return '';
    known = digest(source instanceof LazySource ? source.encoded : new TextEncoder().encode(source.text));
    rememberDigest(source, known);
  }
  return known;
}
