import type { PassagePlace } from '../corpus/places.js';
import type { Range, Span } from '../engine/text.js';
import type { WordDiff } from '../match/verdict.js';
import type { DiagnosticCode } from './codes.js';

/** What a quick fix or hover needs to know about a finding, beyond its message. */
export interface FindingData {
  /** The source the finding is about (the one holding the passage, or the suggested key). */
  readonly sourceKey?: string;
  /** The source's own wording of the passage (original characters). */
  readonly sourceText?: string;
  /** The passage's range in the source file. */
  readonly range?: Range;
  /** The source file's path, as the corpus knows it. */
  readonly path?: string;
  /** Word-level differences, for `quote-mismatch`. */
  readonly diffs?: readonly WordDiff[];
  /** For `quote-mismatch` in a cited source: another source that holds the quotation word for word. */
  readonly exactKey?: string;
  /** "Did you mean" keys, for `unknown-source` (at most three, best first). */
  readonly suggestions?: readonly string[];
  /** The page or chapter holding the passage, when its source has them. */
  readonly page?: PassagePlace;
  /** The locator as the citation gives it, for `locator-mismatch` (`pp. 33–35`). */
  readonly citedLocator?: string;
}

/**
 * One problem in a draft, in engine terms (offsets, not LSP positions).
 * The server turns it into an LSP Diagnostic; the CLI into text, JSON or SARIF.
 */
export interface Finding {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Draft offsets: the quote including its marks, or the cited key for `unknown-source`. */
  readonly span: Span;
  readonly data: FindingData;
}
