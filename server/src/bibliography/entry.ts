/** A person as CSL-JSON writes one: `{ family: 'Smith', given: 'Ann' }`, or `{ literal: 'World Bank' }`. */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

/**
 * One entry of a bibliography file, in plain text (LaTeX already turned into
 * characters), whatever its format: what completion, hover, known keys and
 * attachments need.
 */
export interface BibEntry {
  readonly key: string;
  /** The entry type as the file gives it: `article`, `book` (BibTeX), `article-journal` (CSL). */
  readonly type: string;
  readonly title?: string;
  readonly authors: readonly CslName[];
  readonly editors?: readonly CslName[];
  /** The year as written: `2010`. */
  readonly year?: string;
  /** Journal, book or proceedings title. */
  readonly container?: string;
  readonly volume?: string;
  readonly issue?: string;
  readonly pages?: string;
  readonly publisher?: string;
  readonly doi?: string;
  readonly url?: string;
  /** Attachment paths as written in the `file` field (see `parseFileField`), unresolved. */
  readonly files: readonly string[];
  /** 1-based line where the entry starts in its file. */
  readonly line: number;
  /** The CSL-JSON item as given (CSL-JSON and CSL-YAML files, front matter `references`): exported as is. */
  readonly csl?: Readonly<Record<string, unknown>>;
}

/** A malformed entry or an unreadable file: reported once, as `path:line: reason`. */
export interface BibProblem {
  readonly path: string;
  /** 1-based; 0 for the file as a whole. */
  readonly line: number;
  readonly message: string;
}

/** One bibliography file, read. */
export interface BibFile {
  readonly path: string;
  readonly entries: readonly BibEntry[];
  readonly problems: readonly BibProblem[];
  /** `missing` when no file is at `path`, `unreadable` when it could not be read; `ok` otherwise (even with bad entries). */
  readonly status: 'ok' | 'missing' | 'unreadable';
  /** True once the full parse replaced the fast scan's entries (BibTeX only). */
  readonly parsed?: boolean;
  /**
   * Positions of `entries` in key order (UTF-16 code units, as `<` compares),
   * when the reader sorted them (the server's BibTeX thread), so listing the
   * keys sorts nothing on the server's thread (see `Bibliography.sortedEntries`).
   */
  readonly keyOrder?: ArrayLike<number>;
}

/** `formatProblem({ path: 'refs.bib', line: 12, message: 'no key' })` is `refs.bib:12: no key`. */
export function formatProblem(problem: BibProblem): string {
  return problem.line > 0 ? `${problem.path}:${problem.line}: ${problem.message}` : `${problem.path}: ${problem.message}`;
}
