import { bytesDigest } from '../index/checksum.js';
import { ExtractionError, type ExtractedFormat, type ExtractedSource, type ExtractionFailure, type Locator } from '../formats/extracted.js';
import { asExtractionError, extractInProcess, READER_VERSIONS } from '../formats/readers.js';
import { detached } from '../text/detached.js';
import { rememberDigest, rememberFailedFile } from './fileDigest.js';
import { keyForPath, relativeTo } from './keys.js';
import type { LoadedSource } from './loadSource.js';
import type { CorpusOptions } from './options.js';
import type { CorpusWarning } from './source.js';
import { LazySource, OPENING_CHARS, type SourceMeta } from './sourceText.js';
import { sharedTextCache } from './textCache.js';
import { guessTitle } from './title.js';

/**
 * Failures that depend only on the file's bytes: the saved index remembers
 * them, so an unchanged file that failed is not read again. A timeout or a
 * reader that ran out of memory may pass on a quieter machine, and a format
 * that cannot be read yet may be readable after an update: those are tried again.
 */
const LASTING_FAILURES: ReadonlySet<CorpusWarning['kind']> = new Set<ExtractionFailure>(['no-text', 'encrypted', 'corrupt']);

/** Metadata longer than this is cut: a title is shown in completion lists and hovers. */
const MAX_META_CHARS = 500;

/**
 * Reads a PDF, web page, Word or EPUB file's bytes through the extractor
 * (`options.extract`, else the readers in this thread) into a source keyed by
 * its path. Never throws: a file the reader cannot read gives one warning,
 * with the reader's message and its failure as the kind. `text` is the
 * extracted text, for the caller about to index it.
 * `await sourceFromExtraction('corpus', 'corpus/report.pdf', 'pdf', bytes, mtime)` gives a source keyed `report`.
 */
export async function sourceFromExtraction(folder: string, path: string, format: ExtractedFormat, bytes: Uint8Array, mtimeMs: number,
  options: CorpusOptions = {}, fileDigest = (options.digest ?? bytesDigest)(bytes),
  /** The key the source answers to instead of its path's (a bibliography attachment). */
  key?: string): Promise<LoadedSource & { text?: string }> {
  let extracted: ExtractedSource;
  try {
    extracted = await (options.extract ?? extractInProcess)(format, bytes, path);
  } catch (error) {
    const failure = asExtractionError(error, path);
    const warning = failureWarning(path, failure);
    if (LASTING_FAILURES.has(warning.kind)) rememberFailedFile(warning, bytes.length, fileDigest, READER_VERSIONS[format]);
    return { warning };
  }
  const result = sourceFromExtracted(folder, path, format, extracted, bytes.length, mtimeMs, options, key);
  if (result.source) rememberDigest(result.source, fileDigest);
  else if (result.warning) rememberFailedFile(result.warning, bytes.length, fileDigest, READER_VERSIONS[format]);
  return result;
}

/**
 * The source a reader's result makes: a `LazySource` over the UTF-8 of the
 * text (body from offset 0), titled by the file's own metadata, else the
 * title guessed from the text, else the key; pages or chapters kept as
 * `locators` when they are well formed (a reader's bad spans are dropped, never trusted).
 */
export function sourceFromExtracted(folder: string, path: string, format: ExtractedFormat, extracted: ExtractedSource, size: number,
  mtimeMs: number, options: CorpusOptions = {}, givenKey?: string): LoadedSource & { text?: string } {
  let text = typeof extracted?.text === 'string' ? extracted.text : '';
  // A leading U+FEFF would be dropped when the UTF-8 is decoded, moving every offset by one.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  if (!/\S/.test(text)) {
    return { warning: { path, kind: 'no-text',
      message: `${path} holds no text that could be read, so it was skipped. If it is a scan, run OCR on it (e.g. ocrmypdf) and save it again.` } };
  }
  const key = detached(givenKey ?? keyForPath(relativeTo(folder, path)));
  const meta = extracted.meta ?? {};
  const field = (value: unknown) => typeof value === 'string' && /\S/.test(value) ? detached(value.trim().replace(/\s+/g, ' ').slice(0, MAX_META_CHARS)) : undefined;
  const title = field(meta.title);
  const author = field(meta.author);
  const date = field(meta.date);
  const url = field(meta.url);
  const locators = checkedLocators(extracted.locators, text.length);
  const described: SourceMeta = {
    key,
    bodyStart: 0,
    title: title ?? detached(guessTitle(text, 0, false) || key),
    ...(author !== undefined && { author }),
    ...(date !== undefined && { date }),
    ...(url !== undefined && { url }),
    opening: detached(text.slice(0, OPENING_CHARS)),
    format,
    ...(locators && { locators }),
  };
  const source = new LazySource(described, path, new TextEncoder().encode(text), size, mtimeMs, options.texts ?? sharedTextCache);
  const notes = Array.isArray(extracted.notes) ? extracted.notes.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  if (locators === undefined && Array.isArray(extracted.locators) && extracted.locators.length > 0) {
    notes.push('its pages or chapters could not be placed in its text, so citations to it are not checked for their page');
  }
  if (notes.length > 0) {
    return { source, text, warning: { path, kind: 'partly-read', message: `${path} was read, but: ${notes.join('; ')}` } };
  }
  return { source, text };
}

/** The warning for a file its reader failed on: the reader's message, naming the file. */
export function failureWarning(path: string, failure: ExtractionError): CorpusWarning {
  const message = failure.message.includes(path) ? failure.message : `${path}: ${failure.message}`;
  return { path, kind: failure.failure, message };
}

/**
 * A reader's pages or chapters when every one is well formed (sorted,
 * not overlapping, within the text, with a 1-based index), as plain copies;
 * undefined when there are none or any is not.
 */
export function checkedLocators(locators: unknown, textLength: number): Locator[] | undefined {
  if (!Array.isArray(locators) || locators.length === 0) return undefined;
  const checked: Locator[] = [];
  let end = 0;
  for (const l of locators as Partial<Locator>[]) {
    if (typeof l !== 'object' || l === null || (l.kind !== 'page' && l.kind !== 'chapter')) return undefined;
    const { start, index, label } = l;
    if (!Number.isInteger(start) || !Number.isInteger(l.end) || !Number.isInteger(index)) return undefined;
    if (start! < end || l.end! < start! || l.end! > textLength || index! < 1) return undefined;
    if (label !== undefined && typeof label !== 'string') return undefined;
    checked.push({ kind: l.kind, start: start!, end: l.end!, index: index!, ...(label !== undefined && { label: detached(label) }) });
    end = l.end!;
  }
  return checked;
}
