/** Fixture corpus and draft shared by the LSP tests, as strings. */
import type { Range } from './harness.js';

export { HARBOR, LINCOLN, REPORT } from '../fixtures/smallCorpus.js';

export const DRAFT = `# Draft

Lincoln wrote that “we cannot escape history” [@lincoln].
The report says “the army moved 500 soldiers to the border” [@report].
Someone said “The fiery trial through which we pass” [@report].

“The decision was not taken lightly” appears without a citation.

He said “nothing of the kind was ever written anywhere” [@lincoln].
See also [@lincon].
`;

/** The range of the first occurrence of `needle` in `text` (after `from`, if given). */
export function rangeOf(text: string, needle: string, from?: string): Range {
  const base = from === undefined ? 0 : text.indexOf(from);
  const start = text.indexOf(needle, base);
  if (start < 0 || base < 0) throw new Error(`${needle} not in text`);
  return { start: position(text, start), end: position(text, start + needle.length) };
}

export function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}
