/**
 * The attachment paths in a BibTeX `file` field, in every form reference
 * managers write it:
 * - a plain path: `~/Zotero/storage/smith.pdf`, `files/Anonymous\:2010/a.pdf`;
 * - JabRef and Zotero's `description:path:type`, with `\:` and `\\` escaped:
 *   `Postprint:C\:\\Users\\a.pdf:PDF`, `smith.pdf:storage/X/smith.pdf:application/pdf`;
 * - Mendeley's `:path:type`: `:Nail2020a.pdf:PDF`;
 * - several of these separated by `;`.
 * Paths come back as written (not resolved; `~/` kept), without escapes.
 * `parseFileField(':a.epub:ePUB;:a.pdf:PDF')` is `['a.epub', 'a.pdf']`.
 *
 * Hand-written: no library parses this field, and BibTeX parsers give it verbatim.
 */
export function parseFileField(raw: string): string[] {
  const paths: string[] = [];
  for (const item of splitUnescaped(raw.trim(), ';')) {
    const path = pathOfItem(item);
    if (path !== undefined && path.trim() !== '') paths.push(path.trim());
  }
  return paths;
}

function pathOfItem(item: string): string | undefined {
  const parts = splitUnescaped(item, ':').map(unescape);
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [first, second] = parts as [string, string];
    // `C:\Users\a.pdf` or `C:/a.pdf` written without escapes: a Windows path.
    if (/^[A-Za-z]$/.test(first) && /^[\\/]/.test(second)) return `${first}:${second}`;
    // `a.pdf:PDF`: a path and its type; `Description:a.pdf`: a description and a path.
    return isFileType(second) ? first : second;
  }
  // `description:path:type`; the path itself may hold colons (an unescaped drive letter).
  return parts.slice(1, -1).join(':');
}

/** `PDF`, `ePUB`, `application/pdf`, `text/html`: the last part of a JabRef or Zotero item. */
function isFileType(text: string): boolean {
  if (/^(application|text|image|audio|video)\/[\w+.-]+$/i.test(text)) return true;
  return /^[A-Za-z][\w+-]*$/.test(text);
}

/** Splits on `separator` where it is not escaped by a backslash; escapes are kept for `unescape`. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `\:` → `:`, `\;` → `;`, `\\` → `\`; any other backslash stays (a Windows separator written once). */
function unescape(text: string): string {
  return text.replace(/\\([\\:;])/g, '$1');
}
