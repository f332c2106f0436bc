/**
 * From fragments to blocks: the lines of one paragraph, column, table column
 * or figure label, found by geometry as poppler's pdftotext finds them, so a
 * block reads whole before the next one (see readingOrder.ts). A block starts
 * at the highest (then leftmost) fragment not yet taken and grows, until
 * nothing more joins, by:
 * 1. fragments on the lines just above or below it (baselines within 1.5 type
 *    sizes) that overlap it horizontally, in the same type size;
 * 2. fragments on its own lines that overlap it or come within 0.3 type sizes
 *    of its sides;
 * 3. only when 1 and 2 found nothing: fragments within one type size beside
 *    it, on up to three of its lines.
 * So a table's header word takes its column of numbers below before its
 * neighbour on the header row, a page number beside a table-of-contents entry
 * stays apart from it, and a line of code running into its comment joins the
 * code and the comments into one block, read row by row.
 * Fragments are kept sorted by baseline, and each step looks only at the
 * fragments not yet taken on the lines in its reach.
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

/** Greatest distance between the baselines of adjacent lines of a block, in type sizes. */
const LINE_SPACING = 1.5;
/** Greatest difference of type size between lines above and below each other in a block (share of the size). */
const SIZE_DELTA_LINES = 0.05;
/** Greatest difference of type size for text on a block's own lines (sub- and superscripts). */
const SIZE_DELTA_OVERLAP = 0.6;
/** Greatest difference of type size for text beside a block. */
const SIZE_DELTA_BESIDE = 0.2;
/** Reach beyond a block's sides, in type sizes, within which text on its lines overlaps it. */
const OVERLAP_SLACK = 0.3;
/** Gap beside a block, in type sizes, up to which text joins it when nothing else does. */
const BESIDE_GAP = 1;
/** Distance of baselines, in type sizes, within which two fragments are on one line. */
const SAME_LINE = 0.5;
/** Gap, in type sizes, from which two fragments on one line are separate words. */
const SPACE_GAP = 0.15;

export function blocksOf(fragments: readonly Fragment[]): Block[] {
  const sorted = [...fragments].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const ys = sorted.map((f) => f.y);
  const n = sorted.length;
  const taken = new Array<boolean>(n).fill(false);
  // skip[i]: i when fragment i is not taken, else a later index to look from
  // (path-compressed), so a scan over a range of baselines passes over the
  // fragments already taken at almost no cost.
  const skip = new Int32Array(n + 1).map((_, i) => i);
  const untaken = (i: number): number => {
    let j = i;
    while (skip[j] !== j) j = skip[j]!;
    for (let k = i; skip[k] !== k;) { const next = skip[k]!; skip[k] = j; k = next; }
    return j;
  };
  /** Indices of the fragments not yet taken whose baseline lies in [lo, hi]. */
  const range = function* (lo: number, hi: number): Generator<number> {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >> 1;
      if (ys[m]! < lo) a = m + 1;
      else b = m;
    }
    for (let i = untaken(a); i < n && ys[i]! <= hi; i = untaken(i + 1)) yield i;
  };
  let left = n;
  const blocks: Block[] = [];
  while (left > 0) {
    const first = untaken(0);
    // The seed: the leftmost fragment near the top line (not a superscript above it).
    let seed = first;
    const reach = sorted[first]!.y + sorted[first]!.size;
    for (let i = first + 1; i < sorted.length && ys[i]! <= reach; i++) {
      if (!taken[i] && sorted[i]!.x0 < sorted[seed]!.x0) seed = i;
    }
    const members: number[] = [];
    const take = (i: number) => { taken[i] = true; skip[i] = i + 1; left--; members.push(i); };
    take(seed);
    const s = sorted[seed]!;
    const size = s.size;
    const box = { x0: s.x0, x1: s.x1, minBase: s.y, maxBase: s.y };
    const grow = (i: number) => {
      const f = sorted[i]!;
      take(i);
      box.x0 = Math.min(box.x0, f.x0);
      box.x1 = Math.max(box.x1, f.x1);
      box.minBase = Math.min(box.minBase, f.y);
      box.maxBase = Math.max(box.maxBase, f.y);
    };
    const sameSize = (f: Fragment, delta: number) => Math.abs(f.size - size) < delta * size;
    for (let found = true; found;) {
      found = false;
      // 1. Lines above and below.
      const lineSpace = LINE_SPACING * size;
      const { minBase, maxBase } = box;
      for (const [lo, hi] of [[minBase - lineSpace, minBase], [maxBase, maxBase + lineSpace]] as const) {
        for (const i of range(lo, hi)) {
          const f = sorted[i]!;
          if (taken[i] || (f.y >= minBase && f.y <= maxBase)) continue;
          if (f.x0 < box.x1 && f.x1 > box.x0 && sameSize(f, SIZE_DELTA_LINES)) { grow(i); found = true; }
        }
      }
      // 2. Text on its lines, overlapping it.
      const intra = SAME_LINE * size;
      const slack = OVERLAP_SLACK * size;
      for (const i of range(box.minBase - intra, box.maxBase + intra)) {
        const f = sorted[i]!;
        if (!taken[i] && f.x0 < box.x1 + slack && f.x1 > box.x0 - slack && sameSize(f, SIZE_DELTA_OVERLAP)) { grow(i); found = true; }
      }
      if (found) continue;
      // 3. Text just beside it, on at most three of its lines, one fragment a line.
      const gap = BESIDE_GAP * size;
      for (const side of ['left', 'right'] as const) {
        const near = (f: Fragment) => (side === 'left' ? f.x1 <= box.x0 && f.x1 > box.x0 - gap : f.x0 >= box.x1 && f.x0 < box.x1 + gap) && sameSize(f, SIZE_DELTA_BESIDE);
        const hits = new Map<number, number>();
        for (const i of range(box.minBase - intra, box.maxBase + intra)) {
          const key = Math.round(ys[i]! / intra);
          if (!taken[i] && !hits.has(key) && near(sorted[i]!)) hits.set(key, i);
        }
        if (hits.size === 0 || hits.size > 3) continue;
        for (const i of hits.values()) grow(i);
        found = true;
      }
    }
    blocks.push(blockOf(members.map((i) => sorted[i]!)));
  }
  return blocks;
}

/** A block from its fragments: lines by baseline, top to bottom, each left to right. */
function blockOf(fragments: Fragment[]): Block {
  fragments.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const rows: Fragment[][] = [];
  for (const f of fragments) {
    const row = rows[rows.length - 1];
    if (row && f.y - row[0]!.y < SAME_LINE * Math.min(f.size, row[0]!.size)) row.push(f);
    else rows.push([f]);
  }
  const lines: Line[] = [];
  const block: Block = { lines, x0: Infinity, x1: -Infinity, top: Infinity, bottom: -Infinity, order: Infinity };
  for (const row of rows) {
    row.sort((a, b) => a.x0 - b.x0);
    let text = '';
    let x1 = -Infinity;
    let y = row[0]!.y;
    let size = 0;
    for (const f of row) {
      text += text === '' ? f.text : f.x0 - x1 > SPACE_GAP * f.size ? ` ${f.text}` : f.text;
      x1 = Math.max(x1, f.x1);
      if (f.size > size) { size = f.size; y = f.y; }
      block.top = Math.min(block.top, f.top);
      block.bottom = Math.max(block.bottom, f.bottom);
      block.order = Math.min(block.order, f.order);
    }
    lines.push({ text, x0: row[0]!.x0, x1, y, size });
    block.x0 = Math.min(block.x0, row[0]!.x0);
    block.x1 = Math.max(block.x1, x1);
  }
  return block;
}
