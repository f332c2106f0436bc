import {
  CompletionItemKind,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type SymbolInformation,
} from 'vscode-languageserver/node.js';
import type { LineIndex } from '../engine/text.js';
import type { ActionPlan } from '../features/codeActions.js';
import type { CompletionEntry } from '../features/completion.js';
import type { SourceLink } from '../features/documentLinks.js';
import type { SourceSymbol } from '../features/workspaceSymbols.js';
import { words } from '../text/tokenize.js';
import { pathToUri } from './uri.js';

/**
 * Engine results to LSP shapes. A completion edit must stay on the cursor's
 * line (VS Code drops multi-line ones), so a passage whose typed words began
 * on an earlier line replaces only this line's part of them.
 * `labelDetails` go only to clients that support them.
 * `completionItem(entry, lines, text, cursor, true)`.
 */
export function completionItem(entry: CompletionEntry, lines: LineIndex, text: string, cursor: number, labelDetails = false): CompletionItem {
  let start = entry.span.start;
  let newText = entry.newText;
  const cursorLine = lines.positionAt(cursor).line;
  if (lines.positionAt(start).line !== cursorLine) {
    const lineStart = lines.offsetAt({ line: cursorLine, character: 0 });
    const skipped = words(text, start, lineStart).length;
    const rest = words(newText)[skipped];
    start = lineStart + (text.slice(lineStart, cursor).length - text.slice(lineStart, cursor).trimStart().length);
    newText = rest ? newText.slice(rest.start) : newText;
  }
  const range = { start: lines.positionAt(start), end: lines.positionAt(Math.max(cursor, entry.span.end)) };
  return {
    label: entry.label,
    kind: entry.kind === 'source' ? CompletionItemKind.Reference : CompletionItemKind.Text,
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    ...(labelDetails && entry.description !== undefined ? { labelDetails: { description: entry.description } } : {}),
    ...(entry.documentation !== undefined ? { documentation: { kind: 'markdown', value: entry.documentation } } : {}),
    sortText: entry.sortText,
    filterText: entry.kind === 'passage' ? text.slice(start, cursor) : entry.filterText,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range, newText },
  };
}

export function codeAction(plan: ActionPlan, uri: string, lines: LineIndex, diagnostic?: Diagnostic): CodeAction {
  return {
    title: plan.title,
    kind: plan.kind,
    ...(plan.isPreferred ? { isPreferred: true } : {}),
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    edit: { changes: { [uri]: plan.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })) } },
  };
}

/** A key's link; `target` replaces the file's URI (the readable text of a PDF or e-book, for a client with a source scheme). */
export function documentLink(link: SourceLink, lines: LineIndex, target?: string): DocumentLink {
  return { range: lines.rangeOf(link.span), target: target ?? pathToUri(link.path), tooltip: link.tooltip };
}

/** A source as a symbol; `uri` replaces the file's URI (as for `documentLink`). */
export function symbolInformation(symbol: SourceSymbol, uri?: string): SymbolInformation {
  return {
    name: symbol.name,
    kind: SymbolKind.File,
    containerName: symbol.detail,
    location: { uri: uri ?? pathToUri(symbol.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  };
}
