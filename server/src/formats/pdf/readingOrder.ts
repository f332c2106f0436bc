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
  const table = tablesOf(blocks);
  const spans = extendedSpans(blocks, table);
  // first[i][j]: block i comes before block j by rule 1.
  const first: boolean[][] = spans.map((a, i) => spans.map((b, j) => i !== j && overlaps(a, b) && a.top < b.top));
  const visited = new Array<boolean>(n).fill(false);
  const out: Block[] = [];
  const before = (j: number, i: number): boolean => {
    if (table[i]! >= 0 && table[i] === table[j]) {
      // Cells of one table read row by row.
      const a = blocks[j]!;
      const b = blocks[i]!;
      return a.bottom <= b.top || (a.x1 <= b.x0 && a.top <= b.bottom && a.bottom >= b.top);
    }
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

/** A block's extent for the rules: its span widened, and its top (a table's cells share the table's). */
interface Span {
  x0: number;
  x1: number;
  top: number;
}

function overlaps(a: Span, b: Span): boolean {
  return (a.x0 <= b.x0 && b.x0 <= a.x1) || (b.x0 <= a.x0 && a.x0 <= b.x1);
}

const apartX = (a: Block, b: Block) => a.x0 > b.x1 || a.x1 < b.x0;
const apartY = (a: Block, b: Block) => a.top > b.bottom || a.bottom < b.top;

/**
 * The table each block belongs to (-1: none). Four blocks form a piece of
 * table when a block, its nearest neighbour on the right, its nearest below
 * and the nearest below-right stand on a grid: the two columns aligned (left
 * edges, right edges or centres) and the two rows too. Pieces that share a
 * block are one table. A table of contents (entries in one column, page numbers
 * in the other) is one too, so each entry reads before its page number.
 */
function tablesOf(blocks: readonly Block[]): number[] {
  const table = blocks.map(() => -1);
  let tables = 0;
  for (const b of blocks) {
    let right: Block | undefined;
    let below: Block | undefined;
    let diagonal: Block | undefined;
    for (const c of blocks) {
      if (c === b) continue;
      if (!apartY(c, b) && c.x0 > b.x1 && (!right || c.x0 < right.x0)) right = c;
      else if (!apartX(c, b) && c.top > b.bottom && (!below || c.top < below.top)) below = c;
      else if (c.x0 > b.x1 && c.top > b.bottom && (!diagonal || (c.x0 < diagonal.x0 && c.top < diagonal.top))) diagonal = c;
    }
    if (!right || !below || !diagonal) continue;
    if (!apartX(below, diagonal) || !apartY(right, diagonal) || !apartX(right, below) || !apartY(right, below)) continue;
    if (apartX(diagonal, right) || apartY(diagonal, below)) continue;
    const size = Math.min(...[b, right, below, diagonal].map((x) => x.lines[0]!.size));
    const dx = 0.3 * size;
    const dy = 0.5 * size;
    const near = (p: number, q: number, d: number) => Math.abs(p - q) <= d;
    const columns =
      (near(b.x0 + b.x1, below.x0 + below.x1, 2 * dx) && near(right.x0 + right.x1, diagonal.x0 + diagonal.x1, 2 * dx)) ||
      (near(b.x0, below.x0, dx) && near(right.x0, diagonal.x0, dx)) ||
      (near(b.x1, below.x1, dx) && near(right.x1, diagonal.x1, dx));
    const rows =
      (near(b.top + b.bottom, right.top + right.bottom, 2 * dy) && near(below.top + below.bottom, diagonal.top + diagonal.bottom, 2 * dy)) ||
      (near(b.top, right.top, dy) && near(below.top, diagonal.top, dy)) ||
      (near(b.bottom, right.bottom, dy) && near(below.bottom, diagonal.bottom, dy));
    if (!columns || !rows) continue;
    const four = [b, right, below, diagonal].map((x) => blocks.indexOf(x));
    let id = Math.max(...four.map((k) => table[k]!));
    if (id < 0) id = tables++;
    for (const k of four) table[k] = id;
  }
  return table;
}

/**
 * Each block's span for the rules. A table's cells all take the table's box.
 * Then every span widens over the blocks wholly below it, as far as the
 * nearest block beside it on its own rows allows (so never across a column
 * gutter where the next column stands level with it).
 */
function extendedSpans(blocks: readonly Block[], table: readonly number[]): Span[] {
  const spans: Span[] = blocks.map((b) => ({ x0: b.x0, x1: b.x1, top: b.top }));
  const boxes = new Map<number, Span>();
  blocks.forEach((b, i) => {
    const id = table[i]!;
    if (id < 0) return;
    const box = boxes.get(id);
    if (!box) boxes.set(id, { x0: b.x0, x1: b.x1, top: b.top });
    else { box.x0 = Math.min(box.x0, b.x0); box.x1 = Math.max(box.x1, b.x1); box.top = Math.min(box.top, b.top); }
  });
  table.forEach((id, i) => {
    const box = boxes.get(id);
    if (box) spans[i] = { ...box };
  });
  blocks.forEach((b, i) => {
    let leftLimit = -Infinity;
    let rightLimit = Infinity;
    for (const c of blocks) {
      if (c === b || apartY(c, b)) continue;
      if (c.x0 > b.x1 && c.x0 < rightLimit) rightLimit = c.x0;
      if (c.x1 < b.x0 && c.x1 > leftLimit) leftLimit = c.x1;
    }
    const span = spans[i]!;
    for (const c of blocks) {
      if (c === b || c.top < b.bottom) continue;
      if (c.x1 > span.x1 && c.x1 <= rightLimit) span.x1 = c.x1;
      if (c.x0 < span.x0 && c.x0 >= leftLimit) span.x0 = c.x0;
    }
  });
  return spans;
}
