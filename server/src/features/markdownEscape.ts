/**
 * Corpus text is untrusted: everything taken from a source or a draft goes
 * through `escapeMarkdown` before it is shown as Markdown, so a source cannot
 * inject links, images, HTML or command URIs into a hover.
 */

const SPECIAL = /[\\`*_{}[\]()#!|<>~$]|&(?=#?\w+;)/g;
/** A list marker or a heading at the start would make a block: `- `, `+ `, `1. `, `2) `. */
const LEADING_BLOCK = /^(\s*)([-+]|\d+[.)])(?=\s|$)/;

/**
 * Escapes every character Markdown (or embedded HTML) could read as markup.
 * An `&` is escaped only where it starts an entity (`&amp;`, `&#64;`): a plain
 * one is shown as it is by every renderer, and clients that show hovers as
 * raw Markdown (Neovim 0.7) would print `&amp;` in "Harper & Row".
 * `escapeMarkdown('*bold* <b>')` is `\*bold\* &lt;b&gt;`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/\r\n?|\n/g, ' ')
    .replace(LEADING_BLOCK, (_m, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/**
 * Shortens `text` to about `max` characters at a word boundary, adding `…`.
 * `truncate('one two three', 8)` is `one two…`.
 */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max);
  return `${clean.slice(0, cut > max / 2 ? cut : max)}…`;
}
