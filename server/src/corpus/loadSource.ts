import type { FileStat, FileSystem } from '../engine/io.js';
import { extractedFormat } from '../formats/extracted.js';
import { sourceFromExtraction } from './extractSource.js';
import { decodeSource, isUtf8InScript, utf8Body } from './decode.js';
import { parseFrontMatter } from './frontMatter.js';
import { isMarkdownPath, keyForPath, relativeTo } from './keys.js';
import { reason } from './listFiles.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, type CorpusOptions } from './options.js';
import type { CorpusWarning, Source } from './source.js';
import { detached } from '../text/detached.js';
import { LazySource, OPENING_CHARS, type SourceMeta } from './sourceText.js';
import { sharedTextCache } from './textCache.js';
import { decodeUtf8 } from './utf8Chunks.js';
import { markupOf, maskText } from './visibleText.js';
import { guessTitle, TITLE_OPENING_CHARS } from './title.js';

export type LoadedSource = { source?: Source; warning?: CorpusWarning };

/** A corpus file's bytes as read, or why it cannot be used. */
export type ReadSource = { bytes: Uint8Array; mtimeMs: number; warning?: undefined } | { warning: CorpusWarning };

/** Bytes decoded to describe a UTF-8 source (front matter, title, opening) without decoding all of it. */
const DESCRIBE_BYTES = 64 * 1024;

/**
 * Reads, decodes and describes one corpus file; a PDF, web page, Word or EPUB
 * file is read through `options.extract`. Never throws: a file that
 * cannot be used gives a warning and no source; invalid UTF-8 gives both.
 * `loadSource(fs, 'corpus', 'corpus/sotu/1862_lincoln.txt')` resolves to a
 * source keyed `sotu/1862_lincoln`.
 */
export async function loadSource(
  fs: FileSystem,
  folder: string,
  path: string,
  options: CorpusOptions = {},
  /** The key the source answers to, instead of one from its path or front matter (a bibliography attachment). */
  key?: string,
): Promise<LoadedSource> {
  const read = await readSourceFile(fs, path, options);
  if (read.warning) return { warning: read.warning };
  const format = extractedFormat(path);
  if (format) {
    const { text: _text, ...loaded } = await sourceFromExtraction(folder, path, format, read.bytes, read.mtimeMs, options, undefined, key);
    return loaded;
  }
  return sourceFromBytes(folder, path, read.bytes, read.mtimeMs, options, false, key);
}

/** Reads one corpus file's bytes, checking that it is a regular file within the size limit. Never throws. */
export async function readSourceFile(fs: FileSystem, path: string, options: CorpusOptions = {}): Promise<ReadSource> {
  const checked = await statSourceFile(fs, path, options);
  if (checked.warning) return checked;
  return readCheckedFile(fs, path, checked.stat, options);
}

/**
 * Checks that a corpus file is a regular file within the size limit, without
 * reading it: its stat, or why it cannot be used. Never throws.
 * `await statSourceFile(fs, 'corpus/a.pdf')` is `{ stat: { kind: 'file', size: ..., mtimeMs: ... } }`.
 */
export async function statSourceFile(fs: FileSystem, path: string, options: CorpusOptions = {}): Promise<{ stat: FileStat; warning?: undefined } | { warning: CorpusWarning }> {
  const warn = (kind: CorpusWarning['kind'], message: string) => ({ warning: { path, kind, message } });
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;

  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    return warn('unreadable', `Could not read ${path} (${reason(error)}), so it was skipped. Check its permissions.`);
  }
  if (!stat) return warn('vanished', vanishedMessage(path));
  if (stat.kind !== 'file') return warn('unreadable', `${path} is not a regular file, so it was skipped.`);
  if (stat.size > maxBytes) {
    return warn('too-large',
      `${path} is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit for one source, so it was skipped. ` +
      'Split it into smaller files or raise the size limit.');
  }
  return { stat };
}

/** Reads a corpus file that `statSourceFile` checked (`stat`), as `readSourceFile` does. Never throws. */
export async function readCheckedFile(fs: FileSystem, path: string, stat: FileStat, options: CorpusOptions = {}): Promise<ReadSource> {
  const warn = (kind: CorpusWarning['kind'], message: string) => ({ warning: { path, kind, message } });
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    const why = reason(error);
    if (/ENOENT|ENOTDIR/.test(why)) return warn('vanished', vanishedMessage(path));
    return warn('unreadable', `Could not read ${path} (${why}), so it was skipped. Check its permissions.`);
  }
  if (bytes.length > maxBytes) {
    return warn('too-large', `${path} grew past the ${formatBytes(maxBytes)} limit for one source while it was read, so it was skipped.`);
  }
  return { bytes, mtimeMs: stat.mtimeMs };
}

/**
 * Describes a corpus file from its bytes. A plain UTF-8 file becomes a
 * `LazySource`: only its opening is decoded now (front matter, title), the
 * rest when first read. Other encodings are decoded at once, with their warning.
 * With `decodeWhole` (the caller is about to index the text), a UTF-8 file is
 * decoded whole once and that text returned as `text`, to be used and dropped.
 */
export function sourceFromBytes(folder: string, path: string, bytes: Uint8Array, mtimeMs: number, options: CorpusOptions = {},
  decodeWhole = false, key?: string): LoadedSource & { text?: string } {
  try {
    return describeBytes(folder, path, bytes, mtimeMs, options, decodeWhole, key);
  } catch (error) {
    // A file over V8's string limit (about 512 MB of text) cannot be decoded: it is skipped, the rest still loads.
    return { warning: { path, kind: 'too-large', message: `${path} could not be decoded as text (${reason(error)}), so it was skipped. Split it into smaller files.` } };
  }
}

function describeBytes(folder: string, path: string, bytes: Uint8Array, mtimeMs: number, options: CorpusOptions,
  decodeWhole: boolean, key?: string): LoadedSource & { text?: string } {
  const emptyWarning = (): LoadedSource => ({ warning: { path, kind: 'empty',
    message: `${path} is empty (or only whitespace), so it was skipped. Add the source's text or delete the file.` } });

  const body = utf8Body(bytes, options.isUtf8 ?? isUtf8InScript);
  if (body) {
    let { text, whole } = decodeWhole ? { text: decodeUtf8(body), whole: true } : openingOf(body);
    let meta = describe(folder, path, text, key);
    // An opening that cannot describe the file (long front matter, or only whitespace so far): the whole then.
    if (!whole && (!openingSuffices(text, meta.bodyStart) || !/\S/.test(text))) {
      text = decodeUtf8(body);
      whole = true;
      meta = describe(folder, path, text, key);
    }
    if (!/\S/.test(text)) return emptyWarning();
    const source = new LazySource(meta, path, body, bytes.length, mtimeMs, options.texts ?? sharedTextCache);
    const warning = frontMatterWarning(path, meta);
    return { source, ...(whole && { text: maskText(text, source.markup, meta.bodyStart) }), ...(warning && { warning }) };
  }

  const decoded = decodeSource(bytes);
  const warning: CorpusWarning | undefined = decoded.warning && { path, ...decoded.warning, message: `${path} ${decoded.warning.message}` };
  const text = decoded.text;
  if (text === undefined) return { warning };
  if (!/\S/.test(text)) return emptyWarning();
  const { opening: _opening, frontMatterProblem: _problem, ...meta } = describe(folder, path, text, key);
  const source: Source = { ...meta, path, text: maskText(text, markupOf(path), meta.bodyStart), size: bytes.length, mtimeMs };
  // One warning a file: a decoding problem says more than one in the front matter.
  const reported = warning ?? frontMatterWarning(path, { frontMatterProblem: _problem });
  return reported ? { source, warning: reported } : { source };
}

/** Key, title and the other fields of a source from its text (or an opening long enough, see `openingSuffices`). */
function describe(folder: string, path: string, text: string, givenKey?: string): SourceMeta {
  const markdown = isMarkdownPath(path);
  const { fields, bodyStart, problem } = markdown ? parseFrontMatter(text) : { fields: {} as Record<string, string>, bodyStart: 0, problem: undefined };
  // Every field is detached from the text: a lazy source keeps these, and must not keep the decoded text with them.
  const key = detached(givenKey ?? (fields['id']?.trim() || keyForPath(relativeTo(folder, path))));
  return {
    key,
    bodyStart,
    title: detached(fields['title'] || guessTitle(text, bodyStart, markdown) || key),
    ...(fields['author'] !== undefined && { author: detached(fields['author']) }),
    ...(fields['date'] !== undefined && { date: detached(fields['date']) }),
    ...(fields['url'] !== undefined && { url: detached(fields['url']) }),
    opening: detached(text.slice(bodyStart, bodyStart + OPENING_CHARS)),
    ...(problem !== undefined && { frontMatterProblem: detached(problem) }),
  };
}

/** The one warning for a source whose front matter is not valid YAML (it is still indexed). */
function frontMatterWarning(path: string, meta: Pick<SourceMeta, 'frontMatterProblem'>): CorpusWarning | undefined {
  if (meta.frontMatterProblem === undefined) return undefined;
  return {
    path,
    kind: 'front-matter',
    message: `${path} has front matter that could not be read as YAML (${meta.frontMatterProblem}), ` +
      'so its id, title, author, date and url were taken only from lines that are valid on their own. Fix the front matter.',
  };
}

/** The first `DESCRIBE_BYTES` of a UTF-8 body, cut before a character's first byte, decoded; `whole` when that is all of it. */
function openingOf(body: Uint8Array): { text: string; whole: boolean } {
  let cut = Math.min(body.length, DESCRIBE_BYTES);
  while (cut < body.length && cut > 0 && (body[cut]! & 0xc0) === 0x80) cut--;
  return { text: decodeUtf8(body.subarray(0, cut)), whole: cut === body.length };
}

/**
 * Whether a cut-short opening describes the source as its whole text would:
 * the front matter is closed within it (or there is none) and the title's
 * reach lies inside it.
 */
function openingSuffices(opening: string, bodyStart: number): boolean {
  if (bodyStart === 0 && /^\uFEFF?---[ \t]*\r?\n/.test(opening)) return false;
  return bodyStart + Math.max(TITLE_OPENING_CHARS, OPENING_CHARS) < opening.length;
}

function vanishedMessage(path: string): string {
  return `${path} disappeared while the corpus was being read, so it was skipped.`;
}
