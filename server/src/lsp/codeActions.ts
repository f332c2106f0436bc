import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic } from 'vscode-languageserver/node.js';
import { fixAll, quickFixes } from '../features/codeActions.js';
import { codeAction } from './convert.js';
import type { CheckedDraft } from './draftReports.js';

/** The code action kind of "fix every quotation that can be fixed safely". */
export const FIX_ALL_KIND = 'source.fixAll.verbatim';

/**
 * The code actions for `textDocument/codeAction` on a checked draft. Fixes
 * come from the server's own report for this version of the document, never
 * from what the client sent (its range and data may be from an older
 * version): a diagnostic the server did not publish gets none. `context.only`
 * narrows the kinds; fix-all is offered when asked for by kind, or beside a
 * quick fix.
 */
export function codeActionsFor(uri: string, checked: CheckedDraft, context: CodeActionContext): CodeAction[] {
  const ours = (d: Diagnostic) => checked.diagnostics.find((o) => o.code === d.code && sameRange(o.range, d.range));
  const published = context.diagnostics.filter((d) => d.source === 'verbatim').map(ours)
    .filter((d): d is NonNullable<typeof d> => d !== undefined) as Diagnostic[];
  const only = context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const plan of quickFixes(checked.report.draft, checked.lines, published)) {
      actions.push(codeAction(plan, uri, checked.lines, plan.diagnostic as Diagnostic));
    }
  }
  if (wants(FIX_ALL_KIND) && (only !== undefined || published.length > 0)) {
    const all = fixAll(checked.report.draft, checked.lines, checked.diagnostics);
    if (all) actions.push(codeAction(all, uri, checked.lines));
  }
  return actions;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
