import { ExtractionError, type ExtractedFormat, type ExtractedSource, type Extractor } from './extracted.js';

/**
 * Reads one file of a source format: the corpus calls this for every `.pdf`,
 * `.html`, `.docx` and `.epub` file. The engine's default (`extractInProcess`)
 * runs the readers in the calling thread; the CLI and the server pass worker
 * threads with a time and memory budget (`server/src/node/extractWorkers.ts`).
 */
export type ExtractFile = (format: ExtractedFormat, bytes: Uint8Array, path: string) => Promise<ExtractedSource>;

/**
 * Each format's reader, loaded on first use: pdf.js (megabytes of code) is
 * loaded only when a corpus holds a PDF.
 */
const loaders: Record<ExtractedFormat, () => Promise<Extractor>> = {
  pdf: async () => (await import('./pdf/index.js')).extractPdf,
  html: async () => (await import('./html/index.js')).extractHtml,
  docx: async () => (await import('./docx/index.js')).extractDocx,
  epub: async () => (await import('./epub/index.js')).extractEpub,
};

const loaded = new Map<ExtractedFormat, Promise<Extractor>>();

/**
 * Each reader's version: bump a format's number when its reader gives other
 * text, pages or metadata for the same file, and every saved extraction of
 * that format is read again on the next open (the others' are kept).
 */
export const READER_VERSIONS: Readonly<Record<ExtractedFormat, number>> = { pdf: 3, html: 1, docx: 1, epub: 1 };

/** The reader of `format`, loading its module once. `await readerFor('pdf')` is `extractPdf`. */
export function readerFor(format: ExtractedFormat): Promise<Extractor> {
  let reader = loaded.get(format);
  if (!reader) {
    reader = loaders[format]();
    loaded.set(format, reader);
  }
  return reader;
}

/**
 * Runs the reader of `format` in this thread; rejects with an `ExtractionError`
 * only (see `asExtractionError`).
 * `await extractInProcess('html', bytes, 'corpus/page.html')` is the page's main text.
 */
export const extractInProcess: ExtractFile = async (format, bytes, path) => {
  try {
    return await (await readerFor(format))(bytes, path);
  } catch (error) {
    throw asExtractionError(error, path);
  }
};

/**
 * A reader's failure as an `ExtractionError`: one stays as it is; anything
 * else a reader throws (a bug, or a library choking on a damaged file) is read
 * as 'corrupt', with its message.
 */
export function asExtractionError(error: unknown, path: string): ExtractionError {
  if (error instanceof ExtractionError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new ExtractionError('corrupt', `${path} could not be read (${why}); it may be damaged. Open it and save it again, or remove it from the corpus.`);
}
