import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver/node.js';
import { SERVER_COMMANDS } from '../../../shared/out/protocol.js';
import { FIX_ALL_KIND } from './codeActions.js';

/** What this client can do that changes how the server behaves. */
export interface ClientSupport {
  readonly configuration: boolean;
  readonly workspaceFolders: boolean;
  readonly watchedFilesRegistration: boolean;
  readonly relativePatterns: boolean;
  readonly markdownHover: boolean;
  readonly snippets: boolean;
  readonly diagnosticData: boolean;
  /** Completion items may carry `labelDetails` (LSP 3.17): each row shows the source's title. */
  readonly completionLabelDetails: boolean;
  /** `workspace/didChangeConfiguration` may be registered dynamically (eglot and Neovim 0.7 warn otherwise). */
  readonly configurationRegistration: boolean;
}

export function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  const hoverFormats = capabilities.textDocument?.hover?.contentFormat ?? [];
  return {
    configuration: capabilities.workspace?.configuration === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    markdownHover: hoverFormats.length === 0 || hoverFormats.includes('markdown'),
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    diagnosticData: capabilities.textDocument?.publishDiagnostics?.dataSupport === true,
    completionLabelDetails: capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport === true,
    configurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
  };
}

/** What the server offers every client, in its `initialize` result. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['@', ' '], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    definitionProvider: true,
    referencesProvider: true,
    documentLinkProvider: { resolveProvider: false },
    workspaceSymbolProvider: true,
    executeCommandProvider: { commands: [...SERVER_COMMANDS] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
