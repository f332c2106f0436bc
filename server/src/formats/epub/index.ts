import { ExtractionError, type ExtractedSource, type Locator } from '../extracted.js';
import { firstNamed, parseXmlDocument } from '../dom.js';
import { guarded } from '../guard.js';
import { htmlToText } from '../htmlText.js';
import { LIMITS, checkSize, hasWords } from '../limits.js';
import { readZip, xmlText, zipEntry, type ZipEntries } from '../zip.js';
import { packagePath, readPackage, type ManifestItem } from './container.js';
import { encryptedContent } from './encryption.js';
import { tableOfContents, type TocEntry } from './toc.js';

const ADVICE = 'open it in an e-book editor (e.g. Calibre or Sigil) and save it again as EPUB';

/** Media files are never decompressed: only markup (content documents, OPF, NCX, container) is read. */
const MEDIA = /\.(?:jpe?g|png|gif|webp|bmp|tiff?|ttf|otf|woff2?|mp3|mp4|m4a|m4v|ogg|oga|webm|wav|css|js|pdf)$/i;

/**
 * Reads an e-book (`.epub`, EPUB 2 or 3): `META-INF/container.xml` names the
 * package document (OPF), whose spine gives the content documents in reading
 * order; each one's body becomes text (`htmlToText`: footnote marks such as
 * `epub:type="noteref"` are left out, the notes kept), documents separated by a blank line. The
 * navigation document (the table of contents itself) is not read as text.
 *
 * Chapters are the table of contents' entries (EPUB 3 nav, else EPUB 2 NCX;
 * every level): each starts where its target (a document, or an anchor in one)
 * starts in the text and runs to the next entry; `index` is its 1-based place
 * in reading order, `label` its title. A spine document the table does not
 * list belongs to the chapter before it; text before the first entry (cover,
 * title page when the table leaves them out) is in no chapter. Entries that
 * point at the same place count once, with the last one's title (a part and
 * its first chapter). A book without a usable table has one chapter per
 * document that holds text, without labels.
 *
 *   extractEpub(bytes of wasteland.epub, 'wasteland.epub')
 *     → { text: 'The Waste Land\n\nT.S. Eliot…', locators: [{ kind: 'chapter', index: 1, label: 'I. THE BURIAL OF THE DEAD', … }, …] }
 */
export function extractEpub(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  return guarded(path, ADVICE, async () => readEpub(bytes, path));
}

function readEpub(bytes: Uint8Array, path: string): ExtractedSource {
  const entries = readZip(bytes, path, (name) => !MEDIA.test(name), ADVICE);
  if (encryptedContent(entries).length > 0) {
    throw new ExtractionError('encrypted', `${path}: is protected by DRM (its content is encrypted), so its text cannot be read: use a DRM-free copy of the book, or save its text as .txt.`);
  }
  const opf = packagePath(entries);
  if (!opf || !zipEntry(entries, opf)) {
    throw new ExtractionError('corrupt', `${path}: is not an EPUB book (no package document in META-INF/container.xml): ${ADVICE}.`);
  }
  const book = readPackage(entries, opf);
  const toc = tableOfContents(entries, book);
  const documents = book.spine.filter((item) => item !== book.nav && item.path !== book.nav?.path && isContentDocument(item));
  const { text, starts, anchors } = readDocuments(entries, documents, toc, path);
  if (!hasWords(text)) {
    throw new ExtractionError('no-text', `${path}: the book holds no text (only images?), so it was skipped.`);
  }
  const notes = book.missing > 0 ? [`${book.missing} document${book.missing === 1 ? '' : 's'} of the reading order ${book.missing === 1 ? 'is' : 'are'} missing from the book.`] : undefined;
  const locators = chapters(text, toc, starts, anchors, documents);
  return { text, locators, meta: book.meta, ...(notes ? { notes } : {}) };
}

function isContentDocument(item: ManifestItem): boolean {
  if (item.mediaType === 'application/xhtml+xml' || item.mediaType === 'text/html' || item.mediaType === 'text/x-oeb1-document') return true;
  return item.mediaType === '' && /\.x?html?$/i.test(item.path);
}

interface Documents {
  readonly text: string;
  /** Where each document's text starts (or would: an empty document's next text). */
  readonly starts: ReadonlyMap<string, number>;
  /** Where each `path#fragment` of the table of contents starts. */
  readonly anchors: ReadonlyMap<string, number>;
}

function readDocuments(entries: ZipEntries, documents: readonly ManifestItem[], toc: readonly TocEntry[], path: string): Documents {
  const parts: string[] = [];
  let length = 0;
  const starts = new Map<string, number>();
  const anchors = new Map<string, number>();
  // Documents without text (a cover image) start where the next text does.
  let waiting: string[] = [];
  for (const item of documents) {
    const bytes = zipEntry(entries, item.path);
    if (!bytes) continue;
    checkSize(path, `chapter ${item.path}`, bytes.length, LIMITS.markupBytes);
    const marks = new Set(toc.filter((t) => t.path === item.path && t.fragment !== undefined).map((t) => t.fragment as string));
    const document = parseXmlDocument(xmlText(bytes));
    const root = firstNamed(document, 'body') ?? document.documentElement;
    const read = root ? htmlToText(root, { marks }) : { text: '', marks: new Map<string, number>() };
    waiting.push(item.path);
    if (read.text.length === 0) continue;
    const start = length > 0 ? length + 2 : 0;
    for (const waiter of waiting) if (!starts.has(waiter)) starts.set(waiter, start);
    waiting = [];
    for (const [id, at] of read.marks) anchors.set(`${item.path}#${id}`, start + at);
    if (length > 0) parts.push('\n\n');
    parts.push(read.text);
    length = start + read.text.length;
  }
  for (const waiter of waiting) if (!starts.has(waiter)) starts.set(waiter, length);
  return { text: parts.join(''), starts, anchors };
}

function chapters(text: string, toc: readonly TocEntry[], starts: ReadonlyMap<string, number>, anchors: ReadonlyMap<string, number>, documents: readonly ManifestItem[]): Locator[] {
  let points: { at: number; label?: string }[] = [];
  for (const entry of toc) {
    const documentStart = starts.get(entry.path);
    if (documentStart === undefined) continue;
    const anchored = entry.fragment === undefined ? undefined : anchors.get(`${entry.path}#${entry.fragment}`);
    points.push({ at: anchored ?? documentStart, label: entry.label });
  }
  if (points.length === 0) points = documents.map((item) => ({ at: starts.get(item.path) ?? text.length }));
  // Reading order; of entries at one place (a part and its first chapter), the last.
  const ordered = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const kept = ordered.filter((p, k) => ordered[k + 1]?.at !== p.at);
  const locators: Locator[] = [];
  kept.forEach((point, k) => {
    const next = kept[k + 1]?.at ?? text.length;
    const end = trimEnd(text, point.at, next);
    if (end <= point.at) return;
    const base = { kind: 'chapter' as const, start: point.at, end, index: locators.length + 1 };
    locators.push(point.label ? { ...base, label: point.label } : base);
  });
  return locators;
}

/** `end` moved back over whitespace (the blank line between documents), not before `start`. */
function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text.charAt(at - 1))) at--;
  return at;
}
