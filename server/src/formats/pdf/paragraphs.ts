/**
 * A block's lines split into paragraphs: a new one starts after a line that
 * stops well short of the block's right edge, at a first-line indent, or after
 * a wider gap than the block's usual line spacing.
 */
import type { Block, Line } from './blocks.js';

export function paragraphsOf(block: Block, skip: ReadonlySet<Line>): string[][] {
  const lines = block.lines.filter((l) => !skip.has(l));
  if (lines.length === 0) return [];
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) { left = Math.min(left, l.x0); right = Math.max(right, l.x1); }
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) steps.push(lines[i]!.y - lines[i - 1]!.y);
  const usual = median(steps);
  const out: string[][] = [[lines[0]!.text]];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    const em = line.size;
    const short = prev.x1 < right - 3 * em && !/[-\u00ad\u2010]$/.test(prev.text);
    const next = lines[i + 1];
    const indented = line.x0 > left + 0.8 * em && line.x0 < left + 4 * em && (next === undefined || next.x0 < line.x0 - 0.5 * em);
    const gap = usual > 0 && line.y - prev.y > 1.45 * usual;
    if (short || indented || gap) out.push([line.text]);
    else out[out.length - 1]!.push(line.text);
  }
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
