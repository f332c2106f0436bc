import type { FileReport } from './report.js';

/** `{ "files": [ { "path": "draft.md", "diagnostics": [ <LSP Diagnostic> ] } ] }` */
export function formatJson(files: readonly FileReport[]): string {
  return JSON.stringify({ files: files.map((f) => ({ path: f.path, diagnostics: f.diagnostics })) }, null, 2) + '\n';
}
