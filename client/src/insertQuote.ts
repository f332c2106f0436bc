import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { searchPassagesRequest, type PassageResult } from '../../shared/out/protocol';

interface PassageItem extends vscode.QuickPickItem { passage: PassageResult }

/**
 * Verbatim: Insert Quote from Sources… — a quick pick that searches the
 * corpus as you type and inserts “passage” [@key] at the cursor
 * (“passage” [@key, p. 34] when the source has pages).
 */
export async function insertQuote(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a Markdown draft to insert a quotation.');
    return;
  }
  const pick = vscode.window.createQuickPick<PassageItem>();
  pick.placeholder = 'Type words from the passage you want to quote';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let timer: NodeJS.Timeout | undefined;
  let request = 0;
  const initial = editor.document.getText(editor.selection).trim();
  const search = (query: string) => {
    clearTimeout(timer);
    const mine = ++request;
    if (query.trim().split(/\s+/).filter(Boolean).length === 0) { pick.items = []; return; }
    pick.busy = true;
    timer = setTimeout(async () => {
      try {
        const found = await client.sendRequest(searchPassagesRequest, { query, uri: editor.document.uri.toString(), limit: 30 });
        if (mine !== request) return;
        // The server has already ranked the passages; keep its order by matching on everything.
        pick.items = found.map((passage) => ({
          label: passage.text.replace(/\s+/g, ' '),
          description: passage.locator ? `@${passage.key}, ${passage.locator}` : `@${passage.key}`,
          detail: passage.title,
          alwaysShow: true,
          passage,
        }));
      } catch (error) {
        client.outputChannel.appendLine(`Insert Quote: search failed: ${String(error)}`);
      } finally {
        if (mine === request) pick.busy = false;
      }
    }, 150);
  };
  pick.onDidChangeValue(search);
  const chosen = await new Promise<PassageItem | undefined>((resolve) => {
    pick.onDidAccept(() => { resolve(pick.selectedItems[0]); pick.hide(); });
    pick.onDidHide(() => resolve(undefined));
    pick.value = initial;
    pick.show();
    if (initial) search(initial);
  });
  clearTimeout(timer);
  pick.dispose();
  if (!chosen) return;
  const { key, locator } = chosen.passage;
  const text = `“${chosen.passage.text.replace(/\s+/g, ' ').trim()}” [@${key}${locator ? `, ${locator}` : ''}]`;
  await editor.edit((edit) => edit.replace(editor.selection, text));
}
