/**
 * Makes text from files safe to print on a terminal or in a CI log: control
 * characters (ESC, CR, LF, and the C1 range) and the bidirectional overrides
 * become visible escapes, so a file name or front-matter id can neither drive
 * the terminal (colours, titles, clearing the screen) nor forge a line of output.
 * `printable('a\u001b[2Jb')` is `'a\\x1b[2Jb'`; `printable('x\nfake.md:1:1: error')` is one line.
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
