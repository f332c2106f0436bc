/**
 * Title, author and date from a PDF's document information dictionary or its
 * XMP metadata (XMP first: editors update it, the info dictionary often keeps
 * a converter's leftovers such as "Microsoft Word - draft3.docx").
 */
import type { ExtractedMeta } from '../extracted.js';

export interface PdfMetadataLike {
  readonly info?: unknown;
  readonly metadata?: { get(name: string): unknown } | null;
}

export function metaOf(source: PdfMetadataLike): ExtractedMeta {
  const info = (source.info && typeof source.info === 'object' ? source.info : {}) as Record<string, unknown>;
  const xmp = (name: string): unknown => {
    try { return source.metadata?.get(name); } catch { return undefined; }
  };
  const title = cleanTitle(text(xmp('dc:title'))) ?? cleanTitle(text(info.Title));
  const author = text(xmp('dc:creator')) ?? text(info.Author);
  // The creation date; failing that (absent, or a placeholder year 0000), the last modification's.
  const date = isoDate(text(xmp('xmp:createdate')) ?? text(xmp('dc:date'))) ?? isoDate(text(info.CreationDate))
    ?? isoDate(text(xmp('xmp:modifydate'))) ?? isoDate(text(info.ModDate));
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}) };
}

/** A string, the strings of a list joined, or undefined; whitespace collapsed. */
function text(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : undefined;
  const cleaned = raw?.replace(/[\u0000-\u001f\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  // A Perl-made PDF can carry an array's address ("ARRAY(0x2c7cf020)") for the value.
  return cleaned && !/^(?:ARRAY|HASH)\(0x[0-9a-f]+\)$/i.test(cleaned) ? cleaned : undefined;
}

/** Drops titles that name a file or say nothing ("untitled", "Microsoft Word - x.docx"). */
function cleanTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const bare = title.replace(/^Microsoft (?:Word|PowerPoint) - /i, '');
  if (/\.(?:docx?|pdf|tex|dvi|rtf|odt|pages|indd|qxd|pptx?|txt|html?)$/i.test(bare)) return undefined;
  if (/^(?:untitled|title|no title|document\d*)$/i.test(bare) || !/\p{L}/u.test(bare)) return undefined;
  return bare;
}

/** `isoDate("D:20090401163925-07'00'")` and `isoDate('2009-04-01T16:39:25')` are `2009-04-01`. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(?:D:)?(\d{4})-?(\d{2})?-?(\d{2})?/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (Number(y) < 1000) return undefined;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return y;
  if (d && (Number(d) < 1 || Number(d) > 31)) return `${y}-${mo}`;
  return [y, mo, d].filter(Boolean).join('-');
}
