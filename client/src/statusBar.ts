import * as vscode from 'vscode';
import type { ServerStatus, SourceFormatName } from '../../shared/out/protocol';

const FORMAT_NAMES: Record<SourceFormatName, string> = { text: 'plain text', markdown: 'Markdown', pdf: 'PDF', html: 'web page', docx: 'Word', epub: 'EPUB' };

/** What each kind of skipped file means, in the tooltip's words. */
const SKIP_REASONS: Record<string, string> = {
  'no-text': 'no text layer (run OCR on it)',
  encrypted: 'encrypted',
  corrupt: 'damaged',
  timeout: 'took too long to read',
  'too-large': 'too large',
  unsupported: 'format not read yet',
  binary: 'not text',
  'invalid-utf8': 'not UTF-8',
  empty: 'empty',
  unreadable: 'unreadable',
  'duplicate-key': 'its key is taken',
  'missing-folder': 'folder missing',
};

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
    else if (status.indexing?.extracting && status.indexing.extracting.done < status.indexing.extracting.total) {
      parts.push(`$(sync~spin) Verbatim: extracting ${status.indexing.extracting.done}/${status.indexing.extracting.total}`);
    } else if (status.indexing) parts.push(`$(sync~spin) Verbatim: indexing ${status.indexing.done}/${status.indexing.total}`);
    else parts.push(`$(quote) ${status.sources} source${status.sources === 1 ? '' : 's'}`);
    let problems = 0;
    if (editor && isDraft) {
      problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'verbatim').length;
      parts.push(problems === 0 ? '$(check) 0' : `$(warning) ${problems}`);
    }
    this.item.text = parts.join('  ');
    const lines = [status ? `Verbatim: ${status.sources} sources indexed` : 'Verbatim: starting'];
    if (status?.indexing) lines.push(`Indexing: ${status.indexing.done} of ${status.indexing.total} files`);
    if (status?.indexing?.extracting) lines.push(`Extracting text: ${status.indexing.extracting.done} of ${status.indexing.extracting.total} PDF, web page, Word and EPUB files`);
    const formats = Object.entries(status?.formats ?? {}).filter(([, n]) => (n ?? 0) > 0);
    if (formats.length > 0) lines.push(`Read: ${formats.map(([f, n]) => `${n} ${FORMAT_NAMES[f as SourceFormatName] ?? f}`).join(', ')}`);
    for (const skip of status?.skipped ?? []) lines.push(`Skipped ${baseName(skip.path)}: ${SKIP_REASONS[skip.kind] ?? skip.kind}`);
    if (status && status.warnings > 0) lines.push(`${status.warnings} corpus file warning(s); see the output`);
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

/** `baseName('/w/corpus/sub/a.pdf')` is `a.pdf`. */
function baseName(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
}
