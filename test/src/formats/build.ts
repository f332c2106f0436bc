import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ExtractionError } from '../../../server/out/formats/extracted.js';

/** Builders of small DOCX and EPUB files for the format reader tests, and paths to the real fixtures. */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A fixture copied into test/fixtures/formats (see its README). */
export function fixture(path: string): Uint8Array {
  return readFileSync(join(repo, 'test', 'fixtures', 'formats', path));
}

/** A file of the shared data (`../shared/data/formats/...`), or undefined when the data is not next to the repository. */
export function sharedFormat(path: string): Uint8Array | undefined {
  const file = join(repo, '..', 'shared', 'data', 'formats', path);
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** A zip of these files; `stored` leaves them uncompressed (fast for thousands of entries). */
export function zip(files: Record<string, string | Uint8Array>, stored = false): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) zippable[name] = [typeof content === 'string' ? strToU8(content) : content, { level: stored ? 0 : 6 }];
  return zipSync(zippable);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal Word file whose body is `body` (WordprocessingML inside `<w:body>`), with optional core properties. */
export function docx(body: string, core?: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
      + (core ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' : '')
      + '</Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ...extra,
  };
  if (core) {
    files['docProps/core.xml'] = '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
      + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
      + `${core}</cp:coreProperties>`;
  }
  return zip(files);
}

/** One paragraph of plain runs: `para('Hello')` → `<w:p><w:r><w:t>Hello</w:t></w:r></w:p>`. */
export function para(...runs: string[]): string {
  return `<w:p>${runs.map((run) => (run.startsWith('<') ? run : `<w:r><w:t xml:space="preserve">${run}</w:t></w:r>`)).join('')}</w:p>`;
}

export interface EpubSpec {
  readonly version?: '2.0' | '3.0';
  /** Content documents by file name (under OEBPS/), in spine order; a value is the XHTML body's inner markup. */
  readonly chapters: readonly (readonly [string, string])[];
  /** EPUB 3 nav entries or EPUB 2 NCX points: [href, label], nested arrays as children. */
  readonly toc?: readonly TocSpec[];
  readonly tocKind?: 'nav' | 'ncx';
  readonly metadata?: string;
  readonly extra?: Record<string, string | Uint8Array>;
  readonly spineExtra?: string;
}

export type TocSpec = readonly [string, string, (readonly TocSpec[])?];

/** A small EPUB: container.xml, OEBPS/content.opf, the chapters, and a nav document or an NCX. */
export function epub(spec: EpubSpec): Uint8Array {
  const version = spec.version ?? '3.0';
  const tocKind = spec.tocKind ?? (version === '3.0' ? 'nav' : 'ncx');
  const files: Record<string, string | Uint8Array> = {
    mimetype: 'application/epub+zip',
    'META-INF/container.xml': '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
      + '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  };
  const items: string[] = [];
  const refs: string[] = [];
  spec.chapters.forEach(([name, body], i) => {
    files[`OEBPS/${name}`] = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>c</title></head><body>${body}</body></html>`;
    items.push(`<item id="c${i}" href="${encodeURI(name)}" media-type="application/xhtml+xml"/>`);
    refs.push(`<itemref idref="c${i}"/>`);
  });
  if (spec.toc && tocKind === 'nav') {
    const list = (entries: readonly TocSpec[]): string => `<ol>${entries.map(([href, label, children]) => `<li><a href="${href}">${label}</a>${children ? list(children) : ''}</li>`).join('')}</ol>`;
    files['OEBPS/nav.xhtml'] = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body><nav epub:type="toc"><h1>Contents</h1>${list(spec.toc)}</nav><nav epub:type="landmarks"><ol><li><a href="${spec.chapters[0]?.[0] ?? ''}">Start</a></li></ol></nav></body></html>`;
    items.push('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>');
  }
  if (spec.toc && tocKind === 'ncx') {
    const points = (entries: readonly TocSpec[]): string => entries.map(([href, label, children], i) => `<navPoint id="p${label.length}-${i}"><navLabel><text>${label}</text></navLabel><content src="${href}"/>${children ? points(children) : ''}</navPoint>`).join('');
    files['OEBPS/toc.ncx'] = `<?xml version="1.0" encoding="UTF-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/><docTitle><text>T</text></docTitle><navMap>${points(spec.toc)}</navMap></ncx>`;
    items.push('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>');
  }
  files['OEBPS/content.opf'] = `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="${version}" unique-identifier="id">`
    + `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">${spec.metadata ?? '<dc:title>A Book</dc:title>'}</metadata>`
    + `<manifest>${items.join('')}</manifest><spine${tocKind === 'ncx' && spec.toc ? ' toc="ncx"' : ''}>${refs.join('')}${spec.spineExtra ?? ''}</spine></package>`;
  return zip({ ...files, ...(spec.extra ?? {}) });
}

/** Sets the uncompressed size that a zip declares for its first entry (local header and central directory), as a zip bomb would lie. */
export function declareSize(zipBytes: Uint8Array, size: number): Uint8Array {
  const copy = zipBytes.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(22, size, true);
  // The end-of-directory record (fflate writes no comment) gives where the central directory starts.
  const end = copy.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('not a zip written by fflate');
  view.setUint32(view.getUint32(end + 16, true) + 24, size, true);
  return copy;
}

/** Asserts that `promise` rejects with an ExtractionError of this failure kind whose message matches `message`. */
export async function rejectsWith(promise: Promise<unknown>, failure: string, message: RegExp): Promise<void> {
  let caught: unknown;
  try { await promise; } catch (error) { caught = error; }
  if (!(caught instanceof ExtractionError)) throw new Error(`expected an ExtractionError '${failure}', got ${caught === undefined ? 'success' : String(caught)}`);
  if (caught.failure !== failure) throw new Error(`expected '${failure}', got '${caught.failure}': ${caught.message}`);
  if (!message.test(caught.message)) throw new Error(`message ${JSON.stringify(caught.message)} does not match ${message}`);
}
