/**
 * From fragments to blocks: the lines of one paragraph or run of paragraphs in
 * one column, found by geometry (vertically close, horizontally overlapping,
 * similar type size), so a column reads down before the next one starts.
 * One sweep from top to bottom over fragments sorted by their top edge; only
 * blocks whose bottom is near the sweep stay open, so a page costs
 * O(n log n + n × columns).
 */
import type { Fragment } from './fragments.js';

export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface Block {
  lines: Line[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Content-stream place of its first fragment. */
  order: number;
}

/** Vertical gap between a block's last line and the next, in font sizes, up to which they belong together. */
const LINE_GAP = 0.9;
/**
 * Horizontal gap, in font sizes, up to which fragments on one baseline are one
 * line (as in fragments.ts: two columns' lines on one baseline must stay apart).
 */
const ROW_GAP = 1;

export function blocksOf(fragments: readonly Fragment[]): Block[] {
  const sorted = [...fragments].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const open: Block[] = [];
  const all: Block[] = [];
  for (const f of sorted) {
    let best: Block | undefined;
    let bestDistance = Infinity;
    for (let i = open.length - 1; i >= 0; i--) {
      const b = open[i]!;
      const last = b.lines[b.lines.length - 1]!;
      if (f.top - b.bottom > 3 * Math.max(f.size, last.size)) { open.splice(i, 1); continue; }
      const distance = fits(b, last, f);
      if (distance < bestDistance) { best = b; bestDistance = distance; }
    }
    if (best) add(best, f);
    else {
      const block: Block = { lines: [lineOf(f)], x0: f.x0, x1: f.x1, top: f.top, bottom: f.bottom, order: f.order };
      open.push(block);
      all.push(block);
    }
  }
  const merged = mergeOverlapping(all);
  for (const b of merged) b.lines.sort((p, q) => p.y - q.y || p.x0 - q.x0);
  return merged;
}

/**
 * Blocks whose boxes overlap become one, its lines on a shared baseline joined
 * left to right. The sweep above closes a block that it cannot continue, so
 * two columns of a figure (code and its comments) start apart; once a line
 * bridges them (a long line of code runs into its comment), the comment column
 * overlaps the code column and neither can be read before the other: read as
 * one block, row by row, as pdftotext does. Boxes apart (a column beside a
 * column) are untouched. Repeated until no two overlap; each pass looks only at
 * blocks that start above another's bottom.
 */
function mergeOverlapping(blocks: Block[]): Block[] {
  let list = blocks;
  for (let changed = true; changed;) {
    changed = false;
    const byTop = [...list].sort((a, b) => a.top - b.top);
    const gone = new Set<Block>();
    for (let i = 0; i < byTop.length; i++) {
      const a = byTop[i]!;
      if (gone.has(a)) continue;
      for (let j = i + 1; j < byTop.length && byTop[j]!.top < a.bottom; j++) {
        const b = byTop[j]!;
        if (gone.has(b) || !boxesOverlap(a, b)) continue;
        absorb(a, b);
        gone.add(b);
        changed = true;
      }
    }
    if (changed) list = list.filter((b) => !gone.has(b));
  }
  return list;
}

/** Whether two blocks overlap by more than a sliver (half a line) each way. */
function boxesOverlap(a: Block, b: Block): boolean {
  const em = Math.min(a.lines[0]!.size, b.lines[0]!.size);
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 * em && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 * em;
}

/** Moves block b's lines into block a, joining lines that share a baseline. */
function absorb(a: Block, b: Block): void {
  for (const line of b.lines) {
    const same = a.lines.find((l) => Math.abs(l.y - line.y) < 0.35 * Math.min(l.size, line.size) && (line.x0 >= l.x1 || line.x1 <= l.x0));
    if (!same) { a.lines.push({ ...line }); continue; }
    same.text = line.x0 >= same.x1 ? `${same.text} ${line.text}` : `${line.text} ${same.text}`;
    same.x0 = Math.min(same.x0, line.x0);
    same.x1 = Math.max(same.x1, line.x1);
    same.size = Math.max(same.size, line.size);
  }
  a.x0 = Math.min(a.x0, b.x0);
  a.x1 = Math.max(a.x1, b.x1);
  a.top = Math.min(a.top, b.top);
  a.bottom = Math.max(a.bottom, b.bottom);
  a.order = Math.min(a.order, b.order);
}

/** How well fragment `f` continues block `b` whose lowest line is `last` (smaller is better), or Infinity. */
function fits(b: Block, last: Line, f: Fragment): number {
  const em = Math.max(f.size, last.size);
  const ratio = f.size / last.size;
  if (Math.abs(f.y - last.y) < 0.35 * Math.min(f.size, last.size)) {
    // Same baseline: part of the same line only when close to it.
    const gap = Math.max(f.x0 - last.x1, last.x0 - f.x1);
    return gap < ROW_GAP * Math.min(f.size, last.size) ? 0 : Infinity;
  }
  if (ratio > 1.3 || ratio < 1 / 1.3) return Infinity;
  if (f.y < last.y) return Infinity;
  const gap = f.top - b.bottom;
  if (gap > LINE_GAP * em) return Infinity;
  const overlap = Math.min(f.x1, b.x1) - Math.max(f.x0, b.x0);
  if (overlap <= 0.2 * Math.min(f.x1 - f.x0, b.x1 - b.x0)) return Infinity;
  return Math.max(gap, 0) + 1;
}

function add(b: Block, f: Fragment): void {
  const last = b.lines[b.lines.length - 1]!;
  if (Math.abs(f.y - last.y) < 0.35 * Math.min(f.size, last.size)) {
    if (f.x0 >= last.x0) last.text = `${last.text} ${f.text}`;
    else last.text = `${f.text} ${last.text}`;
    last.x0 = Math.min(last.x0, f.x0);
    last.x1 = Math.max(last.x1, f.x1);
    last.size = Math.max(last.size, f.size);
  } else b.lines.push(lineOf(f));
  b.x0 = Math.min(b.x0, f.x0);
  b.x1 = Math.max(b.x1, f.x1);
  b.top = Math.min(b.top, f.top);
  b.bottom = Math.max(b.bottom, f.bottom);
  b.order = Math.min(b.order, f.order);
}

function lineOf(f: Fragment): Line {
  return { text: f.text, x0: f.x0, x1: f.x1, y: f.y, size: f.size };
}
