import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { frontMatterBlock, readFrontMatterYaml } from '../text/frontMatter.js';

/** A source's front matter: its fields as text, where its body starts, and what was wrong with its YAML. */
export interface FrontMatter {
  readonly fields: Record<string, string>;
  readonly bodyStart: number;
  /** Set when the YAML is malformed (the fields hold what could be read) or too long to read. */
  readonly problem?: string;
}

/**
 * Reads a source's YAML front matter (`---` on the first line, closed by
 * `---` or `...`) with the `yaml` package. Keys are lower-cased, the first of
 * a repeated key wins; a scalar is kept as written (block scalars and quoted
 * ones unfolded, line breaks joined by a space); `author` may be a list (of
 * names, or of `{ name }` / `{ given, family }` / `{ literal }` as Pandoc and
 * CSL write them), joined by `; `. Other lists and maps are left out. Without
 * a closed block, `fields` is empty and `bodyStart` is 0. Malformed YAML is a
 * `problem` (so is front matter over `MAX_FRONT_MATTER_CHARS`), and the fields that describe a source (`SALVAGED`) are still read
 * from their own lines where each is valid YAML alone: what the `yaml` package
 * recovers from a broken document is not to be trusted (`title: "open` takes
 * in the lines below it).
 * `parseFrontMatter('---\ntitle: "A, B"\nauthor: [Ann, Bo]\n---\nText')` is
 * `{ fields: { title: 'A, B', author: 'Ann; Bo' }, bodyStart: 40 }`.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const block = frontMatterBlock(text);
  if (!block) return { fields: {}, bodyStart: 0 };
  const { doc, problem } = readFrontMatterYaml(block, text, 'failsafe');
  if (problem !== undefined) return { fields: salvage(block.yaml), bodyStart: block.bodyStart, problem };
  const fields: Record<string, string> = {};
  if (doc && isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
      if (key === '' || key in fields) continue;
      const value = key === 'author' ? names(pair.value as Node | null) : scalar(pair.value as Node | null);
      if (value !== undefined && value !== '') fields[key] = value;
    }
  }
  return { fields, bodyStart: block.bodyStart };
}

/** The fields a source is described by, looked for line by line in front matter that is not valid YAML (or too long). */
const SALVAGED = ['id', 'title', 'author', 'date', 'url'];
/** A longer line is not parsed (see `MAX_FRONT_MATTER_CHARS`). */
const MAX_SALVAGED_LINE = 4096;

/** `id: x` on a line of its own, valid YAML alone: at most one small parse per field. */
function salvage(yaml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of yaml.split('\n')) {
    const key = /^([A-Za-z]+)[ \t]*:/.exec(line)?.[1]?.toLowerCase();
    if (key === undefined || !SALVAGED.includes(key) || key in fields || line.length > MAX_SALVAGED_LINE) continue;
    const doc = parseDocument(line.replace(/\r$/, ''), { schema: 'failsafe', prettyErrors: false });
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const node = doc.contents.items[0]?.value as Node | null | undefined;
    const value = key === 'author' ? names(node ?? null) : scalar(node ?? null);
    if (value !== undefined && value !== '') fields[key] = value;
  }
  return fields;
}

/** A scalar's text, trimmed, its line breaks joined by a space (a title in a `|` or `>` block). */
function scalar(node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value).trim().replace(/[ \t]*\r?\n\s*/g, ' ');
}

/** One name or a list of names: `[Ann, Bo]` → `'Ann; Bo'`; `- name: Ann` or `- { given: Ann, family: Lee }` too. */
function names(node: Node | null): string | undefined {
  const items = isSeq(node) ? node.items as (Node | null)[] : [node];
  const found = items.map((item) => scalar(item) ?? personName(item)).filter((n): n is string => n !== undefined && n !== '');
  return found.length > 0 ? found.join('; ') : undefined;
}

function personName(node: Node | null): string | undefined {
  if (!isMap(node)) return undefined;
  const field = (name: string) => scalar(node.get(name, true) as Node | null);
  return field('name') ?? field('literal') ?? ([field('given'), field('family')].filter((p) => p).join(' ') || undefined);
}
