/**
 * Citation key for a file, from its path relative to the corpus folder: the
 * extension goes, separators become `/`.
 * `keyForPath('sotu/1862_abraham_lincoln_n.txt')` is `sotu/1862_abraham_lincoln_n`.
 */
export function keyForPath(relativePath: string): string {
  const path = relativePath.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

/**
 * Whether a file name (or a path: only its end is read) is a corpus source,
 * any case: plain text (`.txt`, `.md`) or a format read through an extractor
 * (`.pdf`, `.html`, `.htm`, `.xhtml`, `.docx`, `.epub`). The one rule the
 * corpus walk, the server's file watching and attachments follow.
 * `isCorpusFileName('A.MD')` and `isCorpusFileName('/w/corpus/report.PDF')` are true.
 */
export function isCorpusFileName(name: string): boolean {
  return /\.(txt|md|pdf|html?|xhtml|docx|epub)$/i.test(name);
}

/** Whether a path names a Markdown source: `isMarkdownPath('notes/a.Md')` is true. */
export function isMarkdownPath(path: string): boolean {
  return /\.md$/i.test(path);
}

/**
 * `path` relative to `folder`, `/`-separated; `path` itself when it is not inside.
 * `relativeTo('corpus', 'corpus/sotu/a.txt')` is `sotu/a.txt`.
 */
export function relativeTo(folder: string, path: string): string {
  const f = trimFolder(folder);
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (f === '') return p;
  return p.startsWith(f + '/') ? p.slice(f.length + 1) : p;
}

function trimFolder(folder: string): string {
  const f = folder.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return f === '.' ? '' : f;
}
