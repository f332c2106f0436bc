import type { ExtractedMeta } from '../extracted.js';
import { cleanText, type DomDocument } from '../dom.js';

/** What Readability found (it reads JSON-LD, Dublin Core, OpenGraph, Twitter and `<title>`, then the article's byline). */
export interface ReadabilityMeta {
  readonly title?: string | null;
  readonly byline?: string | null;
  readonly publishedTime?: string | null;
}

/**
 * A web page's title, author, date and URL. Scholarly `citation_*` tags
 * (Highwire Press, what Google Scholar and Zotero read) come first, since a
 * publisher writes them for citing; then what Readability found (JSON-LD,
 * Dublin Core, OpenGraph, `<title>`, the article's byline), with Dublin Core's
 * date, which Readability does not read, before Readability's date. The URL
 * is `citation_public_url`, then `<link rel="canonical">`, `og:url`,
 * JSON-LD's `url`, a Dublin Core identifier that is a URL or DOI, then
 * `citation_doi` as a doi.org link. Read before Readability runs: it
 * removes scripts (JSON-LD) and changes the document.
 *
 *   <meta name="citation_author" content="Doe, Jane"><meta name="citation_author" content="Roe, R.">
 *     → { author: 'Doe, Jane; Roe, R.' }
 */
export function pageMetadata(document: DomDocument): PageMeta {
  const metas = metaValues(document);
  const first = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = metas.get(name)?.find((v) => v.length > 0);
      if (value) return value;
    }
    return undefined;
  };
  const authors = metas.get('citation_author') ?? [];
  const jsonLd = jsonLdUrl(document);
  const doi = first('citation_doi');
  const url = [
    first('citation_public_url', 'citation_fulltext_html_url', 'citation_abstract_html_url'),
    canonicalUrl(document),
    first('og:url'),
    jsonLd,
    first('dc.identifier', 'dcterms.identifier', 'dc:identifier'),
    doi,
  ].map(asUrl).find((u) => u !== undefined);
  return {
    citation: {
      title: first('citation_title'),
      author: authors.length > 0 ? authors.join('; ') : undefined,
      date: asDate(first('citation_publication_date', 'citation_date', 'citation_online_date', 'citation_cover_date', 'citation_year')),
    },
    dcDate: asDate(first('dc.date', 'dcterms.date', 'dc.date.issued', 'dcterms.issued', 'dc:date', 'dcterms:issued', 'dcterms.created')),
    url,
    pageTitle: cleanText(document.getElementsByTagName('title')[0]?.textContent) || undefined,
  };
}

export interface PageMeta {
  readonly citation: ExtractedMeta;
  readonly dcDate?: string;
  readonly url?: string;
  /** The `<title>`, for a page Readability could not read (it cleans the title itself otherwise). */
  readonly pageTitle?: string;
}

/** The page's metadata, its own tags first, Readability's findings after (see `pageMetadata`). */
export function mergeMetadata(page: PageMeta, readability: ReadabilityMeta | undefined): ExtractedMeta {
  const title = page.citation.title ?? nonEmpty(readability?.title) ?? page.pageTitle;
  const author = page.citation.author ?? nonEmpty(readability?.byline);
  const date = page.citation.date ?? page.dcDate ?? asDate(nonEmpty(readability?.publishedTime));
  return withoutUndefined({ title, author, date, url: page.url });
}

/** `<meta>` contents by lower-case `name` or `property` (a property may list several, space-separated). */
function metaValues(document: DomDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const metas = document.getElementsByTagName('meta');
  for (const meta of Array.from(metas)) {
    const content = cleanText(meta.getAttribute('content'));
    if (!content) continue;
    const names = [meta.getAttribute('name') ?? '', ...(meta.getAttribute('property') ?? '').split(/\s+/)];
    for (const raw of names) {
      const name = raw.trim().toLowerCase();
      if (!name) continue;
      const list = values.get(name);
      if (list) { if (!list.includes(content)) list.push(content); } else values.set(name, [content]);
    }
  }
  return values;
}

function canonicalUrl(document: DomDocument): string | undefined {
  const links = document.getElementsByTagName('link');
  for (const link of Array.from(links)) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) return cleanText(link.getAttribute('href')) || undefined;
  }
  return undefined;
}

/** The `url` of the first JSON-LD object that has one (its `@graph` searched too); bad JSON is passed over. */
function jsonLdUrl(document: DomDocument): string | undefined {
  const scripts = document.getElementsByTagName('script');
  for (const script of Array.from(scripts)) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const queue: unknown[] = Array.isArray(data) ? [...data] : [data];
    for (let seen = 0; seen < queue.length && seen < 100; seen++) {
      const item = queue[seen];
      if (!item || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      if (typeof record.url === 'string' && asUrl(record.url)) return record.url;
      if (Array.isArray(record['@graph'])) queue.push(...record['@graph']);
    }
  }
  return undefined;
}

/** An absolute http(s) URL, or a DOI (`doi:10.1/x`, `10.1/x`) as a doi.org link; anything else is no URL. */
function asUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^https?:\/\/[^\s]+$/i.test(text)) return text;
  const doi = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(text);
  return doi ? `https://doi.org/${doi[1]}` : undefined;
}

/** Highwire's `2018/04/05` as `2018-04-05`; other dates as written. */
function asDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [, year, month, day] = /^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?$/.exec(value) ?? [];
  if (!year || !month) return value;
  const pad = (part: string): string => part.padStart(2, '0');
  return day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const text = cleanText(value);
  return text || undefined;
}

function withoutUndefined(meta: ExtractedMeta): ExtractedMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as ExtractedMeta;
}
