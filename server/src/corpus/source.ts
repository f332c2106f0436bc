import type { ExtractionFailure, Locator } from '../formats/extracted.js';

/** One document of the corpus, decoded and described. */
export interface Source {
  /** Citation key: front matter `id`, else the path relative to its corpus folder, without extension, `/`-separated. */
  readonly key: string;
  /** Path as given to the FileSystem (corpus folder joined with the relative path). */
  readonly path: string;
  /** The decoded text, BOM removed, exactly as the file holds it otherwise (front matter included). */
  readonly text: string;
  /** Where the body starts in `text` (after front matter); 0 when there is none. */
  readonly bodyStart: number;
  readonly title: string;
  /**
   * The body's first characters (at least `OPENING_CHARS`, or the whole body),
   * when `text` is decoded only on demand (`LazySource`): read this rather than
   * `text` where the opening is enough.
   */
  readonly opening?: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
  /**
   * Pages (PDF) or chapters (EPUB) as spans of `text`, sorted; absent for
   * sources without them (plain text, Markdown, web pages, Word files).
   */
  readonly locators?: readonly Locator[];
  /** File size and modification time, for caches and change detection. */
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * A problem with one corpus file: it is reported once and the rest of the
 * corpus still indexes. A file that a reader could not read (PDF, web page,
 * Word, EPUB) has the reader's failure as its kind ('no-text', 'encrypted',
 * 'corrupt', 'timeout', 'too-large', 'unsupported'); one it read with a
 * reservation (its `notes`, such as pages without a text layer) is indexed
 * and has a 'partly-read' warning; so has a Markdown source whose front matter
 * is not valid YAML a 'front-matter' one.
 */
export interface CorpusWarning {
  readonly path: string;
  readonly kind: 'binary' | 'invalid-utf8' | 'empty' | 'unreadable' | 'vanished' | 'too-large' | 'duplicate-key' | 'missing-folder'
    | 'link' | ExtractionFailure | 'partly-read' | 'front-matter';
  readonly message: string;
}
