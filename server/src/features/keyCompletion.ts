import Fuse from 'fuse.js';
import type { Source } from '../corpus/source.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { CompletionEntry } from './completion.js';
import type { KeyContext } from './completionContext.js';
import { keyText } from '../draft/writeKey.js';
import { describeSource, openingMarkdown } from './sourceInfo.js';

/** More keys than this and the list is cut (and marked incomplete, so the client asks again as you type). */
const MAX_KEYS = 500;

const fuseCache = new WeakMap<CorpusIndex, { version: number; fuse: Fuse<Source> }>();

function fuseFor(index: CorpusIndex): Fuse<Source> {
  const cached = fuseCache.get(index);
  if (cached && cached.version === index.version) return cached.fuse;
  const fuse = new Fuse([...index.sources()], {
    keys: [{ name: 'key', weight: 2 }, { name: 'title', weight: 1 }],
    threshold: 0.45,
    ignoreLocation: true,
    includeScore: true,
  });
  fuseCache.set(index, { version: index.version, fuse });
  return fuse;
}

/**
 * Every source key for `[@|`, or those matching what is typed, best first
 * (fuzzy on key and title). `keyCompletions(index, { prefix: 'linc', ... })`
 * ranks `sotu/1862_abraham_lincoln_n` first.
 */
export function keyCompletions(index: CorpusIndex, context: KeyContext): { items: CompletionEntry[]; isIncomplete: boolean } {
  let ranked: Source[];
  if (context.prefix === '') {
    ranked = [...index.sources()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  } else {
    const lower = context.prefix.toLowerCase();
    const prefixed = [...index.sources()].filter((s) => s.key.toLowerCase().startsWith(lower))
      .sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : 1));
    const fuzzy = fuseFor(index).search(context.prefix, { limit: MAX_KEYS }).map((r) => r.item);
    ranked = [...new Set([...prefixed, ...fuzzy])];
  }
  // A key is written as `keyText` writes it (`{smith2020.}` in braces); one no citation can name is left out.
  const writable: { source: Source; text: string }[] = [];
  for (const source of ranked) {
    if (writable.length === MAX_KEYS) break;
    const text = keyText(source.key);
    if (text !== undefined) writable.push({ source, text: context.braced ? source.key : text });
  }
  const items = writable.map(({ source, text }, rank): CompletionEntry => ({
    label: source.key,
    kind: 'source',
    detail: describeSource(source),
    ...(source.title && source.title !== source.key ? { description: source.title } : {}),
    documentation: openingMarkdown(source),
    sortText: String(rank).padStart(5, '0'),
    filterText: `${source.key} ${source.title}`,
    span: context.span,
    newText: text,
  }));
  return { items, isIncomplete: ranked.length > MAX_KEYS || context.prefix !== '' };
}
