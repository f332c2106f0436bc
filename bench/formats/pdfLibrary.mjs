/**
 * The PDF library of known text: Gutenberg books typeset with pdfkit (justified
 * lines, words hyphenated at line ends, a running header, a page number in the
 * footer, one or two columns), with the page each word was set on. Quotations
 * sampled from the typeset text must come back verbatim from the PDF reader,
 * and inside the span of the page they were set on.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { seededRandom } from '../../server/out/index/quoteSampler.js';

const PAGE = { width: 612, height: 792, margin: 72 };
const SIZE = 11;
const LEADING = 14;
const GUTTER = 24;
/** Characters Times-Roman can set through pdfkit's WinAnsi encoding; anything else is typeset (and expected) as a space. */
const SETTABLE = /[^\x20-\x7e\xa0-\xff\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g;

/** The book's text between Gutenberg's start and end markers, as paragraphs of words. */
export function bookParagraphs(path, maxWords) {
  let text = readFileSync(path, 'utf8');
  const start = text.search(/\*\*\* ?START OF.*\n/);
  if (start >= 0) text = text.slice(text.indexOf('\n', start) + 1);
  const end = text.search(/\*\*\* ?END OF/);
  if (end >= 0) text = text.slice(0, end);
  const paragraphs = [];
  let words = 0;
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const ws = block.replace(SETTABLE, ' ').split(/\s+/).filter(Boolean);
    if (ws.length === 0) continue;
    paragraphs.push(ws);
    words += ws.length;
    if (words >= maxWords) break;
  }
  return paragraphs;
}

/**
 * Typesets `paragraphs` into `file`; resolves to the list of words as set, each
 * with its physical page, and the printed number of each page (the first page
 * is a title page without one; the next is printed 1).
 */
export function typeset(paragraphs, file, { title, columns = 1, maxPages = 40 }) {
  const doc = new PDFDocument({ size: [PAGE.width, PAGE.height], margin: 0, autoFirstPage: false, info: { Title: title, Author: 'Verbatim bench' } });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.font('Times-Roman').fontSize(SIZE);
  const space = doc.widthOfString(' ');
  const colWidth = (PAGE.width - 2 * PAGE.margin - (columns - 1) * GUTTER) / columns;
  const words = [];
  const printed = [];
  let page = 0;
  let column = 0;
  let y = 0;
  const top = PAGE.margin + 2 * LEADING;
  const bottom = PAGE.height - PAGE.margin - LEADING;
  const newPage = () => {
    doc.addPage();
    page++;
    column = 0;
    y = top;
    if (page === 1) {
      printed.push(undefined);
      doc.fontSize(24).text(title, PAGE.margin, 300, { width: PAGE.width - 2 * PAGE.margin, align: 'center' });
      doc.fontSize(SIZE);
      return false;
    }
    printed.push(String(page - 1));
    doc.fontSize(9).text(title.toUpperCase(), PAGE.margin, PAGE.margin, { width: PAGE.width - 2 * PAGE.margin, align: 'center', lineBreak: false });
    doc.text(String(page - 1), PAGE.margin, PAGE.height - PAGE.margin + 10, { width: PAGE.width - 2 * PAGE.margin, align: 'center', lineBreak: false });
    doc.fontSize(SIZE);
    return true;
  };
  const nextLine = () => {
    y += LEADING;
    if (y > bottom) {
      if (++column >= columns) return newPage() || newPage();
      y = top;
    }
    return true;
  };
  newPage();
  newPage();
  const x0 = () => PAGE.margin + column * (colWidth + GUTTER);
  /** Sets one line: `parts` are strings; justified unless it is a paragraph's last line. */
  const setLine = (parts, justify) => {
    const widths = parts.map((p) => doc.widthOfString(p));
    const natural = widths.reduce((a, b) => a + b, 0) + space * (parts.length - 1);
    const gap = justify && parts.length > 1 ? space + (colWidth - natural) / (parts.length - 1) : space;
    let x = x0();
    parts.forEach((p, i) => { doc.text(p, x, y, { lineBreak: false }); x += widths[i] + gap; });
  };
  for (const paragraph of paragraphs) {
    if (page > maxPages) break;
    let line = [];
    let width = 0;
    for (let i = 0; i < paragraph.length; i++) {
      let word = paragraph[i];
      const w = doc.widthOfString(word);
      if (line.length === 0 || width + space + w <= colWidth) {
        width += (line.length ? space : 0) + w;
        line.push(word);
        words.push({ word, page });
        continue;
      }
      // Break the word: at its own hyphen if it has one, else at the longest prefix of 3+ letters that fits with a hyphen (leaving 3+).
      let head;
      if (word.length >= 7) {
        const hyphen = word.indexOf('-');
        const room = colWidth - width - space;
        if (hyphen >= 2 && hyphen < word.length - 2 && doc.widthOfString(word.slice(0, hyphen + 1)) <= room) head = word.slice(0, hyphen + 1);
        else if (hyphen < 0 && /^[A-Za-z]+[,.;:]?$/.test(word)) {
          for (let k = word.replace(/[,.;:]$/, '').length - 3; k >= 3; k--) {
            if (doc.widthOfString(`${word.slice(0, k)}-`) <= room) { head = `${word.slice(0, k)}-`; break; }
          }
        }
      }
      if (head) {
        line.push(head);
        words.push({ word, page, broken: true });
        setLine(line, true);
        if (!nextLine()) break;
        const tail = word.endsWith('-') || !head.endsWith('-') || word.includes('-') ? word.slice(head.length) : word.slice(head.length - 1);
        line = [tail];
        width = doc.widthOfString(tail);
        words[words.length - 1].endPage = page;
        continue;
      }
      setLine(line, true);
      if (!nextLine()) break;
      line = [word];
      width = w;
      words.push({ word, page });
    }
    if (line.length > 0) { setLine(line, false); nextLine(); }
  }
  doc.end();
  return new Promise((resolve, reject) => {
    out.on('finish', () => resolve({ words, printed }));
    out.on('error', reject);
  });
}

/** Picks `count` quotations of 6–20 words from the set words, seeded. */
export function sampleQuotes(words, count, seed) {
  const rand = seededRandom(seed);
  const out = [];
  for (let i = 0; i < count && words.length > 20; i++) {
    const length = 6 + Math.floor(rand() * 15);
    const start = Math.floor(rand() * (words.length - length));
    const slice = words.slice(start, start + length);
    out.push({ text: slice.map((w) => w.word).join(' '), firstPage: slice[0].page, lastPage: slice[slice.length - 1].endPage ?? slice[slice.length - 1].page });
  }
  return out;
}

/**
 * Checks each quotation against an extraction: found verbatim (same normalized
 * words, in a row) and with its first and last word inside the spans of the
 * pages it was set on. `normalize(text)` gives the normalized words with offsets.
 */
export function checkQuotes(quotes, extracted, tokenize) {
  const tokens = tokenize(extracted.text);
  const joined = [];
  const starts = [];
  let length = 0;
  for (const t of tokens) { starts.push(length); joined.push(t.norm); length += t.norm.length + 1; }
  const haystack = ` ${joined.join(' ')} `;
  const wordAt = (charPos) => { let lo = 0, hi = starts.length - 1; while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= charPos) lo = mid; else hi = mid - 1; } return lo; };
  const pageOf = (offset) => extracted.locators.find((l) => offset >= l.start && offset < l.end)?.index;
  let found = 0;
  let onPage = 0;
  const misses = [];
  for (const q of quotes) {
    const needle = ` ${tokenize(q.text).map((t) => t.norm).join(' ')} `;
    let at = haystack.indexOf(needle);
    let ok = false;
    let anyFound = at >= 0;
    while (at >= 0 && !ok) {
      const first = wordAt(at);
      const last = first + needle.trim().split(' ').length - 1;
      ok = pageOf(tokens[first].start) === q.firstPage && pageOf(tokens[last].end - 1) === q.lastPage;
      at = haystack.indexOf(needle, at + 1);
    }
    if (anyFound) found++;
    if (ok) onPage++;
    else if (misses.length < 5) misses.push({ quote: q.text, expected: `${q.firstPage}-${q.lastPage}`, found: anyFound });
  }
  return { quotes: quotes.length, found, onPage, misses };
}

export const libraryBooks = (dir, names) => names.map((name) => join(dir, name));
