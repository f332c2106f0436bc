import type { BibEntry, CslName } from '../bibliography/entry.js';
import { escapeMarkdown } from './markdownEscape.js';
import { safeLink } from './sourceInfo.js';

/**
 * A bibliography entry as a reference a reader knows, every piece escaped:
 * authors, year, title, container, volume and pages, then DOI and URL as links.
 * `referenceMarkdown({ key: 'a', authors: [{ family: 'Smith', given: 'Ann' }], year: '2020', title: 'T', ... })`
 * begins `Smith, Ann (2020). **T**.`
 */
export function referenceMarkdown(entry: BibEntry): string {
  const parts: string[] = [];
  const authors = nameList(entry.authors.length > 0 ? entry.authors : entry.editors ?? []);
  const byline = [authors && escapeMarkdown(authors), entry.year && `(${escapeMarkdown(entry.year)})`].filter(Boolean).join(' ');
  if (byline) parts.push(`${byline}.`);
  parts.push(`**${escapeMarkdown(entry.title ?? entry.key)}**.`);
  const where = [entry.container && `*${escapeMarkdown(entry.container)}*`, entry.volume && `vol. ${escapeMarkdown(entry.volume)}${entry.issue ? `(${escapeMarkdown(entry.issue)})` : ''}`,
    entry.pages && `pp. ${escapeMarkdown(entry.pages)}`].filter(Boolean).join(', ');
  if (where) parts.push(`${where}.`);
  if (!entry.container && entry.publisher) parts.push(`${escapeMarkdown(entry.publisher)}.`);
  const lines = [parts.join(' ')];
  const doi = entry.doi?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  const doiLink = doi ? safeLink(`https://doi.org/${encodeURI(doi)}`) : undefined;
  if (doi) lines.push(`DOI: ${doiLink ? `[${escapeMarkdown(doi)}](${doiLink})` : escapeMarkdown(doi)}`);
  const url = safeLink(entry.url);
  if (entry.url) lines.push(`URL: ${url ? `<${url}>` : escapeMarkdown(entry.url)}`);
  return lines.join('  \n');
}

/** `Smith, Ann`, `Smith, Ann and Jones, Bo`, `Smith, Ann, Jones, Bo and Lee, Cy`, `Smith, Ann et al.` (four or more). */
export function nameList(names: readonly CslName[]): string {
  const one = (n: CslName) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ');
  if (names.length === 0) return '';
  if (names.length > 3) return `${one(names[0]!)} et al.`;
  if (names.length === 1) return one(names[0]!);
  return `${names.slice(0, -1).map(one).join(', ')} and ${one(names[names.length - 1]!)}`;
}

/** `Smith (2020) The Title`: a bibliography key in the completion list. */
export function referenceLabel(entry: BibEntry): string {
  const first = entry.authors[0] ?? entry.editors?.[0];
  const author = first ? (first.family ?? first.literal ?? first.given ?? '') + (entry.authors.length > 2 ? ' et al.' : entry.authors.length === 2 ? ` and ${entry.authors[1]!.family ?? entry.authors[1]!.literal ?? ''}` : '') : '';
  return [author, entry.year && `(${entry.year})`, entry.title].filter(Boolean).join(' ');
}
