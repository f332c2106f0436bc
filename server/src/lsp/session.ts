import {
  DidChangeConfigurationNotification,
  TextDocuments,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type Position,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { statusNotification, type InitializationOptions } from '../../../shared/out/protocol.js';
import { describeFormats, describeSkipped } from '../corpus/formatCounts.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning } from '../corpus/source.js';
import type { CancellationToken, FileSystem } from '../engine/io.js';
import { isDraftFileName } from '../features/draftFiles.js';
import type { BibtexThread, FullBibParse } from '../bibliography/store.js';
import { Bibliographies } from './bibliographies.js';
import { clientSupport, type ClientSupport } from './capabilities.js';
import { DiagnosticsScheduler } from './diagnosticsScheduler.js';
import { DraftReports, type CheckedDraft, type DraftView } from './draftReports.js';
import type { FolderState } from './folderState.js';
import { CorpusWatching } from './corpusWatching.js';
import { defaultFileWatcher, type FileWatcher, type FileWatcherFactory } from './fileWatcher.js';
import { indexFolder, type IndexingDeps } from './indexer.js';
import { parseSettings, unwrapSection } from './settings.js';
import { SourceTexts } from './sourceText.js';
import { formatsInSlices, statusOf } from './status.js';
import { uriToPath } from './uri.js';
import { lineSafeTextDocument } from './textDocuments.js';
import { letRequestsIn } from '../engine/timeSlices.js';
import { Workspace } from './workspace.js';

/** What the host gives a session: how to read and index files, and optionally how to watch them. */
export type SessionDeps = IndexingDeps & {
  close?(): Promise<void>;
  home?: string;
  fullBibParse?: FullBibParse;
  /** Reads BibTeX bibliographies on another thread: keys, entries' text and full parse (then `fullBibParse` is not used). */
  bibtexThread?: BibtexThread;
  /** `bibtexThread` reads the files itself (see `BibliographyStoreOptions.threadReadsFiles`). */
  threadReadsFiles?: boolean;
  /** Who watches the corpora and bibliographies; default the client when it can, else Node's watchers. */
  watcher?: FileWatcherFactory;
  /**
   * Runs `work` once the server has been idle for `delayMs` (the server's
   * `whenIdle`, `node/collectGarbage.ts`); default: after `delayMs`. A new
   * index is saved so, after it is reported ready and the drafts are checked.
   */
  whenIdle?(work: () => void, delayMs: number): { cancel(): void };
};

/**
 * Everything one language server connection knows: the client's abilities,
 * the workspace folders with their corpora, the open drafts and their latest
 * reports. Handlers (see `startServer`) translate LSP to engine calls and ask
 * the session for state; nothing lives in module globals.
 */
export class Session {
  readonly documents = new TextDocuments(lineSafeTextDocument);
  readonly workspace: Workspace;
  readonly reports: DraftReports;
  readonly bibliographies: Bibliographies;
  readonly scheduler = new DiagnosticsScheduler((uri, token) => { void this.publishFor(uri, token); });
  support: ClientSupport = clientSupport({});
  private initOptions: unknown;
  private pushedSettings: unknown;
  private readonly logged = new Set<string>();
  private readonly indexing = new Map<FolderState, Promise<boolean>>();
  /** Per document, the request taking turns to check it (`checked`). */
  private readonly requestChecks = new Map<string, Promise<CheckedDraft | undefined>>();
  /** Per document, the request taking turns to parse it (`view`). */
  private readonly requestViews = new Map<string, Promise<DraftView | undefined>>();
  /** Per folder, the save of its new index that waits for the server to be idle (`saveWhenIdle`), or runs. */
  private readonly pendingSaves = new Map<FolderState, { cancel(): void; run(): Promise<void> }>();
  private cacheDir: string | undefined;
  /** The URI scheme of the client's read-only source documents (`initializationOptions.sourceTextScheme`); none: texts are written to files. */
  private sourceTextScheme: string | undefined;
  readonly sourceTexts: SourceTexts;
  /** Watches the corpora and bibliographies (see `fileWatcher`). */
  private watcher: FileWatcher | undefined;
  private readonly makeWatcher: FileWatcherFactory;
  /** Re-reads changed corpus files and saves the index after them. */
  readonly corpus: CorpusWatching;

  readonly fs: FileSystem;

  /** The folder for saved data (the client's storage), when the client gave one. */
  get cacheDirectory(): string | undefined {
    return this.cacheDir;
  }

  constructor(readonly connection: Connection, private readonly deps: SessionDeps, cwd: string) {
    this.fs = deps.fs;
    this.makeWatcher = deps.watcher ?? defaultFileWatcher(connection);
    this.workspace = new Workspace(cwd);
    this.bibliographies = new Bibliographies({
      fs: deps.fs,
      workspace: this.workspace,
      ...(deps.home !== undefined ? { home: deps.home } : {}),
      ...(deps.fullBibParse ? { fullParse: deps.fullBibParse } : {}),
      ...(deps.bibtexThread ? { bibtexThread: deps.bibtexThread, threadReadsFiles: deps.threadReadsFiles === true } : {}),
      ...(deps.isUtf8 ? { isUtf8: deps.isUtf8 } : {}),
      ...(deps.extract ? { extract: deps.extract } : {}),
      ...(deps.digest ? { digest: deps.digest } : {}),
      log: (level, message) => this.log(level, message),
      recheck: (folder) => { this.recheckOpen(folder); this.sendStatus(); },
      whenIndexed: (folder) => this.whenIndexed(folder),
      watchedPathsChanged: () => this.watchBibliographies(),
    });
    this.reports = new DraftReports((uri, text, folder) => this.bibliographies.forDraft(uri, text, folder), () => this.bibliographies.version);
    this.sourceTexts = new SourceTexts(deps.fs, () => ({ scheme: this.sourceTextScheme, cacheDir: this.cacheDir }), (m) => this.log('warning', m));
    this.corpus = new CorpusWatching({
      fs: deps.fs,
      workspace: this.workspace,
      cacheDirectory: () => this.cacheDir,
      readingOptions: () => this.readingOptions(),
      whenIndexed: (folder) => this.whenIndexed(folder),
      fileChanged: (path) => this.bibliographies.changed(path),
      corporaChanged: (folders) => {
        for (const folder of folders) this.recheckOpen(folder);
        this.sendStatus();
      },
      logWarnings: (warnings) => this.logWarnings(warnings),
      log: (level, message) => this.log(level, message),
    }, () => this.fileWatcher());
  }

  /** The scheme of the client's read-only source documents, when it announced one. */
  get textScheme(): string | undefined {
    return this.sourceTextScheme;
  }

  initialize(params: InitializeParams): void {
    this.support = clientSupport(params.capabilities);
    this.initOptions = unwrapSection(params.initializationOptions);
    // What the VS Code extension sends (the shared `InitializationOptions`); other clients send anything, so every field is checked.
    const options = params.initializationOptions as { [K in keyof InitializationOptions]?: unknown } | null | undefined;
    // VS Code's Restricted Mode: nothing outside the workspace is read (other clients have no such mode).
    this.bibliographies.trusted = options?.isTrusted !== false;
    this.cacheDir = typeof options?.cacheDir === 'string' && options.cacheDir !== '' ? options.cacheDir.replace(/\\/g, '/') : undefined;
    const scheme = options?.sourceTextScheme;
    this.sourceTextScheme = typeof scheme === 'string' && /^[a-z][a-z0-9+.-]*$/i.test(scheme) && scheme.toLowerCase() !== 'file' ? scheme : undefined;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.workspace.reset(folders);
    this.workspace.ensureOne();
  }

  /** After `initialized`: read settings, index every folder, watch the corpora. */
  async start(): Promise<void> {
    if (this.support.configurationRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'verbatim' }).catch(() => undefined);
    }
    await Promise.all(this.workspace.all().map((f) => this.refreshFolder(f, true)));
  }

  // ---- settings and indexing ----------------------------------------------

  /** Reads the folder's settings; re-indexes when its corpus changed (or `force`), else re-checks its drafts. */
  async refreshFolder(folder: FolderState, force = false): Promise<void> {
    const before = folder.corpusRoots.join('\n');
    folder.settings = await this.fetchSettings(folder);
    this.bibliographies.refreshFolder(folder);
    const corpusChanged = before !== folder.corpusRoots.join('\n');
    if (force || corpusChanged || (!folder.ready && !this.indexing.has(folder))) {
      this.updateWatchers();
      await this.reindex(folder);
    } else {
      this.recheckOpen(folder);
    }
  }

  private async fetchSettings(folder: FolderState) {
    let configured: unknown = null;
    if (this.support.configuration) {
      try {
        configured = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'verbatim' });
      } catch (error) {
        this.log('warning', `Could not read settings for ${folder.name}: ${String(error)}; using defaults.`);
      }
    }
    return parseSettings(configured ?? this.pushedSettings ?? this.initOptions);
  }

  /** `workspace/didChangeConfiguration`: settings pushed by clients that cannot be asked. */
  async onConfigurationChanged(settings: unknown): Promise<void> {
    const pushed = unwrapSection(settings);
    if (pushed !== null && pushed !== undefined && typeof pushed === 'object') this.pushedSettings = pushed;
    await Promise.all(this.workspace.all().map((f) => this.refreshFolder(f)));
    // Says the new settings are in force (the drafts' re-checks are scheduled):
    // a client, or a test, can wait for this instead of guessing.
    this.sendStatus();
  }

  /** (Re)builds a folder's index with progress; drafts are re-checked when it is done. */
  reindex(folder: FolderState): Promise<boolean> {
    const run = this.runIndexing(folder);
    this.indexing.set(folder, run);
    void run.finally(() => { if (this.indexing.get(folder) === run) this.indexing.delete(folder); });
    return run;
  }

  /** Resolves once the folder has a complete index. */
  async whenIndexed(folder: FolderState): Promise<void> {
    while (this.indexing.has(folder)) await this.indexing.get(folder);
  }

  private async runIndexing(folder: FolderState): Promise<boolean> {
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin(`Verbatim: indexing sources (${folder.name})`, 0, 'listing files…', false);
    // Files are reported one by one while they are extracted: a thousand PDFs must not make a thousand
    // notifications, so progress is sent when its percentage moves and the status every 64 files.
    let lastStatus = -Infinity;
    let lastReport = '';
    try {
      const deps = { ...this.deps, ...(this.cacheDir !== undefined ? { cacheDir: this.cacheDir } : {}) };
      const finished = await indexFolder(folder, deps, {
        progress: (_f, done, total) => {
          const extracting = folder.indexing?.extracting;
          // Extraction is the slow part of a cold index of PDFs...: while it runs, its count is the one that moves.
          const [phase, part, whole, message] = extracting && extracting.done < extracting.total
            ? ['extracting', extracting.done, extracting.total, `extracting ${extracting.done}/${extracting.total} files`]
            : ['reading', done, total, `${done} of ${total} files`];
          const percent = whole === 0 ? 0 : Math.floor((part / whole) * 100);
          const key = `${phase} ${percent}`;
          if (key !== lastReport || done === total) { lastReport = key; progress.report(percent, message); }
          const moved = done + (extracting?.done ?? 0);
          // Every 64 files, or every 1% of a large corpus: each status counts every source's format (100,000 files sent 1,562).
          if (done === total || moved - lastStatus >= Math.max(64, total / 100)) { lastStatus = moved; this.sendStatus(); }
        },
        cache: (_f, report) => {
          if (report.status !== 'off') {
            const extracted = report.extractedFiles ? `, ${report.extractedFiles} extracted` : '';
            this.log('info', `Saved index for ${folder.name}: ${report.status} (${report.reusedFiles} files reused, ${report.indexedFiles} indexed${extracted}).`);
          }
          if (report.problem) this.log('info', `The saved index could not be used and was rebuilt: ${JSON.stringify(report.problem)}`);
          if (report.saveError) this.log('warning', `The index could not be saved: ${report.saveError}`);
        },
        saveLater: (_f, save) => this.saveWhenIdle(folder, save),
      });
      if (!finished) return false;
      this.logWarnings(folder.warnings);
      // Counted in slices, then kept for the status below (and after) while the index stays as it is.
      const formats = await formatsInSlices(folder.index);
      this.log('info', `Indexed ${folder.index.size} sources for ${folder.name} from ${folder.corpusRoots.join(', ')}: ` +
        `${describeFormats(formats)}${skippedNote(folder.warnings)}.`);
      this.sendStatus();
      this.recheckOpen(folder);
      void this.bibliographies.attachAll(folder).then(() => this.recheckOpen(folder), (error: unknown) => this.log('warning', `Attachments: ${String(error)}`));
      return true;
    } finally {
      progress.done();
    }
  }

  /**
   * Saves a folder's new index once the server is idle: after it is reported
   * ready and its open drafts are checked, not before (encoding a saved index
   * of 1,000 PDFs holds the thread about 0.1 s). Skipped when a newer index
   * of the folder came meanwhile (that one is saved in turn); `dispose` runs
   * a save still waiting, so a shutdown loses none.
   */
  private saveWhenIdle(folder: FolderState, save: () => Promise<string | undefined>): void {
    this.pendingSaves.get(folder)?.cancel();
    const generation = folder.generation;
    let running: Promise<void> | undefined;
    const entry = {
      cancel: () => { if (!running) waiting.cancel(); },
      run: () => running ??= (async () => {
        try {
          if (folder.generation !== generation || !this.workspace.all().includes(folder)) return;
          const error = await save();
          if (error) this.log('warning', `The index could not be saved: ${error}`);
          // Encoding it left its buffers (and the texts read back from the saved index) as garbage.
          this.deps.indexed?.();
        } finally {
          if (this.pendingSaves.get(folder) === entry) this.pendingSaves.delete(folder);
        }
      })(),
    };
    const whenIdle = this.deps.whenIdle ?? ((work: () => void, delayMs: number) => {
      const timer = setTimeout(work, delayMs);
      return { cancel: () => clearTimeout(timer) };
    });
    const waiting = whenIdle(() => { void entry.run(); }, SAVE_IDLE_MS);
    this.pendingSaves.set(folder, entry);
  }

  // ---- watching ---------------------------------------------------------------

  /** Watches every folder's corpus: through the client when it can, else with a server-side watcher. */
  updateWatchers(): void {
    this.corpus.update();
  }

  /** Watches the bibliography files the drafts read. */
  private watchBibliographies(): void {
    this.fileWatcher().watchFiles(this.bibliographies.paths());
  }

  /** The watcher, made on first use (after `initialize`: it watches through the client when the client can). */
  private fileWatcher(): FileWatcher {
    this.watcher ??= this.makeWatcher(this.support, {
      folderFileChanged: (path) => { void this.corpus.folderFileChanged(path); },
      fileChanged: (path) => this.bibliographies.changed(path),
      warn: (message) => this.log('warning', message),
    });
    return this.watcher;
  }

  /** `workspace/didChangeWatchedFiles`: corpus files are re-read (in order, see `CorpusWatching`), bibliographies reloaded. */
  onWatchedFiles(changes: readonly FileEvent[]): Promise<void> {
    return this.corpus.onWatchedFiles(changes);
  }

  /** How a changed corpus file is read: as the index reads files (native checks, the extraction threads). */
  private readingOptions(): CorpusOptions {
    return {
      ...(this.deps.isUtf8 ? { isUtf8: this.deps.isUtf8 } : {}),
      ...(this.deps.extract ? { extract: this.deps.extract } : {}),
      ...(this.deps.digest ? { digest: this.deps.digest } : {}),
    };
  }

  // ---- drafts ---------------------------------------------------------------

  /** True for a Markdown document that is not itself a corpus source. */
  isDraft(document: TextDocument, folder: FolderState): boolean {
    const path = uriToPath(document.uri);
    const markdown = document.languageId === 'markdown' || isDraftFileName(document.uri);
    return markdown && (path === undefined || folder.corpusRootOf(path) === undefined);
  }

  /**
   * The latest report for an open draft, computed now if the debounced check
   * has not run yet: in turns, as `publishFor` does, so a hover on a large
   * draft does not hold up every other request while it is checked. Once
   * `token` is cancelled, an incomplete report (never to be shown).
   */
  async checked(uri: string, token?: CancellationToken): Promise<CheckedDraft | undefined> {
    // One request at a time takes turns on a document; the others wait for it, then find its report
    // (or go on from where it stopped, if it was cancelled). When each took turns of its own, a
    // request on any other document waited behind all of theirs: 50 ms per hover queued on the draft.
    return oneAtATime(this.requestChecks, uri, () => this.checkInTurns(uri, token));
  }

  /**
   * What hover, definition, references and links read of an open draft,
   * without waiting for its check: the latest report when it is current, else
   * `DraftReports.view` (the draft's parse, taking turns as the check does
   * while it is not done, and the verdict of the quotation at `position`,
   * matched now). A request on a draft with a long check in progress is so
   * answered in about one turn, not after the whole check. Code actions still
   * wait for the check (`checked`): a fix is made only from the server's own
   * report for the document's version.
   */
  async view(uri: string, position: Position | undefined, token?: CancellationToken): Promise<DraftView | undefined> {
    // As for `checked`: one request at a time takes turns to parse a document, the others wait for it
    // (then find the parse done: 60 hovers sent at once on a large draft took 60 turns in a row).
    return oneAtATime(this.requestViews, uri, () => this.viewInTurns(uri, position, token));
  }

  /** `view`'s turns, for the one request taking them. */
  private async viewInTurns(uri: string, position: Position | undefined, token?: CancellationToken): Promise<DraftView | undefined> {
    for (;;) {
      const document = this.documents.get(uri);
      const folder = this.workspace.folderFor(uri);
      if (!document || !folder || !this.isDraft(document, folder)) return undefined;
      const current = this.reports.current(document, folder);
      if (current) return current;
      const turn = checkTurn(token);
      const offset = position === undefined ? undefined : document.offsetAt(position);
      const view = this.reports.view(document, folder, offset, turn);
      if (view || token?.isCancellationRequested === true) return view;
      await letRequestsIn();
    }
  }

  /** `checked`'s turns, for the one request taking them. */
  private async checkInTurns(uri: string, token?: CancellationToken): Promise<CheckedDraft | undefined> {
    for (;;) {
      const document = this.documents.get(uri);
      const folder = this.workspace.folderFor(uri);
      if (!document || !folder || !this.isDraft(document, folder)) return undefined;
      const checked = this.reports.get(document, folder, checkTurn(token));
      if (checked.report.complete || token?.isCancellationRequested === true) return checked;
      await letRequestsIn();
    }
  }

  recheckOpen(folder?: FolderState): void {
    for (const document of this.documents.all()) {
      if (!folder || this.workspace.folderFor(document.uri) === folder) this.scheduler.schedule(document.uri, 0);
    }
  }

  /**
   * Checks a draft and publishes its diagnostics. The check runs in turns of
   * about `CHECK_TURN_MS`, with the event loop let in between, so requests
   * wait at most one turn behind a large draft's first check (50,000
   * quotations took 8-11 s in one go); each turn goes on where the last one
   * stopped (`DraftParser.parseWithin`, `VerdictCache.resume`).
   */
  private async publishFor(uri: string, token: CancellationToken): Promise<void> {
    try {
      for (;;) {
        const document = this.documents.get(uri);
        const folder = this.workspace.folderFor(uri);
        if (!document || !folder || !folder.ready || token.isCancellationRequested) return;
        if (!this.isDraft(document, folder)) {
          void this.connection.sendDiagnostics({ uri, diagnostics: [] });
          return;
        }
        const checked = this.reports.get(document, folder, checkTurn(token));
        if (token.isCancellationRequested) return;
        if (checked.report.complete) {
          // The last turn made every diagnostic; writing them (6,250 of them: 30-55 ms of JSON) comes in a turn of
          // its own, with requests let in before it, or a hover waited for both.
          if (checked.diagnostics.length > PUBLISH_APART) {
            await letRequestsIn();
            if (token.isCancellationRequested) return;
            // The draft, the corpus or the settings may have changed meanwhile: its report is made again
            // (a re-check scheduled meanwhile may have come and gone, so stale diagnostics would stay).
            const now = this.documents.get(uri);
            const nowFolder = this.workspace.folderFor(uri);
            if (!now || !nowFolder || this.reports.current(now, nowFolder) !== checked) continue;
          }
          void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: checked.diagnostics });
          return;
        }
        await letRequestsIn();
      }
    } catch (error) {
      this.log('error', `Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.reports.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  // ---- status and log -------------------------------------------------------

  sendStatus(): void {
    void this.connection.sendNotification(statusNotification, statusOf(this.workspace.all()));
  }

  /** Each corpus warning is logged once per session, never shown as a pop-up. */
  logWarnings(warnings: readonly CorpusWarning[]): void {
    for (const w of warnings) {
      if (this.logged.has(w.message)) continue;
      this.logged.add(w.message);
      this.log('warning', w.message);
    }
  }

  log(level: 'error' | 'warning' | 'info', message: string): void {
    const console = this.connection.console;
    if (level === 'error') console.error(message);
    else if (level === 'warning') console.warn(message);
    else console.info(message);
  }

  /** Stops timers and watchers; resolves once the temporary readable texts are removed. */
  async dispose(): Promise<void> {
    this.scheduler.dispose();
    this.corpus.dispose();
    this.watcher?.dispose();
    // A save still waiting for the server to be idle runs now; one running is finished.
    const saves = [...this.pendingSaves.values()].map((save) => { save.cancel(); return save.run(); });
    void this.deps.close?.();
    await Promise.all([this.sourceTexts.dispose(), ...saves]);
  }
}

/** How long the server is idle before a new index is saved (`saveWhenIdle`). */
const SAVE_IDLE_MS = 250;

/**
 * How long one turn of a draft's check runs before requests are let in. A turn
 * ends between two pieces of work, so it can run one piece over: with 50 ms,
 * hovers behind a 5 MB draft's first check waited 36 ms at the median and
 * 82-108 ms at p95; with 20 ms, 16 and 51 ms, for the same total time.
 */
export const CHECK_TURN_MS = 20;

/** A token for one turn of a check: cancelled once `token` is, or once the turn has run `CHECK_TURN_MS`. */
export function checkTurn(token?: CancellationToken): CancellationToken {
  const started = performance.now();
  return { get isCancellationRequested() { return token?.isCancellationRequested === true || performance.now() - started > CHECK_TURN_MS; } };
}

/**
 * Runs `run` once the request running for `uri` in `running` (if any) is done,
 * as the one running for it now: requests on one document take its turns one at a time.
 */
async function oneAtATime<T>(running: Map<string, Promise<T>>, uri: string, run: () => Promise<T>): Promise<T> {
  for (let ahead = running.get(uri); ahead; ahead = running.get(uri)) await ahead.catch(() => undefined);
  const mine = run();
  running.set(uri, mine);
  try {
    return await mine;
  } finally {
    if (running.get(uri) === mine) running.delete(uri);
  }
}

/** More diagnostics than this for a draft are written in a turn of their own (`publishFor`). */
const PUBLISH_APART = 500;

/** `'; 2 files skipped: 1 no-text, 1 encrypted (see the warnings above)'`, or `''`. */
function skippedNote(warnings: readonly CorpusWarning[]): string {
  const skipped = describeSkipped(warnings);
  return skipped === '' ? '' : `; ${skipped} (see the warnings above)`;
}
