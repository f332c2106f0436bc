import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../engine/text.js';
import type { CancellationToken } from '../engine/io.js';
import { checkDraft, checkQuote, VerdictCache, type DraftReport } from '../features/check.js';
import { citableSources } from '../bibliography/citable.js';
import { quoteAt } from '../draft/lookup.js';
import type { QuoteVerdict } from '../match/verdict.js';
import { toDiagnostic, type VerbatimDiagnostic } from '../features/diagnostic.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { DraftBibliographyState } from './bibliographies.js';
import type { FolderState } from './folderState.js';
import type { Settings } from './settings.js';

/** One checked version of a draft, with the diagnostics it produced. */
export interface CheckedDraft {
  readonly version: number;
  readonly index: CorpusIndex;
  readonly indexVersion: number;
  readonly folder: FolderState;
  /** The folder's settings the check used (minimum quote length, severities). */
  readonly settings: Settings;
  readonly report: DraftReport;
  readonly lines: LineIndex;
  /** The report's diagnostics; none while it is incomplete (`report.complete` false: never shown). */
  readonly diagnostics: VerbatimDiagnostic[];
  /** The bibliography files' version (`BibliographyStore.version`) the check saw. */
  readonly bibliographyVersion: number;
  /** Whether the folder's index was complete (`folder.ready`): before, unknown keys get no suggestions. */
  readonly indexReady: boolean;
}

/** What hover, definition, references and links read of a draft: a complete report (`CheckedDraft`), or a `DraftReports.view` while it is checked. */
export interface DraftView {
  readonly folder: FolderState;
  readonly lines: LineIndex;
  readonly report: DraftReport;
}

/** A draft's bibliography as far as read: the session's `Bibliographies.forDraft`. */
export type DraftBibliographyProvider = (uri: string, text: string, folder: FolderState) => DraftBibliographyState;

/**
 * Checks drafts and remembers the latest report per document, so hovers and
 * code actions reuse it. Each document keeps its own VerdictCache: an edit
 * re-verifies only the quotes whose words or citations changed.
 */
export class DraftReports {
  /** One cache per document: it forgets by itself when the index or its version changes, and keeps the draft's parse. */
  private readonly caches = new Map<string, VerdictCache>();
  private readonly latest = new Map<string, CheckedDraft>();
  /** Each document's last line index: a large draft is checked in turns, and each turn would index its lines again. */
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(private readonly bibliographyFor?: DraftBibliographyProvider, private readonly bibliographyVersion: () => number = () => 0) {}

  /**
   * The report for this version of the document against the folder's index,
   * computing it if needed. While the folder's first index is still being
   * built, a report of this document version against an earlier state of the
   * index is reused: the index changes many times a second then, and
   * re-checking on every hover would keep requests waiting. A report made
   * with other settings is never reused: a settings change re-checks.
   */
  get(document: TextDocument, folder: FolderState, token?: CancellationToken): CheckedDraft {
    return this.current(document, folder) ?? this.check(document.uri, document.version, document.getText(), folder, token);
  }

  /** The latest report when `get` would reuse it (see there), else undefined: this version's check has not finished. */
  current(document: TextDocument, folder: FolderState): CheckedDraft | undefined {
    const known = this.latest.get(document.uri);
    if (known && known.version === document.version && known.folder === folder && known.index === folder.index
      && known.settings === folder.settings && ((known.indexVersion === folder.index.version && known.indexReady) || !folder.ready)
      && known.bibliographyVersion === this.bibliographyVersion()) {
      return known;
    }
    return undefined;
  }

  /**
   * What a request reads of a draft whose check has not finished, without
   * waiting for it: the draft's parse (the check's own, shared through the
   * document's cache: a turn here goes on where the check's last turn stopped,
   * and the reverse), and the verdict of the quotation at `offset`, matched
   * now as the check matches it (`checkQuote`, the same options and cache, so
   * the check finds it done). Undefined until the parse is done (`token`
   * cancelled first: call again). The report is not complete: it holds that
   * one verdict and no findings. Undefined too when that quotation's search
   * stopped with the turn (call again: it goes on from there).
   */
  view(document: TextDocument, folder: FolderState, offset: number | undefined, token: CancellationToken): DraftView | undefined {
    const uri = document.uri;
    const text = document.getText();
    let cache = this.caches.get(uri);
    if (!cache) this.caches.set(uri, cache = new VerdictCache());
    const { options, minWords } = this.optionsFor(uri, text, folder);
    const index = folder.index;
    const lines = this.linesFor(uri, document.version, text);
    const draft = cache.tooLarge(text, options.maxDraftBytes) ? { citations: [], quotes: [] } : cache.parser.parseWithin(text, token);
    if (!draft) return undefined;
    const verdicts: QuoteVerdict[] = [];
    const quote = offset === undefined ? undefined : quoteAt(draft, offset);
    if (quote) {
      cache.begin(index, true);
      // Once indexed, its search stops with the turn and goes on in the next (as the check's does). While the
      // index grows it runs whole: a search stopped part-way starts again on every new version of the index.
      const outcome = checkQuote(index, quote, citableSources(index, options.bibliography, options.attachmentsPending), minWords, cache,
        folder.ready ? token : undefined);
      if (outcome && 'unfinished' in outcome) return undefined;
      if (outcome && 'verdict' in outcome) verdicts.push(outcome.verdict);
    }
    return { folder, lines, report: { draft, verdicts, findings: [], complete: false, ...(options.bibliography ? { bibliography: options.bibliography } : {}),
      ...(options.attachmentsPending ? { attachmentsPending: true } : {}) } };
  }

  /** The check's options for a draft of `folder` (its settings, and its bibliography as far as read). */
  private optionsFor(uri: string, text: string, folder: FolderState) {
    const settings = folder.settings;
    const cited = this.bibliographyFor?.(uri, text, folder);
    const options = {
      minQuoteWords: settings.minQuoteWords,
      suggestKeys: folder.ready,
      maxDraftBytes: settings.maxDraftMB * 1024 * 1024,
      ...(cited ? { bibliography: cited.bibliography, missingBibliographies: cited.missing, attachmentsPending: cited.attaching } : {}),
    };
    return { options, minWords: settings.minQuoteWords };
  }

  /** The document's line index, kept for its last text. */
  private linesFor(uri: string, version: number, text: string): LineIndex {
    let lines = this.lineIndexes.get(uri);
    if (lines?.text !== text) {
      lines = new LineIndex(text);
      if (version >= 0) this.lineIndexes.set(uri, lines);
    }
    return lines;
  }

  /**
   * Checks a text (an open document, or a draft read from disk for `version` -1).
   * A draft from disk keeps no cache here: a check of it in turns passes its own (`verdicts`).
   */
  check(uri: string, version: number, text: string, folder: FolderState, token?: CancellationToken, verdicts?: VerdictCache): CheckedDraft {
    const index = folder.index;
    let cache = verdicts ?? this.caches.get(uri);
    if (!cache) {
      cache = new VerdictCache();
      if (version >= 0) this.caches.set(uri, cache);
    }
    const indexVersion = index.version;
    const settings = folder.settings;
    const bibliographyVersion = this.bibliographyVersion();
    const indexReady = folder.ready;
    const report = checkDraft(index, text, this.optionsFor(uri, text, folder).options, cache, token);
    const lines = this.linesFor(uri, version, text);
    const severity = settings.severity;
    const diagnostics: VerbatimDiagnostic[] = [];
    // An incomplete report is never shown: its findings are not turned into diagnostics (a large draft's every turn did).
    for (const finding of report.complete ? report.findings : []) {
      const d = toDiagnostic(finding, lines, (code) => severity[code]);
      if (d) diagnostics.push(d);
    }
    const checked: CheckedDraft = { version, index, indexVersion, folder, settings, report, lines, diagnostics, bibliographyVersion, indexReady };
    // A check cut short by a cancelled request (VS Code cancels hovers and code
    // actions all the time) is never remembered: the next request or the
    // scheduled publish would otherwise reuse its missing verdicts until the next edit.
    if (version >= 0 && report.complete) this.latest.set(uri, checked);
    return checked;
  }

  /** The last report for a document, whatever its version. */
  last(uri: string): CheckedDraft | undefined {
    return this.latest.get(uri);
  }

  forget(uri: string): void {
    this.caches.delete(uri);
    this.latest.delete(uri);
    this.lineIndexes.delete(uri);
  }
}
