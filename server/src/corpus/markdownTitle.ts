/**
 * The text of a Markdown document's first level-1 heading (ATX `# Title` or
 * setext `Title` over `===`), else of its first heading of any level, with
 * inline markup removed; '' when it has none. Fenced code is skipped.
 * `markdownHeading('Intro\n\n## Part\n# The *Great* Gatsby')` is `'The Great Gatsby'`.
 */
export function markdownHeading(markdown: string): string {
  const lines = markdown.split(/\r?\n|\r/);
  let fence: string | undefined;
  let firstAny = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) { fence = fenceMark; continue; }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    let level = 0;
    let text = '';
    if (atx) {
      level = atx[1]!.length;
      text = atx[2] ?? '';
    } else {
      const next = lines[i + 1];
      if (next !== undefined && line.trim() !== '' && !/^ {4}/.test(line) && /^ {0,3}(=+|-+)[ \t]*$/.test(next)) {
        level = next.trim()[0] === '=' ? 1 : 2;
        text = line;
      }
    }
    const clean = plainInline(text);
    if (clean === '') continue;
    if (level === 1) return clean;
    if (level > 0 && firstAny === '') firstAny = clean;
  }
  return firstAny;
}

/** Strips inline Markdown: `plainInline('[**Bold** link](http://x) `code`')` is `'Bold link code'`. */
export function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|`+)/g, '')
    .replace(/(^|[\s(])[*_]([^*_]+)[*_](?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
