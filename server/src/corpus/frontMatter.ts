/**
 * Reads a YAML-ish front matter block: `---` on the first line, then simple
 * `key: value` lines, closed by `---` or `...`. Keys are lower-cased; quoted
 * values are unquoted; nested or list values are ignored. Without a closed
 * block, `fields` is empty and `bodyStart` is 0.
 * `parseFrontMatter('---\ntitle: "A, B"\n---\nText')` is
 * `{ fields: { title: 'A, B' }, bodyStart: 23 }`.
 */
export function parseFrontMatter(text: string): { fields: Record<string, string>; bodyStart: number } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = lineAt(text, start);
  if (first.content.trimEnd() !== '---') return { fields: {}, bodyStart: 0 };

  const fields: Record<string, string> = {};
  let at = first.next;
  while (at < text.length) {
    const line = lineAt(text, at);
    const trimmed = line.content.trimEnd();
    if (trimmed === '---' || trimmed === '...') return { fields, bodyStart: line.next };
    const field = parseField(line.content);
    if (field && !(field.key in fields)) fields[field.key] = field.value;
    at = line.next;
  }
  return { fields: {}, bodyStart: 0 };
}

function lineAt(text: string, start: number): { content: string; next: number } {
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  const content = text.slice(start, end).replace(/\r$/, '');
  return { content, next: nl < 0 ? text.length : nl + 1 };
}

function parseField(line: string): { key: string; value: string } | undefined {
  const match = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(line);
  if (!match) return undefined;
  const value = unquote((match[2] ?? '').trim());
  if (value === '') return undefined;
  return { key: match[1]!.toLowerCase(), value };
}

function unquote(raw: string): string {
  const double = /^"((?:[^"\\]|\\.)*)"(?:[ \t]+#.*)?$/.exec(raw);
  if (double) return double[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  const single = /^'((?:[^']|'')*)'(?:[ \t]+#.*)?$/.exec(raw);
  if (single) return single[1]!.replace(/''/g, "'");
  if (/^[|>[{&*!]/.test(raw)) return '';
  return raw.replace(/(?:^|[ \t]+)#.*$/, '').trim();
}
