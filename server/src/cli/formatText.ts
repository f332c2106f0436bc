import { placeName } from '../corpus/places.js';
import { severityName } from '../features/codes.js';
import { printable } from './escape.js';
import type { FileReport } from './report.js';

/**
 * One line per finding, in the format compilers use so problem matchers read it:
 * `draft.md:3:14: warning quote-mismatch: Misquoted from @a: ... (source: a)`, with the page
 * of the passage when its source has pages: `(source: a, p. 34)`.
 * Lines and columns are 1-based.
 */
export function formatText(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      // Everything that came from a file (its name, the draft's and sources' text and keys) is made printable.
      const page = d.data.page ? `, ${placeName(d.data.page)}` : '';
      const source = d.data.sourceKey ? ` (source: ${printable(d.data.sourceKey)}${printable(page)})` : '';
      lines.push(`${printable(file.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${d.code}: ${printable(d.message)}${source}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** `3 problems in 2 drafts (1 error, 2 warnings); 12 quotations checked` */
export function formatSummary(files: readonly FileReport[], quotations: number): string {
  const counts = [0, 0, 0, 0, 0];
  for (const file of files) for (const d of file.diagnostics) counts[d.severity]!++;
  const total = counts.reduce((a, b) => a + b, 0);
  const parts = ([1, 2, 3, 4] as const)
    .filter((s) => counts[s]! > 0)
    .map((s) => `${counts[s]} ${severityName(s)}${counts[s]! > 1 && s <= 2 ? 's' : ''}`);
  const drafts = `${files.length} draft${files.length === 1 ? '' : 's'}`;
  const problems = total === 0 ? `No problems in ${drafts}` : `${total} problem${total === 1 ? '' : 's'} in ${drafts} (${parts.join(', ')})`;
  return `${problems}; ${quotations} quotation${quotations === 1 ? '' : 's'} checked.`;
}
