import mammoth from 'mammoth';
import { zipSync, type Zippable } from 'fflate';
import { ExtractionError, type ExtractedSource } from '../extracted.js';
import { parseHtmlDocument, type DomDocument, type DomElement } from '../dom.js';
import { htmlToText } from '../htmlText.js';
import { guarded } from '../guard.js';
import { hasWords } from '../limits.js';
import { readZip, reason, zipEntry } from '../zip.js';
import { coreProperties } from './coreProperties.js';

const ADVICE = 'open it in Word (or LibreOffice) and save it again as .docx';

/**
 * Reads a Word file (`.docx`) with mammoth. mammoth's raw text drops
 * footnotes and endnotes, so the text is read from its HTML, which keeps them:
 * the body first, then the notes, each as a paragraph opening with its number
 * (`[1] The note.`); the note marks in the body are left out, so a quotation
 * running across one still matches. Tracked changes read as accepted (mammoth
 * keeps insertions and moved-to text, drops deletions and moved-from text, and
 * joins paragraphs whose mark was deleted); comments are left out. Metadata
 * from the core properties (`docProps/core.xml`).
 *
 * The zip is opened with fflate within `LIMITS` (a zip bomb is 'too-large'),
 * and mammoth gets a stored (uncompressed) copy of its XML parts only, so its
 * own unzipping cannot be made to inflate more than was checked, and images
 * are never read.
 *
 *   extractDocx(bytes of notes.docx, 'notes.docx')
 *     → { text: 'A footnote\n\nTest footnote. Test endnote.\n\n[1] My note.\n\n[2] This is an endnote…', meta: {...} }
 */
export function extractDocx(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  return guarded(path, ADVICE, () => readDocx(bytes, path));
}

async function readDocx(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  if (isOleCompoundFile(bytes)) {
    throw new ExtractionError('encrypted', `${path}: is password-protected (or an old Word .doc file named .docx), so it could not be read: open it in Word, remove the password (File > Info > Protect Document), and save it as .docx.`);
  }
  const entries = readZip(bytes, path, (name) => /\.(xml|rels)$/i.test(name), ADVICE);
  if (!zipEntry(entries, 'word/document.xml') && !Object.keys(entries).some((n) => /document\d*\.xml$/i.test(n))) {
    throw new ExtractionError('corrupt', `${path}: is a zip file but not a Word document (no word/document.xml): ${ADVICE}.`);
  }
  const html = await toHtml(entries, path);
  const document = parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`);
  numberNotes(document);
  const body = document.getElementsByTagName('body')[0];
  const text = body ? htmlToText(body, { skip: isNoteLink }).text : '';
  if (!hasWords(text)) {
    throw new ExtractionError('no-text', `${path}: the document holds no text (only images or empty pages?): if it is a scan, run OCR on it, then save it again.`);
  }
  return { text, meta: coreProperties(entries) };
}

async function toHtml(entries: Readonly<Record<string, Uint8Array>>, path: string): Promise<string> {
  const stored: Zippable = {};
  for (const [name, data] of Object.entries(entries)) stored[name] = [data, { level: 0 }];
  try {
    const result = await mammoth.convertToHtml(
      // JSZip, under mammoth, takes a Uint8Array as it takes a Buffer.
      { buffer: zipSync(stored) as unknown as Buffer },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
    return result.value;
  } catch (error) {
    throw new ExtractionError('corrupt', `${path}: could not be read as a Word document (${reason(error)}): ${ADVICE}.`);
  }
}

/** An OLE compound file: what Word writes for a password-protected .docx (and for the old .doc format). */
function isOleCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/**
 * mammoth marks a note in the body with `<sup><a href="#footnote-1"
 * id="footnote-ref-1">[1]</a></sup>`, lists the notes at the end as `<li
 * id="footnote-1"><p>text <a href="#footnote-ref-1">↑</a></p></li>`, and
 * numbers footnotes and endnotes in one sequence. Each note gets its mark's
 * number in front: `[1] text`.
 */
function numberNotes(document: DomDocument): void {
  const marks = new Map<string, string>();
  const links = document.getElementsByTagName('a');
  for (const link of Array.from(links)) {
    const id = link.getAttribute('id') ?? '';
    const href = link.getAttribute('href') ?? '';
    if (/^(?:footnote|endnote)-ref-/.test(id) && href.startsWith('#')) marks.set(href.slice(1), (link.textContent ?? '').trim());
  }
  const items = document.getElementsByTagName('li');
  for (const item of Array.from(items)) {
    const number = marks.get(item.getAttribute('id') ?? '');
    if (!number) continue;
    const first = item.children[0];
    (first && first.tagName.toLowerCase() === 'p' ? first : item).prepend(`${number} `);
  }
}

/**
 * The back-link (↑) at the end of a note (`#footnote-ref-1`), and a note's
 * mark in the body (`#footnote-1`; `htmlToText` leaves out the usual marks
 * already, this catches one mammoth writes outside a superscript).
 */
function isNoteLink(element: DomElement, name: string): boolean {
  return name === 'a' && /^#(?:footnote|endnote)-(?:ref-)?\d/.test(element.getAttribute('href') ?? '');
}
