/**
 * Running headers, footers and page numbers: lines in the top or bottom two
 * rows of a page whose text, with numbers masked, recurs in the same place on
 * several pages. They are left out of the text, so a quotation that runs
 * across a page break still reads as one passage.
 */
import type { Line } from './blocks.js';

export interface PageRows {
  /** Lines of the top two rows and of the bottom two rows (a one- or two-row page has them in both). */
  readonly top: readonly Line[];
  readonly bottom: readonly Line[];
}

/** Share of the page height at the top and at the bottom where running headers and footers may stand. */
const MARGIN = 0.15;

/** The top and bottom two rows of a page's lines that lie in its top or bottom 15% (`height`: the page's). */
export function edgeRows(lines: readonly Line[], height: number): PageRows {
  if (lines.length === 0) return { top: [], bottom: [] };
  const byY = [...lines].sort((a, b) => a.y - b.y);
  return {
    top: rowsFrom(byY, 1).filter((l) => l.y <= MARGIN * height),
    bottom: rowsFrom(byY, -1).filter((l) => l.y >= (1 - MARGIN) * height),
  };
}

function rowsFrom(byY: readonly Line[], direction: 1 | -1): Line[] {
  const out: Line[] = [];
  let rows = 0;
  let rowY = NaN;
  for (let k = 0; k < byY.length; k++) {
    const line = byY[direction === 1 ? k : byY.length - 1 - k]!;
    if (!(Math.abs(line.y - rowY) < 0.5 * line.size)) {
      if (++rows > 2) break;
      rowY = line.y;
    }
    out.push(line);
  }
  return out;
}

/** Masks what changes from page to page: numbers (arabic, and roman at either end). */
export function furnitureKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\d+/g, '#')
    .replace(/^[ivxlcdm]+\b|\b[ivxlcdm]+$/, '#')
    .trim();
}

/** The lines of each page that are running headers, footers or page numbers. */
export function runningLines(pages: readonly PageRows[]): Set<Line> {
  const minPages = 2;
  const counts = new Map<string, number>();
  const keysOf = pages.map((page) => {
    const keys = new Map<Line, string[]>();
    const seen = new Set<string>();
    for (const [zone, lines] of [['t', page.top], ['b', page.bottom]] as const) {
      for (const line of lines) {
        const key = `${zone}${furnitureKey(line.text)}`;
        const list = keys.get(line);
        if (list) list.push(key);
        else keys.set(line, [key]);
        if (!seen.has(key)) { seen.add(key); counts.set(key, (counts.get(key) ?? 0) + 1); }
      }
    }
    return keys;
  });
  const out = new Set<Line>();
  for (const keys of keysOf) {
    for (const [line, list] of keys) if (list.some((key) => (counts.get(key) ?? 0) >= minPages)) out.add(line);
  }
  return out;
}
