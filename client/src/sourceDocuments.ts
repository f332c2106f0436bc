import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { sourceTextRequest, type SourceTextResult } from '../../shared/out/protocol';

/** The scheme of the read-only texts of PDF, web page, Word and EPUB sources; the server puts it in definitions' locations. */
export const SOURCE_SCHEME = 'verbatim-source';

/**
 * Serves `verbatim-source:` documents: the text Verbatim read from a source
 * file that is not text, with a marker line before each page or chapter.
 * The server builds it (`verbatim/sourceText`); the URI's query is the key.
 */
export class SourceDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly originals = new Map<string, string>();
  /** Documents asked for before their source was indexed: shown again once indexing ends. */
  private readonly missing = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<unknown>) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const source = await this.fetch(uri, token);
    if (source) return source.text;
    this.missing.add(uri.toString());
    return `Verbatim has no source with the key ${uri.query}.`;
  }

  /** Called when the server has finished indexing: documents that found no source ask again. */
  indexed(): void {
    for (const uri of this.missing) this.changed.fire(vscode.Uri.parse(uri));
    this.missing.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Verbatim: Open Original File — opens the file a source text was read from. */
  async openOriginal(uri?: vscode.Uri): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== SOURCE_SCHEME) {
      void vscode.window.showInformationMessage('Open the text of a source first: Go to Definition on a citation of a PDF, web page, Word file or e-book.');
      return;
    }
    const original = this.originals.get(target.toString()) ?? (await this.fetch(target))?.uri;
    if (!original) return;
    const file = vscode.Uri.parse(original);
    // VS Code reads web pages as text; PDFs, Word files and e-books open in the system's application.
    if (/\.(html?|xhtml)$/i.test(file.path) || !(await vscode.env.openExternal(file))) await vscode.commands.executeCommand('vscode.open', file);
  }

  private async fetch(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<SourceTextResult | null> {
    await this.ready;
    const source = await this.client.sendRequest(sourceTextRequest, { key: uri.query }, token);
    if (source) this.originals.set(uri.toString(), source.uri);
    return source;
  }
}
