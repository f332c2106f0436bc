import { isByline, isCategoryLabel, isChrome, isCreditLine } from './boilerplate.js';
import { markdownHeading } from './markdownTitle.js';

/** How much of the opening a title is looked for in (characters after the front matter). */
export const TITLE_OPENING_CHARS = 16 * 1024;
const OPENING_CHARS = TITLE_OPENING_CHARS;
/** A line longer than this is body text, not a headline. */
const MAX_TITLE_CHARS = 200;

/**
 * Guesses a source's title from its opening, or '' when it has none (the
 * caller falls back to the key). Markdown: the first `#` heading (else the
 * first heading of any level). Text: the first line that reads as a headline,
 * skipping site chrome ("close", "Advertising", "Supported by"), section
 * labels ("Quốc tếWorld"), bylines, dates, e-text credit paragraphs and
 * separator lines; a line of body prose ends the search.
 * `guessTitle('close\nLocal\n\nPressure mounts on Biden\n\nText...', 0, false)` is `'Pressure mounts on Biden'`.
 */
export function guessTitle(text: string, bodyStart: number, isMarkdown: boolean): string {
  const opening = text.slice(bodyStart, bodyStart + OPENING_CHARS);
  if (isMarkdown) {
    const heading = markdownHeading(opening);
    if (heading) return heading;
  }
  return headline(opening, isMarkdown);
}

interface Line { readonly text: string; readonly paragraph: number; readonly first: boolean }

function headline(opening: string, isMarkdown: boolean): string {
  const lines = new OpeningLines(opening);
  let closer: string | undefined; // a bracketed note or italic blurb spanning lines is skipped to its end
  let skipParagraph = -1;
  let inNotes = false; // after "Transcriber's Notes", sentences are notes until a separator or a title-like line
  for (let k = 0; lines.at(k) !== undefined; k++) {
    const { text: line, paragraph, first } = lines.at(k)!;
    if (closer) {
      if (line.includes(closer)) closer = undefined;
      continue;
    }
    if (paragraph === skipParagraph) continue;
    if (inNotes) {
      if (!/\p{L}/u.test(line)) { inNotes = false; continue; } // a separator ends the notes
      if (!line.startsWith('[') && /\p{Ll}/u.test(line) && /[.:;,]$/.test(line)) continue;
      inNotes = false;
    }
    if (isNotesHeading(line)) { inNotes = true; continue; }
    if (first && (isCreditLine(line) || paragraphEndsHeader(lines, k))) { skipParagraph = paragraph; continue; }
    if (line.startsWith('[')) { if (!line.includes(']')) closer = ']'; continue; }
    if (line.startsWith('_') && (line.match(/_/g)?.length ?? 0) % 2 === 1) { closer = '_'; continue; }
    if (/^(?:[•●○◦▪■–—]|[*+-]\s|\d+\.\s|[a-z][.)]\s|[A-Z]\)\s)/u.test(line) || isNote(line)) { skipParagraph = paragraph; continue; }
    if (skippable(line, isMarkdown)) continue;
    if (line.length > MAX_TITLE_CHARS) return '';
    if (isWrappedProse(lines, k)) { skipParagraph = paragraph; continue; }
    return tidy(joinTitle(lines, k));
  }
  return '';
}

const LINE_BREAK = /\r?\n|\r/g;

/**
 * The opening's non-empty lines, whitespace collapsed, numbered by paragraph
 * (blank-line separated), split only as far as they are asked for: a title is
 * usually found in the first few lines of the 16 KB opening.
 */
class OpeningLines {
  private readonly lines: Line[] = [];
  private cursor = 0; // where the next raw line starts; -1 once the opening is used up
  private paragraph = 0;
  private first = true;
  /** The last raw line may be cut mid-line when the opening was cut at its limit: it is dropped. */
  private readonly dropLast: boolean;

  constructor(private readonly opening: string) {
    this.dropLast = opening.length === OPENING_CHARS;
  }

  /** The `k`-th non-empty line, or undefined past the last. */
  at(k: number): Line | undefined {
    while (this.lines.length <= k && this.cursor >= 0) this.next();
    return this.lines[k];
  }

  private next(): void {
    const start = this.cursor;
    LINE_BREAK.lastIndex = start;
    const found = LINE_BREAK.exec(this.opening);
    if (!found) {
      this.cursor = -1;
      if (this.dropLast) return;
      this.push(this.opening.slice(start));
      return;
    }
    this.cursor = found.index + found[0].length;
    this.push(this.opening.slice(start, found.index));
  }

  private push(raw: string): void {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text === '') {
      if (!this.first) this.paragraph++;
      this.first = true;
      return;
    }
    this.lines.push({ text, paragraph: this.paragraph, first: this.first });
    this.first = false;
  }
}

/** A paragraph ending in `***` is the tail of a stripped e-text header. */
function paragraphEndsHeader(lines: OpeningLines, k: number): boolean {
  const paragraph = lines.at(k)!.paragraph;
  for (let j = k, line = lines.at(j); line !== undefined && line.paragraph === paragraph; line = lines.at(++j)) if (line.text.endsWith('***')) return true;
  return false;
}

/** Transcriber's and publisher's notes about the e-text itself (words a news headline would not use). */
function isNote(line: string): boolean {
  return /\b(?:(?:enclosed|denoted|surrounded) (?:by|with)|(?:has|have) been (?:corrected|retained|standardi[sz]ed)|e-?texts?|e-?books?|gutenberg|transcriber|proofread\w*|typographical|misprints|typos? (?:fixed|corrected)|underscores|electronic (?:texts?|version)|utf-8)\b/i.test(line.replace(/_/g, ' '));
}

function isNotesHeading(line: string): boolean {
  return /^\[?(?:transcriber|editor|redactor)[’']?s?[’']? ?notes?\b/i.test(line);
}

function skippable(line: string, isMarkdown: boolean): boolean {
  if (!/[\p{L}\p{N}]/u.test(line)) return true; // separators, ornaments
  if (/^[<|(]/.test(line) || /\]$/.test(line)) return true; // HTML remnants, tables, asides, caption tails
  if (/^illustrations?\b/i.test(line) || /\.(?:jpe?g|png|gif|svg|html?)\b/i.test(line)) return true;
  if (isMarkdown && /^(?:!\[|```|~~~)/.test(line)) return true;
  return isChrome(line) || isByline(line) || isCategoryLabel(line);
}

/** A hard-wrapped prose paragraph (a note or the text itself), not a title: its first line runs on into the next. */
function isWrappedProse(lines: OpeningLines, k: number): boolean {
  const line = lines.at(k)!.text;
  const next = lines.at(k + 1);
  if (next === undefined || next.paragraph !== lines.at(k)!.paragraph) return false;
  if (line.length < 45 || line.length > 100 || next.text.length > 100 || !/\p{Ll}/u.test(line)) return false;
  const runsOn = /(?:,|\b(?:the|a|an|of|in|on|at|to|by|for|from|with|through|and|or|but|that|which|as|is|are|was|were|be|been|has|have|his|her|their|its|this|into|upon))$/.test(line);
  const openParen = (line.match(/\(/g)?.length ?? 0) > (line.match(/\)/g)?.length ?? 0);
  return runsOn || openParen || /^\p{Ll}/u.test(next.text) || next.text.length >= 45;
}

const CONNECTOR = /\b(?:of|the|and|a|an|in|to|for|or|with|on|at|from)$/;

/** Whether a title line ends in a word that needs the next line: `of`, or `OF` in a line set in capitals. */
function endsOpen(title: string): boolean {
  return CONNECTOR.test(isAllCaps(title) ? title.toLowerCase() : title);
}

/** Joins a title set over several short lines: `SOUND OF` / `TERROR`, or `THE` / `WILL TO POWER`. */
function joinTitle(lines: OpeningLines, k: number): string {
  let title = lines.at(k)!.text;
  for (let j = k + 1; j <= k + 4 && lines.at(j) !== undefined; j++) {
    const next = lines.at(j)!.text;
    if (next.length > 60 || /^[\[_(]/.test(next) || (!/^(?:of|and|or)$/i.test(next) && skippable(next, false))) break;
    const sameParagraph = lines.at(j)!.paragraph === lines.at(j - 1)!.paragraph;
    const open = endsOpen(title) || /^(?:of|and|or)$/i.test(next) || (sameParagraph && /[:;,]$/.test(title));
    const caps = sameParagraph && isAllCaps(title) && isAllCaps(next);
    if (!open && !caps) break;
    if (title.length + 1 + next.length > MAX_TITLE_CHARS) break;
    title = `${title} ${next}`;
  }
  return title;
}

function isAllCaps(line: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
}

/** Drops emphasis marks and a closing full stop: `tidy('THE CYBER _and_ JUSTICE HOLMES')`. */
function tidy(line: string): string {
  return line
    .replace(/^([*_])(.+)\1$/, '$2')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/(?:[,;:]|,? or)$/i, '')
    .replace(/(\p{Ll}{2})\.$/u, '$1');
}
