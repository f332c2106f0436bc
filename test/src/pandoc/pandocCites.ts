import { execFileSync } from 'node:child_process';

/** One `Citation` of a Pandoc `Cite` node, in document order. */
export interface PandocCite {
  readonly key: string;
  readonly mode: 'AuthorInText' | 'SuppressAuthor' | 'NormalCitation';
  /** Set when Verbatim reads this citation otherwise, for a reason the README's "Differences from Pandoc" gives. */
  readonly difference?: Difference;
}

/**
 * The documented differences, each with the words the README gives it:
 * - `definition`: `[@key]: target` opening a line is a link definition in CommonMark (and a
 *   Manubot citation tag), a citation followed by `: target` for Pandoc;
 * - `bare-url`: Pandoc reads `@jane` in a bare `https://medium.com/@jane` as a citation.
 */
export type Difference = 'definition' | 'bare-url';

const BARE_URL = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$/i;

interface Node { readonly t?: string; readonly c?: unknown }
interface CitationJson { readonly citationId: string; readonly citationMode: { readonly t: PandocCite['mode'] } }

/** True when Debian's `pandoc` runs here. */
export function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pandoc's reading of `markdown` as JSON (`pandoc -f markdown -t json`; `from` may turn extensions off). */
export function pandocJson(markdown: string, from = 'markdown'): { blocks: unknown[] } {
  const out = execFileSync('pandoc', ['-f', from, '-t', 'json'], { input: markdown, maxBuffer: 1 << 28 });
  return JSON.parse(out.toString('utf8')) as { blocks: unknown[] };
}

/** Every citation of every `Cite` node under `tree`, in document order. */
export function pandocCites(tree: unknown): PandocCite[] {
  const cites: PandocCite[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((node: Node, i) => {
        if (node?.t === 'Cite') {
          const [citations] = node.c as [CitationJson[]];
          const difference = differenceOf(citations, value[i - 1] as Node | undefined, value[i + 1] as Node | undefined, i);
          for (const c of citations) cites.push({ key: c.citationId, mode: c.citationMode.t, ...(difference ? { difference } : {}) });
        }
        walk(node);
      });
    } else if (value !== null && typeof value === 'object' && 'c' in value) {
      walk((value as Node).c);
    }
  };
  walk(tree);
  return cites;
}

function differenceOf(citations: readonly CitationJson[], prev: Node | undefined, next: Node | undefined, i: number): Difference | undefined {
  const lineStart = i === 0 || prev?.t === 'SoftBreak' || prev?.t === 'LineBreak';
  if (lineStart && citations.length === 1 && citations[0]!.citationMode.t === 'NormalCitation'
    && next?.t === 'Str' && String(next.c).startsWith(':')) return 'definition';
  if (prev?.t === 'Str' && BARE_URL.test(String(prev.c))) return 'bare-url';
  return undefined;
}

const MARKER = /^VERBATIMSNIPPET(\d+)$/;

/**
 * Pandoc's citations of each snippet, each read as a paragraph of its own. The snippets go
 * to one `pandoc` run, with a marker paragraph before each; a snippet whose marker went
 * missing (Pandoc 2.17 lets an unclosed `[` swallow later paragraphs: `a [@f; @g [see @h].`)
 * is read again alone, with the one before it.
 */
export function pandocCitesPerSnippet(snippets: readonly string[]): PandocCite[][] {
  const json = pandocJson(snippets.map((s, i) => `VERBATIMSNIPPET${i}\n\n${s}`).join('\n\n'));
  const blocks = new Map<number, unknown[]>();
  let current = -1;
  for (const block of json.blocks as Node[]) {
    const inlines = block.t === 'Para' ? (block.c as Node[]) : [];
    const marker = inlines.length === 1 && inlines[0]!.t === 'Str' ? MARKER.exec(String(inlines[0]!.c)) : null;
    if (marker) { current = Number(marker[1]); blocks.set(current, []); } else blocks.get(current)?.push(block);
  }
  return snippets.map((snippet, i) => {
    const own = blocks.has(i) && blocks.has(i + 1 < snippets.length ? i + 1 : i) ? blocks.get(i) : undefined;
    return pandocCites(own ?? pandocJson(snippet).blocks);
  });
}
