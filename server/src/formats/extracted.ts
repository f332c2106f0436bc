/**
 * The contract between source-format readers (PDF, web page, Word, EPUB) and
 * the corpus. A reader turns a file's bytes into plain text plus where its
 * pages or chapters lie in that text, and what the file says about itself.
 * Readers are pure (bytes in, text out, no IO); the Node side runs them in
 * worker threads with a time and memory budget.
 */

/** Source formats read through an extractor, by lower-case file extension (without the dot). */
export type ExtractedFormat = 'pdf' | 'html' | 'docx' | 'epub';

/**
 * One page of a paged source (PDF) or one chapter of an e-book (EPUB): a span
 * of the extracted text. Spans are in reading order, do not overlap, and
 * `start`/`end` are UTF-16 offsets into `ExtractedSource.text`. They need not
 * cover the whole text: an EPUB's front matter before the first entry of its
 * table of contents lies in no chapter.
 */
export interface Locator {
  readonly kind: 'page' | 'chapter';
  readonly start: number;
  readonly end: number;
  /** 1-based physical number: the PDF's page index; the chapter's place among the book's chapters (its table of contents' entries, in reading order). */
  readonly index: number;
  /**
   * What the source prints: a PDF page label or the number printed on the
   * page (`iv`, `88`), a chapter's title in the table of contents. Absent when
   * unknown; then `index` stands in for it.
   */
  readonly label?: string;
}

export interface ExtractedMeta {
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
}

export interface ExtractedSource {
  /** Plain text: lines of a paragraph joined by spaces, paragraphs separated by a blank line. */
  readonly text: string;
  /** Pages or chapters, when the format has them; sorted by `start`. */
  readonly locators?: readonly Locator[];
  readonly meta: ExtractedMeta;
  /** Something the writer should know although the file was read (e.g. "3 pages had no text layer"). */
  readonly notes?: readonly string[];
}

/** Why a file could not be read at all; `message` says what to do about it. */
export type ExtractionFailure = 'no-text' | 'encrypted' | 'corrupt' | 'timeout' | 'too-large' | 'unsupported';

export class ExtractionError extends Error {
  constructor(readonly failure: ExtractionFailure, message: string) {
    super(message);
    this.name = 'ExtractionError';
  }
}

/** Reads one file's bytes; rejects with `ExtractionError` (any other error is read as 'corrupt'). */
export type Extractor = (bytes: Uint8Array, path: string) => Promise<ExtractedSource>;

/** The format a path is read as, or undefined for plain text (`.txt`, `.md`) and files that are not sources. */
export function extractedFormat(path: string): ExtractedFormat | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  switch (ext) {
    case 'pdf': return 'pdf';
    case 'html': case 'htm': case 'xhtml': return 'html';
    case 'docx': return 'docx';
    case 'epub': return 'epub';
    default: return undefined;
  }
}
