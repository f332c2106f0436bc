import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { sourcesRequest } from '../../shared/out/protocol';

/**
 * Verbatim: Open Source — opens the source of the citation or quotation under
 * the cursor (at the passage), or lets the writer pick one from the corpus.
 */
export async function openSource(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', editor.document.uri, editor.selection.active);
    const first = locations?.[0];
    if (first) {
      const uri = 'targetUri' in first ? first.targetUri : first.uri;
      const range = 'targetUri' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
      await vscode.window.showTextDocument(uri, { selection: range, preview: true });
      return;
    }
  }
  const sources = await client.sendRequest(sourcesRequest, { uri: editor?.document.uri.toString() });
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('Verbatim has no sources indexed. Put .txt or .md files in the corpus folder (setting verbatim.corpus).');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    sources.map((s) => ({ label: s.key, description: s.title, source: s })),
    { placeHolder: 'Open a source', matchOnDescription: true },
  );
  // A PDF, web page, Word file or e-book opens as the text Verbatim read from it.
  if (picked) await vscode.window.showTextDocument(vscode.Uri.parse(picked.source.textUri ?? picked.source.uri), { preview: true });
}
