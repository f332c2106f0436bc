import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { sourcesRequest, type SourceEntry, type SourcesResult } from '../../shared/out/protocol';

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
  const uri = editor?.document.uri.toString();
  const first = await client.sendRequest(sourcesRequest, { uri });
  if (first.total === 0) {
    void vscode.window.showInformationMessage('Verbatim has no sources indexed. Put .txt or .md files in the corpus folder (setting verbatim.corpus).');
    return;
  }
  const picked = await pickSource(client, uri, first);
  // A PDF, web page, Word file or e-book opens as the text Verbatim read from it.
  if (picked) await vscode.window.showTextDocument(vscode.Uri.parse(picked.textUri ?? picked.uri), { preview: true });
}

interface SourceItem extends vscode.QuickPickItem {
  source: SourceEntry;
}

/**
 * A picker that shows the server's first page of sources at once and asks the
 * server again as the writer types (a corpus of 100,000 sources is never sent
 * whole): the previous question is cancelled, and an answer to an older query
 * is dropped. The items keep the server's filter (`alwaysShow`: a query's words
 * may match partly in the key and partly in the title) and its order, the key
 * itself first (VS Code still puts items whose key it highlights before the others).
 */
function pickSource(client: LanguageClient, uri: string | undefined, first: SourcesResult): Promise<SourceEntry | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<SourceItem>();
    pick.placeholder = 'Open a source: type part of its key or title';
    pick.matchOnDescription = true;
    const show = (answer: SourcesResult, query: string) => {
      pick.items = answer.items.map((s) => ({ label: s.key, description: s.title, alwaysShow: true, source: s }));
      pick.title = pickerTitle(answer, query);
    };
    show(first, '');
    let asked = 0;
    let pending: vscode.CancellationTokenSource | undefined;
    pick.onDidChangeValue((query) => {
      const mine = ++asked;
      pending?.cancel();
      pending?.dispose();
      const cancel = (pending = new vscode.CancellationTokenSource());
      pick.busy = true;
      client.sendRequest(sourcesRequest, { uri, query }, cancel.token).then(
        (answer) => { if (mine === asked) show(answer, query); },
        () => undefined, // cancelled (the writer typed on) or failed: the items stay as they were
      ).finally(() => { if (mine === asked) pick.busy = false; });
    });
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.source);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pending?.cancel();
      pending?.dispose();
      pick.dispose();
    });
    pick.show();
  });
}

/** The picker's title: how many sources the list shows of how many match, when it is cut. */
function pickerTitle(answer: SourcesResult, query: string): string {
  const count = (n: number) => n.toLocaleString('en-US');
  if (answer.total === 0) return 'Open Source: no source matches';
  if (answer.total <= answer.items.length) return 'Open Source';
  return query.trim() === ''
    ? `Open Source: the first ${count(answer.items.length)} of ${count(answer.total)} sources; type to narrow`
    : `Open Source: the best ${count(answer.items.length)} of ${count(answer.total)} matches`;
}
