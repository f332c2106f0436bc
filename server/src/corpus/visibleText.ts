/**
 * What of a source's text is text: editorial artifacts of plain-text books
 * (`[Illustration: …]`, `[Footnote 3: …]`, page markers `[Pg 12]` and `{12}`,
 * footnote anchors glued to a word, `said[1]`) and the markup of Markdown
 * sources (link targets and brackets, HTML tags and comments, emphasis and
 * code markers) are blanked to spaces, one space per UTF-16 unit, line breaks
 * kept. Offsets, lengths, chunk starts and line numbers therefore stay those
 * of the file, and every reader of a source's text (the index's scanner, the
 * windows verification reads, the wording a quick fix writes) sees the same
 * words: "never [Illustration: Original manuscript of Page 44.] better" reads
 * "never" and then "better".
 *
 * Every blanked range is shorter than `MASK_REACH` and is found from the text
 * within `MASK_REACH` of it, so a chunk of a lazily decoded source is masked
 * by masking it with that much of its neighbours around it (`maskWindow`), and
 * reads as the same characters as the whole text masked at once.
 */

/** How a source's text is read: a plain-text book's artifacts, or Markdown's markup, are not text. */
export type Markup = 'plain' | 'markdown';

/** No blanked range is longer, and none depends on text further away than this. */
export const MASK_REACH = 2048;

/** The markup rules for a corpus file by its name; undefined for files whose text is taken as it is. */
export function markupOf(path: string): Markup | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.(?:md|markdown|mdown|mkd)$/.test(name)) return 'markdown';
  if (/\.txt$/.test(name) || !name.includes('.')) return 'plain';
  return undefined;
}

// A plain text's artifacts, each tried (sticky) where a `[` or `{` stands: finding those with `indexOf` and
// trying the patterns there is 10× faster than scanning the whole text with each (100 MB of books hold few brackets).
// Bracketed artifacts hold no brackets, so they never overlap and each is the same wherever a scan starts.
const PLAIN: readonly RegExp[] = [
  /\[(?:Illustrations?|Footnote|Sidenote|Transcriber['’]s [Nn]otes?|Blank [Pp]age|Plate)\b[^[\]]{0,1000}\]/y,
  /\[(?:Pg|Page|p)\.? ?(?:\d{1,4}|[ivxlcdm]{1,8})\]/iy,
  /\{(?:\d{1,4}|[ivxlc]{1,6})\}/y,
];
/** A footnote anchor (`said[1]`), blanked only when glued to a word or punctuation (`gluedAnchor`). */
const ANCHOR = /\[\d{1,3}\]/y;

// Markdown's markup: what a pattern blanks is all of a match, or its groups named `m1`, `m2` when it keeps the text between them.

const MARKDOWN: readonly RegExp[] = [
  // A link or image: the brackets and target go, its text stays.
  /(?<m1>!?\[)(?=[^[\]\n]{0,500}\]\()[^[\]\n]{0,500}(?<m2>\]\([^()[\]\s]{0,500}(?:\s+"[^"\n]{0,200}")?\))/dg,
  // A reference link `[text][ref]`.
  /(?<m1>!?\[)(?=[^[\]\n]{0,500}\]\[[^[\]\n]{0,100}\])[^[\]\n]{0,500}(?<m2>\]\[[^[\]\n]{0,100}\])/dg,
  // A link reference definition line.
  /^ {0,3}\[[^[\]\n]{1,200}\]:[ \t]*\S{1,500}[^\n]{0,200}$/gm,
  // HTML comments and tags, autolinks' angle brackets.
  /<!--[^]{0,1000}?-->/g,
  /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?\/?>/g,
  /(?<m1><)(?=[a-z][a-z0-9+.-]{1,30}:[^<>\s]{1,500}>)[^<>\s]{1,540}(?<m2>>)/dgi,
  // Emphasis and code markers at a word's edge (never inside one: snake_case stays); see `markerAtEdge`.
  /\*{1,3}|_{1,3}|`{1,3}/g,
];

/**
 * Whether `text` (or a piece of it) may hold something to blank. A plain
 * text's artifacts start and end with a bracket or brace, so a piece longer
 * than any (a chunk) that holds none holds no part of one. Markdown's rules
 * end anywhere (a definition line), so every Markdown piece is masked.
 */
export function mayNeedMask(text: string, markup: Markup): boolean {
  return markup === 'markdown' || /[[\]{}]/.test(text);
}

/**
 * `text` with what is not text blanked from offset `from` on (a body's start:
 * front matter is left as it is). `maskText('never [Pg 12] better', 'plain')`
 * is `'never         better'`.
 */
export function maskText(text: string, markup: Markup | undefined, from = 0): string {
  if (markup === undefined || !mayNeedMask(text, markup)) return text;
  const ranges: [number, number][] = [];
  if (markup === 'plain') {
    for (const open of ['[', '{']) {
      for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
        for (const pattern of open === '[' ? [...PLAIN, ANCHOR] : PLAIN) {
          pattern.lastIndex = at;
          const match = pattern.exec(text);
          if (match && (pattern !== ANCHOR || gluedAnchor(text, at))) ranges.push([at, at + match[0].length]);
        }
      }
    }
    return blank(text, ranges, from);
  }
  for (const pattern of MARKDOWN) {
    const markers = pattern === MARKDOWN[MARKDOWN.length - 1];
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (markers && !markerAtEdge(text, start, end)) continue;
      const groups = match.indices?.groups;
      if (groups?.['m1'] && groups['m2']) ranges.push(groups['m1'], groups['m2']);
      else ranges.push([start, end]);
    }
  }
  return blank(text, ranges, from);
}

/** `text` with each range (from `from` on) turned to spaces, line breaks kept; built from slices, not characters. */
function blank(text: string, ranges: [number, number][], from: number): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let at = 0;
  for (const [rangeStart, end] of ranges) {
    const start = Math.max(rangeStart, at, from);
    if (end <= start) continue;
    out.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  }
  out.push(text.slice(at));
  return out.join('');
}

const LETTER_OR_PUNCTUATION = /[\p{L}\p{P}]/u;
const MARKER_OR_WORD = /[*_`\p{L}\p{N}]/u;

/** A `[12]` right after a letter or punctuation mark (a footnote anchor), not after a space (`see [12]`). */
function gluedAnchor(text: string, start: number): boolean {
  return start > 0 && LETTER_OR_PUNCTUATION.test(text[start - 1]!);
}

/**
 * A run of `*`, `_` or backticks that opens (nothing word-like or marker before, a non-space after)
 * or closes (a non-space before, nothing word-like or marker after) emphasis or code.
 */
function markerAtEdge(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1]! : ' ';
  const after = end < text.length ? text[end]! : ' ';
  if (before === text[start] || after === text[start]) return false; // part of a longer run
  const opens = before !== '\\' && !MARKER_OR_WORD.test(before) && /[^\s*_`]/.test(after);
  const closes = /[^\s*_`\\]/.test(before) && !MARKER_OR_WORD.test(after);
  return opens || closes;
}

/**
 * A piece of a text masked as the whole text would be: `before` and `after`
 * are at least `MASK_REACH` characters of the text around `piece` (or all
 * there is), `from` is the body's start relative to `piece`.
 */
export function maskWindow(before: string, piece: string, after: string, markup: Markup | undefined, from: number): string {
  if (markup === undefined || !mayNeedMask(piece, markup)) return piece;
  const masked = maskText(before + piece + after, markup, from + before.length);
  return masked.slice(before.length, before.length + piece.length);
}
