import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, statusNotification, type InitializationOptions } from '../../shared/out/protocol';
import { exportBibliography } from './exportBibliography';
import { insertQuote } from './insertQuote';
import { openSource } from './openSource';
import { serverModule } from './serverModule';
import { SOURCE_SCHEME, SourceDocuments } from './sourceDocuments';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/**
 * Starts the Verbatim language server over IPC for Markdown files and adds the
 * status bar item and the client-side commands. `verbatim.checkAllDrafts` and
 * `verbatim.rebuildIndex` are server commands: the language client registers
 * them once the server has started, which `activate` waits for.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Verbatim');
  const module = serverModule(context.extensionPath);
  // Measured on the 100 MB Gutenberg corpus: glibc giving allocations of 1 MB and
  // more their own pages (returned when freed, not kept in its heap) and a small
  // young generation take the language server's resident memory after a cold
  // index from 298 MB to 200 MB (2.0× the corpus). A 128 KB threshold kept no
  // less and cost ~25 ms more at a saved-index open (every file buffer a fresh mapping).
  // The figures, and how they are measured: bench/README.md ("tuned launch", "Targets": server memory).
  const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: '1048576' };
  const execArgv = ['--max-semi-space-size=1'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env, execArgv } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: [...execArgv, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    // The server saves its index here, so reopening a large corpus is fast (no workspace: nothing is saved).
    // Go to Definition into a PDF or e-book opens its text as a read-only `verbatim-source:` document.
    // In Restricted Mode (an untrusted workspace) the server reads nothing outside the workspace (bibliography attachments).
    // A function, so a restart after trust is granted sends the new value.
    initializationOptions: (): InitializationOptions => ({
      cacheDir: context.storageUri ? vscode.Uri.joinPath(context.storageUri, 'index').fsPath : undefined,
      sourceTextScheme: SOURCE_SCHEME,
      isTrusted: vscode.workspace.isTrusted,
    }),
    outputChannel: output,
    traceOutputChannel: output,
    // Corpus warnings go to the output channel; never pop it up on its own.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions);
  const status = new StatusBar(CLIENT_COMMANDS.showOutput);
  const running = client;
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { started = resolve; });
  const sourceDocuments = new SourceDocuments(running, ready);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, sourceDocuments),
    vscode.commands.registerCommand(CLIENT_COMMANDS.openOriginal, (uri?: vscode.Uri) => sourceDocuments.openOriginal(uri)),
    status,
    output,
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.insertQuote, () => insertQuote(running)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.openSource, () => openSource(running)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.exportBibliography, () => exportBibliography(running)),
    // Trust granted: restart, so the server may read what Restricted Mode kept it from.
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void running.restart(); }),
    sourceDocuments,
    running.onNotification(statusNotification, (s) => {
      status.update(s);
      if (s.indexing === null) sourceDocuments.indexed();
    }),
  );
  output.appendLine(`Starting the Verbatim language server: ${module}`);
  try {
    await running.start();
  } catch (error) {
    output.appendLine(`The Verbatim language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage('Verbatim could not start its language server. See the Verbatim output for details.', 'Show Output')
      .then((choice) => { if (choice) output.show(true); });
  } finally {
    started();
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
