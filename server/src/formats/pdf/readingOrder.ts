/**
 * Orders a page's blocks for reading by Breuel's two rules (2003, "High
 * performance document layout analysis"), in the form poppler's pdftotext
 * gives them, so that figures, tables and tables of contents read as
 * pdftotext reads them:
 * 1. a comes before b when their extended spans overlap horizontally and a
 *    starts higher;
 * 2. a comes before b when a's extended span ends left of b's, unless some
 *    block c lies between them: b before c and c before a, both by rule 1.
 * A block's extended span reaches, on each side, over the blocks below it, as
 * far as the nearest block beside it on its own rows allows. So a heading or
 * a column's first paragraph spans the column under it, and a short line
 * (a ToC entry, a row label) does not reach across to the numbers on its
 * right: a page number placed beside each entry is read after that entry.
 * The order is a depth-first topological sort over the blocks in the order
 * they were found (top to bottom); each block is read whole, line by line.
 * The intervening-block test costs O(n³): above MAX_BLOCKS (a table of many
 * cells) the blocks keep the order of the content stream, which generators
 * mostly write in reading order.
 */
import type { Block } from './blocks.js';

const MAX_BLOCKS = 160;

export function readingOrder(blocks: readonly Block[]): Block[] {
  const n = blocks.length;
  if (n <= 1) return [...blocks];
  if (n > MAX_BLOCKS) return [...blocks].sort((a, b) => a.order - b.order);
  const spans = blocks.map((b) => extendedSpan(blocks, b));
  // first[i][j]: block i comes before block j by rule 1.
  const first: boolean[][] = blocks.map((a, i) => blocks.map((b, j) => i !== j && overlaps(spans[i]!, spans[j]!) && a.top < b.top));
  const visited = new Array<boolean>(n).fill(false);
  const out: Block[] = [];
  const before = (j: number, i: number): boolean => {
    if (first[j]![i]) return true;
    if (spans[j]!.x1 > spans[i]!.x0) return false;
    for (let k = 0; k < n; k++) if (k !== i && k !== j && first[i]![k] && first[k]![j]) return false;
    return true;
  };
  // Depth first, without recursion: a page of many blocks stays off the call stack.
  for (let start = 0; start < n; start++) {
    if (visited[start]) continue;
    visited[start] = true;
    const stack: { block: number; next: number }[] = [{ block: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      let pushed = false;
      while (top.next < n) {
        const j = top.next++;
        if (visited[j] || !before(j, top.block)) continue;
        visited[j] = true;
        stack.push({ block: j, next: 0 });
        pushed = true;
        break;
      }
      if (!pushed) {
        stack.pop();
        out.push(blocks[top.block]!);
      }
    }
  }
  return out;
}

interface Span {
  x0: number;
  x1: number;
}

function overlaps(a: Span, b: Span): boolean {
  return (a.x0 <= b.x0 && b.x0 <= a.x1) || (b.x0 <= a.x0 && a.x0 <= b.x1);
}

/**
 * Block b's horizontal span widened over the blocks wholly below it, up to the
 * nearest block beside it on its own rows (so never across a column gutter
 * where the next column stands level with it).
 */
function extendedSpan(blocks: readonly Block[], b: Block): Span {
  let leftLimit = -Infinity;
  let rightLimit = Infinity;
  for (const c of blocks) {
    if (c === b || c.top > b.bottom || c.bottom < b.top) continue;
    if (c.x0 > b.x1 && c.x0 < rightLimit) rightLimit = c.x0;
    if (c.x1 < b.x0 && c.x1 > leftLimit) leftLimit = c.x1;
  }
  let x0 = b.x0;
  let x1 = b.x1;
  for (const c of blocks) {
    if (c === b || c.top < b.bottom) continue;
    if (c.x1 > x1 && c.x1 <= rightLimit) x1 = c.x1;
    if (c.x0 < x0 && c.x0 >= leftLimit) x0 = c.x0;
  }
  return { x0, x1 };
}
