/**
 * One page's text items laid out: cleaned strings, fragments, blocks in reading
 * order, and a count of characters that decode to nothing readable (a font
 * without a Unicode map gives control characters).
 */
import { blocksOf, type Block, type Line } from './blocks.js';
import { fragmentsOf, type TextItemLike } from './fragments.js';
import { readingOrder } from './readingOrder.js';

export interface PageLayout {
  /** Blocks in reading order: the horizontal text, then text at other angles. */
  readonly blocks: readonly Block[];
  /** The lines of the horizontal text (for running headers and printed numbers). */
  readonly lines: readonly Line[];
  /** Height of the page as displayed. */
  readonly height: number;
  /** Non-space characters. */
  readonly chars: number;
  /** Characters that stand for no readable text (C0 controls, U+FFFD, private use). */
  readonly undecodable: number;
}

const LIGATURE = /[\ufb00-\ufb06]/g;
const UNDECODABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffd\ue000-\uf8ff]/g;

export function layoutPage(items: readonly TextItemLike[], viewport: readonly number[], height: number): PageLayout {
  let chars = 0;
  let undecodable = 0;
  const cleaned: TextItemLike[] = [];
  for (const item of items) {
    if (typeof item.str !== 'string' || !Array.isArray(item.transform) || item.str.length === 0) continue;
    let str = item.str;
    chars += str.replace(/\s+/g, '').length;
    const bad = str.match(UNDECODABLE);
    if (bad) {
      undecodable += bad.length;
      str = str.replace(UNDECODABLE, ' ');
    }
    str = str.replace(LIGATURE, (c) => c.normalize('NFKC')).replace(/[\t\n\r\u00a0\u2000-\u200b\u3000]/g, ' ');
    cleaned.push({ str, transform: item.transform, width: item.width });
  }
  const groups = fragmentsOf(cleaned, viewport);
  const blocks: Block[] = [];
  const lines: Line[] = [];
  groups.forEach((fragments, g) => {
    const ordered = readingOrder(blocksOf(fragments));
    blocks.push(...ordered);
    if (g === 0) for (const b of ordered) lines.push(...b.lines);
  });
  return { blocks, lines, height, chars, undecodable };
}
