/**
 * `splitBlocks` as first written (a line sliced out and read by patterns), kept
 * as the reference its char-code version is tested against (draftChunks.test.ts).
 */
import { MAX_PIECE_LINES } from '../../../server/out/draft/chunks.js';

interface Chunk {
  /** Offset of the piece in the text it came from. */
  readonly start: number;
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPENERS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^ {0,3}<!--/, () => '-->'],
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, (m) => `</${m[1]!.toLowerCase()}>`],
  [/^ {0,3}<\?/, () => '?>'],
  [/^ {0,3}<!\[CDATA\[/, () => ']]>'],
  [/^ {0,3}<![A-Za-z]/, () => '>'],
];

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** What keeps later lines in the same piece: an open fence, HTML block or front matter. */
type Open = { readonly kind: 'fence'; readonly mark: string } | { readonly kind: 'html'; readonly end: string } | { readonly kind: 'front' };

function closes(open: Open, line: string): boolean {
  if (open.kind === 'html') return line.toLowerCase().includes(open.end);
  if (open.kind === 'front') return /^(?:---|\.\.\.)[ \t]*$/.test(line);
  const m = FENCE.exec(line);
  return !!m && m[1]![0] === open.mark[0] && m[1]!.length >= open.mark.length && isBlank(line.slice(m[0].length));
}

function opens(line: string): Open | undefined {
  const fence = FENCE.exec(line);
  if (fence) return { kind: 'fence', mark: fence[1]! };
  for (const [pattern, endOf] of HTML_OPENERS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const end = endOf(m);
    return line.slice(m[0].length).toLowerCase().includes(end) ? undefined : { kind: 'html', end };
  }
  return undefined;
}



/**
 * `splitBlocks('a\n\nb\n')` is `[{ start: 0, text: 'a\n\n' }, { start: 3, text: 'b\n' }]`;
 * `'- a\n\n  b'` stays one piece (the indented line continues the list).
 */
export function splitBlocksByLine(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let open: Open | undefined;
  let prevBlank = false;
  let lineStart = 0;
  let first = true;
  let lines = 0;
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    const next = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : Math.min(lineEnd + 1, text.length);
    const blank = isBlank(line);
    if (open) {
      if (closes(open, line)) open = undefined;
    } else {
      if ((prevBlank || lines >= MAX_PIECE_LINES) && !blank && line[0] !== ' ' && line[0] !== '\t' && lineStart > chunkStart) {
        chunks.push({ start: chunkStart, text: text.slice(chunkStart, lineStart) });
        chunkStart = lineStart;
        lines = 0;
      }
      open = first && /^---[ \t]*$/.test(line) ? { kind: 'front' } : opens(line);
    }
    prevBlank = blank;
    first = false;
    lines++;
    lineStart = next;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, text: text.slice(chunkStart) });
  return chunks;
}
