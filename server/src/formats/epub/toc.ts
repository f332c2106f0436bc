import { cleanText, elementsNamed, firstNamed, localName, parseXmlDocument, type DomElement } from '../dom.js';
import { xmlText, zipEntry, type ZipEntries } from '../zip.js';
import { directoryOf, fragmentOf, resolveHref, type EpubPackage, type ManifestItem } from './container.js';

/** One entry of a table of contents: the document (zip path) and anchor it points at, and its title. */
export interface TocEntry {
  readonly path: string;
  readonly fragment?: string;
  readonly label: string;
}

/**
 * The book's table of contents, every level in document order: the EPUB 3
 * navigation document's `<nav epub:type="toc">` when it has entries, else
 * the EPUB 2 NCX's `navPoint`s. Entries without a target are left out.
 *
 *   <nav epub:type="toc"><ol><li><a href="c1.xhtml#s1">One</a></li></ol></nav>
 *     → [{ path: 'OPS/c1.xhtml', fragment: 's1', label: 'One' }]
 */
export function tableOfContents(entries: ZipEntries, book: EpubPackage): TocEntry[] {
  const nav = book.nav ? navEntries(entries, book.nav) : [];
  return nav.length > 0 ? nav : book.ncx ? ncxEntries(entries, book.ncx) : [];
}

export function navEntries(entries: ZipEntries, item: ManifestItem): TocEntry[] {
  const bytes = zipEntry(entries, item.path);
  if (!bytes) return [];
  const navs = elementsNamed(parseXmlDocument(xmlText(bytes)), 'nav');
  const toc = navs.find((nav) => epubTypes(nav).includes('toc')) ?? navs.find((nav) => epubTypes(nav).length === 0);
  if (!toc) return [];
  const base = directoryOf(item.path);
  const found: TocEntry[] = [];
  for (const link of elementsNamed(toc, 'a')) {
    const href = link.getAttribute('href');
    const label = cleanText(link.textContent) || cleanText(link.getAttribute('title'));
    if (href && label && !/^[a-z][a-z0-9+.-]*:/i.test(href)) found.push(entry(base, href, label));
  }
  return found;
}

export function ncxEntries(entries: ZipEntries, item: ManifestItem): TocEntry[] {
  const bytes = zipEntry(entries, item.path);
  if (!bytes) return [];
  const base = directoryOf(item.path);
  const found: TocEntry[] = [];
  const navMap = firstNamed(parseXmlDocument(xmlText(bytes)), 'navmap');
  for (const point of navMap ? elementsNamed(navMap, 'navpoint') : []) {
    const label = cleanText(firstChildNamed(firstChildNamed(point, 'navlabel'), 'text')?.textContent);
    const src = firstChildNamed(point, 'content')?.getAttribute('src');
    if (src && label) found.push(entry(base, src, label));
  }
  return found;
}

function entry(base: string, href: string, label: string): TocEntry {
  const fragment = fragmentOf(href);
  return fragment === undefined ? { path: resolveHref(base, href), label } : { path: resolveHref(base, href), fragment, label };
}

/** `epub:type="frontmatter toc"` → ['frontmatter', 'toc']. */
function epubTypes(element: DomElement): string[] {
  return (element.getAttribute('epub:type') ?? '').split(/\s+/).filter(Boolean);
}

/** A direct child with this local name (a navPoint's own label, not a nested point's). */
function firstChildNamed(parent: DomElement | undefined, name: string): DomElement | undefined {
  if (!parent) return undefined;
  return Array.from(parent.children).find((child) => localName(child) === name);
}
