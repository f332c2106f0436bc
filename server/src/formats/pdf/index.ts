/**
 * The PDF reader: pdf.js's positioned text items laid out into lines,
 * paragraphs and columns in reading order, without running headers, footers
 * and page numbers, with line-end hyphens and glyphs without text resolved by
 * the document's own vocabulary, and one span per page with its printed number.
 * Pure: bytes in, text out.
 */
import type { ExtractedSource } from '../extracted.js';
import { guarded } from '../guard.js';
import { assemble, type PageText } from './assemble.js';
import type { Line } from './blocks.js';
import { cleanLine } from './characters.js';
import { corrupt, noText, openFailure, pageList, undecodableText } from './failures.js';
import { edgeRows, runningLines, type PageRows } from './furniture.js';
import { metaOf, type PdfMetadataLike } from './meta.js';
import { restoreMissingGlyphs } from './missingGlyphs.js';
import { layoutPage, type PageLayout } from './page.js';
import { paragraphsOf } from './paragraphs.js';
import { pdfjs } from './pdfjs.js';
import { numberCandidates, printedNumbers } from './printedNumbers.js';
import { vocabularyOf } from './vocabulary.js';
import type { TextItemLike } from './fragments.js';

/** Text items read from one page at most; past it the page is cut short (a fuzzed or generated page). */
const MAX_ITEMS_PER_PAGE = 50_000;
/** Characters of text read from one file at most; the pages past it are left out, with a note. */
const MAX_TEXT_CHARS = 32 * 1024 * 1024;
/** Share of a page's characters that decode to nothing readable from which its text is garbage. */
const UNDECODABLE_SHARE = 0.25;

/**
 * `await extractPdf(bytes, 'papers/x.pdf')` gives the text, one `page` locator
 * per physical page (`label`: the page label or printed number), and the
 * title, author and date; it rejects with an `ExtractionError` for a PDF
 * without a text layer, with a password, or damaged beyond reading.
 */
export function extractPdf(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  return guarded(path, 'open it in a PDF viewer and save or export it again', () => readPdf(bytes, path));
}

async function readPdf(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  const lib = await pdfjs();
  // pdf.js takes over (detaches) the buffer it is given: it gets a copy, so the caller's bytes stay readable.
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      throw openFailure(error, path);
    }
    if (doc.numPages < 1) throw corrupt(path, 'it has no pages');
    const layouts: PageRead[] = [];
    let truncated = 0;
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      if (chars > MAX_TEXT_CHARS) { layouts.push('skipped'); continue; }
      try {
        const page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent({ includeMarkedContent: false });
        let items = content.items as unknown as TextItemLike[];
        if (items.length > MAX_ITEMS_PER_PAGE) { items = items.slice(0, MAX_ITEMS_PER_PAGE); truncated++; }
        const layout = layoutPage(items, viewport.transform, viewport.height);
        chars += layout.chars;
        layouts.push(layout);
        page.cleanup();
      } catch {
        layouts.push(undefined);
      }
    }
    const [labels, metadata] = await Promise.all([
      doc.getPageLabels().catch(() => null),
      doc.getMetadata().catch(() => ({ info: undefined, metadata: null })),
    ]);
    return documentText(layouts, truncated, labels, metadata, path);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** A page laid out, one pdf.js could not read (undefined), or one past the text limit. */
export type PageRead = PageLayout | undefined | 'skipped';

/**
 * The text of a document from its laid-out pages, its page labels and metadata: failures and notes, running
 * lines and printed numbers, hyphens and missing glyphs, page spans. Apart
 * from `extractPdf` so the bench can time the reader's own work beside pdf.js's.
 */
export function documentText(pagesRead: readonly PageRead[], truncated: number, labels: readonly string[] | null, metadata: PdfMetadataLike, path: string): ExtractedSource {
  const notes: string[] = [];
  const unreadable: number[] = [];
  pagesRead.forEach((page, i) => { if (page === undefined) unreadable.push(i + 1); });
  const skipped = pagesRead.filter((page) => page === 'skipped').length;
  const layouts = pagesRead.map((page) => (page === 'skipped' ? undefined : page));
  const empty: number[] = [];
  const garbage: number[] = [];
  layouts.forEach((layout, i) => {
    if (!layout) return;
    if (layout.chars === 0) empty.push(i + 1);
    else if (layout.undecodable > UNDECODABLE_SHARE * layout.chars) garbage.push(i + 1);
  });
  const readable = layouts.length - empty.length - garbage.length - unreadable.length - skipped;
  if (readable === 0) {
    if (garbage.length > 0) throw undecodableText(path);
    if (unreadable.length > 0 && empty.length === 0) throw corrupt(path, 'no page could be read');
    throw noText(path);
  }
  const has = (pages: readonly number[]) => (pages.length === 1 ? 'has' : 'have');
  if (unreadable.length > 0) notes.push(`${pageList(unreadable)} could not be read (damaged), so ${unreadable.length === 1 ? 'its' : 'their'} text is missing.`);
  if (garbage.length > 0) notes.push(`${pageList(garbage)} ${has(garbage)} text that cannot be read (the fonts map glyphs to no Unicode text), so it was left out: run OCR on the file (e.g. ocrmypdf --force-ocr) to quote from ${garbage.length === 1 ? 'it' : 'them'}.`);
  if (empty.length > 0) notes.push(`${pageList(empty)} ${has(empty)} no text (blank, or scanned without a text layer: to quote from a scanned page, run OCR on the file, e.g. ocrmypdf).`);
  if (skipped > 0) notes.push(`It holds more than ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters of text, so its last ${skipped} page${skipped === 1 ? ' was' : 's were'} left out.`);
  if (truncated > 0) notes.push(`${truncated} page${truncated === 1 ? '' : 's'} had more than ${MAX_ITEMS_PER_PAGE} pieces of text; only the first ${MAX_ITEMS_PER_PAGE} of each were read.`);

  const garbageSet = new Set(garbage);
  const usable = layouts.map((layout, i) => (layout && !garbageSet.has(i + 1) ? layout : undefined));
  const rows: PageRows[] = usable.map((layout) => (layout ? edgeRows(layout.lines, layout.height) : { top: [], bottom: [] }));
  const skip: Set<Line> = runningLines(rows);
  const printed = printedNumbers(rows.map((r) => [...new Set([...r.top, ...r.bottom])].flatMap(numberCandidates)));
  for (const number of printed) if (number?.line) skip.add(number.line);

  const pageParagraphs = usable.map((layout) => (layout ? layout.blocks.flatMap((b) => paragraphsOf(b, skip)) : []));
  for (const paragraphs of pageParagraphs) for (const lines of paragraphs) for (let i = 0; i < lines.length; i++) lines[i] = cleanLine(lines[i]!);
  const vocabulary = vocabularyOf(allLines(pageParagraphs));
  const pages: PageText[] = pageParagraphs.map((paragraphs, i) => {
    const restored = paragraphs.map((lines) => lines.map((line) => restoreMissingGlyphs(line, vocabulary).replace(/\0/g, '')));
    const label = labelOf(labels, i) ?? printed[i]?.label;
    return label ? { paragraphs: restored, label } : { paragraphs: restored };
  });
  const { text, locators } = assemble(pages, vocabulary);
  return { text, locators, meta: metaOf(metadata), ...(notes.length > 0 ? { notes } : {}) };
}

function* allLines(pages: readonly (readonly (readonly string[])[])[]): Generator<string> {
  for (const paragraphs of pages) for (const lines of paragraphs) yield* lines;
}

function labelOf(labels: readonly string[] | null, index: number): string | undefined {
  const label = labels?.[index]?.trim();
  return label ? label : undefined;
}
