import type { Blockquote, Paragraph, Root, Text } from 'mdast';

/**
 * The tree micromark gives a piece that is one line of plain words, maybe in a
 * block quote (`> ` at its start), built without micromark; undefined for any
 * other piece. micromark reads about 10 MB a second, and 800 K characters of a
 * quoted line (`> “it is so” - - - … [@a]`) cost it 60-110 ms of CPU here.
 *
 * "Plain" is narrow on purpose: the line starts with a letter or a quote mark (so
 * it opens no list, heading, code, HTML, thematic break, definition or deeper
 * block quote), and holds none of `\ & ` * _ < ! (`, a tab, NUL or CR (no escape,
 * entity, code, emphasis, HTML, autolink, link or image). Brackets may stay: with
 * no `(` and no definition in the piece (a definition would start the line with
 * `[`), `[@a]` and `[a][b]` are read as text. Tested against micromark's trees on
 * random lines (`test/src/engine/simpleLine.test.ts`). `maxMarkup`: the most
 * brackets and `>` the parser reads as Markdown (`MAX_MARKUP`); beyond, undefined.
 */
export function simpleLineTree(body: string, maxMarkup: number): Root | undefined {
  let end = body.length;
  while (end > 0 && body.charCodeAt(end - 1) === 10) end--;
  let from = 0;
  if (body.charCodeAt(0) === 62) from = body.charCodeAt(1) === 32 ? 2 : 1; // `>`, `> `
  if (end <= from || !SAFE_START.test(body[from]!)) return undefined;
  let markup = from; // the `>`
  for (let i = from; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c === 91 || c === 93 || c === 62) markup++;
    // \n \r \t NUL \ & ` * _ < ! (
    if (c < 43 ? c === 10 || c === 13 || c === 9 || c === 0 || c === 38 || c === 33 || c === 40 || c === 42
      : c === 92 || c === 96 || c === 95 || c === 60) return undefined;
  }
  // More markup than the parser allows, and the slow path reads the piece as plain text (`parse.ts` `plainTree`).
  if (markup > maxMarkup) return undefined;
  let textEnd = end;
  while (textEnd > from && body.charCodeAt(textEnd - 1) === 32) textEnd--;
  const lines = end === body.length ? 1 : 1 + body.length - end;
  const rootEnd = { line: lines, column: lines === 1 ? body.length + 1 : 1, offset: body.length };
  const at = (offset: number) => ({ line: 1, column: offset + 1, offset });
  const text: Text = { type: 'text', value: body.slice(from, textEnd), position: { start: at(from), end: at(textEnd) } };
  const paragraph: Paragraph = { type: 'paragraph', children: [text], position: { start: at(from), end: at(end) } };
  if (from === 0) return { type: 'root', children: [paragraph], position: { start: at(0), end: rootEnd } };
  const quote: Blockquote = { type: 'blockquote', children: [paragraph], position: { start: at(0), end: at(end) } };
  return { type: 'root', children: [quote], position: { start: at(0), end: rootEnd } };
}

const SAFE_START = /^[A-Za-z\u201c\u2018"']/;
