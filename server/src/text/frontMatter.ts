import { parseDocument, type Document } from 'yaml';

/**
 * Front matter longer than this is not handed to the YAML parser. Why: the
 * `yaml` package takes superlinear time on some malformed input (64 KB of
 * `:\t:` or of `[` took 2.6 and 3.1 s on a busy machine where 8 KB took
 * 1 s, and 256 KB of `:\t:` 100 s), and a draft's front matter is read on every check.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/** A `---` block at the top of a text (after a BOM), closed by a `---` or `...` line. */
export interface FrontMatterBlock {
  /** The YAML between the fences, line breaks included. */
  readonly yaml: string;
  /** Where `yaml` starts in the text. */
  readonly yamlStart: number;
  /** Where the body starts: after the closing fence's line. */
  readonly bodyStart: number;
}

/**
 * Finds the front matter block, in one pass over its lines (linear in the
 * text whatever it holds); `undefined` without a closed block.
 * `frontMatterBlock('---\ntitle: A\n---\nText')` is `{ yaml: 'title: A\n', yamlStart: 4, bodyStart: 17 }`.
 */
export function frontMatterBlock(text: string): FrontMatterBlock | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  OPENING.lastIndex = start;
  if (!OPENING.test(text)) return undefined;
  const yamlStart = OPENING.lastIndex;
  // Each line is looked at from its start only (no slice per line): one pass over the text.
  for (let at = yamlStart; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) {
    CLOSING.lastIndex = at;
    if (CLOSING.test(text)) return { yaml: text.slice(yamlStart, at), yamlStart, bodyStart: CLOSING.lastIndex };
  }
  return undefined;
}

/** `---` and the end of its line (trailing whitespace allowed). */
const OPENING = /---[^\S\n]*(?:\n|$)/y;
/** `---` or `...` and the end of its line. */
const CLOSING = /(?:---|\.\.\.)[^\S\n]*(?:\n|$)/y;

/** A block's YAML read, with what was wrong with it in words (the first error), if anything. */
export interface FrontMatterYaml {
  /** The document as far as it could be read (the `yaml` package reads on past an error); none when over the size limit. */
  readonly doc?: Document.Parsed;
  /** `'line 3: Nested mappings are not allowed in compact mappings'` (lines of the whole text), or the size limit. */
  readonly problem?: string;
}

/** The last few blocks read: a draft's front matter is read again on every check, and rarely changes. */
const recent = new Map<string, FrontMatterYaml>();
const RECENT = 16;

/**
 * Reads a front matter block's YAML with the `yaml` package; never throws.
 * `schema: 'failsafe'` keeps every scalar as written (`id: 0012` stays `'0012'`,
 * `date: 2024-05-29` a string); `'core'` reads numbers and booleans as such.
 * Duplicate keys are allowed (the caller decides which wins).
 */
export function readFrontMatterYaml(block: FrontMatterBlock, text: string, schema: 'failsafe' | 'core'): FrontMatterYaml {
  if (block.yaml.length > MAX_FRONT_MATTER_CHARS) {
    return { problem: `it is over ${MAX_FRONT_MATTER_CHARS / 1024} KB, the most that is read` };
  }
  const cacheKey = `${schema}\n${block.yaml}`;
  const known = recent.get(cacheKey);
  if (known) return known;
  let read: FrontMatterYaml;
  try {
    const doc = parseDocument(block.yaml, { schema, uniqueKeys: false, prettyErrors: false });
    const error = doc.errors[0];
    // An error found only at the end (an unclosed quote) is placed on the YAML's last line, not on the closing fence.
    const at = Math.min(error?.pos[0] ?? 0, Math.max(0, block.yaml.trimEnd().length - 1));
    read = error ? { doc, problem: `line ${lineOf(text, block.yamlStart + at)}: ${error.message}` } : { doc };
  } catch (error) {
    read = { problem: error instanceof Error ? error.message : String(error) };
  }
  recent.set(cacheKey, read);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return read;
}

/** The 1-based line of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
