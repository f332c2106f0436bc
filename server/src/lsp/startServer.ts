import type { Connection, InitializeResult } from 'vscode-languageserver/node.js';
import { searchPassagesRequest, sourcesRequest, sourceTextRequest, type ServerCommand } from '../../../shared/out/protocol.js';
import { LineIndex } from '../engine/text.js';
import { complete } from '../features/completion.js';
import { definitionAt } from '../features/definition.js';
import { documentLinks } from '../features/documentLinks.js';
import { hoverAt } from '../features/hover.js';
import { keyAt } from '../features/references.js';
import { MAX_SYMBOLS, workspaceSymbolsInSlices } from '../features/workspaceSymbols.js';
import { timeSlices } from '../engine/timeSlices.js';
import { serverCapabilities } from './capabilities.js';
import { codeActionsFor } from './codeActions.js';
import { citationLocations, passageResults, serverCommands, sourceEntries } from './commands.js';
import { completionItem, documentLink, symbolInformation } from './convert.js';
import { safeNotification, safeRequest, type ErrorLog, type Lifecycle } from './safe.js';
import { Session, type SessionDeps } from './session.js';
import { readableUri } from './sourceText.js';
import { isInside, pathToUri } from './uri.js';
import { changeWorkspaceFolders } from './workspaceFolders.js';

/**
 * What the host gives the server: what a session needs (file access, and
 * optionally a segment builder with `close`, a digest, the full BibTeX parse,
 * the user's home folder, a file watcher) and the version it announces.
 */
export type ServerDeps = SessionDeps & { version?: string };

/**
 * Wires a connection (stdio, IPC or a test stream) to a new session, in four
 * steps: the lifecycle (initialize, initialized, shutdown), the documents'
 * events, the language features, and Verbatim's own commands and requests.
 * Every handler is wrapped: an exception becomes a ResponseError or a log
 * line, and the server keeps serving.
 */
export function startServer(connection: Connection, deps: ServerDeps, cwd: string): Session {
  const session = new Session(connection, deps, cwd);
  const log = new HandlerLog(session);
  handleLifecycle(connection, session, log, deps.version ?? '0.0.0');
  handleDocuments(session, log);
  handleFeatures(connection, session, log);
  handleVerbatimRequests(connection, session, log);
  session.documents.listen(connection);
  connection.listen();
  return session;
}

/** Where handlers' errors go, and where the connection is in its lifecycle (requests are answered only while running). */
class HandlerLog implements ErrorLog {
  state: Lifecycle = 'new';
  constructor(private readonly session: Session) {}
  error(message: string): void {
    this.session.log('error', message);
  }
  lifecycle(): Lifecycle {
    return this.state;
  }
}

/** `initialize` (the session reads the client's abilities and folders), `initialized` (settings, indexing, watching) and `shutdown`. */
function handleLifecycle(connection: Connection, session: Session, log: HandlerLog, version: string): void {
  connection.onInitialize((params): InitializeResult => {
    log.state = 'running';
    try {
      session.initialize(params);
    } catch (error) {
      log.error(`initialize: ${error instanceof Error ? error.message : String(error)}; starting with defaults`);
    }
    return { capabilities: serverCapabilities(), serverInfo: { name: 'verbatim-language-server', version } };
  });
  connection.onInitialized(safeNotification('initialized', log, async () => {
    if (session.support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(safeNotification('workspace folders', log, (event) => changeWorkspaceFolders(session, event)));
    }
    await session.start();
  }));
  connection.onDidChangeConfiguration(safeNotification('configuration', log, (params) => session.onConfigurationChanged(params.settings)));
  connection.onDidChangeWatchedFiles(safeNotification('watched files', log, (params) => session.onWatchedFiles(params.changes)));
  connection.onShutdown(() => {
    log.state = 'shut down';
    return session.dispose();
  });
}

/** An opened draft is checked at once; edits are debounced. (TextDocuments reports an open as a change too.) */
function handleDocuments(session: Session, log: ErrorLog): void {
  const { documents } = session;
  const justOpened = new Set<string>();
  documents.onDidOpen(safeNotification('open', log, (e) => {
    justOpened.add(e.document.uri);
    session.scheduler.schedule(e.document.uri, 0);
  }));
  documents.onDidChangeContent(safeNotification('change', log, (e) => {
    if (justOpened.delete(e.document.uri)) return;
    session.scheduler.schedule(e.document.uri);
  }));
  documents.onDidClose(safeNotification('close', log, (e) => session.closed(e.document.uri)));
}

/** Completion, hover, code actions, definition, references, document links and workspace symbols: engine calls on the session's state. */
function handleFeatures(connection: Connection, session: Session, log: ErrorLog): void {
  connection.onCompletion(safeRequest('completion', log, (params) => {
    const document = session.documents.get(params.textDocument.uri);
    const folder = session.workspace.folderFor(params.textDocument.uri);
    if (!document || !folder || !session.isDraft(document, folder)) return null;
    const text = document.getText();
    const offset = document.offsetAt(params.position);
    const list = complete(folder.index, text, offset, session.bibliographies.forDraft(params.textDocument.uri, text, folder).bibliography);
    if (!list) return null;
    // Completion needs no verdicts: it never waits for a check of the draft.
    const lines = new LineIndex(text);
    return { isIncomplete: list.isIncomplete, items: list.items.map((e) => completionItem(e, lines, text, offset, session.support.completionLabelDetails)) };
  }));

  // Hover, definition, references and links read the draft's parse and at most one verdict: they do not wait for its check (`Session.view`).
  connection.onHover(safeRequest('hover', log, async (params, token) => {
    const checked = await session.view(params.textDocument.uri, params.position, token);
    if (!checked) return null;
    const base = checked.folder.path;
    const displayPath = (p: string) => (base !== undefined && isInside(p, base) && p !== base ? p.slice(base.replace(/\/$/, '').length + 1) : p);
    const info = hoverAt(checked.folder.index, checked.report, checked.lines.offsetAt(params.position), { displayPath });
    return info ? { contents: { kind: 'markdown' as const, value: info.markdown }, range: checked.lines.rangeOf(info.span) } : null;
  }));

  connection.onCodeAction(safeRequest('code actions', log, async (params, token) => {
    const checked = await session.checked(params.textDocument.uri, token);
    return checked ? codeActionsFor(params.textDocument.uri, checked, params.context) : null;
  }));

  connection.onDefinition(safeRequest('definition', log, async (params, token) => {
    const checked = await session.view(params.textDocument.uri, params.position, token);
    if (!checked) return null;
    const found = definitionAt(checked.folder.index, checked.report, checked.lines.offsetAt(params.position));
    return found ? session.sourceTexts.location(checked.folder, found) : null;
  }));

  connection.onReferences(safeRequest('references', log, async (params, token) => {
    const checked = await session.view(params.textDocument.uri, undefined, token);
    if (!checked) return null;
    const key = keyAt(checked.report.draft, checked.lines.offsetAt(params.position));
    if (key === undefined) return null;
    const found = await citationLocations(session, params.textDocument.uri, key);
    const source = checked.folder.index.get(key);
    if (params.context.includeDeclaration && source) {
      found.unshift({ uri: readableUri(session.textScheme, source) ?? pathToUri(source.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
    return found;
  }));

  connection.onDocumentLinks(safeRequest('document links', log, async (params, token) => {
    const checked = await session.view(params.textDocument.uri, undefined, token);
    if (!checked) return null;
    return documentLinks(checked.folder.index, checked.report.draft, checked.report.bibliography).map((l) => documentLink(l, checked.lines, readableUri(session.textScheme, l)));
  }));

  // In slices (`workspaceSymbolsInSlices`): over 100,000 sources one request held every other one.
  // The best MAX_SYMBOLS of every folder together; a cancelled request (the user typed on) stops at its next slice.
  connection.onWorkspaceSymbol(safeRequest('workspace symbols', log, async (params, token) => {
    const query = typeof params.query === 'string' ? params.query : '';
    const symbols = await workspaceSymbolsInSlices(session.workspace.all().map((f) => f.index), query, MAX_SYMBOLS, timeSlices(), token);
    return (symbols ?? []).map((s) => symbolInformation(s, readableUri(session.textScheme, { key: s.name, path: s.path })));
  }));
}

/** The server's commands and the requests of the shared protocol (`shared/src/protocol.ts`). */
function handleVerbatimRequests(connection: Connection, session: Session, log: ErrorLog): void {
  connection.onExecuteCommand(safeRequest('command', log, async (params) => {
    if (!Object.hasOwn(serverCommands, params.command)) throw new Error(`unknown command ${params.command}`);
    return serverCommands[params.command as ServerCommand](session, params.arguments ?? []);
  }));
  connection.onRequest(searchPassagesRequest, safeRequest('search passages', log, (params) => passageResults(session, params)));
  connection.onRequest(sourcesRequest, safeRequest('sources', log, async (params, token) => (await sourceEntries(session, params, token)) ?? { items: [], total: 0 }));
  connection.onRequest(sourceTextRequest, safeRequest('source text', log, (params) => {
    const first = params.uri ? session.workspace.folderFor(params.uri) : undefined;
    const folders = first ? [first, ...session.workspace.all().filter((f) => f !== first)] : session.workspace.all();
    return typeof params.key === 'string' ? session.sourceTexts.request(folders, params) : null;
  }));
}
