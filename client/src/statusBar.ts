import * as vscode from 'vscode';

/** What the server's `verbatim/status` notification says. */
export interface ServerStatus {
  sources: number;
  indexing: { done: number; total: number } | null;
  warnings: number;
}

/**
 * One status bar item: sources indexed (or indexing progress) and the active
 * draft's Verbatim problems. Clicking it opens the output channel.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('verbatim.status', vscode.StatusBarAlignment.Right, 100);
  private status: ServerStatus | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(showOutputCommand: string) {
    this.item.name = 'Verbatim';
    this.item.command = showOutputCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.languages.onDidChangeDiagnostics(() => this.render()),
    );
    this.render();
  }

  update(status: ServerStatus): void {
    this.status = status;
    this.render();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const isDraft = editor?.document.languageId === 'markdown';
    const status = this.status;
    const parts: string[] = [];
    if (!status) parts.push('$(sync~spin) Verbatim');
    else if (status.indexing) parts.push(`$(sync~spin) Verbatim: indexing ${status.indexing.done}/${status.indexing.total}`);
    else parts.push(`$(quote) ${status.sources} source${status.sources === 1 ? '' : 's'}`);
    let problems = 0;
    if (editor && isDraft) {
      problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'verbatim').length;
      parts.push(problems === 0 ? '$(check) 0' : `$(warning) ${problems}`);
    }
    this.item.text = parts.join('  ');
    const lines = [status ? `Verbatim: ${status.sources} sources indexed` : 'Verbatim: starting'];
    if (status?.indexing) lines.push(`Indexing: ${status.indexing.done} of ${status.indexing.total} files`);
    if (status && status.warnings > 0) lines.push(`${status.warnings} corpus file(s) skipped; see the output`);
    if (editor && isDraft) lines.push(`${problems} problem(s) with quotations in this draft`);
    lines.push('Click to show the output');
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: lines.join('. ') };
    if (isDraft || status?.indexing) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
