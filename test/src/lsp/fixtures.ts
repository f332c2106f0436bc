/** Fixture corpus and draft shared by the LSP tests, as strings. */
import type { Range } from './harness.js';

export const LINCOLN = `---
title: Annual Message to Congress
author: Abraham Lincoln
date: 1862-12-01
url: https://example.com/lincoln
---
# Annual Message

Fellow-citizens, we cannot escape history. We of this Congress and this administration will be remembered in spite of ourselves. The fiery trial through which we pass will light us down in honor or dishonor to the latest generation.
`;

export const REPORT = `Troop Levels Rise in the North

Officials said the army moved 300 soldiers to the border on Tuesday. The decision was not taken lightly, they said.
`;

export const HARBOR = `Harbor Reopens After Storm

The harbor reopened on Monday after the storm had closed it for nine days. Fishing boats returned before dawn.
`;

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
