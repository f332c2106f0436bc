/** An in-memory corpus for the editor-feature tests, and a cursor marker helper. */
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';

export const SOURCES: Record<string, string> = {
  'corpus/lincoln.md': `---
title: Annual Message to Congress
author: Abraham Lincoln
date: 1862-12-01
url: https://example.com/lincoln
---
# Annual Message

Fellow-citizens, we cannot escape history. We of this Congress and this administration will be remembered in spite of ourselves. The fiery trial through which we pass will light us down in honor or dishonor to the latest generation.
`,
  'corpus/report.txt': `Troop Levels Rise in the North

Officials said the army moved 300 soldiers to the border on Tuesday. The decision was not taken lightly, they said.
`,
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
