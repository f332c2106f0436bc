import type { ExtractedMeta } from '../extracted.js';
import { cleanText, firstNamed, parseXmlDocument } from '../dom.js';
import { xmlText, zipEntry, type ZipEntries } from '../zip.js';

/**
 * Title, author and date from a Word file's core properties (the part that
 * `_rels/.rels` names, `docProps/core.xml` by convention): `dc:title`,
 * `dc:creator`, and `dcterms:created` (else `dcterms:modified`). Empty or
 * missing properties are left out; a damaged part gives no metadata rather
 * than failing the file.
 *
 *   <dc:creator>Seeley, Jason</dc:creator><dcterms:created>2017-09-17T21:38:00Z</dcterms:created>
 *     → { author: 'Seeley, Jason', date: '2017-09-17T21:38:00Z' }
 */
export function coreProperties(entries: ZipEntries): ExtractedMeta {
  const bytes = zipEntry(entries, corePropertiesPath(entries));
  if (!bytes) return {};
  const document = parseXmlDocument(xmlText(bytes));
  const value = (name: string): string | undefined => cleanText(firstNamed(document, name)?.textContent) || undefined;
  const meta: { title?: string; author?: string; date?: string } = {};
  const title = value('title');
  const author = value('creator');
  const date = value('created') ?? value('modified');
  if (title) meta.title = title;
  if (author) meta.author = author;
  if (date) meta.date = date;
  return meta;
}

function corePropertiesPath(entries: ZipEntries): string {
  const rels = zipEntry(entries, '_rels/.rels');
  if (rels) {
    const document = parseXmlDocument(xmlText(rels));
    const relationships = document.getElementsByTagName('Relationship');
    for (const relationship of Array.from(relationships)) {
      const type = relationship.getAttribute('Type') ?? '';
      const target = relationship.getAttribute('Target');
      if (type.endsWith('/core-properties') && target) return target.replace(/^\//, '');
    }
  }
  return 'docProps/core.xml';
}
