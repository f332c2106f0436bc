import type { Blockquote, Nodes, Parent } from 'mdast';
import type { Quote } from './model.js';
import type { BlockAnalysis } from './analysis.js';
import type { CitationGroup } from './citations.js';
import type { Prose } from './prose.js';
import { countWords } from '../text/tokenize.js';
import { quoteWithLazyOffsets } from './lazyOffsets.js';

/** The paragraphs and headings inside a block quote, in order (code and HTML skipped). */
export function textBlocks(node: Parent): Parent[] {
  const out: Parent[] = [];
  for (const child of node.children as Nodes[]) {
    if (child.type === 'paragraph' || child.type === 'heading') out.push(child);
    else if (child.type !== 'code' && child.type !== 'html' && 'children' in child) out.push(...textBlocks(child));
  }
  return out;
}

const TRAILING_AFTER_CITATION = /^[\s.,;:)\]]*$/u;
const LEAD_BEFORE = /^[\s(\u2014\u2013\u2015-]*$/u;
const DASHES = '\u2014\u2013\u2015-';

/**
 * Where the trailing run of characters in `set` (and whitespace) begins in `text`.
 * A scan from the end: the regex `/[set]*$/` tried from every start and took
 * quadratic time on a long run followed by something else (80 KB: 7 s).
 */
function trailingRunStart(text: string, set: string): number {
  let i = text.length;
  while (i > 0 && (set.includes(text[i - 1]!) || /\s/u.test(text[i - 1]!))) i--;
  return i;
}

/** `head` ends with a dash (`—`, `–`, `―`, `-` or `--`), then maybe `(`, and whitespace: `> … — [@a]`. */
function endsWithDash(head: string): boolean {
  let i = trailingRunStart(head, '');
  if (head[i - 1] === '(') i = trailingRunStart(head.slice(0, i - 1), '');
  return i > 0 && DASHES.includes(head[i - 1]!);
}

/** The prose index where the block quote's own text ends, when its last line ends with a citation. */
function trailingCitation(last: BlockAnalysis): { group: CitationGroup; cut: number } | undefined {
  const group = last.groups[last.groups.length - 1];
  if (!group) return undefined;
  const text = last.prose.text;
  if (!TRAILING_AFTER_CITATION.test(text.slice(group.end))) return undefined;
  const head = text.slice(0, group.start);
  if (!group.bracketed && !endsWithDash(head) && head.trimEnd().at(-1) !== '(' && head.trim() !== '') return undefined;
  return { group, cut: trailingRunStart(head, '(' + DASHES) };
}

/** The citation that opens the paragraph after a block quote, or sits in its first sentence. */
function leadingCitation(next: BlockAnalysis | undefined): CitationGroup | undefined {
  const group = next?.groups[0];
  if (!next || !group) return undefined;
  if (LEAD_BEFORE.test(next.prose.text.slice(0, group.start))) return group;
  return group.start < (next.starts[0] ?? Infinity) ? group : undefined;
}

/** The offsets of parts joined by one space each, the space mapped just after the part before it. */
function joinedOffsets(kept: readonly { trimmed: string; lead: number; prose: Prose }[], length: number): number[] {
  const out = new Array<number>(length);
  let n = 0;
  for (const { trimmed, lead, prose } of kept) {
    if (n > 0) { out[n] = out[n - 1]! + 1; n++; }
    for (let i = 0; i < trimmed.length; i++) out[n++] = prose.offsetAt(lead + i)!;
  }
  return out;
}

/**
 * A block quote (`> ...`) cited on its last line (`> — [@key]`) or by the paragraph after
 * it, as one quote of kind `block`; undefined when uncited (then it is ordinary prose).
 */
export function blockQuote(node: Blockquote, parts: readonly BlockAnalysis[], next: BlockAnalysis | undefined, base: number): Quote | undefined {
  if (parts.length === 0) return undefined;
  // Only the block quote's own last paragraph can carry its citation, not a nested block quote's.
  const endsWithParagraph = node.children[node.children.length - 1]?.type === 'paragraph';
  const trailing = endsWithParagraph ? trailingCitation(parts[parts.length - 1]!) : undefined;
  const group = trailing?.group ?? leadingCitation(next);
  if (!group) return undefined;
  // Each part's trimmed text and where it starts in its prose; the offsets are copied once,
  // into an array of the final length (pushed one by one, 800 KB took 100-150 ms).
  const kept: { trimmed: string; lead: number; prose: Prose }[] = [];
  parts.forEach((part, index) => {
    const to = trailing && index === parts.length - 1 ? trailing.cut : part.prose.text.length;
    const chunk = part.prose.text.slice(0, to);
    const trimmed = chunk.trim();
    if (trimmed !== '') kept.push({ trimmed, lead: chunk.length - chunk.trimStart().length, prose: part.prose });
  });
  if (kept.length === 0) return undefined;
  const text = kept.map((part) => part.trimmed).join(' ');
  // One part's offsets are made when first read (lazyOffsets.ts); joined parts' at once.
  const only = kept.length === 1 ? kept[0]! : undefined;
  const joined = only ? undefined : joinedOffsets(kept, text.length);
  const textOffsets = only ? only.prose.laterOffsets(only.lead, only.lead + text.length) : () => joined!;
  const firstOffset = only ? only.prose.offsetAt(only.lead)! : joined![0]!;
  const lastOffset = (only ? only.prose.offsetAt(only.lead + text.length - 1)! : joined![joined!.length - 1]!) + 1;
  const start = (node.position?.start.offset ?? 0) + base;
  const end = trailing ? lastOffset : (node.position?.end.offset ?? lastOffset - base) + base;
  return quoteWithLazyOffsets({ kind: 'block', text }, textOffsets, {
    span: { start, end },
    innerSpan: { start: firstOffset, end: lastOffset },
    wordCount: countWords(text),
    citations: group.citations,
  });
}
