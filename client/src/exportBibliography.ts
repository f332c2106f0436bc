import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BIBLIOGRAPHY_CSL_JSON, commandRequest } from '../../shared/out/protocol';

/**
 * Verbatim: Export Bibliography… — writes CSL-JSON for every source the
 * active draft can cite (its corpus and its bibliographies), where the writer
 * picks, for `pandoc --citeproc --bibliography refs.json draft.md`.
 */
export async function exportBibliography(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Open a Markdown draft to export the sources it can cite.');
    return;
  }
  const draft = editor.document.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(draft, '..', 'refs.json'),
    filters: { 'CSL-JSON': ['json'] },
    title: 'Export Bibliography (CSL-JSON)',
  });
  if (!target) return;
  const items = await client.sendRequest(commandRequest(BIBLIOGRAPHY_CSL_JSON), { command: BIBLIOGRAPHY_CSL_JSON, arguments: [draft.toString()] });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(items, null, 2) + '\n'));
  void vscode.window.showInformationMessage(`Verbatim wrote ${items.length} sources to ${vscode.workspace.asRelativePath(target)}.`);
}
