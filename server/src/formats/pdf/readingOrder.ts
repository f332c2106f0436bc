/**
 * Orders a page's blocks for reading, after Breuel (2003, "High performance
 * document layout analysis"), as poppler's pdftotext does: block a comes before
 * b when (1) they overlap horizontally and a is above b, or (2) a lies wholly
 * left of b, no block between them vertically spans both, and a is not wholly
 * below b unless a's column reaches up beside b. A topological
 * sort of that relation reads a two-column page column by column, and a
 * full-width title or figure between column parts in its place.
 * Rule 2 costs O(n³): above MAX_BLOCKS (a table of many cells) the blocks keep
 * the order of the content stream, which generators mostly write in reading order.
 */
import type { Block } from './blocks.js';

const MAX_BLOCKS = 120;

export function readingOrder(blocks: readonly Block[]): Block[] {
  const n = blocks.length;
  if (n <= 1) return [...blocks];
  if (n > MAX_BLOCKS) return [...blocks].sort((a, b) => a.order - b.order);
  const cy = blocks.map((b) => (b.top + b.bottom) / 2);
  const before: boolean[][] = blocks.map(() => new Array<boolean>(n).fill(false));
  const indegree = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const a = blocks[i]!;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const b = blocks[j]!;
      let first = false;
      if (overlapsX(a, b)) first = cy[i]! < cy[j]! || (cy[i] === cy[j] && i < j);
      else if (a.x1 <= b.x0 + 1) first = !spannedBetween(blocks, cy, i, j) && (a.top < b.bottom || besideColumn(blocks, i, j));
      if (first) { before[i]![j] = true; indegree[j]!++; }
    }
  }
  const done = new Array<boolean>(n).fill(false);
  const out: Block[] = [];
  while (out.length < n) {
    // Among the blocks with nothing left before them, the highest (then leftmost)
    // goes first; a cycle (overlapping blocks) is broken the same way.
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (done[i] || indegree[i]! > 0) continue;
      if (pick < 0 || earlier(blocks[i]!, blocks[pick]!)) pick = i;
    }
    if (pick < 0) {
      for (let i = 0; i < n; i++) if (!done[i] && (pick < 0 || earlier(blocks[i]!, blocks[pick]!))) pick = i;
    }
    done[pick] = true;
    out.push(blocks[pick]!);
    const row = before[pick]!;
    for (let j = 0; j < n; j++) if (row[j]) indegree[j]!--;
  }
  return out;
}

function overlapsX(a: Block, b: Block): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
}

/** Whether a block lies vertically between blocks i and j and overlaps both horizontally. */
function spannedBetween(blocks: readonly Block[], cy: readonly number[], i: number, j: number): boolean {
  const lo = Math.min(cy[i]!, cy[j]!);
  const hi = Math.max(cy[i]!, cy[j]!);
  const a = blocks[i]!;
  const b = blocks[j]!;
  for (let k = 0; k < blocks.length; k++) {
    if (k === i || k === j) continue;
    const c = blocks[k]!;
    if (cy[k]! > lo && cy[k]! < hi && overlapsX(c, a) && overlapsX(c, b)) return true;
  }
  return false;
}

/**
 * For a block i wholly below block j on its right: whether i's column reaches
 * up beside j (a block above i, overlapping it horizontally, lies level with
 * j), so i belongs to a column that reads before j's. A heading below a
 * centred date line on its right has no such column, and reads after it.
 */
function besideColumn(blocks: readonly Block[], i: number, j: number): boolean {
  const a = blocks[i]!;
  const b = blocks[j]!;
  for (let k = 0; k < blocks.length; k++) {
    if (k === i || k === j) continue;
    const c = blocks[k]!;
    if (c.bottom <= a.top && overlapsX(c, a) && c.top < b.bottom && c.bottom > b.top) return true;
  }
  return false;
}

function earlier(a: Block, b: Block): boolean {
  return a.top < b.top - 1 || (Math.abs(a.top - b.top) <= 1 && a.x0 < b.x0);
}
