/**
 * The number printed on each page, for PDFs without page labels: a number at
 * either end of a line in the page's top or bottom rows ("12", "- 12 -",
 * "Page 12", "12 Chapter One"), kept only where its offset from the physical
 * page number agrees with a neighbouring page's (so a year or a chapter number
 * in a running header never counts). A single page between two agreeing
 * neighbours takes their offset.
 */
import type { Line } from './blocks.js';

export interface NumberCandidate {
  readonly value: number;
  readonly roman: boolean;
  readonly text: string;
  readonly line: Line;
  /** True when the line holds nothing but the number (and decoration). */
  readonly alone: boolean;
}

const NEIGHBOURS = 3;

/** Numbers at either end of `line`'s text. */
export function numberCandidates(line: Line): NumberCandidate[] {
  const text = line.text.trim();
  const out: NumberCandidate[] = [];
  const bare = /^[-–—\s(\[]*(?:page\s+)?(\d{1,5}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})[-–—\s)\].]*$/i.exec(text);
  if (bare) {
    push(out, bare[1]!, line, true);
    return out;
  }
  const start = /^(\d{1,5}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})\s/.exec(text);
  if (start) push(out, start[1]!, line, false);
  const end = /(?:^|\s)(?:page\s+)?(\d{1,5}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})$/i.exec(text);
  if (end) push(out, end[1]!, line, false);
  return out;
}

function push(out: NumberCandidate[], text: string, line: Line, alone: boolean): void {
  if (/^\d+$/.test(text)) out.push({ value: Number(text), roman: false, text, line, alone });
  else {
    const value = romanValue(text);
    if (value !== undefined) out.push({ value, roman: true, text, line, alone });
  }
}

/** `romanValue('xiv')` is 14; undefined unless `text` is a canonical roman numeral. */
export function romanValue(text: string): number | undefined {
  const digits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  const lower = text.toLowerCase();
  let value = 0;
  for (let i = 0; i < lower.length; i++) {
    const d = digits[lower[i]!]!;
    const next = i + 1 < lower.length ? digits[lower[i + 1]!]! : 0;
    value += d < next ? -d : d;
  }
  return value > 0 && toRoman(value) === lower ? value : undefined;
}

function toRoman(value: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [n, s] of table) while (value >= n) { out += s; value -= n; }
  return out;
}

export interface PrintedNumber {
  readonly label: string;
  /** The line that printed it, when it holds nothing else (a page-number line, left out of the text). */
  readonly line?: Line;
}

/** `candidates[p]` for physical page p + 1; returns the kept printed number of each page. */
export function printedNumbers(candidates: readonly (readonly NumberCandidate[])[]): (PrintedNumber | undefined)[] {
  const n = candidates.length;
  const offsetKey = (c: NumberCandidate, page: number) => `${c.roman ? 'r' : 'a'}${c.value - page}`;
  const keys = candidates.map((list, p) => new Set(list.map((c) => offsetKey(c, p))));
  const out: (PrintedNumber | undefined)[] = new Array(n).fill(undefined);
  const chosen: (string | undefined)[] = new Array(n).fill(undefined);
  for (let p = 0; p < n; p++) {
    let best: NumberCandidate | undefined;
    let bestVotes = 0;
    for (const c of candidates[p]!) {
      const key = offsetKey(c, p);
      let votes = 0;
      for (let q = Math.max(0, p - NEIGHBOURS); q <= Math.min(n - 1, p + NEIGHBOURS); q++) if (q !== p && keys[q]!.has(key)) votes++;
      if (votes > bestVotes || (votes === bestVotes && votes > 0 && best !== undefined && c.alone && !best.alone)) { best = c; bestVotes = votes; }
    }
    if (best && bestVotes > 0) {
      out[p] = best.alone ? { label: best.text, line: best.line } : { label: best.text };
      chosen[p] = offsetKey(best, p);
    }
  }
  // One page without a number between two pages that agree takes their offset (arabic only).
  for (let p = 1; p + 1 < n; p++) {
    if (out[p] || !chosen[p - 1] || chosen[p - 1] !== chosen[p + 1] || !chosen[p - 1]!.startsWith('a')) continue;
    const offset = Number(chosen[p - 1]!.slice(1));
    if (p + offset > 0) out[p] = { label: String(p + offset) };
  }
  return out;
}
