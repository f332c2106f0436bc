import {
  CodeActionKind,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import type { FullBibParse } from '../bibliography/store.js';
import { LineIndex } from '../engine/text.js';
import { fixAll, quickFixes } from '../features/codeActions.js';
import { complete } from '../features/completion.js';
import { definitionAt } from '../features/definition.js';
import { documentLinks } from '../features/documentLinks.js';
import { hasReadableText } from '../features/readableText.js';
import { hoverAt } from '../features/hover.js';
import { keyAt } from '../features/references.js';
import { workspaceSymbols } from '../features/workspaceSymbols.js';
import {
  CHECK_ALL_DRAFTS, EXPORT_BIBLIOGRAPHY, REBUILD_INDEX, checkAllDrafts, exportBibliography, citationLocations, passageResults, rebuildIndex,
  searchPassagesRequest, sourceEntries, sourcesRequest,
} from './commands.js';
import { codeAction, completionItem, documentLink, symbolInformation } from './convert.js';
import { safeNotification, safeRequest, type Lifecycle } from './safe.js';
import { sourceTextRequest, virtualUri } from './sourceText.js';
import { Session } from './session.js';
import type { IndexingDeps } from './indexer.js';

/** What the host gives the server: file access, and optionally a segment builder (with `close`) and a digest. */
export type ServerDeps = IndexingDeps & { close?(): Promise<void>; home?: string; fullBibParse?: FullBibParse };
import { isInside, pathToUri } from './uri.js';

/**
 * Wires a connection (stdio, IPC or a test stream) to a new session. Every
 * handler is wrapped: an exception becomes a ResponseError or a log line,
 * and the server keeps serving.
 */
export function startServer(connection: Connection, deps: ServerDeps, cwd: string): Session {
  const session = new Session(connection, deps, cwd);
  let lifecycle: Lifecycle = 'new';
  const log = { error: (message: string) => session.log('error', message), lifecycle: () => lifecycle };
  const { documents } = session;

  /** In a client that shows source texts (VS Code), a PDF, web page, Word or EPUB source is opened as its text. */
  const readableUri = (source: { key: string; path: string }): string | undefined => {
    const scheme = session.textScheme;
    return scheme !== undefined && hasReadableText(source.path) ? virtualUri(scheme, source) : undefined;
  };

  connection.onInitialize((params): InitializeResult => {
    lifecycle = 'running';
    try {
      session.initialize(params);
    } catch (error) {
      log.error(`initialize: ${error instanceof Error ? error.message : String(error)}; starting with defaults`);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['@', ' '], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.verbatim'], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [CHECK_ALL_DRAFTS, REBUILD_INDEX, EXPORT_BIBLIOGRAPHY] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'verbatim-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(safeNotification('initialized', log, async () => {
    if (session.support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(safeNotification('workspace folders', log, async (event) => {
        let removedAny = false;
        for (const removed of event.removed) removedAny = session.workspace.remove(removed.uri) !== undefined || removedAny;
        const fallback = session.workspace.ensureOne();
        if (fallback) await session.refreshFolder(fallback, true);
        if (removedAny) {
          session.updateWatchers();
          session.recheckOpen();
        }
        await Promise.all(event.added.map((f) => session.refreshFolder(session.workspace.add(f), true)));
        session.sendStatus();
      }));
    }
    await session.start();
  }));

  connection.onDidChangeConfiguration(safeNotification('configuration', log, (params) => session.onConfigurationChanged(params.settings)));
  connection.onDidChangeWatchedFiles(safeNotification('watched files', log, (params) => session.onWatchedFiles(params.changes)));

  // An opened draft is checked at once; edits are debounced. (TextDocuments reports an open as a change too.)
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

  connection.onCompletion(safeRequest('completion', log, (params) => {
    const document = documents.get(params.textDocument.uri);
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

  connection.onHover(safeRequest('hover', log, async (params, token) => {
    const checked = await session.checked(params.textDocument.uri, token);
    if (!checked) return null;
    const base = checked.folder.path;
    const displayPath = (p: string) => (base !== undefined && isInside(p, base) && p !== base ? p.slice(base.replace(/\/$/, '').length + 1) : p);
    const info = hoverAt(checked.folder.index, checked.report, checked.lines.offsetAt(params.position), { displayPath });
    return info ? { contents: { kind: 'markdown' as const, value: info.markdown }, range: checked.lines.rangeOf(info.span) } : null;
  }));

  connection.onCodeAction(safeRequest('code actions', log, async (params, token) => {
    const uri = params.textDocument.uri;
    const checked = await session.checked(uri, token);
    if (!checked) return null;
    // Fixes come from the server's own report for this version of the document, never from what the
    // client sent (its range and data may be from an older version): a diagnostic we did not publish gets none.
    const ours = (d: Diagnostic) => checked.diagnostics.find((o) => o.code === d.code && sameRange(o.range, d.range));
    const context = params.context.diagnostics.filter((d) => d.source === 'verbatim').map(ours)
      .filter((d): d is NonNullable<typeof d> => d !== undefined) as Diagnostic[];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const plan of quickFixes(checked.report.draft, checked.lines, context)) actions.push(codeAction(plan, uri, checked.lines, plan.diagnostic as Diagnostic));
    }
    if (wants('source.fixAll.verbatim') && (only !== undefined || context.length > 0)) {
      const all = fixAll(checked.report.draft, checked.lines, checked.diagnostics);
      if (all) actions.push(codeAction(all, uri, checked.lines));
    }
    return actions;
  }));

  connection.onDefinition(safeRequest('definition', log, async (params, token) => {
    const checked = await session.checked(params.textDocument.uri, token);
    if (!checked) return null;
    const found = definitionAt(checked.folder.index, checked.report, checked.lines.offsetAt(params.position));
    return found ? session.sourceTexts.location(checked.folder, found) : null;
  }));

  connection.onReferences(safeRequest('references', log, async (params, token) => {
    const checked = await session.checked(params.textDocument.uri, token);
    if (!checked) return null;
    const key = keyAt(checked.report.draft, checked.lines.offsetAt(params.position));
    if (key === undefined) return null;
    const found = await citationLocations(session, params.textDocument.uri, key);
    const source = checked.folder.index.get(key);
    if (params.context.includeDeclaration && source) {
      found.unshift({ uri: readableUri(source) ?? pathToUri(source.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
    return found;
  }));

  connection.onDocumentLinks(safeRequest('document links', log, async (params, token) => {
    const checked = await session.checked(params.textDocument.uri, token);
    if (!checked) return null;
    return documentLinks(checked.folder.index, checked.report.draft).map((l) => documentLink(l, checked.lines, readableUri(l)));
  }));

  connection.onWorkspaceSymbol(safeRequest('workspace symbols', log, (params) => {
    const seen = new Set<string>();
    return session.workspace.all().flatMap((f) => workspaceSymbols(f.index, params.query))
      .filter((s) => !seen.has(s.path) && seen.add(s.path) !== undefined)
      .map((s) => symbolInformation(s, readableUri({ key: s.name, path: s.path })));
  }));

  connection.onExecuteCommand(safeRequest('command', log, async (params) => {
    if (params.command === CHECK_ALL_DRAFTS) return checkAllDrafts(session);
    if (params.command === REBUILD_INDEX) return rebuildIndex(session);
    if (params.command === EXPORT_BIBLIOGRAPHY) return exportBibliography(session, params.arguments?.[0]);
    throw new Error(`unknown command ${params.command}`);
  }));

  connection.onRequest(searchPassagesRequest, safeRequest('search passages', log, (params) => passageResults(session, params)));
  connection.onRequest(sourcesRequest, safeRequest('sources', log, (params) => sourceEntries(session, params?.uri)));
  connection.onRequest(sourceTextRequest, safeRequest('source text', log, (params) => {
    const first = params.uri ? session.workspace.folderFor(params.uri) : undefined;
    const folders = first ? [first, ...session.workspace.all().filter((f) => f !== first)] : session.workspace.all();
    return typeof params.key === 'string' ? session.sourceTexts.request(folders, params) : null;
  }));

  connection.onShutdown(() => {
    lifecycle = 'shut down';
    return session.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return session;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
