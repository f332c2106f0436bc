/**
 * From pdf.js's positioned text items to line fragments: runs of text on one
 * baseline with no wide gap, in the page's display space (y grows downwards,
 * page rotation applied). A fragment is the unit the layout works with; a
 * line of a column is one or a few fragments, a two-column row is two.
 */

/** The part of a pdf.js text item this reader uses. */
export interface TextItemLike {
  readonly str: string;
  /** [a, b, c, d, e, f]: text space to PDF user space. */
  readonly transform: readonly number[];
  /** Advance width in user space units. */
  readonly width: number;
}

export interface Fragment {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  top: number;
  bottom: number;
  /** Font size of the largest item in it. */
  size: number;
  /** Place of its first item in the page's content stream (a tie-breaker for reading order). */
  order: number;
}

/** Gap, in font sizes, beyond which two items on one baseline belong to different fragments (a column gutter, a table cell). */
const SPLIT_GAP = 0.5;
/** Gap, in font sizes, from which two adjacent items are separate words. */
const SPACE_GAP = 0.15;

/**
 * `items` in content order, `viewport` the page's user-space-to-display transform.
 * Text at an angle (a rotated stamp in the margin) is laid out in its own frame
 * and returned as a separate group after the horizontal text.
 */
export function fragmentsOf(items: readonly TextItemLike[], viewport: readonly number[]): Fragment[][] {
  const groups = new Map<number, Fragment[]>();
  const current = new Map<number, Fragment & { pendingSpace: boolean }>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const str = item.str;
    if (str.length === 0) continue;
    const m = multiply(viewport, item.transform);
    const size = Math.hypot(m[2]!, m[3]!);
    const advance = Math.hypot(m[0]!, m[1]!);
    if (!(size > 0) || !Number.isFinite(size) || !(advance > 0)) continue;
    const angle = Math.round((Math.atan2(m[1]!, m[0]!) * 180) / Math.PI);
    const key = angle || 0; // no -0 key
    // Rotate into the text's own frame: x along the baseline, y down across it.
    const rad = (-key * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    const x = m[4]! * cos - m[5]! * sin;
    const y = m[4]! * sin + m[5]! * cos;
    // The viewport has scale 1, so the advance width is the same in display space.
    const width = Number.isFinite(item.width) && item.width > 0 ? item.width : 0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const blank = str.trim().length === 0;
    let cur = current.get(key);
    if (blank) {
      if (cur) cur.pendingSpace = true;
      continue;
    }
    const top = y - 0.8 * size;
    const bottom = y + 0.25 * size;
    if (cur && continues(cur, x, top, bottom, size)) {
      const gap = x - cur.x1;
      const space = cur.pendingSpace || gap > SPACE_GAP * Math.min(size, cur.size);
      cur.text += space && !/\s$/.test(cur.text) && !/^\s/.test(str) ? ` ${str}` : str;
      cur.x1 = Math.max(cur.x1, x + width);
      if (size > cur.size) { cur.size = size; cur.y = y; }
      cur.top = Math.min(cur.top, top);
      cur.bottom = Math.max(cur.bottom, bottom);
      cur.pendingSpace = /\s$/.test(str);
      continue;
    }
    cur = { text: str, x0: x, x1: x + width, y, top, bottom, size, order: i, pendingSpace: /\s$/.test(str) };
    current.set(key, cur);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(cur);
  }
  const out: Fragment[][] = [];
  const keys = [...groups.keys()].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : a - b));
  for (const key of keys) {
    const group: Fragment[] = [];
    for (const f of groups.get(key)!) {
      const text = f.text.trim();
      if (text.length > 0) group.push({ text, x0: f.x0, x1: f.x1, y: f.y, top: f.top, bottom: f.bottom, size: f.size, order: f.order });
    }
    if (group.length > 0) out.push(group);
  }
  return out;
}

/** Whether an item at `x` with vertical extent [top, bottom] continues fragment `f` (same line, no wide gap, not far back). */
function continues(f: Fragment, x: number, top: number, bottom: number, size: number): boolean {
  const overlap = Math.min(bottom, f.bottom) - Math.max(top, f.top);
  if (overlap < 0.5 * Math.min(bottom - top, f.bottom - f.top)) return false;
  const em = Math.max(size, f.size);
  const gap = x - f.x1;
  return gap < SPLIT_GAP * em && gap > -0.6 * em;
}

function multiply(m1: readonly number[], m2: readonly number[]): number[] {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}
