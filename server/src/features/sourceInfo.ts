import type { Source } from '../corpus/source.js';
import { OPENING_CHARS } from '../corpus/sourceText.js';
import { escapeMarkdown, truncate } from './markdownEscape.js';

/**
 * A one-line description of a source: its title, then author and date when known.
 * `describeSource({ title: 'Speech', author: 'A. Lincoln', date: '1862', ... })` is `Speech — A. Lincoln, 1862`.
 */
export function describeSource(source: Source): string {
  const byline = [source.author, source.date].filter((s): s is string => !!s && s.trim() !== '').join(', ');
  const title = source.title.trim() || source.key;
  return byline ? `${title} — ${byline}` : title;
}

/**
 * The first words of a source's body, escaped for Markdown, without a first
 * line that is a heading or only repeats the title: for `# Speech\n\nFellow citizens…` titled
 * `Speech`, `openingMarkdown(source)` is `Fellow citizens…`.
 */
export function openingMarkdown(source: Source, max = 300): string {
  const reach = max * 4;
  let body = (source.opening !== undefined && reach <= OPENING_CHARS
    ? source.opening.slice(0, reach)
    : source.text.slice(source.bodyStart, source.bodyStart + reach)).trimStart();
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const title = source.title.trim();
  if (/^#{1,6}\s/.test(firstLine) || (title !== '' && firstLine.trim() === title)) body = body.slice(firstLine.length);
  return escapeMarkdown(truncate(body, max));
}

/** A URL safe to show as a link: http(s) with no characters that could break out of `<...>`. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = url.trim();
  return /^https?:\/\/[^\s<>()[\]`"'\\]+$/i.test(u) ? u : undefined;
}
