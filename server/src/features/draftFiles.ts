/**
 * Whether a file name, path or URI names a Markdown draft (`.md`, `.markdown`,
 * any case): what "Check All Drafts" lists, and what the server checks when the
 * client does not say the document is Markdown.
 * `isDraftFileName('notes/ch1.Markdown')` is true; `isDraftFileName('a.txt')` is false.
 */
export function isDraftFileName(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}
