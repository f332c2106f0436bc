import type { ExtractedMeta } from '../extracted.js';
import { cleanText, elementsNamed, firstNamed, parseXmlDocument, type DomDocument, type DomElement } from '../dom.js';
import { xmlText, zipEntry, type ZipEntries } from '../zip.js';

/** A content document or other resource of the book, by its path in the zip. */
export interface ManifestItem {
  readonly id: string;
  readonly path: string;
  readonly mediaType: string;
  readonly properties: readonly string[];
}

/** What the package document (OPF) says: metadata, the reading order, and where the tables of contents are. */
export interface EpubPackage {
  readonly version: string;
  readonly meta: ExtractedMeta;
  /** Content documents in reading order (spine), non-linear ones in their place too. */
  readonly spine: readonly ManifestItem[];
  /** The EPUB 3 navigation document, when the manifest names one. */
  readonly nav?: ManifestItem;
  /** The EPUB 2 NCX, when the spine or manifest names one. */
  readonly ncx?: ManifestItem;
  /** Spine entries whose manifest item or file is missing. */
  readonly missing: number;
}

/** The package document's path, from `META-INF/container.xml` (its first rootfile of the OPF media type). */
export function packagePath(entries: ZipEntries): string | undefined {
  const bytes = zipEntry(entries, 'META-INF/container.xml');
  if (bytes) {
    const rootfiles = elementsNamed(parseXmlDocument(xmlText(bytes)), 'rootfile');
    const opf = rootfiles.find((r) => (r.getAttribute('media-type') ?? '') === 'application/oebps-package+xml') ?? rootfiles[0];
    const path = opf?.getAttribute('full-path');
    if (path) return resolveHref('', path);
  }
  // No container (or a broken one): a lone .opf is still the package.
  const opfs = Object.keys(entries).filter((name) => name.toLowerCase().endsWith('.opf'));
  return opfs.length === 1 ? opfs[0] : undefined;
}

/** Reads the package document at `opfPath`. */
export function readPackage(entries: ZipEntries, opfPath: string): EpubPackage {
  const document = parseXmlDocument(xmlText(zipEntry(entries, opfPath) ?? new Uint8Array()));
  const base = directoryOf(opfPath);
  const manifest = new Map<string, ManifestItem>();
  for (const item of elementsNamed(document, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (!id || !href) continue;
    manifest.set(id, {
      id,
      path: resolveHref(base, href),
      mediaType: (item.getAttribute('media-type') ?? '').trim().toLowerCase(),
      properties: (item.getAttribute('properties') ?? '').split(/\s+/).filter(Boolean),
    });
  }
  const spineElement = firstNamed(document, 'spine');
  const spine: ManifestItem[] = [];
  let missing = 0;
  for (const ref of spineElement ? elementsNamed(spineElement, 'itemref') : []) {
    const item = manifest.get(ref.getAttribute('idref') ?? '');
    if (item && zipEntry(entries, item.path)) spine.push(item);
    else missing++;
  }
  const items = [...manifest.values()];
  const tocId = spineElement?.getAttribute('toc');
  return {
    version: firstNamed(document, 'package')?.getAttribute('version') ?? '',
    meta: packageMetadata(document),
    spine,
    nav: items.find((item) => item.properties.includes('nav')),
    ncx: (tocId ? manifest.get(tocId) : undefined) ?? items.find((item) => item.mediaType === 'application/x-dtbncx+xml'),
    missing,
  };
}

/**
 * Title, author, date and URL from the OPF metadata: the first `dc:title`;
 * the `dc:creator`s that are authors (EPUB 2 `opf:role="aut"`, EPUB 3 a
 * `role` refinement `aut`, or no role given), else all creators, joined by
 * `; `; the `dc:date` of publication (EPUB 2 `opf:event`), else the first;
 * the first `dc:identifier` that is an http(s) URL or a DOI. ISBNs, UUIDs and
 * URNs are no URL.
 */
function packageMetadata(document: DomDocument): ExtractedMeta {
  const metadata = firstNamed(document, 'metadata');
  if (!metadata) return {};
  const dc = (name: string): DomElement[] => elementsNamed(metadata, name);
  const meta: { title?: string; author?: string; date?: string; url?: string } = {};
  const title = dc('title').map((e) => cleanText(e.textContent)).find(Boolean);
  if (title) meta.title = title;

  const roles = refinedRoles(metadata);
  const creators = dc('creator').map((e) => ({ name: cleanText(e.textContent), role: roleOf(e, roles) })).filter((c) => c.name);
  const authors = creators.filter((c) => c.role === undefined || c.role === 'aut');
  const names = (authors.length > 0 ? authors : creators).map((c) => c.name);
  if (names.length > 0) meta.author = names.join('; ');

  const dates = dc('date').map((e) => ({ value: cleanText(e.textContent), event: attribute(e, 'event').toLowerCase() })).filter((d) => d.value);
  const date = dates.find((d) => d.event === 'publication' || d.event === 'original-publication') ?? dates[0];
  if (date) meta.date = date.value;

  const url = dc('identifier').map((e) => asUrl(cleanText(e.textContent))).find((u) => u !== undefined);
  if (url) meta.url = url;
  return meta;
}

/** EPUB 3: `<meta refines="#creator1" property="role">aut</meta>` → creator1 → aut. */
function refinedRoles(metadata: DomElement): Map<string, string> {
  const roles = new Map<string, string>();
  for (const meta of elementsNamed(metadata, 'meta')) {
    if (meta.getAttribute('property') !== 'role') continue;
    const target = (meta.getAttribute('refines') ?? '').replace(/^#/, '');
    if (target) roles.set(target, cleanText(meta.textContent).toLowerCase());
  }
  return roles;
}

function roleOf(creator: DomElement, refined: Map<string, string>): string | undefined {
  const role = attribute(creator, 'role').toLowerCase();
  if (role) return role;
  const id = creator.getAttribute('id');
  return id ? refined.get(id) : undefined;
}

/** An attribute by local name, whatever its prefix (`opf:role` or `role`). */
function attribute(element: DomElement, name: string): string {
  return element.getAttribute(`opf:${name}`) ?? element.getAttribute(name) ?? '';
}

function asUrl(value: string): string | undefined {
  if (/^https?:\/\/\S+$/i.test(value)) return value;
  const doi = /^(?:urn:doi:|doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(value);
  return doi ? `https://doi.org/${doi[1]}` : undefined;
}

/** The folder part of a zip path: `OPS/package.opf` → `OPS/`. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/**
 * A relative reference (`chapter%201.xhtml#sec`, `../Text/c1.xhtml`) as a zip
 * path from folder `base`, without its fragment; percent escapes decoded.
 */
export function resolveHref(base: string, href: string): string {
  const hash = href.indexOf('#');
  let path = hash < 0 ? href : href.slice(0, hash);
  try { path = decodeURIComponent(path); } catch { /* a stray % stays as written */ }
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path.slice(1) : base + path).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The fragment of a reference (`c1.xhtml#sec` → `sec`), decoded, or undefined. */
export function fragmentOf(href: string): string | undefined {
  const hash = href.indexOf('#');
  if (hash < 0 || hash === href.length - 1) return undefined;
  try { return decodeURIComponent(href.slice(hash + 1)); } catch { return href.slice(hash + 1); }
}
