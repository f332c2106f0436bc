/**
 * The protocol between the VS Code extension (client/src) and the language
 * server (server/src/lsp): Verbatim's own requests and notification, the
 * server's commands, the client's command ids and the initialization options,
 * with their params and results. Both sides import this one module (as
 * vscode-eslint's `$shared` does), so a changed type breaks the build of
 * both: `tsc -b` is the check that the client reads what the server sends.
 *
 * Plain data only: no engine type (the client imports no engine code) and no
 * Node or VS Code API; compiled to CommonJS, which the client requires and
 * the server (an ES module) imports.
 */
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

// ---- initialization ----------------------------------------------------------

/**
 * What the VS Code extension sends as `initializationOptions`. Other clients
 * send settings there, or nothing: the server checks every field.
 */
export interface InitializationOptions {
  /** The folder for the saved index (the extension's workspace storage); none: nothing is saved. */
  cacheDir?: string | undefined;
  /** The URI scheme of the client's read-only source documents: definitions into a PDF or e-book use it. */
  sourceTextScheme?: string;
  /** False in VS Code's Restricted Mode: nothing outside the workspace is read. */
  isTrusted?: boolean;
}

// ---- status -------------------------------------------------------------------

/** The formats sources are read from. */
export type SourceFormatName = 'text' | 'markdown' | 'pdf' | 'html' | 'docx' | 'epub';

/** `verbatim/status`: what the client's status bar shows, sent as indexing moves and when it ends. */
export interface ServerStatus {
  /** Sources indexed, over all workspace folders. */
  sources: number;
  /**
   * Files read of files found, while any folder is indexing; `extracting`:
   * PDF, web page, Word and EPUB files read (extracted or found in the saved
   * index) of all such files, when there are any. `null` once every folder is indexed.
   */
  indexing: { done: number; total: number; extracting?: { done: number; total: number } } | null;
  /** Corpus files that could not be used (details are in the log). */
  warnings: number;
  /** Sources indexed by the format they were read from, formats with none left out: `{ text: 12, pdf: 3 }`. */
  formats: Partial<Record<SourceFormatName, number>>;
  /** The first files left out of the index (at most 20), and why (a warning kind such as 'no-text'). */
  skipped: { path: string; kind: string }[];
}

export const statusNotification = new NotificationType<ServerStatus>('verbatim/status');

// ---- requests -------------------------------------------------------------------

/** `verbatim/searchPassages`: passages of the corpus matching what is typed in Insert Quote's quick pick. */
export interface SearchPassagesParams {
  query: string;
  /** The draft: its workspace folder's corpus is searched (else the first folder's). */
  uri?: string;
  /** At most this many passages (20 when absent). */
  limit?: number;
}

/** One passage found, best first. */
export interface PassageResult {
  key: string;
  title: string;
  /** The source file. */
  uri: string;
  /** Where the passage stands in the source file. */
  range: Range;
  text: string;
  /** The passage's page or chapter as a citation names it (`p. 34`), when its source has them. */
  locator?: string;
}

export const searchPassagesRequest = new RequestType<SearchPassagesParams, PassageResult[], void>('verbatim/searchPassages');

/**
 * `verbatim/sources`: the sources of the document's folder that match what the
 * user typed, the best first, for Open Source's picker (asked again as the user
 * types: 100,000 sources are never sent in one answer).
 */
export interface SourcesParams {
  /** A document of the workspace: its folder's sources (else the first folder's). */
  uri?: string;
  /**
   * Words that each source listed holds in its key or title (case-insensitive,
   * a leading `@` ignored); every source when empty or absent.
   */
  query?: string;
  /** At most this many items: `SOURCES_PAGE` when absent, never more than `MAX_SOURCES_PAGE`. */
  limit?: number;
}

/** Items in one answer of `verbatim/sources` when the request names no limit. */
export const SOURCES_PAGE = 200;
/** The most items one answer of `verbatim/sources` holds, whatever limit is asked. */
export const MAX_SOURCES_PAGE = 1000;

export interface SourceEntry {
  key: string;
  title: string;
  /** The source file. */
  uri: string;
  /** The source's readable text in the client's scheme, for a PDF, web page, Word or EPUB source. */
  textUri?: string;
}

export interface SourcesResult {
  /**
   * The best matches first: the source whose key is the query, then keys that
   * begin with it, keys that hold every word, then key and title together;
   * by key within each (all by key for an empty query).
   */
  items: SourceEntry[];
  /** How many sources match in all: more than `items.length` when the list was cut to the limit. */
  total: number;
}

export const sourcesRequest = new RequestType<SourcesParams | null, SourcesResult, void>('verbatim/sources');

/** `verbatim/sourceText`: the readable text of a PDF, web page, Word or EPUB source (the client's virtual documents). */
export interface SourceTextParams {
  key: string;
  /** A document or folder of the workspace, to look in its folder first. */
  uri?: string;
}

export interface SourceTextResult {
  key: string;
  title: string;
  /** The original file. */
  uri: string;
  /** The text, with a marker line before each page or chapter. */
  text: string;
  /** From source offset `source` on, the text stands at `text + (offset - source)`. */
  map: { source: number; text: number }[];
}

export const sourceTextRequest = new RequestType<SourceTextParams, SourceTextResult | null, void>('verbatim/sourceText');

// ---- commands --------------------------------------------------------------------

/** Checks every draft of every folder and publishes diagnostics. */
export const CHECK_ALL_DRAFTS = 'verbatim.checkAllDrafts';
/** Rebuilds every folder's index from disk. */
export const REBUILD_INDEX = 'verbatim.rebuildIndex';
/** CSL-JSON for every source a draft can cite; the client's Export Bibliography… writes it where the user picks. */
export const BIBLIOGRAPHY_CSL_JSON = 'verbatim.bibliographyCslJson';

/** A CSL-JSON item: `{ id: 'smith2020', type: 'article-journal', title: ... }`. */
export type CslItem = Record<string, unknown>;

/** The server's commands (`workspace/executeCommand`): the arguments each takes and what it answers. */
export interface ServerCommands {
  [CHECK_ALL_DRAFTS]: { arguments: []; result: { drafts: number; problems: number } };
  [REBUILD_INDEX]: { arguments: []; result: { sources: number } };
  [BIBLIOGRAPHY_CSL_JSON]: { arguments: [draftUri: string]; result: CslItem[] };
}

export type ServerCommand = keyof ServerCommands;

/** Every server command, as the server announces them in `executeCommandProvider`. */
export const SERVER_COMMANDS: readonly ServerCommand[] = Object.keys({
  [CHECK_ALL_DRAFTS]: true, [REBUILD_INDEX]: true, [BIBLIOGRAPHY_CSL_JSON]: true,
} satisfies Record<ServerCommand, true>) as ServerCommand[];

export interface CommandParams<C extends ServerCommand> {
  command: C;
  arguments: ServerCommands[C]['arguments'];
}

/**
 * `workspace/executeCommand` typed for one server command:
 * `client.sendRequest(commandRequest(BIBLIOGRAPHY_CSL_JSON), { command: BIBLIOGRAPHY_CSL_JSON, arguments: [uri] })`
 * answers `CslItem[]`.
 */
export function commandRequest<C extends ServerCommand>(_command: C): RequestType<CommandParams<C>, ServerCommands[C]['result'], void> {
  return new RequestType<CommandParams<C>, ServerCommands[C]['result'], void>('workspace/executeCommand');
}

/** The VS Code extension's own commands (package.json `contributes.commands`, with the server's two above). */
export const CLIENT_COMMANDS = {
  insertQuote: 'verbatim.insertQuote',
  openSource: 'verbatim.openSource',
  showOutput: 'verbatim.showOutput',
  openOriginal: 'verbatim.openOriginal',
  exportBibliography: 'verbatim.exportBibliography',
} as const;
