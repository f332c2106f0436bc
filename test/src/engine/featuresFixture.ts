/** An in-memory corpus for the editor-feature tests, and a cursor marker helper. */
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { LINCOLN, REPORT } from '../fixtures/smallCorpus.js';

export const SOURCES: Record<string, string> = {
  'corpus/lincoln.md': LINCOLN,
  'corpus/report.txt': REPORT,
  'corpus/hostile.md': `---
title: "[Click me](command:workbench.action.quit) <img src=x onerror=alert(1)>"
url: "javascript:alert(1)"
---
Some *emphasis* and [a link](command:evil) and <b>html</b> in the opening line of the body text.
`,
};

export async function fixtureIndex(sources: Record<string, string> = SOURCES): Promise<CorpusIndex> {
  const { sources: loaded } = await loadCorpus(memoryFileSystem(sources), ['corpus']);
  return new CorpusIndex(loaded);
}

/** Removes the `$$` cursor marker: `cursor('a [@$$')` is `{ text: 'a [@', offset: 4 }`. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$$');
  if (offset < 0) throw new Error('no $$ cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 2), offset };
}
